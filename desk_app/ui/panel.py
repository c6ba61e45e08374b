"""The side panel: the answer large, its confidence, a bar per class, and what the network saw."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

UNSURE_BELOW = 0.6  # calibrated probability under which the answer is shown as a guess


class ProbabilityBars(QWidget):
    """Ten horizontal bars, one per digit, the best one highlighted. Clicking a digit says that
    this is what was meant (a correction)."""

    digitClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("probabilities")
        self._probs: list[float] = [0.0] * 10
        self.setMinimumSize(180, 10 * 18)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("The network's probability for each digit.\n"
                        "Wrong? Click the right digit (or type it) to teach it your hand.")

    def mousePressEvent(self, event) -> None:
        if any(self._probs) and event.button() == Qt.MouseButton.LeftButton:
            self.digitClicked.emit(min(9, int(event.position().y() / (self.height() / 10))))

    def set_probabilities(self, probs: Sequence[float] | None) -> None:
        self._probs = [float(p) for p in probs] if probs is not None else [0.0] * 10
        self.setAccessibleDescription(
            ", ".join(f"{d}: {p:.0%}" for d, p in enumerate(self._probs))
        )
        self.update()

    def probabilities(self) -> list[float]:
        return list(self._probs)

    def sizeHint(self) -> QSize:
        return QSize(220, 10 * 20)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        row = self.height() / 10
        label_w, pct_w = 18, 44
        bar_w = max(10.0, self.width() - label_w - pct_w - 8)
        best = max(range(10), key=lambda d: self._probs[d]) if any(self._probs) else -1
        for d, prob in enumerate(self._probs):
            y = d * row
            p.setPen(pal.color(QPalette.ColorRole.WindowText))
            p.drawText(QRectF(0, y, label_w, row), Qt.AlignmentFlag.AlignCenter, str(d))
            track = QRectF(label_w + 4, y + row * 0.2, bar_w, row * 0.6)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(pal.color(QPalette.ColorRole.AlternateBase))
            p.drawRoundedRect(track, 3, 3)
            role = QPalette.ColorRole.Highlight if d == best else QPalette.ColorRole.Mid
            p.setBrush(pal.color(role))
            p.drawRoundedRect(QRectF(track.x(), track.y(), bar_w * prob, track.height()), 3, 3)
            p.setPen(pal.color(QPalette.ColorRole.WindowText))
            p.drawText(QRectF(track.right() + 4, y, pct_w, row),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, f"{prob:.0%}")


class Panel(QWidget):
    """The answer: digit or number (objectName ``prediction``), confidence, one button per digit
    of a number, and for the chosen digit its bars and the 28x28 image the network read."""

    digitChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(240)
        self.prediction = QLabel(self)
        self.prediction.setObjectName("prediction")
        self.prediction.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(self.font())
        font.setPointSize(56)
        font.setBold(True)
        self.prediction.setFont(font)
        self.prediction.setMinimumHeight(96)
        self.prediction.setToolTip("The digit the network reads")
        self.confidence = QLabel(self)
        self.confidence.setObjectName("confidence")
        self.confidence.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.confidence.setWordWrap(True)
        self.bars = ProbabilityBars(self)
        self.seen = QLabel(self)
        self.seen.setObjectName("seen")
        self.seen.setFixedSize(28 * 5 + 2, 28 * 5 + 2)
        self.seen.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.seen.setFrameShape(QLabel.Shape.Box)
        self.seen.setToolTip("What the network saw: your drawing in MNIST's 28x28 format")
        self.digits = QWidget(self)
        self.digits.setObjectName("digits")
        self._digit_row = QHBoxLayout(self.digits)
        self._digit_row.setContentsMargins(0, 0, 0, 0)
        self._digit_buttons = QButtonGroup(self)
        self._digit_buttons.idClicked.connect(self.digitChosen)
        caption = QLabel("What the network saw", self)
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prediction)
        layout.addWidget(self.confidence)
        layout.addWidget(self.digits)
        layout.addSpacing(8)
        layout.addWidget(self.bars)
        layout.addSpacing(8)
        layout.addWidget(caption)
        layout.addWidget(self.seen, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.show_blank()

    def show_blank(self, message: str = "Draw a digit") -> None:
        """No answer: the label holds no digit."""
        self.prediction.setText("–")
        self.prediction.setAccessibleName("No digit")
        self.confidence.setText(message)
        self.bars.set_probabilities(None)
        self.seen.clear()
        self.set_digits([], -1)

    def set_digits(self, digits: Sequence[tuple[int, float]], selected: int) -> None:
        """One checkable button per digit of a number ("2 99%"); none for a single digit."""
        for b in self._digit_buttons.buttons():
            self._digit_buttons.removeButton(b)
            b.setParent(None)
            b.deleteLater()
        for i, (digit, conf) in enumerate(digits if len(digits) > 1 else []):
            b = QPushButton(f"{digit}\n{conf:.0%}", self.digits)
            b.setCheckable(True)
            b.setChecked(i == selected)
            b.setToolTip(f"Digit {i + 1}: show its probabilities and the image it was read from")
            self._digit_buttons.addButton(b, i)
            self._digit_row.addWidget(b)
        self.digits.setVisible(len(digits) > 1)

    def show_answer(self, text: str, probs: Sequence[float], seen: QImage | None,
                    confidence: float | None = None) -> None:
        """Show ``text`` (one digit, or a number) with the bars of one digit. ``confidence`` is
        the least sure digit's probability (by default the best of ``probs``)."""
        conf = max(float(q) for q in probs) if confidence is None else confidence
        unsure = conf < UNSURE_BELOW
        self.prediction.setText(text + ("?" if unsure else ""))
        self.prediction.setAccessibleName(f"Reads {text}")
        self.prediction.setEnabled(not unsure)  # greyed out when only a guess
        what = "maybe " + text if unsure else ""
        self.confidence.setText(f"Unsure: {what} ({conf:.0%})" if unsure else f"{conf:.0%} confident")
        self.bars.set_probabilities(probs)
        if seen is not None:
            self.seen.setPixmap(QPixmap.fromImage(seen).scaled(
                self.seen.size() - QSize(2, 2), Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.FastTransformation))
