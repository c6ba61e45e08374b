"""Photos and scans of digits: either polarity, colour or grey, and clear errors for bad files."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from desk_app.imaging import image_to_mnist


def _photo(digit: np.ndarray, *, dark_on_light: bool, size: int = 200, rgb: bool = False,
           seed: int = 0) -> np.ndarray:
    """An MNIST digit as a camera might see it: enlarged, off-centre, on grey paper with noise."""
    rng = np.random.default_rng(seed)
    big = np.asarray(Image.fromarray(digit).resize((size // 2, size // 2), Image.BILINEAR), float)
    canvas = np.zeros((size, size))
    canvas[20 : 20 + size // 2, 60 : 60 + size // 2] = big / 255
    paper, ink = (0.85, 0.15) if dark_on_light else (0.1, 0.9)
    img = paper + (ink - paper) * canvas + rng.normal(0, 0.03, canvas.shape)
    img = (np.clip(img, 0, 1) * 255).astype(np.uint8)
    return np.stack([img, img, (img * 0.9).astype(np.uint8)], -1) if rgb else img


@pytest.mark.parametrize("dark_on_light", [True, False])
@pytest.mark.parametrize("rgb", [False, True])
def test_photos_are_read(recognizer, mnist, dark_on_light, rgb):
    x, y = mnist.x_test[:60], mnist.y_test[:60]
    preds = [recognizer.predict_image(_photo(d, dark_on_light=dark_on_light, rgb=rgb, seed=i)).argmax()
             for i, d in enumerate(x)]
    assert (np.array(preds) == y).mean() >= 0.95


def test_image_files_and_rgba(recognizer, mnist, tmp_path):
    digit = mnist.x_test[0]
    photo = _photo(digit, dark_on_light=True)
    Image.fromarray(photo).save(tmp_path / "d.png")
    Image.fromarray(photo).save(tmp_path / "d.jpg", quality=85)
    for name in ("d.png", "d.jpg"):
        assert recognizer.predict_image(tmp_path / name).argmax() == mnist.y_test[0]
        assert recognizer.predict_image(str(tmp_path / name)).shape == (10,)
    rgba = np.zeros((100, 100, 4), np.uint8)  # black ink on a transparent background
    rgba[..., 3] = np.asarray(Image.fromarray(digit).resize((100, 100)))
    assert recognizer.predict_image(rgba).argmax() == mnist.y_test[0]


def test_same_normalisation_as_mnist(mnist):
    img = image_to_mnist(mnist.x_test[3])
    assert img.shape == (28, 28) and img.dtype == np.float32
    assert np.abs(img - mnist.x_test[3] / 255).mean() < 0.08


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: p.write_text("hello, not an image"), "not a supported image"),
        (lambda p: p.write_bytes(_png_bytes()[:60]), "cannot read image"),
    ],
)
def test_bad_files(recognizer, tmp_path, make, message):
    p = tmp_path / "bad.png"
    make(p)
    with pytest.raises(ValueError, match=message):
        recognizer.predict_image(p)


def _png_bytes() -> bytes:
    import io

    buf = io.BytesIO()
    Image.fromarray(np.zeros((50, 50), np.uint8)).save(buf, "PNG")
    return buf.getvalue()


def test_missing_and_huge_and_blank(recognizer, tmp_path):
    with pytest.raises(ValueError, match="cannot read"):
        recognizer.predict_image(tmp_path / "nope.png")
    Image.new("L", (8000, 6000)).save(tmp_path / "huge.png")
    with pytest.raises(ValueError, match="too large"):
        recognizer.predict_image(tmp_path / "huge.png")
    with pytest.raises(ValueError, match="no ink"):
        recognizer.predict_image(np.full((64, 64), 200, np.uint8))
    with pytest.raises(ValueError, match="uint8"):
        recognizer.predict_image(np.zeros((64, 64), np.float64))
    with pytest.raises(ValueError, match="shape"):
        recognizer.predict_image(np.zeros((64, 64, 2), np.uint8))
