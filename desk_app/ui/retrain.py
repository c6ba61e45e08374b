"""Retraining from the window: train_model.py --finetune in a separate process (so the window
never freezes and never imports TensorFlow), a progress dialog with Cancel, and the new model
swapped in only when the run succeeded."""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, Signal

from desk_app.model_files import CARD_NAME, KERAS_NAME, TFLITE_NAME

SCRIPT = Path(__file__).resolve().parents[2] / "train_model.py"
_EPOCH = re.compile(r"Epoch (\d+)/(\d+)")
_STEP = re.compile(r"(\d+)/(\d+) \S*━")
# What train_model.py prints as it goes, and how the window says it.
PHASES = (("data:", "Loading MNIST…"), ("user samples:", "Mixing in your samples…"),
          ("fine-tuning", "Preparing the network…"),
          ("validation accuracy", "Converting the model for the app…"),
          ("wrote ", "Done: installing the new model…"))


class Retrainer(QObject):
    """Runs one fine-tuning and reports progress (0-100) and the outcome."""

    progress = Signal(int)
    status = Signal(str)  # the phase in words: loading MNIST, epoch k of n with time left, ...
    finished = Signal(str, str)  # outcome ("ok", "cancelled" or "failed"), message

    def __init__(self, samples: Path, base: Path, target: Path, parent=None) -> None:
        super().__init__(parent)
        self.samples, self.base, self.target = samples, base, target
        self.process = QProcess(self)
        self.process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        self.process.readyReadStandardOutput.connect(self._read)
        self.process.finished.connect(self._done)
        self.process.errorOccurred.connect(self._error)
        self._out = tempfile.mkdtemp(prefix="retrain-", dir=target.parent)
        self._log = ""
        self._epoch = (0, 1)
        self._cancelled = False
        self._started = 0.0  # when the first epoch began

    def start(self) -> None:
        args = [str(SCRIPT), "--user-samples", str(self.samples), "--finetune", "--base",
                str(self.base), "--out", self._out, "--no-show"]  # MNIST: $DESK_APP_MNIST or Keras's cache
        self.process.start(sys.executable, args)
        self.status.emit("Starting TensorFlow (about 20 s)…")

    @property
    def running(self) -> bool:
        return self.process.state() != QProcess.ProcessState.NotRunning

    def cancel(self) -> None:
        """Stop the run; the current model stays."""
        self._cancelled = True
        self.process.terminate()
        if not self.process.waitForFinished(5000):
            self.process.kill()

    def _read(self) -> None:
        text = bytes(self.process.readAllStandardOutput().data()).decode(errors="replace")
        self._log = (self._log + text)[-20000:]
        for marker, words in PHASES:
            if marker in text:
                self.status.emit(words)
        epochs = _EPOCH.findall(text)
        if epochs:
            self._epoch = tuple(map(int, epochs[-1]))
            self._started = self._started or time.monotonic()
        steps = _STEP.findall(text)
        done, total = self._epoch
        part = int(steps[-1][0]) / max(int(steps[-1][1]), 1) if steps else 0.0
        if done and total:
            fraction = (max(done - 1, 0) + part) / total
            self.progress.emit(int(100 * fraction))
            left = ""
            if fraction > 0.02:
                seconds = (time.monotonic() - self._started) * (1 - fraction) / fraction
                left = (f", about {seconds:.0f} s left" if seconds < 90
                        else f", about {seconds / 60:.0f} min left")
            self.status.emit(f"Training: epoch {done} of {total}{left}")

    def _error(self, error) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._finish("failed", f"Could not start {SCRIPT.name}: {self.process.errorString()}")

    def _done(self, code: int, status) -> None:
        if self._cancelled:
            self._finish("cancelled", "Retraining cancelled; the current model stays.")
        elif code != 0 or status != QProcess.ExitStatus.NormalExit:
            tail = "\n".join(self._log.strip().splitlines()[-3:])
            self._finish("failed", f"Retraining failed; the current model stays.\n{tail}")
        else:
            self._install()
            self._finish("ok", "Retrained with your samples.")

    def _install(self) -> None:
        """Move the new files over the user's model, the .tflite (what the app loads) last."""
        self.target.mkdir(parents=True, exist_ok=True)
        for name in (KERAS_NAME, CARD_NAME, "curves.png", "confusion.png", TFLITE_NAME):
            src = Path(self._out) / name
            if src.exists():
                os.replace(src, self.target / name)

    def _finish(self, outcome: str, message: str) -> None:
        shutil.rmtree(self._out, ignore_errors=True)
        self.finished.emit(outcome, message)
