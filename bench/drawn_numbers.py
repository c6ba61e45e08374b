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
from desk_app.evaluation import read_composed_number
from desk_app.stroke_sets import DRAWN_DIGITS, load_stroke_set

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--digits", default=str(DRAWN_DIGITS))
    p.add_argument("--per-length", type=int, default=300)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    digits = load_stroke_set(args.digits)
    rec = Recognizer()
    rng = np.random.default_rng(args.seed)
    print(f"Numbers from {args.digits}, {args.per_length} of each length")
    print("| digits | exact match | agreement with read_digits, one digit at a time |")
    print("| ---: | ---: | ---: |")
    totals = [0, 0, 0]
    for length in range(2, 7):
        exact = agree = 0
        for _ in range(args.per_length):
            right, same = read_composed_number(rec, digits, rng.choice(len(digits.labels), length,
                                                                       replace=False), rng)
            exact += right
            agree += same
        n = args.per_length
        totals = [totals[0] + exact, totals[1] + agree, totals[2] + n]
        print(f"| {length} | {exact / n:.1%} | {agree / n:.1%} |")
    print(f"| all | {totals[0] / totals[2]:.1%} | {totals[1] / totals[2]:.1%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
