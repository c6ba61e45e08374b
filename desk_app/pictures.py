"""Pictures of handwritten numbers, photos and scans, read digit by digit. NumPy and Pillow only.

The steps, each a function here:

1. ``ink_of``: the picture, reduced to at most WORK_SIDE pixels a side, as ink against paper.
   The paper's own brightness is estimated under every pixel (a closing, maximum then minimum
   filter, removes the strokes; a box blur smooths what is left) and each pixel is measured
   against it, so paper tone, uneven light and shadows cancel out; the cut between ink and
   paper is set from the picture's own contrast and noise, never a fixed grey.
2. ``pieces``: connected components (8-connected, from runs of ink, in NumPy), after ruled
   lines and borders are taken out (``_without_lines``: runs of ink far longer than the digits
   are tall); pieces at the picture's edge, specks and long streaks go too.
3. ``straighten``: a line of digits tilted up to MAX_TILT degrees is turned level (the tilt is
   the slope of the line through the digits' centres).
4. Digits: pieces grouped left to right (a 5 whose bar stands apart, a 4 in two strokes),
   doubtful neighbours settled by the network, and a piece too wide for one digit, or that the
   network calls "not a digit", cut along the cheapest path from top to bottom (touching
   digits), the network choosing the cut (``_split``).
5. Each digit to MNIST's format (``to_mnist``): its strokes brought to MNIST's pen width, then
   the same cropping, 20x20 fit and centring by mass as every other picture
   (``imaging.fit_box``).

``reading.read_number_picture`` reads what ``find_digits`` finds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image

from desk_app import imaging, ink, numbers, verdicts

WORK_SIDE = 1000  # pixels a side the reading works at: a 12 MP photo is read at 1000x750
MAX_TILT = 10.0  # degrees of tilt of the whole line that are straightened
LINE = 0.3  # a piece longer than this fraction of the picture's side, and thin, is a ruled line
SPARSE = 0.05  # ... or sparse: ink on less than this fraction of its box (ruled lines and a margin)
LINES = 2.5  # a run of ink longer than this times the digits' height is part of a line
EDGE = 0.004  # a piece this close to the picture's edge (a fraction of its side) is a border or a shadow
SPECK = 0.15  # a digit shorter than this fraction of the tallest one is a speck or a dot
MIN_DIGIT = 0.015  # ... and so is one shorter than this fraction of the picture's side
STREAK = 3.5  # a piece this many times wider than tall, and long, is no number
BLOT = 0.3  # ink this thick for its size (stroke width over the longer side) is a shape, not writing
WITHIN = 0.8  # pieces side by side join surely only when the narrower is this much within the other
STACKED = 0.5  # pieces one above the other join when the gap is under this times the taller
TOO_WIDE = 1.15  # a digit wider than this times its height is tried cut in two
TWO_WIDE = 0.8  # a half that is no digit, this wide for its height, may hold two digits ...
THREE_WIDE = 1.6  # ... when the piece it was cut from is this wide: three digits touching
PEN = ink.MNIST_PEN / ink.BOX  # MNIST's pen width, as a fraction of the digit's height
SPLIT_ODDS = 5.0  # a cut is taken when the two digits are this much likelier than the one piece
MAX_CUTS = 3  # cuts deep: at most four digits touching in a row


@dataclass(frozen=True)
class Ink:
    """The picture as ink: ``v`` float32 (H, W) in [0, 1] (1: surely ink), ``mask`` the pixels
    taken as ink, and ``scale``: picture pixels per work pixel."""

    v: np.ndarray
    mask: np.ndarray
    scale: float


def _reduce(gray: np.ndarray, side: int) -> tuple[np.ndarray, float]:
    h, w = gray.shape
    scale = max(h, w) / side
    if scale <= 1.0:
        return gray, 1.0
    size = (max(1, round(w / scale)), max(1, round(h / scale)))
    return np.asarray(Image.fromarray(gray).resize(size, Image.BOX), np.float32), scale


def _max_filter(a: np.ndarray, k: int, reduce=np.max) -> np.ndarray:
    """A k x k maximum (or ``reduce``) filter, k odd, separable."""
    r = k // 2
    out = a
    for axis in (0, 1):
        pad = [(0, 0), (0, 0)]
        pad[axis] = (r, r)
        p = np.pad(out, pad, mode="edge")
        n = out.shape[axis]
        out = reduce([np.take(p, range(i, i + n), axis=axis) for i in range(k)], axis=0)
    return out


def _box_blur(a: np.ndarray, k: int) -> np.ndarray:
    """A k x k mean filter by cumulative sums."""
    r = k // 2
    p = np.pad(a, r, mode="edge").astype(np.float64)
    c = p.cumsum(0).cumsum(1)
    c = np.pad(c, ((1, 0), (1, 0)))
    h, w = a.shape
    s = c[k : k + h, k : k + w] - c[:h, k : k + w] - c[k : k + h, :w] + c[:h, :w]
    return (s / (k * k)).astype(np.float32)


def _paper(g: np.ndarray) -> np.ndarray:
    """The paper's brightness under every pixel, strokes removed: computed at a quarter of the
    size (fast, and smooth as light is), never darker than the pixel itself."""
    small, _ = _reduce(g, max(16, max(g.shape) // 4))
    k = max(3, (max(small.shape) // 6) | 1)  # wider than any stroke: a sixth of the picture
    # A closing (maximum, then minimum): strokes narrower than k vanish into the paper around
    # them, while light that changes across the page keeps its level.
    bright = _box_blur(_max_filter(_max_filter(small, k), k, np.min), k)
    up = Image.fromarray(bright).resize((g.shape[1], g.shape[0]), Image.BILINEAR)
    return np.maximum(np.asarray(up, np.float32), g)


def ink_of(picture: object) -> Ink:
    """The ink of a picture (a path or a uint8 array), dark on light or light on dark."""
    gray = imaging.to_gray(picture)
    gray, scale = _reduce(gray, WORK_SIDE)
    border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    if np.median(border) < 0.5:  # light ink on a dark ground
        gray = 1.0 - gray
    g = _box_blur(gray, 3) if min(gray.shape) >= 64 else gray  # JPEG and sensor noise
    paper = _paper(g)
    v = np.clip((paper - g) / np.maximum(paper, 0.05), 0.0, 1.0)
    noise = 1.4826 * float(np.median(np.abs(v - np.median(v))))  # robust spread of the paper
    cut = max(0.12, 5.0 * noise, 0.5 * imaging.otsu(v))
    return Ink(v, v >= cut, scale)


# -- connected pieces ------------------------------------------------------------------------------


def _runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every horizontal run of ink: its row, first column and end column (exclusive)."""
    padded = np.pad(mask, ((0, 0), (1, 1))).astype(np.int8)
    d = np.diff(padded, axis=1)
    rows, starts = np.nonzero(d == 1)
    _, ends = np.nonzero(d == -1)
    return rows, starts, ends


def _without_lines(mask: np.ndarray) -> np.ndarray:
    """The mask without ruled lines and borders: runs of ink, across or down, longer than
    LINES times the digits' height (taken from the pieces that are not long and thin)."""
    found = pieces(mask)
    side = max(mask.shape)

    def line_like(p: Piece) -> bool:  # long, and thin or sparse (a grid of lines)
        w, h = p.box[2] - p.box[0], p.box[3] - p.box[1]
        return max(w, h) > LINE * side and (max(w, h) > 6 * min(w, h) or p.area < SPARSE * w * h)

    heights = [p.box[3] - p.box[1] for p in found if not line_like(p)]
    if len(heights) == len(found):
        return mask  # nothing long and thin: no line to remove
    limit = max(LINES * float(np.median(heights)) if heights else 0.0, LINE * side)
    lines = np.zeros_like(mask)
    for m, marked in ((mask, lines), (mask.T, lines.T)):  # both found in the mask as it was
        rows, c0, c1 = _runs(m)
        for r, a, b in zip(rows, c0, c1, strict=True):
            if b - a > limit:
                marked[r, a:b] = True
    if not lines.any():
        return mask
    return mask & ~_max_filter(lines.astype(np.uint8), 5).astype(bool)  # and their frayed edges


@dataclass(frozen=True)
class Piece:
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 (exclusive) in work pixels
    rows: np.ndarray  # its runs: row, first column, end column
    c0: np.ndarray
    c1: np.ndarray

    @property
    def area(self) -> int:
        return int((self.c1 - self.c0).sum())


def pieces(mask: np.ndarray) -> list[Piece]:
    """The 8-connected pieces of ink, from runs: runs on neighbouring rows that touch (corners
    too) are joined by label propagation with pointer jumping."""
    rows, c0, c1 = _runs(mask)
    n = len(rows)
    if n == 0:
        return []
    w = mask.shape[1] + 2
    key0, key1 = rows * w + c0, rows * w + c1
    # For each run b, the runs a on the row above with a.c0 <= b.c1 and a.c1 >= b.c0.
    lo = np.searchsorted(key1, (rows - 1) * w + c0, side="left")
    hi = np.searchsorted(key0, (rows - 1) * w + c1, side="right")
    count = np.maximum(hi - lo, 0)
    b = np.repeat(np.arange(n), count)
    a = np.repeat(lo, count) + (np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count))
    keep = rows[a] == rows[b] - 1
    a, b = a[keep], b[keep]
    labels = np.arange(n)
    while len(a):
        m = np.minimum(labels[a], labels[b])
        before = labels.copy()
        np.minimum.at(labels, a, m)
        np.minimum.at(labels, b, m)
        labels = labels[labels]
        labels = labels[labels]
        if np.array_equal(labels, before):
            break
    out = []
    order = np.argsort(labels, kind="stable")
    cuts = np.flatnonzero(np.diff(labels[order])) + 1
    for idx in np.split(order, cuts):
        r, s, e = rows[idx], c0[idx], c1[idx]
        out.append(Piece((int(s.min()), int(r.min()), int(e.max()), int(r.max()) + 1), r, s, e))
    return out


def _render(parts: list[Piece], box: tuple[int, int, int, int]) -> np.ndarray:
    x0, y0, x1, y1 = box
    m = np.zeros((y1 - y0, x1 - x0), bool)
    for p in parts:
        for r, s, e in zip(p.rows, p.c0, p.c1, strict=True):
            m[r - y0, s - x0 : e - x0] = True
    return m


def _union(boxes) -> tuple[int, int, int, int]:
    b = np.array(list(boxes))
    return int(b[:, 0].min()), int(b[:, 1].min()), int(b[:, 2].max()), int(b[:, 3].max())


# -- one digit to MNIST's format ---------------------------------------------------------------------


def _stroke_width(m: np.ndarray) -> float:
    """The ink's stroke width in pixels: its area over half its outline."""
    area = int(m.sum())
    if area == 0:
        return 0.0
    inner = m.copy()
    inner[1:] &= m[:-1]
    inner[:-1] &= m[1:]
    inner[:, 1:] &= m[:, :-1]
    inner[:, :-1] &= m[:, 1:]
    outline = max(area - int(inner.sum()), 1)
    return 2.0 * area / outline


def to_mnist(m: np.ndarray) -> np.ndarray:
    """A digit's ink mask (cropped) as MNIST's 28x28: its strokes brought near MNIST's pen width
    (as drawn strokes are drawn with MNIST's pen), then ``imaging.fit_box``."""
    h, w = m.shape
    target = PEN * max(h, w)
    width = _stroke_width(m)
    grow = int(round((target - width) / 2))
    if grow > 0:
        m = np.pad(m, grow)
        m = _max_filter(m.astype(np.uint8), 2 * grow + 1).astype(bool)
    return imaging.fit_box(m.astype(np.float32), 0.5)


# -- reading ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """A digit found in the picture: its pieces, its box in work pixels, and its mask."""

    parts: tuple[Piece, ...]
    box: tuple[int, int, int, int]
    mask: np.ndarray


def _found(parts) -> Found:
    box = _union(p.box for p in parts)
    return Found(tuple(parts), box, _render(list(parts), box))


def _overlap(a, b) -> float:
    """Horizontal overlap of two boxes as a fraction of the narrower (negative: a gap), as
    ``numbers`` measures strokes' spans."""
    return numbers._overlap((a[0], a[2]), (b[0], b[2]), 1.0)


def straighten(boxes: list[tuple[int, int, int, int]]) -> float:
    """The tilt, in degrees, of the line through the digits' centres: 0 for fewer than three,
    centres that stray from a line, under a degree (nothing to gain) or beyond MAX_TILT (no
    tilted line)."""
    if len(boxes) < 3:
        return 0.0
    b = np.array(boxes, float)
    x, y = (b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2
    if np.ptp(x) < np.ptp(y):  # a column, not a line of writing
        return 0.0
    fit = np.polyfit(x, y, 1)
    scatter = float(np.sqrt(np.mean((y - np.polyval(fit, x)) ** 2)))
    if scatter > 0.15 * float(np.median(b[:, 3] - b[:, 1])):
        return 0.0  # the centres are no straight line: no tilt to trust
    angle = math.degrees(math.atan(fit[0]))
    return angle if 1.0 <= abs(angle) <= MAX_TILT else 0.0


def _one_digit(a, b) -> bool:
    """Two pieces surely of one digit: one above the other, close (a 5 and its bar), or one
    almost within the other's span. Pieces side by side that overlap less (a slanted 1 reaching
    into a 3's box) are left to the network."""
    gap = max(a[1], b[1]) - min(a[3], b[3])  # negative: their heights overlap by that much
    if gap > STACKED * max(a[3] - a[1], b[3] - b[1]):
        return False  # two lines of writing
    x = _overlap(a, b)
    side_by_side = -gap > 0.5 * min(a[3] - a[1], b[3] - b[1])
    return x >= WITHIN if side_by_side else x >= numbers.SURE_OVERLAP


def _streak(box, side: int) -> bool:
    """Far longer than tall and across much of the picture: the edge of a shadow, a fold, a
    line left over; not digits, which would have to be touching by the handful."""
    w, h = box[2] - box[0], box[3] - box[1]
    return w > LINE * side and w > STREAK * h


def _blot(f: Found) -> bool:
    """A filled shape (a disc, a sticker, a thumb): ink far thicker for its size than any pen
    writes (the test pictures' digits, pens up to 12% of their height, measure at most 0.2; a
    filled disc, hollowed where the paper's light is estimated, 0.4-0.5)."""
    return _stroke_width(f.mask) > BLOT * max(f.mask.shape)


def _group(found: list[Piece]) -> list[list[Piece]]:
    """Pieces left to right; those surely of one digit (``_one_digit``) are joined."""
    groups: list[tuple[list[Piece], tuple[int, int, int, int]]] = []
    for p in sorted(found, key=lambda p: p.box[0]):
        members, box = [p], p.box
        while groups and _one_digit(groups[-1][1], box):
            prev, prev_box = groups.pop()
            members, box = prev + members, _union([prev_box, box])
        groups.append((members, box))
    return [m for m, _ in groups]


def _candidates(ink_: Ink) -> tuple[list[Found], tuple[int, int], float]:
    """The digits' candidates (grouped pieces), straightened when the line is tilted; the shape
    of the ink they were found in, and its tilt. Lines, borders and specks go first; what is
    left is turned level and grouped again."""
    mask = _without_lines(ink_.mask)
    h, w = mask.shape
    edge = max(2, round(EDGE * max(h, w)))
    found = [p for p in pieces(mask)
             if p.box[0] >= edge and p.box[1] >= edge and p.box[2] <= w - edge and p.box[3] <= h - edge]
    if not found:
        return [], mask.shape, 0.0
    tallest = max(p.box[3] - p.box[1] for p in found)
    speck = max(SPECK * tallest, MIN_DIGIT * max(h, w))
    found = [p for p in found if max(p.box[2] - p.box[0], p.box[3] - p.box[1]) >= 0.5 * speck]
    groups = [f for f in map(_found, _group(found))
              if f.box[3] - f.box[1] >= speck and not _streak(f.box, max(h, w)) and not _blot(f)]
    tilt = straighten([f.box for f in groups])
    if not tilt:
        return groups, mask.shape, 0.0
    kept = np.zeros((h, w), np.uint8)  # the digits alone, turned level
    for f in groups:
        x0, y0, x1, y1 = f.box
        kept[y0:y1, x0:x1] |= f.mask.astype(np.uint8) * 255
    level = np.asarray(Image.fromarray(kept).rotate(tilt, Image.BILINEAR, expand=True)) >= 128
    groups = [f for f in map(_found, _group(pieces(level))) if f.box[3] - f.box[1] >= speck and not _blot(f)]
    return groups, level.shape, tilt


Part = tuple[np.ndarray, int, int]  # a digit's mask (cropped to its ink) and its left and top offsets


def _crop(m: np.ndarray, dx: int = 0, dy: int = 0) -> Part | None:
    """``m`` cropped to its ink, with where the crop sits (``dx``, ``dy``: where ``m`` sits)."""
    ys, xs = np.nonzero(m)
    if len(ys) == 0:
        return None
    return m[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1], dx + int(xs.min()), dy + int(ys.min())


def _cut_places(m: np.ndarray, step: float = 0.05) -> list[int]:
    """Where to try cutting a piece in two: every ``step`` of its width across the middle
    three fifths, and the columns of least ink there (the paths bend from these)."""
    w = m.shape[1]
    cols = np.convolve(m.sum(axis=0).astype(float), np.ones(3) / 3, mode="same")
    lo, hi = max(int(w * 0.2), 2), min(int(w * 0.8), w - 2)
    if hi <= lo:
        return []
    even = {int(round(w * f)) for f in np.arange(0.2, 0.8 + step / 2, step)}
    least = {int(b) + lo for b in np.argsort(cols[lo:hi], kind="stable")[:3]}
    return sorted(c for c in even | least if lo <= c < hi)


def _path_cut(m: np.ndarray, at: int) -> np.ndarray:
    """The pixels left of the cheapest path from top to bottom near column ``at``: a path may
    step one column a row and costs a lot for each pixel of ink it crosses, so it slips between
    touching digits where a straight cut would slice through one (a shortest-path splitter)."""
    h, w = m.shape
    reach = max(2, w // 8)
    lo, hi = max(0, at - reach), min(w, at + reach + 1)
    cost = m[:, lo:hi].astype(np.float32) * 10.0 + np.abs(np.arange(lo, hi) - at) * 0.02
    n = hi - lo
    total = cost[0].copy()
    step = np.zeros((h, n), np.int8)
    for r in range(1, h):
        options = np.stack([np.r_[np.inf, total[:-1]], total, np.r_[total[1:], np.inf]])
        choice = options.argmin(axis=0)
        total = options[choice, np.arange(n)] + cost[r]
        step[r] = choice - 1
    col = int(total.argmin())
    left = np.zeros_like(m)
    for r in range(h - 1, -1, -1):
        left[r, : lo + col] = True
        col = min(max(col + int(step[r, col]), 0), n - 1)
    return left


def _crossings(m: np.ndarray, left: np.ndarray) -> int:
    """How many separate strokes a cut (``left``: the pixels left of it) goes through: runs of
    rows in which the pixel just right of the cut is ink."""
    cols = left.sum(axis=1)
    inside = cols < m.shape[1]
    ink = np.zeros(len(cols), bool)
    ink[inside] = m[np.flatnonzero(inside), cols[inside]]
    return int(np.count_nonzero(np.diff(np.r_[0, ink.astype(np.int8)]) == 1))


def _split(part: Part, classify, thresholds, height: float, depth: int = 0) -> tuple[list[Part], float, bool]:
    """A candidate's digits: itself, or its best cut into two when it is too wide for one digit
    or reads as no digit and the halves read better (a half that is no digit but wide enough
    for two is cut again: three digits touching). Returns the digits, the log-likelihood of
    that reading (``numbers._score``) and whether every one of them reads as a digit."""
    m, dx, dy = part
    h, w = m.shape
    out = classify(to_mnist(m)[None])
    whole = numbers._score(out, [(0, 0, w, h)], height, not_a_digit=True)
    refused = out.shape[1] == 11 and bool(out[0, 10] >= thresholds.reject)
    if depth >= MAX_CUTS or w < 0.5 * h or (w <= TOO_WIDE * h and not refused):
        return [part], whole, not refused
    best, best_score = [part], whole + np.log(SPLIT_ODDS)
    for at in _cut_places(m, 0.05 if depth == 0 else 0.1):  # fewer inside a cut piece
        left = _path_cut(m, at)
        if w <= TOO_WIDE * h and _crossings(m, left) > 1:
            continue  # a piece no wider than one digit, cut through two strokes: a #, not two digits
        halves = [_crop(m & left, dx, dy), _crop(m & ~left, dx, dy)]
        if halves[0] is None or halves[1] is None:
            continue
        o = classify(np.stack([to_mnist(x[0]) for x in halves]))
        parts, score, ok = [], 0.0, True
        for half, oh, seen in zip(halves, o, verdicts.shown(o, thresholds), strict=True):
            hh, hw = half[0].shape
            if not seen:  # a half that would not be shown alone (half a #: a 7 or not a digit)
                if hw < TWO_WIDE * hh or w < THREE_WIDE * h:
                    ok = False  # a half that is no digit, and no room for two in it
                    break
                sub, sub_score, ok = _split(half, classify, thresholds, height, depth + 1)
                if not ok or len(sub) < 2:
                    ok = False
                    break
                parts, score = parts + sub, score + sub_score
            else:
                parts.append(half)
                score += numbers._score(oh[None], [(0, 0, hw, hh)], height, not_a_digit=True)
        if ok and score > best_score:
            best, best_score = parts, score
    if len(best) == 1:
        return [part], whole, not refused
    digits = []  # a half that reads as a digit but is wide enough for two may be cut again
    for half in best:
        digits.extend(_split(half, classify, thresholds, height, depth + 1)[0]
                      if half[0].shape[1] > TOO_WIDE * half[0].shape[0] else [half])
    return digits, best_score, True


@dataclass(frozen=True)
class PictureDigit:
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in the picture's pixels
    image: np.ndarray  # (28, 28) what the network read


def find_digits(picture: object, classify, thresholds: verdicts.Thresholds) -> list[PictureDigit]:
    """The digits of a picture, left to right, as MNIST images with their boxes in the picture."""
    ink_ = ink_of(picture)
    groups, shape, tilt = _candidates(ink_)
    if not groups:
        return []
    height = float(np.median([f.box[3] - f.box[1] for f in groups]))
    # Doubtful neighbours (a slight overlap, or almost touching): join when the joined digit
    # reads better, as numbers.read does for strokes.
    k = 0
    while k < len(groups) - 1:
        a, b = groups[k], groups[k + 1]
        if _overlap(a.box, b.box) > -numbers.NEAR:
            joined = _found(a.parts + b.parts)
            ma, mb, mj = _crop(a.mask), _crop(b.mask), _crop(joined.mask)
            if ma is not None and mb is not None and mj is not None:
                o2 = classify(np.stack([to_mnist(ma[0]), to_mnist(mb[0])]))
                o1 = classify(to_mnist(mj[0])[None])
                two = numbers._score(o2, [a.box, b.box], height)
                one = numbers._score(o1, [joined.box], height)
                if one > two:
                    groups[k : k + 2] = [joined]
                    continue
        k += 1
    found: list[PictureDigit] = []
    for f in groups:
        if _streak(f.box, max(shape)):
            continue
        whole = _crop(f.mask, f.box[0], f.box[1])
        for m, x0, y0 in _split(whole, classify, thresholds, height)[0] if whole else []:
            box = (x0, y0, x0 + m.shape[1], y0 + m.shape[0])
            where = _picture_box(box, ink_.scale, tilt, shape, ink_.v.shape)
            found.append(PictureDigit(where, to_mnist(m)))
    return found


def _picture_box(box: tuple[int, int, int, int], scale: float, tilt: float, shape, original) -> tuple:
    """A box in work pixels (of the straightened ink, of ``shape``) in the picture's pixels."""
    x0, y0, x1, y1 = box
    corners = np.array([[x0, y0], [x1, y0], [x0, y1], [x1, y1]], float)
    if tilt:  # back from the straightened picture to the picture as it is
        cy, cx = (shape[0] - 1) / 2, (shape[1] - 1) / 2
        oy, ox = (original[0] - 1) / 2, (original[1] - 1) / 2
        t = math.radians(tilt)
        dx, dy = corners[:, 0] - cx, corners[:, 1] - cy
        corners = np.stack([ox + dx * math.cos(t) - dy * math.sin(t),
                            oy + dx * math.sin(t) + dy * math.cos(t)], 1)
    corners *= scale
    return (float(corners[:, 0].min()), float(corners[:, 1].min()),
            float(corners[:, 0].max()), float(corners[:, 1].max()))
