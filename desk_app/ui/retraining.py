"""The window's retraining part: checks that a run can start (samples, TensorFlow, MNIST), a
progress dialog that says what is happening and how long is left, Cancel that asks first, and
at the end what changed, measured the same way before and after."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog


def can_train() -> str | None:
    """None when this installation can retrain; else what is missing and what to do, in words."""
    from importlib.util import find_spec

    from desk_app.model_files import data_dir
    from desk_app.ui.retrain import SCRIPT

    steps = (f"python train_model.py --user-samples \"{data_dir() / 'samples'}\" --finetune "
             f"--out \"{data_dir() / 'model'}\"")
    if not SCRIPT.is_file():
        return ("Retraining needs desk-app's source and TensorFlow, which this standalone app "
                "leaves out to stay small. In a copy of desk-app's source folder, run "
                "\"pip install '.[train]'\", then: " + steps + ". The app reads with the new "
                "model from its next start.")
    if find_spec("tensorflow") is None:
        return ("Retraining needs TensorFlow, which is not installed here. Install the training "
                "extra (pip install 'desk-app[train]') and choose Retrain again, or run: " + steps)
    return None


class ProgressDialog(QProgressDialog):
    """The progress of a retraining. Esc (the window's "clear" key) or closing it asks before it
    cancels a run that may have taken minutes."""

    def __init__(self, *args) -> None:
        super().__init__(*args)
        for shortcut in self.findChildren(QShortcut):  # Qt's own Esc = Cancel, without a word
            shortcut.setEnabled(False)

    def _confirmed(self) -> bool:
        answer = QMessageBox.question(
            self, "Stop retraining?", "Stop retraining? The current model stays.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            if self._confirmed():
                self.canceled.emit()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        if self._confirmed():
            super().closeEvent(event)  # cancels
        else:
            event.ignore()


class RetrainingMixin:
    """Fine-tuning on the user's samples in a separate process, for :class:`MainWindow`."""

    retrainer = None

    @property
    def user_model(self) -> Path:
        """Where retraining puts the user's own model (it takes over from the bundled one)."""
        from desk_app.model_files import user_model_path

        return user_model_path()

    def remove_stale_retraining(self) -> None:
        """Temporary folders of a run whose window crashed or was killed go at the next start."""
        from desk_app.ui.retrain import remove_stale

        if self.data_dir.is_dir():
            remove_stale(self.data_dir)

    def find_mnist(self) -> str | None:
        """MNIST for training: the folder chosen here before, else where training looks itself;
        None when there is none, after offering to choose it."""
        from desk_app.training.data import find_mnist, holds_mnist

        chosen = str(self._settings.value("mnist_dir", "") or "")
        found = find_mnist(chosen if chosen and holds_mnist(chosen) else None)
        while found is None:
            box = QMessageBox(QMessageBox.Icon.Information, "Retraining needs MNIST",
                              "Retraining needs the MNIST digits, which are not on this computer "
                              "where desk-app looks: choose the folder that holds them (the four "
                              "MNIST files, or mnist.npz).", QMessageBox.StandardButton.Cancel, self)
            choose = box.addButton("Choose MNIST folder…", QMessageBox.ButtonRole.AcceptRole)
            box.setDefaultButton(choose)
            box.exec()
            self.take_keyboard()
            if box.clickedButton() is not choose:
                return None
            folder = QFileDialog.getExistingDirectory(self, "The folder that holds MNIST", str(Path.home()))
            self.take_keyboard()
            if not folder:
                return None
            if holds_mnist(folder):
                self._settings.setValue("mnist_dir", folder)
                found = Path(folder)
            else:
                self._fail(f"{folder} holds no MNIST files (train-images-idx3-ubyte and the other "
                           "three, gzipped or not) and no mnist.npz.")
                return None
        return str(found)

    def retrain(self) -> bool:
        """Fine-tune the current model on the user's samples in a separate process."""
        from desk_app.ui.retrain import Retrainer

        self.load_model()
        if self.retrainer is not None:
            return False
        base = self.recognizer.path.with_suffix(".keras") if self.recognizer else None
        if len(self.store) == 0:
            self._fail("No samples yet: when an answer is wrong, type the right digit.")
            return False
        missing = can_train()
        if missing is None and (base is None or not base.is_file()):
            missing = f"Retraining needs the model's Keras file ({base.name if base else 'model.keras'})."
        if missing:
            self._fail(missing)
            return False
        mnist = self.find_mnist()
        if mnist is None:
            return False
        self.user_model.parent.mkdir(parents=True, exist_ok=True)
        self._before = self._measures()
        self.retrainer = Retrainer(self.store.folder, base, self.user_model.parent, self, mnist)
        self._progress = ProgressDialog("Starting…", "Cancel", 0, 100, self)
        self._progress.setWindowTitle("Retraining with your samples")
        self._progress.setMinimumDuration(0)
        self._progress.setMinimumWidth(420)
        self._progress.setAutoClose(False)
        self._progress.setAutoReset(False)
        self._progress.canceled.connect(self.retrainer.cancel)
        self.retrainer.progress.connect(self._progress.setValue)
        self.retrainer.status.connect(self._progress.setLabelText)
        self.retrainer.finished.connect(self._retrained)
        self.retrainer.start()
        self._progress.show()
        self.act_retrain.setEnabled(False)
        return True

    def _measures(self) -> tuple[float | None, float | None]:
        """The model in use on MNIST's test set (its card) and on the user's own samples."""
        if self.recognizer is None:
            return None, None
        acc = self.recognizer.card.get("test_accuracy")
        images, labels = self.store.arrays()
        mine = None
        if len(labels):
            mine = float((self.recognizer.predict_mnist(images).argmax(axis=1) == labels).mean())
        return (acc if isinstance(acc, float) else None), mine

    def _retrained(self, outcome: str, message: str) -> None:
        self._progress.canceled.disconnect()
        self._progress.hide()
        self._progress.deleteLater()
        self.retrainer = None
        self.act_retrain.setEnabled(True)
        self.take_keyboard()
        if outcome == "ok":
            self.load_model(reload=True)
            self.say(message + " " + self._before_after(self._before, self._measures()), 15000)
        elif outcome == "cancelled":
            self.say(message)
        else:
            self._fail(message)

    @staticmethod
    def _before_after(before, after) -> str:
        def pct(v) -> str:
            return "?" if v is None else f"{v:.2%}"

        return (f"MNIST test set: {pct(before[0])} before, {pct(after[0])} now. "
                f"Your samples read right: {pct(before[1])} before, {pct(after[1])} now.")

    def confirm_quit(self) -> bool:
        """While retraining runs, ask before quitting; "yes" stops it cleanly."""
        if self.retrainer is None or not self.retrainer.running:
            return True
        answer = QMessageBox.question(
            self, "Quit desk-app?",
            "Retraining is still running. Quit and stop it? The current model stays.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        self.take_keyboard()
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.retrainer.cancel()
        return True
