"""Corrections: "this is what I meant". A typed digit (or a click on its bar) keeps the image the
digit was read from, with its strokes, as a sample with that label; Ctrl+Z takes the last one
back while its drawing is still on the canvas. The window says what happened."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    import numpy as np


class Corrections:
    """The user's sample store (opened on first use) and the last correction, to take back."""

    def __init__(self, folder: Path, fail: Callable[[str], None]) -> None:
        self._folder, self._fail = folder, fail
        self._store = None
        self._last: tuple[str, object, int] | None = None  # (sample id, its canvas document, digit index)

    @property
    def store(self):
        """The sample store (damage found is reported once, however much is wrong)."""
        if self._store is None:
            from desk_app.samples import SampleStore

            self._store = SampleStore(self._folder)
            if self._store.warnings:
                self._fail("\n".join(self._store.warnings))
        return self._store

    @property
    def pending(self) -> bool:
        """A correction that Ctrl+Z can take back."""
        return self._last is not None

    def keep(self, image: np.ndarray, digit: int, strokes: Sequence[np.ndarray],
             pressures: Sequence[Sequence[float] | None], document, index: int) -> bool:
        """Keep ``image`` (what the network read) and its strokes, with a pen's pressures, as a
        sample of ``digit``; ``document`` and ``index`` say which drawing and which of its
        digits, for taking back."""
        try:
            sample = self.store.add_image(image, digit, strokes, pressures)
        except (OSError, ValueError) as exc:
            self._fail(QCoreApplication.translate("Corrections", "Could not keep the sample: {why}")
                       .format(why=exc))
            return False
        self._last = (sample.id, document, index)
        return True

    def take_back(self, document) -> int | None:
        """Delete the last sample kept, while ``document`` is still the one it came from; the
        index of its digit, or None when there is nothing to take back."""
        if self._last is None or self._last[1] is not document:
            return None
        sample_id, _, index = self._last
        self._last = None
        try:
            self.store.delete(sample_id)
        except OSError as exc:
            self._fail(QCoreApplication.translate("Corrections", "Could not remove the sample: {why}")
                       .format(why=exc))
            return None
        return index
