"""Evaluation helpers shared by tests, benchmarks and training: reading the drawn-digits set
(stroke lists) and placing a digit on a canvas in the ways people draw. NumPy only."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

CANVAS = (280, 280)


@dataclass(frozen=True)
class Way:
    """One way of drawing on the canvas: the digit's height as a fraction of the canvas, where
    its box sits (centre, or top-left corner), and the pen's width in pixels."""

    name: str
    height: float
    corner: bool
    pen: float


WAYS = (
    Way("centred 60%, 18 px pen", 0.60, False, 18.0),
    Way("small 25%", 0.25, False, 18.0),
    Way("corner 40%", 0.40, True, 18.0),
    Way("thin 6 px pen", 0.60, False, 6.0),
    Way("thick 32 px pen", 0.60, False, 32.0),
)


@dataclass(frozen=True)
class DrawnDigits:
    strokes: list[list[np.ndarray]]  # in the tablet's own units
    labels: np.ndarray
    groups: np.ndarray


def load_drawn_digits(path: str | Path) -> DrawnDigits:
    """Read a drawn-digits ``.npz`` (points, stroke_start, sample_start, label, writer_group)."""
    try:
        with np.load(path, allow_pickle=False) as f:
            pts, ss, sa = f["points"], f["stroke_start"], f["sample_start"]
            labels, groups = f["label"], f["writer_group"]
    except (OSError, KeyError, ValueError) as exc:
        raise ValueError(f"cannot read drawn digits from {path}: {exc}") from exc
    ends = np.append(ss[1:], len(pts))
    stroke_list = [pts[a:b] for a, b in zip(ss, ends, strict=True)]
    digit_ends = np.append(sa[1:], len(ss))
    digits = [stroke_list[a:b] for a, b in zip(sa, digit_ends, strict=True)]
    return DrawnDigits(digits, labels.astype(np.int64), groups)


def place(strokes: list[np.ndarray], way: Way, canvas=CANVAS) -> list[np.ndarray]:
    """The digit scaled so its height is ``way.height`` of the canvas, centred or in the corner."""
    allp = np.concatenate(strokes)
    lo, hi = allp.min(axis=0), allp.max(axis=0)
    h = max(float(hi[1] - lo[1]), 1e-6)
    s = way.height * canvas[1] / h
    if way.corner:
        margin = way.pen / 2 + 4
        offset = np.array([margin, margin]) - lo * s
    else:
        offset = np.array(canvas) / 2 - (lo + hi) / 2 * s
    return [(st * s + offset).astype(np.float32) for st in strokes]
