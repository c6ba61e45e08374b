"""NumPy arrays to and from QImage: the one bridge between the core's images and Qt's. NumPy
is imported on first use, so that the window shows before it loads."""

from __future__ import annotations

from PySide6.QtGui import QImage


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
    """A QImage as a uint8 (H, W, 4) RGBA array (a copy), for reading a picture."""
    import numpy as np

    img = img.convertToFormat(QImage.Format.Format_RGBA8888)
    a = np.frombuffer(img.constBits(), np.uint8, count=img.sizeInBytes()).reshape(
        img.height(), img.bytesPerLine())[:, : img.width() * 4]
    return a.reshape(img.height(), img.width(), 4).copy()


def gray_to_qimage(gray) -> QImage:
    """A float (H, W) array in [0, 1] as a grey QImage (ink white, like MNIST)."""
    from desk_app.imaging import to_uint8

    return array_to_qimage(to_uint8(gray))
