"""The recogniser: the bundled network on the LiteRT runtime, behind a small NumPy API.

No TensorFlow and no Qt here: loading the model takes milliseconds and the app's process stays
small. See ``CONTRACT.md`` (shared) for the public calls.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from desk_app import imaging, ink, model_files, numbers

_CHUNK = 512  # images per interpreter call in batch predictions


class ModelError(Exception):
    """The model file is missing, unreadable or not a digit classifier; says how to fix it."""


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
        and list(outputs[0]["shape"][1:]) == [10]
        and inputs[0]["dtype"] == np.float32
    )
    if not ok:
        shapes = [list(d["shape"]) for d in inputs] + ["->"] + [list(d["shape"]) for d in outputs]
        raise ModelError(
            f"model file {path} is not a digit classifier: it maps {shapes}, expected "
            "[N, 28, 28] float32 -> [N, 10]. Run `make train` to build the right one."
        )
    return interp


class Recognizer:
    """Reads digits: MNIST arrays, pen strokes, numbers and images.

    ``Recognizer()`` loads the bundled model; ``Recognizer(path)`` another exported ``.tflite``.
    Raises :class:`ModelError` when the model cannot be used.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else model_files.default_model_path()
        self._interp = _load_interpreter(self.path)
        self._inp = self._interp.get_input_details()[0]["index"]
        self._out = self._interp.get_output_details()[0]["index"]
        self._batch = -1
        self._lock = threading.Lock()  # one interpreter: one call at a time
        self.card = model_files.read_card(self.path)

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

    def predict_mnist(self, x: object) -> np.ndarray:
        """Probabilities (N, 10) for images (N, 28, 28) in MNIST format: ink 1.0, paper 0.0."""
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
            return np.zeros((0, 10), np.float32)
        p = np.concatenate([self._run(a[i : i + _CHUNK]) for i in range(0, len(a), _CHUNK)])
        p = np.maximum(p.astype(np.float32), 0.0)
        return (p / p.sum(axis=1, keepdims=True)).astype(np.float32)

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

    def read_number(self, strokes, canvas_size=(280, 280), pen_width: float = 18.0) -> str:
        """The digits of a number written left to right, e.g. ``"2026"``."""
        return numbers.read(self, strokes, canvas_size, pen_width).text

    # -- images ------------------------------------------------------------------------------

    def predict_image(self, image: object) -> np.ndarray:
        """Probabilities (10,) for a photo or scan of one digit: a path or a uint8 array."""
        return self.predict_mnist(imaging.image_to_mnist(image)[None])[0]
