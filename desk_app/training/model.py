"""The network, defined once: training, export and tests all build it here."""

from __future__ import annotations

import keras
from keras import layers

ARCHS = ("default", "seed")


def _seed_body(x):
    """The tutorial's network: Conv32-Pool-Conv64-Pool-Conv64-Flatten-Dense64."""
    x = layers.Conv2D(32, 3, activation="relu")(x)
    x = layers.MaxPooling2D(2)(x)
    x = layers.Conv2D(64, 3, activation="relu")(x)
    x = layers.MaxPooling2D(2)(x)
    x = layers.Conv2D(64, 3, activation="relu")(x)
    x = layers.Flatten()(x)
    return layers.Dense(64, activation="relu")(x)


def _conv_bn(x, filters: int, kernel: int = 3):
    x = layers.Conv2D(filters, kernel, use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    return layers.Activation("relu")(x)


def _default_body(x):
    """Two conv-conv-pool blocks with batch normalisation and dropout: the shape of the best
    published small MNIST CNNs, sized to train in minutes on two CPU cores."""
    x = _conv_bn(x, 32)
    x = _conv_bn(x, 32)
    x = layers.MaxPooling2D(2)(x)
    x = layers.Dropout(0.25)(x)
    x = _conv_bn(x, 64)
    x = _conv_bn(x, 64)
    x = layers.MaxPooling2D(2)(x)
    x = layers.Dropout(0.25)(x)
    x = layers.Flatten()(x)
    x = layers.Dense(128, use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    return layers.Dropout(0.4)(x)


def build_model(arch: str = "default") -> keras.Model:
    """A classifier from MNIST-format images (N, 28, 28), ink 1.0, to class probabilities.

    The last Dense layer is named ``logits`` so export can apply a temperature before softmax.
    """
    if arch not in ARCHS:
        raise ValueError(f"unknown arch {arch!r}; choose from {', '.join(ARCHS)}")
    inputs = keras.Input(shape=(28, 28), name="image")
    x = layers.Reshape((28, 28, 1))(inputs)
    x = (_seed_body if arch == "seed" else _default_body)(x)
    logits = layers.Dense(10, name="logits")(x)
    outputs = layers.Softmax(name="probabilities")(logits)
    return keras.Model(inputs, outputs, name=f"desk_app_{arch}")


def with_temperature(model: keras.Model, temperature: float = 1.0) -> keras.Model:
    """The same network whose probabilities are softmax(logits / T): calibrated for export."""
    logits = model.get_layer("logits").output
    scaled = layers.Rescaling(1.0 / float(temperature), name="temperature")(logits)
    outputs = layers.Softmax(name="calibrated")(scaled)
    return keras.Model(model.inputs, outputs, name=model.name + "_calibrated")
