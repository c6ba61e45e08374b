#!/usr/bin/env python
"""Not a digit: letters, scribbles, clicks and real digits, for the bundled model and the
previous one (bench/previous/, a plain ten-digit classifier shown when over 60% sure).

    python bench/not_a_digit.py [--model M.tflite] [--tune]

Everything is drawn on a 280x280 canvas at 60% of its height with an 18 px pen and read with
``Recognizer.read_digits``. "Shown" means the verdict is "digit": the window gives a digit.
Letters come from the sites the network never trained on (``HELD_OUT_SITES``); letters written
like digits (O, l, Z, S, ...) are not scored. Scribbles are drawn with seeds training never uses.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from desk_app import Recognizer, verdicts
from desk_app.evaluation import CANVAS, WAYS, Shown, held_out_letters, place, shown_as_digits
from desk_app.ink import strokes_to_mnist
from desk_app.stroke_sets import DRAWN_DIGITS, HELD_OUT_SITES, LETTERS, load_stroke_set
from desk_app.training.negatives import SCRIBBLES, scribbles  # NumPy only

ROOT = Path(__file__).resolve().parent.parent

PREVIOUS = ROOT / "bench" / "previous" / "model.tflite"
WAY = WAYS[0]  # centred, 60% of the canvas height, 18 px pen
# The headline figure counts the kinds of scribble measured from the start, so that it compares
# across versions; kinds taught later are counted on a row of their own.
FIRST_KINDS = ["hash sign", "smiley", "spiral", "star", "zigzag hatching", "scribble cloud",
               "long wave", "loops", "grid"]
LATER_KINDS = [k for k in SCRIBBLES if k not in FIRST_KINDS]


def placed(drawings):
    return [place(d, WAY) for d in drawings]


def clicks_and_specks(rng: np.random.Generator, n: int = 200) -> list[list[np.ndarray]]:
    """Single clicks, double clicks, and specks a few pixels across, anywhere on the canvas."""
    out = []
    for k in range(n):
        at = rng.uniform(20, 260, 2)
        if k % 3 == 0:
            out.append([at[None]])
        elif k % 3 == 1:
            out.append([at[None], (at + rng.normal(0, 2, 2))[None]])
        else:
            size = rng.uniform(2, 20)
            out.append([at + rng.normal(0, size / 3, (int(rng.integers(2, 8)), 2))])
    return out


def measure(rec: Recognizer, digits, letters, scribble_set) -> dict:
    drawings, chars = held_out_letters(letters, WAY)
    lr = rec.read_digits(drawings, CANVAS, WAY.pen)
    per_letter = {}
    for ch, r in zip(chars, lr, strict=True):
        per_letter.setdefault(ch, []).append(r.verdict == verdicts.DIGIT)
    drawings, kinds = scribble_set
    sr = rec.read_digits(drawings, CANVAS, WAY.pen)
    per_kind = {}
    for k, r in zip(kinds, sr, strict=True):
        per_kind.setdefault(k, []).append(r.verdict == verdicts.DIGIT)
    first = [r for r, k in zip(sr, kinds, strict=True) if k in FIRST_KINDS]
    later = [r for r, k in zip(sr, kinds, strict=True) if k not in FIRST_KINDS]
    dr = rec.read_digits(placed(digits.strokes), CANVAS, WAY.pen)
    seen = Shown.of(dr, digits.labels)
    return {"letters": shown_as_digits(lr), "per_letter": per_letter,
            "scribbles": shown_as_digits(first),
            "later_scribbles": shown_as_digits(later) if later else float("nan"),
            "per_kind": per_kind, "right": seen.right.mean(), "wrong_shown": seen.wrong.mean(),
            "not_shown": seen.hidden.mean(), "verdicts": Counter(r.verdict for r in dr),
            "per_site": {s: (seen.right[digits.groups == s].mean(), seen.wrong[digits.groups == s].mean())
                         for s in sorted(set(digits.groups.tolist()))}}


def tune(rec: Recognizer, digits, letters, scribble_set) -> None:
    """Right, wrong-but-shown, letters and scribbles shown over a grid of thresholds."""
    held = held_out_letters(letters, WAY)[0]
    lo = rec.classify(np.stack([strokes_to_mnist(d, CANVAS, WAY.pen) for d in held]))
    do = rec.classify(np.stack([rec_image(s) for s in digits.strokes]))
    so = rec.classify(np.stack([strokes_to_mnist(s, CANVAS, WAY.pen) for s in scribble_set[0]]))
    print("| reject | show | digits right | wrong but shown | letters shown | scribbles shown |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for reject in (0.5, 0.7, 0.8, 0.9, 0.95, 0.98):
        for show in (0.5, 0.6, 0.7, 0.8):
            t = verdicts.Thresholds(reject, show)
            seen = Shown.of(verdicts.read(do, [False] * len(do), t), digits.labels)
            ls = shown_as_digits(verdicts.read(lo, [False] * len(lo), t))
            ss = shown_as_digits(verdicts.read(so, [False] * len(so), t))
            print(f"| {reject} | {show} | {seen.right.mean():.2%} | {seen.wrong.mean():.2%} | {ls:.2%} "
                  f"| {ss:.2%} |")


def rec_image(strokes):
    return strokes_to_mnist(place(strokes, WAY), CANVAS, WAY.pen)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", default=None, help="a .tflite to measure instead of the bundled one")
    p.add_argument("--scribbles", type=int, default=900, help="scribbles to draw (the first kinds)")
    p.add_argument("--tune", action="store_true", help="print a grid of thresholds")
    args = p.parse_args(argv)
    digits, letters = load_stroke_set(DRAWN_DIGITS), load_stroke_set(LETTERS)
    rng = np.random.default_rng(20261129)  # training never draws with this seed
    drawings, kinds = scribbles(args.scribbles, rng, FIRST_KINDS)
    if LATER_KINDS:
        more, more_kinds = scribbles(100 * len(LATER_KINDS), np.random.default_rng(20261201), LATER_KINDS)
        drawings, kinds = drawings + more, kinds + more_kinds
    scribble_set = (placed(drawings), kinds)
    rec = Recognizer(args.model)
    if args.tune:
        tune(rec, digits, letters, scribble_set)
        return 0
    models = {"desk-app": rec}
    if PREVIOUS.is_file():
        models["previous model"] = Recognizer(PREVIOUS)
    results = {name: measure(m, digits, letters, scribble_set) for name, m in models.items()}
    names = list(results)
    n_letters = len(held_out_letters(letters, WAY)[1])
    print(f"Letters of the held-out sites ({', '.join(sorted(HELD_OUT_SITES))}: {n_letters} that look "
          f"nothing like a digit), {args.scribbles} scribbles of {len(FIRST_KINDS)} kinds (and "
          f"{len(kinds) - args.scribbles} of later kinds), {len(digits.labels)} drawn digits; "
          f"{WAY.name} on {CANVAS[0]}x{CANVAS[1]}")
    print("\n| measure | " + " | ".join(names) + " |")
    print("| --- |" + " ---: |" * len(names))
    rows = [("letters shown as a digit", "letters"), ("scribbles shown as a digit", "scribbles"),
            (f"later kinds of scribble ({', '.join(LATER_KINDS)}) shown as a digit", "later_scribbles"),
            ("drawn digits right", "right"), ("drawn digits wrong but shown", "wrong_shown"),
            ("drawn digits not shown", "not_shown")]
    for label, key in rows:
        print(f"| {label} | " + " | ".join(f"{results[n][key]:.2%}" for n in names) + " |")
    small = clicks_and_specks(np.random.default_rng(7))
    for n in names:
        rs = models[n].read_digits(small, CANVAS, WAY.pen)
        too = np.mean([r.verdict == verdicts.TOO_SMALL for r in rs])
        print(f"\n{n}: clicks and specks read as 'too small': {too:.1%} of {len(small)}")
        print(f"{n}: verdicts on drawn digits: " + ", ".join(
            f"{v} {c}" for v, c in sorted(results[n]["verdicts"].items())))
        print(f"{n}: per site (right / wrong but shown): " + ", ".join(
            f"{s} {a:.1%} / {b:.1%}" for s, (a, b) in results[n]["per_site"].items()))
    print("\nLetters shown as a digit, per letter:")
    print("| letter | " + " | ".join(names) + " |")
    print("| --- |" + " ---: |" * len(names))
    for ch in sorted(results[names[0]]["per_letter"]):
        print(f"| {ch} | " + " | ".join(f"{np.mean(results[n]['per_letter'][ch]):.0%}" for n in names) + " |")
    print("\nScribbles shown as a digit, per kind:")
    print("| kind | " + " | ".join(names) + " |")
    print("| --- |" + " ---: |" * len(names))
    for k in results[names[0]]["per_kind"]:
        print(f"| {k} | " + " | ".join(f"{np.mean(results[n]['per_kind'][k]):.0%}" for n in names) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
