"""The user's own samples: drawings they corrected, kept to teach the recogniser their hand.

An append-only, crash-safe log (``samples.log``): each record is a magic number, the payload's
length and CRC-32, then the payload (JSON: label, strokes, the 28x28 image). A record is written
whole (every byte checked, a short write cut off again) and ``fsync``ed. Damage stays local: a
damaged record is skipped and reading resumes at the next good one; a damaged tail (a write cut
short) is set aside in ``samples.log.damaged``; a record that is valid but makes no sense is
skipped; damaged records are never returned altered. Deleting appends a tombstone, relabelling a
record with the same id. NumPy and Pillow only.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import csv
import errno
import io
import json
import os
import stat
import struct
import uuid
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from desk_app import atomic, imaging, ink

MAGIC = b"DSK1"
HEADER = struct.Struct("<4sII")  # magic, payload length, CRC-32 of the payload
MAX_RECORD = 16 * 1024 * 1024
LOG_NAME = "samples.log"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp")


@dataclass(frozen=True)
class Sample:
    id: str
    label: int
    image: np.ndarray  # uint8 (28, 28), ink 255
    strokes: list[list[list[float]]]  # empty for an imported picture


class SampleStore:
    """The samples in ``folder``; ``warnings`` says what was wrong with the file, if anything."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / LOG_NAME
        self.warnings: list[str] = []
        self.read_only = False  # set when the file cannot be read or written safely
        self._samples: dict[str, Sample] = {}
        self._load()

    # -- reading -----------------------------------------------------------------------------

    def _load(self) -> None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return
        except OSError as exc:
            self.warnings.append(f"Cannot read your samples ({self.path}): {exc.strerror or exc}.")
            self.read_only = True
            return
        if not stat.S_ISREG(st.st_mode):  # a FIFO or a device would block or never end
            self.warnings.append(f"{self.path} is not a regular file: your samples are not read "
                                 "and new ones are not kept.")
            self.read_only = True
            return
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            self.warnings.append(f"Cannot read your samples ({self.path}): {exc.strerror or exc}.")
            self.read_only = True
            return
        pos = 0
        while pos < len(data):
            record = self._parse(data, pos)
            if record is not None:
                payload, pos = record
                if not self._apply(payload):
                    self.warnings.append(f"{self.path}: a sample at byte {pos} is not readable; "
                                         "it was skipped.")
                continue
            following = data.find(MAGIC, pos + 1)
            while following != -1 and self._parse(data, following) is None:
                following = data.find(MAGIC, following + 1)
            if following == -1:  # nothing good after it: a write that was cut short
                self._set_aside(data, pos)
                break
            self.warnings.append(f"{self.path}: damaged data at bytes {pos}-{following} was "
                                 "skipped; the samples around it are intact.")
            pos = following

    @staticmethod
    def _parse(data: bytes, pos: int) -> tuple[dict, int] | None:
        if pos + HEADER.size > len(data):
            return None
        magic, length, crc = HEADER.unpack_from(data, pos)
        start, end = pos + HEADER.size, pos + HEADER.size + length
        if magic != MAGIC or length > MAX_RECORD or end > len(data):
            return None
        body = data[start:end]
        if zlib.crc32(body) != crc:
            return None
        try:
            return json.loads(body), end
        except (ValueError, RecursionError):
            return None

    def _set_aside(self, data: bytes, pos: int) -> None:
        """Keep the damaged tail in a side file, then cut it off so new samples follow good ones."""
        damaged = self.path.with_name(LOG_NAME + ".damaged")
        try:
            with open(damaged, "ab") as f:
                f.write(data[pos:])
            with open(self.path, "r+b") as f:
                f.truncate(pos)
                os.fsync(f.fileno())
            kept = f"kept in {damaged.name}"
        except OSError as exc:
            kept = f"left in place ({exc.strerror or exc})"
        self.warnings.append(
            f"{self.path}: damaged data after byte {pos} of {len(data)} (an interrupted write?) "
            f"was skipped and {kept}; the {len(self._samples)} samples before it are intact."
        )

    def _apply(self, payload: object) -> bool:
        """Take one record into memory; False (and nothing changed) when it is not valid."""
        try:
            if not isinstance(payload, dict):
                return False
            if "delete" in payload:
                self._samples.pop(str(payload["delete"]), None)
                return True
            sid, label = payload["id"], payload["label"]
            if not isinstance(sid, str) or not isinstance(label, int) or not 0 <= label <= 9:
                return False
            image = np.frombuffer(base64.b64decode(payload["image"], validate=True), np.uint8)
            strokes = payload.get("strokes", [])
            if image.size != 28 * 28 or not isinstance(strokes, list):
                return False
        except (KeyError, TypeError, ValueError, binascii.Error):
            return False
        self._samples[sid] = Sample(sid, label, image.reshape(28, 28), strokes)
        return True

    def __len__(self) -> int:
        return len(self._samples)

    def samples(self) -> list[Sample]:
        return list(self._samples.values())

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """Images (N, 28, 28) uint8 and labels (N,) uint8, for training."""
        s = self.samples()
        x = np.stack([a.image for a in s]) if s else np.zeros((0, 28, 28), np.uint8)
        return x, np.array([a.label for a in s], np.uint8)

    # -- writing -----------------------------------------------------------------------------

    def _append(self, payload: dict) -> None:
        """Write one record durably, or raise and leave the file as it was: every byte of the
        write is checked (a full disk writes short), and a failed write is cut off again."""
        if self.read_only:
            raise OSError(f"the samples file {self.path} cannot be written (see the warnings)")
        body = json.dumps(payload, separators=(",", ":")).encode()
        if len(body) > MAX_RECORD:
            raise ValueError(f"this drawing is too large to keep as a sample ({len(body)} bytes, "
                             f"at most {MAX_RECORD})")
        record = HEADER.pack(MAGIC, len(body), zlib.crc32(body)) + body
        self.folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            size = os.fstat(fd).st_size
            view = memoryview(record)
            try:
                while view:
                    written = os.write(fd, view)
                    if written <= 0:
                        raise OSError(errno.ENOSPC, "no space left on the device")
                    view = view[written:]
                os.fsync(fd)
            except OSError:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, size)
                raise
        finally:
            os.close(fd)
        self._apply(payload)

    def add_image(self, image: np.ndarray, label: int, strokes=()) -> Sample:
        """Keep a 28x28 MNIST-format image (float in [0, 1] or uint8) with its label."""
        if not 0 <= int(label) <= 9:
            raise ValueError(f"label must be a digit 0-9, got {label!r}")
        a = np.asarray(image)
        if a.shape != (28, 28):
            raise ValueError(f"a sample image is 28x28, got {a.shape}")
        if a.dtype != np.uint8:
            a = (np.clip(a, 0, 1) * 255).round().astype(np.uint8)
        sid = uuid.uuid4().hex
        self._append({"id": sid, "label": int(label),
                      "strokes": [np.asarray(s, float).round(2).tolist() for s in strokes],
                      "image": base64.b64encode(a.tobytes()).decode()})
        return self._samples[sid]

    def add(self, strokes, label: int, canvas_size=(280, 280), pen_width: float = 18.0) -> Sample:
        """Keep a drawing with the digit it really is (strokes and the 28x28 image)."""
        pts = ink.as_strokes(strokes)
        return self.add_image(ink.strokes_to_mnist(pts, canvas_size, pen_width), label, pts)

    def delete(self, sample_id: str) -> None:
        if sample_id in self._samples:
            self._append({"delete": sample_id})

    def _payload(self, sample: Sample, label: int) -> dict:
        return {"id": sample.id, "label": int(label), "strokes": sample.strokes,
                "image": base64.b64encode(np.ascontiguousarray(sample.image).tobytes()).decode()}

    def relabel(self, sample_id: str, label: int) -> Sample:
        """Give a sample another label (a record with the same id replaces the old one)."""
        if not 0 <= int(label) <= 9:
            raise ValueError(f"label must be a digit 0-9, got {label!r}")
        if sample_id not in self._samples:
            raise ValueError(f"no sample {sample_id}")
        self._append(self._payload(self._samples[sample_id], label))
        return self._samples[sample_id]

    def restore(self, sample: Sample) -> None:
        """Bring back a deleted sample, as it was (undo of a delete)."""
        self._append(self._payload(sample, sample.label))

    # -- exchange ----------------------------------------------------------------------------

    def export(self, folder: str | Path) -> int:
        """Write every sample as a PNG (ink black on white) and ``labels.csv`` (file, label)."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)  # a new folder, named in the dialog
        rows = []
        for k, s in enumerate(self.samples()):
            name = f"{k:05d}_{s.label}.png"
            buf = io.BytesIO()
            Image.fromarray(255 - s.image).save(buf, "PNG")
            atomic.write_bytes(folder / name, buf.getvalue())
            rows.append((name, s.label))
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["file", "label"])
        writer.writerows(rows)
        atomic.write_bytes(folder / "labels.csv", out.getvalue().encode())
        return len(rows)

    def _known(self) -> set[tuple[int, bytes]]:
        """What an import of each kept sample would look like: to skip those already here."""
        known = set()
        for s in self.samples():
            known.add((s.label, s.image.tobytes()))
            again = imaging.image_to_mnist(255 - s.image)  # the same sample exported and read back
            known.add((s.label, (again * 255).round().astype(np.uint8).tobytes()))
        return known

    def import_folder(self, folder: str | Path) -> int:
        """Add the samples of a folder: ``labels.csv`` (file, label) beside the images, as
        ``export`` writes it, or one sub-folder per digit (``0/``, ``1/``, ... ``9/``) holding
        that digit's images. Those already here are skipped. Returns how many were added."""
        folder = Path(folder)
        parsed = []
        for path, label, where in self._import_rows(folder):  # check everything before adding
            try:
                if not 0 <= label <= 9:
                    raise ValueError(f"label {label} is not a digit 0-9")
                parsed.append((imaging.image_to_mnist(path), label))
            except (TypeError, ValueError) as exc:
                raise ValueError(f"{where}: {exc}") from exc
        known = self._known()
        added = 0
        for image, label in parsed:
            key = (label, (image * 255).round().astype(np.uint8).tobytes())
            if key not in known:
                self.add_image(image, label)
                known.add(key)
                added += 1
        return added

    @staticmethod
    def _import_rows(folder: Path) -> list[tuple[Path, int, str]]:
        """(image, label, where it was named) for each sample of an import folder."""
        csv_path = folder / "labels.csv"
        if csv_path.is_file():
            try:
                with open(csv_path, newline="") as f:
                    rows = list(csv.DictReader(f))
            except OSError as exc:
                raise ValueError(f"cannot read {csv_path}: {exc.strerror or exc}") from exc
            out = []
            for row in rows:
                try:
                    out.append((folder / row["file"], int(row["label"]), f"{csv_path}: bad row {row}"))
                except (KeyError, TypeError, ValueError) as exc:
                    raise ValueError(f"{csv_path}: bad row {row}: expected the columns "
                                     "file,label") from exc
            return out
        digit_dirs = [folder / str(d) for d in range(10) if (folder / str(d)).is_dir()]
        if not digit_dirs:
            raise ValueError(
                f"{folder} holds no samples to import. Expected either a labels.csv (columns "
                "file,label) beside the images, as Export writes it, or one folder per digit "
                "(0, 1, ... 9) holding that digit's images.")
        return [(p, int(d.name), str(p)) for d in digit_dirs for p in sorted(d.iterdir())
                if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file()]
