"""Corrections: "this is what I meant". A typed digit (or a click on its bar) keeps the drawing
as a sample with that label; the panel says what was saved, and Ctrl+Z takes it back while the
drawing is still on the canvas."""

from __future__ import annotations


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class CorrectionsMixin:
    """The sample store and corrections, for :class:`MainWindow`."""

    _store = None
    _last_sample: tuple[str, object, int] | None = None  # (sample id, its canvas document, its digit)

    @property
    def store(self):
        """The user's sample store (opened on first use; damage found is reported once)."""
        if self._store is None:
            from desk_app.samples import SampleStore

            self._store = SampleStore(self.data_dir / "samples")
            if self._store.warnings:  # one message, however much is wrong
                self._fail("\n".join(self._store.warnings))
        return self._store

    def correct(self, digit: int) -> bool:
        """Keep the digit on show (the chosen one of a number) as a sample labelled ``digit``."""
        if self.reading is None:
            self.say("Draw a digit first, then type what it is.")
            return False
        group = self.reading.groups[self._selected]
        try:
            if group.indices:
                strokes = self.canvas.strokes
                size = self.canvas.size()
                sample = self.store.add([strokes[i] for i in group.indices], digit,
                                        (size.width(), size.height()), self.canvas.pen_width())
            else:  # an opened picture
                sample = self.store.add_image(group.image, digit)
        except (OSError, ValueError) as exc:
            self._fail(f"Could not keep the sample: {exc}")
            return False
        self._last_sample = (sample.id, self.canvas.document, self._selected)
        self.corrected[self._selected] = digit
        self._show_reading()  # the answer follows the correction
        n = len(self.reading.groups)
        which = f" digit {self._selected + 1} of {n}" if n > 1 else ""
        what = "your " + plural(len(self.store), "sample")
        self.panel.set_note(f"Saved{which} as {digit} ({what}). Ctrl+Z takes it back.")
        self.say(f"Kept{which or ' the drawing'} as a {digit}: {what}. Retrain with them: Ctrl+R.")
        return True

    def take_back_correction(self) -> bool:
        """Undo the last correction, if it is the last thing done: the sample is deleted."""
        if self._last_sample is None or self._last_sample[1] is not self.canvas.document:
            return False
        sample_id, _, group = self._last_sample
        self._last_sample = None
        try:
            self.store.delete(sample_id)
        except OSError as exc:
            self._fail(f"Could not remove the sample: {exc}")
            return False
        self.corrected.pop(group, None)
        if self.reading is not None:
            self._show_reading()
        self.panel.set_note("Sample removed.")
        self.say(f"Sample removed: your {plural(len(self.store), 'sample')} remain.")
        return True

    def show_samples(self) -> None:
        from desk_app.ui.samples_dialog import SamplesDialog

        self.open_dialog_box(SamplesDialog(self.store, self))
