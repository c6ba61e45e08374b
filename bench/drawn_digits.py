#!/usr/bin/env python
"""Accuracy on real pen-drawn digits, in five ways of drawing, against the tutorial's pipeline.

    python bench/drawn_digits.py [--digits ../shared/drawn-digits/unipen-1a-dev.npz]

The app: ``Recognizer.predict_strokes_batch`` (strokes to MNIST format, the bundled model).
The baseline: the tutorial's network (``--arch seed`` recipe, in bench/baseline/) reading the
280x280 canvas resized straight to 28x28, as the tutorial's demo app did.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desk_app import Recognizer  # noqa: E402
from desk_app.evaluation import CANVAS, WAYS, load_drawn_digits, place  # noqa: E402

DEFAULT_DIGITS = ROOT.parent / "shared" / "drawn-digits" / "unipen-1a-dev.npz"
BASELINE = ROOT / "bench" / "baseline" / "model.tflite"


def naive_canvas_image(strokes, pen: float) -> np.ndarray:
    """The tutorial demo's input: the canvas itself (white on black) resized to 28x28."""
    img = Image.new("L", CANVAS, 0)
    d = ImageDraw.Draw(img)
    r = pen / 2
    for s in strokes:
        pts = [tuple(p) for p in s.tolist()]
        if len(pts) > 1:
            d.line(pts, fill=255, width=round(pen), joint="curve")
        for x, y in pts:
            d.ellipse((x - r, y - r, x + r, y + r), fill=255)
    return np.asarray(img.resize((28, 28), Image.LANCZOS), np.float32) / 255


def ece(probs: np.ndarray, labels: np.ndarray, bins: int = 15) -> float:
    """Expected calibration error: |accuracy - confidence| weighted over 15 confidence bins."""
    conf = probs.max(axis=1)
    right = probs.argmax(axis=1) == labels
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        m = (conf > lo) & (conf <= hi)
        if m.any():
            total += m.mean() * abs(right[m].mean() - conf[m].mean())
    return float(total)


def evaluate(rec: Recognizer, digits, baseline: Recognizer | None):
    rows = []
    main_probs = None
    for way in WAYS:
        drawings = [place(s, way) for s in digits.strokes]
        probs = rec.predict_strokes_batch(drawings, canvas_size=CANVAS, pen_width=way.pen)
        main_probs = probs if main_probs is None else main_probs
        acc = (probs.argmax(1) == digits.labels).mean()
        base = None
        if baseline is not None:
            x = np.stack([naive_canvas_image(d, way.pen) for d in drawings])
            base = (baseline.predict_mnist(x).argmax(1) == digits.labels).mean()
        rows.append((way.name, acc, base))
    return rows, main_probs


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--digits", default=str(DEFAULT_DIGITS))
    p.add_argument("--model", default=None, help="a .tflite to measure instead of the bundled one")
    args = p.parse_args(argv)
    digits = load_drawn_digits(args.digits)
    rec = Recognizer(args.model)
    baseline = Recognizer(BASELINE) if BASELINE.is_file() else None
    rows, probs = evaluate(rec, digits, baseline)
    y = digits.labels
    print(f"Drawn digits: {len(y)} from {args.digits}")
    print("| way of drawing (280x280 canvas) | desk-app | tutorial pipeline |")
    print("| --- | ---: | ---: |")
    for name, acc, base in rows:
        print(f"| {name} | {acc:.2%} | {'n/a' if base is None else f'{base:.2%}'} |")
    pred = probs.argmax(1)
    print("\nPer digit (centred 60%): " + ", ".join(
        f"{d}: {(pred[y == d] == d).mean():.1%}" for d in range(10)))
    pairs = {}
    for t, q in zip(y, pred, strict=True):
        if t != q:
            pairs[(t, q)] = pairs.get((t, q), 0) + 1
    top = sorted(pairs.items(), key=lambda kv: -kv[1])[:10]
    print("Most frequent confusions (true->read: count): " + ", ".join(
        f"{t}->{q}: {n}" for (t, q), n in top))
    print(f"Calibration error (ECE, 15 bins): {ece(probs, y):.2%} on drawn digits")
    return 0


if __name__ == "__main__":
    sys.exit(main())
