"""Export a trained network for the app: the ``.keras`` model, a LiteRT ``.tflite`` converted
from it, and ``model_card.json``. Everything is written atomically, so the app never finds a
missing or half-written model, and a failed export leaves the previous one in place."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

import keras
import tensorflow as tf

from desk_app import atomic
from desk_app.model_files import CARD_NAME, KERAS_NAME, TFLITE_NAME, install
from desk_app.training.model import with_temperature


def to_tflite(model: keras.Model, temperature: float = 1.0, calibrated: bool = False) -> bytes:
    """The LiteRT flatbuffer of ``model``, its probabilities softmax(logits / temperature)
    (or ``model`` as it is, when it is ``calibrated`` already: an ensemble)."""
    final = model if calibrated else with_temperature(model, temperature)
    return tf.lite.TFLiteConverter.from_keras_model(final).convert()


def keras_bytes(model: keras.Model) -> bytes:
    """The ``.keras`` archive as bytes (Keras writes files only, so via a private temp dir)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / KERAS_NAME
        model.save(path)
        return path.read_bytes()


def export(model: keras.Model, out: str | Path, card: dict, temperature: float = 1.0,
           app_model: keras.Model | None = None) -> Path:
    """Write model, ``.tflite`` and card into ``out``. Everything is converted before anything
    is replaced, then moved in by ``model_files.install``: killed at any step, ``out`` holds a
    model the app accepts. ``app_model``, when given,
    is what the app runs instead of ``model`` (an ensemble with another network)."""
    out = Path(out)
    keras_data = keras_bytes(model)
    tflite_data = (to_tflite(app_model, calibrated=True) if app_model is not None
                   else to_tflite(model, temperature))
    card["tflite_sha256"] = hashlib.sha256(tflite_data).hexdigest()  # checked at load; kept by the caller
    out.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=".staged-", dir=out))
    try:  # written beside, then moved in so that every moment leaves a usable model
        atomic.write_bytes(staged / KERAS_NAME, keras_data)
        atomic.write_json(staged / CARD_NAME, card)
        atomic.write_bytes(staged / TFLITE_NAME, tflite_data)
        install(staged, out)
    finally:
        shutil.rmtree(staged, ignore_errors=True)
    return out / TFLITE_NAME


def write_model(model: keras.Model, out: str | Path) -> str:
    """Write ``model.keras`` and ``model.tflite`` (the same calibrated model, converted as it
    is) into ``out``. Both are made before anything is written; returns the ``.tflite``'s
    SHA-256 for the card."""
    out = Path(out)
    keras_data = keras_bytes(model)
    tflite_data = to_tflite(model, calibrated=True)
    atomic.write_bytes(out / KERAS_NAME, keras_data)
    atomic.write_bytes(out / TFLITE_NAME, tflite_data)
    return hashlib.sha256(tflite_data).hexdigest()


def load_keras(path: str | Path) -> keras.Model:
    """Load a ``.keras`` model without ever running deserialised code (safe mode)."""
    return keras.models.load_model(path, safe_mode=True)
