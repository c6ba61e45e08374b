"""Reading ``.npz`` files safely: never unpickled, and every array's header checked against the
bytes its member really holds before anything is allocated (a header may claim gigabytes)."""

from __future__ import annotations

import math
import zipfile
import zlib
from pathlib import Path

import numpy as np


def load(path: str | Path, names: tuple[str, ...], max_bytes: int) -> dict[str, np.ndarray]:
    """The arrays ``names`` of the ``.npz`` at ``path``, or ValueError saying what is wrong:
    not a zip, more than ``max_bytes`` in all, a missing array, an object array, or a header
    that promises more than the file holds."""
    fmt = np.lib.format
    out: dict[str, np.ndarray] = {}
    try:
        with zipfile.ZipFile(path) as z:  # sizes from the directory, before decompressing
            total = sum(i.file_size for i in z.infolist())
            if total > max_bytes:
                raise ValueError(f"{path}: holds {total:,} bytes uncompressed, more than the "
                                 f"{max_bytes:,} read at most")
            missing = [n for n in names if n + ".npy" not in z.namelist()]
            if missing:
                raise ValueError(f"{path}: missing arrays {missing}")
            for name in names:
                info = z.getinfo(name + ".npy")
                with z.open(info) as f:
                    version = fmt.read_magic(f)
                    header = fmt.read_array_header_1_0 if version == (1, 0) else fmt.read_array_header_2_0
                    shape, _, dtype = header(f)
                if dtype.hasobject:
                    raise ValueError(f"{path}: array {name!r} holds Python objects")
                size = math.prod(shape) * dtype.itemsize
                if size > max_bytes:
                    raise ValueError(f"{path}: array {name!r} is {size:,} bytes uncompressed, more "
                                     f"than the {max_bytes:,} read at most")
                if size > info.file_size:
                    raise ValueError(f"{path}: array {name!r} claims {size:,} bytes, but the file "
                                     f"holds {info.file_size:,}")
                with z.open(info) as f:
                    out[name] = fmt.read_array(f, allow_pickle=False)
    except (OSError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
        raise ValueError(f"{path}: not a readable .npz ({exc})") from exc
    return out
