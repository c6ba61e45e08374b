"""The recogniser: the bundled network on the LiteRT runtime, behind a small NumPy API.

No TensorFlow and no Qt here: loading the model takes milliseconds and the app's process stays
small. The README's "As a library" lists the public calls; the readings themselves are
decided in ``reading``, ``numbers`` and ``verdicts``, which take ``classify`` and ``thresholds``
from here.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from desk_app import imaging, ink, model_files, numbers, verdicts
from desk_app.numbers import NumberReading
from desk_app.verdicts import Reading

_CHUNK = 512  # images per interpreter call in batch predictions


class ModelError(Exception):
    """The model file is missing, unreadable or not a digit classifier; says how to fix it."""


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """LiteRT's C++ side prints "INFO: Created TensorFlow Lite XNNPACK delegate for CPU." on the
    process's stderr when a model is first prepared; users should not see it. Python-level
    errors still come through as exceptions."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):  # no real stderr (a GUI app on Windows)
        yield
        return
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _load_interpreter(path: Path):
    from ai_edge_litert.interpreter import Interpreter

    if not path.is_file():
        raise ModelError(f"model file not found: {path}. Run `make train` to build one.")
    try:
        interp = Interpreter(model_path=str(path), num_threads=1)
    except (ValueError, RuntimeError, OSError) as exc:
        raise ModelError(
            f"model file {path} is corrupt or not a LiteRT model ({exc}). "
            "Run `make train` to rebuild it, or restore it with `git checkout assets/`."
        ) from exc
    inputs, outputs = interp.get_input_details(), interp.get_output_details()
    ok = (
        len(inputs) == 1 and len(outputs) == 1
        and list(inputs[0]["shape"][1:]) == [28, 28]
        and list(outputs[0]["shape"][1:]) in ([10], [11])
        and inputs[0]["dtype"] == np.float32
    )
    if not ok:
        shapes = [[int(v) for v in d["shape"]] for d in inputs] + ["->"] + [
            [int(v) for v in d["shape"]] for d in outputs]
        raise ModelError(
            f"model file {path} is not a digit classifier: it maps {shapes}, expected "
            "[N, 28, 28] float32 -> [N, 10] (or [N, 11] with not-a-digit). "
            "Run `make train` to build the right one."
        )
    return interp


def _check_file(path: Path, card: dict) -> None:
    """The model file is the one its card describes (a checksum written at export)."""
    expected = card.get("tflite_sha256")  # a list while a new model is being installed
    accepted = [expected] if isinstance(expected, str) else expected if isinstance(expected, list) else []
    if accepted:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest not in accepted:
            raise ModelError(
                f"model file {path} is damaged: its checksum differs from the one in its card. "
                "Restore it with `git checkout assets/` or run `make train`."
            )


def _probe(recognizer: Recognizer) -> None:
    """A damaged model can load and still answer garbage: it must give probabilities (finite,
    0-1, summing to 1) for a blank image and a stroke."""
    x = np.zeros((2, 28, 28), np.float32)
    x[1, 6:22, 13:15] = 1.0  # a 1
    try:
        p = recognizer._run(x)
    except (RuntimeError, ValueError) as exc:
        raise ModelError(f"model file {recognizer.path} fails to run ({exc}).") from exc
    if not (np.isfinite(p).all() and (p >= -1e-6).all() and (p <= 1 + 1e-6).all()
            and np.allclose(p.sum(axis=1), 1.0, atol=1e-3)):
        raise ModelError(
            f"model file {recognizer.path} does not give probabilities (damaged, or not an "
            "exported desk-app model). Run `make train`, or restore it with `git checkout assets/`."
        )


class Recognizer:
    """Reads digits: MNIST arrays, pen strokes, numbers and images.

    ``Recognizer()`` loads the bundled model; ``Recognizer(path)`` another exported ``.tflite``.
    Raises :class:`ModelError` when the model cannot be used.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else model_files.default_model_path()
        with quiet_stderr():
            self._load()

    def _load(self) -> None:
        self._interp = _load_interpreter(self.path)
        self._inp = self._interp.get_input_details()[0]["index"]
        self._out = self._interp.get_output_details()[0]["index"]
        self.classes = int(self._interp.get_output_details()[0]["shape"][-1])
        self._batch = -1
        self._lock = threading.Lock()  # one interpreter: one call at a time
        self.card = model_files.read_card(self.path)
        self.thresholds = verdicts.Thresholds.from_card(self.card)
        _check_file(self.path, self.card)
        _probe(self)

    # -- arrays ------------------------------------------------------------------------------

    def _run(self, x: np.ndarray) -> np.ndarray:
        with self._lock:
            if len(x) != self._batch:
                self._interp.resize_tensor_input(self._inp, [len(x), 28, 28])
                self._interp.allocate_tensors()
                self._batch = len(x)
            self._interp.set_tensor(self._inp, x)
            self._interp.invoke()
            return self._interp.get_tensor(self._out).copy()

    def classify(self, x: object) -> np.ndarray:
        """The network's own output for images (N, 28, 28): (N, 10) digit probabilities, or
        (N, 11) with "not a digit" last, for a model that learned it."""
        a = np.asarray(x)
        if a.ndim != 3 or a.shape[1:] != (28, 28):
            raise ValueError(f"expected images of shape (N, 28, 28), got {a.shape}")
        if not (np.issubdtype(a.dtype, np.number) or a.dtype == bool):
            raise ValueError(f"expected numeric images, got dtype {a.dtype}")
        a = a.astype(np.float32) / (255.0 if a.dtype == np.uint8 else 1.0)
        if not np.isfinite(a).all():
            raise ValueError("images contain NaN or infinite values")
        a = np.ascontiguousarray(np.clip(a, 0.0, 1.0), dtype=np.float32)
        if len(a) == 0:
            return np.zeros((0, self.classes), np.float32)
        p = np.concatenate([self._run(a[i : i + _CHUNK]) for i in range(0, len(a), _CHUNK)])
        p = np.maximum(p.astype(np.float32), 0.0)
        return p / p.sum(axis=1, keepdims=True)

    def predict_mnist(self, x: object) -> np.ndarray:
        """Probabilities (N, 10) for images (N, 28, 28) in MNIST format: ink 1.0, paper 0.0.
        Each row is the digits' probabilities, given that it is a digit."""
        return verdicts.digit_probs(self.classify(x))

    # -- strokes -----------------------------------------------------------------------------

    def predict_strokes(self, strokes, canvas_size=(280, 280), pen_width: float = 18.0) -> np.ndarray:
        """Probabilities (10,) for one digit drawn as strokes on a canvas (see ``ink``)."""
        return self.predict_mnist(ink.strokes_to_mnist(strokes, canvas_size, pen_width)[None])[0]

    def predict_strokes_batch(self, drawings, canvas_size=(280, 280), pen_width: float = 18.0) -> np.ndarray:
        """Probabilities (N, 10) for a list of drawings, each a list of strokes."""
        if isinstance(drawings, (str, bytes)) or not hasattr(drawings, "__len__"):
            raise ValueError("expected a list of drawings, each a list of strokes")
        imgs = [ink.strokes_to_mnist(d, canvas_size, pen_width) for d in drawings]
        return self.predict_mnist(np.stack(imgs) if imgs else np.zeros((0, 28, 28), np.float32))

    def read_digit(self, strokes, canvas_size=(280, 280), pen_width: float = 18.0) -> Reading:
        """One drawing's :class:`Reading`: a digit, "unsure", "not a digit" or "too small"."""
        return self.read_digits([strokes], canvas_size, pen_width)[0]

    def read_digits(self, drawings, canvas_size=(280, 280), pen_width: float = 18.0) -> list[Reading]:
        """The :class:`Reading` of each of many drawings, in batches."""
        if isinstance(drawings, (str, bytes)) or not hasattr(drawings, "__len__"):
            raise ValueError("expected a list of drawings, each a list of strokes")
        ink.check_canvas(canvas_size, pen_width)
        pts = [ink.as_strokes(d) for d in drawings]
        imgs = [ink.strokes_to_mnist(d, canvas_size, pen_width) for d in pts]
        out = self.classify(np.stack(imgs) if imgs else np.zeros((0, 28, 28), np.float32))
        small = [verdicts.too_small(d, canvas_size, pen_width) for d in pts]
        return verdicts.read(out, small, self.thresholds)

    def read_number(self, strokes, canvas_size=(280, 280), pen_width: float = 18.0) -> str:
        """The digits of a number written left to right, e.g. ``"2026"``; ``?`` for a group of
        strokes that is not a digit."""
        return numbers.read(self.classify, self.thresholds, strokes, canvas_size, pen_width).text

    # -- images ------------------------------------------------------------------------------

    def read_mnist(self, x: object) -> list[Reading]:
        """The :class:`Reading` of each MNIST-format image (N, 28, 28) (never "too small")."""
        out = self.classify(x)
        return verdicts.read(out, [False] * len(out), self.thresholds)

    def read_image(self, image: object) -> Reading:
        """The :class:`Reading` of a photo or scan of one digit: a path or a uint8 array."""
        from desk_app.reading import read_picture

        return read_picture(image, self.classify, self.thresholds).groups[0].reading

    def read_number_image(self, image: object) -> NumberReading:
        """The number in a photo or scan (a path or a uint8 array): ``.text`` is its digits
        (``"2026"``; ``"2?26"`` where a piece is not a digit; ``""`` for a page with no digit),
        ``.groups`` a reading and a box (x0, y0, x1, y1 in the picture's pixels) per digit. A
        picture of one digit reads as ``read_image``."""
        from desk_app.reading import read_number_picture

        return read_number_picture(image, self.classify, self.thresholds)

    def predict_image(self, image: object) -> np.ndarray:
        """Probabilities (10,) for a photo or scan of one digit: a path or a uint8 array."""
        return self.predict_mnist(imaging.image_to_mnist(image)[None])[0]
