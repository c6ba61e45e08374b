"""A number written left to right: group the strokes into digits, read each digit.

Strokes whose horizontal extents overlap clearly belong to one digit (a 4 or a 7 drawn in two
strokes, or a stroke added to a digit after the next one was begun); a gap separates digits.
Where the overlap is slight (neighbours that touch, or a flag that reaches over), the network
decides: the grouping whose digits it reads with more confidence wins. A group the network
calls "not a digit" (two digits written too close, say) is tried split into two digits. A lone
dot next to digits is a slip of the pen, not a digit. With one group, the answer is exactly
``read_digit`` on all the strokes; a group that is not a digit reads as ``?``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desk_app import ink, verdicts

SURE_OVERLAP = 0.5  # overlap, as a fraction of the narrower group, that surely joins two groups
DOT = 0.08  # a stroke smaller than this fraction of the writing's height is a dot
WIDE = 1.5  # one digit is rarely wider than this times its height
NEAR = 0.12  # neighbours closer than this fraction of the height may be one digit
SHORT = 0.5  # a digit is rarely shorter than this fraction of the writing's height
NARROW = 0.75  # two neighbours together narrower than this times their height are one digit
MAX_SPLIT = 8  # a group of more strokes than this is a scribble, never tried split
APART = 0.2  # two digits split from one group stand at least this times the height apart


@dataclass(frozen=True)
class Group:
    indices: tuple[int, ...]  # positions of these strokes in the drawing
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 of the strokes' centre lines
    reading: verdicts.Reading
    image: np.ndarray  # (28, 28) what the network read

    @property
    def probs(self) -> np.ndarray:
        return self.reading.probs

    @property
    def digit(self) -> int:
        """The likeliest digit (what an "unsure" group is written as)."""
        return self.reading.likeliest

    @property
    def char(self) -> str:
        """The group in the number: its digit, or ``?`` when it is not a digit."""
        return self.reading.char


@dataclass(frozen=True)
class NumberReading:
    groups: list[Group]

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.groups)


def _span(strokes: list[np.ndarray], idx) -> tuple[float, float]:
    xs = np.concatenate([strokes[i][:, 0] for i in idx])
    return float(xs.min()), float(xs.max())


def _widened(s: tuple[float, float], floor: float) -> tuple[float, float]:
    pad = max(floor - (s[1] - s[0]), 0.0) / 2
    return s[0] - pad, s[1] + pad


def _overlap(a: tuple[float, float], b: tuple[float, float], floor: float) -> float:
    """Horizontal overlap of two spans as a fraction of the narrower; negative for a gap. Spans
    count as at least ``floor`` wide, so a straight vertical stroke (a 1, a 4's stem) has width."""
    a, b = _widened(a, floor), _widened(b, floor)
    narrow = min(a[1] - a[0], b[1] - b[0])
    return (min(a[1], b[1]) - max(a[0], b[0])) / narrow


def _gap(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The horizontal gap between two spans (negative when they overlap)."""
    return max(a[0], b[0]) - min(a[1], b[1])


def candidate_groups(strokes: list[np.ndarray]) -> tuple[list[list[int]], list[bool], list[int]]:
    """Groups left to right, whether each pair of neighbours is doubtful, and the dots left out.

    Strokes join when their spans overlap by SURE_OVERLAP of the narrower; neighbours that
    overlap less, or stand closer than NEAR times the writing's height, are doubtful. One sweep
    from left to right (joins cascade backwards), so thousands of strokes take milliseconds.
    """
    allp = np.concatenate(strokes)
    height = max(float(np.ptp(allp[:, 1])), 1.0)
    floor = 0.1 * height
    spans = [(float(s[:, 0].min()), float(s[:, 0].max())) for s in strokes]
    sizes = [max(hi - lo, float(np.ptp(s[:, 1]))) for (lo, hi), s in zip(spans, strokes, strict=True)]
    dot_set = {i for i, sz in enumerate(sizes) if sz < DOT * height}
    main = [i for i in range(len(strokes)) if i not in dot_set] or list(range(len(strokes)))
    dots = [i for i in sorted(dot_set) if len(main) < len(strokes)]
    groups: list[tuple[list[int], tuple[float, float]]] = []  # members and span
    for i in sorted(main, key=lambda i: spans[i][0]):
        members, span = [i], spans[i]
        while groups and _overlap(groups[-1][1], span, floor) >= SURE_OVERLAP:
            prev, prev_span = groups.pop()
            members, span = prev + members, (min(prev_span[0], span[0]), max(prev_span[1], span[1]))
        groups.append((members, span))
    out = [sorted(m) for m, _ in groups]
    group_spans = [sp for _, sp in groups]
    left_out = []
    for d, hit in zip(dots, _first_overlapping(group_spans, [spans[d] for d in dots], floor), strict=True):
        if hit is None:
            left_out.append(d)
        else:  # a dot over a digit is part of it
            out[hit].append(d)
    out = [sorted(g) for g in out]
    doubtful = [_gap(a, b) < NEAR * height for a, b in zip(group_spans, group_spans[1:], strict=False)]
    return out, doubtful, left_out


def _first_overlapping(groups: list[tuple[float, float]], dots: list[tuple[float, float]],
                       floor: float) -> list[int | None]:
    """For each dot's span, the first group whose span it overlaps (as ``_overlap`` > 0), or
    None. Groups come sorted by their left edge, so a sorted search finds it: O((n + m) log n),
    where checking every dot against every group took hours at the point limit."""
    if not groups:
        return [None] * len(dots)
    g = np.array([_widened(sp, floor) for sp in groups])
    reach = np.maximum.accumulate(g[:, 1])  # the furthest right any group so far reaches
    out: list[int | None] = []
    for lo, hi in (_widened(sp, floor) for sp in dots):
        k = int(np.searchsorted(reach, lo, side="right"))  # the first group reaching past lo
        out.append(k if k < len(g) and g[k, 0] < hi and g[k, 1] > lo else None)
    return out


def _score(out: np.ndarray, boxes: list[tuple[float, float, float, float]], height: float,
           not_a_digit: bool = False) -> float:
    """Log-likelihood of a grouping: each group being its likeliest digit (network outputs
    ``out``; with ``not_a_digit``, that class counts against it), times a prior that a digit is
    neither much wider than tall nor much shorter than the writing around it. Joining neighbours
    ignores "not a digit", so a digit is grouped as it would be read alone; splitting a group
    that is not a digit counts it."""
    p_digit = verdicts.digit_probs(out).max(axis=1)
    if not_a_digit and out.shape[1] == 11:
        p_digit = p_digit * (1.0 - out[:, 10])
    s = float(np.log(np.clip(p_digit, 1e-6, 1)).sum())
    for x0, y0, x1, y1 in boxes:
        if (x1 - x0) > WIDE * max(y1 - y0, 1.0):
            s += np.log(0.1)
        if (y1 - y0) < SHORT * height:
            s += np.log(0.1)
    return s


def _box(strokes: list[np.ndarray], idx) -> tuple[float, float, float, float]:
    p = np.concatenate([strokes[i] for i in idx])
    return float(p[:, 0].min()), float(p[:, 1].min()), float(p[:, 0].max()), float(p[:, 1].max())


def read(classify, thresholds: verdicts.Thresholds, strokes, canvas_size=(280, 280),
         pen_width: float = 18.0) -> NumberReading:
    """Group ``strokes`` into digits, settle doubtful groupings with the network (``classify``:
    images to probabilities), read them with ``thresholds``."""
    ink.check_canvas(canvas_size, pen_width)
    pts = ink.as_strokes(strokes)
    groups, doubtful, _ = candidate_groups(pts)
    if len(groups) == 1:
        groups = [list(range(len(pts)))]  # one digit: exactly what read_digit reads

    def images(gs):
        return np.stack([ink.strokes_to_mnist(_drawable([pts[i] for i in g]), canvas_size, pen_width)
                         for g in gs])

    imgs = images(groups)
    out = classify(imgs)
    height = float(np.ptp(np.concatenate(pts)[:, 1]))
    # Settle doubtful neighbours left to right: join when the joined digit reads better.
    k = 0
    while k < len(groups) - 1:
        if doubtful[k]:
            joined = sorted(groups[k] + groups[k + 1])
            img = images([joined])
            p = classify(img)
            split = _score(out[k : k + 2], [_box(pts, groups[k]), _box(pts, groups[k + 1])], height)
            x0, y0, x1, y1 = _box(pts, joined)
            if x1 - x0 < NARROW * max(y1 - y0, 1.0):  # two digits in the width of one: unlikely
                split += np.log(0.2)
            if _score(p, [(x0, y0, x1, y1)], height) > split:
                groups[k : k + 2] = [joined]
                imgs = np.concatenate([imgs[:k], img, imgs[k + 2 :]])
                out = np.concatenate([out[:k], p, out[k + 2 :]])
                doubtful[k : k + 2] = doubtful[k + 1 : k + 2]
                continue
        k += 1
    if len(groups) > 1:
        groups, imgs, out = _split_non_digits(classify, thresholds, pts, groups, imgs, out, images, height)
    if len(groups) == 1:  # one digit: exactly as read_digit (too small for the canvas)
        small = [verdicts.too_small(pts, canvas_size, pen_width)]
    else:  # a digit of a number: too small beside the writing around it
        small = [verdicts.extent([pts[i] for i in g]) < DOT * height for g in groups]
    readings = verdicts.read(out, small, thresholds)
    return NumberReading([Group(tuple(g), _box(pts, g), r, im)
                          for g, r, im in zip(groups, readings, imgs, strict=True)])


def _drawable(strokes: list[np.ndarray]) -> list[np.ndarray]:
    """A group's strokes, a group far smaller than a pixel drawn as the dot it is."""
    if verdicts.extent(strokes) < ink.TINY:
        return [np.concatenate(strokes).mean(axis=0, keepdims=True)]
    return strokes


def _split_non_digits(classify, thresholds, pts, groups, imgs, out, images, height):
    """Each group of several strokes that reads as "not a digit" is tried split in two, left
    strokes from right strokes; the best split whose halves both read as digits is taken."""
    if out.shape[1] != 11:
        return groups, imgs, out
    new_groups, new_imgs, new_out = [], [], []
    for g, im, o in zip(groups, imgs, out, strict=True):
        best = None
        if o[10] >= thresholds.reject and 1 < len(g) <= MAX_SPLIT:
            order = sorted(g, key=lambda i: (_span(pts, [i])[0] + _span(pts, [i])[1]) / 2)
            for cut in range(1, len(order)):
                halves = [sorted(order[:cut]), sorted(order[cut:])]  # left and right by centre
                (l0, t0, l1, t1), (r0, _, r1, _) = _box(pts, halves[0]), _box(pts, halves[1])
                if (r0 + r1) / 2 - (l0 + l1) / 2 < APART * max(t1 - t0, height * SHORT):
                    continue  # one inside the other: a slashed zero, not two digits
                h_imgs = images(halves)
                h_out = classify(h_imgs)
                if not verdicts.shown(h_out, thresholds).all():
                    continue  # a half that would not be shown alone (an H split into a 1 and a "-|")
                score = _score(h_out, [_box(pts, h) for h in halves], height, not_a_digit=True)
                if best is None or score > best[0]:
                    best = (score, halves, h_imgs, h_out)
        if best is None:
            new_groups.append(g)
            new_imgs.append(im[None])
            new_out.append(o[None])
        else:
            new_groups.extend(best[1])
            new_imgs.append(best[2])
            new_out.append(best[3])
    return new_groups, np.concatenate(new_imgs), np.concatenate(new_out)
