"""A small dialog over the user's sample store: thumbnails in the canvas's colours, relabel,
delete, undo of either, export, import (samples already kept are skipped)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, QStandardPaths, Qt, QThread, Signal
from PySide6.QtGui import QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
)

from desk_app.samples import Sample, SampleStore
from desk_app.ui import theme
from desk_app.ui.images import array_to_qimage


def _thumbnail(image, palette) -> QIcon:
    """The sample as the canvas shows a drawing: its ink on its paper, light or dark."""
    import numpy as np

    paper, ink = theme.paper_and_ink(palette)
    a = (image.astype(np.float32) / 255.0)[..., None]
    rgb = np.array([paper.red(), paper.green(), paper.blue()], np.float32) * (1 - a) + \
        np.array([ink.red(), ink.green(), ink.blue()], np.float32) * a
    img = array_to_qimage(rgb.round().astype(np.uint8))
    return QIcon(QPixmap.fromImage(img).scaled(56, 56))


def start_folder() -> str:
    """Where Export and Import begin: the user's Pictures, else Documents, else home."""
    for where in (QStandardPaths.StandardLocation.PicturesLocation,
                  QStandardPaths.StandardLocation.DocumentsLocation):
        folder = QStandardPaths.writableLocation(where)
        if folder and Path(folder).is_dir():
            return folder
    return str(Path.home())


class SamplesDialog(QDialog):
    """Lists the samples as thumbnails with their labels. Delete removes the selected ones;
    typing a digit relabels them; Ctrl+Z takes back either."""

    def __init__(self, store: SampleStore, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("My samples"))
        self.store = store
        # What Ctrl+Z takes back: ("delete", samples) or ("relabel", [(id, old label), ...]).
        self._undo: list[tuple[str, list]] = []
        self._importer: ImportThread | None = None  # an import running in its own thread
        self.list = QListWidget(self)
        self.list.setObjectName("samples")
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(QSize(56, 56))
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.count = QLabel(self)
        self.count.setWordWrap(True)
        hint = QLabel(self.tr("Select samples, then type a digit to relabel them, or press Delete. "
                              "Ctrl+Z takes either back."), self)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.undo_button = QPushButton(self.tr("Undo"), self)
        for b, slot, tip in (
                (QPushButton(self.tr("Delete"), self), self.delete_selected,
                 self.tr("Delete the selected samples (Del)")),
                (self.undo_button, self.undo, self.tr("Take back the last delete or relabel (Ctrl+Z)")),
                (QPushButton(self.tr("Export…"), self), self.export_dialog,
                 self.tr("Write them as PNGs and labels.csv")),
                (QPushButton(self.tr("Import…"), self), self.import_dialog,
                 self.tr("Add samples: a folder with labels.csv, or with one folder per digit (0-9)"))):
            b.setToolTip(tip)
            b.setAutoDefault(False)  # Enter never deletes or exports by surprise
            b.clicked.connect(slot)
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        QShortcut(QKeySequence.StandardKey.Delete, self, self.delete_selected)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo)
        for d in range(10):
            QShortcut(QKeySequence(str(d)), self, lambda d=d: self.relabel_selected(d))
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.list)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(560, 440)
        self.refresh()

    def refresh(self, message: str = "") -> None:
        self.list.clear()
        for s in self.store.samples():
            item = QListWidgetItem(_thumbnail(s.image, self.palette()), str(s.label))
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setToolTip(self.tr("A {digit}: type another digit to relabel it").format(digit=s.label))
            self.list.addItem(item)
        self.count.setText(message or self.tr("%n sample(s) in {folder}", "", len(self.store))
                           .format(folder=self.store.folder))
        self.undo_button.setEnabled(bool(self._undo))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self.refresh(self.count.text())  # thumbnails follow the theme

    def _selected(self) -> list[Sample]:
        by_id = {s.id: s for s in self.store.samples()}
        ids = [item.data(Qt.ItemDataRole.UserRole) for item in self.list.selectedItems()]
        return [by_id[i] for i in ids if i in by_id]

    def delete_selected(self) -> None:
        chosen = self._selected()
        if not chosen:
            return
        done = []
        try:
            for s in chosen:
                self.store.delete(s.id)
                done.append(s)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("My samples"),
                                self.tr("Could not delete: {why}").format(why=exc))
        self._undo = [("delete", done)]
        self.refresh(self.tr("Deleted %n sample(s). Ctrl+Z brings them back.", "", len(done)))

    def relabel_selected(self, digit: int) -> None:
        chosen = self._selected()
        if not chosen:
            return
        done = []
        try:
            for s in chosen:
                self.store.relabel(s.id, digit)
                done.append((s.id, s.label))
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, self.tr("My samples"),
                                self.tr("Could not relabel: {why}").format(why=exc))
        self._undo = [("relabel", done)]
        self.refresh(self.tr("Relabelled %n sample(s) as {digit}. Ctrl+Z takes it back.", "", len(done))
                     .format(digit=digit))

    def undo(self) -> None:
        """Take back the last delete (the samples come back) or relabel (the old labels)."""
        if not self._undo:
            return
        kind, items = self._undo.pop()
        try:
            for item in items:
                if kind == "delete":
                    self.store.restore(item)
                else:
                    self.store.relabel(*item)
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, self.tr("My samples"),
                                self.tr("Could not undo: {why}").format(why=exc))
        if kind == "delete":
            self.refresh(self.tr("Brought back %n sample(s).", "", len(items)))
        else:
            self.refresh(self.tr("Put back the labels of %n sample(s).", "", len(items)))

    def export_dialog(self) -> None:
        start = str(Path(start_folder()) / "desk-app samples")
        folder, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export samples into a new or existing folder"), start, self.tr("Folders (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if not folder:
            return
        try:
            n = self.store.export(folder)
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, self.tr("Export samples"),
                                self.tr("Could not export: {why}").format(why=exc))
            return
        self.count.setText(self.tr("Exported %n sample(s) to {folder}", "", n).format(folder=folder))

    def import_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import samples from"), start_folder())
        if folder:
            self.import_from(folder)

    def import_from(self, folder: str) -> None:
        """Import in a thread of its own, with a progress bar and Cancel: a big folder never
        freezes the window."""
        self._progress = QProgressDialog(self.tr("Importing samples…"), self.tr("Cancel"), 0, 100, self)
        self._progress.setWindowTitle(self.tr("Import samples"))
        self._progress.setMinimumDuration(300)
        self._importer = ImportThread(self.store, folder, self)
        self._importer.progressed.connect(self._progress.setValue)
        self._progress.canceled.connect(self._importer.request_stop)
        self._importer.done.connect(self._imported)
        self._before = len(self.store)
        self._importer.start()

    def _imported(self, added: int, error: str) -> None:
        self._progress.reset()
        self._progress.deleteLater()
        self._importer.wait()
        self._importer.deleteLater()
        self._importer = None
        if added < 0:
            self.refresh(self.tr("Import cancelled: nothing was added."))
            return
        if error:
            QMessageBox.warning(self, self.tr("Import samples"), error)
            self.refresh()
            return
        said = self.tr("Imported %n new sample(s) (those already here are skipped); {total} in all, "
                       "{before} before.", "", added)
        self.refresh(said.format(total=len(self.store), before=self._before))

    @property
    def importing(self) -> bool:
        return self._importer is not None


class ImportThread(QThread):
    """``SampleStore.import_folder`` off the window's thread: progress in percent, a stop that
    adds nothing, and the outcome: how many were added (-1 when cancelled), or what went wrong."""

    progressed = Signal(int)
    done = Signal(int, str)

    def __init__(self, store: SampleStore, folder: str, parent=None) -> None:
        super().__init__(parent)
        self.store, self.folder, self._stop = store, folder, False

    def request_stop(self) -> None:
        self._stop = True

    def run(self) -> None:
        try:
            added = self.store.import_folder(
                self.folder, progress=lambda k, n: self.progressed.emit(int(100 * k / max(n, 1))),
                stop=lambda: self._stop)
        except (OSError, ValueError) as exc:
            self.done.emit(-1 if self._stop else 0, str(exc))  # -1: cancelled
            return
        self.done.emit(added, "")
