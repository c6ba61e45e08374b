#!/usr/bin/env python
"""Whole numbers: drawn digits written side by side as numbers of 2 to 6 digits.

    python bench/drawn_numbers.py [--per-length 300]

Exact match: ``read_number`` gives the number's digits. Agreement: it gives what
``read_digits`` reads for each digit on its own (``?`` for one that is not a digit), so
grouping never caused an error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from desk_app import Recognizer
from desk_app.evaluation import DRAWN_DIGITS, compose_number, load_drawn_digits

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--digits", default=str(DRAWN_DIGITS))
    p.add_argument("--per-length", type=int, default=300)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    digits = load_drawn_digits(args.digits)
    rec = Recognizer()
    rng = np.random.default_rng(args.seed)
    print(f"Numbers from {args.digits}, {args.per_length} of each length")
    print("| digits | exact match | agreement with read_digits, one digit at a time |")
    print("| ---: | ---: | ---: |")
    totals = [0, 0, 0]
    for length in range(2, 7):
        exact = agree = 0
        for _ in range(args.per_length):
            idx = rng.choice(len(digits.labels), length, replace=False)
            placed, size = compose_number([digits.strokes[i] for i in idx], rng)
            read = rec.read_number([s for d in placed for s in d], canvas_size=size, pen_width=18)
            alone = "".join(r.char for r in rec.read_digits(placed, canvas_size=size, pen_width=18))
            exact += read == "".join(str(digits.labels[i]) for i in idx)
            agree += read == alone
        n = args.per_length
        totals = [totals[0] + exact, totals[1] + agree, totals[2] + n]
        print(f"| {length} | {exact / n:.1%} | {agree / n:.1%} |")
    print(f"| all | {totals[0] / totals[2]:.1%} | {totals[1] / totals[2]:.1%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
