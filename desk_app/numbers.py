"""A number written left to right: group the strokes into digits, read each digit.

Strokes whose horizontal extents overlap clearly belong to one digit (a 4 or a 7 drawn in two
strokes, or a stroke added to a digit after the next one was begun); a gap separates digits.
Where the overlap is slight (neighbours that touch, or a flag that reaches over), the network
decides: the grouping whose digits it reads with more confidence wins. A lone dot next to
digits is a slip of the pen, not a digit. With one group, the answer is exactly
``predict_strokes`` on all the strokes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desk_app import ink

SURE_OVERLAP = 0.5  # overlap, as a fraction of the narrower group, that surely joins two groups
DOT = 0.08  # a stroke smaller than this fraction of the writing's height is a dot
WIDE = 1.5  # one digit is rarely wider than this times its height
NEAR = 0.12  # neighbours closer than this fraction of the height may be one digit
SHORT = 0.5  # a digit is rarely shorter than this fraction of the writing's height
NARROW = 0.75  # two neighbours together narrower than this times their height are one digit


@dataclass(frozen=True)
class Group:
    indices: tuple[int, ...]  # positions of these strokes in the drawing
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 of the strokes' centre lines
    probs: np.ndarray  # (10,)
    image: np.ndarray  # (28, 28) what the network read

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


def _span(strokes: list[np.ndarray], idx) -> tuple[float, float]:
    xs = np.concatenate([strokes[i][:, 0] for i in idx])
    return float(xs.min()), float(xs.max())


def _overlap(a: tuple[float, float], b: tuple[float, float], floor: float) -> float:
    """Horizontal overlap of two spans as a fraction of the narrower; negative for a gap. Spans
    count as at least ``floor`` wide, so a straight vertical stroke (a 1, a 4's stem) has width."""
    def widen(s: tuple[float, float]) -> tuple[float, float]:
        pad = max(floor - (s[1] - s[0]), 0.0) / 2
        return s[0] - pad, s[1] + pad

    a, b = widen(a), widen(b)
    narrow = min(a[1] - a[0], b[1] - b[0])
    return (min(a[1], b[1]) - max(a[0], b[0])) / narrow


def _gap(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The horizontal gap between two spans (negative when they overlap)."""
    return max(a[0], b[0]) - min(a[1], b[1])


def candidate_groups(strokes: list[np.ndarray]) -> tuple[list[list[int]], list[bool], list[int]]:
    """Groups left to right, whether each pair of neighbours is doubtful, and the dots left out.

    Strokes join when their spans overlap by SURE_OVERLAP of the narrower; neighbours that
    overlap less, or stand closer than NEAR times the writing's height, are doubtful.
    """
    allp = np.concatenate(strokes)
    height = max(float(np.ptp(allp[:, 1])), 1.0)
    floor = 0.1 * height
    sizes = [max(float(np.ptp(s[:, 0])), float(np.ptp(s[:, 1]))) for s in strokes]
    dots = [i for i, sz in enumerate(sizes) if sz < DOT * height]
    main = [i for i in range(len(strokes)) if i not in dots] or list(range(len(strokes)))
    groups: list[list[int]] = [[i] for i in sorted(main, key=lambda i: _span(strokes, [i])[0])]
    merged = True
    while merged:  # join surely-overlapping groups until none are left (joins can chain)
        merged = False
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                if _overlap(_span(strokes, groups[a]), _span(strokes, groups[b]), floor) >= SURE_OVERLAP:
                    groups[a] = sorted(groups[a] + groups.pop(b))
                    merged = True
                    break
            if merged:
                break
    groups.sort(key=lambda g: _span(strokes, g)[0])
    left_out = []
    for d in (i for i in dots if len(main) < len(strokes)):
        sd = _span(strokes, [d])
        hits = [g for g in groups if _overlap(_span(strokes, g), sd, floor) > 0]
        if hits:  # a dot over a digit is part of it
            hits[0].append(d)
            hits[0].sort()
        else:
            left_out.append(d)
    doubtful = [_gap(_span(strokes, a), _span(strokes, b)) < NEAR * height
                for a, b in zip(groups, groups[1:], strict=False)]
    return groups, doubtful, left_out


def _score(probs: np.ndarray, boxes: list[tuple[float, float, float, float]], height: float) -> float:
    """Log-likelihood of a grouping: each digit's confidence, times a prior that a digit is
    neither much wider than tall nor much shorter than the writing around it."""
    s = float(np.log(np.clip(probs.max(axis=1), 1e-6, 1)).sum())
    for x0, y0, x1, y1 in boxes:
        if (x1 - x0) > WIDE * max(y1 - y0, 1.0):
            s += np.log(0.1)
        if (y1 - y0) < SHORT * height:
            s += np.log(0.1)
    return s


def _box(strokes: list[np.ndarray], idx) -> tuple[float, float, float, float]:
    p = np.concatenate([strokes[i] for i in idx])
    return float(p[:, 0].min()), float(p[:, 1].min()), float(p[:, 0].max()), float(p[:, 1].max())


def read(recognizer, strokes, canvas_size=(280, 280), pen_width: float = 18.0) -> Reading:
    """Group ``strokes`` into digits, settle doubtful groupings with the network, read them."""
    ink.check_canvas(canvas_size, pen_width)
    pts = ink.as_strokes(strokes)
    groups, doubtful, _ = candidate_groups(pts)
    if len(groups) == 1:
        groups = [list(range(len(pts)))]  # one digit: exactly what predict_strokes reads

    def images(gs):
        return np.stack([ink.strokes_to_mnist([pts[i] for i in g], canvas_size, pen_width) for g in gs])

    imgs = images(groups)
    probs = recognizer.predict_mnist(imgs)
    height = float(np.ptp(np.concatenate(pts)[:, 1]))
    # Settle doubtful neighbours left to right: join when the joined digit reads better.
    k = 0
    while k < len(groups) - 1:
        if doubtful[k]:
            joined = sorted(groups[k] + groups[k + 1])
            img = images([joined])
            p = recognizer.predict_mnist(img)
            split = _score(probs[k : k + 2], [_box(pts, groups[k]), _box(pts, groups[k + 1])], height)
            x0, y0, x1, y1 = _box(pts, joined)
            if x1 - x0 < NARROW * max(y1 - y0, 1.0):  # two digits in the width of one: unlikely
                split += np.log(0.2)
            if _score(p, [(x0, y0, x1, y1)], height) > split:
                groups[k : k + 2] = [joined]
                imgs = np.concatenate([imgs[:k], img, imgs[k + 2 :]])
                probs = np.concatenate([probs[:k], p, probs[k + 2 :]])
                doubtful[k : k + 2] = doubtful[k + 1 : k + 2]
                continue
        k += 1
    return Reading([Group(tuple(g), _box(pts, g), p, im)
                    for g, p, im in zip(groups, probs, imgs, strict=True)])
