#!/usr/bin/env python
"""Refresh the README's pictures from the real window on a real X display: a digit (light and
dark), a long number, a letter that is "Not a digit", the window at scale 2 (a HiDPI screen),
ink drawn with a tablet pen's pressure, the tape of answers, the window in Chinese, and the
Model menu after a real retraining (when MNIST is found; it takes a minute or two).

    python docs/screenshot.py      (or `make screenshot`; starts Xvfb when there is no display)

The window runs with its own empty settings and data folders, never the user's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
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


def fresh_folders() -> None:
    """Settings and data of the window's own, so that the pictures never show the user's."""
    base = Path(tempfile.mkdtemp(prefix="desk-app-screenshot-"))
    os.environ["XDG_CONFIG_HOME"] = str(base / "config")
    os.environ["XDG_DATA_HOME"] = str(base / "data")


def retrain(w, app, digits) -> bool:
    """Ten corrections, then a real retraining from the window (as Ctrl+R runs it)."""
    from desk_app.evaluation import Way, place
    from desk_app.training.data import find_mnist

    if find_mnist() is None:
        print("no MNIST found ($DESK_APP_MNIST): the Model menu after a retraining is not redrawn")
        return False
    size = (w.canvas.width(), w.canvas.height())
    for i in range(10):
        w.corrections.store.add(place(digits.strokes[i * 11], Way("", 0.6, False, 18), canvas=size),
                    int(digits.labels[i * 11]), size, 18)
    assert w.retrain()
    while w.retraining.retrainer is not None:
        app.processEvents()
        time.sleep(0.05)
    return True


def main() -> None:
    xvfb = ensure_display()
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    scaled, chinese = "--scaled" in sys.argv, "--chinese" in sys.argv
    if not (scaled or chinese):
        fresh_folders()
    import numpy as np
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from desk_app.evaluation import Way, compose_number, place
    from desk_app.stroke_sets import LETTERS, load_stroke_set
    from desk_app.ui import i18n
    from desk_app.window import MainWindow
    from tests.drive import draw, pen_stroke

    i18n.install("zh_CN" if chinese else "en")

    digits, letters = load_stroke_set(), load_stroke_set(LETTERS)
    w = MainWindow()
    w.resize(1200, 600)
    w.show()
    app.processEvents()
    w.load_model()
    canvas = w.canvas
    size = (canvas.width(), canvas.height())

    def shot(name: str, screen: bool = False) -> None:
        app.processEvents()
        time.sleep(0.2)
        app.processEvents()
        out = ROOT / "docs" / name
        if screen:  # menus are windows of their own: take the part of the screen the window has
            g = w.frameGeometry()
            app.primaryScreen().grabWindow(0, g.x(), g.y(), g.width(), g.height()).save(str(out))
        else:
            w.grab().save(str(out))
        print(f"wrote {out}: {w.panel.prediction.text()} / {w.panel.confidence.text()}")

    one = Way("", 0.6, False, 18)

    def number(text: str, seed: int, height: float = 0.3) -> None:
        """``text`` written by several writers, centred on the canvas."""
        size = (canvas.width(), canvas.height())  # (the tape, when open, takes some room)
        pick = [int(np.flatnonzero(digits.labels == int(d))[k + seed]) for k, d in enumerate(text)]
        placed, (width, _) = compose_number([digits.strokes[i] for i in pick], np.random.default_rng(seed),
                                            canvas_height=size[1] * height)
        scale = min(1.0, size[0] * 0.9 / width)
        shift = [(size[0] - width * scale) / 2, size[1] * (0.9 - height) / 2]
        draw(canvas, [s * scale + shift for d in placed for s in d])

    if scaled:  # run by the main pass under QT_SCALE_FACTOR=2
        w.set_theme("light", save=False)
        draw(canvas, place(digits.strokes[24], one, canvas=size))
        shot("scale2.png")
        return
    def tape() -> None:
        """Three numbers written one after another go onto the tape; a fourth is being written."""
        w.set_tape(True)
        w.tape.pause.setValue(0.5)
        for k, text in enumerate(("2026", "1130", "42")):
            number(text, k)
            deadline = time.time() + 5
            while not canvas.is_empty and time.time() < deadline:
                app.processEvents()
                time.sleep(0.02)
        w.tape.pause.setValue(10)
        number("305", 7)

    if chinese:  # run by the main pass under LANG=zh_CN.UTF-8: a number, and the tape
        w.set_theme("light", save=False)
        tape()
        w.select_digit(1)
        shot("chinese.png")
        return
    for theme, name in (("light", "screenshot.png"), ("dark", "dark.png")):
        w.set_theme(theme, save=False)
        w.clear()
        draw(canvas, place(digits.strokes[24], one, canvas=size))
        shot(name)
    w.set_theme("light", save=False)

    # A long number: 31415926, from eight writers' digits.
    w.clear()
    number("31415926", 0)
    w.select_digit(1)
    shot("number.png")

    # Pressure ink: a 3 written with a tablet pen, pressing harder along the curves.
    w.clear()
    three = place(digits.strokes[int(np.flatnonzero(digits.labels == 3)[5])], one, canvas=size)
    for stroke in three:
        t = np.linspace(0, 1, len(stroke))
        pen_stroke(canvas, [tuple(p) for p in stroke], 0.15 + 0.85 * np.sin(np.pi * t) ** 2)
    shot("pressure.png")

    # The tape: three numbers written one after another, the fourth being written.
    w.clear()
    tape()
    shot("tape.png")
    w.tape.clear()
    w.set_tape(False)
    w.clear()

    # A photo of a number, opened: each digit framed, the second chosen.
    from desk_app.evaluation import number_picture

    rng = np.random.default_rng(3)
    pick = [int(rng.choice(np.flatnonzero(digits.labels == int(c)))) for c in "2026"]
    photo = Path(tempfile.mkdtemp()) / "photo.jpg"
    from PIL import Image

    Image.fromarray(number_picture([digits.strokes[i] for i in pick], rng)).save(photo, quality=85)
    w.files.open_image(photo)
    w.select_digit(1)
    shot("picture.png")
    w.clear()

    # The window in Chinese, in a process of its own.
    subprocess.run([sys.executable, __file__, "--chinese"], check=True,
                   env=dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8"))

    # A letter: an H is not a digit, and the bars say so.
    w.clear()
    h = next(i for i, c in enumerate(letters.labels) if chr(c) == "H" and letters.groups[i] == "imp")
    draw(canvas, place(letters.strokes[h], one, canvas=size))
    shot("not_a_digit.png")

    # The same window on a screen scaled 200%, in a process of its own.
    subprocess.run([sys.executable, __file__, "--scaled"], check=True,
                   env=dict(os.environ, QT_SCALE_FACTOR="2"))

    # The Model menu after a real retraining: it names the model in use, and can restore.
    w.clear()
    if retrain(w, app, digits):  # the status bar says what changed, before and after
        menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&Model")
        w.move(0, 0)
        app.processEvents()
        menu.popup(w.mapToGlobal(w.menuBar().actionGeometry(menu.menuAction()).bottomLeft()))
        shot("model_menu.png", screen=True)
        menu.close()
    w.close()
    if xvfb is not None:
        xvfb.terminate()


if __name__ == "__main__":
    main()
