"""From the network's probabilities to an honest answer: a digit, "unsure", "not a digit" or
"too small". NumPy only; the recogniser, the number reader and the window all decide here.

The network has an eleventh class, "not a digit", learned from letters, scribbles and digits
crammed together. A drawing is "not a digit" when P(not a digit) reaches ``reject``; otherwise
it is shown as a digit d when P(d) itself (not P(d | a digit)) reaches ``show``, so a shown
digit is never less than ``show`` sure. Below that, it is "not a digit" when that is likelier
than any digit, and else the two competing digits are named ("unsure").
"Too small" is the drawing's size on screen against the pen, whatever the canvas's size. The
thresholds were tuned on the drawn digits, held-out letters and scribbles
(``bench/not_a_digit.py --tune``); a model card may carry its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from desk_app import words as phrases  # (`words` is a Reading's property)

DIGIT, UNSURE, NOT_A_DIGIT, TOO_SMALL = "digit", "unsure", "not a digit", "too small"
SMALLEST = 24.0  # drawings narrower and shorter than this many screen pixels are clicks or specks


SANE = {"reject": (0.5, 0.999), "show": (0.5, 0.95)}  # the range a model card may set


@dataclass(frozen=True)
class Thresholds:
    reject: float = 0.9  # P(not a digit) at or above which a drawing is not a digit
    show: float = 0.6  # P(d) at or above which d is shown as the answer

    @classmethod
    def from_card(cls, card: dict) -> Thresholds:
        """The model card's ``verdict`` thresholds, where it has sane ones; else the defaults.
        The card is outside the model's checksum, so a value that would refuse every digit
        (reject near 0) or show guesses (show under 50%) is never taken from it."""
        found = card.get("verdict") if isinstance(card, dict) else None
        kwargs = {}
        if isinstance(found, dict):
            for name, (lo, hi) in SANE.items():
                v = found.get(name)
                if isinstance(v, (int, float)) and not isinstance(v, bool) and lo <= float(v) <= hi:
                    kwargs[name] = float(v)
        return cls(**kwargs)


@dataclass(frozen=True)
class Reading:
    """What the app makes of one drawing (the README's "As a library" and "Not a digit")."""

    verdict: str  # "digit", "unsure", "not a digit" or "too small"
    digit: int | None  # 0-9 when verdict == "digit"
    confidence: float  # how sure the app is of its verdict, 0-1
    probs: np.ndarray  # float32 (10,): the digits' probabilities, as predict_strokes gives them
    pair: tuple[int, int] | None = None  # the two competing digits, when "unsure"
    not_a_digit: float = 0.0  # P(not a digit), for a model that has that class

    @property
    def shares(self) -> np.ndarray:
        """P(d) for each digit d: ``probs`` scaled by P(a digit), so that with ``not_a_digit``
        they sum to 1. Zero for "too small", where nothing was read."""
        if self.verdict == TOO_SMALL:
            return np.zeros(10, np.float32)
        return (self.probs * np.float32(1.0 - self.not_a_digit)).astype(np.float32)

    @property
    def likeliest(self) -> int:
        """The likeliest digit, whatever the verdict."""
        return int(np.argmax(self.probs))

    @property
    def char(self) -> str:
        """This drawing as one character of a number: its digit (the likeliest when unsure), or
        ``?`` when it is not a digit or too small."""
        return "?" if self.verdict in (NOT_A_DIGIT, TOO_SMALL) else str(self.likeliest)

    @property
    def words(self) -> str:
        """The verdict as the window says it: "7", "Unsure: 1 or 7?", "Not a digit"..."""
        return self.said()

    def said(self, say: Callable[[str], str] = phrases.same) -> str:
        """``words`` in a language: ``say`` translates each of ``desk_app.words``."""
        if self.verdict == DIGIT:
            return str(self.digit)
        if self.verdict == UNSURE and self.pair:
            return say(phrases.UNSURE).format(a=self.pair[0], b=self.pair[1])
        if self.verdict == TOO_SMALL:
            return say(phrases.TOO_SMALL)
        return say(phrases.NOT_A_DIGIT)


def digit_probs(p: np.ndarray) -> np.ndarray:
    """The ten digits' probabilities from the network's (N, 10) or (N, 11) output: given that
    the drawing is a digit, which one."""
    d = np.asarray(p, np.float32)[:, :10]
    total = d.sum(axis=1, keepdims=True)
    return np.where(total > 0, d / np.maximum(total, 1e-30), np.float32(0.1)).astype(np.float32)


def _not_and_top(out: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """P(not a digit) (0 for a ten-digit model) and P(the likeliest digit) of each output."""
    nd = out[:, 10] if out.shape[1] == 11 else np.zeros(len(out), np.float32)
    return nd, digit_probs(out).max(axis=1) * (1.0 - nd)


def not_a_digit(outputs: np.ndarray, thresholds: Thresholds = Thresholds()) -> np.ndarray:
    """Which of the network's outputs (N, 10 or 11) read as "not a digit": P(not a digit)
    reaches ``reject``, or it is likelier than any digit that could be shown."""
    out = np.asarray(outputs, np.float32)
    if out.shape[1] != 11:
        return np.zeros(len(out), bool)
    nd, p_top = _not_and_top(out)
    return (nd >= thresholds.reject) | ((p_top < thresholds.show) & (nd > p_top))


def shown(outputs: np.ndarray, thresholds: Thresholds = Thresholds()) -> np.ndarray:
    """Which of the network's outputs (N, 10 or 11) the window shows as a digit: not refused,
    and P(that digit) reaches ``show``. The one rule ``read`` and the splitting of numbers and
    pictures (a part of an H, of a #) both use."""
    out = np.asarray(outputs, np.float32)
    return ~not_a_digit(out, thresholds) & (_not_and_top(out)[1] >= thresholds.show)


def extent(strokes: Sequence[np.ndarray]) -> float:
    """The larger side of the drawing's bounding box (centre lines), in canvas pixels."""
    allp = np.concatenate(list(strokes))
    return float(np.ptp(allp, axis=0).max())


def too_small(strokes: Sequence[np.ndarray], canvas_size=(280, 280), pen_width: float = 18.0) -> bool:
    """A click, a tap or a speck: a drawing under SMALLEST screen pixels or under the pen's
    width across. The canvas's size does not count (a bigger window must not ask for bigger
    writing), except that a canvas smaller than ten SMALLESTs lowers the limit in proportion."""
    shorter = min(float(canvas_size[0]), float(canvas_size[1]))
    limit = max(min(SMALLEST, 0.1 * shorter), float(pen_width))
    return extent(strokes) < limit


def is_click(strokes: Sequence[np.ndarray], pen_width: float = 18.0) -> bool:
    """Ink no bigger than the pen's own dot: a click or a tap, not an attempt at drawing."""
    return extent(strokes) <= 0.5 * float(pen_width)


def read(outputs: np.ndarray, small: Sequence[bool], thresholds: Thresholds = Thresholds()) -> list[Reading]:
    """The readings of the network's outputs (N, 10 or 11), ``small[i]`` saying that drawing i
    is too small to read."""
    outputs = np.asarray(outputs, np.float32)
    probs = digit_probs(outputs)
    p_not = outputs[:, 10] if outputs.shape[1] == 11 else np.zeros(len(outputs), np.float32)
    refused, digit = not_a_digit(outputs, thresholds), shown(outputs, thresholds)
    readings = []
    for q, nd, no, yes, is_small in zip(probs, p_not, refused, digit, small, strict=True):
        order = np.argsort(q)[::-1]
        top, second = int(order[0]), int(order[1])
        nd = float(nd)
        p_top = float(q[top]) * (1.0 - nd)  # P(it is this digit)
        if is_small:
            readings.append(Reading(TOO_SMALL, None, 1.0, q, None, nd))
        elif no:
            readings.append(Reading(NOT_A_DIGIT, None, nd, q, None, nd))
        elif yes:
            readings.append(Reading(DIGIT, top, p_top, q, None, nd))
        else:
            sure = float(q[top] + q[second]) * (1.0 - nd)
            readings.append(Reading(UNSURE, None, sure, q, tuple(sorted((top, second))), nd))
    return readings
