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

from PySide6.QtWidgets import QApplication  # noqa: E402

DIGITS = ROOT.parent / "shared" / "drawn-digits" / "unipen-1a-dev.npz"


def main() -> None:
    import numpy as np

    app = QApplication([])
    from desk_app.evaluation import Way, compose_number, load_drawn_digits, place
    from desk_app.ui.drive import draw
    from desk_app.window import MainWindow

    digits = load_drawn_digits(DIGITS)
    w = MainWindow()
    w.resize(1280, 520)
    w.show()
    app.processEvents()
    w.load_model()
    canvas = w.canvas
    size = (canvas.width(), canvas.height())

    # One digit, drawn centred at 60% of the canvas height.
    draw(canvas, place(digits.strokes[24], Way("", 0.6, False, 18), canvas=size))
    app.processEvents()
    out = ROOT / "docs" / "screenshot.png"
    w.grab().save(str(out))
    print(f"wrote {out}: reads {w.panel.prediction.text()}")

    # A number: 2026, from four writers' digits.
    w.clear()
    pick = [int(np.flatnonzero(digits.labels == d)[k]) for d, k in ((2, 3), (0, 5), (2, 8), (6, 2))]
    placed, (width, _) = compose_number([digits.strokes[i] for i in pick], np.random.default_rng(4),
                                        canvas_height=size[1] * 0.45)
    shift = [(size[0] - width) / 2, size[1] * 0.25]
    draw(canvas, [s + shift for d in placed for s in d])
    w.select_digit(1)
    app.processEvents()
    out = ROOT / "docs" / "number.png"
    w.grab().save(str(out))
    print(f"wrote {out}: reads {w.panel.prediction.text()}")


if __name__ == "__main__":
    main()
