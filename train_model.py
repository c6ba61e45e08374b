#!/usr/bin/env python
"""Train desk-app's digit recogniser on MNIST, show its curves, and replace the bundled model.

    python train_model.py                        # the default recipe ($DESK_APP_MNIST, Keras's cache,
                                                 # or a download)
    python train_model.py --data DIR             # MNIST from a folder of the four IDX files
    python train_model.py --ensemble bench/previous/model.keras   # how the bundled model is made
    python train_model.py --arch seed --optimizer rmsprop --epochs 5 --batch-size 64 --no-augment
                                                 # the original tutorial's recipe

Writes into --out (default assets/): model.keras, model.tflite (what the app runs on LiteRT),
model_card.json, curves.png and confusion.png. Every file is replaced atomically and only after
training and conversion succeeded: an interrupted or failed run leaves the previous model usable.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DEFAULT_OUT = ROOT / "assets"
DEFAULT_DRAWN = ROOT / "data" / "drawn-digits" / "unipen-1a-dev.npz"
DEFAULT_LETTERS = ROOT / "data" / "non-digits" / "unipen-letters-dev.npz"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description="Train the digit recogniser on MNIST and export it for desk-app.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    p.add_argument("--data", metavar="PATH", default=None,
                   help="folder with the four MNIST IDX files (gzipped or not) or a Keras "
                        "mnist.npz; default: download with keras.datasets.mnist")
    p.add_argument("--out", metavar="DIR", default=str(DEFAULT_OUT),
                   help="output folder for the model, its card and its plots")
    p.add_argument("--arch", choices=["default", "seed"], default="default",
                   help="network: 'default' (BatchNorm CNN) or 'seed' (the tutorial's network)")
    p.add_argument("--optimizer", choices=["adam", "rmsprop", "sgd"], default="adam",
                   help="optimizer")
    p.add_argument("--epochs", type=int, default=None,
                   help="passes over the training data (default 12, or 3 with --finetune)")
    p.add_argument("--batch-size", type=int, default=256, help="images per gradient step")
    p.add_argument("--lr", type=float, default=None,
                   help="initial learning rate (default 2e-3, or 5e-5 with --finetune)")
    p.add_argument("--lr-schedule", choices=["auto", "cosine", "constant"], default="auto",
                   help="learning-rate schedule; 'auto' is cosine decay for the default arch "
                        "and constant for the seed arch, as in the tutorial")
    p.add_argument("--val-size", type=int, default=5000,
                   help="training images held out for validation (the test set is only used "
                        "for the final figure)")
    p.add_argument("--limit", type=int, default=None, metavar="N",
                   help="use only the first N training images (quick runs)")
    p.add_argument("--seed", type=int, default=1, help="random seed")
    p.add_argument("--no-augment", action="store_true",
                   help="train on the images as they are: no random distortions, no styles")
    p.add_argument("--no-styles", action="store_true",
                   help="do not add synthetic style variants (slashed zeros, flagged ones, "
                        "barred sevens) to the training images")
    p.add_argument("--no-negatives", action="store_true",
                   help="train a plain ten-digit classifier: no 'not a digit' class (letters, "
                        "scribbles, crammed digits)")
    p.add_argument("--letters", metavar="NPZ", default=str(DEFAULT_LETTERS),
                   help="pen-written letters taught as 'not a digit' (those written like digits "
                        "excluded, and the held-out sites kept for measuring)")
    p.add_argument("--ensemble", metavar="KERAS", default=None,
                   help="a trained ten-digit network (e.g. bench/previous/model.keras) whose digit "
                        "probabilities the exported model averages with this network's; 'not a "
                        "digit' stays this network's")
    p.add_argument("--ensemble-weight", type=float, default=0.65,
                   help="the ten-digit network's share of the digits' probabilities")
    p.add_argument("--drawn-digits", metavar="NPZ", default=str(DEFAULT_DRAWN),
                   help="pen-drawn digits to report accuracy on in the model card (evaluation "
                        "only, never trained on); skipped when the file does not exist")
    p.add_argument("--user-samples", metavar="DIR", default=None,
                   help="a sample store (the app's corrections) to mix into training, "
                        "oversampled so that they count")
    p.add_argument("--finetune", action="store_true",
                   help="adapt an existing model (--base) on the user samples plus replayed "
                        "MNIST, in a minute or two, instead of training from scratch")
    p.add_argument("--base", metavar="KERAS", default=None,
                   help="the model --finetune starts from (default: model.keras in --out, "
                        "else the bundled one)")
    p.add_argument("--replay", type=int, default=12000, metavar="N",
                   help="MNIST training images replayed beside the user samples in --finetune")
    p.add_argument("--distribute", action="store_true",
                   help="train with tf.distribute: MirroredStrategy over all local GPUs, or "
                        "MultiWorkerMirroredStrategy when TF_CONFIG describes a cluster")
    p.add_argument("--logical-cpus", type=int, default=0, metavar="N",
                   help="split the CPU into N logical devices (to try --distribute without GPUs)")
    p.add_argument("--tensorboard", metavar="DIR", default=None,
                   help="also write TensorBoard logs into DIR")
    p.add_argument("--no-show", action="store_true",
                   help="do not open a window with the curves (they are saved either way)")
    p.add_argument("--progress", action="store_true",
                   help="also print 'progress FRACTION WORDS' lines for the whole run (the "
                        "window's retraining dialog reads them)")
    args = p.parse_args(argv)
    if args.finetune and not args.user_samples:
        p.error("--finetune needs --user-samples DIR")
    if args.epochs is None:
        args.epochs = 3 if args.finetune else 12
    if args.lr is None:
        args.lr = 5e-5 if args.finetune else 2e-3
    if args.epochs < 1 or args.batch_size < 1 or args.lr <= 0:
        p.error("--epochs and --batch-size must be >= 1 and --lr > 0")
    if args.tensorboard:
        from importlib.util import find_spec

        if find_spec("tensorboard") is None:
            p.error("--tensorboard needs the tensorboard package (pip install 'desk-app[train]')")
    if args.limit is not None and args.limit < 10:
        p.error("--limit must be at least 10")
    problem = unwritable(Path(args.out))
    if problem:
        p.error(f"--out {args.out}: {problem}")
    return args


def unwritable(out: Path) -> str | None:
    """Why the model could not be written into ``out`` (checked before training, not after),
    or None. A folder that does not exist yet is made at the end, inside its nearest parent."""
    where = out
    while not where.exists() and where != where.parent:
        where = where.parent
    if not where.is_dir():
        return f"{where} is a file, not a folder"
    if not os.access(where, os.W_OK | os.X_OK):
        return f"{where} is not writable"
    return None


def make_strategy(distribute: bool):
    """The tf.distribute strategy: one device by default; with --distribute, a cluster when
    TF_CONFIG describes one, else every local GPU (or logical CPU) mirrored."""
    import tensorflow as tf

    if not distribute:
        return tf.distribute.get_strategy()
    if os.environ.get("TF_CONFIG"):
        return tf.distribute.MultiWorkerMirroredStrategy()
    gpus = tf.config.list_logical_devices("GPU")
    devices = [d.name for d in gpus or tf.config.list_logical_devices("CPU")]
    return tf.distribute.MirroredStrategy(devices=devices)


def is_chief() -> bool:
    """In a cluster only the chief (or worker 0) writes the model."""
    import json

    task = json.loads(os.environ.get("TF_CONFIG", "{}")).get("task", {})
    return task.get("type", "chief") == "chief" or (task.get("type") == "worker"
                                                    and task.get("index", 0) == 0)


def make_model(args: argparse.Namespace, n_train: int, classes: int, base: Path | None = None):
    """The network, compiled with the chosen optimizer and learning-rate schedule. With ``base``,
    it starts from that model's weights with its batch-norm statistics frozen, so a small
    fine-tuning set cannot shift what the network expects of every image."""
    import keras
    import numpy as np

    from desk_app.training.export import load_keras
    from desk_app.training.model import build_model

    model = build_model(args.arch, classes)
    if base is not None:
        model.set_weights(load_keras(base).get_weights())
        for layer in model.layers:
            if isinstance(layer, keras.layers.BatchNormalization):
                layer.trainable = False
        print(f"fine-tuning {base}")
    schedule = args.lr_schedule
    if schedule == "auto":
        schedule = "constant" if args.arch == "seed" or args.finetune else "cosine"
    steps = args.epochs * int(np.ceil(n_train / args.batch_size))
    lr = (keras.optimizers.schedules.CosineDecay(args.lr, steps, alpha=0.01)
          if schedule == "cosine" else args.lr)
    optimizer = {"adam": keras.optimizers.Adam, "rmsprop": keras.optimizers.RMSprop,
                 "sgd": lambda learning_rate: keras.optimizers.SGD(learning_rate, momentum=0.9)
                 }[args.optimizer](learning_rate=lr)
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model


def find_base(args: argparse.Namespace) -> Path:
    """The model --finetune starts from: --base, else the one in --out, else the bundled one."""
    for candidate in (args.base, Path(args.out) / "model.keras", DEFAULT_OUT / "model.keras"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise SystemExit("error: --finetune found no model.keras to start from; pass --base")


def base_classes(path: Path) -> int:
    """How many classes the model to fine-tune has (10: an older digit-only model)."""
    from desk_app.training.export import load_keras

    return int(load_keras(path).get_layer("logits").units)


def make_negatives(args: argparse.Namespace, x_digits, n_digits: int, letters: bool = True,
                   seed: int | None = None):
    """Images that are not digits, about 11% as many as ``n_digits``: letters (the ones
    written like digits excluded, the held-out sites never used), scribbles and shapes, and
    digits crammed together."""
    import numpy as np

    from desk_app.evaluation import HELD_OUT_SITES, load_drawn_digits
    from desk_app.training.negatives import negatives

    seed = args.seed if seed is None else seed
    rng = np.random.default_rng(seed)
    letter_set = None
    if letters and Path(args.letters).is_file():
        letter_set = load_drawn_digits(args.letters)
    elif letters:
        print(f"warning: no letters at {args.letters}; not-a-digit is taught with scribbles only")
    train_sites = None if letter_set is None else set(letter_set.groups.tolist()) - HELD_OUT_SITES
    x, counts = negatives(x_digits, letter_set, train_sites, n_scribbles=int(0.03 * n_digits),
                          n_crammed=int(0.02 * n_digits), seed=seed)
    n_letters = counts.get("letters", 0)
    if n_letters:  # letters make about 6% of the digits, repeated if need be
        pick = rng.choice(n_letters, int(0.06 * n_digits), replace=n_letters < 0.06 * n_digits)
        x = np.concatenate([x[:n_letters][pick], x[n_letters:]])
        counts["letters"] = len(pick)
    return x, counts


# Where each step of a fine-tuning run begins, as a fraction of its wall time (measured: start-up
# and data a fifth, the epochs under half, evaluation, conversion and the drawn digits the rest).
STEPS = {"data": 0.02, "train": 0.2, "evaluate": 0.65, "export": 0.8, "drawn": 0.82}


def progress(args: argparse.Namespace, step: str, words: str, within: float = 0.0) -> None:
    """With --progress, one machine-readable line: how far the whole run is, and what it does."""
    if args.progress:
        names = list(STEPS)
        end = STEPS[names[names.index(step) + 1]] if step != names[-1] else 1.0
        print(f"progress {STEPS[step] + within * (end - STEPS[step]):.3f} {words}", flush=True)


def batch_progress(args: argparse.Namespace, epochs: int):
    """A Keras callback that reports progress about twenty times an epoch."""
    import keras

    class BatchProgress(keras.callbacks.Callback):
        def on_train_batch_end(self, batch: int, logs=None) -> None:
            steps = self.params.get("steps") or 1
            if batch % max(1, steps // 20) == 0 or batch == steps - 1:
                done = (self.epoch + (batch + 1) / steps) / epochs
                progress(args, "train", f"Training: epoch {self.epoch + 1} of {epochs}", done)

        def on_epoch_begin(self, epoch: int, logs=None) -> None:
            self.epoch = epoch

    return BatchProgress()


def can_show() -> bool:
    """A window can open: a display exists (always on macOS and Windows)."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # keep TensorFlow's start-up chatter out
    show = not args.no_show and can_show()
    # A polite SIGTERM (e.g. the window's cancel button) stops training like Ctrl+C does.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))

    # 1. Data: MNIST, scaled to [0, 1]; the last --val-size training images validate.
    progress(args, "data", "Loading MNIST")
    import numpy as np

    from desk_app.training.data import DataError, load_mnist

    try:
        mnist = load_mnist(args.data)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    x_train, y_train = mnist.x_train, mnist.y_train
    if args.limit:
        x_train, y_train = x_train[: args.limit], y_train[: args.limit]
    n_val = min(args.val_size, len(x_train) // 5)
    x_fit, y_fit = x_train[: len(x_train) - n_val], y_train[: len(y_train) - n_val]
    x_val, y_val = x_train[len(x_train) - n_val :], y_train[len(y_train) - n_val :]
    print(f"data: {mnist.source}: {len(x_fit)} training, {n_val} validation, "
          f"{len(mnist.x_test)} test images")
    if args.user_samples:
        from desk_app.samples import SampleStore

        x_user, y_user = SampleStore(args.user_samples, writable=False).arrays()  # never repairs
        if len(x_user) == 0:
            print(f"error: no samples in {args.user_samples}", file=sys.stderr)
            return 2
        if args.finetune:  # replay part of MNIST so the network does not forget it
            keep = np.random.default_rng(args.seed).permutation(len(x_fit))[: args.replay]
            x_fit, y_fit = x_fit[keep], y_fit[keep]
        repeat = max(1, round(0.05 * len(x_fit) / len(x_user)))  # about 5% of what it sees
        x_fit = np.concatenate([x_fit, np.repeat(x_user, repeat, axis=0)])
        y_fit = np.concatenate([y_fit, np.repeat(y_user, repeat)])
        print(f"user samples: {len(x_user)} from {args.user_samples}, each shown {repeat} times")
    if not (args.no_augment or args.no_styles or args.finetune):
        from desk_app.training.styles import add_styles

        x_extra, y_extra = add_styles(x_fit, y_fit, fraction=0.4, seed=args.seed)
        x_fit, y_fit = np.concatenate([x_fit, x_extra]), np.concatenate([y_fit, y_extra])
        print(f"styles: {len(x_extra)} extra images (slashed 0, flagged 1, barred 7; 0, 1, 4, 7, 9 "
              "drawn with a pen)")

    from desk_app.evaluation import HELD_OUT_SITES
    from desk_app.training.negatives import NOT_A_DIGIT

    classes, negative_counts = 10, {}
    if args.finetune:
        classes = base_classes(find_base(args))
    elif not (args.no_negatives or args.arch == "seed"):
        classes = 11
    if classes == 11:  # teach "not a digit": letters, scribbles, digits crammed together
        x_neg, negative_counts = make_negatives(args, x_fit, len(x_fit))
        x_fit = np.concatenate([x_fit, x_neg])
        y_fit = np.concatenate([y_fit, np.full(len(x_neg), NOT_A_DIGIT, y_fit.dtype)])
        print("not a digit: " + ", ".join(f"{n} {k}" for k, n in negative_counts.items()))
        x_vneg, _ = make_negatives(args, x_val, len(x_val) // 5, letters=False, seed=args.seed + 1)
        x_val = np.concatenate([x_val, x_vneg])
        y_val = np.concatenate([y_val, np.full(len(x_vneg), NOT_A_DIGIT, y_val.dtype)])

    import keras
    import matplotlib
    import tensorflow as tf

    if not show:
        matplotlib.use("Agg")
    if args.logical_cpus > 1:
        cpu = tf.config.list_physical_devices("CPU")[0]
        tf.config.set_logical_device_configuration(
            cpu, [tf.config.LogicalDeviceConfiguration()] * args.logical_cpus)
    strategy = make_strategy(args.distribute)
    chief = is_chief()

    from desk_app.evaluation import ece
    from desk_app.training import export, plots
    from desk_app.training.augment import random_affine
    from desk_app.training.calibrate import fit_temperature, softmax

    keras.utils.set_random_seed(args.seed)
    scale = np.float32(1 / 255)
    x_fit, x_val, x_test = (a.astype(np.float32) * scale for a in (x_fit, x_val, mnist.x_test))
    y_test = mnist.y_test

    # 2. Input pipeline: shuffle, batch, distort (on the fly, every epoch anew), prefetch.
    train_ds = tf.data.Dataset.from_tensor_slices((x_fit, y_fit.astype(np.int32)))
    train_ds = train_ds.shuffle(len(x_fit), seed=args.seed, reshuffle_each_iteration=True)
    train_ds = train_ds.batch(args.batch_size)
    if not args.no_augment:
        train_ds = train_ds.map(lambda x, y: (random_affine(x), y),
                                num_parallel_calls=tf.data.AUTOTUNE)
    train_ds = train_ds.prefetch(tf.data.AUTOTUNE)

    # 3. The network and its optimizer (made in the strategy's scope, so each device holds a copy).
    # Fine-tuning adapts this network alone: the user's model is one network that learned their
    # hand (an ensemble partner that cannot learn would keep outvoting it).
    base = find_base(args) if args.finetune else None
    with strategy.scope():
        model = make_model(args, len(x_fit), classes, base)
    print(f"model: {args.arch}, {model.count_params():,} parameters, "
          f"{strategy.num_replicas_in_sync} replica(s)")

    # 4. Train, the curves redrawn after every epoch. Ctrl+C stops without touching the model.
    start = time.perf_counter()
    try:
        progress(args, "train", "Training: starting")
        callbacks = [plots.live_curves(args.epochs, show and chief), batch_progress(args, args.epochs)]
        if args.tensorboard:
            callbacks.append(keras.callbacks.TensorBoard(log_dir=args.tensorboard))
        history = model.fit(train_ds, epochs=args.epochs, validation_data=(x_val, y_val),
                            verbose=1, callbacks=callbacks)
    except KeyboardInterrupt:
        print(f"\ninterrupted: nothing written; the model in {args.out} is unchanged.",
              file=sys.stderr)
        return 130
    train_seconds = time.perf_counter() - start

    # 5. Calibrate on the validation split, then the final figures, once, on the test set.
    progress(args, "evaluate", "Measuring the new model on MNIST")
    logits_of = keras.Model(model.inputs, model.get_layer("logits").output)
    val_logits = logits_of.predict(x_val, batch_size=1000, verbose=0)
    temperature = fit_temperature(val_logits, y_val)
    digits_val = y_val < 10
    val_acc = float((val_logits[digits_val, :10].argmax(1) == y_val[digits_val]).mean())
    app_model, ensemble_card = None, None
    if args.ensemble:  # the app runs both networks; calibrate the other one on the same split
        from desk_app.training.export import load_keras
        from desk_app.training.model import ensemble

        other = load_keras(args.ensemble)
        other_logits = keras.Model(other.inputs, other.get_layer("logits").output)
        t_other = fit_temperature(other_logits.predict(x_val[digits_val], batch_size=1000, verbose=0),
                                  y_val[digits_val])
        app_model = ensemble(other, model, t_other, temperature, args.ensemble_weight)
        ensemble_card = {"digits_from": Path(args.ensemble).as_posix(), "weight": args.ensemble_weight,
                         "temperature": t_other}
        probs = app_model.predict(x_test, batch_size=1000, verbose=0)
    else:
        probs = softmax(logits_of.predict(x_test, batch_size=1000, verbose=0), temperature)
    probs = probs[:, :10] / probs[:, :10].sum(axis=1, keepdims=True)  # the digits' probabilities
    y_pred = probs.argmax(axis=1)
    test_acc = float((y_pred == y_test).mean())
    print(f"validation accuracy {val_acc:.4f}, test accuracy {test_acc:.4f}, "
          f"training {train_seconds / 60:.1f} min, temperature {temperature}")

    # 6. Export: model, LiteRT model and card; then the plots beside them.
    out = Path(args.out)
    card = {
        "arch": args.arch,
        "test_accuracy": round(test_acc, 5),
        "val_accuracy": round(float(val_acc), 5),
        "epochs": args.epochs,
        "train_seconds": round(train_seconds, 1),
        "parameters": int(model.count_params()),
        "classes": classes,
        "ensemble": ensemble_card,
        "not_a_digit_training": negative_counts,
        "temperature": temperature,
        "test_ece": round(ece(probs, y_test), 5),
        "recipe": {k: v for k, v in vars(args).items() if k not in ("out", "no_show")},
        "training_images": len(x_fit),
        "validation_images": n_val,
        "held_out_letter_sites": sorted(HELD_OUT_SITES),
        "data_source": mnist.source,
        "data_sha256": mnist.sha256,
        "versions": {"python": platform.python_version(), "tensorflow": tf.__version__,
                     "keras": keras.__version__, "numpy": np.__version__},
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }
    if not chief:
        print("not the chief worker: the chief writes the model")
        return 0
    progress(args, "export", "Converting the model for the app")
    try:
        export.export(model, out, card, temperature, app_model)
    except KeyboardInterrupt:
        print(f"\ninterrupted during export; the model in {out} is unchanged.", file=sys.stderr)
        return 130
    drawn = Path(args.drawn_digits) if args.drawn_digits else None
    if drawn and drawn.is_file():  # evaluation only: the network never trains on these
        progress(args, "drawn", "Measuring the new model on pen-drawn digits")
        from desk_app import Recognizer, atomic
        from desk_app.evaluation import drawn_report, load_drawn_digits

        report = drawn_report(Recognizer(out / "model.tflite"), load_drawn_digits(drawn))
        card["drawn_digits"] = {"file": drawn.name, "count": report["count"],
                                "accuracy": report["accuracy"], "ece": report["ece"]}
        atomic.write_json(out / "model_card.json", card)
        print(f"drawn digits: {min(report['accuracy'].values()):.2%} in the hardest way of "
              f"drawing, calibration error {report['ece']:.2%}")
    title = f"{args.arch}: test accuracy {test_acc:.2%}"
    curves = plots.curves_figure(history.history, title)
    plots.save_figure(curves, out / "curves.png")
    plots.save_figure(plots.confusion_figure(y_test, y_pred, f"MNIST test set, {title}"),
                      out / "confusion.png")
    print(f"wrote {out / 'model.tflite'}, model.keras, model_card.json, curves.png, "
          "confusion.png")
    if show:
        import matplotlib.pyplot as plt

        plt.show()
    return 0


if __name__ == "__main__":
    sys.exit(main())
