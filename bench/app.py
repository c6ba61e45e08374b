#!/usr/bin/env python
"""The app's speed and size: start-up, answer latency after a stroke, peak memory.

    QT_QPA_PLATFORM=offscreen python bench/app.py

Start-up: ``python -m desk_app`` launched afresh, median of 7; the window reports when it was
first shown and when the model was ready (DESK_APP_STARTUP_PROBE). Latency: real digits drawn
into the real window with QTest; the time from the stroke's release to the answer on screen.
Memory: peak resident size of a process that opened the window and read 100 digits.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TARGETS = {"visible": 0.3, "latency_ms": 20.0, "memory_mb": 200.0}

SESSION = textwrap.dedent("""
    import os, resource, statistics, sys, time
    import numpy as np
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLabel
    app = QApplication([])
    from desk_app.evaluation import WAYS, load_drawn_digits, place
    from desk_app.ui.drive import press
    from desk_app.window import MainWindow
    w = MainWindow(); w.resize(800, 520); w.show(); app.processEvents(); w.load_model()
    canvas = w.findChild(object, "canvas"); label = w.findChild(QLabel, "prediction")
    digits = load_drawn_digits(sys.argv[1])
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


def startup(runs: int = 7, command: list[str] | None = None) -> tuple[float, float]:
    """Median seconds from launch to the window shown, and to the model ready (warm cache)."""
    shown, ready = [], []
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            probe = Path(tmp) / "probe"
            env["DESK_APP_STARTUP_PROBE"] = str(probe)
            t0 = time.time()
            subprocess.run(command or [sys.executable, "-m", "desk_app"], cwd=ROOT, env=env, check=True,
                           timeout=60, capture_output=True)
            a, b = (float(v) for v in probe.read_text().split())
            shown.append(a - t0)
            ready.append(b - t0)
    return statistics.median(shown), statistics.median(ready)


def session(digits: Path) -> tuple[float, float, float, bool]:
    out = subprocess.run([sys.executable, "-c", SESSION, str(digits)], cwd=ROOT, check=True,
                         capture_output=True, text=True, timeout=600,
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    med, worst, mem, tf = out.stdout.split()
    return float(med), float(worst), float(mem), tf == "True"


def main() -> int:
    from desk_app.evaluation import DRAWN_DIGITS as digits

    visible, ready = startup()
    latency, worst, memory, tf = session(digits)
    ok = lambda v, t: "yes" if v <= t else "NO"  # noqa: E731
    print("| measure (this machine) | value | target | met |")
    print("| --- | ---: | ---: | :---: |")
    print(f"| window visible after launch (median of 7) | {visible:.3f} s | <= 0.3 s | {ok(visible, 0.3)} |")
    print(f"| model loaded, ready to answer | {ready:.3f} s | | |")
    print(f"| answer after a stroke ends (median; worst {worst:.1f} ms) | {latency:.1f} ms "
          f"| <= 20 ms | {ok(latency, 20)} |")
    print(f"| peak memory after 100 digits | {memory:.0f} MB | <= 200 MB | {ok(memory, 200)} |")
    print(f"| TensorFlow imported by the app | {'yes' if tf else 'no'} | no | {'NO' if tf else 'yes'} |")
    if STANDALONE.is_file():
        size = sum(f.stat().st_size for f in STANDALONE.parent.rglob("*")
                   if f.is_file() and not f.is_symlink()) / 2**20
        shown, _ = startup(command=[str(STANDALONE)])
        print(f"| standalone app (make dist): window visible (median of 7) | {shown:.3f} s | <= 0.5 s "
              f"| {ok(shown, 0.5)} |")
        print(f"| standalone app: unpacked size | {size:.0f} MB | <= 200 MB | {ok(size, 200)} |")
    else:
        print("| standalone app | not built (make dist) | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
