"""The main window: canvas on the left, answer panel on the right, menus and a toolbar.

The window owns its parts and wires them together: the canvas and the panel, the commands
(``actions.Actions``), pictures in and out (``files.Files``), the samples that corrections keep
(``corrections.Corrections``) and retraining (``retraining.Retraining``). What a drawing reads as,
and the words for it, come from the core (``desk_app.reading``): the window asks and shows.

The app shows the window's frame first (``MainWindow(build=False)``, then ``build()`` before any
input is handled): the rest of Qt, the parts, NumPy and the LiteRT model load after it is on
screen, and TensorFlow never.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSize, QTimer
from PySide6.QtWidgets import QMainWindow

from desk_app import model_files
from desk_app.ui import setting_number, theme
from desk_app.ui.i18n import say
from desk_app.words import TITLE

# The rest of Qt (its Qt namespace alone takes longer to set up than an empty window takes to
# show) and the window's parts are imported by build(), after the window is on screen.

LIVE_INTERVAL_MS = 80  # answers while drawing at most this often


class MainWindow(QMainWindow):
    """desk-app's window. ``MainWindow()`` uses the bundled model; it does not show itself."""

    def __init__(self, model_path: str | Path | None = None, build: bool = True) -> None:
        """``build=False``: only the frame (title, size, theme), so that it can be shown at once;
        ``build()`` then makes the canvas, panel, menus and parts (the app calls it from its
        event loop). Either way the model loads on the event loop's first turn, or when a
        stroke needs it."""
        super().__init__()
        self.setWindowTitle(say(TITLE))
        self.setAcceptDrops(True)
        self._model_path = model_path
        self.recognizer = None
        self.model_error: str | None = None
        self.last_error: str | None = None
        self.last_probs = None
        self.reading = None
        self.corrected: dict[int, int] = {}  # digits of the reading the user corrected by typing
        self._selected = -1
        self._loaded = False
        self._built = False
        self._model_undo = False  # Ctrl+Z brings back the model that was just set aside
        self._settings = QSettings("desk-app", "desk-app")
        self.data_dir = model_files.data_dir()  # the command line finds the same folder
        self.set_theme(str(self._settings.value("theme", "system")), save=False)
        geometry = self._settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(self.first_size())
        if build:
            self.build()

    def first_size(self) -> QSize:
        """1200x640, or less where the screen is smaller: a laptop at 150% has 1280x720 logical
        pixels, and a window wider than its screen hides the panel off its edge."""
        from PySide6.QtGui import QGuiApplication

        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        if room is None or room.isEmpty():
            return QSize(1200, 640)
        return QSize(min(1200, int(room.width() * 0.95)), min(640, int(room.height() * 0.85)))

    def build(self) -> None:
        """The canvas, the panel, the commands and the parts; then the model, on the next turn."""
        if self._built:
            return
        self._built = True
        from PySide6.QtGui import QIcon

        from desk_app.ui.actions import Actions
        from desk_app.ui.canvas import PEN_RANGE, Canvas
        from desk_app.ui.corrections import Corrections
        from desk_app.ui.files import Files
        from desk_app.ui.panel import Panel
        from desk_app.ui.retraining import Retraining

        self.setWindowIcon(QIcon(str(model_files.assets_dir() / "desk-app.png")))
        pen = setting_number(self._settings.value("pen_width", 18), 18.0, *PEN_RANGE)
        self.canvas = Canvas(self, pen_width=pen)
        self.panel = Panel(self)
        self.setCentralWidget(self._central())
        self.files = Files(self, self.canvas, self._settings, self.say, self._fail, self.take_keyboard)
        self.corrections = Corrections(self.data_dir / "samples", self._fail)
        self.retraining = Retraining(self, self._settings, lambda: self.corrections.store,
                                     lambda: self.recognizer, lambda: self.load_model(reload=True),
                                     self.say, self._fail, self.take_keyboard,
                                     lambda running: self.actions.retrain.setEnabled(not running))
        self.actions = Actions(self)
        self.actions.themes[self._theme].setChecked(True)
        from desk_app.ui import i18n

        self.actions.languages[i18n.choice(self._settings)].setChecked(True)
        self.pen_box = self.actions.pen_box
        self.pen_box.setValue(round(pen))
        self.pen_box.valueChanged.connect(self._set_pen)
        self.pen_box.editingFinished.connect(self._pen_done)
        self.tape = None  # View > Tape makes it
        self._taped = None  # (the entry put on the tape last, the canvas it left)
        self._tape_timer = QTimer(self)
        self._tape_timer.setSingleShot(True)
        self._tape_timer.timeout.connect(self.to_tape)
        if str(self._settings.value("tape/on", "false")).lower() == "true":
            self.set_tape(True)
        self.canvas.setFocus()  # the keyboard goes to the canvas from the start
        self.say(self.tr("Draw a digit, or a whole number. Esc clears, Ctrl+Z undoes, F1 tells more."))
        self._live = QTimer(self)
        self._live.setSingleShot(True)
        self._live.setInterval(LIVE_INTERVAL_MS)
        self._connect()
        self._update_actions()
        QTimer.singleShot(0, self.load_model)  # after the window is on screen

    def _central(self):
        """The canvas, and beside it the panel. The panel scrolls when the window is short (a
        small or a scaled screen), so the window's minimum height is the canvas's, and the
        canvas keeps all the room the panel does not use."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QWidget

        side = QScrollArea(self)
        side.setObjectName("side")
        side.setWidget(self.panel)
        side.setWidgetResizable(True)
        side.setFrameShape(QFrame.Shape.NoFrame)
        side.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays with the canvas
        side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side.setFixedWidth(self.panel.width() + side.verticalScrollBar().sizeHint().width())
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(side, 0)
        return central

    def _connect(self) -> None:
        self._live.timeout.connect(self.recognize)
        self.canvas.strokeStarted.connect(self._on_started)
        self.canvas.strokeMoved.connect(self._on_moved)
        self.canvas.documentChanged.connect(self._drawing_changed)
        self.canvas.documentChanged.connect(self._update_actions)
        self.canvas.documentChanged.connect(self._tape_wait)
        self.canvas.strokeStarted.connect(self._tape_timer.stop)
        self.canvas.groupClicked.connect(self.select_digit)
        self.panel.digitChosen.connect(self.select_digit)
        self.panel.bars.digitClicked.connect(self.correct)

    # -- small things ----------------------------------------------------------------------------

    def say(self, message: str, ms: int = 6000) -> None:
        """A status message; the next stroke or answer replaces it."""
        self.statusBar().showMessage(message, ms)

    def _fail(self, message: str) -> None:
        """Say what went wrong without blocking (a modal dialog would stall tests and scripts)."""
        from PySide6.QtWidgets import QMessageBox

        message = message[:1].upper() + message[1:]
        self.last_error = message
        self.statusBar().showMessage(message, 10000)
        self.open_dialog_box(QMessageBox(QMessageBox.Icon.Warning, "desk-app", message,
                                         QMessageBox.StandardButton.Ok, self))

    def _update_actions(self) -> None:
        self.actions.undo.setEnabled(self.canvas.can_undo() or self.corrections.pending
                                        or self._model_undo)
        self.actions.redo.setEnabled(self.canvas.can_redo())
        self.actions.save.setEnabled(not self.canvas.is_empty)

    def _set_pen(self, width: int) -> None:
        self.canvas.set_pen_width(width)
        self._settings.setValue("pen_width", width)
        if not self.pen_box.lineEdit().isModified():  # changed by its arrows or [ ]: done
            self._pen_done()

    def _pen_done(self) -> None:
        from PySide6.QtCore import Qt

        if self.pen_box.hasFocus():
            self.canvas.setFocus(Qt.FocusReason.OtherFocusReason)

    def pen_step(self, delta: int) -> None:
        self.pen_box.setValue(self.pen_box.value() + delta)
        self.say(self.tr("Pen {width} px for new strokes.").format(width=self.pen_box.value()), 2000)

    def set_theme(self, name: str, save: bool = True) -> None:
        applied = self._theme = theme.apply(name)
        if self._built:
            self.actions.themes[applied].setChecked(True)
        if save:
            self._settings.setValue("theme", applied)

    def set_language(self, chosen: str) -> None:
        """View > Language: English, 中文, or the system's; remembered, spoken from the next start
        (said in the language chosen)."""
        from desk_app.ui import i18n

        self._settings.setValue(i18n.SETTING, chosen)
        self.actions.languages[chosen].setChecked(True)
        self.say(i18n.from_next_start(chosen), 8000)

    def show_shortcuts(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        rows = "".join(f"<tr><td><b>{k}</b></td><td>{t}</td></tr>" for k, t in self.actions.shortcut_rows())
        self.open_dialog_box(QMessageBox(QMessageBox.Icon.NoIcon, self.tr("Keyboard shortcuts"),
                                         f"<table cellspacing=6>{rows}</table>",
                                         QMessageBox.StandardButton.Close, self))

    # -- editing -----------------------------------------------------------------------------

    def undo(self) -> None:
        """Take back what was done last: restoring the bundled model, a correction, a stroke."""
        if self._model_undo:
            self.use_my_model()
        elif self._taped is not None and self._taped[1] is self.canvas.document:
            self.tape.take_back(self._taped[0])
            self._taped = None
            self.canvas.undo()
        elif not self.take_back_correction():
            self.canvas.undo()
        self._update_actions()

    def redo(self) -> None:
        self.canvas.redo()

    def clear(self) -> None:
        if self.reading is not None and self.reading.text.strip("?"):
            self.panel.remember(self.reading.text)
        was_empty = self.canvas.is_empty
        self.canvas.clear()
        self.recognize()
        if not was_empty:
            self.say(self.tr("Cleared. Ctrl+Z brings it back."), 3000)

    def delete_digit(self) -> None:
        """Delete: the chosen digit of a number goes (undoably); a single digit clears all."""
        if self.reading is None or len(self.reading.groups) < 2 or self.canvas.picture is not None:
            self.clear()
            return
        index = self._selected
        if self.canvas.remove_parts(self.reading.groups[index].indices):
            self.say(self.tr("Deleted digit {n}. Ctrl+Z brings it back.").format(n=index + 1), 3000)

    def set_eraser(self, on: bool) -> None:
        """E: the eraser removes whole strokes it touches; E again draws."""
        self.canvas.set_eraser(on)
        self.actions.eraser.setChecked(on)
        self.say(self.tr("Eraser: drag over the strokes to remove. E draws again.") if on
                 else self.tr("Drawing again."), 4000)

    # -- the tape ----------------------------------------------------------------------------

    def set_tape(self, on: bool) -> None:
        """View > Tape: answers go onto a tape beside the canvas after a pause (remembered)."""
        from PySide6.QtCore import Qt

        if on and self.tape is None:
            from desk_app.ui.tape import Tape

            self.tape = Tape(self, self.data_dir / "tape.json", self._settings,
                             lambda: self.corrections.store, self.say, self._fail, self.take_keyboard)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.tape)
        if self.tape is not None:
            self.tape.setVisible(on)
        self.actions.tape.setChecked(on)
        self._settings.setValue("tape/on", on)
        self._tape_timer.stop()
        if on:
            self.say(self.tr("Tape: each answer goes onto it {seconds} s after your last stroke. "
                             "Ctrl+T ends it.").format(seconds=f"{self.tape.seconds():g}"), 5000)
            self._tape_wait()

    def _tape_wait(self) -> None:
        """A stroke ended (or was undone): the answer goes onto the tape after the pause."""
        if self.tape is None or not self.tape.isVisible() or not self.canvas.strokes or self.canvas.erasing:
            self._tape_timer.stop()
            return
        self._tape_timer.start(round(self.tape.seconds() * 1000))

    def to_tape(self) -> bool:
        """Put the answer on the tape (a "?" for each piece that is not surely a digit) and
        clear the canvas for the next; nothing for a drawing with no digit in it."""
        from desk_app import tape
        from desk_app.reading import answer

        self._tape_timer.stop()
        if self.tape is None or self.reading is None or self.canvas.picture is not None:
            return False
        groups = self.reading.groups
        shown = answer(self.reading, self.corrected, self._selected, say=say)
        chars = [c if sure else "?" for c, sure in zip(shown.chars, shown.sure, strict=True)]
        if not any(shown.sure):
            self.say(self.tr("Not put on the tape: {why}. Esc clears.").format(why=shown.detail), 4000)
            return False
        entry = tape.entry(chars, shown.confidence, [g.image for g in groups],
                           [self.canvas.ink(g.indices)[0] for g in groups])
        self.tape.add(entry)
        self.panel.remember(shown.text)
        self.canvas.clear()
        self._taped = (entry, self.canvas.document)  # Ctrl+Z now takes it off the tape again
        said = self.tr("On the tape: {number}. Ctrl+Z brings the drawing back.")
        self.say(said.format(number="".join(chars)), 3000)
        return True

    def copy_answer(self) -> None:
        from PySide6.QtWidgets import QApplication

        text = self.reading.text if self.reading is not None else ""
        if not any(c.isdigit() for c in text):
            self.say(self.tr("No answer to copy yet."))
            return
        QApplication.clipboard().setText(text)
        self.say(self.tr("Copied {answer}.").format(answer=text))

    # -- the model ---------------------------------------------------------------------------

    def load_model(self, reload: bool = False) -> None:
        """Load the recogniser once: the one asked for, else the user's own, else the bundled
        one (as ``desk-app --read`` does). On failure the window keeps working and says why."""
        if self._loaded and not reload:
            return
        if not self._loaded:
            from desk_app.ui.retraining import Retraining

            Retraining.remove_stale(self.data_dir)
        self._loaded = True
        from desk_app.recognizer import ModelError, Recognizer

        for path in model_files.model_choices(self._model_path):
            try:
                self.recognizer = Recognizer(path)
                self.model_error = None
                break
            except ModelError as exc:
                self.recognizer, self.model_error = None, str(exc)
                if path == self.retraining.user_model:
                    self.say(self.tr("Your retrained model is unusable ({why}); using the bundled one.")
                             .format(why=exc), 10000)
        self._show_model()
        if self.recognizer is None:
            self.panel.show_blank(self.tr("No model: {why}").format(why=self.model_error))
            self.say(self.tr("No model loaded. {why}").format(why=self.model_error), 0)
            return
        if not self.canvas.is_empty:
            self.recognize()

    def model_words(self) -> str:
        """The model in use, in a few words (the Model menu and About say it)."""
        if self.recognizer is None:
            return self.tr("No model loaded: {why}").format(why=self.model_error)
        words = model_files.describe(self.recognizer.path, self.recognizer.card, say)
        return words[:1].upper() + words[1:]

    def _show_model(self) -> None:
        self.actions.model.setText(self.model_words())
        personal = self.recognizer is not None and self.recognizer.path == self.retraining.user_model
        self.actions.restore.setEnabled(personal and self._model_path is None)
        self.actions.use_mine.setEnabled(not personal and self._model_path is None
                                     and model_files.set_aside_path().is_file())

    def restore_bundled(self) -> None:
        """Go back to the bundled model; the user's own is set aside, so Model > Use my
        retrained model (or Ctrl+Z right away) brings it back."""
        if self._swap_model(self.retraining.user_model.parent, model_files.set_aside_path().parent):
            self._model_undo = True
            self._update_actions()
            self.say(self.tr("Now reading with the bundled model. Ctrl+Z, or Model > Use my retrained "
                             "model, brings yours back."), 10000)

    def use_my_model(self) -> None:
        """Bring back the retrained model that "Restore the bundled model" set aside."""
        if self._swap_model(model_files.set_aside_path().parent, self.retraining.user_model.parent):
            self.say(self.tr("Reading with your retrained model again."))

    def _swap_model(self, src: Path, dst: Path) -> bool:
        """Move a model folder by one rename (nothing half-moved), then reload."""
        import shutil

        self._model_undo = False
        try:
            if dst.exists():
                shutil.rmtree(dst)
            os.replace(src, dst)
        except OSError as exc:
            self._fail(self.tr("Could not switch models: {why}.").format(why=exc.strerror or exc))
            return False
        self.load_model(reload=True)
        return True

    # -- the answer --------------------------------------------------------------------------

    def _on_started(self) -> None:
        self.statusBar().clearMessage()
        self.panel.set_note("")
        self.corrected = {}
        self._model_undo = False

    def _on_moved(self) -> None:
        if not self._live.isActive():
            self._live.start()

    def _blank(self, message: str | None) -> None:
        self.reading = None
        self.last_probs = None
        self.canvas.set_boxes([])
        self.panel.show_blank(message)
        self.setWindowTitle(say(TITLE))

    def _drawing_changed(self) -> None:
        """A new drawing: what was said about the last one (notes, corrections) no longer holds."""
        self.statusBar().clearMessage()
        self.panel.set_note("")
        self.corrected = {}
        self._model_undo = False
        self.last_error = None
        self.recognize()

    def recognize(self) -> None:
        """Read what is on the canvas now and show it (a few milliseconds: no thread needed)."""
        self._live.stop()
        self.load_model()
        if self.canvas.is_empty or not self.canvas.strokes and self.canvas.picture is None:
            self._blank(None)
            return
        if self.recognizer is None:
            self._blank(self.tr("No model: {why}").format(why=self.model_error))
            return
        from desk_app.reading import read_canvas
        from desk_app.ui.images import qimage_to_array

        picture = self.canvas.picture
        size = self.canvas.size()
        try:
            self.reading = read_canvas(
                self.canvas.strokes, None if picture is None else qimage_to_array(picture),
                (size.width(), size.height()), self.canvas.pen_width(), self.recognizer.classify,
                self.recognizer.thresholds)
        except (ValueError, RuntimeError) as exc:
            self._blank(say(str(exc)))
            return
        if self.reading is None:
            self._blank(None)  # a click or a tap: nothing to say
            return
        groups = self.reading.groups
        last = len(self.canvas.strokes) - 1  # show the digit being written by default
        self._selected = next((i for i, g in enumerate(groups) if last in g.indices), len(groups) - 1)
        self._show_reading()

    def select_digit(self, index: int) -> None:
        """Show one digit of the number: its probabilities and the image it was read from."""
        if self.reading is not None and 0 <= index < len(self.reading.groups):
            self._selected = index
            self._show_reading()

    def _show_reading(self) -> None:
        from desk_app.reading import answer
        from desk_app.ui.images import gray_to_qimage

        groups, sel = self.reading.groups, self._selected
        chosen = groups[sel]
        self.last_probs = chosen.probs
        classes = self.recognizer.classes if self.recognizer is not None else 10
        shown = answer(self.reading, self.corrected, sel, classes, say)
        self.panel.show_answer(shown.text, shown.detail, shown.shares, gray_to_qimage(chosen.image),
                               shown.shown, shown.not_a_digit)
        self.panel.set_digits([(c, 1.0 if i in self.corrected else g.reading.confidence)
                               for i, (c, g) in enumerate(zip(shown.chars, groups, strict=True))], sel)
        self.canvas.set_boxes([g.box for g in groups] if len(groups) > 1 else [], sel)
        self.setWindowTitle(shown.title)

    # -- corrections and retraining ------------------------------------------------------------

    def correct(self, digit: int) -> bool:
        """Keep the digit on show (the chosen one of a number) as a sample labelled ``digit``."""
        if self.reading is None:
            self.say(self.tr("Draw a digit first, then type what it is."))
            return False
        group = self.reading.groups[self._selected]
        strokes, pressures = self.canvas.ink(group.indices)
        if not self.corrections.keep(group.image, digit, strokes, pressures, self.canvas.document,
                                     self._selected):
            return False
        self.corrected[self._selected] = digit
        self._show_reading()  # the answer follows the correction
        n, kept = len(self.reading.groups), len(self.corrections.store)
        if n > 1:
            note = self.tr("Saved digit {i} of {n} as {digit} (your %n sample(s)). Ctrl+Z takes it back.",
                           "", kept)
            said = self.tr("Kept digit {i} of {n} as a {digit}: your %n sample(s). Retrain with them: "
                           "Ctrl+R.", "", kept)
        else:
            note = self.tr("Saved as {digit} (your %n sample(s)). Ctrl+Z takes it back.", "", kept)
            said = self.tr("Kept the drawing as a {digit}: your %n sample(s). Retrain with them: Ctrl+R.",
                           "", kept)
        self.panel.set_note(note.format(i=self._selected + 1, n=n, digit=digit))
        self.say(said.format(i=self._selected + 1, n=n, digit=digit))
        self._update_actions()
        return True

    def take_back_correction(self) -> bool:
        """Undo the last correction, if it is the last thing done: the sample is deleted."""
        index = self.corrections.take_back(self.canvas.document)
        if index is None:
            return False
        self.corrected.pop(index, None)
        if self.reading is not None:
            self._show_reading()
        self.panel.set_note(self.tr("Sample removed."))
        self.say(self.tr("Sample removed: your %n sample(s) remain.", "", len(self.corrections.store)))
        return True

    def show_samples(self) -> None:
        from desk_app.ui.samples_dialog import SamplesDialog

        self.open_dialog_box(SamplesDialog(self.corrections.store, self))

    def retrain(self) -> bool:
        """Fine-tune the model in use on the user's samples (in a separate process)."""
        self.load_model()
        return self.retraining.start()

    def dragEnterEvent(self, event) -> None:
        from desk_app.ui.files import Files

        if Files.accepts(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        self.files.drop(event.mimeData())
        event.acceptProposedAction()

    # -- about and closing -------------------------------------------------------------------

    def about_text(self) -> str:
        from desk_app import __version__

        return self.tr(
                "<h3>desk-app {version}</h3><p>A drawing pad that reads handwritten digits "
                "live, with a convolutional network trained on MNIST. It says so when a drawing "
                "is not a digit.</p>"
                "<p><b>Model in use:</b> {model}.</p>"
                "<p>Released under the MIT license.</p>"
                "<p><b>Data:</b> the network learned from MNIST (Y. LeCun, C. Cortes and C. J. C. "
                "Burges). Its pen-drawn letters and the digits it is measured on come from UNIPEN "
                "(International Unipen Foundation, 1999; Zenodo, doi:10.5281/zenodo.1195803), "
                "used under CC BY 4.0: I. Guyon, L. Schomaker, R. Plamondon, M. Liberman and "
                "S. Janet, \"UNIPEN project of on-line data exchange and recognizer benchmarks\", "
                "ICPR 1994.</p><p>Keyboard shortcuts: Help &gt; Keyboard shortcuts (Ctrl+/).</p>"
            ).format(version=__version__, model=self.model_words())

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.NoIcon, self.tr("About desk-app"), self.about_text(),
                          QMessageBox.StandardButton.Close, self)
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        self.open_dialog_box(box)

    def open_dialog_box(self, dialog) -> None:
        """Open a window-modal dialog that deletes itself and gives the keyboard back."""
        from PySide6.QtCore import Qt

        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self.take_keyboard)
        dialog.open()

    def take_keyboard(self) -> None:
        """After a dialog: the window and its canvas get the keyboard back. A window manager
        would give the window focus again, but without one nobody does, and keys go nowhere."""
        QTimer.singleShot(0, self._take_keyboard)

    def _take_keyboard(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        if QApplication.activeModalWidget() is None and self.isVisible():
            self.activateWindow()
            self.canvas.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def closeEvent(self, event) -> None:
        if self._built and not self.retraining.confirm_quit():
            event.ignore()
            return
        if self._built and self.tape is not None:
            self.tape.finish()
        self._settings.setValue("geometry", self.saveGeometry())
        super().closeEvent(event)
