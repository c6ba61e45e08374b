"""The main window: canvas on the left, answer panel on the right, actions in a toolbar.

The window shows itself before anything heavy loads: NumPy, Pillow and the LiteRT model are
imported on the first turn of the event loop (or on first use), never TensorFlow.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QAction, QImage, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSpinBox,
    QToolBar,
    QWidget,
)

from desk_app.ui.canvas import Canvas
from desk_app.ui.panel import Panel

LIVE_INTERVAL_MS = 80  # answers while drawing at most this often
IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp);;All files (*)"


def _to_qimage(gray) -> QImage:
    """A float (H, W) array in [0, 1] as a grey QImage (ink white, like MNIST)."""
    import numpy as np

    a = np.ascontiguousarray((np.clip(gray, 0, 1) * 255).astype(np.uint8))
    return QImage(a.data, a.shape[1], a.shape[0], a.shape[1], QImage.Format.Format_Grayscale8).copy()


def _array_to_qimage(a) -> QImage:
    """A uint8 (H, W) or (H, W, 4) array as a QImage, for showing an opened picture."""
    import numpy as np

    a = np.ascontiguousarray(a)
    if a.ndim == 2:
        return QImage(a.data, a.shape[1], a.shape[0], a.shape[1],
                      QImage.Format.Format_Grayscale8).copy()
    return QImage(a.data, a.shape[1], a.shape[0], a.shape[1] * 4,
                  QImage.Format.Format_RGBA8888).copy()


def _qimage_to_array(img: QImage):
    import numpy as np

    img = img.convertToFormat(QImage.Format.Format_RGBA8888)
    ptr = img.constBits()
    a = np.frombuffer(ptr, np.uint8, count=img.sizeInBytes()).reshape(
        img.height(), img.bytesPerLine())[:, : img.width() * 4]
    return a.reshape(img.height(), img.width(), 4).copy()


class MainWindow(QMainWindow):
    """desk-app's window. ``MainWindow()`` uses the bundled model; it does not show itself."""

    def __init__(self, model_path: str | Path | None = None) -> None:
        super().__init__()
        self.setWindowTitle("desk-app: handwritten digits")
        self.setAcceptDrops(True)
        self._model_path = model_path
        self.recognizer = None
        self.model_error: str | None = None
        self.last_error: str | None = None
        self.last_probs = None
        self.reading = None
        self._selected = -1
        self._loaded = False
        self._settings = QSettings("desk-app", "desk-app")
        self.data_dir = Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.GenericDataLocation)) / "desk-app"
        self._store = None
        self.retrainer = None

        self.canvas = Canvas(self, pen_width=float(self._settings.value("pen_width", 18.0)))
        self.panel = Panel(self)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.panel, 0)
        self.setCentralWidget(central)
        self._build_actions()
        self.statusBar().showMessage("Draw a digit. Esc clears, Ctrl+Z undoes.")

        self._live = QTimer(self, singleShot=True, interval=LIVE_INTERVAL_MS)
        self._live.timeout.connect(self.recognize)
        self.canvas.strokeMoved.connect(self._on_moved)
        self.canvas.documentChanged.connect(self.recognize)
        self.canvas.groupClicked.connect(self.select_digit)
        self.panel.digitChosen.connect(self.select_digit)
        self.panel.bars.digitClicked.connect(self.correct)
        geometry = self._settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 520)
        QTimer.singleShot(0, self.load_model)  # after the window is on screen

    # -- actions -------------------------------------------------------------------------------

    def _action(self, text: str, slot, keys=(), tip: str = "") -> QAction:
        act = QAction(text, self)
        act.setShortcuts([QKeySequence(k) for k in keys])
        shortcut = " / ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
                              for k in keys)
        act.setToolTip(f"{tip or text} ({shortcut})" if shortcut else tip or text)
        act.setStatusTip(tip or text)
        act.triggered.connect(slot)
        self.addAction(act)
        return act

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.act_clear = self._action("Clear", self.clear, [Qt.Key.Key_Escape, Qt.Key.Key_Delete],
                                      "Clear the canvas")
        self.act_undo = self._action("Undo", self.canvas.undo, [K.Undo], "Undo the last stroke")
        self.act_redo = self._action("Redo", self.canvas.redo,
                                     ["Ctrl+Shift+Z", "Ctrl+Y"], "Redo the undone stroke")
        self.act_open = self._action("Open…", self.open_dialog, [K.Open],
                                     "Read a digit from an image file")
        self.act_paste = self._action("Paste", self.paste, [K.Paste],
                                      "Read a digit from an image on the clipboard")
        self.act_save = self._action("Save…", self.save_dialog, [K.Save],
                                     "Save the drawing as PNG")
        self.act_thinner = self._action("Thinner pen", lambda: self._pen_step(-2), ["["])
        self.act_thicker = self._action("Thicker pen", lambda: self._pen_step(2), ["]"])
        self.act_samples = self._action("My samples…", self.show_samples, ["Ctrl+M"],
                                        "Your corrected drawings: view, delete, export, import")
        self.act_retrain = self._action("Retrain with my samples", self.retrain, ["Ctrl+R"],
                                        "Adapt the model to your samples (a minute or two)")
        self.act_about = self._action("About", self.about, [K.HelpContents],
                                      "About desk-app and its model")
        self.act_quit = self._action("Quit", self.close, [K.Quit], "Quit desk-app")

        bar = QToolBar("Tools", self)
        bar.setObjectName("tools")
        bar.setMovable(False)
        for act in (self.act_clear, self.act_undo, self.act_redo, self.act_open, self.act_save):
            bar.addAction(act)
        bar.addSeparator()
        bar.addWidget(QLabel(" Pen ", bar))
        self.pen_box = QSpinBox(bar)
        self.pen_box.setObjectName("pen_width")
        self.pen_box.setRange(2, 60)
        self.pen_box.setSuffix(" px")
        self.pen_box.setValue(round(self.canvas.pen_width()))
        self.pen_box.setToolTip("Pen width ([ thinner, ] thicker)")
        self.pen_box.valueChanged.connect(self._set_pen)
        bar.addWidget(self.pen_box)
        bar.addSeparator()
        bar.addAction(self.act_samples)
        bar.addAction(self.act_retrain)
        bar.addAction(self.act_about)
        self.addToolBar(bar)
        self.canvas.documentChanged.connect(self._update_actions)
        self._update_actions()

    def _update_actions(self) -> None:
        self.act_undo.setEnabled(self.canvas.can_undo())
        self.act_redo.setEnabled(self.canvas.can_redo())
        self.act_clear.setEnabled(True)

    def _set_pen(self, width: int) -> None:
        self.canvas.set_pen_width(width)
        self._settings.setValue("pen_width", width)

    def _pen_step(self, delta: int) -> None:
        self.pen_box.setValue(self.pen_box.value() + delta)

    def keyPressEvent(self, event) -> None:
        # Escape and Delete clear even when the window is not the active one (no shortcut then).
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Delete):
            self.clear()
            event.accept()
            return
        if event.text().isdigit() and len(event.text()) == 1 and not event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            self.correct(int(event.text()))  # typing a digit corrects the answer
            event.accept()
            return
        super().keyPressEvent(event)

    # -- corrections ---------------------------------------------------------------------------

    @property
    def store(self):
        """The user's sample store (opened on first use; damage found is reported once)."""
        if self._store is None:
            from desk_app.samples import SampleStore

            self._store = SampleStore(self.data_dir / "samples")
            for warning in self._store.warnings:
                self._fail(warning)
        return self._store

    def correct(self, digit: int) -> bool:
        """Keep the digit on show (the chosen one of a number) as a sample labelled ``digit``."""
        if self.reading is None:
            self.statusBar().showMessage("Draw a digit first, then type or click what it is.", 4000)
            return False
        group = self.reading.groups[self._selected]
        try:
            if group.indices:
                strokes = self.canvas.strokes
                size = self.canvas.size()
                self.store.add([strokes[i] for i in group.indices], digit,
                               (size.width(), size.height()), self.canvas.pen_width())
            else:  # an opened picture
                self.store.add_image(group.image, digit)
        except (OSError, ValueError) as exc:
            self._fail(f"Could not keep the sample: {exc}")
            return False
        verdict = "Thanks" if digit != group.digit else "Confirmed"
        self.statusBar().showMessage(
            f"{verdict}: kept as a {digit} ({len(self.store)} samples). "
            "Retrain with them: Ctrl+R.", 6000)
        return True

    def show_samples(self) -> None:
        from desk_app.ui.samples_dialog import SamplesDialog

        SamplesDialog(self.store, self).open()

    # -- the model -----------------------------------------------------------------------------

    @property
    def user_model(self) -> Path:
        """Where retraining puts the user's own model (it takes over from the bundled one)."""
        return self.data_dir / "model" / "model.tflite"

    def load_model(self, reload: bool = False) -> None:
        """Load the recogniser once: the one asked for, else the user's own, else the bundled
        one. On failure the window keeps working and says why."""
        if self._loaded and not reload:
            return
        self._loaded = True
        from desk_app.recognizer import ModelError, Recognizer

        candidates = [self._model_path] if self._model_path else (
            [self.user_model] if self.user_model.is_file() else []) + [None]
        for path in candidates:
            try:
                self.recognizer = Recognizer(path)
                self.model_error = None
                break
            except ModelError as exc:
                self.recognizer, self.model_error = None, str(exc)
                if path == self.user_model:
                    self.statusBar().showMessage(f"Your retrained model is unusable ({exc}); "
                                                 "using the bundled one.")
        if self.recognizer is None:
            self.panel.show_blank(f"No model: {self.model_error}")
            self.statusBar().showMessage(f"No model loaded. {self.model_error}")
            return
        if not self.canvas.is_empty:
            self.recognize()

    # -- retraining ----------------------------------------------------------------------------

    def retrain(self) -> bool:
        """Fine-tune the current model on the user's samples in a separate process."""
        from desk_app.ui.retrain import SCRIPT, Retrainer

        self.load_model()
        if self.retrainer is not None:
            return False
        base = self.recognizer.path.with_suffix(".keras") if self.recognizer else None
        if len(self.store) == 0:
            self._fail("No samples yet: when an answer is wrong, type or click the right digit.")
            return False
        if not SCRIPT.is_file() or base is None or not base.is_file():
            self._fail("Retraining needs desk-app's source checkout with the training extras "
                       f"(train_model.py and {base.name if base else 'model.keras'}).")
            return False
        self.user_model.parent.mkdir(parents=True, exist_ok=True)
        self.retrainer = Retrainer(self.store.folder, base, self.user_model.parent, self)
        self._progress = QProgressDialog("Retraining with your samples…", "Cancel", 0, 100, self)
        self._progress.setWindowTitle("desk-app")
        self._progress.setMinimumDuration(0)
        self._progress.canceled.connect(self.retrainer.cancel)
        self.retrainer.progress.connect(self._progress.setValue)
        self.retrainer.finished.connect(self._retrained)
        self.retrainer.start()
        self._progress.show()
        self.act_retrain.setEnabled(False)
        return True

    def _retrained(self, outcome: str, message: str) -> None:
        self._progress.canceled.disconnect()
        self._progress.close()
        self.retrainer = None
        self.act_retrain.setEnabled(True)
        if outcome == "ok":
            self.load_model(reload=True)
            acc = self.recognizer.card.get("test_accuracy") if self.recognizer else None
            extra = f" MNIST test accuracy {acc:.2%}." if isinstance(acc, float) else ""
            self.statusBar().showMessage(message + extra, 10000)
        elif outcome == "cancelled":
            self.statusBar().showMessage(message, 6000)
        else:
            self._fail(message)

    def _on_moved(self) -> None:
        if not self._live.isActive():
            self._live.start()

    def recognize(self) -> None:
        """Read what is on the canvas now and show it (a few milliseconds: no thread needed)."""
        self._live.stop()
        self.load_model()
        self.reading = None
        if self.canvas.is_empty or self.recognizer is None:
            self.last_probs = None
            self.canvas.set_boxes([])
            self.panel.show_blank("Draw a digit" if self.recognizer else f"No model: {self.model_error}")
            return
        from desk_app import imaging, numbers

        try:
            if self.canvas.picture is not None:
                seen = imaging.image_to_mnist(_qimage_to_array(self.canvas.picture))
                probs = self.recognizer.predict_mnist(seen[None])[0]
                self.reading = numbers.Reading([numbers.Group((), (0, 0, 0, 0), probs, seen)])
            else:
                size = self.canvas.size()
                self.reading = numbers.read(self.recognizer, self.canvas.strokes,
                                            (size.width(), size.height()), self.canvas.pen_width())
        except ValueError as exc:
            self.last_probs = None
            self.canvas.set_boxes([])
            self.panel.show_blank(str(exc))
            return
        last = len(self.canvas.strokes) - 1  # show the digit being written by default
        groups = self.reading.groups
        self._selected = next((i for i, g in enumerate(groups) if last in g.indices), len(groups) - 1)
        self._show_reading()

    def select_digit(self, index: int) -> None:
        """Show one digit of the number: its probabilities and the image it was read from."""
        if self.reading is not None and 0 <= index < len(self.reading.groups):
            self._selected = index
            self._show_reading()

    def _show_reading(self) -> None:
        groups, sel = self.reading.groups, self._selected
        chosen = groups[sel]
        self.last_probs = chosen.probs
        self.panel.show_answer(self.reading.text, chosen.probs, _to_qimage(chosen.image),
                               min(g.confidence for g in groups))
        self.panel.set_digits([(g.digit, g.confidence) for g in groups], sel)
        self.canvas.set_boxes([g.box for g in groups] if len(groups) > 1 else [], sel)

    # -- commands ------------------------------------------------------------------------------

    def clear(self) -> None:
        self.canvas.clear()
        self.recognize()
        self.statusBar().showMessage("Cleared. Ctrl+Z brings it back.", 3000)

    def _fail(self, message: str) -> None:
        """Say what went wrong without blocking (a modal dialog would stall tests and scripts)."""
        self.last_error = message
        self.statusBar().showMessage(message, 10000)
        box = QMessageBox(QMessageBox.Icon.Warning, "desk-app", message,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def open_image(self, source) -> bool:
        """Show and read an image: a path or a QImage. On failure, say why and change nothing."""
        from desk_app import imaging

        try:
            if isinstance(source, QImage):
                if source.isNull():
                    raise ValueError("the clipboard image is empty")
                array = _qimage_to_array(source)
            else:
                array = imaging.load(source)
            imaging.image_to_mnist(array)  # readable as a digit? fail before changing anything
        except ValueError as exc:
            self._fail(str(exc))
            return False
        self.last_error = None
        self.canvas.set_picture(_array_to_qimage(array))
        name = Path(source).name if not isinstance(source, QImage) else "pasted image"
        self.statusBar().showMessage(f"Reading {name}. Draw to replace it, Ctrl+Z to undo.", 5000)
        return True

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open an image of a digit", "", IMAGE_FILTER)
        if path:
            self.open_image(path)

    def paste(self) -> None:
        mime = QApplication.clipboard().mimeData()
        if mime is not None and mime.hasImage():
            self.open_image(QImage(mime.imageData()))
        elif mime is not None and mime.hasUrls() and mime.urls()[0].isLocalFile():
            self.open_image(mime.urls()[0].toLocalFile())
        else:
            self._fail("The clipboard holds no image.")

    def dragEnterEvent(self, event) -> None:
        mime = event.mimeData()
        if mime.hasImage() or (mime.hasUrls() and mime.urls()[0].isLocalFile()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        mime = event.mimeData()
        if mime.hasImage():
            self.open_image(QImage(mime.imageData()))
        elif mime.hasUrls():
            self.open_image(mime.urls()[0].toLocalFile())
        event.acceptProposedAction()

    def save_png(self, path: str | Path) -> bool:
        """Write the drawing as PNG atomically; on failure, say why."""
        if self.canvas.is_empty:
            self._fail("Nothing to save: the canvas is empty.")
            return False
        from desk_app import atomic

        path = Path(path)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.canvas.render_image().save(buffer, "PNG")
        buffer.close()
        try:
            atomic.write_bytes(path, bytes(data))
        except OSError as exc:
            self._fail(f"Could not save {path}: {exc.strerror or exc}")
            return False
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    def save_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the drawing", "digit.png",
                                              "PNG images (*.png)")
        if path:
            self.save_png(path if path.lower().endswith(".png") else path + ".png")

    def about_text(self) -> str:
        card = self.recognizer.card if self.recognizer else {}
        if self.recognizer is None:
            model = f"No model loaded: {self.model_error}"
        else:
            acc = card.get("test_accuracy")
            model = (f"Model: {self.recognizer.path.name} ({card.get('arch', 'unknown')} network"
                     + (f", {acc:.2%} on the MNIST test set" if isinstance(acc, float) else "")
                     + (f", trained {card['date'][:10]}" if "date" in card else "") + ")")
        return ("<h3>desk-app</h3><p>A drawing pad that reads handwritten digits live, "
                "with a convolutional network trained on MNIST.</p>" f"<p>{model}</p>")

    def about(self) -> None:
        QMessageBox.about(self, "About desk-app", self.about_text())

    def closeEvent(self, event) -> None:
        self._settings.setValue("geometry", self.saveGeometry())
        super().closeEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        probe = os.environ.get("DESK_APP_STARTUP_PROBE")
        if probe:  # for `make bench`: when the window was first shown
            QTimer.singleShot(0, lambda: self._probe(probe))

    def _probe(self, path: str) -> None:
        shown = time.time()
        self.load_model()
        Path(path).write_text(f"{shown} {time.time()}\n")
        QApplication.quit()
