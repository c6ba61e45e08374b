"""Where the bundled model lives and what its files are called; no TensorFlow, no Qt."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

TFLITE_NAME = "model.tflite"
KERAS_NAME = "model.keras"
CARD_NAME = "model_card.json"

_CHECKOUT_ASSETS = Path(__file__).resolve().parent.parent / "assets"


def assets_dir() -> Path:
    """The bundled model's folder: ``assets/`` in a checkout, or the copy inside the wheel."""
    if (_CHECKOUT_ASSETS / TFLITE_NAME).is_file():
        return _CHECKOUT_ASSETS
    try:
        packaged = Path(str(resources.files("desk_app") / "assets"))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - exotic loaders
        packaged = _CHECKOUT_ASSETS
    return packaged if (packaged / TFLITE_NAME).is_file() else _CHECKOUT_ASSETS


def default_model_path() -> Path:
    return assets_dir() / TFLITE_NAME


def read_card(model_path: str | Path) -> dict:
    """The model card beside a ``.tflite`` file, or ``{}`` when there is none or it is unreadable
    (the card describes the model; the model works without it)."""
    path = Path(model_path).parent / CARD_NAME
    try:
        if not path.is_file() or path.stat().st_size > 1_000_000:  # a FIFO would block forever
            return {}
        card = json.loads(path.read_text())
    except (OSError, ValueError, RecursionError):
        return {}
    return card if isinstance(card, dict) else {}
