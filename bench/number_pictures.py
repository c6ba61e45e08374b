#!/usr/bin/env python
"""Whole numbers in pictures: the dev drawn digits written on paper as numbers of 2 to 6 digits
and made to look like phone photos and scans, read as ``desk-app --read`` reads a file.

    python bench/number_pictures.py [--per-row 40] [--seed 0]

Each picture is written as a JPEG file (as a phone saves it) and read by the same call as the
command line (``Recognizer.read_number_image`` on the path). Exact match: the whole number, digit
for digit. Rows: by length (every degradation at once), by degradation (one at a time, 3-4
digits), with one touching pair, single digits, and pages with no digit. Time per picture:
reading the file, decoding included; and a 12-megapixel photo, decoded reduced.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from desk_app import Recognizer
from desk_app.evaluation import DEGRADATIONS, number_picture
from desk_app.stroke_sets import DRAWN_DIGITS, load_stroke_set


def blank_page(rng: np.random.Generator, ruled: bool) -> np.ndarray:
    """A page with no digit: paper, light falling off, noise; ``ruled``: blue lines and a margin."""
    h, w = 1200, 1600
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    img = np.ones((h, w, 3), np.float32) * [0.93, 0.92, 0.88]
    if ruled:
        for y in range(int(rng.uniform(60, 120)), h, int(rng.uniform(70, 110))):
            img[y : y + 3] = [0.55, 0.65, 0.85]
        img[:, 180:183] = [0.85, 0.5, 0.5]
    img *= (1.0 - 0.35 * (xx / w))[..., None]
    img += rng.normal(0, 0.02, (h, w, 1))
    return (np.clip(img, 0, 1) * 255).astype(np.uint8)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--digits", default=str(DRAWN_DIGITS))
    p.add_argument("--per-row", type=int, default=40)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    digits = load_stroke_set(args.digits)
    rec = Recognizer()
    rng = np.random.default_rng(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="number-pictures-"))
    times: list[float] = []
    misread: list[str] = []

    def read(img: np.ndarray, name: str) -> str:
        path = folder / f"{name}.jpg"
        Image.fromarray(img).save(path, quality=92)
        t0 = time.perf_counter()
        text = rec.read_number_image(path).text
        times.append(time.perf_counter() - t0)
        return text

    def row(label: str, lengths, degrade=DEGRADATIONS, touching: bool = False) -> tuple[int, int]:
        right = 0
        for k in range(args.per_row):
            n = int(rng.choice(lengths))
            idx = rng.choice(len(digits.labels), n, replace=False)
            truth = "".join(str(digits.labels[i]) for i in idx)
            touch = int(rng.integers(0, n - 1)) if touching else None
            img = number_picture([digits.strokes[i] for i in idx], rng, touch, degrade)
            text = read(img, f"{label}-{k}")
            right += text == truth
            if text != truth and len(misread) < 12:
                misread.append(f"{label}: {truth} read {text or '(no digits)'}")
        print(f"| {label} | {args.per_row} | {right / args.per_row:.1%} |", flush=True)
        return right, args.per_row

    print(f"Pictures of numbers from {args.digits}, {args.per_row} a row (JPEG files in {folder})\n")
    print("| pictures | n | read exactly |")
    print("| --- | ---: | ---: |")
    all_right = all_n = 0
    for length in range(2, 7):
        r, n = row(f"{length} digits, every degradation", [length])
        all_right, all_n = all_right + r, all_n + n
    print(f"| 2-6 digits, every degradation | {all_n} | {all_right / all_n:.1%} |")
    row("3-4 digits, clean (white paper, even light)", [3, 4], degrade=())
    for d in DEGRADATIONS:
        row(f"3-4 digits, {d} only", [3, 4], degrade=(d,))
    row("2-6 digits with one touching pair, every degradation", [2, 3, 4, 5, 6], touching=True)
    row("1 digit, every degradation", [1])
    empty = 0
    for k in range(args.per_row):
        empty += read(blank_page(rng, ruled=k % 2 == 1), f"blank-{k}") == ""
    print(f"| pages with no digit (half of them ruled) read as no digits | {args.per_row} | "
          f"{empty / args.per_row:.1%} |")

    big = number_picture([digits.strokes[i] for i in rng.choice(len(digits.labels), 4)], rng,
                         size=(4000, 3000))
    path = folder / "12mp.jpg"
    Image.fromarray(big).save(path, quality=90)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t12 = []
    for _ in range(5):
        t0 = time.perf_counter()
        rec.read_number_image(path)
        t12.append(time.perf_counter() - t0)
    grew = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(f"\nTime per picture (1600x1200 JPEG, decoding included): median "
          f"{np.median(times) * 1000:.0f} ms, slowest {max(times) * 1000:.0f} ms")
    print(f"A 12-megapixel photo (4000x3000 JPEG): median {np.median(t12) * 1000:.0f} ms of 5 "
          f"(target < 1 s); peak memory grew {grew:.0f} MB reading it")
    if misread:
        print("\nSome misread: " + "; ".join(misread))
    return 0


if __name__ == "__main__":
    sys.exit(main())
