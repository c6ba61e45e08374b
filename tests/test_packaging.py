"""The wheel carries the model: `Recognizer()` works after `pip install .`, from any folder."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out), str(ROOT)], check=True, timeout=300)
    return next(out.glob("desk_app-*.whl"))


def test_wheel_holds_model_and_entry_point(wheel):
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        entry = next(n for n in names if n.endswith("entry_points.txt"))
        assert "desk-app = desk_app.__main__:main" in z.read(entry).decode()
    assert {"desk_app/assets/model.tflite", "desk_app/assets/model_card.json"} <= names
    assert not any(n.endswith(".keras") for n in names)  # the app needs only the .tflite


def test_installed_package_finds_its_model(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site),
                    str(wheel)], check=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = ("import numpy as np, desk_app; from desk_app import Recognizer; r = Recognizer(); "
            "print(desk_app.__file__, r.path, r.predict_mnist(np.zeros((1, 28, 28))).shape)")
    out = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, capture_output=True, text=True,
                         env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert out.returncode == 0, out.stderr
    module, model, shape = out.stdout.split(maxsplit=2)
    assert module.startswith(str(site)) and model.startswith(str(site)) and shape.strip() == "(1, 10)"
