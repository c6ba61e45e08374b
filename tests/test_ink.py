"""Strokes to MNIST: the conversion both the window and the API use."""

from __future__ import annotations

import numpy as np
import pytest

from desk_app import ink
from desk_app.evaluation import WAYS, place


def _seven():
    return [np.array([[40, 40], [200, 40], [110, 240]], float), np.array([[80, 140], [180, 140]], float)]


def test_mnist_format():
    img = ink.strokes_to_mnist(_seven(), (280, 280), 18)
    assert img.shape == (28, 28) and img.dtype == np.float32
    assert img.min() >= 0.0 and img.max() <= 1.0 and img.max() > 0.9
    ys, xs = np.nonzero(img > 0.05)
    assert ys.max() - ys.min() + 1 <= 21 and xs.max() - xs.min() + 1 <= 21  # the 20x20 box
    total = img.sum()
    cy = (np.arange(28)[:, None] * img).sum() / total
    cx = (np.arange(28)[None, :] * img).sum() / total
    assert abs(cy - 13.5) < 0.6 and abs(cx - 13.5) < 0.6  # centred by mass


def test_size_position_and_pen_do_not_change_the_image(drawn):
    strokes = drawn.strokes[5]
    images = [ink.strokes_to_mnist(place(strokes, way), (280, 280), way.pen) for way in WAYS]
    for img in images[1:]:
        assert np.abs(img - images[0]).max() < 0.35  # only sub-pixel resampling differs
        assert np.abs(img - images[0]).mean() < 0.02


def test_a_dot_and_a_line_are_ink():
    dot = ink.strokes_to_mnist([np.array([[10.0, 10.0]])])
    assert dot.max() > 0.5 and dot.sum() < 10
    line = ink.strokes_to_mnist([np.array([[10.0, 10.0], [10.0, 100.0]])])
    assert (line > 0.5).sum(axis=0).max() >= 18  # a vertical 1 fills the box's height


@pytest.mark.parametrize(
    "bad, message",
    [
        ([], "no ink"),
        ([np.zeros((0, 2))], "no ink"),
        ([np.array([[1.0, np.nan]])], "NaN"),
        ([np.zeros((3, 3))], "shape"),
        (np.zeros((3, 2)), "sequence"),
        ("strokes", "sequence"),
        ([["a", "b"]], "not an array of real numbers"),
        ([np.array([[1e12, 0.0]])], "beyond"),
    ],
)
def test_malformed_strokes_raise_value_error(bad, message):
    with pytest.raises(ValueError, match=message):
        ink.strokes_to_mnist(bad)


@pytest.mark.parametrize("canvas, pen", [((0, 280), 18), ((280, 280), -1), ((280,), 18),
                                         ((280, 280), float("nan"))])
def test_bad_canvas_or_pen(canvas, pen):
    with pytest.raises(ValueError):
        ink.strokes_to_mnist(_seven(), canvas, pen)
