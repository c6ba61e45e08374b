"""Where the bundled model lives and what its files are called; no TensorFlow, no Qt."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from desk_app import words

TFLITE_NAME = "model.tflite"
KERAS_NAME = "model.keras"
CARD_NAME = "model_card.json"

BUNDLED = words.QT_TRANSLATE_NOOP("words", "bundled model")
RETRAINED = words.QT_TRANSLATE_NOOP("words", "your retrained model")
OTHER = words.QT_TRANSLATE_NOOP("words", "model {name} from {folder}")
TRAINED = words.QT_TRANSLATE_NOOP("words", "trained {date}")
ON_MNIST = words.QT_TRANSLATE_NOOP("words", "{percent} on the MNIST test set")
words.QT_TRANSLATE_NOOP("words", ", ")  # between the parts of a description (Chinese: "，")

_CHECKOUT_ASSETS = Path(__file__).resolve().parent.parent / "assets"


def assets_dir() -> Path:
    """The bundled model's folder: ``assets/`` in a checkout, or the copy inside the wheel."""
    if (_CHECKOUT_ASSETS / TFLITE_NAME).is_file():
        return _CHECKOUT_ASSETS
    from importlib import resources  # only for an installed wheel: not on the way to the window

    try:
        packaged = Path(str(resources.files("desk_app") / "assets"))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - exotic loaders
        packaged = _CHECKOUT_ASSETS
    return packaged if (packaged / TFLITE_NAME).is_file() else _CHECKOUT_ASSETS


def default_model_path() -> Path:
    return assets_dir() / TFLITE_NAME


def data_dir() -> Path:
    """The user's desk-app folder (samples, retrained model): Qt's GenericDataLocation plus
    ``desk-app``, found here without Qt so that the command line and the window agree."""
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        xdg = os.environ.get("XDG_DATA_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else home / ".local" / "share"
    return base / "desk-app"


def user_model_path() -> Path:
    """Where retraining from the window installs the user's own model."""
    return data_dir() / "model" / TFLITE_NAME


def set_aside_path() -> Path:
    """Where "Restore the bundled model" keeps the user's model, so that it can come back."""
    return data_dir() / "model.set-aside" / TFLITE_NAME


def model_choices(explicit: str | Path | None = None) -> list[Path]:
    """The models to try, best first: the one asked for; else the user's own (retrained from
    the window), then the bundled one. The window and ``desk-app --read`` both use this."""
    if explicit is not None:
        return [Path(explicit)]
    own = user_model_path()
    return ([own] if own.is_file() else []) + [default_model_path()]


def is_bundled(path: str | Path) -> bool:
    return Path(path).resolve() == default_model_path().resolve()


def describe(path: str | Path, card: dict, say: Callable[[str], str] = words.same) -> str:
    """The model in a few words: which one, when it was trained, how it does on MNIST."""
    path = Path(path)
    if is_bundled(path):
        kind = say(BUNDLED)
    elif path == user_model_path():
        kind = say(RETRAINED)
    else:
        kind = say(OTHER).format(name=path.name, folder=path.parent)
    date, acc = card.get("date"), card.get("test_accuracy")
    parts = [kind]
    if isinstance(date, str):
        parts.append(say(TRAINED).format(date=date[:10]))
    if isinstance(acc, float):
        parts.append(say(ON_MNIST).format(percent=f"{acc:.2%}"))
    return say(", ").join(parts)


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


def sha256_of(path: Path) -> str | None:
    import hashlib

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def install(staged: Path, out: Path) -> None:
    """Move a model made in ``staged`` (model.tflite, its card, model.keras, the plots) into
    ``out`` so that a kill, a Ctrl+C or a full disk between any two steps leaves a usable model:

    1. a card that accepts the old ``.tflite`` and the new one (both checksums);
    2. the new ``.tflite``, by one rename;
    3. the new card, by one rename; then the rest.
    """
    from desk_app import atomic

    card = json.loads((staged / CARD_NAME).read_text())
    old = sha256_of(out / TFLITE_NAME)
    if old is not None and old != card["tflite_sha256"]:
        atomic.write_json(out / CARD_NAME, {**card, "tflite_sha256": [card["tflite_sha256"], old]})
    os.replace(staged / TFLITE_NAME, out / TFLITE_NAME)
    os.replace(staged / CARD_NAME, out / CARD_NAME)
    for name in (KERAS_NAME, "curves.png", "confusion.png"):
        if (staged / name).exists():
            os.replace(staged / name, out / name)
