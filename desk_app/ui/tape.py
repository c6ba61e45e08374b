"""The tape (View > Tape): beside the canvas, the answers written one after another. After a
pause the user chooses, the answer goes onto the tape and the canvas clears for the next number.
An entry can be corrected by typing over it; the tape can be copied and saved as CSV, and it is
kept across restarts (``desk_app.tape`` keeps the file)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app import tape
from desk_app.ui import setting_number

PAUSE_RANGE = (0.5, 10.0)  # seconds of stillness before an answer goes onto the tape
DEFAULT_PAUSE = 1.5


class TapeTable(QTableWidget):
    """The entries: number, confidence, time. Typing a digit on an entry starts correcting it
    (the window's digit keys, "this is what I meant", are for the canvas)."""

    def event(self, e: QEvent) -> bool:
        if (e.type() == QEvent.Type.ShortcutOverride and self.state() != QAbstractItemView.State.EditingState
                and e.text().isdigit() and not e.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            e.accept()  # the key comes here as a key press: it starts editing the entry
            return True
        return super().event(e)


class Tape(QDockWidget):
    """The tape's dock: its entries, Copy, Save CSV… and Clear, and the pause."""

    entryAdded = Signal()

    def __init__(self, parent: QWidget, path: Path, settings: QSettings, store,
                 say: Callable[[str], None], fail: Callable[[str], None],
                 after_dialog: Callable[[], None]) -> None:
        """``path``: the tape's file; ``store``: a function giving the sample store that
        corrections go to."""
        super().__init__(self.tr("Tape"), parent)
        self.setObjectName("tape")
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)  # View > Tape hides it
        self._path, self._settings, self._store = path, settings, store
        self._say, self._fail, self._after_dialog = say, fail, after_dialog
        self.entries, problem = tape.load(path)
        self.table = TapeTable(0, 3, self)
        self.table.setObjectName("tape_entries")
        self.table.setHorizontalHeaderLabels([self.tr("Number"), self.tr("Sure"), self.tr("Time")])
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setToolTip(self.tr("Your answers, newest last. Type over a number to correct it "
                                      "(the digits you change are kept as samples)."))
        self.table.itemChanged.connect(self._edited)
        self.pause = QDoubleSpinBox(self)
        self.pause.setObjectName("tape_pause")
        self.pause.setRange(*PAUSE_RANGE)
        self.pause.setSingleStep(0.5)
        self.pause.setDecimals(1)
        self.pause.setSuffix(self.tr(" s"))
        self.pause.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.pause.setToolTip(self.tr("How long to wait after the last stroke before the answer "
                                      "goes onto the tape"))
        self.pause.setValue(setting_number(settings.value("tape/pause", DEFAULT_PAUSE), DEFAULT_PAUSE,
                                           *PAUSE_RANGE))
        self.pause.valueChanged.connect(lambda v: settings.setValue("tape/pause", v))
        self.copy_button = self._button(self.tr("Copy"), self.copy, self.tr("Copy every number, one a line"))
        self.save_button = self._button(self.tr("Save CSV…"), self.save_dialog,
                                        self.tr("Save the tape as CSV: text, confidence, time"))
        self.clear_button = self._button(self.tr("Clear"), self.ask_clear, self.tr("Empty the tape"))
        self.setWidget(self._body())
        self._fill()
        if problem:
            fail(problem)

    def _button(self, text: str, slot, tip: str) -> QPushButton:
        b = QPushButton(text, self)
        b.setToolTip(tip)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays where it was
        b.clicked.connect(slot)
        return b

    def _body(self) -> QWidget:
        body = QWidget(self)
        rows = QVBoxLayout(body)
        rows.setContentsMargins(4, 4, 4, 4)
        wait = QHBoxLayout()
        wait.addWidget(QLabel(self.tr("Next after"), body))
        wait.addWidget(self.pause)
        wait.addStretch(1)
        rows.addLayout(wait)
        rows.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        for b in (self.copy_button, self.save_button, self.clear_button):
            buttons.addWidget(b)
        rows.addLayout(buttons)
        body.setMinimumWidth(240)
        return body

    def seconds(self) -> float:
        return self.pause.value()

    # -- the entries -----------------------------------------------------------------------------

    def _fill(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.entries))
        for row, e in enumerate(self.entries):
            self._show(row, e)
        self.table.blockSignals(False)
        self.table.scrollToBottom()
        self._enable()

    def _show(self, row: int, e: tape.Entry) -> None:
        number = QTableWidgetItem(e.text)
        number.setToolTip(self.tr("Your correction") if e.corrected else self.tr("Type to correct"))
        font = number.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        number.setFont(font)
        cells = [number, QTableWidgetItem(f"{e.confidence:.0%}"), QTableWidgetItem(e.when())]
        for col, item in enumerate(cells):
            if col:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, col, item)

    def _enable(self) -> None:
        for b in (self.copy_button, self.save_button, self.clear_button):
            b.setEnabled(bool(self.entries))

    def _keep(self) -> bool:
        try:
            tape.save(self._path, self.entries)
        except OSError as exc:
            self._fail(self.tr("Could not save the tape: {why}").format(why=exc.strerror or exc))
            return False
        return True

    def add(self, entry: tape.Entry) -> None:
        """A new answer at the bottom of the tape, kept at once."""
        self.entries.append(entry)
        self.table.blockSignals(True)
        self.table.insertRow(len(self.entries) - 1)
        self._show(len(self.entries) - 1, entry)
        self.table.blockSignals(False)
        self.table.scrollToBottom()
        self._enable()
        self._keep()
        self.entryAdded.emit()

    def finish(self) -> None:
        """Keep a correction being typed (the window is closing)."""
        if self.table.state() == QAbstractItemView.State.EditingState:
            self.table.setFocus()  # the editor loses the focus: its text is committed

    def take_back(self, entry: tape.Entry) -> None:
        """Take an entry off the tape again (Ctrl+Z right after it went on)."""
        if entry in self.entries:
            self.entries.remove(entry)
            self._fill()
            self._keep()

    def _edited(self, item: QTableWidgetItem) -> None:
        """A number typed over an entry: the entry takes it, and each digit that changed is kept
        as a sample (its image and strokes), as a correction on the canvas is."""
        row = item.row()
        old = self.entries[row]
        typed = item.text().strip()
        if typed == old.text:
            return
        if not tape.valid_text(typed):
            self._fail(self.tr("A tape entry is a number: type digits only ({number} kept).")
                       .format(number=old.text))
            self._fill()
            return
        kept = 0
        for pos, digit in tape.correction(old, typed):
            piece = old.pieces[pos]
            try:
                self._store().add_image(piece.image, digit, piece.strokes)
                kept += 1
            except (OSError, ValueError) as exc:
                self._fail(self.tr("Could not keep the sample: {why}").format(why=exc))
        old.text, old.confidence, old.corrected = typed, 1.0, True
        self._fill()
        self._keep()
        if kept:
            said = self.tr("Corrected to {number}: kept %n sample(s) to learn from.", "", kept)
            self._say(said.format(number=typed))
        else:
            self._say(self.tr("Corrected to {number}.").format(number=typed))

    # -- out ---------------------------------------------------------------------------------------

    def copy(self) -> None:
        QApplication.clipboard().setText(tape.as_text(self.entries))
        self._say(self.tr("Copied %n number(s).", "", len(self.entries)))

    def save_csv(self, path: str | Path) -> bool:
        try:
            tape.save_csv(path, self.entries)
        except OSError as exc:
            self._fail(self.tr("Could not save {name}: {why}.").format(name=Path(path).name,
                                                                         why=exc.strerror or exc))
            return False
        self._say(self.tr("Saved {path}").format(path=path))
        return True

    def save_dialog(self) -> None:
        folder = str(self._settings.value("folders/tape", "") or Path.home())
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the tape"), str(Path(folder) / "tape.csv"),
                                              self.tr("CSV files (*.csv)"))
        self._after_dialog()
        if path:
            self._settings.setValue("folders/tape", str(Path(path).parent))
            self.save_csv(path if path.lower().endswith(".csv") else path + ".csv")

    def ask_clear(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, "desk-app",
                          self.tr("Empty the tape (%n number(s))? Save it as CSV first to keep them.",
                                  "", len(self.entries)),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda code: self.clear() if code == QMessageBox.StandardButton.Yes else None)
        box.finished.connect(self._after_dialog)
        box.open()

    def clear(self) -> None:
        self.entries = []
        self._fill()
        self._keep()
        self._say(self.tr("The tape is empty."))
