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


def curves_figure(history: dict[str, list[float]], title: str):
    """Loss and accuracy per epoch, training and validation, side by side in one figure."""
    import matplotlib.pyplot as plt

    epochs = np.arange(1, len(history["loss"]) + 1)
    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 4))
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
