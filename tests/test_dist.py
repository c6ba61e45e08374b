"""The standalone app: `make dist`'s PyInstaller bundle, unpacked elsewhere and run with no venv
and no PYTHONPATH, reads images from the command line and opens its window."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tarfile
import time

import pytest
from PIL import Image

from desk_app import __version__
from tests.conftest import ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None,
                       reason="needs PyInstaller (the 'dist' extra; `make install` brings it)"),
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    proc = subprocess.run([sys.executable, "packaging/build_dist.py"], cwd=ROOT, capture_output=True,
                          text=True, timeout=1800)
    assert proc.returncode == 0, proc.stderr[-3000:]
    print(proc.stdout)
    tarball = next((ROOT / "dist").glob(f"desk-app-{__version__}-*.tar.gz"))
    where = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(tarball) as tar:
        tar.extractall(where, filter="data")
    return where / f"desk-app-{__version__}"


def bare_env(tmp_path, **extra) -> dict:
    """No venv, no PYTHONPATH: what a person who downloaded the app has."""
    return {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8", **extra}


def test_the_bundle_is_small_and_carries_no_training_tools(bundle):
    size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file() and not f.is_symlink())
    print(f"unpacked bundle: {size / 2**20:.0f} MB")
    assert size <= 200 * 2**20
    names = {p.name for p in bundle.rglob("*")}
    assert not any(n.startswith(("tensorflow", "matplotlib", "pytest", "hypothesis")) for n in names)
    assert (bundle / "desk-app.desktop").is_file() and (bundle / "desk-app.png").is_file()


def test_the_bundle_reads_images_from_another_folder(bundle, tmp_path, mnist):
    paths = []
    for k in range(3):
        paths.append(tmp_path / f"digit{k}.png")
        Image.fromarray(255 - mnist.x_test[k]).resize((112, 112)).save(paths[-1])
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not an image")
    out = subprocess.run([str(bundle / "desk-app"), "--read", str(paths[0]), str(broken),
                          *map(str, paths[1:])], cwd=tmp_path, env=bare_env(tmp_path),
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "broken.png" in out.stderr
    answers = [line.split("\t")[1] for line in out.stdout.strip().splitlines()]
    assert answers == [str(d) for d in mnist.y_test[:3]]
    version = subprocess.run([str(bundle / "desk-app"), "--version"], cwd=tmp_path,
                             env=bare_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert version.stdout.strip() == f"desk-app {__version__}"


@pytest.mark.skipif(shutil.which("Xvfb") is None or shutil.which("xdotool") is None,
                    reason="needs Xvfb and xdotool (.ci/run installs them)")
def test_the_bundle_opens_its_window_and_reads_a_stroke(bundle, tmp_path):
    """On a real X display: the window shows, and a 1 drawn with the mouse is read."""
    display = f":{400 + os.getpid() % 200}"
    xvfb = subprocess.Popen(["Xvfb", display, "-noreset", "-screen", "0", "1400x900x24"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = bare_env(tmp_path, DISPLAY=display, QT_QPA_PLATFORM="xcb")

    def x(*args: str) -> str:
        return subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True).stdout.strip()

    try:
        while subprocess.run(["xdotool", "getmouselocation"], env=env, capture_output=True).returncode:
            time.sleep(0.1)
        start = time.time()
        app = subprocess.Popen([str(bundle / "desk-app")], cwd=tmp_path, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        window = ""
        while not window and time.time() - start < 60:
            window = x("search", "--onlyvisible", "--name", "desk-app")
        shown = time.time() - start
        assert window, "no window within a minute"
        window = window.splitlines()[0]
        x("windowmove", "--sync", window, "0", "0")
        x("mousemove", "250", "200", "mousedown", "1")
        for k in range(1, 13):
            x("mousemove", "250", str(200 + 20 * k))
        x("mouseup", "1")
        deadline = time.time() + 30
        while x("getwindowname", window) == "desk-app: handwritten digits" and time.time() < deadline:
            time.sleep(0.1)
        print(f"window visible {shown:.2f} s after launch (cold); title {x('getwindowname', window)!r}")
        assert x("getwindowname", window) == "desk-app: 1"
        app.kill()
        # Under a Chinese locale the bundle speaks Chinese: its own .qm and Qt's qtbase_zh_CN.qm.
        app = subprocess.Popen([str(bundle / "desk-app")], cwd=tmp_path,
                               env=dict(env, LANG="zh_CN.UTF-8", XDG_CONFIG_HOME=str(tmp_path / "zh")),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline, window = time.time() + 60, ""
        while not window and time.time() < deadline:
            window = x("search", "--onlyvisible", "--name", "desk-app：")
        assert window, "no window titled in Chinese within a minute"
        assert x("getwindowname", window.splitlines()[0]) == "desk-app：手写数字"
        app.kill()
    finally:
        xvfb.kill()


def test_the_bundle_carries_the_translations(bundle):
    internal = bundle / "_internal"
    assert {p.name for p in (internal / "desk_app" / "translations").glob("*.qm")} == \
        {"desk_app_zh_CN.qm", "desk_app_en.qm"}
    qt_own = internal / "PySide6" / "Qt" / "translations"
    assert [p.name for p in qt_own.glob("*.qm")] == ["qtbase_zh_CN.qm"]  # Qt's buttons and dialogs
