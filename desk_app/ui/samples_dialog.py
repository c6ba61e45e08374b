"""A small dialog over the user's sample store: thumbnails, relabel, delete (undoable),
export, import (samples already kept are skipped)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from desk_app.samples import SampleStore
from desk_app.ui.corrections import plural


def _thumbnail(image) -> QIcon:
    import numpy as np

    a = np.ascontiguousarray(255 - image)  # dark ink on light paper, like the canvas
    img = QImage(a.data, 28, 28, 28, QImage.Format.Format_Grayscale8).copy()
    return QIcon(QPixmap.fromImage(img).scaled(56, 56))


class SamplesDialog(QDialog):
    """Lists the samples as thumbnails with their labels. Delete removes the selected ones
    (Ctrl+Z brings them back); typing a digit relabels them."""

    def __init__(self, store: SampleStore, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("My samples")
        self.store = store
        self._deleted: list = []  # the last deletion, for undo
        self.list = QListWidget(self)
        self.list.setObjectName("samples")
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(QSize(56, 56))
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.count = QLabel(self)
        self.count.setWordWrap(True)
        hint = QLabel("Select samples, then type a digit to relabel them, or press Delete "
                      "(Ctrl+Z brings them back).", self)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.undo_button = QPushButton("Undo delete", self)
        for b, slot, tip in (
                (QPushButton("Delete", self), self.delete_selected, "Delete the selected samples (Del)"),
                (self.undo_button, self.undo_delete, "Bring back the samples just deleted (Ctrl+Z)"),
                (QPushButton("Export…", self), self.export_dialog, "Write them as PNGs and labels.csv"),
                (QPushButton("Import…", self), self.import_dialog, "Add samples exported before")):
            b.setToolTip(tip)
            b.clicked.connect(slot)
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        QShortcut(QKeySequence.StandardKey.Delete, self, self.delete_selected)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo_delete)
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
            item = QListWidgetItem(_thumbnail(s.image), str(s.label))
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setToolTip(f"A {s.label}: type another digit to relabel it")
            self.list.addItem(item)
        self.count.setText(message or f"{plural(len(self.store), 'sample')} in {self.store.folder}")
        self.undo_button.setEnabled(bool(self._deleted))

    def _selected_ids(self) -> list[str]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self.list.selectedItems()]

    def delete_selected(self) -> None:
        by_id = {s.id: s for s in self.store.samples()}
        chosen = [by_id[i] for i in self._selected_ids() if i in by_id]
        if not chosen:
            return
        try:
            for s in chosen:
                self.store.delete(s.id)
        except OSError as exc:
            QMessageBox.warning(self, "My samples", f"Could not delete: {exc}")
        self._deleted = chosen
        self.refresh(f"Deleted {plural(len(chosen), 'sample')}. Ctrl+Z brings them back.")

    def undo_delete(self) -> None:
        if not self._deleted:
            return
        try:
            for s in self._deleted:
                self.store.restore(s)
        except OSError as exc:
            QMessageBox.warning(self, "My samples", f"Could not restore: {exc}")
        n, self._deleted = len(self._deleted), []
        self.refresh(f"Brought back {plural(n, 'sample')}.")

    def relabel_selected(self, digit: int) -> None:
        ids = self._selected_ids()
        if not ids:
            return
        try:
            for i in ids:
                self.store.relabel(i, digit)
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, "My samples", f"Could not relabel: {exc}")
        self.refresh(f"Relabelled {plural(len(ids), 'sample')} as {digit}.")

    def export_to(self, folder: str) -> int:
        return self.store.export(folder)

    def export_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Export samples to")
        if not folder:
            return
        try:
            n = self.export_to(folder)
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, "Export samples", f"Could not export: {exc}")
            return
        self.count.setText(f"Exported {plural(n, 'sample')} to {folder}")

    def import_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import samples from")
        if not folder:
            return
        before = len(self.store)
        try:
            n = self.store.import_folder(folder)
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, "Import samples", str(exc))
            return
        self.refresh(f"Imported {plural(n, 'new sample')} (those already here are skipped); "
                     f"{len(self.store)} in all, {before} before.")
