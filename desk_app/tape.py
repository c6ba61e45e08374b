"""The tape: answers collected one after another (View > Tape in the window), kept across
restarts, copied as text or saved as CSV. NumPy only.

Each entry keeps what each of its digits was read from (the 28x28 image and the strokes), so
that a correction typed over an entry later, even after a restart, still keeps samples as a
correction on the canvas does. The file (``tape.json`` in the app's data folder) is written
atomically; a damaged one is set aside (``tape.json.damaged``) rather than lost or overwritten.
"""

from __future__ import annotations

import base64
import binascii
import csv
import io
import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from desk_app import atomic

MAX_ENTRIES = 10_000  # the oldest go first beyond this: the file stays small enough to rewrite
PIECES_KEPT = 500  # entries that keep their digits' images and strokes (corrections keep samples)


@dataclass
class Piece:
    """One digit of an entry: what it was read from, so that a correction can keep it."""

    image: np.ndarray  # uint8 (28, 28), ink 255
    strokes: list[list[list[float]]] = field(default_factory=list)


@dataclass
class Entry:
    text: str  # "2026"; "?" stands for a piece that is not a digit
    confidence: float  # the least sure digit's confidence; 1.0 once the user corrected it
    time: float  # when it was read (seconds since the epoch)
    pieces: list[Piece] = field(default_factory=list)
    corrected: bool = False

    def when(self) -> str:
        """The local time of day, as the tape shows it."""
        return time.strftime("%H:%M:%S", time.localtime(self.time))


def entry(chars: Sequence[str], confidence: float, images: Sequence[np.ndarray],
          strokes: Sequence[Sequence] = (), at: float | None = None) -> Entry:
    """An entry for a reading: its characters, confidence, and each digit's image and strokes."""
    strokes = list(strokes) or [[] for _ in images]
    pieces = [Piece(np.asarray(img, np.uint8).reshape(28, 28),
                    [np.asarray(s, float).round(1).tolist() for s in ss])
              for img, ss in zip(images, strokes, strict=True)]
    return Entry("".join(chars), float(confidence), time.time() if at is None else at, pieces)


def correction(old: Entry, typed: str) -> list[tuple[int, int]]:
    """The samples a correction keeps: (digit position, digit typed) wherever a typed digit
    replaces another. Nothing when the lengths differ (which digit was meant is unknown)."""
    if len(typed) != len(old.text) or len(old.pieces) != len(old.text):
        return []
    return [(i, int(c)) for i, (c, was) in enumerate(zip(typed, old.text, strict=True))
            if c.isdigit() and c != was]


def valid_text(typed: str) -> bool:
    """A correction is a number: digits only (and "?" where a piece is no digit)."""
    return bool(typed) and all(c.isdigit() or c == "?" for c in typed) and any(c.isdigit() for c in typed)


def as_text(entries: Sequence[Entry]) -> str:
    """The tape as the clipboard gets it: one number a line."""
    return "".join(e.text + "\n" for e in entries)


def as_csv(entries: Sequence[Entry]) -> str:
    """text, confidence, time (ISO 8601, local with its offset): a spreadsheet reads it."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["text", "confidence", "time"])
    for e in entries:
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(e.time))
        w.writerow([e.text, f"{e.confidence:.4f}", stamp])
    return out.getvalue()


def save_csv(path: str | Path, entries: Sequence[Entry]) -> None:
    atomic.write_bytes(path, as_csv(entries).encode("utf-8"))


def _piece_json(p: Piece) -> dict:
    return {"image": base64.b64encode(np.ascontiguousarray(p.image, np.uint8).tobytes()).decode(),
            "strokes": p.strokes}


def save(path: str | Path, entries: Sequence[Entry]) -> None:
    """Write the tape atomically: the newest MAX_ENTRIES, and the images and strokes of the
    newest PIECES_KEPT only (the whole file is rewritten at every answer: it stays a few MB)."""
    kept = list(entries)[-MAX_ENTRIES:]
    rows = [{"text": e.text, "confidence": round(e.confidence, 4), "time": e.time,
             "corrected": e.corrected,
             "pieces": [_piece_json(p) for p in e.pieces] if k >= len(kept) - PIECES_KEPT else []}
            for k, e in enumerate(kept)]
    atomic.write_bytes(path, json.dumps({"tape": 1, "entries": rows}).encode())


def _entry_of(row: object) -> Entry:
    if not isinstance(row, dict):
        raise ValueError("an entry is not an object")
    text, conf, at = row["text"], float(row["confidence"]), float(row["time"])
    if not isinstance(text, str) or not valid_text(text) or not 0.0 <= conf <= 1.0:
        raise ValueError(f"a bad entry: {text!r}")
    pieces = []
    for p in row.get("pieces", []):
        image = np.frombuffer(base64.b64decode(p["image"], validate=True), np.uint8)
        if image.size != 28 * 28 or not isinstance(p.get("strokes", []), list):
            raise ValueError("a bad digit image")
        pieces.append(Piece(image.reshape(28, 28).copy(), p.get("strokes", [])))
    return Entry(text, conf, at, pieces, bool(row.get("corrected", False)))


def load(path: str | Path) -> tuple[list[Entry], str | None]:
    """The tape saved at ``path`` (empty when there is none), and what was wrong with the file,
    if anything: a damaged file is moved to ``<name>.damaged`` (nothing is lost) and the tape
    starts empty."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [], None
    except OSError as exc:
        return [], f"Could not read the tape ({path}): {exc.strerror or exc}."
    try:
        doc = json.loads(data)
        if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
            raise ValueError("not a tape file")
        return [_entry_of(row) for row in doc["entries"]], None
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        aside = path.with_name(path.name + ".damaged")
        try:
            os.replace(path, aside)
        except OSError:
            aside = path
        return [], f"The tape file was damaged ({exc}); it is kept as {aside} and the tape starts empty."
