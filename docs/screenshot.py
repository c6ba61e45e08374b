#!/usr/bin/env python
"""Refresh docs/screenshot.png: the real window, offscreen, with a real drawn digit read.

    QT_QPA_PLATFORM=offscreen python docs/screenshot.py   (or `make screenshot`)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

DIGITS = ROOT.parent / "shared" / "drawn-digits" / "unipen-1a-dev.npz"


def main(index: int = 24, out: Path = ROOT / "docs" / "screenshot.png") -> None:
    app = QApplication([])
    from desk_app.evaluation import Way, load_drawn_digits, place
    from desk_app.window import MainWindow

    w = MainWindow()
    w.resize(860, 560)
    w.show()
    app.processEvents()
    w.load_model()
    canvas = w.canvas
    strokes = place(load_drawn_digits(DIGITS).strokes[index], Way("", 0.6, False, 18),
                    canvas=(canvas.width(), canvas.height()))
    for s in strokes:
        pts = [QPoint(round(x), round(y)) for x, y in s]
        QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pts[0])
        for p in pts[1:]:
            QTest.mouseMove(canvas, p)
        QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pts[-1])
    app.processEvents()
    w.grab().save(str(out))
    print(f"wrote {out}: reads {w.panel.prediction.text()}")


if __name__ == "__main__":
    main()
