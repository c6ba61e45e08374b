"""The command line: --version, --help, and --read on real image files."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
from PIL import Image

from desk_app import __version__
from tests.conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desk_app", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_version_and_help():
    out = run("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"desk-app {__version__}"
    out = run("--help")
    assert out.returncode == 0 and "--read" in out.stdout


def test_read_prints_one_line_per_file_and_exit_2_for_a_broken_one(tmp_path, mnist):
    paths = []
    for k in range(4):  # dark digits on white paper, as a scan would be, 4x MNIST's size
        img = Image.fromarray(255 - mnist.x_test[k]).resize((112, 112), Image.BILINEAR)
        paths.append(tmp_path / f"digit{k}.png")
        img.save(paths[-1])
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    out = run("--read", str(paths[0]), str(broken), *map(str, paths[1:]))
    assert out.returncode == 2
    assert "broken.png" in out.stderr
    lines = [line.split("\t") for line in out.stdout.strip().splitlines()]
    assert [line[0] for line in lines] == [str(p) for p in paths]
    assert [line[1] for line in lines] == [str(d) for d in mnist.y_test[:4]]
    assert all(0.5 < float(line[2]) <= 1.0 for line in lines)
    ok = run("--read", str(paths[0]))
    assert ok.returncode == 0


def test_read_says_not_a_digit_for_a_hash_sign(tmp_path):
    """Pictures of a # (pens of three widths, three spacings, upright and slanted) never read as
    a number: cut down the middle, half a # can look like a 7 (a # read as "77" in 8 of these 18
    before the cutter stopped cutting a one-digit-wide piece through two strokes)."""
    files = []
    for t in (6, 10, 14):
        for gap in (40, 50, 60):
            for slant in (0.0, 0.15):
                img = np.full((200, 200), 255, np.uint8)
                for x in (100 - gap // 2, 100 + gap // 2):
                    for r in range(30, 170):
                        dx = int((r - 100) * slant)
                        img[r, x - t // 2 + dx : x + t // 2 + dx] = 0
                for y in (100 - gap // 2, 100 + gap // 2):
                    img[y - t // 2 : y + t // 2, 30:170] = 0
                files.append(tmp_path / f"hash-{t}-{gap}-{slant}.png")
                Image.fromarray(img).save(files[-1])
    out = run("--read", *map(str, files))
    assert out.returncode == 0
    answers = [line.split("\t")[1] for line in out.stdout.splitlines()]
    assert len(answers) == 18 and all(a == "not a digit" or a.startswith("unsure") for a in answers), answers
    assert answers.count("not a digit") >= 15


def test_read_uses_the_windows_model_says_nothing_else_and_names_a_file_once(tmp_path, mnist):
    import os
    import shutil

    from desk_app import Recognizer
    from desk_app.model_files import assets_dir

    img = tmp_path / "digit.png"
    baseline = Recognizer(ROOT / "bench" / "baseline" / "model.tflite")
    for k in range(300):  # a digit the two models are not equally sure of
        Image.fromarray(255 - mnist.x_test[k]).resize((112, 112)).save(img)
        if f"{baseline.read_image(img).confidence:.3f}" != f"{Recognizer().read_image(img).confidence:.3f}":
            break
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"))
    bundled = subprocess.run([sys.executable, "-m", "desk_app", "--read", str(img)], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=120)
    assert bundled.returncode == 0 and bundled.stderr == ""  # no "XNNPACK delegate" line
    mine = tmp_path / "data" / "desk-app" / "model"  # as if retrained from the window
    mine.mkdir(parents=True)
    for name in ("model.tflite", "model_card.json"):
        shutil.copy(ROOT / "bench" / "baseline" / name, mine / name)
    personal = subprocess.run([sys.executable, "-m", "desk_app", "--read", str(img)], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
    expected = Recognizer(mine / "model.tflite").read_image(img).confidence
    assert personal.stdout.split("\t")[2].strip() == f"{expected:.3f}"
    assert personal.stdout != bundled.stdout
    chosen = subprocess.run([sys.executable, "-m", "desk_app", "--model",
                             str(assets_dir() / "model.tflite"), "--read", str(img),
                             str(tmp_path / "missing.png")], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert chosen.stdout.split("\t")[2] == bundled.stdout.split("\t")[2]
    assert chosen.returncode == 2 and chosen.stderr.count("missing.png") == 1
