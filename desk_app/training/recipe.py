"""The training recipe as named steps, in the order train_model.py calls them:

    load_data -> add_user_samples -> add_styles -> add_negatives
    -> build -> fit -> recalibrate, or interpolate when fine-tuning (once per member of the
    ensemble) -> calibrate -> combine
    -> measure -> export -> write_card

Each step does one thing and says so in one line. The images stay uint8 until they are fed to
the network; TensorFlow is imported only by the steps that need it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import platform
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from desk_app.evaluation import ece
from desk_app.stroke_sets import HELD_OUT_SITES, LETTERS, load_stroke_set
from desk_app.training.negatives import NOT_A_DIGIT


@dataclass(frozen=True)
class Data:
    """MNIST split for training (``x_fit``), validation (calibration, the curves) and test (the
    final figure, once), with what the recipe added: uint8 images (N, 28, 28), ink 255."""

    x_fit: np.ndarray
    y_fit: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    source: str
    sha256: str
    added: dict = field(default_factory=dict)  # what each step added, for the card
    # The first ``core`` training images are MNIST images no member of the ensemble validates
    # on: styles and crammed digits are made from them alone.
    core: int = -1  # -1: all of x_fit

    @property
    def x_core(self) -> np.ndarray:
        return self.x_fit if self.core < 0 else self.x_fit[: self.core]

    @property
    def y_core(self) -> np.ndarray:
        return self.y_fit if self.core < 0 else self.y_fit[: self.core]

    def plus(self, key: str, value, x: np.ndarray | None = None, y: np.ndarray | None = None,
             x_val: np.ndarray | None = None, y_val: np.ndarray | None = None) -> Data:
        """This data with images added to the training (and validation) split."""
        return replace(
            self,
            x_fit=self.x_fit if x is None else np.concatenate([self.x_fit, x]),
            y_fit=self.y_fit if y is None else np.concatenate([self.y_fit, y.astype(self.y_fit.dtype)]),
            x_val=self.x_val if x_val is None else np.concatenate([self.x_val, x_val]),
            y_val=self.y_val if y_val is None
            else np.concatenate([self.y_val, y_val.astype(self.y_val.dtype)]),
            added={**self.added, key: value})


def say(text: str) -> None:
    print(text, flush=True)


@contextlib.contextmanager
def quiet(verbose: bool = False) -> Iterator[None]:
    """Keep TensorFlow's start-up chatter (CUDA probes, oneDNN notes) and the converter's
    "Saved artifact" dump off the console; --verbose shows them."""
    if verbose:
        yield
        return
    from desk_app.recognizer import quiet_stderr

    with quiet_stderr(), contextlib.redirect_stdout(io.StringIO()):
        yield


def load_data(path: str | None, limit: int | None = None, val_size: int = 5000, fold: int = 0,
              folds: int = 1) -> Data:
    """MNIST (``--data``, ``$DESK_APP_MNIST`` or Keras's cache). ``val_size`` training images
    validate: the last ones for ``fold`` 0, the ``val_size`` before them for fold 1, and so on,
    so that each member of an ensemble (of ``folds``) holds out different images and together
    they learn from all of them. Raises DataError saying what is missing."""
    from desk_app.training.data import load_mnist

    mnist = load_mnist(path)
    x, y = mnist.x_train, mnist.y_train
    if limit:
        x, y = x[:limit], y[:limit]
    n_val = min(val_size, len(x) // 5)
    end = len(x) - (fold % (len(x) // n_val)) * n_val
    val = np.zeros(len(x), bool)
    val[end - n_val : end] = True
    source = Path(mnist.source).name if os.path.isabs(mnist.source) else mnist.source
    core = len(x) - min(max(folds, fold + 1), len(x) // n_val - 1) * n_val  # before every fold's block
    data = Data(x[~val], y[~val], x[val], y[val], mnist.x_test, mnist.y_test, source, mnist.sha256,
                core=core)
    say(f"data: MNIST from {mnist.source}: {len(data.x_fit):,} training, {n_val:,} validation "
        f"(images {end - n_val:,} to {end - 1:,}), {len(data.x_test):,} test images")
    return data


def add_user_samples(data: Data, folder: str, finetune: bool, replay: int, seed: int) -> Data:
    """The user's corrections, repeated so that they make about 5% of what the network sees.
    Fine-tuning replays ``replay`` MNIST images beside them, so the network does not forget."""
    from desk_app.samples import SampleStore

    x_user, y_user = SampleStore(folder, writable=False).arrays()  # reads; never repairs
    if len(x_user) == 0:
        raise ValueError(f"no samples in {folder}")
    if finetune:
        keep = np.random.default_rng(seed).permutation(len(data.x_fit))[:replay]
        data = replace(data, x_fit=data.x_fit[keep], y_fit=data.y_fit[keep], core=-1)
    repeat = max(1, round(0.05 * len(data.x_fit) / len(x_user)))
    say(f"user samples: {len(x_user)} from {folder}, each shown {repeat} times")
    return data.plus("user_samples", len(x_user), np.repeat(x_user, repeat, axis=0),
                     np.repeat(y_user, repeat))


def add_styles(data: Data, seed: int, fraction: float = 0.4) -> Data:
    """Styles MNIST lacks: slashed zeros, flagged ones, barred sevens, and digits drawn as pen
    strokes (see ``styles.py``), made from the images no member validates on, as many as if
    they had been made from all ``x_fit``."""
    from desk_app.training.styles import add_styles as make

    x, y = make(data.x_core, data.y_core, fraction=fraction * len(data.x_fit) / len(data.x_core), seed=seed)
    say(f"styles: {len(x):,} extra images (slashed 0, flagged 1, barred 7; 0, 1, 4, 7, 9 drawn "
        "with a pen)")
    return data.plus("styles", len(x), x, y)


def _negatives(x_digits: np.ndarray, n_digits: int, letters_path: str | None, seed: int):
    from desk_app.training.negatives import negatives

    letters = None
    if letters_path and Path(letters_path).is_file():
        letters = load_stroke_set(letters_path)
    elif letters_path:
        say(f"warning: no letters at {letters_path}; not-a-digit is taught with scribbles only")
    sites = None if letters is None else set(letters.groups.tolist()) - HELD_OUT_SITES
    return negatives(x_digits, letters, sites, n_letters=int(0.06 * n_digits),  # about 6%
                     n_scribbles=int(0.04 * n_digits), n_crammed=int(0.02 * n_digits),
                     n_blots=int(0.01 * n_digits), seed=seed)


def add_negatives(data: Data, letters_path: str | None = str(LETTERS), seed: int = 1) -> Data:
    """"Not a digit", an eleventh class, about 13% as many as the digits: letters (those written
    like digits excluded, the held-out sites never used), scribbles and shapes, digits crammed
    together, filled blots. The validation split gets scribbles and crammed digits of its own."""
    x, counts = _negatives(data.x_core, len(data.x_fit), letters_path, seed)
    x_val, _ = _negatives(data.x_val, len(data.x_val) // 5, None, seed + 1)
    say("not a digit: " + ", ".join(f"{n:,} {k}" for k, n in counts.items()))
    return data.plus("not_a_digit", counts, x, np.full(len(x), NOT_A_DIGIT),
                     x_val, np.full(len(x_val), NOT_A_DIGIT))


def build(arch: str, classes: int, optimizer: str, lr: float, schedule: str, steps: int, base=None,
          precision: str = "float32", seed: int = 1):
    """The network (``model.build_model``), compiled, its first weights drawn from ``seed``:
    with the seeded distortions of ``dataset``, the same command trains the same network bit
    for bit. With ``base`` (a member of a trained model) it starts from those weights with
    batch-norm statistics frozen, so that a small fine-tuning set cannot shift what the network
    expects of every image."""
    import keras

    from desk_app.training.model import build_model

    keras.utils.set_random_seed(seed)
    model = build_model(arch, classes, steps, precision) if base is None else base
    if base is not None:
        for layer in model.layers:
            if isinstance(layer, keras.layers.BatchNormalization):
                layer.trainable = False
    if schedule == "cosine":
        lr = keras.optimizers.schedules.CosineDecay(lr, steps, alpha=0.01)
    opt = {"adam": keras.optimizers.Adam, "rmsprop": keras.optimizers.RMSprop,
           "sgd": lambda learning_rate: keras.optimizers.SGD(learning_rate, momentum=0.9)}[optimizer]
    model.compile(optimizer=opt(learning_rate=lr), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"], jit_compile=False)  # XLA's dropout: half the speed on a CPU
    return model


def dataset(data: Data, batch_size: int, augment: bool, seed: int, epochs: int):
    """``epochs`` passes over the training images, each in a new random order, in batches
    distorted anew (``augment.random_affine``): one iterator for the whole run. The order is
    drawn up front in NumPy and each batch gathered at once: TensorFlow's shuffle buffer handled
    the images one by one (a sixth of each epoch's time)."""
    import tensorflow as tf

    from desk_app.training.augment import random_affine

    n, steps = len(data.x_fit), steps_per_epoch(len(data.x_fit), batch_size)
    size = min(batch_size, n)
    rng = np.random.default_rng(seed)
    order = np.stack([rng.permutation(n)[: steps * size] for _ in range(epochs)]).reshape(-1, size)
    x, y = tf.constant(data.x_fit), tf.constant(data.y_fit.astype(np.int32))

    def batch(number, idx):
        images = tf.cast(tf.gather(x, idx), tf.float32) / 255.0
        if augment:
            images = random_affine(images, tf.stack([tf.cast(seed, tf.int64), number]))
        return images, tf.gather(y, idx)

    # No autotuning: its thread sleeps ever longer between rounds (up to a minute), and the
    # iterator, deleted at the end of fit, waited for it to wake: 6-39 s with both cores idle
    # after one training run in two (seen in a native stack dump). Two batches in the making
    # and four ready keep the network fed on any number of cores.
    options = tf.data.Options()
    options.autotune.enabled = False
    ds = tf.data.Dataset.from_tensor_slices((np.arange(len(order), dtype=np.int64), order)).repeat()
    return ds.map(batch, num_parallel_calls=2).prefetch(4).with_options(options)


def as_float(x: np.ndarray) -> np.ndarray:
    return x.astype(np.float32) / np.float32(255)


def steps_per_epoch(images: int, batch_size: int) -> int:
    """Whole batches an epoch: the few images past the last one sit that epoch out (each epoch
    draws its own order, so a different few)."""
    return max(1, images // batch_size)


def fit(model, data: Data, epochs: int, batch_size: int, augment: bool, seed: int,
        callbacks=()) -> dict[str, list[float]]:
    """Train; returns the history (loss and accuracy per epoch, training and validation)."""
    import keras

    keras.utils.set_random_seed(seed)
    history = model.fit(dataset(data, batch_size, augment, seed, epochs), epochs=epochs,
                        steps_per_epoch=steps_per_epoch(len(data.x_fit), batch_size),
                        validation_data=(as_float(data.x_val), data.y_val.astype(np.int32)),
                        verbose=0, shuffle=False, callbacks=list(callbacks))
    return history.history


def recalibrate(model, data: Data, n: int = 10000, seed: int = 0) -> None:
    """Measure each batch norm's statistics again, on undistorted training images with dropout
    off: as the exported network will see them. Training measured them on distorted images
    behind dropout, whose spread is not the one the network meets when it is used. It lifted
    every network tried: on the drawn digits from 98.72-99.33% to 99.49-99.61% (four runs), on
    MNIST by 0.02 to 0.16 point. Layer by layer, since each layer's input depends on the
    statistics of the layers before it."""
    import keras

    norms = [layer for layer in model.layers if isinstance(layer, keras.layers.BatchNormalization)]
    pick = np.random.default_rng(seed).permutation(len(data.x_fit))[:n]
    for layer in norms:
        seen = keras.Model(model.input, layer.input)
        total = squares = 0.0
        for start in range(0, len(pick), 1000):
            a = np.asarray(seen(as_float(data.x_fit[pick[start : start + 1000]]), training=False))
            a = a.reshape(-1, a.shape[-1]).astype(np.float64)
            total, squares = total + a.sum(axis=0), squares + (a * a).sum(axis=0)
        count = len(pick) * int(np.prod(layer.input.shape[1:-1]))
        mean = total / count
        layer.moving_mean.assign(mean.astype(np.float32))
        layer.moving_variance.assign(np.maximum(squares / count - mean * mean, 0.0).astype(np.float32))
    if norms:
        say(f"batch norm: statistics measured again on {len(pick):,} undistorted training images")


def interpolate(model, start: list[np.ndarray], share: float = 0.25) -> None:
    """Fine-tuning's last step: the weights moved back from the fine-tuned ones ``share`` of the
    way to ``start``, those it began with (WiSE-FT: Wortsman et al., 2022, "Robust fine-tuning
    of zero-shot models"). On a dev writer's ten corrections (the fine-tuning test), moving back
    0, 25% and 50% of the way: the other writers' digits lost 0.21, 0.13 and 0.09 point, MNIST
    read 99.54%, 99.59% and 99.60% (99.57% before); but after ten corrections of a one with a
    long flat flag (read as 7), 10, 9 and 4 of ten new ones read as 1: halfway forgets too
    much of what the user taught."""
    now = model.get_weights()
    model.set_weights([share * a + (1.0 - share) * b for a, b in zip(start, now, strict=True)])
    say(f"fine-tuning: weights moved back {share:.0%} of the way to those it started from")


def logits_model(model):
    import keras

    return keras.Model(model.inputs, model.get_layer("logits").output)


def calibrate(model, data: Data) -> float:
    """The temperature T (softmax(logits / T)) that fits the validation split best."""
    from desk_app.training.calibrate import fit_temperature

    logits = logits_model(model).predict(as_float(data.x_val), batch_size=1000, verbose=0)
    return fit_temperature(logits, data.y_val)


def combine(members: list, temperatures: list[float]):
    """The model the app runs: each member calibrated, their probabilities averaged."""
    from desk_app.training.model import ensemble

    return ensemble(members, temperatures)


def members_of(model) -> list:
    """The trainable networks of a saved model: an ensemble's members (each with its softmax
    restored, sharing the member's layers), or the model itself."""
    import keras

    inner = [layer for layer in model.layers if layer.name.startswith("member_")]
    if not inner:
        return [model]
    return [keras.Model(m.inputs, keras.layers.Softmax(name="probabilities")(m.get_layer("logits").output),
                        name=m.name) for m in inner]


def measure(app_model, data: Data) -> dict:
    """The final figures, once, on the test set (digits only, as ``predict_mnist``)."""
    probs = app_model.predict(as_float(data.x_test), batch_size=1000, verbose=0)[:, :10]
    probs = probs / probs.sum(axis=1, keepdims=True)
    return {"test_accuracy": round(float((probs.argmax(1) == data.y_test).mean()), 5),
            "test_ece": round(ece(probs, data.y_test), 5), "predictions": probs.argmax(1)}


def val_accuracy(model, data: Data) -> float:
    """A member's accuracy on the digits of its own validation split."""
    digits = data.y_val < 10
    probs = model.predict(as_float(data.x_val[digits]), batch_size=1000, verbose=0)[:, :10]
    return float((probs.argmax(1) == data.y_val[digits]).mean())


def export(app_model, staged: Path, verbose: bool = False) -> str:
    """Write ``model.keras`` and ``model.tflite`` into the staging folder ``staged``; returns
    the ``.tflite``'s SHA-256 for the card."""
    from desk_app.training.export import write_model

    with quiet(verbose):
        return write_model(app_model, staged)


def write_card(folder: Path, card: dict) -> None:
    """The model card, written once: what was trained, how, on what, and how it did."""
    from desk_app import atomic
    from desk_app.model_files import CARD_NAME

    atomic.write_json(folder / CARD_NAME, card)


def card_of(args, data: Data, figures: dict, temperatures: list[float], histories: list[dict],
            seconds: float, tflite_sha256: str, drawn: dict | None) -> dict:
    """The card's contents. Paths are recorded as names, never as this machine's folders."""
    import keras
    import tensorflow as tf

    from desk_app.training.precision import cpu_name

    def portable(v):
        return Path(v).name if isinstance(v, str) and os.path.isabs(v) else v

    return {
        "arch": args.arch, "members": len(temperatures), "classes": 11 if "not_a_digit" in data.added else 10,
        "test_accuracy": figures["test_accuracy"], "test_ece": figures["test_ece"],
        "val_accuracy": figures["val_accuracy"], "epochs": args.epochs,
        "wall_seconds": round(seconds, 1), "temperatures": temperatures,
        "precision": args.precision, "cpu": cpu_name(), "cpu_cores": os.cpu_count(),
        "recipe": {k: portable(v) for k, v in vars(args).items() if k not in ("out", "no_show", "verbose")},
        "added": data.added, "training_images": len(data.x_fit), "validation_images": len(data.x_val),
        "held_out_letter_sites": sorted(HELD_OUT_SITES), "data_source": data.source,
        "data_sha256": data.sha256, "drawn_digits": drawn, "tflite_sha256": tflite_sha256,
        "final_val_accuracy": [h.get("val_accuracy", [None])[-1] for h in histories],
        "versions": {"python": platform.python_version(), "tensorflow": tf.__version__,
                     "keras": keras.__version__, "numpy": np.__version__},
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }


def drawn_digits(tflite: Path, path: str | None) -> dict | None:
    """Accuracy on the pen-drawn digits in each way of drawing (evaluation only: never
    trained on), or None when the file is not there."""
    if not path or not Path(path).is_file():
        return None
    from desk_app import Recognizer
    from desk_app.evaluation import drawn_report

    report = drawn_report(Recognizer(tflite), load_stroke_set(path))
    say(f"drawn digits: {min(report['accuracy'].values()):.2%} in the hardest way of drawing, "
        f"calibration error {report['ece']:.2%}")
    return {"file": Path(path).name, "count": report["count"], "accuracy": report["accuracy"],
            "ece": report["ece"]}


def verdict_on(figures: dict, drawn: dict | None, out: Path, finetune: bool = False) -> str | None:
    """Why this model should not replace the one in ``out``: no better than chance, or clearly
    below it on MNIST or on the pen-drawn digits (in the hardest way of drawing). None when it
    may. Fine-tuning is allowed a little more: it trades some of MNIST for the user's hand."""
    import json

    from desk_app.model_files import CARD_NAME

    acc = figures["test_accuracy"]
    if acc < 0.5:
        return (f"the new model reads only {acc:.2%} of MNIST's test set right: no better than "
                "guessing (too few images or epochs?)")
    try:
        card = json.loads((out / CARD_NAME).read_text())
    except (OSError, ValueError):
        return None
    mnist_slack, drawn_slack = (0.005, 0.01) if finetune else (0.001, 0.003)
    before = card.get("test_accuracy") if isinstance(card, dict) else None
    if isinstance(before, float) and acc < before - mnist_slack:
        return (f"the new model reads {acc:.2%} of MNIST's test set right, below the "
                f"{before:.2%} of the model in {out}")
    old = card.get("drawn_digits") if isinstance(card, dict) else None
    if drawn and isinstance(old, dict) and old.get("file") == drawn["file"]:
        now, then = min(drawn["accuracy"].values()), min(old.get("accuracy", {1: 0.0}).values())
        if isinstance(then, float) and now < then - drawn_slack:
            return (f"the new model reads {now:.2%} of the pen-drawn digits right in the hardest "
                    f"way of drawing, below the {then:.2%} of the model in {out}")
    return None


def timer() -> Callable[[], float]:
    start = time.perf_counter()
    return lambda: time.perf_counter() - start


def strategy(distribute: bool, logical_cpus: int = 0):
    """The tf.distribute strategy: one device by default; with ``distribute``, a cluster when
    TF_CONFIG describes one, else every local GPU (or logical CPU) mirrored."""
    import tensorflow as tf

    if logical_cpus > 1:
        cpu = tf.config.list_physical_devices("CPU")[0]
        tf.config.set_logical_device_configuration(
            cpu, [tf.config.LogicalDeviceConfiguration()] * logical_cpus)
    if not distribute:
        return tf.distribute.get_strategy()
    if os.environ.get("TF_CONFIG"):
        return tf.distribute.MultiWorkerMirroredStrategy()
    devices = [d.name for d in tf.config.list_logical_devices("GPU") or tf.config.list_logical_devices("CPU")]
    return tf.distribute.MirroredStrategy(devices=devices)


def is_chief() -> bool:
    """In a cluster only the chief (or worker 0) writes the model."""
    import json

    task = json.loads(os.environ.get("TF_CONFIG", "{}")).get("task", {})
    return task.get("type", "chief") == "chief" or (task.get("type") == "worker"
                                                    and task.get("index", 0) == 0)
