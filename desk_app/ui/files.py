"""Images in and out of the window: open, paste, drop, save. Each dialog starts in the folder
used last; a file that cannot be read leaves the canvas as it was and says why."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMimeData, QSettings
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from desk_app.ui.images import array_to_qimage, qimage_to_array

translate = QCoreApplication.translate
IMAGE_PATTERNS = "(*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp)"


class Files:
    """Open, paste, drop and save: pictures into the canvas, the drawing out as PNG. Made by the
    window, which hands it the canvas, its settings (the folders used last) and how to speak."""

    def __init__(self, parent: QWidget, canvas, settings: QSettings, say: Callable[[str], None],
                 fail: Callable[[str], None], after_dialog: Callable[[], None]) -> None:
        self._parent, self._canvas, self._settings = parent, canvas, settings
        self._say, self._fail, self._after_dialog = say, fail, after_dialog

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
                    raise ValueError(translate("Files", "The clipboard image is empty."))
                array = qimage_to_array(source)
                shown = source
            else:
                array = imaging.load(source)  # upright, reduced when huge, in its colours
                shown = array_to_qimage(array)
            imaging.image_to_mnist(array)  # readable as a digit? fail before changing anything
        except ValueError as exc:
            self._fail(str(exc))
            return False
        self._canvas.set_picture(shown)
        if isinstance(source, QImage):
            self._say(translate("Files", "Reading the pasted image. Draw to replace it, Ctrl+Z to undo."))
        else:
            self._say(translate("Files", "Reading {name}. Draw to replace it, Ctrl+Z to undo.")
                      .format(name=Path(source).name))
        return True

    def open_dialog(self) -> None:
        kinds = translate("Files", "Images {patterns};;All files (*)").format(patterns=IMAGE_PATTERNS)
        path, _ = QFileDialog.getOpenFileName(self._parent, translate("Files", "Open an image of a digit"),
                                              self._folder("open"), kinds)
        self._after_dialog()
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
            self._fail(translate("Files", "The clipboard holds no image."))

    @staticmethod
    def accepts(mime: QMimeData) -> bool:
        """A drag that can be dropped: an image, or a local file (read when dropped)."""
        return mime.hasImage() or (mime.hasUrls() and mime.urls()[0].isLocalFile())

    def drop(self, mime: QMimeData) -> None:
        if mime.hasImage():
            self.open_image(QImage(mime.imageData()))
        elif mime.hasUrls():
            self.open_image(mime.urls()[0].toLocalFile())

    def save_png(self, path: str | Path) -> bool:
        """Write the drawing as PNG atomically; on failure, say why."""
        if self._canvas.is_empty:
            self._fail(translate("Files", "Nothing to save: the canvas is empty."))
            return False
        from desk_app import atomic

        path = Path(path)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self._canvas.render_image().save(buffer, "PNG")
        buffer.close()
        try:
            atomic.write_bytes(path, bytes(data))
        except OSError as exc:
            self._fail(translate("Files", "Could not save {name}: {why}.")
                       .format(name=path.name, why=exc.strerror or exc))
            return False
        self._say(translate("Files", "Saved {path}").format(path=path))
        return True

    def save_dialog(self) -> None:
        start = str(Path(self._folder("save")) / "digit.png")
        path, _ = QFileDialog.getSaveFileName(self._parent, translate("Files", "Save the drawing"), start,
                                              translate("Files", "PNG images (*.png)"))
        self._after_dialog()
        if path:
            self._remember_folder("save", path)
            self.save_png(path if path.lower().endswith(".png") else path + ".png")
