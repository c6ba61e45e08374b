"""The drawing surface. The strokes are the document; the picture is drawn from them.

Like Qt's Scribble example, the canvas owns an image of the finished strokes and paints the
stroke in progress onto it segment by segment, repainting only the changed rectangle, so the pen
never lags however long the drawing. Mouse and finger (touch is synthesised into mouse events)
draw with the pen's width; a tablet pen's ink follows its pressure (its tablet events are
handled, as in Qt's tablet example) and its eraser end erases. What is read is the same either
way: the drawing is normalised to MNIST's pen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPointingDevice,
    QTabletEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from desk_app.ui import theme
from desk_app.words import QT_TRANSLATE_NOOP

Points = list[tuple[float, float]]
UNDO_LIMIT = 100  # snapshots kept for undo
PEN_RANGE = (2, 60)  # pen widths offered, in logical pixels
HINT = QT_TRANSLATE_NOOP("Canvas", "Draw a digit here, or a whole number.\n"
                                   "Wrong answer? Type the right digit to teach it your handwriting.")
DRAW_TIP = QT_TRANSLATE_NOOP("Canvas", "Draw a digit with the mouse, a pen or a finger")


def _near(stroke, x: float, y: float, reach: float) -> bool:
    """Some segment of ``stroke`` passes within ``reach`` of (x, y)."""
    r2 = reach * reach
    for (x0, y0), (x1, y1) in zip(stroke, stroke[1:] or stroke, strict=False):
        dx, dy = x1 - x0, y1 - y0
        length2 = dx * dx + dy * dy
        t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / length2))
        if (x0 + t * dx - x) ** 2 + (y0 + t * dy - y) ** 2 <= r2:
            return True
    return False


def _visible_runs(stroke: Points, width: float, height: float) -> list[tuple[int, int]]:
    """The runs ``stroke[a:b]`` of a stroke's points that lie on a ``width`` x ``height`` canvas."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, (x, y) in enumerate(stroke):
        inside = 0.0 <= x < width and 0.0 <= y < height
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(stroke)))
    return runs


class Document:
    """An immutable snapshot of what is on the canvas: strokes (each with the pen width it was
    drawn with, and a pen's pressure at each point, or None for a mouse or a finger), or an
    opened picture."""

    __slots__ = ("image", "pressures", "strokes", "widths")

    def __init__(self, strokes: tuple[tuple[tuple[float, float], ...], ...] = (),
                 image: QImage | None = None, widths: tuple[float, ...] = (),
                 pressures: tuple[tuple[float, ...] | None, ...] | None = None) -> None:
        self.strokes = strokes
        self.widths = widths
        self.pressures = pressures if pressures is not None else (None,) * len(strokes)
        self.image = image

    @property
    def empty(self) -> bool:
        return not self.strokes and self.image is None


def pressed_width(width: float, pressure: float | None) -> float:
    """The ink's width under a pen's pressure (0-1): a light touch draws a quarter as wide as
    the pen; no pressure (a mouse, a finger) draws the pen's width. Reading ignores it: the
    drawing is normalised to MNIST's pen."""
    if pressure is None:
        return width
    return width * (0.25 + 0.75 * min(max(pressure, 0.0), 1.0))


class Canvas(QWidget):
    """A widget that records strokes drawn with the left button, pen or finger."""

    strokeStarted = Signal()
    strokeMoved = Signal()
    documentChanged = Signal()  # strokes or picture changed (drawn, cleared, undone, ...)
    groupClicked = Signal(int)  # right click (or Ctrl+click) inside a digit's box

    def __init__(self, parent: QWidget | None = None, pen_width: float = 18.0) -> None:
        super().__init__(parent)
        self.setObjectName("canvas")
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)  # never narrower than the panel beside it
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # typed digits and shortcuts come here
        self.setToolTip(self.tr(DRAW_TIP))
        self._doc = Document()
        self._undo: list[Document] = []
        self._redo: list[Document] = []
        self._current: Points | None = None
        self._pressure: list[float] | None = None  # the pen's pressure along the current stroke
        self._pen_width = float(pen_width)
        self._image = QImage()
        self._boxes: list[tuple[float, float, float, float]] = []  # digits' frames (set_boxes)
        self._selected = -1
        self._eraser = False
        self._erase_from: Document | None = None  # the document when an erasing drag began

    # -- document ------------------------------------------------------------------------------

    def _all_strokes(self) -> list[Points]:
        out = [list(s) for s in self._doc.strokes]
        if self._current:
            out.append(list(self._current))
        return out

    def _parts(self, every: list[Points]) -> list[tuple[int, int, int]]:
        """(stroke, a, b) for each visible run ``stroke[a:b]`` of the strokes ``every``."""
        w, h = self.width(), self.height()
        return [(k, a, b) for k, s in enumerate(every) for a, b in _visible_runs(s, w, h)]

    @property
    def strokes(self) -> list[Points]:
        """What is read: the finished strokes plus the one being drawn, in canvas pixels, cut
        to the visible canvas (ink left outside by a smaller window is not seen, so not read)."""
        every = self._all_strokes()
        return [every[k][a:b] for k, a, b in self._parts(every)]

    def ink(self, indices) -> tuple[list[Points], list[tuple[float, ...] | None]]:
        """The parts ``indices`` of ``strokes`` (one digit of a number, say), and a pen's
        pressure at each of their points (None for a mouse or a finger stroke)."""
        every = self._all_strokes()
        felt = list(self._doc.pressures) + [None if self._pressure is None else tuple(self._pressure)]
        parts = self._parts(every)
        chosen = [parts[i] for i in indices]
        return ([every[k][a:b] for k, a, b in chosen],
                [None if felt[k] is None else tuple(felt[k][a:b]) for k, a, b in chosen])

    def remove_parts(self, indices) -> bool:
        """Remove the drawn strokes that the parts ``indices`` of ``strokes`` belong to (one
        digit of a number, say), undoably; False when there was nothing to remove."""
        parts = self._parts(self._all_strokes())
        owners = {parts[i][0] for i in indices if 0 <= i < len(parts)} & set(range(len(self._doc.strokes)))
        return self._remove(owners, remember=True)

    def _remove(self, owners: set[int], remember: bool) -> bool:
        if not owners:
            return False
        keep = [k for k in range(len(self._doc.strokes)) if k not in owners]
        d = self._doc
        self._commit(Document(tuple(d.strokes[k] for k in keep), None, tuple(d.widths[k] for k in keep),
                              tuple(d.pressures[k] for k in keep)), remember)
        return True

    @property
    def erasing(self) -> bool:
        return self._eraser

    def set_eraser(self, on: bool) -> None:
        """The eraser: a drag removes each whole stroke it touches (one undo step a drag)."""
        self._eraser = bool(on)
        self.setCursor(Qt.CursorShape.PointingHandCursor if on else Qt.CursorShape.CrossCursor)
        self.setToolTip(self.tr("Erase: drag over the strokes to remove (E draws again)") if on
                        else self.tr(DRAW_TIP))

    def _erase_at(self, x: float, y: float) -> None:
        reach = max(8.0, self._pen_width / 2)
        self._remove({k for k, s in enumerate(self._doc.strokes)
                      if _near(s, x, y, reach + self._doc.widths[k] / 2)}, remember=False)

    @property
    def document(self) -> Document:
        """The current snapshot (a new object after every change)."""
        return self._doc

    @property
    def picture(self) -> QImage | None:
        """The opened image shown on the canvas, if any."""
        return self._doc.image

    @property
    def is_empty(self) -> bool:
        return self._doc.empty and not self._current

    @property
    def drawing(self) -> bool:
        return self._current is not None

    def pen_width(self) -> float:
        return self._pen_width

    def set_pen_width(self, width: float) -> None:
        """The pen for the next strokes; what is drawn keeps the width it was drawn with."""
        self._pen_width = float(width)

    def _remember(self, snapshot: Document | None = None) -> None:
        """Keep a snapshot (the current one by default) for undo, and forget what was undone;
        the oldest go when there are UNDO_LIMIT."""
        self._undo.append(self._doc if snapshot is None else snapshot)
        del self._undo[:-UNDO_LIMIT]
        self._redo.clear()

    def _commit(self, doc: Document, remember: bool = True) -> None:
        """Show ``doc``; ``remember=False`` for a step of an erasing drag (undone all at once)."""
        if remember:
            self._remember()
        self._doc = doc
        self._redraw()
        self.documentChanged.emit()

    def clear(self) -> None:
        """Empty the canvas (undoable); a stroke being drawn is dropped too."""
        drawing, self._current = self._current is not None, None
        if not self._doc.empty:
            self._commit(Document())
        elif drawing:
            self._redraw()
            self.documentChanged.emit()

    def set_picture(self, image: QImage) -> None:
        """Show an opened image instead of the strokes (undoable)."""
        self._current = None
        self._commit(Document((), image))

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> None:
        if self._undo and not self._current:
            self._redo.append(self._doc)
            self._doc = self._undo.pop()
            self._redraw()
            self.documentChanged.emit()

    def redo(self) -> None:
        if self._redo and not self._current:
            self._undo.append(self._doc)
            self._doc = self._redo.pop()
            self._redraw()
            self.documentChanged.emit()

    # -- rendering -----------------------------------------------------------------------------

    def ink_color(self) -> QColor:
        return theme.paper_and_ink(self.palette())[1]

    def paper_color(self) -> QColor:
        """The canvas's own paper, set apart from the window in light and dark palettes."""
        return theme.paper_and_ink(self.palette())[0]

    def _pen(self, width: float | None = None) -> QPen:
        return QPen(self.ink_color(), self._pen_width if width is None else width,
                    Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)

    def render_image(self, size: QSize | None = None, dpr: float = 1.0) -> QImage:
        """The drawing as an image: paper, then the picture or the strokes, in ink."""
        size = size or self.size()
        img = QImage(size * dpr, QImage.Format.Format_ARGB32_Premultiplied)
        img.setDevicePixelRatio(dpr)
        img.fill(self.paper_color())
        p = QPainter(img)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pic = self._doc.image
        if pic is not None and not pic.isNull():
            p.drawImage(self._picture_rect(size), pic)
        strokes = self._all_strokes()
        widths = list(self._doc.widths) + [self._pen_width] * (len(strokes) - len(self._doc.widths))
        pressures = list(self._doc.pressures) + [self._pressure] * (len(strokes) - len(self._doc.pressures))
        for s, w, pressure in zip(strokes, widths, pressures, strict=True):
            if pressure is None:
                p.setPen(self._pen(w))
                self._draw_stroke(p, s)
                continue
            for k in range(max(len(s) - 1, 1)):  # a pen's stroke: each segment its own width
                p.setPen(self._pen(pressed_width(w, pressure[min(k + 1, len(s) - 1)])))
                self._draw_stroke(p, s[k : k + 2])
        p.end()
        return img

    @staticmethod
    def _draw_stroke(p: QPainter, s: Points) -> None:
        if len(s) == 1:
            p.drawPoint(QPointF(*s[0]))
        else:
            p.drawPolyline([QPointF(x, y) for x, y in s])

    def _redraw(self) -> None:
        self._image = self.render_image(self.size(), self.devicePixelRatioF())
        self.update()

    def _draw_segment(self, a: tuple[float, float], b: tuple[float, float],
                      pressure: float | None = None) -> None:
        p = QPainter(self._image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(self._pen(pressed_width(self._pen_width, pressure)))
        if a == b:
            p.drawPoint(QPointF(*a))
        else:
            p.drawLine(QPointF(*a), QPointF(*b))
        p.end()
        r = self._pen_width / 2 + 2
        self.update(QRectF(min(a[0], b[0]) - r, min(a[1], b[1]) - r,
                           abs(a[0] - b[0]) + 2 * r, abs(a[1] - b[1]) + 2 * r).toAlignedRect())

    # -- events --------------------------------------------------------------------------------

    def _picture_rect(self, size: QSize | None = None) -> QRectF:
        """Where the opened picture is shown on a canvas of ``size`` (this one's by default): as
        large as fits, centred."""
        pic, size = self._doc.image, size or self.size()
        scaled = pic.size().scaled(size, Qt.AspectRatioMode.KeepAspectRatio)
        return QRectF((size.width() - scaled.width()) / 2, (size.height() - scaled.height()) / 2,
                      scaled.width(), scaled.height())

    def _from_picture(self, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """A box in the opened picture's pixels as a box on the canvas, at its size now."""
        r = self._picture_rect()
        s = r.width() / max(self._doc.image.width(), 1)
        x0, y0, x1, y1 = box
        return r.x() + x0 * s, r.y() + y0 * s, r.x() + x1 * s, r.y() + y1 * s

    def set_boxes(self, boxes: list[tuple[float, float, float, float]], selected: int = -1) -> None:
        """Frame each digit of a number (x0, y0, x1, y1 of its strokes, or, when a picture is
        open, in the picture's pixels: the frames follow the picture as the canvas resizes);
        highlight one."""
        self._boxes = list(boxes)
        self._selected = selected
        self.update()

    def box_rects(self) -> list[QRectF]:
        """The digits' frames on the canvas as it is now."""
        if self._doc.image is not None:
            return [QRectF(x0 - 4, y0 - 4, x1 - x0 + 8, y1 - y0 + 8)
                    for x0, y0, x1, y1 in map(self._from_picture, self._boxes)]
        pad = self._pen_width / 2 + 6
        return [QRectF(x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad)
                for x0, y0, x1, y1 in self._boxes]

    def sizeHint(self) -> QSize:
        return QSize(760, 320)  # room for a number of six digits

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._image.devicePixelRatio() != self.devicePixelRatioF():
            self._image = self.render_image(self.size(), self.devicePixelRatioF())  # another screen
        p = QPainter(self)
        # The image holds device pixels: its source rectangle is the logical one times its ratio.
        dpr = self._image.devicePixelRatio()
        r = QRectF(event.rect())
        p.drawImage(r, self._image, QRectF(r.x() * dpr, r.y() * dpr, r.width() * dpr, r.height() * dpr))
        if self._boxes:
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            for i, box in enumerate(self.box_rects()):
                role = QPalette.ColorRole.Highlight if i == self._selected else QPalette.ColorRole.Mid
                p.setPen(QPen(self.palette().color(role), 2 if i == self._selected else 1,
                              Qt.PenStyle.DashLine))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRoundedRect(box, 6, 6)
        if self.is_empty:
            p.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr(HINT))
        border = self.palette().color(QPalette.ColorRole.Highlight if self.hasFocus()
                                      else QPalette.ColorRole.Mid)
        p.setPen(QPen(border, 1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))

    def focusInEvent(self, event) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.update()
        super().focusOutEvent(event)

    def _inside(self, event: QMouseEvent) -> tuple[float, float]:
        """The pointer's position, kept on the canvas: ink dragged outside stops at the edge."""
        x = min(max(event.position().x(), 0.0), float(self.width() - 1))
        y = min(max(event.position().y(), 0.0), float(self.height() - 1))
        return x, y

    def resizeEvent(self, event) -> None:
        self._redraw()
        super().resizeEvent(event)

    def changeEvent(self, event) -> None:
        if event.type() in (event.Type.PaletteChange, event.Type.StyleChange,
                            event.Type.DevicePixelRatioChange):
            self._redraw()  # follow the system's light or dark palette
        super().changeEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        picking = event.button() == Qt.MouseButton.RightButton or (
            event.button() == Qt.MouseButton.LeftButton
            and (event.modifiers() & Qt.KeyboardModifier.ControlModifier
                 or self._doc.image is not None
                 and any(b.contains(event.position()) for b in self.box_rects())))
        if picking and self._current is None:
            for i, box in enumerate(self.box_rects()):
                if box.contains(event.position()):
                    self.groupClicked.emit(i)
            return
        if event.button() != Qt.MouseButton.LeftButton or self._current is not None:
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._begin(self._inside(event))

    def _begin(self, pt: tuple[float, float], pressure: float | None = None, erase: bool = False) -> None:
        """A press: a new stroke starts (or, with the eraser, an erasing drag)."""
        if self._eraser or erase:
            self._erase_from = self._doc
            self._erase_at(*pt)
            return
        if self._doc.image is not None:  # drawing replaces an opened picture
            self._commit(Document())
        self._current = [pt]
        self._pressure = None if pressure is None else [pressure]
        if self._boxes:  # the frames are redrawn when the number is read again
            self._boxes = []
            self.update()
        self._draw_segment(pt, pt, pressure)
        self.strokeStarted.emit()

    def _extend(self, pt: tuple[float, float], pressure: float | None = None) -> None:
        if self._erase_from is not None:
            self._erase_at(*pt)
            return
        if self._current is None or pt == self._current[-1]:
            return
        self._draw_segment(self._current[-1], pt, pressure)
        self._current.append(pt)
        if self._pressure is not None:
            self._pressure.append(1.0 if pressure is None else pressure)
        self.strokeMoved.emit()

    def _end(self) -> None:
        if self._erase_from is not None:
            before, self._erase_from = self._erase_from, None
            if before is not self._doc:  # the whole drag is one undo step
                self._remember(before)
                self.documentChanged.emit()
            return
        if self._current is None:
            return
        stroke, self._current = tuple(self._current), None
        pressure, self._pressure = (None if self._pressure is None else tuple(self._pressure)), None
        self._remember()
        d = self._doc
        self._doc = Document(d.strokes + (stroke,), None, d.widths + (self._pen_width,),
                             d.pressures + (pressure,))
        self.documentChanged.emit()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(self._inside(event))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:
        """A pen, as Qt's tablet example handles it: the width follows the pressure, the eraser
        end erases whole strokes. Accepted, so Qt makes no mouse events of it as well."""
        event.accept()
        pt, pressure = self._inside(event), float(event.pressure())
        kind = event.type()
        if kind == QEvent.Type.TabletPress and self._current is None:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self._begin(pt, pressure, erase=event.pointerType() == QPointingDevice.PointerType.Eraser)
        elif kind == QEvent.Type.TabletMove and event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(pt, pressure)
        elif kind == QEvent.Type.TabletRelease:
            self._end()
