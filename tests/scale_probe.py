"""Run in a fresh process under a given QT_SCALE_FACTOR (tests/test_scale.py): draw a stroke
through the real window with QTest, grab the canvas as the screen shows it, and save it."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QSize
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desk_app.window import MainWindow
from tests.drive import draw

PATH = [(40.0 + 12 * k, 60.0 + (70.0 if k % 2 else 0.0) + 2 * k) for k in range(20)]


def main(out: str, mode: str) -> None:
    app = QApplication(sys.argv[:1])
    w = MainWindow()
    w.resize(1000, 560)
    w.show()
    QTest.qWaitForWindowExposed(w)
    w.load_model()
    if mode == "other-screen":  # the image was drawn for a screen of another ratio
        w.canvas._image = w.canvas.render_image(w.canvas.size(), 1.0 if w.devicePixelRatioF() != 1 else 2.0)
    draw(w.canvas, [PATH])
    QTest.qWait(150)
    app.processEvents()
    shot = w.canvas.grab()
    shot.save(out)
    hint = w.minimumSizeHint().expandedTo(w.minimumSize())
    w.resize(hint)
    app.processEvents()
    side = w.findChild(type(w.panel.parentWidget().parentWidget()), "side")
    print(json.dumps({
        "dpr": shot.devicePixelRatio(), "path": PATH, "pen": w.canvas.pen_width(),
        "paper": w.canvas.paper_color().name(), "minimum": [hint.width(), hint.height()],
        "canvas_at_minimum": [w.canvas.width(), w.canvas.height()],
        "side_at_minimum": [side.width(), side.height()] if side else None,
        "reads": w.reading.text if w.reading else None,
    }))
    w.close()
    assert isinstance(hint, QSize)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "")
