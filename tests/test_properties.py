"""Random and malformed input to the API: it answers or raises ValueError, nothing else."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

floats = st.floats(allow_nan=True, allow_infinity=True, width=32)
coords = st.floats(-1e4, 1e4, allow_nan=False, width=32)
stroke = hnp.arrays(np.float32, st.tuples(st.integers(0, 30), st.just(2)), elements=coords)
strange = st.one_of(
    hnp.arrays(np.float32, hnp.array_shapes(max_dims=3, max_side=5), elements=floats),
    st.lists(st.lists(st.floats(), max_size=4), max_size=3),
    st.text(max_size=5), st.none(), st.integers(),
)
common = settings(max_examples=150, deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture])


def _answers_or_value_error(fn, *args, **kwargs):
    try:
        out = fn(*args, **kwargs)
    except ValueError as exc:
        assert str(exc)
        return None
    assert out.dtype == np.float32 and np.isfinite(out).all()
    np.testing.assert_allclose(out.sum(axis=-1), 1.0, atol=1e-4)
    return out


@common
@given(strokes=st.lists(stroke, max_size=4))
def test_random_strokes(recognizer, strokes):
    out = _answers_or_value_error(recognizer.predict_strokes, strokes, canvas_size=(280, 280),
                                  pen_width=18)
    if out is None:  # only "no ink", or ink too small to draw, may be refused here
        pts = [s for s in strokes if len(s)]
        assert not pts or 0 < np.ptp(np.concatenate(pts), axis=0).max() < 1e-6
    else:
        assert out.shape == (10,)


@common
@given(strokes=st.one_of(strange, st.lists(strange, max_size=3)),
       canvas=st.one_of(st.tuples(floats, floats), strange), pen=st.one_of(floats, strange))
def test_malformed_strokes(recognizer, strokes, canvas, pen):
    _answers_or_value_error(recognizer.predict_strokes, strokes, canvas_size=canvas, pen_width=pen)


@common
@given(x=st.one_of(hnp.arrays(np.float32, st.tuples(st.integers(0, 3), st.just(28), st.just(28)),
                              elements=floats),
                   hnp.arrays(np.float64, hnp.array_shapes(max_dims=4, max_side=30), elements=floats),
                   strange))
def test_random_arrays(recognizer, x):
    _answers_or_value_error(recognizer.predict_mnist, x)


@common
@given(img=st.one_of(hnp.arrays(np.uint8, st.tuples(st.integers(1, 40), st.integers(1, 40))),
                     hnp.arrays(np.uint8, st.tuples(st.integers(1, 30), st.integers(1, 30),
                                                    st.sampled_from([1, 2, 3, 4]))),
                     strange))
def test_random_images(recognizer, img):
    _answers_or_value_error(recognizer.predict_image, img)


@common
@given(strokes=st.lists(stroke, min_size=1, max_size=6))
def test_read_number_random(recognizer, strokes):
    try:
        text = recognizer.read_number(strokes, canvas_size=(280, 280), pen_width=18)
    except ValueError:
        pts = [s for s in strokes if len(s)]
        assert not pts or 0 < np.ptp(np.concatenate(pts), axis=0).max() < 1e-6
    else:  # a digit per group, or ? for a group that is not a digit
        assert all(c.isdigit() or c == "?" for c in text) and 1 <= len(text) <= len(strokes)
