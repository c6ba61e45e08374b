#!/usr/bin/env python
"""`make dist`: a self-contained application folder built with PyInstaller (no Python and no
venv needed to run it), packed as dist/desk-app-<version>-<platform>.tar.gz.

The bundle carries the model, the icon and the desktop entry; it leaves out TensorFlow,
Matplotlib and the test tools (retraining needs TensorFlow: the window says so and how).
"""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXCLUDE = ["tensorflow", "keras", "matplotlib", "pytest", "pytestqt", "hypothesis", "ruff",
           "IPython", "tkinter", "scipy", "pandas", "PySide6.QtTest", "desk_app.training",
           "PIL.AvifImagePlugin", "PIL._avif", "PIL.ImageTk", "PIL.ImageQt", "ssl", "_ssl",
           "pydoc", "unittest", "doctest", "PySide6.QtNetwork"]
UNUSED = [f"PySide6/Qt/plugins/{p}" for p in (
    "networkinformation", "tls", "egldeviceintegrations", "wayland-graphics-integration-client",
    "wayland-shell-integration", "wayland-decoration-client", "imageformats", "iconengines",
    "platforms/libqvnc.so", "platforms/libqlinuxfb.so", "platforms/libqvkkhrdisplay.so",
    "platforms/libqeglfs.so", "platforms/libqminimalegl.so", "generic/libqtuiotouchplugin.so",
    # GTK 3's theme: collected only where the build machine has GTK 3 (a window manager pulls it
    # in), with 11 MB of GTK's libraries; Qt's own Fusion style looks the same on every machine.
    "platformthemes/libqgtk3.so")] + [
    f"PySide6/Qt/lib/{lib}" for lib in ("libQt6Network.so.6", "libQt6Svg.so.6",
                                        "libQt6EglFSDeviceIntegration.so.6", "libQt6EglFsKmsSupport.so.6")]
DATA = ["model.tflite", "model_card.json", "desk-app.png", "desk-app.svg"]
QT_TRANSLATIONS = {"qtbase_zh_CN.qm"}  # Qt's own words (buttons, dialogs, keys) for the languages spoken


def strip(internal: Path) -> None:
    """Drop the debugging symbols of Python's own libraries (libpython alone: 22 MB to 6 MB).
    Wheels' libraries (numpy.libs, pillow.libs) are left alone: stripping breaks them."""
    if shutil.which("strip") is None:
        return
    for lib in [*internal.glob("libpython*.so*"), *internal.glob("python3*/lib-dynload/*.so")]:
        subprocess.run(["strip", "--strip-unneeded", str(lib)], check=False)


def _needed(lib: Path) -> set[str]:
    """The shared libraries an ELF file asks the loader for (its DT_NEEDED entries)."""
    out = subprocess.run(["readelf", "-d", str(lib)], capture_output=True, text=True, check=False)
    return {line.split("[", 1)[1].split("]", 1)[0] for line in out.stdout.splitlines()
            if "(NEEDED)" in line}


def prune(internal: Path) -> list[str]:
    """Remove the libraries PyInstaller collected beside the bundle's top level that nothing left
    in the bundle needs any more (the dependencies of plugins taken out): the bundle is the same
    whatever else the build machine has installed. Returns the names removed."""
    if shutil.which("readelf") is None:
        return []

    def is_elf(path: Path) -> bool:
        with open(path, "rb") as f:
            return f.read(4) == b"\x7fELF"

    elves = [p for p in internal.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p)]
    top = {p.name: p for p in elves if p.parent == internal}
    roots = [p for p in elves if p.parent != internal or p.name.startswith("libpython")]
    roots.append(internal.parent / "desk-app")
    keep: set[str] = set()
    todo = list(roots)
    while todo:
        for name in _needed(todo.pop()) - keep:
            keep.add(name)
            if name in top:
                todo.append(top[name])
    removed = sorted(n for n in top if n not in keep and not n.startswith("libpython"))
    for name in removed:
        top[name].unlink()
    return removed


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from desk_app import __version__

    build = ROOT / "build"
    out = build / "dist"
    args = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "ERROR",
            "--name", "desk-app", "--windowed", "--distpath", str(out),
            "--workpath", str(build / "pyinstaller"), "--specpath", str(build)]
    for name in DATA:
        args += ["--add-data", f"{ROOT / 'assets' / name}:desk_app/assets"]
    for qm in sorted((ROOT / "desk_app" / "translations").glob("*.qm")):
        args += ["--add-data", f"{qm}:desk_app/translations"]
    for module in EXCLUDE:
        args += ["--exclude-module", module]
    args.append(str(ROOT / "packaging" / "launch.py"))
    subprocess.run(args, check=True, cwd=ROOT)
    app = out / "desk-app"
    # Qt's translations but those of the languages spoken, network, Wayland and image-format
    # extras: the app reads images with Pillow, and Qt's own PNG support is built in.
    for qm in (app / "_internal" / "PySide6" / "Qt" / "translations").glob("*.qm"):
        if qm.name not in QT_TRANSLATIONS:
            qm.unlink()
    for unused in UNUSED:
        path = app / "_internal" / unused
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    removed = prune(app / "_internal")
    if removed:
        print(f"left out {len(removed)} libraries nothing in the bundle needs: {', '.join(removed)}")
    strip(app / "_internal")
    shutil.copy(ROOT / "packaging" / "desk-app.desktop", app / "desk-app.desktop")
    shutil.copy(ROOT / "assets" / "desk-app.png", app / "desk-app.png")
    target = ROOT / "dist" / f"desk-app-{__version__}-{sys.platform}-{platform.machine()}.tar.gz"
    target.parent.mkdir(exist_ok=True)
    tmp = target.with_suffix(".tmp")
    with tarfile.open(tmp, "w:gz") as tar:
        tar.add(app, arcname=f"desk-app-{__version__}")
    tmp.replace(target)
    print(f"unpacked: {folder_size(app) / 2**20:.0f} MB in {app}")
    print(f"wrote {target} ({target.stat().st_size / 2**20:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
