"""Synthetic handwriting styles that MNIST (written by American census staff and students)
barely has, but many people draw: slashed zeros, ones with a flag and a base, sevens with a bar.

Each is made from one of MNIST's own digits by drawing the extra stroke onto it on a larger
canvas, then normalised the way MNIST was (and the app is): the whole ink, extra stroke included,
scaled into the 20x20 box and centred by mass. A long slash therefore shrinks the zero, as it
does when the app normalises a drawing. NumPy and Pillow only.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from desk_app.imaging import fit_box

_S = 4  # drawing resolution: 4x, averaged down by fit_box
_PAD = 14  # room around the 28x28 digit for strokes that stick out
_PEN = 2.3  # MNIST-like pen, in 28x28 pixels

Line = tuple[float, float, float, float]  # x0, y0, x1, y1 in the digit's 28x28 pixels


def _box(img: np.ndarray) -> tuple[int, int, int, int]:
    ys, xs = np.nonzero(img > 64)
    return int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())


def _ink_x(img: np.ndarray, top: int, bottom: int) -> float:
    """The mean x of the ink in rows ``top:bottom`` (where a stroke ends)."""
    cols = np.nonzero(img[max(top, 0) : bottom] > 64)[1]
    return float(cols.mean()) + 0.5 if len(cols) else 14.0


def _compose(img: np.ndarray, lines: list[Line]) -> np.ndarray:
    """``img`` with pen lines added, normalised to MNIST's format, as uint8 (28, 28)."""
    n = (28 + 2 * _PAD) * _S
    canvas = Image.new("L", (n, n), 0)
    canvas.paste(Image.fromarray(img).resize((28 * _S, 28 * _S), Image.BILINEAR), (_PAD * _S,) * 2)
    d = ImageDraw.Draw(canvas)
    w = _PEN * _S
    for x0, y0, x1, y1 in lines:
        a, b = ((x0 + _PAD) * _S, (y0 + _PAD) * _S), ((x1 + _PAD) * _S, (y1 + _PAD) * _S)
        d.line([a, b], fill=255, width=round(w))
        for x, y in (a, b):
            d.ellipse((x - w / 2, y - w / 2, x + w / 2, y + w / 2), fill=255)
    out = fit_box(np.asarray(canvas, np.float32) / 255.0, 0.25)
    return (out * 255).round().astype(np.uint8)


def slashed_zero(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A slash through the oval, often steep and sticking out well beyond it."""
    x0, y0, x1, y1 = _box(img)
    cx, cy = (x0 + x1 + 1) / 2, (y0 + y1 + 1) / 2
    angle = np.radians(rng.uniform(35, 88)) * (1 if rng.random() < 0.8 else -1)
    dx, dy = np.cos(angle), -np.sin(angle)  # "/" goes up to the right
    hw, hh = (x1 - x0 + 1) / 2, (y1 - y0 + 1) / 2
    reach = min(hw / max(abs(dx), 1e-3), hh / max(abs(dy), 1e-3))  # centre to the box edge
    a, b = reach * rng.uniform(0.8, 1.7), reach * rng.uniform(0.8, 1.7)
    ox, oy = rng.normal(0, 0.8, 2)
    return _compose(img, [(cx + ox - a * dx, cy + oy - a * dy, cx + ox + b * dx, cy + oy + b * dy)])


def flagged_one(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A flag from the top going down to the left, short or long; sometimes a base."""
    x0, y0, x1, y1 = _box(img)
    h = y1 - y0 + 1
    tx, bx = _ink_x(img, y0, y0 + 2), _ink_x(img, y1 - 1, y1 + 1)
    length = h * rng.uniform(0.15, 0.7)
    angle = np.radians(rng.uniform(20, 65))
    lines = [(tx, y0 + 0.5, tx - length * np.cos(angle), y0 + 0.5 + length * np.sin(angle))]
    if rng.random() < 0.4:
        half = h * rng.uniform(0.15, 0.35)
        lines.append((bx - half, y1 + 0.5, bx + half * rng.uniform(0.8, 1.2), y1 + 0.5))
    return _compose(img, lines)


def barred_seven(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A bar across the middle of the stem."""
    x0, y0, x1, y1 = _box(img)
    y = y0 + (y1 - y0) * rng.uniform(0.4, 0.6)
    cx = _ink_x(img, int(y), int(y) + 1)
    half = max(x1 - x0, 8) * rng.uniform(0.25, 0.45)
    tilt = rng.uniform(-1, 1)
    return _compose(img, [(cx - half, y + tilt, cx + half, y - tilt)])


STYLES = {0: slashed_zero, 1: flagged_one, 7: barred_seven}


def drawn_ones(n: int, rng: np.random.Generator) -> np.ndarray:
    """Ones drawn from scratch as pen strokes and rendered by the app's own renderer: an upright
    stem with a long flag (often half its height), sometimes a base: the continental European
    one that MNIST's Americans never wrote and that MNIST models read as 7."""
    from desk_app.ink import strokes_to_mnist

    out = np.empty((n, 28, 28), np.uint8)
    for k in range(n):
        h = 100.0
        slant = np.tan(np.radians(rng.uniform(-6, 10)))
        top, bottom = np.array([0.0, 0.0]), np.array([-slant * h, h])
        length, angle = h * rng.uniform(0.2, 0.6), np.radians(rng.uniform(25, 60))
        flag_end = top + length * np.array([-np.cos(angle), np.sin(angle)])

        def wobbly(a, b, m=8):
            t = np.linspace(0, 1, m)[:, None]
            return a + (b - a) * t + rng.normal(0, 0.8, (m, 2))

        strokes = [np.concatenate([wobbly(flag_end, top), wobbly(top, bottom)])]
        if rng.random() < 0.3:
            w = h * rng.uniform(0.15, 0.3)
            strokes.append(wobbly(bottom - [w, 0], bottom + [w * rng.uniform(0.8, 1.2), 0]))
        out[k] = (strokes_to_mnist(strokes) * 255).round().astype(np.uint8)
    return out


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
    ones = drawn_ones(int((y == 1).sum() * fraction), rng)
    extra_x.extend(ones)
    extra_y.extend([1] * len(ones))
    return np.stack(extra_x), np.asarray(extra_y, dtype=y.dtype)
