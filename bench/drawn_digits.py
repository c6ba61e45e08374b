#!/usr/bin/env python
"""Accuracy on real pen-drawn digits, in five ways of drawing, against the tutorial's pipeline.

    python bench/drawn_digits.py [--digits data/drawn-digits/unipen-1a-dev.npz]

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

from desk_app import Recognizer
from desk_app.evaluation import CANVAS, WAYS, drawn_report, ece, place
from desk_app.stroke_sets import DRAWN_DIGITS, load_stroke_set

ROOT = Path(__file__).resolve().parent.parent

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


def baseline_accuracy(baseline: Recognizer, digits) -> dict:
    out = {}
    for way in WAYS:
        x = np.stack([naive_canvas_image(place(s, way), way.pen) for s in digits.strokes])
        out[way.name] = float((baseline.predict_mnist(x).argmax(1) == digits.labels).mean())
    return out


def save_errors(digits, pred: np.ndarray, path: Path, n: int = 40) -> None:
    """A grid of wrongly read digits as the network saw them, captioned true -> read."""
    from PIL import ImageFont

    from desk_app.ink import strokes_to_mnist

    wrong = np.flatnonzero(pred != digits.labels)[:n]
    cell, cols = 84, 10
    rows = -(-len(wrong) // cols)
    sheet = Image.new("L", (cols * cell, rows * (cell + 16)), 255)
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default()
    for k, i in enumerate(wrong):
        img = strokes_to_mnist(place(digits.strokes[i], WAYS[0]))
        tile = Image.fromarray((255 - img * 255).astype(np.uint8)).resize((cell - 4, cell - 4))
        x, y = (k % cols) * cell, (k // cols) * (cell + 16)
        sheet.paste(tile, (x + 2, y + 2))
        draw.text((x + 6, y + cell - 2), f"{digits.labels[i]} -> {pred[i]}", fill=0, font=font)
    sheet.save(path)
    print(f"wrote {path}")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--digits", default=str(DRAWN_DIGITS))
    p.add_argument("--model", default=None, help="a .tflite to measure instead of the bundled one")
    p.add_argument("--mnist", default=None,
                   help="MNIST folder or mnist.npz, for the test-set figures (default: "
                        "$DESK_APP_MNIST, else Keras's cache)")
    p.add_argument("--errors-png", default=None, metavar="PNG",
                   help="also save a picture of remaining errors (what the network saw)")
    args = p.parse_args(argv)
    digits = load_stroke_set(args.digits)
    rec = Recognizer(args.model)
    baseline = Recognizer(BASELINE) if BASELINE.is_file() else None
    report = drawn_report(rec, digits)
    base = baseline_accuracy(baseline, digits) if baseline else {}
    probs, y = report["probs"], digits.labels
    print(f"Drawn digits: {len(y)} from {args.digits}")
    print("| way of drawing (280x280 canvas) | desk-app | tutorial pipeline |")
    print("| --- | ---: | ---: |")
    for name, acc in report["accuracy"].items():
        print(f"| {name} | {acc:.2%} | {f'{base[name]:.2%}' if name in base else 'n/a'} |")
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
    print(f"Calibration error (ECE, 15 bins): {report['ece']:.2%} on drawn digits")
    from desk_app.training.data import load_mnist  # NumPy only

    mnist = load_mnist(args.mnist)
    mp = rec.predict_mnist(mnist.x_test)
    temperatures = rec.card.get("temperatures", rec.card.get("temperature", 1.0))
    print(f"MNIST test set: {(mp.argmax(1) == mnist.y_test).mean():.2%} "
          f"(ECE {ece(mp, mnist.y_test):.2%}); temperatures {temperatures}")
    if args.errors_png:
        save_errors(digits, pred, Path(args.errors_png))
    return 0


if __name__ == "__main__":
    sys.exit(main())
