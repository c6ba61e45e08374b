"""Images in and out of the window: open, paste, drop, save. Each dialog starts in the folder
used last; a file that cannot be read leaves the canvas as it was and says why."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp);;All files (*)"


def array_to_qimage(a) -> QImage:
    """A uint8 (H, W), (H, W, 3) or (H, W, 4) array as a QImage, for showing a picture."""
    import numpy as np

    a = np.ascontiguousarray(a)
    if a.ndim == 2:
        return QImage(a.data, a.shape[1], a.shape[0], a.shape[1], QImage.Format.Format_Grayscale8).copy()
    if a.shape[2] == 3:
        return QImage(a.data, a.shape[1], a.shape[0], a.shape[1] * 3, QImage.Format.Format_RGB888).copy()
    return QImage(a.data, a.shape[1], a.shape[0], a.shape[1] * 4, QImage.Format.Format_RGBA8888).copy()


def qimage_to_array(img: QImage):
    import numpy as np

    img = img.convertToFormat(QImage.Format.Format_RGBA8888)
    a = np.frombuffer(img.constBits(), np.uint8, count=img.sizeInBytes()).reshape(
        img.height(), img.bytesPerLine())[:, : img.width() * 4]
    return a.reshape(img.height(), img.width(), 4).copy()


class FilesMixin:
    """Open, paste, drop and save, for :class:`MainWindow`."""

    def _folder(self, key: str) -> str:
        return str(self._settings.value(f"folders/{key}", "") or Path.home())

    def _remember_folder(self, key: str, path: str) -> None:
        self._settings.setValue(f"folders/{key}", str(Path(path).parent))

    def open_image(self, source) -> bool:
        """Show and read an image: a path or a QImage. On failure, say why and change nothing."""
        from desk_app import imaging

        try:
            if isinstance(source, QImage):
                if source.isNull():
                    raise ValueError("The clipboard image is empty.")
                array = qimage_to_array(source)
                shown = source
            else:
                array = imaging.load(source)  # upright, reduced when huge, in its colours
                shown = array_to_qimage(array)
            imaging.image_to_mnist(array)  # readable as a digit? fail before changing anything
        except ValueError as exc:
            self._fail(str(exc))
            return False
        self.last_error = None
        self.canvas.set_picture(shown)
        name = Path(source).name if not isinstance(source, QImage) else "the pasted image"
        self.say(f"Reading {name}. Draw to replace it, Ctrl+Z to undo.")
        return True

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open an image of a digit", self._folder("open"),
                                              IMAGE_FILTER)
        self.take_keyboard()
        if path:
            self._remember_folder("open", path)
            self.open_image(path)

    def paste(self) -> None:
        mime = QApplication.clipboard().mimeData()
        if mime is not None and mime.hasImage():
            self.open_image(QImage(mime.imageData()))
        elif mime is not None and mime.hasUrls() and mime.urls()[0].isLocalFile():
            self.open_image(mime.urls()[0].toLocalFile())
        else:
            self._fail("The clipboard holds no image.")

    def dragEnterEvent(self, event) -> None:
        mime = event.mimeData()
        if mime.hasImage() or (mime.hasUrls() and mime.urls()[0].isLocalFile()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        mime = event.mimeData()
        if mime.hasImage():
            self.open_image(QImage(mime.imageData()))
        elif mime.hasUrls():
            self.open_image(mime.urls()[0].toLocalFile())
        event.acceptProposedAction()

    def save_png(self, path: str | Path) -> bool:
        """Write the drawing as PNG atomically; on failure, say why."""
        if self.canvas.is_empty:
            self._fail("Nothing to save: the canvas is empty.")
            return False
        from desk_app import atomic

        path = Path(path)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.canvas.render_image().save(buffer, "PNG")
        buffer.close()
        try:
            atomic.write_bytes(path, bytes(data))
        except OSError as exc:
            self._fail(f"Could not save {path.name}: {exc.strerror or exc}.")
            return False
        self.say(f"Saved {path}")
        return True

    def save_dialog(self) -> None:
        start = str(Path(self._folder("save")) / "digit.png")
        path, _ = QFileDialog.getSaveFileName(self, "Save the drawing", start, "PNG images (*.png)")
        self.take_keyboard()
        if path:
            self._remember_folder("save", path)
            self.save_png(path if path.lower().endswith(".png") else path + ".png")
