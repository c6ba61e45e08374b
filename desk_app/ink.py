"""From what a person drew to what the network reads: the MNIST format.

MNIST digits were made by scaling each digit to fit a 20x20 box (keeping its aspect ratio),
antialiasing, and centring it in 28x28 by its centre of mass. This module does the same from the
stroke vectors themselves, not from the screen's pixels, and always draws with a pen as wide as
MNIST's, so that where, how big and with what pen someone draws no longer changes the answer.
NumPy and Pillow only: the window and the API both call :func:`strokes_to_mnist`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PIL import Image, ImageDraw

SIZE = 28  # MNIST images are 28x28 ...
BOX = 20  # ... with the digit scaled to fit 20x20 ...
SUPER = 4  # ... rendered here at 4x and averaged down, for antialiasing.
MNIST_PEN = 2.3  # stroke width, in 28x28 pixels, typical of MNIST digits
TINY = 1e-6  # a drawing smaller than this (in canvas pixels) cannot be drawn at all
MAX_POINTS = 200_000  # far more than any drawing; beyond it a call would take seconds and GBs
_MARGIN = 14  # room around the 20x20 box so the centre-of-mass crop never runs off the edge
WORK = BOX + 2 * _MARGIN

Stroke = np.ndarray  # (k, 2) float: x, y in canvas pixels


def as_strokes(strokes: object) -> list[Stroke]:
    """Validate and copy strokes: a sequence of (k, 2) arrays of finite numbers, k >= 1.

    Raises ``ValueError`` saying what is wrong: no strokes, no points, a wrong shape, NaN.
    """
    if isinstance(strokes, memoryview):  # a buffer: as the array it holds (2-D ones do not iterate)
        strokes = np.asarray(strokes)
    if isinstance(strokes, np.ndarray) and strokes.ndim != 1:
        raise ValueError("strokes must be a sequence of (k, 2) arrays, not one array")
    if isinstance(strokes, (str, bytes)) or not isinstance(strokes, Sequence | np.ndarray):
        raise ValueError(f"strokes must be a sequence of (k, 2) arrays, got {type(strokes).__name__}")
    out, total = [], 0
    for i, s in enumerate(strokes):
        try:
            raw = np.asarray(s)
            if raw.dtype.kind not in "biuf":  # strings, complex numbers, objects: not coordinates
                raise TypeError(raw.dtype)
            a = raw.astype(np.float64)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"stroke {i} is not an array of real numbers") from exc
        if a.size == 0:
            continue  # an empty stroke carries no ink; skip it like the canvas does
        if a.ndim != 2 or a.shape[1] != 2:
            raise ValueError(f"stroke {i} has shape {a.shape}; each stroke must be (k, 2)")
        if not np.isfinite(a).all():
            raise ValueError(f"stroke {i} has NaN or infinite coordinates")
        if np.abs(a).max() > 1e7:
            raise ValueError(f"stroke {i} has coordinates beyond any canvas (|x| > 1e7)")
        total += len(a)
        if total > MAX_POINTS:
            raise ValueError(f"the drawing has more than {MAX_POINTS:,} points")
        out.append(a)
    if not out:
        raise ValueError("no ink: the drawing has no points")
    return out


def check_canvas(canvas_size: object, pen_width: object) -> None:
    """``canvas_size`` is (w, h) > 0 and ``pen_width`` > 0, all finite."""
    if not isinstance(canvas_size, (tuple, list, np.ndarray)) or len(canvas_size) != 2:
        raise ValueError(f"canvas_size must be (width, height), got {type(canvas_size).__name__}")
    try:
        w, h = (float(v) for v in canvas_size)
        p = float(pen_width)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError) as exc:
        raise ValueError("canvas_size must be (width, height) and pen_width a number, each "
                         "finite and > 0") from exc
    if not all(np.isfinite(v) and v > 0 for v in (w, h, p)):
        raise ValueError(f"canvas_size {canvas_size!r} and pen_width {pen_width!r} must be > 0")


def _render(strokes: list[Stroke], offset: np.ndarray, scale: float) -> np.ndarray:
    """Draw strokes mapped by ``p * scale + offset`` (in work pixels) at SUPER resolution."""
    n = WORK * SUPER
    img = Image.new("L", (n, n), 0)
    draw = ImageDraw.Draw(img)
    width = MNIST_PEN * SUPER
    w = max(1, round(width))
    r, j = width / 2, w / 2 - 1  # the caps' radius; the joints' (as Pillow's joint="curve")
    for s in strokes:
        pts = (s * scale + offset) * SUPER
        flat = [tuple(p) for p in pts.tolist()]
        if len(flat) > 1:
            draw.line(flat, fill=255, width=w)
            # Round joints as discs: Pillow's joint="curve" computed a wedge per point in Python
            # and took two thirds of the time of this function.
            for x, y in flat[1:-1]:
                draw.ellipse((x - j, y - j, x + j, y + j), fill=255)
        for x, y in (flat[0], flat[-1]):  # round caps (and a lone point is a dot)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=255)
    return np.asarray(img, dtype=np.float32) / 255.0


def _downsample(hi: np.ndarray) -> np.ndarray:
    k = SUPER
    return hi.reshape(hi.shape[0] // k, k, hi.shape[1] // k, k).mean(axis=(1, 3))


def center_by_mass(hi: np.ndarray) -> np.ndarray:
    """Crop a 28x28 window (at SUPER resolution) around the ink's centre of mass, average down.

    ``hi`` is a (WORK*SUPER)^2 image whose ink lies within the central 20x20 box.
    """
    rows, cols = hi.sum(axis=1), hi.sum(axis=0)  # the ink's profiles: a third of the work
    total = rows.sum()
    cy = rows @ np.arange(len(rows)) / total
    cx = cols @ np.arange(len(cols)) / total
    half = SIZE * SUPER // 2
    top = int(np.clip(round(cy - half + 0.5), 0, hi.shape[0] - 2 * half))
    left = int(np.clip(round(cx - half + 0.5), 0, hi.shape[1] - 2 * half))
    window = hi[top : top + 2 * half, left : left + 2 * half]
    return np.clip(_downsample(window), 0.0, 1.0).astype(np.float32)


def strokes_to_mnist(strokes: object, canvas_size=(280, 280), pen_width: float = 18.0) -> np.ndarray:
    """The (28, 28) float32 MNIST image (ink 1.0) of a drawing given as strokes.

    Crops to the ink's bounding box, scales it to fit 20x20 keeping the aspect ratio, draws it
    with an MNIST-like pen and centres it by its centre of mass. ``canvas_size`` and
    ``pen_width`` are validated but do not change the result: that is the point.
    """
    check_canvas(canvas_size, pen_width)
    pts = as_strokes(strokes)
    allp = np.concatenate(pts)
    lo, hi_ = allp.min(axis=0), allp.max(axis=0)
    extent = float((hi_ - lo).max())
    if 0 < extent < TINY:
        raise ValueError(f"the drawing is {extent:.3g} pixels across: too small to be drawn")
    inner = BOX - MNIST_PEN  # the centre line's box, so the inked box is 20x20
    scale = inner / extent if extent > 0 else 1.0
    offset = WORK / 2 - (lo + hi_) / 2 * scale
    return center_by_mass(_render(pts, offset, scale))
