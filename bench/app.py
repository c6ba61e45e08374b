#!/usr/bin/env python
"""The app's speed and size: start-up, answer latency after a stroke, peak memory.

    python bench/app.py          (an X display: $DISPLAY, else Xvfb started here)

Start-up, on a real X display, side by side: an empty PySide6 window and ``python -m desk_app``,
each launched afresh 5 times, alternately; "visible" is when the X server maps the window (xev's
MapNotify; with no window manager, mapped is viewable), median of 5. Then the first answer: a
stroke drawn with the real mouse the moment the window is visible, and the time until the
window's title carries the digit (the model loads after the window shows, so the stroke waits
for it). Latency: real
digits drawn into the real window with QTest (offscreen); the time from the stroke's release to
the answer on screen. Memory: peak resident size of a process that opened the window and read
100 digits.
"""

from __future__ import annotations

import os
import queue
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

from desk_app.words import TITLE  # the window's title before any answer

ROOT = Path(__file__).resolve().parent.parent

SESSION = textwrap.dedent("""
    import os, resource, statistics, sys, time
    import numpy as np
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLabel
    app = QApplication([])
    from desk_app.evaluation import WAYS, place
    from desk_app.stroke_sets import load_stroke_set
    from tests.drive import press
    from desk_app.window import MainWindow
    w = MainWindow(); w.resize(800, 520); w.show(); app.processEvents(); w.load_model()
    canvas = w.findChild(object, "canvas"); label = w.findChild(QLabel, "prediction")
    digits = load_stroke_set(sys.argv[1])
    times = []
    for i in range(0, 3100, 31):
        for s in place(digits.strokes[i], WAYS[0]):
            pts = [QPoint(round(x), round(y)) for x, y in s]
            QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pts[0])
            for p in pts[1:]:
                QTest.mouseMove(canvas, p)
            t = time.perf_counter()
            QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pts[-1])
            while label.text() == "–" and time.perf_counter() - t < 2:  # the answer, whatever it says
                app.processEvents()
            times.append((time.perf_counter() - t) * 1000)
        press(w, Qt.Key.Key_Escape)
    print(statistics.median(times), max(times), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
          "tensorflow" in sys.modules)
""")


STANDALONE = ROOT / "build" / "dist" / "desk-app" / "desk-app"  # what `make dist` built


EMPTY = ("import sys\nfrom PySide6.QtWidgets import QApplication, QWidget\napp = QApplication(sys.argv)\n"
         "w = QWidget()\nw.setWindowTitle('empty-pyside6-window')\nw.resize(1200, 640)\nw.show()\n"
         "app.exec()\n")


def display() -> tuple[str, subprocess.Popen | None]:
    """$DISPLAY, else a fresh Xvfb (with -noreset: it must not reset between the launches)."""
    if os.environ.get("DISPLAY"):
        return os.environ["DISPLAY"], None
    name = f":{200 + os.getpid() % 300}"
    xvfb = subprocess.Popen(["Xvfb", name, "-noreset", "-screen", "0", "1400x900x24"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        if subprocess.run(["xdotool", "getmouselocation"], env=dict(os.environ, DISPLAY=name),
                          capture_output=True).returncode == 0:
            return name, xvfb
        time.sleep(0.1)
    raise SystemExit("Xvfb did not start")


def xdo(env: dict, *args: str) -> str:
    return subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True).stdout.strip()


class MapWatch:
    """The moments windows are mapped (viewable: there is no window manager), as xev reports
    MapNotify on the root window: no polling that would take CPU from the app starting up."""

    def __init__(self, env: dict) -> None:
        self.proc = subprocess.Popen(["stdbuf", "-oL", "xev", "-root", "-event", "substructure"], env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.maps: queue.Queue[float] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        time.sleep(0.5)  # xev selects its events before the first launch

    def _read(self) -> None:
        for line in self.proc.stdout:
            if line.startswith("MapNotify"):
                self.maps.put(time.perf_counter())

    def next_map(self, after: float) -> float:
        while True:
            at = self.maps.get(timeout=60)
            if at >= after:
                return at

    def close(self) -> None:
        self.proc.kill()


def launch(command: list[str], title: str, env: dict, watch: MapWatch) -> tuple[float, str, subprocess.Popen]:
    """Start ``command``; seconds until its window is mapped, its X id (``title``), the process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shown = watch.next_map(t0) - t0
    for _ in range(2000):
        found = xdo(env, "search", "--onlyvisible", "--name", title)
        if found:
            return shown, found.splitlines()[0], proc
        time.sleep(0.01)
    proc.kill()
    raise SystemExit(f"no window {title!r} on the display")


def first_answer(window: str, env: dict) -> float:
    """Draw a 1 with the real mouse at once; seconds until the title carries an answer."""
    t0 = time.perf_counter()
    x, y = (int(v) for v in re.findall(r"Position: (\d+),(\d+)", xdo(env, "getwindowgeometry", window))[0])
    xdo(env, "mousemove", str(x + 250), str(y + 180), "mousedown", "1")
    for k in range(1, 13):
        xdo(env, "mousemove", str(x + 250), str(y + 180 + 20 * k))
    xdo(env, "mouseup", "1")
    while time.perf_counter() - t0 < 30:
        if xdo(env, "getwindowname", window) != TITLE:
            return time.perf_counter() - t0
        time.sleep(0.005)
    raise SystemExit("no answer within 30 s")


def startup(runs: int = 5, command: list[str] | None = None) -> dict[str, float]:
    """Median seconds to a visible window: an empty PySide6 one and the app's (or ``command``'s),
    launched alternately with fresh settings; and to the app's first answer. The app's bytecode
    is compiled first, as installing a wheel does (PySide6's came with its wheel)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "desk_app")], check=True)
    name, xvfb = display()
    watch = MapWatch(dict(os.environ, DISPLAY=name))
    times: dict[str, list[float]] = {"empty": [], "app": [], "answer": []}
    try:
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as tmp:
                env = dict(os.environ, DISPLAY=name, QT_QPA_PLATFORM="xcb", XDG_CONFIG_HOME=tmp,
                           XDG_DATA_HOME=tmp)
                shown, _, proc = launch([sys.executable, "-c", EMPTY], "empty-pyside6-window", env, watch)
                proc.kill()
                proc.wait()
                times["empty"].append(shown)
                shown, window, proc = launch(command or [sys.executable, "-m", "desk_app"], TITLE, env, watch)
                times["app"].append(shown)
                times["answer"].append(first_answer(window, env))
                proc.kill()
                proc.wait()
    finally:
        watch.close()
        if xvfb is not None:
            xvfb.kill()
    return {k: statistics.median(v) for k, v in times.items()}


def session(digits: Path) -> tuple[float, float, float, bool]:
    out = subprocess.run([sys.executable, "-c", SESSION, str(digits)], cwd=ROOT, check=True,
                         capture_output=True, text=True, timeout=600,
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    med, worst, mem, tf = out.stdout.split()
    return float(med), float(worst), float(mem), tf == "True"


def main() -> int:
    from desk_app.stroke_sets import DRAWN_DIGITS as digits

    start = startup()
    latency, worst, memory, tf = session(digits)

    def ok(value: float, target: float) -> str:
        return "yes" if value <= target else "NO"

    ratio = start["app"] / start["empty"]
    print("| measure (this machine) | value | target | met |")
    print("| --- | ---: | ---: | :---: |")
    print(f"| empty PySide6 window visible after launch (Xvfb, median of 5) | {start['empty']:.3f} s | | |")
    print(f"| desk-app's window visible after launch (same run) | {start['app']:.3f} s | | |")
    print(f"| ratio | {ratio:.2f}x | <= 1.5x | {ok(ratio, 1.5)} |")
    print(f"| first answer after the window is visible (a stroke drawn at once) | {start['answer']:.3f} s "
          f"| <= 0.3 s | {ok(start['answer'], 0.3)} |")
    print(f"| answer after a stroke ends (median; worst {worst:.1f} ms) | {latency:.1f} ms "
          f"| <= 20 ms | {ok(latency, 20)} |")
    print(f"| peak memory after 100 digits | {memory:.0f} MB | <= 200 MB | {ok(memory, 200)} |")
    print(f"| TensorFlow imported by the app | {'yes' if tf else 'no'} | no | {'NO' if tf else 'yes'} |")
    if STANDALONE.is_file():
        size = sum(f.stat().st_size for f in STANDALONE.parent.rglob("*")
                   if f.is_file() and not f.is_symlink()) / 2**20
        alone = startup(command=[str(STANDALONE)])
        print(f"| standalone app (make dist, its build): window visible (median of 5) | {alone['app']:.3f} s "
              f"| <= 0.5 s | {ok(alone['app'], 0.5)} |")
        print(f"| standalone app: unpacked size | {size:.0f} MB | <= 200 MB | {ok(size, 200)} |")
    else:
        print("| standalone app | not built (make dist) | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
