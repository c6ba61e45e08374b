"""The network, defined once: training, export and tests all build it here."""

from __future__ import annotations

import keras
import tensorflow as tf
from keras import layers

ARCHS = ("fast", "deep", "seed")
# Saved networks are rebuilt by the name in theirs; "default" is what "deep" was called before
# two "fast" networks became the default recipe.
OLD_NAMES = {"default": "deep"}
# Light dropout: the recipe trains for a few epochs on distorted images, which regularise
# already; the 0.25 and 0.4 of long MNIST recipes only slowed it (99.34% -> 99.53% on MNIST).
CONV_DROPOUT, DENSE_DROPOUT = 0.1, 0.25


@keras.saving.register_keras_serializable(package="desk_app")
class FusedBatchNormalization(layers.BatchNormalization):
    """Keras's batch normalisation, trained with TensorFlow's fused kernel: one pass over the
    activations instead of Keras's chain of casts, moments and elementwise ops, which took
    nearly half of each training step on a CPU (3,470 against 2,240 images a second in
    bfloat16, measured on 2 cores). Same variables and inference as its parent, so saved
    models, export and fine-tuning are unchanged."""

    def call(self, inputs, training=None, mask=None):
        last = self.axis in (-1, len(inputs.shape) - 1)
        if not (training and self.trainable and last) or mask is not None:
            return super().call(inputs, training=training, mask=mask)
        x = inputs if len(inputs.shape) == 4 else tf.reshape(inputs, [-1, 1, 1, inputs.shape[-1]])
        y, mean, variance = tf.compat.v1.nn.fused_batch_norm(
            x, self.gamma, self.beta, epsilon=self.epsilon, is_training=True)
        n = tf.cast(tf.size(x) // x.shape[-1], variance.dtype)
        variance *= (n - 1.0) / n  # the kernel's is unbiased; Keras averages the batch's own
        m = self.momentum
        self.moving_mean.assign(self.moving_mean * m + mean * (1.0 - m))
        self.moving_variance.assign(self.moving_variance * m + variance * (1.0 - m))
        return y if len(inputs.shape) == 4 else tf.reshape(y, tf.shape(inputs))


def _seed_body(x, momentum: float = 0.99):
    """The tutorial's network: Conv32-Pool-Conv64-Pool-Conv64-Flatten-Dense64."""
    x = layers.Conv2D(32, 3, activation="relu")(x)
    x = layers.MaxPooling2D(2)(x)
    x = layers.Conv2D(64, 3, activation="relu")(x)
    x = layers.MaxPooling2D(2)(x)
    x = layers.Conv2D(64, 3, activation="relu")(x)
    x = layers.Flatten()(x)
    return layers.Dense(64, activation="relu")(x)


def _conv_bn(x, filters: int, kernel: int = 3, momentum: float = 0.99):
    x = layers.Conv2D(filters, kernel, use_bias=False)(x)
    x = FusedBatchNormalization(momentum=momentum)(x)
    return layers.Activation("relu")(x)


def _dense_bn(x, momentum: float):
    x = layers.Flatten()(x)
    x = layers.Dense(128, use_bias=False)(x)
    x = FusedBatchNormalization(momentum=momentum)(x)
    x = layers.Activation("relu")(x)
    return layers.Dropout(DENSE_DROPOUT)(x)


def _deep_body(x, momentum: float = 0.99):
    """Two conv-conv-pool blocks with batch normalisation and dropout: the shape of the best
    published small MNIST CNNs."""
    for filters in (32, 64):
        x = _conv_bn(x, filters, momentum=momentum)
        x = _conv_bn(x, filters, momentum=momentum)
        x = layers.MaxPooling2D(2)(x)
        x = layers.Dropout(CONV_DROPOUT)(x)
    return _dense_bn(x, momentum)


def _conv_pool_bn(x, filters: int, kernel: int, momentum: float):
    """Convolution, 2x2 max-pooling, then batch norm and ReLU: the same function as batch norm,
    ReLU, then pooling (both are increasing maps of each channel, which pooling commutes with,
    for a positive batch-norm scale), with a quarter of the activations to normalise."""
    x = layers.Conv2D(filters, kernel, use_bias=False)(x)
    x = layers.MaxPooling2D(2)(x)
    x = FusedBatchNormalization(momentum=momentum)(x)
    return layers.Activation("relu")(x)


def _fast_body(x, momentum: float = 0.99):
    """A 5x5 stem pooled at once, then two 3x3 convolutions of 64: half the work of the deep
    body per image (its full-resolution second convolution is what costs most on a CPU), for a
    little less accuracy alone (99.54-99.57% on MNIST after 10 epochs, the deep one 99.52-99.61%).
    Two of them, averaged, train in the time of one deep network and read 99.6%: the default.
    Each pooling comes before its batch norm: a quarter of the normalising, which took more
    than a quarter of each training step (8,110 -> 10,210 images a second)."""
    x = _conv_pool_bn(x, 32, 5, momentum)
    x = _conv_bn(x, 64, momentum=momentum)
    x = _conv_pool_bn(x, 64, 3, momentum)
    x = layers.Dropout(CONV_DROPOUT)(x)
    return _dense_bn(x, momentum)


def build_model(arch: str = "fast", classes: int = 11, steps: int | None = None,
                precision: str = "float32") -> keras.Model:
    """A classifier from MNIST-format images (N, 28, 28), ink 1.0, to class probabilities: the
    ten digits and, as an eleventh class, "not a digit" (letters, scribbles, crammed digits).
    ``classes=10`` builds the plain digit classifier of the tutorial.

    The last Dense layer is named ``logits`` so export can apply a temperature before softmax.
    ``steps``, the training steps planned, shortens the batch-norm averages of a quick run.
    ``precision`` "mixed_bfloat16" computes in bfloat16 (1.5x as fast to train on a CPU that
    has it), weights and probabilities staying float32; ``in_float32`` makes it exportable.
    """
    # Batch-norm statistics are moving averages over ~100 steps; a quick run of a few dozen
    # steps would keep its first guess and answer one digit for everything.
    momentum = 0.99 if steps is None else min(0.99, max(0.5, 1.0 - 20.0 / steps))
    arch = OLD_NAMES.get(arch, arch)
    if arch not in ARCHS:
        raise ValueError(f"unknown arch {arch!r}; choose from {', '.join(ARCHS)}")
    if classes not in (10, 11):
        raise ValueError(f"classes must be 10 (digits) or 11 (digits and not-a-digit), got {classes}")
    before = keras.mixed_precision.global_policy()
    keras.mixed_precision.set_global_policy(precision)  # layers take the policy when made
    try:
        inputs = keras.Input(shape=(28, 28), name="image")
        x = layers.Reshape((28, 28, 1))(inputs)
        x = {"seed": _seed_body, "deep": _deep_body, "fast": _fast_body}[arch](x, momentum)
        logits = layers.Dense(classes, name="logits")(x)
        outputs = layers.Softmax(name="probabilities", dtype="float32")(logits)  # a float32 loss
    finally:
        keras.mixed_precision.set_global_policy(before)
    return keras.Model(inputs, outputs, name=f"desk_app_{arch}")


def in_float32(model: keras.Model) -> keras.Model:
    """The same network computing in float32: a model trained in mixed precision keeps its
    weights in float32 but computes in bfloat16, which LiteRT and the app do not."""
    if model.get_layer("logits").dtype_policy.name == "float32":
        return model
    arch, classes = model.name.removeprefix("desk_app_"), model.output_shape[-1]
    copy = build_model(arch, classes)
    copy.set_weights(model.get_weights())
    return copy


def with_temperature(model: keras.Model, temperature: float = 1.0, name: str | None = None) -> keras.Model:
    """The same network whose probabilities are softmax(logits / T): calibrated for export."""
    logits = model.get_layer("logits").output
    scaled = layers.Rescaling(1.0 / float(temperature), name="temperature")(logits)
    outputs = layers.Softmax(name="calibrated")(scaled)
    return keras.Model(model.inputs, outputs, name=name or model.name + "_calibrated")


def ensemble(members: list[keras.Model], temperatures: list[float]) -> keras.Model:
    """The model the app runs: each member calibrated with its own temperature, their
    probabilities averaged (one member: that member, calibrated). Members are kept as named
    sub-models (``member_0``, ...), so fine-tuning can find and adapt every one of them."""
    inputs = keras.Input(shape=(28, 28), name="image")
    outs = [with_temperature(m, t, name=f"member_{k}")(inputs)
            for k, (m, t) in enumerate(zip(members, temperatures, strict=True))]
    outputs = outs[0] if len(outs) == 1 else layers.Average(name="average")(outs)
    return keras.Model(inputs, outputs, name="desk_app_ensemble")
