"""What the app reads, and the words it says, decided in one place (NumPy only: no Qt).

``read_canvas`` reads what a canvas holds: an opened picture when there is one, else the
drawing, with every size rule, the grouping of strokes into digits, the splitting of merged ones
and the verdicts (``numbers`` and ``verdicts`` do the work). It takes the network as a
``classify`` function and its ``Thresholds``, not the recogniser, so nothing calls back.
``answer`` turns a reading, and the digits the user typed over it, into what the window shows;
``plain`` is the same verdict as the command line prints it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from desk_app import imaging, numbers, verdicts, words
from desk_app.numbers import Group, NumberReading
from desk_app.words import NO_DIGITS, SIGNS

Classify = Callable[[np.ndarray], np.ndarray]  # (N, 28, 28) images -> (N, 10 or 11) probabilities


def read_drawing(strokes: Sequence[np.ndarray], canvas_size: tuple[float, float], pen_width: float,
                 classify: Classify, thresholds: verdicts.Thresholds) -> NumberReading | None:
    """The digits of a drawing (one or a whole number); None for a click or a tap, which is
    no attempt at drawing and gets no answer at all."""
    reading = numbers.read(classify, thresholds, strokes, canvas_size, pen_width)
    if len(reading.groups) == 1 and verdicts.is_click(strokes, pen_width):
        return None
    return reading


def read_picture(picture: object, classify: Classify, thresholds: verdicts.Thresholds) -> NumberReading:
    """A picture of one digit (a path, or a uint8 grey, RGB or RGBA array), read as one group."""
    seen = imaging.image_to_mnist(picture)
    reading = verdicts.read(classify(seen[None]), [False], thresholds)[0]
    return NumberReading([Group((), (0.0, 0.0, 0.0, 0.0), reading, seen)])


NOT_A_DIGIT_PRIOR = 0.25  # in a picture of a number a piece is a digit far more often than in training
NOT_A_NUMBER = 3  # a picture whose pieces are a third or more surely "not a digit" holds no number
SURELY_NOT = 0.7  # P(not a digit) from which a piece counts as surely none
SMALL_PICTURE = 300  # a picture no larger than this a side with one digit (or none clear of its
# edges) is a crop of one digit: read whole, as before. A larger one is a photo or a page.


def read_number_picture(picture: object, classify: Classify,
                        thresholds: verdicts.Thresholds) -> NumberReading:
    """The digits of a photo or scan of a number (a path or a uint8 array), left to right, each
    with its box in the picture's pixels; a piece that is not a digit reads as ``?``. A crop of
    one digit reads exactly as ``read_picture``; a photo of one digit is read from its ink as
    found in the photo (uneven light and all); a page with no digit, or whose pieces are a
    third or more "not a digit" (writing, things: no number), gives no groups. Raises
    ValueError for a file that cannot be read."""
    from desk_app import pictures

    array = imaging.load(picture) if isinstance(picture, (str, Path)) else picture
    found = pictures.find_digits(array, classify, thresholds)
    small = max(np.shape(array)[:2]) <= SMALL_PICTURE
    if small and len(found) <= 1:
        try:
            one = read_picture(array, classify, thresholds).groups[0]
        except ValueError:  # blank
            return NumberReading([])
        box = found[0].box if found else (0.0, 0.0, float(np.shape(array)[1]), float(np.shape(array)[0]))
        return NumberReading([Group((), box, one.reading, one.image)])
    if not found:
        return NumberReading([])
    images = np.stack([d.image for d in found])
    out = np.array(classify(images), np.float32)
    refused = int((out[:, 10] >= SURELY_NOT).sum()) if out.shape[1] == 11 else 0
    if NOT_A_NUMBER * refused >= len(found):  # mostly no digits: writing, or things, not a number
        return NumberReading([])
    if out.shape[1] == 11 and len(found) > 1:  # the prior: a number's pieces are digits, bar the odd one
        nd = out[:, 10] * NOT_A_DIGIT_PRIOR
        out = np.concatenate([out[:, :10], nd[:, None]], axis=1)
        out /= out.sum(axis=1, keepdims=True)
    readings = verdicts.read(out, [False] * len(found), thresholds)
    return NumberReading([Group((), d.box, r, d.image) for d, r in zip(found, readings, strict=True)])


def read_canvas(strokes: Sequence[np.ndarray], picture: np.ndarray | None,
                canvas_size: tuple[float, float], pen_width: float, classify: Classify,
                thresholds: verdicts.Thresholds) -> NumberReading | None:
    """What a canvas holds: its picture when one is open (strokes are not drawn over one), else
    its strokes. None when there is nothing to read. Raises ValueError for an unreadable one."""
    if picture is not None:
        reading = read_number_picture(picture, classify, thresholds)
        if not reading.groups:
            raise ValueError(NO_DIGITS)
        return reading
    if not strokes:
        return None
    return read_drawing(strokes, canvas_size, pen_width, classify, thresholds)


def confident(confidence: float, say: Callable[[str], str] = words.same) -> str:
    return say(words.CONFIDENT).format(percent=f"{confidence:.0%}")


@dataclass(frozen=True)
class Answer:
    """What the window shows for a reading."""

    text: str  # the big label: "7", "2026", "?" (unsure), "✗" (not a digit), "·" (too small)
    detail: str  # the line under it: "93% confident", "Unsure: 1 or 7?", "digit 2: Not a digit"
    shown: bool  # every digit is one the app stands behind (or the user typed)
    chars: tuple[str, ...]  # each digit of the number as shown, corrections included
    sure: tuple[bool, ...]  # each digit one the app stands behind (read as a digit, or typed)
    confidence: float  # the least sure digit's confidence, of those not typed (1.0: all typed)
    title: str  # the window's title
    shares: np.ndarray  # the bars of the chosen digit: P(d) for each digit d
    not_a_digit: float | None  # and its "not a digit" bar (None: no such bar)


def answer(reading: NumberReading, corrected: Mapping[int, int] | None = None, chosen: int = -1,
           classes: int = 11, say: Callable[[str], str] = words.same) -> Answer:
    """The window's words for ``reading``; ``corrected`` maps a digit's position to the digit
    the user typed for it, which then stands as read. The bars are those of digit ``chosen``:
    a "not a digit" bar for a model that has that class, and none for a drawing too small.
    ``say`` translates ``desk_app.words`` into the window's language."""
    fixed = corrected or {}
    groups = reading.groups
    chars = tuple(str(fixed[i]) if i in fixed else g.char for i, g in enumerate(groups))
    sure = tuple(i in fixed or g.reading.verdict == verdicts.DIGIT for i, g in enumerate(groups))
    shown = all(sure)
    least = min((g.reading.confidence for i, g in enumerate(groups) if i not in fixed), default=1.0)
    if len(groups) == 1:
        r = groups[0].reading
        text = chars[0] if shown else SIGNS[r.verdict]
        detail = (say(words.YOUR_CORRECTION) if fixed else confident(least, say)) if shown \
            else r.said(say)
    else:
        text = "".join(chars)
        doubtful = [say(words.DIGIT_SAYS).format(n=i + 1, words=g.reading.said(say))
                    for i, g in enumerate(groups) if not sure[i]]
        detail = ("; ".join(doubtful) if doubtful
                  else confident(least, say) if len(fixed) < len(groups) else say(words.YOUR_CORRECTIONS))
    r = groups[chosen].reading
    bar = r.not_a_digit if classes == 11 and r.verdict != verdicts.TOO_SMALL else None
    title = say(words.TITLE_READ).format(answer=text) if shown else say(words.TITLE)
    return Answer(text, detail, shown, chars, sure, least, title, r.shares, bar)


def plain(reading: verdicts.Reading) -> str:
    """A reading as the command line prints it: "7", "unsure: 1 or 7", "not a digit" or
    "too small" (lower case, no punctuation to parse around)."""
    if reading.verdict == verdicts.DIGIT:
        return str(reading.digit)
    if reading.verdict == verdicts.UNSURE and reading.pair:
        return f"unsure: {reading.pair[0]} or {reading.pair[1]}"
    return reading.verdict


def plain_number(number: NumberReading) -> tuple[str, float]:
    """A picture's reading as the command line prints it, with its confidence: one digit as
    ``plain`` says it; a number as its digits (``?`` for a piece that is not a digit) with the
    lowest of its digits' confidences; "no digits" (confidence 0) for a page with none."""
    if not number.groups:
        return "no digits", 0.0
    if len(number.groups) == 1:
        r = number.groups[0].reading
        return plain(r), r.confidence
    return number.text, min(g.reading.confidence for g in number.groups)
