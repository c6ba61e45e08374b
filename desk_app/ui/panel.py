"""The side panel: the answer large, its confidence, a bar per class, and what the network saw."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desk_app.ui.i18n import say
from desk_app.words import DRAW, NOT_A_DIGIT_SIGN

WIDTH = 300  # the panel never grows with the answer, so the canvas never shrinks while you write
BIG = 56  # point size of a one-digit answer; longer numbers get smaller type to fit
HISTORY = 6  # answers kept in "Recent"
SEEN = 28 * 4 + 2  # the 28x28 image the network read, 4x, framed

class ProbabilityBars(QWidget):
    """A bar per digit with P(that digit), and, for a model that knows it, a last bar for "not a
    digit": together they sum to 100%, so a refusal never shows a full digit bar. The likeliest
    row is highlighted. Clicking a digit says that this is what was meant (a correction)."""

    digitClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("probabilities")
        self._probs: list[float] = [0.0] * 10
        self._not_a_digit: float | None = None
        self.setMinimumSize(180, 11 * 15)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("The network's probability for each digit, and that it is no digit "
                                "at all.\nWrong? Click the right digit (or type it) to teach it "
                                "your hand."))

    def _rows(self) -> list[tuple[str, float]]:
        rows = [(str(d), p) for d, p in enumerate(self._probs)]
        if self._not_a_digit is not None:
            rows.append((NOT_A_DIGIT_SIGN, self._not_a_digit))
        return rows

    def mousePressEvent(self, event) -> None:
        if any(self._probs) and event.button() == Qt.MouseButton.LeftButton:
            row = int(event.position().y() / (self.height() / 11))
            if row < 10:
                self.digitClicked.emit(row)

    def set_probabilities(self, probs: Sequence[float] | None, not_a_digit: float | None = None) -> None:
        """``probs``: P(d) for each digit; ``not_a_digit``: P(not a digit), None for a model
        without that class (the row stays empty)."""
        self._probs = [float(p) for p in probs] if probs is not None else [0.0] * 10
        self._not_a_digit = None if not_a_digit is None else float(not_a_digit)
        self.setAccessibleDescription(", ".join(
            f"{self.tr('not a digit') if k == NOT_A_DIGIT_SIGN else k}: {p:.0%}" for k, p in self._rows()))
        self.update()

    def probabilities(self) -> list[float]:
        return list(self._probs)

    def sizeHint(self) -> QSize:
        return QSize(220, 11 * 16)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        row = self.height() / 11
        label_w, pct_w = 18, 44
        bar_w = max(10.0, self.width() - label_w - pct_w - 8)
        rows = self._rows()
        best = max(range(len(rows)), key=lambda k: rows[k][1]) if any(v for _, v in rows) else -1
        text = pal.color(QPalette.ColorRole.WindowText)
        for k, (label, prob) in enumerate(rows):
            y = k * row
            p.setPen(text)
            p.drawText(QRectF(0, y, label_w, row), Qt.AlignmentFlag.AlignCenter, label)
            track = QRectF(label_w + 4, y + row * 0.2, bar_w, row * 0.6)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(text.red(), text.green(), text.blue(), 38))  # visible in light and dark
            p.drawRoundedRect(track, 3, 3)
            p.setBrush(pal.color(QPalette.ColorRole.Highlight) if k == best
                       else QColor(text.red(), text.green(), text.blue(), 150))
            p.drawRoundedRect(QRectF(track.x(), track.y(), bar_w * prob, track.height()), 3, 3)
            p.setPen(text)
            p.drawText(QRectF(track.right() + 4, y, pct_w, row),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, f"{prob:.0%}")


class Panel(QWidget):
    """The answer: digit or number (objectName ``prediction``), confidence, one button per digit
    of a number, and for the chosen digit its bars and the 28x28 image the network read."""

    digitChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(WIDTH)
        self.prediction = QLabel(self)
        self.prediction.setObjectName("prediction")
        self.prediction.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(self.font())
        font.setPointSize(BIG)
        font.setBold(True)
        self.prediction.setFont(font)
        self.prediction.setFixedHeight(SEEN + 18)
        self.prediction.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.prediction.setToolTip(self.tr("The digit the network reads"))
        self.confidence = self._words("confidence", 40)
        self.note = self._words("note", 36)  # what a correction did: "Saved as 5"
        self.bars = ProbabilityBars(self)
        self.seen = QLabel(self)
        self.seen.setObjectName("seen")
        self.seen.setFixedSize(SEEN, SEEN)
        self.seen.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.seen.setFrameShape(QLabel.Shape.Box)
        self.seen.setToolTip(self.tr("What the network saw: your drawing in MNIST's 28x28 format"))
        self.digit_scroll = self._digit_row_area()
        self._digit_buttons = QButtonGroup(self)
        self._digit_buttons.idClicked.connect(self.digitChosen)
        caption = QLabel(self.tr("what it read"), self)
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption.setToolTip(self.seen.toolTip())
        self.history = QLabel(self)
        self.history.setObjectName("history")
        self.history.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.history.setToolTip(self.tr("Your last answers (Ctrl+C copies the current one)"))
        self._history: list[str] = []
        self._lay_out(caption)
        self.show_blank()

    def _words(self, name: str, height: int) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setFixedHeight(height)
        return label

    def _digit_row_area(self) -> QScrollArea:
        """One button per digit of a number, in a row of fixed height that scrolls sideways
        when the number is long: nothing else moves."""
        self.digits = QWidget()
        self.digits.setObjectName("digits")
        self._digit_row = QHBoxLayout(self.digits)
        self._digit_row.setContentsMargins(0, 0, 0, 0)
        self._digit_row.addStretch(1)
        area = QScrollArea(self)
        area.setWidget(self.digits)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setFixedHeight(64)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return area

    def _lay_out(self, caption: QLabel) -> None:
        seen_box = QVBoxLayout()
        seen_box.setSpacing(2)
        seen_box.addWidget(self.seen)
        seen_box.addWidget(caption)
        top = QHBoxLayout()
        top.addWidget(self.prediction, 1)
        top.addLayout(seen_box, 0)
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.confidence)
        layout.addWidget(self.digit_scroll)
        layout.addWidget(self.bars)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(self.history)

    def show_blank(self, message: str | None = None) -> None:
        """No answer: the label holds no digit (``message``: why; by default, "Draw a digit")."""
        self._set_big("–")
        self.prediction.setEnabled(True)
        self.prediction.setAccessibleName(self.tr("No digit"))
        self.confidence.setText(message if message is not None else say(DRAW))
        self.bars.set_probabilities(None)
        self.seen.clear()
        self.set_digits([], -1)

    def set_digits(self, digits: Sequence[tuple[str, float]], selected: int) -> None:
        """One checkable button per digit of a number ("2 99%", "? 80%"); none for a single
        digit."""
        for b in self._digit_buttons.buttons():  # hidden and gone, never a window of its own
            self._digit_buttons.removeButton(b)
            self._digit_row.removeWidget(b)
            b.hide()
            b.setParent(None)
            b.deleteLater()
        for i, (digit, conf) in enumerate(digits if len(digits) > 1 else []):
            b = QPushButton(f"{digit}\n{conf:.0%}", self.digits)
            b.setCheckable(True)
            b.setChecked(i == selected)
            b.setFixedSize(44, 44)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays with the canvas
            b.setToolTip(self.tr("Digit {n}: show its probabilities and the image it was read from")
                         .format(n=i + 1))
            self._digit_buttons.addButton(b, i)
            self._digit_row.insertWidget(self._digit_row.count() - 1, b)
        if len(digits) > 1 and 0 <= selected < len(digits):
            self.digit_scroll.ensureVisible(50 * selected + 22, 22, 30, 0)

    def _set_big(self, text: str) -> None:
        """The answer in the largest type that fits the panel's fixed width."""
        font = QFont(self.prediction.font())
        size = BIG
        font.setPointSize(size)
        while size > 12 and len(text) > 1 and QFontMetrics(font).horizontalAdvance(text) > WIDTH - SEEN - 40:
            size -= 4
            font.setPointSize(size)
        self.prediction.setFont(font)
        self.prediction.setText(text)

    def set_note(self, text: str) -> None:
        self.note.setText(text)

    def remember(self, answer: str) -> None:
        """Add an answer to the short history of recent readings."""
        self._history = ([answer] + self._history)[:HISTORY]
        metrics, room = QFontMetrics(self.history.font()), WIDTH - 24
        shown = len(self._history)
        while True:  # as many as fit on the line, newest first: a long number never spills over
            text = self.tr("Recent: {answers}").format(answers="  ·  ".join(self._history[:shown]))
            if shown == 1 or metrics.horizontalAdvance(text) <= room:
                break
            shown -= 1
        self.history.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, room))

    def show_answer(self, text: str, detail: str, probs: Sequence[float], seen: QImage | None,
                    shown: bool = True, not_a_digit: float | None = None) -> None:
        """Show ``text`` (a digit, a number, or a sign for no digit) and ``detail`` (its
        confidence, or the verdict in words), with the bars of one drawing (P(d) for each
        digit, and P(not a digit)) and the image the network read. ``shown`` is False when no
        digit is given as the answer."""
        self._set_big(text)
        self.prediction.setAccessibleName(self.tr("Reads {answer}").format(answer=text) if shown else detail)
        self.prediction.setEnabled(shown)  # greyed out when there is no answer to give
        self.confidence.setText(detail)
        self.bars.set_probabilities(probs, not_a_digit)
        if seen is not None:
            self.seen.setPixmap(QPixmap.fromImage(seen).scaled(
                self.seen.size() - QSize(2, 2), Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.FastTransformation))
