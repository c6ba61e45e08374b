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


def build_model(arch: str = "default", classes: int = 11) -> keras.Model:
    """A classifier from MNIST-format images (N, 28, 28), ink 1.0, to class probabilities: the
    ten digits and, as an eleventh class, "not a digit" (letters, scribbles, crammed digits).
    ``classes=10`` builds the plain digit classifier of the tutorial.

    The last Dense layer is named ``logits`` so export can apply a temperature before softmax.
    """
    if arch not in ARCHS:
        raise ValueError(f"unknown arch {arch!r}; choose from {', '.join(ARCHS)}")
    if classes not in (10, 11):
        raise ValueError(f"classes must be 10 (digits) or 11 (digits and not-a-digit), got {classes}")
    inputs = keras.Input(shape=(28, 28), name="image")
    x = layers.Reshape((28, 28, 1))(inputs)
    x = (_seed_body if arch == "seed" else _default_body)(x)
    logits = layers.Dense(classes, name="logits")(x)
    outputs = layers.Softmax(name="probabilities")(logits)
    return keras.Model(inputs, outputs, name=f"desk_app_{arch}")


def with_temperature(model: keras.Model, temperature: float = 1.0, name: str | None = None) -> keras.Model:
    """The same network whose probabilities are softmax(logits / T): calibrated for export."""
    logits = model.get_layer("logits").output
    scaled = layers.Rescaling(1.0 / float(temperature), name="temperature")(logits)
    outputs = layers.Softmax(name="calibrated")(scaled)
    return keras.Model(model.inputs, outputs, name=name or model.name + "_calibrated")


@keras.saving.register_keras_serializable(package="desk_app")
class Combine(layers.Layer):
    """Two calibrated networks as one: the digits' probabilities are the weighted mean of a
    ten-digit network's and this network's; "not a digit" is this network's alone. The output
    is eleven probabilities, digits scaled by P(a digit), so they still sum to 1."""

    def __init__(self, weight: float = 0.65, **kwargs) -> None:
        super().__init__(**kwargs)
        self.weight = float(weight)

    def call(self, digits, probs):
        ops = keras.ops
        own = probs[:, :10] / ops.sum(probs[:, :10], axis=1, keepdims=True)
        mixed = self.weight * digits + (1.0 - self.weight) * own
        p_not = probs[:, 10:]
        return ops.concatenate([mixed * (1.0 - p_not), p_not], axis=1)

    def get_config(self) -> dict:
        return {**super().get_config(), "weight": self.weight}


def ensemble(digits: keras.Model, model: keras.Model, t_digits: float, t_model: float,
             weight: float = 0.65) -> keras.Model:
    """One calibrated model from a ten-digit network and an eleven-class one (see Combine)."""
    a = with_temperature(digits, t_digits, name="digits")
    b = with_temperature(model, t_model, name="digits_or_not")
    inputs = keras.Input(shape=(28, 28), name="image")
    outputs = Combine(weight, name="combined")(a(inputs), b(inputs))
    return keras.Model(inputs, outputs, name="desk_app_ensemble")
