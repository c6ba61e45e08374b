"""Drawing into the real canvas with synthetic mouse events (QTest), as a person would: for the
tests, the benchmarks and the screenshot script."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget


def draw(canvas: QWidget, strokes: Iterable) -> None:
    """Press, move through each point and release, stroke by stroke (points in canvas pixels)."""
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for s in strokes:
        pts = [QPoint(round(float(x)), round(float(y))) for x, y in s]
        QTest.mousePress(canvas, left, none, pts[0])
        for p in pts[1:]:
            QTest.mouseMove(canvas, p)
        QTest.mouseRelease(canvas, left, none, pts[-1])
