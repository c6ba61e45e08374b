"""Evaluation helpers shared by tests, benchmarks and training: reading the stroke sets in
``data/`` (drawn digits, letters) and placing a drawing on a canvas in the ways people draw.
NumPy only."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

CANVAS = (280, 280)
DATA = Path(__file__).resolve().parent.parent / "data"
DRAWN_DIGITS = DATA / "drawn-digits" / "unipen-1a-dev.npz"  # evaluation only, never trained on
LETTERS = DATA / "non-digits" / "unipen-letters-dev.npz"  # negatives for training
HELD_OUT_SITES = {"imp", "uqb"}  # letters of these sites are never trained on: they measure us


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
class StrokeSet:
    """Drawings as stroke lists: digits (labels 0-9) or letters (labels are character codes)."""

    strokes: list[list[np.ndarray]]  # in the tablet's own units
    labels: np.ndarray
    groups: np.ndarray  # the contributing site of each drawing



def load_drawn_digits(path: str | Path = DRAWN_DIGITS) -> StrokeSet:
    """Read a stroke-set ``.npz`` (points, stroke_start, sample_start, label, writer_group)."""
    from desk_app import npz

    try:
        f = npz.load(path, ("points", "stroke_start", "sample_start", "label", "writer_group"),
                     256 * 2**20)
    except ValueError as exc:
        raise ValueError(f"cannot read drawn digits: {exc}") from exc
    pts, ss, sa, labels, groups = (f[k] for k in ("points", "stroke_start", "sample_start", "label",
                                                  "writer_group"))
    ends = np.append(ss[1:], len(pts))
    stroke_list = [pts[a:b] for a, b in zip(ss, ends, strict=True)]
    digit_ends = np.append(sa[1:], len(ss))
    digits = [stroke_list[a:b] for a, b in zip(sa, digit_ends, strict=True)]
    return StrokeSet(digits, labels.astype(np.int64), groups)


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


def ece(probs: np.ndarray, labels: np.ndarray, bins: int = 15) -> float:
    """Expected calibration error: |accuracy - confidence| over 15 confidence bins, weighted by
    how many answers fall in each."""
    conf = probs.max(axis=1)
    right = probs.argmax(axis=1) == labels
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        m = (conf > lo) & (conf <= hi)
        if m.any():
            total += m.mean() * abs(right[m].mean() - conf[m].mean())
    return float(total)


def drawn_report(recognizer, digits: StrokeSet) -> dict:
    """Accuracy in each way of drawing and calibration error (first way) on drawn digits."""
    acc, first = {}, None
    for way in WAYS:
        drawings = [place(s, way) for s in digits.strokes]
        probs = recognizer.predict_strokes_batch(drawings, canvas_size=CANVAS, pen_width=way.pen)
        first = probs if first is None else first
        acc[way.name] = round(float((probs.argmax(1) == digits.labels).mean()), 5)
    return {"accuracy": acc, "ece": round(ece(first, digits.labels), 5), "count": len(digits.labels),
            "probs": first}


def compose_number(digits: list[list[np.ndarray]], rng: np.random.Generator,
                   canvas_height: float = 280.0) -> tuple[list[list[np.ndarray]], tuple[float, float]]:
    """Write drawn digits side by side as one number: each scaled to a common height (45-65% of
    the canvas), gaps of 15-45% of that height, a little baseline jitter. Returns each digit's
    placed strokes and the canvas size (wide enough for all of them)."""
    height = canvas_height * rng.uniform(0.45, 0.65)
    x = height * 0.5
    placed = []
    for strokes in digits:
        allp = np.concatenate(strokes)
        lo, hi = allp.min(axis=0), allp.max(axis=0)
        s = height / max(float(hi[1] - lo[1]), 1e-6)
        top = (canvas_height - height) / 2 + rng.normal(0, 0.03 * height)
        placed.append([((st - lo) * s + [x, top]).astype(np.float32) for st in strokes])
        x += float(hi[0] - lo[0]) * s + height * rng.uniform(0.15, 0.45)
    return placed, (x + height * 0.5, canvas_height)
