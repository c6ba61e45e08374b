"""A small dialog over the user's sample store: thumbnails, delete, export, import."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
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


def _thumbnail(image) -> QIcon:
    import numpy as np

    a = np.ascontiguousarray(255 - image)  # dark ink on light paper, like the canvas
    img = QImage(a.data, 28, 28, 28, QImage.Format.Format_Grayscale8).copy()
    return QIcon(QPixmap.fromImage(img).scaled(56, 56))


class SamplesDialog(QDialog):
    """Lists the samples as thumbnails with their labels; Delete removes the selected ones."""

    def __init__(self, store: SampleStore, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("My samples")
        self.store = store
        self.list = QListWidget(self)
        self.list.setObjectName("samples")
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(QSize(56, 56))
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.count = QLabel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        for text, slot, tip in (("Delete", self.delete_selected, "Delete the selected samples (Del)"),
                                ("Export…", self.export_dialog, "Write the samples as PNGs and labels.csv"),
                                ("Import…", self.import_dialog, "Add samples exported before")):
            b = QPushButton(text, self)
            b.setToolTip(tip)
            b.clicked.connect(slot)
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(520, 420)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for s in self.store.samples():
            item = QListWidgetItem(_thumbnail(s.image), str(s.label))
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setToolTip(f"A {s.label}")
            self.list.addItem(item)
        self.count.setText(f"{len(self.store)} samples in {self.store.folder}")

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Delete:
            self.delete_selected()
        else:
            super().keyPressEvent(event)

    def delete_selected(self) -> None:
        for item in self.list.selectedItems():
            self.store.delete(item.data(Qt.ItemDataRole.UserRole))
        self.refresh()

    def export_to(self, folder: str) -> int:
        return self.store.export(folder)

    def export_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Export samples to")
        if folder:
            n = self.export_to(folder)
            self.count.setText(f"Exported {n} samples to {folder}")

    def import_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import samples from")
        if not folder:
            return
        try:
            n = self.store.import_folder(folder)
        except ValueError as exc:
            QMessageBox.warning(self, "Import samples", str(exc))
            return
        self.refresh()
        self.count.setText(f"Imported {n} samples; {len(self.store)} in all")
