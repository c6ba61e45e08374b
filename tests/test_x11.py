"""The real app on a real X display (Xvfb, no window manager), driven with xdotool: real mouse
strokes, real keys sent to the focused window, and screenshots to find the canvas.

What a person checks: a drawn 7 shows a digit; Escape, Delete and Ctrl+Z each clear it; typing a
digit keeps a sample; no key changes the pen width; a click shows no digit; the canvas keeps its
size while an 8-digit number is written, and the number is read. The answer is read from the
window's title, which carries it ("desk-app: 7").
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import ROOT

MISSING = [t for t in ("Xvfb", "xdotool") if shutil.which(t) is None]
pytestmark = pytest.mark.skipif(bool(MISSING), reason=f"needs {' and '.join(MISSING)} "
                                "(apt-get install xvfb xdotool; .ci/run installs them)")
PAPER = (255, 254, 248)  # the canvas's paper in the light palette
TITLE = "desk-app: handwritten digits"


def xdo(*args: str, display: str) -> str:
    out = subprocess.run(["xdotool", *args], capture_output=True, text=True, timeout=30,
                         env=dict(os.environ, DISPLAY=display))
    return out.stdout.strip()


class App:
    """desk-app running on its own Xvfb display, with its own settings and data folders."""

    def __init__(self, tmp: Path, scale: str = "1") -> None:
        self.display = f":{90 + os.getpid() % 300}"
        self.xvfb = subprocess.Popen(["Xvfb", self.display, "-noreset", "-screen", "0", "1400x900x24"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.config, self.data = tmp / "config", tmp / "data"
        env = dict(os.environ, DISPLAY=self.display, QT_QPA_PLATFORM="xcb",
                   XDG_CONFIG_HOME=str(self.config), XDG_DATA_HOME=str(self.data),
                   QT_SCALE_FACTOR=scale)
        deadline = time.time() + 20
        while subprocess.run(["xdotool", "getmouselocation"], env=env, capture_output=True).returncode:
            assert time.time() < deadline, "Xvfb did not start"
            time.sleep(0.2)
        self.proc = subprocess.Popen([sys.executable, "-m", "desk_app"], cwd=ROOT, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        found = self.x("search", "--sync", "--name", "desk-app")
        self.window = found.splitlines()[0]
        self.x("windowmove", "--sync", self.window, "0", "0")
        self.x("windowsize", "--sync", self.window, "1200", "700")
        self.x("windowfocus", "--sync", self.window)
        time.sleep(1.0)  # the model loads on the first turn of the event loop

    def x(self, *args: str) -> str:
        return xdo(*args, display=self.display)

    def title(self) -> str:
        time.sleep(0.4)  # the answer lands within 200 ms of the stroke's end
        return self.x("getwindowname", self.window)

    def screenshot(self) -> np.ndarray:
        from PIL import ImageGrab

        return np.asarray(ImageGrab.grab(xdisplay=self.display).convert("RGB"))

    def canvas_box(self) -> tuple[int, int, int, int]:
        """x0, y0, x1, y1 of the canvas's paper on the screen."""
        shot = self.screenshot()
        ys, xs = np.nonzero((shot == PAPER).all(axis=2))
        assert len(xs), "no canvas on the screen"
        return int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())

    def stroke(self, points) -> None:
        """Press, move through the points, release: one chained xdotool command."""
        (x0, y0), rest = points[0], points[1:]
        cmd = ["mousemove", str(round(x0)), str(round(y0)), "mousedown", "1"]
        for x, y in rest:  # at a hand's pace: Qt merges motion events that queue up
            cmd += ["mousemove", str(round(x)), str(round(y)), "sleep", "0.008"]
        self.x(*cmd, "mouseup", "1")

    def key(self, *keys: str) -> None:
        self.x("windowfocus", "--sync", self.window)
        self.x("key", "--clearmodifiers", *keys)

    def close(self) -> str:
        """Quit the app; returns what it printed on stderr."""
        self.proc.terminate()
        try:
            _, err = self.proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        self.xvfb.terminate()
        self.xvfb.wait(10)
        return err.decode(errors="replace")


@pytest.fixture
def app(tmp_path):
    a = App(tmp_path)
    yield a
    a.close()


def seven(box) -> list[list[tuple[float, float]]]:
    x0, y0, x1, y1 = box
    cx, cy, h = (x0 + x1) / 2, (y0 + y1) / 2, (y1 - y0) * 0.6
    top = [(cx - h * 0.3 + k * h * 0.06, cy - h / 2) for k in range(11)]
    stem = [(cx + h * 0.3 - k * h * 0.04, cy - h / 2 + k * h * 0.1) for k in range(1, 11)]
    return [top + stem]


def test_draw_keys_click_and_a_long_number(app, drawn, recognizer):
    box = app.canvas_box()
    size = (box[2] - box[0], box[3] - box[1])
    samples = app.data / "desk-app" / "samples" / "samples.log"
    conf = app.config / "desk-app" / "desk-app.conf"

    def draw7():
        for s in seven(box):
            app.stroke(s)
        title = app.title()
        if title != "desk-app: 7":
            from PIL import Image

            Image.fromarray(app.screenshot()).save(app.config.parent / "seven.png")
        assert title == "desk-app: 7", app.config.parent / "seven.png"

    draw7()
    for keys in (["Escape"], ["Delete"], ["ctrl+z"]):
        app.key(*keys)
        assert app.title() == TITLE, keys
        draw7()
    app.key("7")  # "this is what I meant": a sample
    time.sleep(0.3)
    assert samples.is_file() and samples.stat().st_size > 0
    kept = samples.stat().st_size
    app.key("3")
    time.sleep(0.3)
    assert samples.stat().st_size > kept
    for keys in (["0"], ["Delete"], ["BackSpace"], ["Up"], ["Down"], ["8"], ["ctrl+z"], ["Escape"]):
        app.key(*keys)
    time.sleep(0.3)
    lines = conf.read_text().splitlines() if conf.exists() else []
    pen = [line for line in lines if line.startswith("pen_width")]
    assert pen in ([], ["pen_width=18"]), pen
    app.stroke([((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)])  # a click
    assert app.title() == TITLE
    app.key("Escape")

    # An 8-digit number of real drawn digits, each one the model reads right on its own.
    rng = np.random.default_rng(8)
    from desk_app.evaluation import WAYS, place

    def clear_case(i: int) -> bool:  # read right, and sure of it, on its own
        r = recognizer.read_digit(place(drawn.strokes[i], WAYS[0]), (280, 280), 18)
        return r.digit == drawn.labels[i] and r.confidence >= 0.97

    readable = [i for i in rng.permutation(len(drawn.labels))[:400] if clear_case(i)]
    chosen = readable[:8]
    cell = size[0] / 9
    height = min(size[1] * 0.45, cell * 1.1)
    for k, i in enumerate(chosen):
        strokes = drawn.strokes[i]
        allp = np.concatenate(strokes)
        lo, hi = allp.min(axis=0), allp.max(axis=0)
        s = height / max(float(hi[1] - lo[1]), 1e-6)
        s = min(s, cell * 0.8 / max(float(hi[0] - lo[0]), 1e-6))
        origin = np.array([box[0] + cell * (k + 0.6), box[1] + (size[1] - height) / 2])
        for st in strokes:
            app.stroke([tuple(p) for p in (st - lo) * s + origin])
        assert app.canvas_box() == box, "the canvas changed size while writing"
    expected = "".join(str(drawn.labels[i]) for i in chosen)
    title = app.title()
    from PIL import Image

    Image.fromarray(app.screenshot()).save(app.config.parent / "number.png")  # to look at
    assert title == f"desk-app: {expected}", app.config.parent / "number.png"
    assert app.canvas_box() == box


@pytest.mark.parametrize("scale", ["1", "1.5", "2"])
def test_ink_lies_under_the_real_pointer_at_any_scale(tmp_path, scale):
    """Real X11 mouse events on a scaled screen: the ink is drawn where the pointer went, and a
    normal launch prints nothing on stderr."""
    from tests.test_scale import distance_to_path

    app = App(tmp_path, scale)
    try:
        box = app.canvas_box()
        before = app.screenshot().astype(int)
        x0, y0, x1, y1 = box
        path = [(x0 + (x1 - x0) * (0.15 + 0.05 * k), y0 + (y1 - y0) * (0.3 if k % 2 else 0.6))
                for k in range(12)]
        app.stroke(path)
        time.sleep(0.5)
        after = app.screenshot().astype(int)
        ink = (np.abs(after - before).max(axis=2) > 80)
        ink[:, : x0 + 3], ink[:, x1 - 2 :], ink[: y0 + 3], ink[y1 - 2 :] = False, False, False, False
        ys, xs = np.nonzero(ink)
        assert len(xs) > 1000, "no ink on the canvas"
        near = distance_to_path(np.stack([xs, ys], axis=1).astype(float), np.array(path))
        pen = 18 * float(scale)
        share = float(np.mean(near <= pen / 2 + 12))
        print(f"scale {scale}: {share:.1%} of {len(xs)} ink pixels within half a pen width + 12 px")
        if share < 0.95:
            from PIL import Image

            Image.fromarray(after.astype(np.uint8)).save(tmp_path / f"scale-{scale}.png")
        assert share >= 0.95, (share, tmp_path / f"scale-{scale}.png")
    finally:
        err = app.close()
    assert "XNNPACK" not in err and "Traceback" not in err, err


def test_keys_reach_the_canvas_after_a_dialog_closes(app):
    """Without a window manager nobody gives the window the keyboard back when a dialog closes:
    the app does, whether the pointer is over it or not."""
    box = app.canvas_box()
    for keys in ("F1", "ctrl+slash", "ctrl+m", "ctrl+o"):  # About, shortcuts, samples, open
        for s in seven(box):
            app.stroke(s)
        assert app.title() == "desk-app: 7"
        app.key(keys)
        time.sleep(1.0)
        app.x("key", "--clearmodifiers", "Escape")  # closes the dialog that has the keyboard
        time.sleep(0.5)
        app.x("mousemove", "1350", "850")  # the pointer off the window: X sends keys nowhere else
        app.x("key", "--clearmodifiers", "Escape")  # no click, no windowfocus
        assert app.title() == TITLE, keys
