"""What is not a digit, for teaching the network to say so: pen-written letters, scribbles and
shapes drawn as strokes, digits crammed together, and filled blots. Each becomes an MNIST-format
image through the app's own ``strokes_to_mnist`` (or ``fit_box`` for crammed digits and blots), so the network
meets them exactly as it meets a drawing on the canvas. NumPy and Pillow only: the benchmarks
draw scribbles with the same code (with seeds of their own).

Letters that people write like digits (O, I, l, Z, S, b, q, ...) are never negatives: teaching
the network that an O is not a digit would teach it that a 0 is not one either.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from desk_app.imaging import fit_box, to_uint8
from desk_app.ink import strokes_to_mnist
from desk_app.stroke_sets import StrokeSet, letter_mask

NOT_A_DIGIT = 10  # the network's eleventh class

Strokes = list[np.ndarray]
Rng = np.random.Generator


def render(drawings: list[Strokes]) -> np.ndarray:
    """uint8 (N, 28, 28) MNIST images of stroke drawings (ink 255)."""
    out = np.empty((len(drawings), 28, 28), np.uint8)
    for k, d in enumerate(drawings):
        out[k] = to_uint8(strokes_to_mnist(d))
    return out


# -- scribbles and shapes, as pen strokes (y grows down, units arbitrary) ------------------------


def _wobble(p: np.ndarray, rng: Rng, amount: float = 0.6) -> np.ndarray:
    return p + rng.normal(0, amount, p.shape)


def _arc(cx: float, cy: float, rx: float, ry: float, a0: float, a1: float, n: int = 40) -> np.ndarray:
    t = np.linspace(a0, a1, n)
    return np.stack([cx + rx * np.cos(t), cy + ry * np.sin(t)], axis=1)


def _line(a, b, n: int = 10) -> np.ndarray:
    t = np.linspace(0, 1, n)[:, None]
    return np.asarray(a, float) + (np.asarray(b, float) - np.asarray(a, float)) * t


def hash_sign(rng: Rng) -> Strokes:
    s = rng.uniform(60, 100)
    lean = rng.uniform(-0.3, 0.3) * s
    gap = s * rng.uniform(0.25, 0.45)
    out = []
    for dx in (-gap / 2, gap / 2):  # two uprights
        out.append(_line((dx + lean / 2, 0), (dx - lean / 2, s)))
    for dy in (-gap / 2, gap / 2):  # two bars
        y = s / 2 + dy
        out.append(_line((-s / 2, y + rng.normal(0, 3)), (s / 2, y + rng.normal(0, 3))))
    order = rng.permutation(4)
    return [out[i] for i in order]


def smiley(rng: Rng) -> Strokes:
    r = rng.uniform(40, 60)
    a0 = rng.uniform(-np.pi, np.pi)
    face = _arc(0, 0, r, r * rng.uniform(0.85, 1.15), a0, a0 + 2 * np.pi * rng.uniform(0.95, 1.1), 60)
    eye_y, eye_x = -r * rng.uniform(0.2, 0.45), r * rng.uniform(0.25, 0.45)
    eyes = [np.array([[-eye_x, eye_y]]), np.array([[eye_x, eye_y]])]
    if rng.random() < 0.4:  # eyes as short strokes
        eyes = [_line((x, eye_y - 5), (x, eye_y + 5), 4) for x in (-eye_x, eye_x)]
    sad = rng.random() < 0.2
    mr = r * rng.uniform(0.4, 0.65)
    mouth = (_arc(0, r * 0.75, mr, mr * 0.6, np.pi + 0.4, 2 * np.pi - 0.4, 20) if sad
             else _arc(0, r * 0.1, mr, mr * 0.7, 0.35, np.pi - 0.35, 20))
    parts = [face, *eyes, mouth]
    return parts if rng.random() < 0.7 else [*eyes, mouth, face]


def spiral(rng: Rng) -> Strokes:
    turns = rng.uniform(1.6, 4.0)
    t = np.linspace(0, 2 * np.pi * turns, int(60 * turns))
    r = 3 + t * rng.uniform(4, 8)
    sign = 1 if rng.random() < 0.5 else -1
    p = np.stack([r * np.cos(sign * t), r * np.sin(sign * t) * rng.uniform(0.8, 1.2)], axis=1)
    return [p if rng.random() < 0.6 else p[::-1]]


def star(rng: Rng) -> Strokes:
    if rng.random() < 0.6:  # a five-pointed star in one stroke
        r = rng.uniform(40, 60)
        a0 = -np.pi / 2 + rng.normal(0, 0.15)
        k = np.arange(6) * 4 * np.pi / 5 + a0
        pts = np.stack([r * np.cos(k), r * np.sin(k)], axis=1)
        return [np.concatenate([_line(a, b, 8) for a, b in zip(pts[:-1], pts[1:], strict=True)])]
    n = int(rng.integers(3, 5))  # an asterisk: three or four crossing lines
    r = rng.uniform(30, 50)
    a0 = rng.uniform(0, np.pi)
    return [_line((-r * np.cos(a), -r * np.sin(a)), (r * np.cos(a), r * np.sin(a)))
            for a in a0 + np.arange(n) * np.pi / n]


def zigzag(rng: Rng) -> Strokes:
    """Hatching: a zigzag of many teeth. (Parallel strokes are left out: the network took them
    for the slash of a slashed zero and refused real zeros.)"""
    n = int(rng.integers(5, 14))
    w, h = rng.uniform(50, 120), rng.uniform(30, 90)
    xs = np.linspace(0, w, n + 1)
    ys = np.where(np.arange(n + 1) % 2 == 0, 0.0, h) + rng.normal(0, 3, n + 1)
    pts = np.stack([xs + rng.normal(0, 2, n + 1), ys], axis=1)
    return [np.concatenate([_line(a, b, 5) for a, b in zip(pts[:-1], pts[1:], strict=True)])]


def scribble_cloud(rng: Rng) -> Strokes:
    """A tangled scribble: a smooth random path that loops over itself."""
    t = np.linspace(0, 1, 300)
    xy = np.zeros((len(t), 2))
    for _ in range(4):
        f = rng.uniform(2, 9, 2)
        ph = rng.uniform(0, 2 * np.pi, 2)
        amp = rng.uniform(10, 30, 2)
        xy += amp * np.sin(2 * np.pi * f * t[:, None] + ph)
    return [xy]


def long_wave(rng: Rng) -> Strokes:
    periods = rng.uniform(1.5, 6)
    w = rng.uniform(150, 300)
    t = np.linspace(0, 1, 120)
    amp = rng.uniform(10, 40)
    p = np.stack([w * t, amp * np.sin(2 * np.pi * periods * t + rng.uniform(0, np.pi))], axis=1)
    return [p]


def loops(rng: Rng) -> Strokes:
    """A row of cursive loops (eeee, llll): writing, not a digit."""
    n = int(rng.integers(3, 7))
    t = np.linspace(0, 2 * np.pi * n, 60 * n)
    r = rng.uniform(12, 22)
    p = np.stack([t * rng.uniform(3, 6) + r * np.cos(t + np.pi), r * np.sin(t) * rng.uniform(0.8, 2)], axis=1)
    return [p]


def random_walk(rng: Rng) -> Strokes:
    """A restless scribble: the pen wanders, turning a little at every step, into a tangle.
    Long enough to cross itself many times: a short wander can be a fair 2, 3 or 7."""
    n = int(rng.integers(250, 450))
    heading = rng.uniform(0, 2 * np.pi) + np.cumsum(rng.normal(0, rng.uniform(0.6, 1.1), n))
    steps = rng.uniform(3, 6) * np.stack([np.cos(heading), np.sin(heading)], axis=1)
    return [np.cumsum(steps, axis=0)]


def jagged(rng: Rng) -> Strokes:
    """Many straight strokes in random directions, one after another, without lifting the pen:
    at least fifteen (a few strokes can make a 4, a 7 or a Z-like 2)."""
    pts = np.cumsum(rng.normal(0, 30, (int(rng.integers(16, 26)), 2)), axis=0)
    return [np.concatenate([_line(a, b, 6) for a, b in zip(pts[:-1], pts[1:], strict=True)])]


def grid(rng: Rng) -> Strokes:
    """Crossed lines: a tic-tac-toe board, a box with its diagonals, or a shaded box."""
    s = rng.uniform(60, 100)
    kind = rng.integers(3)
    if kind == 0:
        xs = np.sort(rng.uniform(0, s, int(rng.integers(3, 5))))
        return ([_line((x, 0), (x + rng.normal(0, 4), s)) for x in xs]
                + [_line((0, y), (s, y + rng.normal(0, 4))) for y in xs])
    box = np.array([[0, 0], [s, 0], [s, s], [0, s], [0, 0]], float)
    outline = np.concatenate([_line(a, b, 8) for a, b in zip(box[:-1], box[1:], strict=True)])
    if kind == 1:
        return [outline, _line((0, 0), (s, s)), _line((s, 0), (0, s))]
    return [outline] + [_line((x, 0), (x, s), 6) for x in np.linspace(s * 0.15, s * 0.85, 5)]


SCRIBBLES: dict[str, Callable[[Rng], Strokes]] = {
    "hash sign": hash_sign, "smiley": smiley, "spiral": spiral, "star": star,
    "zigzag hatching": zigzag, "scribble cloud": scribble_cloud, "long wave": long_wave,
    "loops": loops, "grid": grid, "random walk": random_walk, "jagged": jagged,
}


def _distort(strokes: Strokes, rng: Rng) -> Strokes:
    """A random rotation, shear and stretch, and a shaky hand."""
    a = np.radians(rng.uniform(-20, 20))
    m = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    m = m @ np.array([[rng.uniform(0.75, 1.3), rng.uniform(-0.25, 0.25)], [0, rng.uniform(0.75, 1.3)]])
    return [_wobble(s @ m.T, rng, rng.uniform(0.2, 1.2)) for s in strokes]


def scribbles(n: int, rng: Rng, kinds: list[str] | None = None) -> tuple[list[Strokes], list[str]]:
    """``n`` scribbles and shapes, spread evenly over ``kinds`` (default: all of them)."""
    kinds = kinds or list(SCRIBBLES)
    names = [kinds[k % len(kinds)] for k in range(n)]
    return [_distort(SCRIBBLES[name](rng), rng) for name in names], names


# -- blots: filled shapes, as a photographed page or a coloured-in drawing shows them ----------


def _blot_outline(rng: Rng) -> np.ndarray:
    """The outline of a solid shape, about 1 across: an ellipse, a polygon, a lumpy blob or a
    box. Never long and thin (a filled bar is a 1), never with a hole (a ring is a 0)."""
    kind = rng.integers(4)
    t = np.linspace(0, 2 * np.pi, 60, endpoint=False)
    if kind == 0:
        r = np.ones_like(t)
    elif kind == 1:  # a polygon of 3 to 7 corners
        t = np.sort(rng.uniform(0, 2 * np.pi, int(rng.integers(3, 8))))
        r = rng.uniform(0.7, 1.0, len(t))
    elif kind == 2:  # a lump: a circle with a few smooth bulges
        r = 1 + sum(rng.uniform(0, 0.18) * np.sin(k * t + rng.uniform(0, 2 * np.pi)) for k in (2, 3, 5))
    else:  # a box
        t = np.array([0.25, 0.75, 1.25, 1.75]) * np.pi
        r = np.full(4, np.sqrt(2))
    xy = np.stack([r * np.cos(t), r * np.sin(t)], axis=1)
    a = rng.uniform(0, np.pi)
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    return (xy * [1.0, rng.uniform(0.55, 1.0)]) @ rot.T


def blots(n: int, rng: Rng) -> np.ndarray:
    """uint8 (n, 28, 28): filled shapes (a disc, a box, a blob, sometimes two that touch),
    normalised as the app normalises a picture's ink: a coloured-in drawing or a sticker in a
    photo. Networks that never met them refused them too, but only as what they happened to
    learn from letters and scribbles; taught, it does not depend on that."""
    from PIL import Image, ImageDraw

    out = np.empty((n, 28, 28), np.uint8)
    k = 0
    while k < n:
        img = Image.new("L", (128, 128))
        draw = ImageDraw.Draw(img)
        shapes = 1 if rng.random() < 0.8 else 2
        for j in range(shapes):
            size = 40 if shapes == 1 else rng.uniform(20, 28)
            centre = (64, 64) if shapes == 1 else (64 + (j - 0.5) * 1.4 * size, 64 + rng.normal(0, 6))
            draw.polygon([tuple(p) for p in _blot_outline(rng) * size + centre], fill=255)
        m = np.asarray(img, np.float32) / 255
        ys, xs = np.nonzero(m > 0.5)
        if len(ys) < 50 or len(ys) < 0.4 * max(np.ptp(ys) + 1, np.ptp(xs) + 1) ** 2:
            continue  # a sliver (a thick 1 or 7), not a blot
        out[k] = to_uint8(fit_box(m, 0.5))
        k += 1
    return out


# -- digits crammed together -------------------------------------------------------------------


def crammed(x: np.ndarray, n: int, rng: Rng) -> np.ndarray:
    """uint8 (n, 28, 28): two or three MNIST digits side by side, close or touching, normalised
    as one drawing (what the network sees when a number is drawn as one blob). They never
    overlap: a 1 across a 0 is a slashed zero, a digit."""
    out = np.empty((n, 28, 28), np.uint8)
    for k in range(n):
        parts = [x[i] for i in rng.choice(len(x), 2 if rng.random() < 0.8 else 3, replace=False)]
        canvas = np.zeros((28, 28 * len(parts) + 8), np.float32)
        left = 0
        for p in parts:
            cols = np.flatnonzero(p.max(axis=0) > 64)
            if len(cols) == 0:
                continue
            crop = p[:, cols[0] : cols[-1] + 1].astype(np.float32) / 255
            w = crop.shape[1]
            canvas[:, left : left + w] = np.maximum(canvas[:, left : left + w], crop)
            left += w + int(round(rng.uniform(0.0, 0.12) * 20))  # touching, never overlapping
            left = max(left, 0)
        out[k] = to_uint8(fit_box(canvas[:, : max(left, 1) + 28], 0.25))
    return out


def negatives(x_digits: np.ndarray, letters: StrokeSet | None, sites: set[str] | None,
              n_letters: int, n_scribbles: int, n_crammed: int, n_blots: int = 0,
              seed: int = 0) -> tuple[np.ndarray, dict[str, int]]:
    """uint8 (N, 28, 28) images of things that are not digits, and how many of each kind:
    ``n_letters`` letters drawn at random from those taught (repeated only if too few)."""
    rng = np.random.default_rng(seed)
    parts, counts = [], {}
    if letters is not None and n_letters:
        keep = np.flatnonzero(letter_mask(letters, sites, taught=True))
        pick = rng.choice(keep, n_letters, replace=len(keep) < n_letters)
        parts.append(render([letters.strokes[i] for i in pick]))  # only those used: half the work
        counts["letters"] = n_letters
    drawings, _ = scribbles(n_scribbles, rng)
    parts.append(render(drawings))
    counts["scribbles"] = n_scribbles
    parts.append(crammed(x_digits, n_crammed, rng))
    counts["crammed digits"] = n_crammed
    if n_blots:
        parts.append(blots(n_blots, rng))
        counts["blots"] = n_blots
    return np.concatenate(parts), counts
