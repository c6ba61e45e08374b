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

from desk_app.imaging import fit_box, to_uint8

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
    return to_uint8(out)


def slashed_zero(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A slash through the oval, often steep and sticking out well beyond it."""
    x0, y0, x1, y1 = _box(img)
    cx, cy = (x0 + x1 + 1) / 2, (y0 + y1 + 1) / 2
    angle = np.radians(rng.uniform(20, 95)) * (1 if rng.random() < 0.8 else -1)  # shallow too
    dx, dy = np.cos(angle), -np.sin(angle)  # "/" goes up to the right
    hw, hh = (x1 - x0 + 1) / 2, (y1 - y0 + 1) / 2
    reach = min(hw / max(abs(dx), 1e-3), hh / max(abs(dy), 1e-3))  # centre to the box edge
    a, b = reach * rng.uniform(0.8, 1.9), reach * rng.uniform(0.8, 1.9)
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


def _wobbly(a, b, rng: np.random.Generator, m: int = 8) -> np.ndarray:
    t = np.linspace(0, 1, m)[:, None]
    return a + (b - a) * t + rng.normal(0, 0.8, (m, 2))


def _curve(points: list, rng: np.random.Generator, m: int = 16) -> np.ndarray:
    """A quadratic Bezier through three control points, with a shaky hand."""
    p0, p1, p2 = (np.asarray(p, float) for p in points)
    t = np.linspace(0, 1, m)[:, None]
    return (1 - t) ** 2 * p0 + 2 * (1 - t) * t * p1 + t**2 * p2 + rng.normal(0, 0.8, (m, 2))


def _slant(strokes: list[np.ndarray], rng: np.random.Generator, lo: float = -6, hi: float = 12):
    """Lean the drawing right (or a little left) by shearing x with height."""
    k = np.tan(np.radians(rng.uniform(lo, hi)))
    return [s + np.stack([-k * (s[:, 1] - 50.0), np.zeros(len(s))], axis=1) for s in strokes]


def drawn_one(rng: np.random.Generator) -> list[np.ndarray]:
    """An upright stem with a flag, often long and steep (the continental European one, and the
    long up-stroke of many writers), sometimes a base. MNIST models read these as 7."""
    h = 100.0
    top, bottom = np.array([0.0, 0.0]), np.array([0.0, h])
    if rng.random() < 0.4:  # a long up-stroke from low on the left
        length, angle = h * rng.uniform(0.5, 0.85), np.radians(rng.uniform(45, 72))
    else:
        length, angle = h * rng.uniform(0.2, 0.6), np.radians(rng.uniform(25, 60))
    flag_end = top + length * np.array([-np.cos(angle), np.sin(angle)])
    strokes = [np.concatenate([_wobbly(flag_end, top, rng), _wobbly(top, bottom, rng)])]
    if rng.random() < 0.45:  # a base, short or as wide as a two's foot
        w = h * rng.uniform(0.15, 0.4)
        strokes.append(_wobbly(bottom - [w, 0], bottom + [w * rng.uniform(0.8, 1.2), 0], rng))
    return _slant(strokes, rng)


def drawn_seven(rng: np.random.Generator) -> list[np.ndarray]:
    """A seven with a curved or straight top and, mostly, a bar across the middle: the way much
    of Europe writes it. MNIST models read the curved one as 2."""
    h, w = 100.0, rng.uniform(45, 75)
    start = np.array([0.0, rng.uniform(0, 12)])
    corner = np.array([w, rng.uniform(-3, 5)])
    foot = np.array([w * rng.uniform(0.1, 0.5), h])
    lift = rng.uniform(5, 25) if rng.random() < 0.6 else 0.0  # a top that bulges upwards
    top = _curve([start, (w * 0.5, -lift), corner], rng)
    bend = (corner + foot) / 2 + [rng.uniform(-6, 6), 0]
    stem = _curve([corner, bend, foot], rng)
    strokes = [np.concatenate([top, stem])]
    if rng.random() < 0.8:
        y = h * rng.uniform(0.4, 0.6)
        x = corner[0] + (foot[0] - corner[0]) * (y - corner[1]) / (h - corner[1])
        half = w * rng.uniform(0.25, 0.45)
        strokes.append(_wobbly(np.array([x - half, y + rng.uniform(-3, 3)]),
                               np.array([x + half, y + rng.uniform(-3, 3)]), rng))
    return _slant(strokes, rng)


def drawn_nine(rng: np.random.Generator) -> list[np.ndarray]:
    """A nine with a small loop and a long tail that curves at the bottom. MNIST models read
    these as 3 or 7."""
    h = 100.0
    r = h * rng.uniform(0.12, 0.24)
    c = np.array([0.0, r])
    a = np.linspace(0, 2 * np.pi * rng.uniform(1.0, 1.15), 30)
    loop = c + np.stack([r * np.cos(-a), r * np.sin(-a) * rng.uniform(0.8, 1.1)], axis=1)
    loop += rng.normal(0, 0.6, loop.shape)
    start = loop[-1]
    curl = rng.uniform(0.3, 1.6) * r  # how far the tail swings back to the left
    mid = np.array([r * rng.uniform(0.6, 1.3), h * rng.uniform(0.65, 0.9)])
    tail = _curve([start, mid, (start[0] - curl, h)], rng, 20)
    return _slant([np.concatenate([loop, tail])], rng)


def drawn_zero(rng: np.random.Generator) -> list[np.ndarray]:
    """An oval drawn with a pen, narrow or round, often crossed by a slash that sticks out (the
    way much of Europe writes a zero); the network saw few pen-drawn zeros and refused these."""
    h = 100.0
    w = h * rng.uniform(0.3, 0.9)
    a0 = rng.uniform(-0.6, 0.6) - np.pi / 2
    t = np.linspace(a0, a0 + 2 * np.pi * rng.uniform(1.0, 1.12), 40)
    oval = np.stack([w / 2 * np.cos(t), h / 2 * np.sin(t)], axis=1) + rng.normal(0, 0.8, (40, 2))
    strokes = [oval]
    if rng.random() < 0.6:
        angle = np.radians(rng.uniform(25, 95))  # steep ones cross a narrow oval like a phi
        d = np.array([np.cos(angle), -np.sin(angle)])  # up to the right
        reach = h / 2 * rng.uniform(0.8, 1.6)
        c = rng.normal(0, 3, 2)
        strokes.append(_wobbly(c - reach * d * rng.uniform(0.8, 1.2), c + reach * d, rng))
    return _slant(strokes, rng, -5, 15)


def drawn_four(rng: np.random.Generator) -> list[np.ndarray]:
    """A four drawn with a pen: open at the top (the left stroke upright or slanted), or closed."""
    h = 100.0
    w = h * rng.uniform(0.45, 0.8)
    stem_x = w * rng.uniform(0.55, 0.8)
    bar_y = h * rng.uniform(0.45, 0.7)
    left_top = np.array([rng.uniform(0, 0.35) * w, rng.uniform(0, 0.3) * h])
    if rng.random() < 0.4:  # closed: the diagonal runs from the stem's top
        left_top = np.array([stem_x, 0.0])
    corner = np.array([rng.uniform(-0.05, 0.1) * w, bar_y])
    first = np.concatenate([_wobbly(left_top, corner, rng), _wobbly(corner, np.array([w, bar_y]), rng)])
    stem = _wobbly(np.array([stem_x, rng.uniform(0, 0.25) * h]), np.array([stem_x, h]), rng)
    return _slant([first, stem], rng)


DRAWN = {0: drawn_zero, 1: drawn_one, 4: drawn_four, 7: drawn_seven, 9: drawn_nine}


def drawn_digits(digit: int, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` digits drawn from scratch as pen strokes and rendered by the app's own renderer:
    styles of other writing traditions that MNIST lacks."""
    from desk_app.ink import strokes_to_mnist

    out = np.empty((n, 28, 28), np.uint8)
    for k in range(n):
        out[k] = to_uint8(strokes_to_mnist(DRAWN[digit](rng)))
    return out


def add_styles(x: np.ndarray, y: np.ndarray, fraction: float = 0.5,
               seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Extra training images: ``fraction`` of each styled class redrawn in its variant style."""
    rng = np.random.default_rng(seed)
    extra_x, extra_y = [], []
    for digit, make in STYLES.items():
        idx = np.flatnonzero(y == digit)
        share = min(1.0, 2 * fraction) if digit == 0 else fraction  # slashed zeros: the most misread
        for i in rng.choice(idx, int(len(idx) * share), replace=False):
            extra_x.append(make(x[i], rng))
            extra_y.append(digit)
    for digit, share in ((0, fraction / 2), (1, fraction), (4, fraction / 2), (7, fraction / 2),
                         (9, fraction / 2)):
        drawn = drawn_digits(digit, int((y == digit).sum() * share), rng)
        extra_x.extend(drawn)
        extra_y.extend([digit] * len(drawn))
    return np.stack(extra_x), np.asarray(extra_y, dtype=y.dtype)
