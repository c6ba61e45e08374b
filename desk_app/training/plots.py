"""Training curves and the confusion matrix, as PNG files (written atomically)."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np

from desk_app import atomic


def _save(fig, path: Path) -> None:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    atomic.write_bytes(path, buf.getvalue())


def curves_figure(history: dict[str, list[float]], title: str, fig=None):
    """Loss and accuracy per epoch, training and validation, side by side in one figure (drawn
    anew into ``fig`` when given: the live window while training)."""
    import matplotlib.pyplot as plt

    epochs = np.arange(1, len(history["loss"]) + 1)
    if fig is None:
        fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 4))
    else:
        fig.clf()
        ax_loss, ax_acc = fig.subplots(1, 2)
    for ax, key, label in ((ax_loss, "loss", "Loss"), (ax_acc, "accuracy", "Accuracy")):
        ax.plot(epochs, history[key], "o-", label="training")
        if f"val_{key}" in history:
            ax.plot(epochs, history[f"val_{key}"], "s-", label="validation")
        ax.set_xlabel("epoch")
        ax.set_title(label)
        ax.grid(alpha=0.3)
        ax.legend()
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def confusion_figure(y_true: np.ndarray, y_pred: np.ndarray, title: str):
    """Counts of true digit (rows) against predicted digit (columns), errors highlighted."""
    import matplotlib.pyplot as plt

    cm = np.zeros((10, 10), dtype=np.int64)
    np.add.at(cm, (y_true.astype(int), y_pred.astype(int)), 1)
    errors = cm.copy()
    np.fill_diagonal(errors, 0)
    fig, ax = plt.subplots(figsize=(6.5, 6))
    ax.imshow(errors, cmap="Reds")
    for i in range(10):
        for j in range(10):
            if cm[i, j]:
                ax.text(j, i, str(cm[i, j]), ha="center", va="center", fontsize=8,
                        color="black" if i != j else "tab:blue")
    ax.set_xticks(range(10))
    ax.set_yticks(range(10))
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def save_figure(fig, path: str | Path) -> None:
    _save(fig, Path(path))


def live_curves(total_epochs: int, show: bool):
    """A Keras callback that prints each epoch with the time left and, when ``show``, redraws
    the curves in a window after every epoch. Closing the window only stops the live view."""
    import time

    import keras
    import matplotlib.pyplot as plt

    class LiveCurves(keras.callbacks.Callback):
        def __init__(self) -> None:
            super().__init__()
            self.history: dict[str, list[float]] = {}
            self.fig = None
            self.start = 0.0

        def on_train_begin(self, logs=None) -> None:
            self.start = time.perf_counter()
            if show:
                plt.ion()
                self.fig = plt.figure(figsize=(10, 4))
                self.fig.canvas.manager.set_window_title("desk-app: training")

        def on_epoch_end(self, epoch: int, logs=None) -> None:
            for k, v in (logs or {}).items():
                self.history.setdefault(k, []).append(float(v))
            done = epoch + 1
            elapsed = time.perf_counter() - self.start
            left = elapsed / done * (total_epochs - done)
            print(f"epoch {done}/{total_epochs}: loss {logs.get('loss', float('nan')):.4f}, "
                  f"accuracy {logs.get('accuracy', float('nan')):.4f}, validation accuracy "
                  f"{logs.get('val_accuracy', float('nan')):.4f}; {elapsed / 60:.1f} min so far, "
                  f"about {left / 60:.1f} min left", flush=True)
            if self.fig is not None and plt.fignum_exists(self.fig.number):
                curves_figure(self.history, f"training: epoch {done} of {total_epochs}", self.fig)
                self.fig.canvas.draw_idle()
                plt.pause(0.05)

        def on_train_end(self, logs=None) -> None:
            if self.fig is not None:
                plt.ioff()
                if plt.fignum_exists(self.fig.number):
                    plt.close(self.fig)

    return LiveCurves()
