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


def curves_figure(histories: list[dict[str, list[float]]], title: str, fig=None):
    """Loss and accuracy per epoch, training and validation, side by side in one figure, one
    pair of lines per member of the ensemble (drawn anew into ``fig`` when given: the live
    window while training). Epochs are whole numbers on the axis."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    if fig is None:
        fig = plt.figure(figsize=(10, 4))
    fig.clf()
    ax_loss, ax_acc = fig.subplots(1, 2)
    for ax, key, label in ((ax_loss, "loss", "Loss"), (ax_acc, "accuracy", "Accuracy")):
        for k, history in enumerate(histories):
            name = f"member {k + 1}, " if len(histories) > 1 else ""
            epochs = np.arange(1, len(history.get(key, [])) + 1)
            ax.plot(epochs, history.get(key, []), "o-", label=f"{name}training")
            if f"val_{key}" in history:
                ax.plot(epochs, history[f"val_{key}"], "s--", label=f"{name}validation")
        ax.set_xlabel("epoch")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_title(label)
        ax.grid(alpha=0.3)
        ax.legend(fontsize="small")
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


def save_figure(fig, path: str | Path, close: bool = False) -> None:
    """Write ``fig`` as PNG (atomically); ``close`` it too, so that it never opens a window."""
    _save(fig, Path(path))
    if close:
        import matplotlib.pyplot as plt

        plt.close(fig)


class Curves:
    """The training curves: one line per epoch on the console, and with ``show`` one window,
    redrawn after every epoch of every member, that stays open at the end until it is closed."""

    def __init__(self, show: bool) -> None:
        self.show = show
        self.histories: list[dict[str, list[float]]] = []
        self.fig = None
        if show:
            import matplotlib.pyplot as plt

            plt.ion()
            self.fig = plt.figure(figsize=(10, 4))
            self.fig.canvas.manager.set_window_title("desk-app: training")

    def callback(self, member: str, total_epochs: int, members_after: int = 0):
        """A Keras callback for one member's ``fit``: an epoch line with the training time left
        (``members_after`` more networks to train after this one), and the window redrawn."""
        import time

        import keras

        history: dict[str, list[float]] = {}
        self.histories.append(history)
        curves = self

        class EpochLine(keras.callbacks.Callback):
            def on_train_begin(self, logs=None) -> None:
                self.start = time.perf_counter()

            def on_epoch_end(self, epoch: int, logs=None) -> None:
                logs = logs or {}
                for k, v in logs.items():
                    history.setdefault(k, []).append(float(v))
                done, elapsed = epoch + 1, time.perf_counter() - self.start
                left = elapsed / done * (total_epochs - done + members_after * total_epochs)
                print(f"{member}epoch {done}/{total_epochs}: loss {logs.get('loss', float('nan')):.4f}, "
                      f"accuracy {logs.get('accuracy', float('nan')):.4f}, validation accuracy "
                      f"{logs.get('val_accuracy', float('nan')):.4f}; {elapsed:.0f} s so far, "
                      f"about {left / 60:.1f} min left", flush=True)
                if curves.fig is not None:  # no window: drawn once, at the end, for curves.png
                    curves.redraw(f"training: {member}epoch {done} of {total_epochs}")

        return EpochLine()

    def redraw(self, title: str):
        """Draw the curves so far (into the window, when there is one); returns the figure."""
        fig = curves_figure(self.histories, title, self.fig)
        if self.fig is not None:
            import matplotlib.pyplot as plt

            if plt.fignum_exists(self.fig.number):
                self.fig.canvas.draw_idle()
                plt.pause(0.05)
        return fig

    def keep_open(self) -> None:
        """Leave the window up until the user closes it, and say so."""
        if self.fig is None:
            return
        import matplotlib.pyplot as plt

        if plt.fignum_exists(self.fig.number):
            print("The curves stay open in their window: close it to finish.", flush=True)
            plt.ioff()
            plt.show()
