"""The measures, written once for the tests, the benchmarks and training: the ways people draw
(a drawing placed on a canvas), accuracy in each way, calibration error, numbers composed of
drawn digits, pictures of numbers made to look like photos. NumPy and Pillow; the stroke sets
themselves come from ``stroke_sets``."""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from PIL import Image

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


def _dense(strokes: list[np.ndarray], step: float) -> np.ndarray:
    """Points every ``step`` along the strokes."""
    out = []
    for st in strokes:
        out.append(st)
        for p, q in zip(st[:-1], st[1:], strict=True):
            n = int(np.hypot(*(q - p)) // step)
            if n > 1:
                out.append(p + (q - p) * np.linspace(0, 1, n)[:, None])
    return np.concatenate(out)


def _closest(left: list[np.ndarray], right: list[np.ndarray], pen: float) -> float:
    """How far ``right`` moves left for its ink to touch ``left``'s (overlapping by a third of
    the pen): the least horizontal gap between them at the same height, less a pen's width."""
    a, b = _dense(left, pen / 3), _dense(right, pen / 3)
    near = np.abs(a[:, None, 1] - b[None, :, 1]) < pen * 0.7
    gaps = np.where(near, b[None, :, 0] - a[:, None, 0], np.inf)
    gap = float(gaps.min()) if np.isfinite(gaps).any() else 0.0
    return gap - pen * 0.67


DEGRADATIONS = ("paper", "light", "noise", "blur", "tilt", "jpeg")  # what a phone photo or scan adds


def number_picture(digits: list[list[np.ndarray]], rng: np.random.Generator,
                   touching: int | None = None, degrade=DEGRADATIONS,
                   size: tuple[int, int] = (1600, 1200)) -> np.ndarray:
    """A picture of drawn digits written on paper as one number, made to look like a phone
    photo or a scan: uint8 RGB (H, W, 3). Digits 90-220 pixels tall, natural gaps, a pen 5-12%
    of their height; ``touching``: the digit that touches the next one (strokes overlapping a
    little). ``degrade`` picks among DEGRADATIONS: paper tone, uneven light, sensor noise, blur,
    a tilt of up to 4 degrees, JPEG."""
    from PIL import ImageDraw, ImageFilter

    w, h = size
    height = rng.uniform(90, 220)
    pen = max(2.0, height * rng.uniform(0.05, 0.12))
    x, lines = 0.0, []
    for k, strokes in enumerate(digits):
        allp = np.concatenate(strokes)
        lo, hi = allp.min(axis=0), allp.max(axis=0)
        s = height * rng.uniform(0.9, 1.05) / max(float(hi[1] - lo[1]), 1e-6)
        top = rng.normal(0, 0.04 * height)
        lines.append([(st - lo) * s + [x, top] for st in strokes])
        width = float(hi[0] - lo[0]) * s
        if touching == k - 1:  # moved left until its ink just touches the digit before it
            move = _closest(lines[-2], lines[-1], pen)
            x -= move
            lines[-1] = [st - [move, 0] for st in lines[-1]]
        gap = height * rng.uniform(0.15, 0.45)
        x += width + gap
    total = x - gap
    fit = min(1.0, 0.85 * w / max(total, 1.0), 0.6 * h / height)
    ox = rng.uniform(0.05 * w, w - total * fit - 0.05 * w)
    oy = rng.uniform(0.1 * h, h - 1.3 * height * fit - 0.1 * h)  # clear of the edges, tilted or not
    mask = Image.new("L", size, 0)
    draw = ImageDraw.Draw(mask)
    r = pen * fit / 2
    for strokes in lines:
        for st in strokes:
            pts = [(float(px * fit + ox), float(py * fit + oy)) for px, py in st]
            if len(pts) > 1:
                draw.line(pts, fill=255, width=max(1, round(2 * r)), joint="curve")
            for px, py in (pts[0], pts[-1]):
                draw.ellipse([px - r, py - r, px + r, py + r], fill=255)
    ink_ = np.asarray(mask, np.float32)[..., None] / 255.0
    paper = np.array([0.96, 0.95, 0.93]) if "paper" not in degrade else \
        np.array([rng.uniform(0.85, 0.97), rng.uniform(0.82, 0.95), rng.uniform(0.72, 0.9)])
    pen_colour = np.array([rng.uniform(0.05, 0.2), rng.uniform(0.05, 0.2), rng.uniform(0.1, 0.4)])
    img = paper * (1 - ink_ * rng.uniform(0.8, 1.0)) + pen_colour * ink_ * rng.uniform(0.8, 1.0)
    if "tilt" in degrade:  # the page turned a little under the camera
        tilted = Image.fromarray((np.clip(img, 0, 1) * 255).astype(np.uint8))
        fill = tuple(int(c * 255) for c in paper)
        tilted = tilted.rotate(rng.uniform(-4, 4), Image.BILINEAR, fillcolor=fill)
        img = np.asarray(tilted, np.float32) / 255.0
    if "light" in degrade:  # light falling off across the page, and a soft shadow
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        a = rng.uniform(0, 2 * np.pi)
        ramp = ((xx / w - 0.5) * np.cos(a) + (yy / h - 0.5) * np.sin(a)) + 0.5
        light = 1.0 - rng.uniform(0.25, 0.5) * np.clip(ramp, 0, 1)
        cx, cy, sr = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(0.2, 0.5) * w
        light *= 1.0 - rng.uniform(0.1, 0.3) * np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * sr * sr))
        img = img * light[..., None]
    out = Image.fromarray((np.clip(img, 0, 1) * 255).astype(np.uint8))
    if "blur" in degrade:
        out = out.filter(ImageFilter.GaussianBlur(rng.uniform(0.8, 2.2)))
    if "noise" in degrade:
        a = np.asarray(out, np.float32) + rng.normal(0, rng.uniform(4, 10), (h, w, 1))
        out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if "jpeg" in degrade:
        buf = io.BytesIO()
        out.save(buf, "JPEG", quality=int(rng.integers(35, 80)))
        out = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    return np.asarray(out)
