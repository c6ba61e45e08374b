"""Driving the real window with synthetic mouse and key events (QTest), as a person would: for
the tests, the benchmarks and the screenshot script. Keys go where the keyboard sends them: to
the focused widget of the active window, through Qt's shortcut handling."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


def draw(canvas: QWidget, strokes: Iterable) -> None:
    """Press, move through each point and release, stroke by stroke (points in canvas pixels)."""
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for s in strokes:
        pts = [QPoint(round(float(x)), round(float(y))) for x, y in s]
        QTest.mousePress(canvas, left, none, pts[0])
        for p in pts[1:]:
            QTest.mouseMove(canvas, p)
        QTest.mouseRelease(canvas, left, none, pts[-1])


def pen_stroke(canvas: QWidget, points, pressure, eraser: bool = False) -> None:
    """A stroke of a tablet pen (or its eraser end), sent to the canvas as QTabletEvents, as a
    tablet sends them; ``pressure``: one for the stroke, or one per point."""
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QInputDevice, QPointingDevice, QTabletEvent

    kind = QPointingDevice.PointerType.Eraser if eraser else QPointingDevice.PointerType.Pen
    device = QPointingDevice("test pen", 7, QInputDevice.DeviceType.Stylus, kind,
                             QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 0)
    felt = list(pressure) if hasattr(pressure, "__len__") else [pressure] * len(points)
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    steps = [(QEvent.Type.TabletPress, points[0], felt[0], left, left)]
    steps += [(QEvent.Type.TabletMove, pt, p, none, left) for pt, p in zip(points[1:], felt[1:], strict=True)]
    steps += [(QEvent.Type.TabletRelease, points[-1], felt[-1], left, none)]
    for kind_, (x, y), p, button, buttons in steps:
        where = QPointF(float(x), float(y))
        event = QTabletEvent(kind_, device, where, QPointF(canvas.mapToGlobal(where)), float(p), 0.0, 0.0,
                             0.0, 0.0, 0.0, Qt.KeyboardModifier.NoModifier, button, buttons)
        QApplication.sendEvent(canvas, event)
        assert event.isAccepted()  # so Qt makes no mouse events of it as well


def press(window: QWidget, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> QWidget:
    """Type one key into ``window`` as the keyboard would: to its focused widget (shortcuts
    first). Returns the widget that received it."""
    top = window.window()
    if QApplication.activeWindow() is not top:
        top.activateWindow()
        if not QTest.qWaitForWindowActive(top, 1000):  # offscreen, a window may never be told
            top.windowHandle().requestActivate()
            QApplication.processEvents()
        if QApplication.activeWindow() is not top and hasattr(QApplication, "setActiveWindow"):
            QApplication.setActiveWindow(top)
    target = QApplication.focusWidget() if QApplication.activeWindow() is top else None
    target = target or top.focusWidget() or top
    QTest.keyClick(target, key, modifiers)
    return target
