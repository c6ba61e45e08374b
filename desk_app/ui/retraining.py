"""The window's retraining part: checks that a run can start (samples, TensorFlow, MNIST), a
progress dialog that says what is happening and how long is left, Cancel that asks first, and
at the end what changed, measured the same way before and after."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

translate = QCoreApplication.translate


def can_train() -> str | None:
    """None when this installation can retrain; else what is missing and what to do, in words."""
    from importlib.util import find_spec

    from desk_app.model_files import data_dir
    from desk_app.ui.retrain_process import SCRIPT

    steps = (f"python train_model.py --user-samples \"{data_dir() / 'samples'}\" --finetune "
             f"--out \"{data_dir() / 'model'}\"")
    if not SCRIPT.is_file():
        return translate("Retraining", "Retraining needs desk-app's source and TensorFlow, which this "
                         "standalone app leaves out to stay small. In a copy of desk-app's source folder, "
                         "run \"pip install '.[train]'\", then: {command}. The app reads with the new "
                         "model from its next start.").format(command=steps)
    if find_spec("tensorflow") is None:
        return translate("Retraining", "Retraining needs TensorFlow, which is not installed here. Install "
                         "the training extra (pip install 'desk-app[train]') and choose Retrain again, "
                         "or run: {command}").format(command=steps)
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
            self, self.tr("Stop retraining?"), self.tr("Stop retraining? The current model stays."),
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


class Retraining:
    """Fine-tuning on the user's samples in a separate process: the checks before it starts, the
    progress dialog, and what changed at the end. Made by the window, which hands it its
    settings, the samples, the model in use and how to reload it, and how to speak."""

    def __init__(self, parent: QWidget, settings: QSettings, store: Callable[[], object],
                 model: Callable[[], object], reload: Callable[[], None], say: Callable[..., None],
                 fail: Callable[[str], None], after_dialog: Callable[[], None],
                 running: Callable[[bool], None]) -> None:
        self._parent, self._settings, self._store, self._model = parent, settings, store, model
        self._reload, self._say, self._fail, self._after_dialog = reload, say, fail, after_dialog
        self._running = running  # told when a run starts (True) and ends (False)
        self.retrainer = None

    @property
    def user_model(self) -> Path:
        """Where retraining puts the user's own model (it takes over from the bundled one)."""
        from desk_app.model_files import user_model_path

        return user_model_path()

    @staticmethod
    def remove_stale(data_dir: Path) -> None:
        """Temporary folders of a run whose window crashed or was killed go at the next start."""
        from desk_app.ui.retrain_process import remove_stale

        if data_dir.is_dir():
            remove_stale(data_dir)

    def find_mnist(self) -> str | None:
        """MNIST for training: the folder chosen here before, else where training looks itself;
        None when there is none, after offering to choose it."""
        from desk_app.training.data import find_mnist, holds_mnist

        chosen = str(self._settings.value("mnist_dir", "") or "")
        found = find_mnist(chosen if chosen and holds_mnist(chosen) else None)
        if found is not None:
            return str(found)
        box = QMessageBox(QMessageBox.Icon.Information, translate("Retraining", "Retraining needs MNIST"),
                          translate("Retraining", "Retraining needs the MNIST digits, which are not on "
                                    "this computer where desk-app looks: choose the folder that holds them "
                                    "(the four MNIST files, or mnist.npz)."),
                          QMessageBox.StandardButton.Cancel, self._parent)
        choose = box.addButton(translate("Retraining", "Choose MNIST folder…"),
                               QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(choose)
        box.exec()
        self._after_dialog()
        if box.clickedButton() is not choose:
            return None
        folder = QFileDialog.getExistingDirectory(self._parent,
                                                  translate("Retraining", "The folder that holds MNIST"),
                                                  str(Path.home()))
        self._after_dialog()
        if not folder:
            return None
        if not holds_mnist(folder):
            self._fail(translate("Retraining", "{folder} holds no MNIST files (train-images-idx3-ubyte and "
                                 "the other three, gzipped or not) and no mnist.npz.").format(folder=folder))
            return None
        self._settings.setValue("mnist_dir", folder)
        return folder

    def _cannot_start(self) -> str | None:
        """Why a run cannot start now, in words; None when it can."""
        recognizer = self._model()
        base = recognizer.path.with_suffix(".keras") if recognizer else None
        if len(self._store()) == 0:
            return translate("Retraining", "No samples yet: when an answer is wrong, type the right digit.")
        missing = can_train()
        if missing is None and (base is None or not base.is_file()):
            missing = translate("Retraining", "Retraining needs the model's Keras file ({name}).").format(
                name=base.name if base else "model.keras")
        return missing

    def start(self) -> bool:
        """Fine-tune the model in use on the user's samples in a separate process."""
        from desk_app.ui.retrain_process import Retrainer

        if self.retrainer is not None:
            return False
        missing = self._cannot_start()
        if missing:
            self._fail(missing)
            return False
        mnist = self.find_mnist()
        if mnist is None:
            return False
        self.user_model.parent.mkdir(parents=True, exist_ok=True)
        self._before = self._measures()
        base = self._model().path.with_suffix(".keras")
        self.retrainer = Retrainer(self._store().folder, base, self.user_model.parent, self._parent, mnist)
        self._progress = ProgressDialog(translate("Retraining", "Starting…"),
                                        translate("Retraining", "Cancel"), 0, 100, self._parent)
        self._progress.setWindowTitle(translate("Retraining", "Retraining with your samples"))
        self._progress.setMinimumDuration(0)
        self._progress.setMinimumWidth(420)
        self._progress.setAutoClose(False)
        self._progress.setAutoReset(False)
        self._progress.canceled.connect(self.retrainer.cancel)
        self.retrainer.progress.connect(self._progress.setValue)
        self.retrainer.status.connect(self._progress.setLabelText)
        self.retrainer.finished.connect(self._finished)
        self.retrainer.start()
        self._progress.show()
        self._running(True)
        return True

    def _measures(self) -> tuple[float | None, float | None]:
        """The model in use on MNIST's test set (its card) and on the user's own samples."""
        recognizer = self._model()
        if recognizer is None:
            return None, None
        acc = recognizer.card.get("test_accuracy")
        images, labels = self._store().arrays()
        mine = None
        if len(labels):
            mine = float((recognizer.predict_mnist(images).argmax(axis=1) == labels).mean())
        return (acc if isinstance(acc, float) else None), mine

    def _finished(self, outcome: str, message: str) -> None:
        self._progress.canceled.disconnect()
        self._progress.hide()
        self._progress.deleteLater()
        self.retrainer = None
        self._running(False)
        self._after_dialog()
        if outcome == "ok":
            self._reload()
            self._say(message + " " + self._before_after(self._before, self._measures()), 15000)
        elif outcome == "cancelled":
            self._say(message)
        else:
            self._fail(message)

    @staticmethod
    def _before_after(before, after) -> str:
        def pct(v) -> str:
            return "?" if v is None else f"{v:.2%}"

        return translate("Retraining", "MNIST test set: {mnist_before} before, {mnist_now} now. Your samples "
                         "read right: {mine_before} before, {mine_now} now.").format(
            mnist_before=pct(before[0]), mnist_now=pct(after[0]), mine_before=pct(before[1]),
            mine_now=pct(after[1]))

    def confirm_quit(self) -> bool:
        """While retraining runs, ask before quitting; "yes" stops it cleanly."""
        if self.retrainer is None or not self.retrainer.running:
            return True
        answer = QMessageBox.question(
            self._parent, translate("Retraining", "Quit desk-app?"),
            translate("Retraining", "Retraining is still running. Quit and stop it? The current model "
                                    "stays."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        self._after_dialog()
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.retrainer.cancel()
        return True
