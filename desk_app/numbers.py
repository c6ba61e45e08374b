"""A number written left to right: group the strokes into digits, read each digit.

Strokes whose horizontal extents overlap belong to one digit (a 4 or a 7 drawn in two strokes,
or a stroke added later to an earlier digit); a gap separates digits.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desk_app import ink


@dataclass(frozen=True)
class Group:
    strokes: list[np.ndarray]
    indices: list[int]  # positions of these strokes in the drawing
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 of the centre lines
    probs: np.ndarray  # (10,)

    @property
    def digit(self) -> int:
        return int(np.argmax(self.probs))

    @property
    def confidence(self) -> float:
        return float(np.max(self.probs))


@dataclass(frozen=True)
class Reading:
    groups: list[Group]

    @property
    def text(self) -> str:
        return "".join(str(g.digit) for g in self.groups)


def group_strokes(strokes: list[np.ndarray], overlap: float = 0.25) -> list[list[int]]:
    """Indices of strokes grouped into digits, left to right.

    Two strokes join when their x-ranges overlap by more than ``overlap`` of the narrower one
    (or touch it, for a narrow stroke such as a 1's flag or a 4's bar). Grouping is transitive.
    """
    spans = [(float(s[:, 0].min()), float(s[:, 0].max())) for s in strokes]
    order = sorted(range(len(strokes)), key=lambda i: spans[i][0])
    height = max(float(np.ptp(np.concatenate(strokes)[:, 1])), 1.0)
    groups: list[list[int]] = []
    lo = hi = 0.0
    for i in order:
        a, b = spans[i]
        if groups:
            narrow = max(min(b - a, hi - lo), 0.02 * height)
            if hi - a > overlap * narrow:
                groups[-1].append(i)
                hi = max(hi, b)
                continue
        groups.append([i])
        lo, hi = a, b
    return [sorted(g) for g in groups]


def read(recognizer, strokes, canvas_size=(280, 280), pen_width: float = 18.0) -> Reading:
    """Group ``strokes`` into digits and read them all in one batch."""
    ink.check_canvas(canvas_size, pen_width)
    pts = ink.as_strokes(strokes)
    idx = group_strokes(pts)
    parts = [[pts[i] for i in g] for g in idx]
    probs = recognizer.predict_strokes_batch(parts, canvas_size, pen_width)
    groups = []
    for g, part, p in zip(idx, parts, probs, strict=True):
        allp = np.concatenate(part)
        x0, y0 = allp.min(axis=0)
        x1, y1 = allp.max(axis=0)
        groups.append(Group(part, g, (float(x0), float(y0), float(x1), float(y1)), p))
    return Reading(groups)
