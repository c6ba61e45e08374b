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
