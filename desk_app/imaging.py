"""Photos and scans of a digit to the MNIST format: the image path's counterpart of ``ink``.

Either polarity is accepted (dark on light is detected from the border and inverted), the
background is removed, the ink cropped, scaled into the 20x20 box and centred by mass with the
same code as drawn strokes.
"""

from __future__ import annotations

import stat
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from desk_app import ink

MAX_PIXELS = 40_000_000  # larger is not a photo of one digit, and would eat memory
MAX_SIDE = 1600  # larger images are read reduced to this: plenty for one digit, little memory
# Raster formats only: Pillow would run Ghostscript for PostScript/EPS, whatever the file's name.
FORMATS = ("PNG", "JPEG", "BMP", "GIF", "TIFF", "WEBP", "PPM", "TGA", "ICO")


class ImageFileError(ValueError):
    """An image file that cannot be read; ``reason`` says why without naming the file, for
    callers that name it themselves (the command line prints each path once)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"cannot read image {path.name}: {reason}")
        self.path, self.reason = path, reason


def load(path: str | Path) -> np.ndarray:
    """Read an image file as uint8 (H, W), (H, W, 3) or (H, W, 4), upright as viewers show it
    (EXIF orientation applied) and reduced to at most MAX_SIDE pixels a side, or raise
    ValueError saying why. Only raster formats are opened; the size is checked from the header
    before anything is decoded."""
    p = Path(path)
    try:
        st = p.stat()
    except OSError as exc:
        raise ImageFileError(p, str(exc.strerror or exc)) from exc
    if not stat.S_ISREG(st.st_mode):
        raise ImageFileError(p, "not a regular file")
    if st.st_size == 0:
        raise ImageFileError(p, "the file is empty")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(p, formats=FORMATS) as im:
                if im.width * im.height > MAX_PIXELS:
                    raise ImageFileError(p, f"too large ({im.width}x{im.height}); at most "
                                            f"{MAX_PIXELS // 1_000_000} megapixels")
                if im.format == "JPEG":  # decode at a reduced scale: less memory, same digit
                    im.draft(im.mode, (MAX_SIDE, MAX_SIDE))
                im.load()
                im = ImageOps.exif_transpose(im)
                if max(im.size) > MAX_SIDE:
                    im.thumbnail((MAX_SIDE, MAX_SIDE), Image.BILINEAR)
                return _pil_to_array(im)
    except ValueError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, EOFError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        raise ImageFileError(p, "damaged, or not a supported image file") from exc


def _pil_to_array(im: Image.Image) -> np.ndarray:
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        return np.asarray(im.convert("RGBA"))
    if im.mode in ("F", "I", "I;16", "I;16B", "I;16L"):  # float or 16-bit: scale by its own range
        a = np.asarray(im, dtype=np.float64)
        finite = np.isfinite(a)
        if not finite.any():
            raise ValueError("the image holds no numbers (every pixel is NaN or infinite)")
        # NaN or infinite pixels (a float TIFF's "no data") count as the darkest there is.
        a = np.where(finite, a, a[finite].min())
        lo, hi = float(a.min()), float(a.max())
        scaled = (a - lo) / (hi - lo) * 255 if hi > lo else np.zeros_like(a)
        return scaled.round().astype(np.uint8)
    if im.mode in ("RGB", "P", "CMYK", "YCbCr", "LAB", "HSV"):
        return np.asarray(im.convert("RGB"))
    return np.asarray(im.convert("L"))


def to_gray(image: object) -> np.ndarray:
    """A float (H, W) image in [0, 1] from a path or a uint8 (H, W), (H, W, 3), (H, W, 4)."""
    if isinstance(image, (str, Path)):
        a = load(image)
    elif isinstance(image, np.ma.MaskedArray):
        raise ValueError("expected a plain uint8 array, not a masked array (fill it first)")
    elif isinstance(image, np.ndarray):
        a = image
    else:
        raise ValueError(f"expected a path or a uint8 array, got {type(image).__name__}")
    if a.dtype != np.uint8:
        raise ValueError(f"expected a uint8 image, got dtype {a.dtype}")
    if a.ndim not in (2, 3) or (a.ndim == 3 and a.shape[2] not in (3, 4)):
        raise ValueError(f"expected an image of shape (H, W), (H, W, 3) or (H, W, 4), got {a.shape}")
    if a.shape[0] < 4 or a.shape[1] < 4:
        raise ValueError(f"image of {a.shape[1]}x{a.shape[0]} pixels is too small to hold a digit")
    if a.shape[0] * a.shape[1] > MAX_PIXELS:
        raise ValueError(f"image of {a.shape[1]}x{a.shape[0]} pixels is too large")
    a = a.astype(np.float32) / 255.0
    if a.ndim == 2:
        return a
    gray = a[..., :3] @ np.array([0.299, 0.587, 0.114], np.float32)
    if a.shape[2] == 4:  # transparent pixels become the background of the opaque ones
        alpha = a[..., 3]
        if alpha.min() < 1.0:
            opaque = alpha > 0.5
            ink_is_dark = opaque.any() and np.median(gray[opaque]) < 0.5
            paper = 1.0 if ink_is_dark else 0.0
            gray = gray * alpha + paper * (1.0 - alpha)
    return gray


def otsu(v: np.ndarray) -> float:
    """Otsu's cut between two levels of a [0, 1] image (ink and paper)."""
    hist, edges = np.histogram(v, bins=64, range=(0.0, 1.0))
    w = hist.cumsum()
    m = (hist * edges[:-1]).cumsum()
    total, mean = w[-1], m[-1]
    between = (mean * w - m * total) ** 2 / np.maximum(w * (total - w), 1e-9)
    return float(edges[int(np.argmax(between)) + 1])


def image_to_mnist(image: object) -> np.ndarray:
    """The (28, 28) float32 MNIST image of a photo or scan of one digit."""
    g = to_gray(image)
    border = np.concatenate([g[0], g[-1], g[:, 0], g[:, -1]])
    if np.median(border) > 0.5:  # dark ink on light paper: make the ink bright
        g = 1.0 - g
        border = 1.0 - border
    paper = float(np.median(border))
    peak = float(np.percentile(g, 99.9))
    if peak - paper < 0.15:
        raise ValueError("no ink: the image is blank (no digit stands out from the background)")
    v = np.clip((g - paper) / (peak - paper), 0.0, 1.0)
    t = max(otsu(v), 0.2)
    v[v < t * 0.5] = 0.0  # paper texture and noise
    return fit_box(v, t)


def to_uint8(v: np.ndarray) -> np.ndarray:
    """A float image (ink 1.0) as uint8 (ink 255), rounded: how images are stored and compared."""
    return (np.clip(v, 0.0, 1.0) * 255).round().astype(np.uint8)


def fit_box(v: np.ndarray, threshold: float = 0.1) -> np.ndarray:
    """MNIST's normalisation of a float ink image (ink 1.0): crop to the pixels above
    ``threshold``, scale the longer side to the 20x20 box, centre by mass in 28x28."""
    ys, xs = np.nonzero(v >= threshold)
    if len(ys) == 0:
        raise ValueError("no ink: the image is blank")
    crop = v[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    h, w = crop.shape
    scale = ink.BOX * ink.SUPER / max(h, w)
    nh, nw = max(1, round(h * scale)), max(1, round(w * scale))
    resized = Image.fromarray((crop * 255).astype(np.uint8)).resize((nw, nh), Image.LANCZOS)
    n = ink.WORK * ink.SUPER
    hi = np.zeros((n, n), np.float32)
    top, left = (n - nh) // 2, (n - nw) // 2
    hi[top : top + nh, left : left + nw] = np.asarray(resized, np.float32) / 255.0
    return ink.center_by_mass(hi)
