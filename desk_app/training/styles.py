"""Synthetic handwriting styles that MNIST (written by American census staff and students)
barely has, but many people draw: slashed zeros, ones with a flag and a base, sevens with a bar.
Made from MNIST's own digits by drawing the extra stroke onto them. NumPy and Pillow only."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

_S = 4  # draw at 4x and average down, like the app's own renderer
_PEN = 2.3


def _box(img: np.ndarray) -> tuple[int, int, int, int]:
    ys, xs = np.nonzero(img > 64)
    return int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())


def _ink_x(img: np.ndarray, top: int, bottom: int) -> float:
    """The mean x of the ink in rows ``top:bottom`` (where a stroke ends)."""
    cols = np.nonzero(img[top:bottom] > 64)[1]
    return float(cols.mean()) + 0.5 if len(cols) else 14.0


def _draw_lines(img: np.ndarray, lines: list[tuple[float, float, float, float]]) -> np.ndarray:
    """``img`` (28, 28) uint8 with antialiased pen lines added (coordinates in pixels)."""
    layer = Image.new("L", (28 * _S, 28 * _S), 0)
    d = ImageDraw.Draw(layer)
    w = _PEN * _S
    for x0, y0, x1, y1 in lines:
        a, b = (x0 * _S, y0 * _S), (x1 * _S, y1 * _S)
        d.line([a, b], fill=255, width=round(w))
        for x, y in (a, b):
            d.ellipse((x - w / 2, y - w / 2, x + w / 2, y + w / 2), fill=255)
    stroke = np.asarray(layer, np.float32).reshape(28, _S, 28, _S).mean(axis=(1, 3))
    return np.maximum(img, stroke).astype(np.uint8)


def slashed_zero(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    x0, y0, x1, y1 = _box(img)
    e = rng.uniform(-0.5, 2.0, 4)
    if rng.random() < 0.8:  # top right to bottom left, the usual slash
        return _draw_lines(img, [(x1 + e[0], y0 - e[1], x0 - e[2], y1 + e[3])])
    return _draw_lines(img, [(x0 - e[0], y0 - e[1], x1 + e[2], y1 + e[3])])


def flagged_one(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    x0, y0, x1, y1 = _box(img)
    tx, bx = _ink_x(img, y0, y0 + 2), _ink_x(img, y1 - 1, y1 + 1)
    length = (y1 - y0) * rng.uniform(0.2, 0.4)
    angle = np.radians(rng.uniform(20, 60))  # below the horizontal, pointing down-left
    lines = [(tx, y0 + 0.5, tx - length * np.cos(angle), y0 + 0.5 + length * np.sin(angle))]
    if rng.random() < 0.5:  # a base too
        half = (y1 - y0) * rng.uniform(0.15, 0.3)
        lines.append((bx - half, y1 + 0.5, bx + half * rng.uniform(0.8, 1.2), y1 + 0.5))
    return _draw_lines(img, lines)


def barred_seven(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    x0, y0, x1, y1 = _box(img)
    y = y0 + (y1 - y0) * rng.uniform(0.4, 0.6)
    cx = _ink_x(img, int(y), int(y) + 1)
    half = (x1 - x0) * rng.uniform(0.25, 0.4)
    tilt = rng.uniform(-1, 1)
    return _draw_lines(img, [(cx - half, y + tilt, cx + half, y - tilt)])


STYLES = {0: slashed_zero, 1: flagged_one, 7: barred_seven}


def add_styles(x: np.ndarray, y: np.ndarray, fraction: float = 0.5,
               seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Extra training images: ``fraction`` of each styled class redrawn in its variant style."""
    rng = np.random.default_rng(seed)
    extra_x, extra_y = [], []
    for digit, make in STYLES.items():
        idx = np.flatnonzero(y == digit)
        for i in rng.choice(idx, int(len(idx) * fraction), replace=False):
            extra_x.append(make(x[i], rng))
            extra_y.append(digit)
    if not extra_x:
        return x[:0], y[:0]
    return np.stack(extra_x), np.asarray(extra_y, dtype=y.dtype)
