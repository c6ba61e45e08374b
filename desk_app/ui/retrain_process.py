"""The fine-tuning process: train_model.py --finetune run in a QProcess (so the window never
freezes and never imports TensorFlow), its progress lines read as they come, Cancel, and the new
model swapped in only when the run succeeded. ``retraining`` is the window's side of it."""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

from desk_app.model_files import install
from desk_app.words import QT_TRANSLATE_NOOP

SCRIPT = Path(__file__).resolve().parents[2] / "train_model.py"
_PROGRESS = re.compile(r"^progress ([0-9.]+) (.*)$", re.MULTILINE)
_EPOCH = re.compile(r"Training: epoch (\d+) of (\d+)")
STEPS = (  # the words train_model.py says for its steps, translated here
    QT_TRANSLATE_NOOP("Retrainer", "Loading MNIST"),
    QT_TRANSLATE_NOOP("Retrainer", "Measuring the new model on MNIST"),
    QT_TRANSLATE_NOOP("Retrainer", "Converting the model for the app"),
    QT_TRANSLATE_NOOP("Retrainer", "Measuring the new model on pen-drawn digits"),
    QT_TRANSLATE_NOOP("Retrainer", "Training: starting"),
)
_ERROR = re.compile(r"^error: (.*)$", re.MULTILINE)
TEMP_PREFIX = "retrain-"
OWNER = "owner.pid"  # in each temporary folder: the process of the window that made it


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def remove_stale(folder: Path) -> None:
    """Remove the temporary folders of retrainings whose window is gone (a crash, a kill)."""
    for d in folder.glob(TEMP_PREFIX + "*"):
        try:
            pid = int((d / OWNER).read_text())
        except (OSError, ValueError):
            pid = 0
        if not pid or not _alive(pid):
            shutil.rmtree(d, ignore_errors=True)


class Retrainer(QObject):
    """Runs one fine-tuning and reports progress (0-100), the step in words with the time
    left, and the outcome. Everything the run prints goes to ``log``, never to a dialog."""

    progress = Signal(int)
    status = Signal(str)  # the step in words: loading MNIST, epoch k of n with time left, ...
    finished = Signal(str, str)  # outcome ("ok", "cancelled" or "failed"), message

    def __init__(self, samples: Path, base: Path, target: Path, parent=None,
                 mnist: str | None = None) -> None:
        super().__init__(parent)
        self.samples, self.base, self.target, self.mnist = samples, base, target, mnist
        self.process = QProcess(self)
        self.process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        self.process.readyReadStandardOutput.connect(self._read)
        self.process.finished.connect(self._done)
        self.process.errorOccurred.connect(self._error)
        remove_stale(target.parent)
        self._out = tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=target.parent)
        (Path(self._out) / OWNER).write_text(str(os.getpid()))
        self.log = target.parent / "retrain.log"
        self._log_file = open(self.log, "w", encoding="utf-8", errors="replace")  # noqa: SIM115
        self._error_line = ""
        self._cancelled = False
        self._started = 0.0

    def start(self) -> None:
        args = [str(SCRIPT), "--user-samples", str(self.samples), "--finetune", "--base",
                str(self.base), "--out", self._out, "--no-show", "--progress"]
        if self.mnist:
            args += ["--data", self.mnist]  # else $DESK_APP_MNIST or Keras's cache
        env = QProcessEnvironment.systemEnvironment()
        env.insert("TF_CPP_MIN_LOG_LEVEL", "3")
        self.process.setProcessEnvironment(env)
        self._started = time.monotonic()
        self.process.start(sys.executable, args)
        self.status.emit(self.tr("Starting TensorFlow…"))

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
        self._log_file.write(text)
        self._log_file.flush()
        errors = _ERROR.findall(text)
        if errors:
            self._error_line = errors[-1].strip()
        found = _PROGRESS.findall(text)
        if not found:
            return
        fraction, words = float(found[-1][0]), found[-1][1].strip()
        self.progress.emit(min(99, int(100 * fraction)))
        elapsed = time.monotonic() - self._started
        left = ""
        if fraction >= 0.25:  # the steps are weighted by their measured share of the run
            seconds = elapsed * (1 - fraction) / fraction
            left = (self.tr(", about {n} s left").format(n=f"{seconds:.0f}") if seconds < 90
                    else self.tr(", about {n} min left").format(n=f"{seconds / 60:.0f}"))
        self.status.emit(f"{self._step_words(words)}{left}…")

    def _step_words(self, words: str) -> str:
        """train_model.py's words for a step, in the window's language."""
        epoch = _EPOCH.fullmatch(words)
        if epoch:
            return self.tr("Training: epoch {n} of {total}").format(n=epoch[1], total=epoch[2])
        return self.tr(words) if words in STEPS else words

    def _error(self, error) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._finish("failed", self.tr("Could not start {name}: {why}").format(
                name=SCRIPT.name, why=self.process.errorString()))

    def _done(self, code: int, status) -> None:
        if self._cancelled:
            self._finish("cancelled", self.tr("Retraining cancelled; the current model stays."))
        elif code != 0 or status != QProcess.ExitStatus.NormalExit:
            reason = self._error_line or self.tr("it stopped with an error")
            reason = reason[:1].upper() + reason[1:].rstrip(".")
            self._finish("failed", self.tr("Retraining failed; the current model stays. {reason}. The "
                                           "details are in {log}.").format(reason=reason, log=self.log))
        else:
            self._install()
            self._finish("ok", self.tr("Retrained with your samples."))

    def _install(self) -> None:
        """Move the new model over the user's, so that every moment leaves a usable model."""
        self.target.mkdir(parents=True, exist_ok=True)
        install(Path(self._out), self.target)

    def _finish(self, outcome: str, message: str) -> None:
        self._log_file.close()
        shutil.rmtree(self._out, ignore_errors=True)
        self.finished.emit(outcome, message)
