"""The window on scaled screens (QT_SCALE_FACTOR 1 to 2, every HiDPI laptop): the ink lies under
the pointer, the window fits a small screen and the canvas stays its largest part. Each factor
runs the real window in its own process (python -m tests.scale_probe); the real display has its own
test in tests/test_x11.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from tests.conftest import ROOT

FACTORS = ("1", "1.25", "1.5", "1.75", "2")


def probe(tmp_path, factor: str, mode: str = "") -> tuple[dict, np.ndarray]:
    out = tmp_path / f"canvas-{factor}{mode}.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=factor,
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    run = subprocess.run([sys.executable, "-m", "tests.scale_probe", str(out), mode],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    facts = json.loads(run.stdout.strip().splitlines()[-1])
    return facts, np.asarray(Image.open(out).convert("RGB")).astype(int)


def distance_to_path(points: np.ndarray, path: np.ndarray) -> np.ndarray:
    """Each point's distance to the polyline ``path``."""
    best = np.full(len(points), np.inf)
    for a, b in zip(path[:-1], path[1:], strict=True):
        ab = b - a
        t = np.clip(((points - a) @ ab) / (ab @ ab), 0, 1)
        best = np.minimum(best, np.linalg.norm(points - (a + t[:, None] * ab), axis=1))
    return best


def ink_on_path(facts: dict, shot: np.ndarray) -> tuple[float, float]:
    """The share of ink pixels within half a pen width (plus antialiasing) of the pointer's path,
    and the share of the path's points that have ink under them."""
    dpr, path, pen = facts["dpr"], np.array(facts["path"]), facts["pen"]
    paper = np.array([int(facts["paper"][k : k + 2], 16) for k in (1, 3, 5)])
    ink = (np.abs(shot - paper).max(axis=2) > 80)
    ink[:4], ink[-4:], ink[:, :4], ink[:, -4:] = False, False, False, False  # the border
    ys, xs = np.nonzero(ink)
    logical = (np.stack([xs, ys], axis=1) + 0.5) / dpr
    near = float(np.mean(distance_to_path(logical, path) <= pen / 2 + 3))
    covered = float(np.mean([ink[int(y * dpr), int(x * dpr)] for x, y in path]))
    return near, covered


@pytest.mark.parametrize("factor", FACTORS)
def test_ink_lies_under_the_pointer_and_the_window_fits(tmp_path, factor):
    facts, shot = probe(tmp_path, factor)
    assert facts["dpr"] == pytest.approx(float(factor))
    near, covered = ink_on_path(facts, shot)
    assert near >= 0.99 and covered == 1.0, (near, covered)
    # The smallest window fits a 1366x768 screen at 100% and a 2560x1440 screen at 200% (with a
    # task bar and a title bar), and the canvas is still its largest part.
    w, h = facts["minimum"]
    assert w <= 1280 and h <= 620, facts["minimum"]
    (cw, ch), (sw, sh) = facts["canvas_at_minimum"], facts["side_at_minimum"]
    assert cw >= sw and cw * ch >= sw * sh, facts


def test_a_canvas_moved_to_a_screen_of_another_scale_redraws_at_its_ratio(tmp_path):
    for factor in ("1", "2"):
        facts, shot = probe(tmp_path, factor, "other-screen")
        near, covered = ink_on_path(facts, shot)
        assert near >= 0.99 and covered == 1.0, (factor, near, covered)
