"""The core decides what a canvas reads as and what the app says about it (desk_app.reading):
no Qt, no recogniser object, only a classify function and thresholds."""

from __future__ import annotations

import numpy as np
import pytest

from desk_app import reading, verdicts
from desk_app.numbers import Group, NumberReading
from desk_app.words import NOT_A_DIGIT_SIGN, TITLE
from tests.test_numbers import four, one, seven

T = verdicts.Thresholds()


def fixed(row):
    """A classify function that answers the same probabilities for every image."""
    table = np.array([row], np.float32)
    return lambda x: np.repeat(table, len(x), axis=0)


def p(digit: int | None, sure: float = 0.97, not_a_digit: float = 0.0) -> list[float]:
    row = [(1 - sure) / 9 * (1 - not_a_digit)] * 10 + [not_a_digit]
    if digit is not None:
        row[digit] = sure * (1 - not_a_digit)
    return row


def test_a_drawing_is_read_with_the_network_it_is_given(recognizer):
    r = reading.read_canvas(seven(40), None, (280, 280), 18.0, recognizer.classify, recognizer.thresholds)
    assert r.text == "7" and r.groups[0].image.shape == (28, 28)
    r = reading.read_canvas(seven(40), None, (280, 280), 18.0, fixed(p(3)), T)  # any classify will do
    assert r.text == "3"


def test_a_number_a_click_and_nothing(recognizer):
    net = recognizer.classify, recognizer.thresholds
    r = reading.read_drawing(four(20) + one(150), (300, 200), 18.0, *net)
    assert r.text == "41" and [g.indices for g in r.groups] == [(0, 1), (2,)]
    click = [np.array([[100.0, 100.0]])]
    assert reading.read_drawing(click, (280, 280), 18.0, fixed(p(1)), T) is None
    assert reading.read_canvas([], None, (280, 280), 18.0, fixed(p(1)), T) is None


def test_a_picture_wins_over_strokes_and_is_one_group():
    picture = np.zeros((60, 40), np.uint8)
    picture[10:50, 18:22] = 255  # a 1, light on dark
    r = reading.read_canvas(seven(40), picture, (280, 280), 18.0, fixed(p(1)), T)
    assert r.text == "1" and r.groups[0].indices == () and r.groups[0].image.max() > 0.9
    with pytest.raises(ValueError, match="blank"):
        reading.read_picture(np.zeros((20, 20), np.uint8), fixed(p(1)), T)


def test_the_words_for_one_digit():
    r = reading.read_drawing(seven(40), (280, 280), 18.0, fixed(p(7, 0.93)), T)
    a = reading.answer(r)
    assert (a.text, a.detail, a.shown, a.title) == ("7", "93% confident", True, "desk-app: 7")
    assert a.shares.shape == (10,) and a.not_a_digit == pytest.approx(0.0)
    doubt = [0.0, 0.45, 0.0, 0.0, 0.0, 0.0, 0.0, 0.5, 0.0, 0.0, 0.05]
    unsure = reading.answer(reading.read_drawing(seven(40), (280, 280), 18.0, fixed(doubt), T))
    assert (unsure.text, unsure.detail, unsure.shown, unsure.title) == ("?", "Unsure: 1 or 7?", False, TITLE)
    refused = fixed(p(None, not_a_digit=0.98))
    letter = reading.answer(reading.read_drawing(seven(40), (280, 280), 18.0, refused, T))
    assert (letter.text, letter.detail) == (NOT_A_DIGIT_SIGN, "Not a digit")
    assert letter.not_a_digit == pytest.approx(0.98)
    assert reading.answer(r, {0: 1}).text == "1" and reading.answer(r, {0: 1}).detail == "your correction"
    assert reading.answer(r, classes=10).not_a_digit is None  # a ten-digit model has no such bar


def test_the_words_for_a_number_and_the_command_line():
    readings = verdicts.read(np.array([p(4, 0.9), p(None, not_a_digit=0.95)]), [False, False], T)
    r = NumberReading([Group((k,), (0, 0, 1, 1), x, np.zeros((28, 28))) for k, x in enumerate(readings)])
    a = reading.answer(r)
    assert (a.text, a.shown, a.detail, a.title) == ("4?", False, "digit 2: Not a digit", TITLE)
    fixed_up = reading.answer(r, {1: 1}, chosen=0)
    assert (fixed_up.text, fixed_up.shown, fixed_up.detail, fixed_up.chars) == ("41", True, "90% confident",
                                                                                 ("4", "1"))
    assert fixed_up.title == "desk-app: 41" and fixed_up.shares.argmax() == 4
    assert [reading.plain(x) for x in readings] == ["4", "not a digit"]
    unsure = verdicts.read(np.array([[0.5, 0.45] + [0.0] * 8 + [0.05]]), [False], T)[0]
    assert reading.plain(unsure) == "unsure: 0 or 1"
    assert reading.plain(verdicts.read(np.array([p(2)]), [True], T)[0]) == "too small"
