#!/usr/bin/env python
"""Refresh the README's pictures from the real window on a real X display: a digit (light and
dark), a long number, and a letter that is "Not a digit".

    python docs/screenshot.py      (or `make screenshot`; starts Xvfb when there is no display)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def ensure_display() -> subprocess.Popen | None:
    """Use $DISPLAY, else start Xvfb (with -noreset, so it never resets under us)."""
    if os.environ.get("DISPLAY"):
        return None
    if shutil.which("Xvfb") is None:
        raise SystemExit("error: no X display and no Xvfb (apt-get install xvfb)")
    display = ":87"
    xvfb = subprocess.Popen(["Xvfb", display, "-noreset", "-screen", "0", "1600x1000x24"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.environ["DISPLAY"] = display
    time.sleep(1.0)
    return xvfb


def main() -> None:
    xvfb = ensure_display()
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    import numpy as np
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from desk_app.evaluation import LETTERS, Way, compose_number, load_drawn_digits, place
    from desk_app.ui.drive import draw
    from desk_app.window import MainWindow

    digits, letters = load_drawn_digits(), load_drawn_digits(LETTERS)
    w = MainWindow()
    w.resize(1200, 600)
    w.show()
    app.processEvents()
    w.load_model()
    canvas = w.canvas
    size = (canvas.width(), canvas.height())

    def shot(name: str) -> None:
        app.processEvents()
        time.sleep(0.2)
        app.processEvents()
        out = ROOT / "docs" / name
        w.grab().save(str(out))
        print(f"wrote {out}: {w.panel.prediction.text()} / {w.panel.confidence.text()}")

    one = Way("", 0.6, False, 18)
    for theme, name in (("light", "screenshot.png"), ("dark", "dark.png")):
        w.set_theme(theme, save=False)
        w.clear()
        draw(canvas, place(digits.strokes[24], one, canvas=size))
        shot(name)
    w.set_theme("light", save=False)

    # A long number: 31415926, from eight writers' digits.
    w.clear()
    pick = [int(np.flatnonzero(digits.labels == int(d))[k]) for k, d in enumerate("31415926")]
    placed, (width, _) = compose_number([digits.strokes[i] for i in pick], np.random.default_rng(4),
                                        canvas_height=size[1] * 0.3)
    scale = min(1.0, size[0] * 0.9 / width)
    shift = [(size[0] - width * scale) / 2, size[1] * 0.3]
    draw(canvas, [s * scale + shift for d in placed for s in d])
    w.select_digit(1)
    shot("number.png")

    # A letter: an H is not a digit.
    w.clear()
    h = next(i for i, c in enumerate(letters.labels) if chr(c) == "H" and letters.groups[i] == "imp")
    draw(canvas, place(letters.strokes[h], one, canvas=size))
    shot("not_a_digit.png")
    w.close()
    if xvfb is not None:
        xvfb.terminate()


if __name__ == "__main__":
    main()
