"""The measures, written once for the tests, the benchmarks and training: the ways people draw
(a drawing placed on a canvas), accuracy in each way, calibration error, numbers composed of
drawn digits. NumPy only; the stroke sets themselves come from ``stroke_sets``."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desk_app.stroke_sets import StrokeSet

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


def held_out_letters(letters: StrokeSet, way: Way = WAYS[0]) -> tuple[list[list[np.ndarray]], list[str]]:
    """The letters of the sites training never uses (``HELD_OUT_SITES``) that look nothing like
    a digit, placed on the canvas in ``way``, and their characters."""
    from desk_app.stroke_sets import HELD_OUT_SITES, letter_mask

    idx = np.flatnonzero(letter_mask(letters, HELD_OUT_SITES))
    return [place(letters.strokes[i], way) for i in idx], [chr(letters.labels[i]) for i in idx]


@dataclass(frozen=True)
class Shown:
    """What the app does with real digits: each one shown and right, shown but wrong, or not
    shown as a digit at all ("unsure", "not a digit", "too small")."""

    right: np.ndarray
    wrong: np.ndarray
    hidden: np.ndarray

    @classmethod
    def of(cls, readings, labels: np.ndarray) -> Shown:
        shown = np.array([r.verdict == "digit" for r in readings], bool)
        right = shown & (np.array([-1 if r.digit is None else r.digit for r in readings]) == labels)
        return cls(right, shown & ~right, ~shown)


def shown_as_digits(readings) -> float:
    """The share of ``readings`` the app shows as a digit (for drawings that are not digits)."""
    return float(np.mean([r.verdict == "digit" for r in readings])) if len(readings) else 0.0


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


def read_composed_number(recognizer, digits: StrokeSet, idx, rng: np.random.Generator) -> tuple[bool, bool]:
    """Write the drawn digits ``idx`` as one number (``compose_number``) and read it: whether
    the number reader got it exactly, and whether it agrees with reading each digit alone."""
    placed, size = compose_number([digits.strokes[i] for i in idx], rng)
    read = recognizer.read_number([s for d in placed for s in d], canvas_size=size, pen_width=18)
    alone = "".join(r.char for r in recognizer.read_digits(placed, canvas_size=size, pen_width=18))
    return read == "".join(str(digits.labels[i]) for i in idx), read == alone
