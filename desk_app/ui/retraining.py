"""Retraining from the window: a progress dialog that says what is happening (loading MNIST,
epoch k of n with the time left, converting), Cancel, and a question before quitting mid-run."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QProgressDialog


def can_train() -> str | None:
    """None when this installation can retrain; else what is missing, in words."""
    from importlib.util import find_spec

    from desk_app.ui.retrain import SCRIPT

    if not SCRIPT.is_file():
        return ("Retraining needs desk-app's source checkout (train_model.py), which this "
                "standalone app does not carry.")
    if find_spec("tensorflow") is None:
        return ("Retraining needs TensorFlow, which is not installed here. Install the training "
                "extra (pip install 'desk-app[train]'), then run train_model.py --finetune.")
    return None


class RetrainingMixin:
    """Fine-tuning on the user's samples in a separate process, for :class:`MainWindow`."""

    retrainer = None

    @property
    def user_model(self) -> Path:
        """Where retraining puts the user's own model (it takes over from the bundled one)."""
        return self.data_dir / "model" / "model.tflite"

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
        self.user_model.parent.mkdir(parents=True, exist_ok=True)
        self.retrainer = Retrainer(self.store.folder, base, self.user_model.parent, self)
        self._progress = QProgressDialog("Starting…", "Cancel", 0, 100, self)
        self._progress.setWindowTitle("Retraining with your samples")
        self._progress.setMinimumDuration(0)
        self._progress.setMinimumWidth(380)
        self._progress.canceled.connect(self.retrainer.cancel)
        self.retrainer.progress.connect(self._progress.setValue)
        self.retrainer.status.connect(self._progress.setLabelText)
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
            self.say(message + extra, 10000)
        elif outcome == "cancelled":
            self.say(message)
        else:
            self._fail(message)

    def confirm_quit(self) -> bool:
        """While retraining runs, ask before quitting; "yes" stops it cleanly."""
        if self.retrainer is None or not self.retrainer.running:
            return True
        answer = QMessageBox.question(
            self, "Quit desk-app?",
            "Retraining is still running. Quit and stop it? The current model stays.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.retrainer.cancel()
        return True
