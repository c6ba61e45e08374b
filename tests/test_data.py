"""MNIST loading from the real files, and clear errors for broken ones."""

from __future__ import annotations

import gzip
import struct

import numpy as np
import pytest

from desk_app.training.data import IMAGE_MAGIC, LABEL_MAGIC, DataError, load_mnist


def test_reads_the_original_files(mnist):
    assert mnist.x_train.shape == (60000, 28, 28) and mnist.x_train.dtype == np.uint8
    assert mnist.x_test.shape == (10000, 28, 28)
    counts = np.bincount(mnist.y_train, minlength=10).tolist()
    assert counts == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    assert len(mnist.sha256) == 64


def _idx(magic: int, arr: np.ndarray) -> bytes:
    return struct.pack(">I", magic) + b"".join(struct.pack(">I", d) for d in arr.shape) + arr.tobytes()


def _write_set(folder, n_train=20, n_test=10, *, gz=False, **override):
    rng = np.random.default_rng(0)
    files = {
        "train-images-idx3-ubyte": _idx(IMAGE_MAGIC, rng.integers(0, 255, (n_train, 28, 28), np.uint8)),
        "train-labels-idx1-ubyte": _idx(LABEL_MAGIC, rng.integers(0, 10, n_train).astype(np.uint8)),
        "t10k-images-idx3-ubyte": _idx(IMAGE_MAGIC, rng.integers(0, 255, (n_test, 28, 28), np.uint8)),
        "t10k-labels-idx1-ubyte": _idx(LABEL_MAGIC, rng.integers(0, 10, n_test).astype(np.uint8)),
    }
    files.update(override)
    for name, data in files.items():
        if gz:
            (folder / (name + ".gz")).write_bytes(gzip.compress(data))
        else:
            (folder / name).write_bytes(data)


@pytest.mark.parametrize("gz", [False, True])
def test_small_valid_set_gzipped_or_not(tmp_path, gz):
    _write_set(tmp_path, gz=gz)
    m = load_mnist(tmp_path)
    assert m.x_train.shape == (20, 28, 28) and m.y_test.shape == (10,)


def test_truncated_file_names_the_file(tmp_path):
    _write_set(tmp_path)
    p = tmp_path / "train-images-idx3-ubyte"
    p.write_bytes(p.read_bytes()[:-100])
    with pytest.raises(DataError, match="train-images-idx3-ubyte.*truncated"):
        load_mnist(tmp_path)


def test_truncated_gzip_is_reported(tmp_path):
    _write_set(tmp_path, gz=True)
    p = tmp_path / "t10k-labels-idx1-ubyte.gz"
    p.write_bytes(p.read_bytes()[:20])
    with pytest.raises(DataError, match="t10k-labels-idx1-ubyte.gz"):
        load_mnist(tmp_path)


def test_swapped_files_fail_on_magic(tmp_path):
    labels = _idx(LABEL_MAGIC, np.zeros(20, np.uint8))
    _write_set(tmp_path, **{"train-images-idx3-ubyte": labels})
    with pytest.raises(DataError, match="not an MNIST images file"):
        load_mnist(tmp_path)


def test_mismatched_counts(tmp_path):
    _write_set(tmp_path, **{"train-labels-idx1-ubyte": _idx(LABEL_MAGIC, np.zeros(19, np.uint8))})
    with pytest.raises(DataError, match="20 images but .* 19 labels"):
        load_mnist(tmp_path)


def test_label_out_of_range(tmp_path):
    _write_set(tmp_path, **{"t10k-labels-idx1-ubyte": _idx(LABEL_MAGIC, np.full(10, 12, np.uint8))})
    with pytest.raises(DataError, match="labels outside 0-9"):
        load_mnist(tmp_path)


def test_missing_file(tmp_path):
    _write_set(tmp_path)
    (tmp_path / "t10k-images-idx3-ubyte").unlink()
    with pytest.raises(DataError, match="missing t10k-images-idx3-ubyte"):
        load_mnist(tmp_path)


def test_npz_and_its_errors(tmp_path, mnist):
    good = tmp_path / "mnist.npz"
    np.savez(good, x_train=mnist.x_train[:30], y_train=mnist.y_train[:30],
             x_test=mnist.x_test[:10], y_test=mnist.y_test[:10])
    assert load_mnist(good).x_train.shape == (30, 28, 28)
    partial = tmp_path / "partial.npz"
    np.savez(partial, x_train=mnist.x_train[:3])
    with pytest.raises(DataError, match="missing arrays"):
        load_mnist(partial)
    pickled = tmp_path / "pickled.npz"
    objs = np.empty(1, dtype=object)
    np.savez(pickled, x_train=objs, y_train=objs, x_test=objs, y_test=objs)
    with pytest.raises(DataError, match="pickled.npz"):
        load_mnist(pickled)
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a zip")
    with pytest.raises(DataError, match="junk.npz"):
        load_mnist(junk)


def test_nonexistent_path(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        load_mnist(tmp_path / "nope")


def test_env_then_keras_cache(tmp_path, monkeypatch):
    """No path: $DESK_APP_MNIST first, then Keras's own cache (no TensorFlow, no network)."""
    folder = tmp_path / "idx"
    folder.mkdir()
    _write_set(folder, n_train=20)
    monkeypatch.setenv("DESK_APP_MNIST", str(folder))
    assert load_mnist().x_train.shape == (20, 28, 28)
    monkeypatch.delenv("DESK_APP_MNIST")
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    cache = tmp_path / "keras" / "datasets" / "mnist.npz"
    cache.parent.mkdir(parents=True)
    rng = np.random.default_rng(0)
    np.savez(cache, x_train=rng.integers(0, 255, (30, 28, 28), np.uint8), y_train=np.zeros(30, np.uint8),
             x_test=np.zeros((5, 28, 28), np.uint8), y_test=np.zeros(5, np.uint8))
    m = load_mnist()
    assert m.x_train.shape == (30, 28, 28) and m.source == str(cache)
