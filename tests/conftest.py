"""Shared fixtures: the real bundled model, the real MNIST (from $DESK_APP_MNIST or Keras's cache) and
drawn-digit files, offscreen Qt."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep the tests' QSettings away from the user's own.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="desk-app-test-config-")
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="desk-app-test-data-")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from desk_app.stroke_sets import DRAWN_DIGITS as DRAWN  # noqa: E402  the copy in data/


@pytest.fixture(scope="session")
def mnist():
    from desk_app.training.data import load_mnist

    return load_mnist()  # --data's fallbacks: $DESK_APP_MNIST, then Keras's cache


@pytest.fixture(scope="session")
def recognizer():
    from desk_app import Recognizer

    return Recognizer()


@pytest.fixture(scope="session")
def drawn():
    from desk_app.stroke_sets import load_stroke_set

    return load_stroke_set(DRAWN)


@pytest.fixture(scope="session")
def drawn_sample(drawn):
    """A fixed sample of 300 drawn digits, 30 of each class, on the 280x280 canvas."""
    from desk_app.evaluation import WAYS, place

    rng = np.random.default_rng(0)
    idx = np.concatenate([rng.choice(np.flatnonzero(drawn.labels == d), 30, replace=False)
                          for d in range(10)])
    return [place(drawn.strokes[i], WAYS[0]) for i in idx], drawn.labels[idx]


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    """The real window, shown and active, with the bundled model and its own data folder."""
    return shown_window(qtbot, tmp_path, monkeypatch, "en")


def shown_window(qtbot, tmp_path, monkeypatch, language: str):
    """The real window in ``language`` (its translations installed first, as the app does at
    its start; English too, for its plural forms), shown, active, its model loaded."""
    from desk_app.ui import i18n
    from desk_app.window import MainWindow

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    i18n.install(language)
    w = MainWindow()
    qtbot.addWidget(w)
    w.resize(1200, 640)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    w.load_model()
    return w
