"""The user's own samples: drawings they corrected, kept to teach the recogniser their hand.

An append-only, crash-safe log (``samples.log``): each record is a magic number, the payload's
length and CRC-32, then the payload (JSON: label, strokes, the 28x28 image). A record is written
whole (every byte checked, a short write cut off again) and ``fsync``ed. Damage stays local: a
damaged record is skipped and reading resumes at the next good one; a damaged tail (a write cut
short) is set aside in ``samples.log.damaged``; a record that is valid but makes no sense is
skipped; damaged records are never returned altered. Deleting appends a tombstone, relabelling a
record with the same id.

Several processes may share a store (two windows, train_model.py): every change, every repair of
a damaged tail and every compaction happens under an exclusive lock (``flock`` on
``samples.lock``), after reading what the others appended since (so a stale process can neither
undo a delete nor miss a sample). A tail is cut only when it is still damaged under the lock;
the log is rewritten without superseded records when they make more than half of it.
NumPy and Pillow only.
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
import re
import stat
import struct
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from desk_app import atomic, imaging, ink

try:
    import fcntl
except ImportError:  # Windows: one process at a time, as before
    fcntl = None

MAGIC = b"DSK1"
HEADER = struct.Struct("<4sII")  # magic, payload length, CRC-32 of the payload
MAX_RECORD = 16 * 1024 * 1024
LOG_NAME = "samples.log"
LOCK_NAME = "samples.lock"
COMPACT_ABOVE = 256 * 1024  # a log smaller than this is never worth rewriting
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp")


@dataclass(frozen=True)
class Sample:
    id: str
    label: int
    image: np.ndarray  # uint8 (28, 28), ink 255
    strokes: list[list[list[float]]]  # empty for an imported picture
    pressures: tuple[list[float] | None, ...] = ()  # a pen's pressure at each point of each stroke
    # (None for a mouse or finger stroke); empty in samples kept before pressure was recorded


class SampleStore:
    """The samples in ``folder``; ``warnings`` says what was wrong with the file, if anything."""

    def __init__(self, folder: str | Path, writable: bool = True) -> None:
        """``writable=False`` reads only: it never repairs, compacts or writes (training)."""
        self.folder = Path(folder)
        self.path = self.folder / LOG_NAME
        self.warnings: list[str] = []
        self.read_only = not writable  # also set when the file cannot be read or written safely
        self._samples: dict[str, Sample] = {}
        self._sizes: dict[str, int] = {}  # bytes of each sample's latest record
        self._superseded = 0  # bytes of records that no longer count (relabelled, deleted)
        self._seen = (0, 0)  # (inode, bytes) of the log read into memory
        self._load()

    # -- reading -----------------------------------------------------------------------------

    def _load(self) -> None:
        data = self._read_file()
        if data is None:
            return
        end, damaged_tail = self._take(data, 0, report=True)
        if damaged_tail is not None and not self.read_only:
            with self._locked():  # another process may be writing it right now: look again
                self._reset()
                data = self._read_file() or b""
                end, damaged_tail = self._take(data, 0, report=False)
                if damaged_tail is not None:
                    self._set_aside(data, damaged_tail)
                    end = damaged_tail
        elif damaged_tail is not None:
            self.warnings.append(f"{self.path}: its last {len(data) - damaged_tail} bytes are "
                                 "damaged (an interrupted write?) and were skipped.")
        self._seen = (self._inode(), end)

    def _reset(self) -> None:
        self._samples.clear()
        self._sizes.clear()
        self._superseded = 0

    def _inode(self) -> int:
        try:
            return os.stat(self.path).st_ino
        except OSError:
            return 0

    def _read_file(self, start: int = 0) -> bytes | None:
        """The log's bytes from ``start``; None (with a warning, read-only) when it cannot be
        read safely, or b"" when it does not exist."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return b""
        except OSError as exc:
            self.warnings.append(f"Cannot read your samples ({self.path}): {exc.strerror or exc}.")
            self.read_only = True
            return None
        if not stat.S_ISREG(st.st_mode):  # a FIFO or a device would block or never end
            self.warnings.append(f"{self.path} is not a regular file: your samples are not read "
                                 "and new ones are not kept.")
            self.read_only = True
            return None
        try:
            with open(self.path, "rb") as f:
                f.seek(start)
                return f.read()
        except OSError as exc:
            self.warnings.append(f"Cannot read your samples ({self.path}): {exc.strerror or exc}.")
            self.read_only = True
            return None

    def _take(self, data: bytes, base: int, report: bool) -> tuple[int, int | None]:
        """Apply the records in ``data`` (the log from byte ``base``). Returns where the good
        records end, and where a damaged tail begins (None when there is none)."""
        pos, unreadable, damaged = 0, 0, []
        while pos < len(data):
            record = self._parse(data, pos)
            if record is not None:
                payload, end = record
                unreadable += not self._apply(payload, end - pos)
                pos = end
                continue
            following = data.find(MAGIC, pos + 1)
            while following != -1 and self._parse(data, following) is None:
                following = data.find(MAGIC, following + 1)
            if following == -1:  # nothing good after it: a write that was cut short
                return base + pos, base + pos
            damaged.append((base + pos, base + following))
            pos = following
        if report and damaged:  # once per store, however many places it is in
            where = ", ".join(f"{a}-{b}" for a, b in damaged[:3]) + (", ..." if len(damaged) > 3 else "")
            self.warnings.append(f"{self.path}: damaged data in {len(damaged)} place(s) (bytes "
                                 f"{where}) was skipped; the samples around it are intact.")
        if report and unreadable:
            self.warnings.append(f"{self.path}: {unreadable} sample(s) not readable were skipped.")
        return base + pos, None

    @contextlib.contextmanager
    def _locked(self):
        """Exclusive across processes (advisory ``flock``; a no-op where there is none)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def _sync(self) -> None:
        """Under the lock: take in what other processes wrote since this one last looked (all
        of it again when the log was rewritten or cut meanwhile)."""
        inode, seen = self._seen
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            self._reset()
            self._seen = (0, 0)
            return
        except OSError:
            return
        if st.st_ino != inode or st.st_size < seen:
            self._reset()
            seen = 0
        if st.st_size > seen:
            data = self._read_file(seen) or b""
            end, _ = self._take(data, seen, report=False)
            seen = end
        self._seen = (st.st_ino, seen)

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

    def _apply(self, payload: object, size: int = 0) -> bool:
        """Take one record (``size`` bytes in the log) into memory; False (and nothing changed)
        when it is not valid."""
        try:
            if not isinstance(payload, dict):
                return False
            if "delete" in payload:
                gone = str(payload["delete"])
                self._samples.pop(gone, None)
                self._superseded += self._sizes.pop(gone, 0) + size
                return True
            sid, label = payload["id"], payload["label"]
            if not isinstance(sid, str) or not isinstance(label, int) or not 0 <= label <= 9:
                return False
            image = np.frombuffer(base64.b64decode(payload["image"], validate=True), np.uint8)
            strokes = payload.get("strokes", [])
            pressures = payload.get("pressures", [])
            if (image.size != 28 * 28 or not isinstance(strokes, list)
                    or not _pressures_fit(pressures, strokes)):
                return False
        except (KeyError, TypeError, ValueError, binascii.Error):
            return False
        self._samples[sid] = Sample(sid, label, image.reshape(28, 28), strokes, tuple(pressures))
        self._superseded += self._sizes.get(sid, 0)
        self._sizes[sid] = size
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

    def _record(self, payload: dict) -> bytes:
        body = json.dumps(payload, separators=(",", ":")).encode()
        if len(body) > MAX_RECORD:
            raise ValueError(f"this drawing is too large to keep as a sample ({len(body)} bytes, "
                             f"at most {MAX_RECORD})")
        return HEADER.pack(MAGIC, len(body), zlib.crc32(body)) + body

    def _change(self, make: Callable[[], dict | None]) -> None:
        """Under the lock, after taking in what others wrote: append the record ``make``
        builds from the store as it is now (None: nothing to write), then compact if due."""
        if self.read_only:
            raise OSError(f"the samples file {self.path} cannot be written (see the warnings)")
        with self._locked():
            self._sync()
            payload = make()
            if payload is None:
                return
            record = self._record(payload)
            self._write(record)
            self._apply(payload, len(record))
            self._seen = (self._inode(), self._seen[1] + len(record))
            if self._seen[1] > COMPACT_ABOVE and self._superseded > self._seen[1] / 2:
                self._compact()

    def _write(self, record: bytes) -> None:
        """Append one record durably, or raise and leave the file as it was: every byte of the
        write is checked (a full disk writes short), and a failed write is cut off again."""
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

    def _compact(self) -> None:
        """Under the lock: rewrite the log with only the records that count, as one rename."""
        records = [self._record(self._payload(s, s.label)) for s in self._samples.values()]
        try:
            atomic.write_bytes(self.path, b"".join(records))
        except OSError:
            return  # the log stays as it was: still right, only longer
        self._sizes = {s.id: len(r) for s, r in zip(self._samples.values(), records, strict=True)}
        self._superseded = 0
        self._seen = (self._inode(), sum(len(r) for r in records))

    def add_image(self, image: np.ndarray, label: int, strokes=(), pressures=()) -> Sample:
        """Keep a 28x28 MNIST-format image (float in [0, 1] or uint8) with its label, and the
        strokes it was drawn with; ``pressures``: a pen's pressure at each point of each stroke
        (None for a stroke without), or empty."""
        if not 0 <= int(label) <= 9:
            raise ValueError(f"label must be a digit 0-9, got {label!r}")
        a = np.asarray(image)
        if a.shape != (28, 28):
            raise ValueError(f"a sample image is 28x28, got {a.shape}")
        if a.dtype != np.uint8:
            a = imaging.to_uint8(a)
        sid = uuid.uuid4().hex
        kept = [np.asarray(s, float).round(2).tolist() for s in strokes]
        felt = [None if p is None else np.asarray(p, float).round(3).tolist() for p in pressures]
        if not _pressures_fit(felt, kept):
            raise ValueError("a sample's pressures must give one value per point of each stroke")
        payload = {"id": sid, "label": int(label), "strokes": kept,
                   "image": base64.b64encode(a.tobytes()).decode()}
        if any(p is not None for p in felt):
            payload["pressures"] = felt
        self._change(lambda: payload)
        return self._samples[sid]

    def add(self, strokes, label: int, canvas_size=(280, 280), pen_width: float = 18.0) -> Sample:
        """Keep a drawing with the digit it really is (strokes and the 28x28 image)."""
        pts = ink.as_strokes(strokes)
        return self.add_image(ink.strokes_to_mnist(pts, canvas_size, pen_width), label, pts)

    def delete(self, sample_id: str) -> None:
        """Delete a sample, whichever process added it; deleting one that is gone does nothing."""
        self._change(lambda: {"delete": sample_id} if sample_id in self._samples else None)

    def _payload(self, sample: Sample, label: int) -> dict:
        payload = {"id": sample.id, "label": int(label), "strokes": sample.strokes,
                   "image": base64.b64encode(np.ascontiguousarray(sample.image).tobytes()).decode()}
        if sample.pressures:
            payload["pressures"] = list(sample.pressures)
        return payload

    def relabel(self, sample_id: str, label: int) -> Sample:
        """Give a sample another label (a record with the same id replaces the old one)."""
        if not 0 <= int(label) <= 9:
            raise ValueError(f"label must be a digit 0-9, got {label!r}")

        def make() -> dict:
            if sample_id not in self._samples:  # deleted meanwhile, here or elsewhere: stays so
                raise ValueError(f"no sample {sample_id} (it was deleted)")
            return self._payload(self._samples[sample_id], label)

        self._change(make)
        return self._samples[sample_id]

    def restore(self, sample: Sample) -> None:
        """Bring back a deleted sample, as it was (undo of a delete)."""
        self._change(lambda: self._payload(sample, sample.label))

    # -- exchange ----------------------------------------------------------------------------

    def export(self, folder: str | Path) -> int:
        """Write every sample as a PNG (ink black on white) and ``labels.csv`` (file, label)."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)  # a new folder, named in the dialog
        self._clear_export(folder)
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

    @staticmethod
    def _clear_export(folder: Path) -> None:
        """Make ``folder`` ready for an export: empty, or holding an earlier export, whose files
        go (a smaller export must not leave stale samples behind). Anything else in it is the
        user's: refuse rather than mix or overwrite."""
        ours = re.compile(r"\d{5}_\d\.png")
        theirs = [p.name for p in folder.iterdir() if p.name != "labels.csv" and not ours.fullmatch(p.name)]
        if theirs:
            raise ValueError(f"{folder} already holds other files ({', '.join(sorted(theirs)[:3])}"
                             f"{', ...' if len(theirs) > 3 else ''}): export into an empty or new folder")
        for p in folder.iterdir():
            p.unlink()

    def _known(self) -> set[bytes]:
        """What an import of each kept sample would look like: to skip those already here. The
        drawing alone counts, not its label: after a relabel, an old export of the same drawing
        must not bring it back under its old label."""
        known = set()
        for s in self.samples():
            known.add(s.image.tobytes())
            again = imaging.image_to_mnist(255 - s.image)  # the same sample exported and read back
            known.add(imaging.to_uint8(again).tobytes())
        return known

    def import_folder(self, folder: str | Path, progress: Callable[[int, int], None] | None = None,
                      stop: Callable[[], bool] | None = None) -> int:
        """Add the samples of a folder: ``labels.csv`` (file, label) beside the images, as
        ``export`` writes it, or one sub-folder per digit (``0/``, ``1/``, ... ``9/``) holding
        that digit's images. Only regular files inside the folder are read, at most MAX_IMPORT
        of them; everything is checked before anything is added, and drawings already here are
        skipped. ``progress(done, total)`` is told as it goes; ``stop()`` returning True stops
        it with nothing added (ValueError). Returns how many were added."""
        folder = Path(folder)
        rows = self._import_rows(folder)
        parsed, decoded = [], {}
        for k, (path, label, where) in enumerate(rows):  # check everything before adding
            if stop is not None and stop():
                raise ValueError("import cancelled: nothing was added")
            try:
                if not 0 <= label <= 9:
                    raise ValueError(f"label {label} is not a digit 0-9")
                real = _inside(folder, path)
                if real not in decoded:  # fifty rows naming one picture decode it once
                    decoded[real] = _sample_image(real)
                parsed.append((decoded[real], label))
            except (TypeError, ValueError) as exc:
                raise ValueError(f"{where}: {exc}") from exc
            if progress is not None:
                progress(k + 1, len(rows))
        known = self._known()
        added = 0
        for image, label in parsed:
            key = imaging.to_uint8(image).tobytes()
            if key not in known:  # drawings this folder holds twice are both kept
                self.add_image(image, label)
                added += 1
        return added

    @staticmethod
    def _import_rows(folder: Path) -> list[tuple[Path, int, str]]:
        """(image, label, where it was named) for each sample of an import folder."""
        csv_path = folder / "labels.csv"
        if csv_path.exists() or csv_path.is_symlink():
            return _csv_rows(folder, csv_path)
        digit_dirs = [folder / str(d) for d in range(10) if (folder / str(d)).is_dir()]
        if not digit_dirs:
            raise ValueError(
                f"{folder} holds no samples to import. Expected either a labels.csv (columns "
                "file,label) beside the images, as Export writes it, or one folder per digit "
                "(0, 1, ... 9) holding that digit's images.")
        rows = []
        for d in digit_dirs:
            for p in sorted(d.iterdir()):
                if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file():
                    rows.append((p, int(d.name), str(p)))
                    if len(rows) > MAX_IMPORT:
                        raise ValueError(f"{folder} holds more than {MAX_IMPORT:,} images: import "
                                         "at most that many at a time")
        return rows


MAX_IMPORT = 20_000  # samples one import may bring (a person corrects a few hundred)
MAX_CSV = 8 * 2**20  # bytes of labels.csv read at most
MAX_SAMPLE_PIXELS = 12_000_000  # a picture bigger than a phone photo is not a sample


def _pressures_fit(pressures: object, strokes: list) -> bool:
    """No pressures at all, or for each stroke None or one number per point."""
    if not isinstance(pressures, list) or not pressures:
        return isinstance(pressures, list)
    return len(pressures) == len(strokes) and all(
        p is None or isinstance(p, list) and len(p) == len(s) and all(isinstance(v, (int, float)) for v in p)
        for p, s in zip(pressures, strokes, strict=True))


def _csv_rows(folder: Path, csv_path: Path) -> list[tuple[Path, int, str]]:
    """The rows of labels.csv: a regular file (not a FIFO, not /dev/zero), of bounded size and
    row count, with or without the byte-order mark Excel writes."""
    try:
        st = os.stat(csv_path)
        if not stat.S_ISREG(st.st_mode):
            raise ValueError(f"{csv_path} is not a regular file")
        if st.st_size > MAX_CSV:
            raise ValueError(f"{csv_path} is larger than {MAX_CSV // 2**20} MB")
        with open(csv_path, newline="", encoding="utf-8-sig", errors="replace") as f:
            rows = []
            for row in csv.DictReader(f):
                rows.append(row)
                if len(rows) > MAX_IMPORT:
                    raise ValueError(f"{csv_path} has more than {MAX_IMPORT:,} rows: import at "
                                     "most that many at a time")
    except OSError as exc:
        raise ValueError(f"cannot read {csv_path}: {exc.strerror or exc}") from exc
    except csv.Error as exc:
        raise ValueError(f"{csv_path} is not a CSV file ({exc})") from exc
    out = []
    for row in rows:
        try:
            out.append((folder / row["file"], int(row["label"]), f"{csv_path}: bad row {row}"))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{csv_path}: bad row {row}: expected the columns file,label") from exc
    return out


def _inside(folder: Path, path: Path) -> Path:
    """``path`` resolved, if it is a regular file inside ``folder``; else ValueError. A row such
    as ``../private/secret.png`` or ``/etc/passwd`` (or a link pointing out) is never read."""
    real, root = path.resolve(), folder.resolve()
    if not real.is_relative_to(root):
        raise ValueError(f"{path.name} is outside the folder being imported")
    if not real.is_file():
        raise ValueError(f"{path.name} is not a regular file")
    return real


def _sample_image(path: Path) -> np.ndarray:
    """A picture as a sample's 28x28 image; one larger than MAX_SAMPLE_PIXELS is refused from
    its header, before it is decoded."""
    try:
        with Image.open(path) as im:
            if im.width * im.height > MAX_SAMPLE_PIXELS:
                raise ValueError(f"{path.name} is {im.width}x{im.height}: too large for a sample")
    except (OSError, Image.DecompressionBombError) as exc:
        raise ValueError(f"{path.name}: not a readable image") from exc
    return imaging.image_to_mnist(path)
