"""MNIST loading, one way everywhere (tests, benchmarks, training, retraining from the window):
the path given, else the folder or file named by ``DESK_APP_MNIST``, else Keras's own cache
(``~/.keras/datasets/mnist.npz``), else the Keras download. A path holds the four original IDX
files (gzipped or not) or is a Keras ``mnist.npz``. NumPy only (TensorFlow only to download),
so the loader is testable without TensorFlow.

Every file is checked (magic number, dimensions, counts, label range) and a problem is reported
as a :class:`DataError` naming the file and what is wrong.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import math
import os
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

IMAGE_MAGIC = 2051
LABEL_MAGIC = 2049
IDX_NAMES = {
    "x_train": "train-images-idx3-ubyte",
    "y_train": "train-labels-idx1-ubyte",
    "x_test": "t10k-images-idx3-ubyte",
    "y_test": "t10k-labels-idx1-ubyte",
}


class DataError(Exception):
    """The training data could not be read; the message says which file and why."""


@dataclass(frozen=True)
class Mnist:
    x_train: np.ndarray  # uint8 (N, 28, 28)
    y_train: np.ndarray  # uint8 (N,)
    x_test: np.ndarray
    y_test: np.ndarray
    source: str
    sha256: str  # of the raw arrays, so a model card pins the exact data


MAX_BYTES = 64 * 1024 * 1024  # MNIST's largest file is 47 MB: anything bigger is not MNIST


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, gunzipped when gzipped, never more than MAX_BYTES (a gzip bomb is
    refused after MAX_BYTES, not after it filled the memory)."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            raise DataError(f"{path}: not a regular file of at most {MAX_BYTES // 2**20} MB")
        raw = path.read_bytes()
        if raw[:2] != b"\x1f\x8b":
            return raw
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as f:
            data = f.read(MAX_BYTES + 1)
    except DataError:
        raise
    except (OSError, EOFError, zlib.error) as exc:
        raise DataError(f"{path}: cannot read ({exc})") from exc
    if len(data) > MAX_BYTES:
        raise DataError(f"{path}: decompresses to more than {MAX_BYTES // 2**20} MB: not MNIST")
    return data


def read_idx(path: Path, magic: int) -> np.ndarray:
    """Read one IDX file, checking its header against its size."""
    data = _read_bytes(path)
    if len(data) < 8:
        raise DataError(f"{path}: too short to be an IDX file ({len(data)} bytes)")
    found = struct.unpack(">I", data[:4])[0]
    if found != magic:
        kind = "images" if magic == IMAGE_MAGIC else "labels"
        raise DataError(
            f"{path}: not an MNIST {kind} file (magic number {found}, expected {magic})"
        )
    ndim = found & 0xFF
    header = 4 + 4 * ndim
    if len(data) < header:
        raise DataError(f"{path}: header truncated")
    dims = struct.unpack(">" + "I" * ndim, data[4:header])
    expected = math.prod(dims)
    body = len(data) - header
    if body != expected:
        raise DataError(
            f"{path}: truncated or padded: header promises {expected} bytes of data "
            f"for shape {dims}, file holds {body}"
        )
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(dims)


def _find(folder: Path, stem: str) -> Path:
    for name in (stem, stem + ".gz", stem.replace("-idx", ".idx"), stem.replace("-idx", ".idx") + ".gz"):
        if (folder / name).is_file():
            return folder / name
    raise DataError(f"{folder}: missing {stem} (or {stem}.gz)")


def _check(x: np.ndarray, y: np.ndarray, name: str, where: str) -> None:
    if x.ndim != 3 or x.shape[1:] != (28, 28):
        raise DataError(f"{where}: {name} images have shape {x.shape}, expected (N, 28, 28)")
    if y.ndim != 1:
        raise DataError(f"{where}: {name} labels have shape {y.shape}, expected (N,)")
    if len(x) != len(y):
        raise DataError(f"{where}: {len(x)} {name} images but {len(y)} labels")
    if len(x) == 0:
        raise DataError(f"{where}: no {name} images")
    if len(y) and int(y.max()) > 9:
        raise DataError(f"{where}: {name} labels outside 0-9 (max {int(y.max())})")


def _digest(*arrays: np.ndarray) -> str:
    h = hashlib.sha256()
    for a in arrays:
        h.update(np.ascontiguousarray(a).tobytes())
    return h.hexdigest()


def _from_arrays(x_train, y_train, x_test, y_test, source: str) -> Mnist:
    arrays = [np.asarray(a) for a in (x_train, y_train, x_test, y_test)]
    if any(a.dtype != np.uint8 for a in arrays):
        raise DataError(f"{source}: arrays must be uint8")
    _check(arrays[0], arrays[1], "training", source)
    _check(arrays[2], arrays[3], "test", source)
    return Mnist(*arrays, source=source, sha256=_digest(*arrays))


def load_npz(path: Path) -> Mnist:
    """A Keras-format ``mnist.npz`` (x_train, y_train, x_test, y_test); never unpickles, and
    no array is read before its header is checked against what the file holds."""
    from desk_app import npz

    try:
        arrays = npz.load(path, ("x_train", "y_train", "x_test", "y_test"), 2 * MAX_BYTES)
    except ValueError as exc:
        raise DataError(str(exc)) from exc
    return _from_arrays(*arrays.values(), source=str(path))


def load_folder(folder: Path) -> Mnist:
    """The four original IDX files in one folder."""
    files = {k: _find(folder, stem) for k, stem in IDX_NAMES.items()}
    arrays = {
        k: read_idx(p, IMAGE_MAGIC if k.startswith("x") else LABEL_MAGIC) for k, p in files.items()
    }
    for part in ("train", "test"):
        x, y = arrays[f"x_{part}"], arrays[f"y_{part}"]
        if len(x) != len(y):
            raise DataError(
                f"{files[f'x_{part}']}: {len(x)} images but {files[f'y_{part}'].name} "
                f"has {len(y)} labels"
            )
    return _from_arrays(
        arrays["x_train"], arrays["y_train"], arrays["x_test"], arrays["y_test"], str(folder)
    )


ENV = "DESK_APP_MNIST"


def keras_cache() -> Path:
    """Where ``keras.datasets.mnist`` keeps its download (``KERAS_HOME`` moves it)."""
    home = os.environ.get("KERAS_HOME") or str(Path.home() / ".keras")
    return Path(home) / "datasets" / "mnist.npz"


def load_keras() -> Mnist:
    """The Keras download (cached after the first time). Needs TensorFlow and a network."""
    try:
        from keras.datasets import mnist

        (x_train, y_train), (x_test, y_test) = mnist.load_data()
    except Exception as exc:  # noqa: BLE001 - any failure means: no data, say how to fix it
        raise DataError(
            f"MNIST is not here and could not be downloaded ({type(exc).__name__}: {exc}). "
            f"Without a network, pass --data DIR (a folder with the four IDX files, or an "
            f"mnist.npz), or set {ENV}=DIR, or put mnist.npz in {keras_cache().parent}."
        ) from exc
    return _from_arrays(x_train, y_train, x_test, y_test, "keras.datasets.mnist")


def load_mnist(path: str | Path | None = None) -> Mnist:
    """Load MNIST from ``path``, else ``$DESK_APP_MNIST``, else Keras's cache, else download."""
    if path is None and os.environ.get(ENV):
        path = os.environ[ENV]
    if path is None:
        if keras_cache().is_file():
            return load_npz(keras_cache())
        return load_keras()
    p = Path(path)
    if p.is_dir():
        return load_folder(p)
    if p.is_file():
        return load_npz(p)
    raise DataError(f"{p}: no such file or folder")


def holds_mnist(path: str | Path) -> bool:
    """``path`` is an mnist.npz or a folder with the four IDX files (gzipped or not): a quick
    look at the names, for the window to check a folder before it starts a run."""
    p = Path(path)
    if p.is_file():
        return p.suffix == ".npz"
    try:
        for stem in IDX_NAMES.values():
            _find(p, stem)
    except DataError:
        return False
    return True


def find_mnist(path: str | Path | None = None) -> Path | None:
    """Where training would read MNIST without a download: ``path``, else ``$DESK_APP_MNIST``,
    else Keras's cache; None when none of them holds it."""
    for candidate in (path, os.environ.get(ENV), keras_cache()):
        if candidate and holds_mnist(candidate):
            return Path(candidate)
    return None
