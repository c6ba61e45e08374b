"""The stroke sets in ``data/``: real pen-drawn digits (for measuring only, never trained on) and
letters of the same writers (negatives for training, but for the held-out sites), as stroke
lists, and where they are. NumPy only."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent.parent / "data"
DRAWN_DIGITS = DATA / "drawn-digits" / "unipen-1a-dev.npz"  # evaluation only, never trained on
LETTERS = DATA / "non-digits" / "unipen-letters-dev.npz"  # negatives for training
HELD_OUT_SITES = {"imp", "uqb"}  # letters of these sites are never trained on: they measure us
# Letters written like digits: neither taught nor scored as "not a digit".
DIGIT_LIKE = set("OoDQIlijLZzSsbGTBgqaJUuCcty")
# Scored, but not taught either: written in a hurry a cursive f or p looks like a slashed zero,
# and teaching them as non-digits taught the network to refuse real zeros.
NOT_TAUGHT = set("fp")


@dataclass(frozen=True)
class StrokeSet:
    """Drawings as stroke lists: digits (labels 0-9) or letters (labels are character codes)."""

    strokes: list[list[np.ndarray]]  # in the tablet's own units
    labels: np.ndarray
    groups: np.ndarray  # the contributing site of each drawing



def load_stroke_set(path: str | Path = DRAWN_DIGITS) -> StrokeSet:
    """Read a stroke-set ``.npz`` (points, stroke_start, sample_start, label, writer_group)."""
    from desk_app import npz

    try:
        f = npz.load(path, ("points", "stroke_start", "sample_start", "label", "writer_group"),
                     256 * 2**20)
    except ValueError as exc:
        raise ValueError(f"cannot read drawn digits: {exc}") from exc
    pts, ss, sa, labels, groups = (f[k] for k in ("points", "stroke_start", "sample_start", "label",
                                                  "writer_group"))
    ends = np.append(ss[1:], len(pts))
    stroke_list = [pts[a:b] for a, b in zip(ss, ends, strict=True)]
    digit_ends = np.append(sa[1:], len(ss))
    digits = [stroke_list[a:b] for a, b in zip(sa, digit_ends, strict=True)]
    return StrokeSet(digits, labels.astype(np.int64), groups)


def is_digit_like(code: int) -> bool:
    return chr(int(code)) in DIGIT_LIKE


def letter_mask(letters: StrokeSet, sites: set[str] | None = None, exclude: bool = False,
                taught: bool = False) -> np.ndarray:
    """Letters that look nothing like a digit, from ``sites`` (or from all other sites); with
    ``taught``, only those that training uses as negatives."""
    keep = np.array([not is_digit_like(c) and not (taught and chr(int(c)) in NOT_TAUGHT)
                     for c in letters.labels])
    if sites is not None:
        at = np.isin(letters.groups, sorted(sites))
        keep &= ~at if exclude else at
    return keep
