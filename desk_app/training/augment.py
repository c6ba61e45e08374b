"""Augmentation for training: random affine distortions of MNIST images, applied in the
``tf.data`` pipeline so the exported network holds no augmentation layers.

Rotation, shear, zoom and shift are composed into one matrix per image and applied with a single
bilinear resampling: chaining Keras's Random* layers resamples four times and blurs the digits,
which then no longer look like the sharp ones the network is tested on.
"""

from __future__ import annotations

import math

import tensorflow as tf

MAX_ROTATE = math.radians(12)
MAX_SHEAR = 0.2
ZOOM = 0.12
MAX_SHIFT = 2.0  # pixels


def random_affine(images: tf.Tensor, seed: tf.Tensor) -> tf.Tensor:
    """Distort a batch (N, 28, 28) of float images: each its own rotation, shear, zoom, shift.

    The draws are a function of ``seed`` (two integers: the run's seed and the batch's number),
    never of a shared random state: batches are distorted two at a time, and a shared state
    gave each batch whichever draws its thread took first, so no two runs trained alike."""
    n = tf.shape(images)[0]
    seeds = tf.random.experimental.stateless_split(tf.cast(seed, tf.int64), num=6)
    draws = iter(tf.unstack(seeds))

    def u(lo: float, hi: float) -> tf.Tensor:
        return tf.random.stateless_uniform([n], next(draws), lo, hi)

    theta, shear = u(-MAX_ROTATE, MAX_ROTATE), u(-MAX_SHEAR, MAX_SHEAR)
    sx, sy = u(1 - ZOOM, 1 + ZOOM), u(1 - ZOOM, 1 + ZOOM)
    tx, ty = u(-MAX_SHIFT, MAX_SHIFT), u(-MAX_SHIFT, MAX_SHIFT)
    cos, sin = tf.cos(theta), tf.sin(theta)
    # Forward map M = rotation @ shear @ scale, about the image centre.
    m00, m01 = cos * sx, (cos * shear - sin) * sy
    m10, m11 = sin * sx, (sin * shear + cos) * sy
    det = m00 * m11 - m01 * m10
    i00, i01, i10, i11 = m11 / det, -m01 / det, -m10 / det, m00 / det
    c = 13.5
    # The transform op maps output pixels to input pixels: p_in = M^-1 (p_out - c - t) + c.
    ox, oy = c + tx, c + ty
    a2 = c - (i00 * ox + i01 * oy)
    b2 = c - (i10 * ox + i11 * oy)
    zeros = tf.zeros([n])
    transforms = tf.stack([i00, i01, a2, i10, i11, b2, zeros, zeros], axis=1)
    out = tf.raw_ops.ImageProjectiveTransformV3(
        images=images[..., None], transforms=transforms, output_shape=tf.constant([28, 28]),
        fill_value=0.0, interpolation="BILINEAR", fill_mode="CONSTANT",
    )
    return out[..., 0]
