#!/usr/bin/env python
"""Train desk-app's digit recogniser on MNIST, show its curves, and replace the bundled model.

    python train_model.py                 # the default recipe, the bundled model's: two networks,
                                          # averaged; MNIST from $DESK_APP_MNIST or Keras's cache
    python train_model.py --data DIR      # MNIST from a folder of the four IDX files
    python train_model.py --arch seed --optimizer rmsprop --epochs 5 --batch-size 64 \\
        --no-augment --no-negatives      # the original tutorial's recipe

Writes into --out (default assets/): model.keras and model.tflite (the same calibrated model; the
app runs the .tflite on LiteRT), model_card.json, curves.png and confusion.png. Nothing is
replaced until training and conversion succeeded, and a model no better than chance, or clearly
below the one in --out (on MNIST or on the pen-drawn digits), replaces nothing unless --force.

The steps live in desk_app/training/recipe.py; main() below calls them in order.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing it

from desk_app.stroke_sets import DRAWN_DIGITS, LETTERS  # noqa: E402  (NumPy only: a quick --help)
from desk_app.training.precision import precision_of  # noqa: E402  (no TensorFlow)

DEFAULT_OUT = ROOT / "assets"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="Train the digit recogniser on MNIST and export it for "
                                "desk-app.", formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    add = p.add_argument
    add("--data", metavar="PATH", help="folder with the four MNIST IDX files (gzipped or not) or a "
        "Keras mnist.npz; default: $DESK_APP_MNIST, else Keras's cache")
    add("--out", metavar="DIR", default=str(DEFAULT_OUT), help="where the model, its card and plots go")
    add("--arch", choices=["fast", "deep", "seed"], default="fast",
        help="network: 'fast' (a pooled 5x5 stem, then two 3x3 convolutions, with BatchNorm), "
             "'deep' (two conv-conv-pool blocks: twice the work an image) or 'seed' (the "
             "tutorial's network)")
    add("--members", type=int, default=None, help="networks trained with seeds seed, seed+1, ... "
        "and averaged (an ensemble); default 2, 1 for the seed arch")
    add("--precision", choices=["auto", "float32", "bfloat16"], default="auto",
        help="'auto': bfloat16 arithmetic (weights stay float32) where the CPU has it, except for "
             "the tutorial's 'seed' network")
    add("--optimizer", choices=["adam", "rmsprop", "sgd"], default="adam", help="optimizer")
    add("--epochs", type=int, default=None, help="passes over the data (default 10, or 3 with --finetune)")
    add("--batch-size", type=int, default=128, help="images per gradient step")
    add("--lr", type=float, default=None,
        help="learning rate (default 2e-3; 1e-3, Keras's own, for the seed arch; 3e-5 with --finetune)")
    add("--lr-schedule", choices=["auto", "cosine", "constant"], default="auto",
        help="'auto': cosine decay, constant for the seed arch (as in the tutorial) and --finetune")
    add("--val-size", type=int, default=5000, help="training images held out for validation")
    add("--limit", type=int, metavar="N", help="use only the first N training images (quick runs)")
    add("--seed", type=int, default=1, help="random seed (member k uses seed + k)")
    add("--no-augment", action="store_true", help="no random distortions and no styles")
    add("--no-styles", action="store_true", help="no slashed zeros, flagged ones, pen-drawn digits")
    add("--no-negatives", action="store_true", help="ten digits only: no 'not a digit' class")
    add("--letters", metavar="NPZ", default=str(LETTERS), help="letters taught as 'not a digit'")
    add("--drawn-digits", metavar="NPZ", default=str(DRAWN_DIGITS),
        help="pen-drawn digits to measure on (never trained on); '' to skip")
    add("--user-samples", metavar="DIR", help="a sample store (the app's corrections) to mix in")
    add("--finetune", action="store_true", help="adapt every member of --base to --user-samples "
        "(plus replayed MNIST) in a minute or two, instead of training from scratch")
    add("--base", metavar="KERAS", help="the model --finetune adapts (default: --out's, else the bundled)")
    add("--replay", type=int, default=12000, metavar="N", help="MNIST images replayed in --finetune")
    add("--distribute", action="store_true", help="tf.distribute: all local GPUs, or the cluster "
        "TF_CONFIG describes")
    add("--logical-cpus", type=int, default=0, metavar="N", help="split the CPU into N devices "
        "(to try --distribute without GPUs)")
    add("--tensorboard", metavar="DIR", help="also write TensorBoard logs into DIR")
    add("--force", action="store_true", help="replace --out's model even with a worse one")
    add("--no-show", action="store_true", help="no curves window (the curves are saved either way)")
    add("--progress", action="store_true", help="also print 'progress FRACTION WORDS' lines (the "
        "window's retraining reads them)")
    add("--verbose", action="store_true", help="show TensorFlow's own messages too")
    return settled(p, p.parse_args(argv))


def settled(p: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.Namespace:
    """The defaults that depend on other options filled in; nonsense refused before any work."""
    if args.finetune and not args.user_samples:
        p.error("--finetune needs --user-samples DIR")
    args.epochs = args.epochs or (3 if args.finetune else 10)
    if args.members is None:
        args.members = 1 if args.arch == "seed" else 2
    args.lr = args.lr or (3e-5 if args.finetune else 1e-3 if args.arch == "seed" else 2e-3)
    # The Keras dtype policy itself from here on; fine-tuning keeps the float32 model it adapts.
    args.precision = "float32" if args.finetune else precision_of(args.precision, args.arch)
    if args.epochs < 1 or args.batch_size < 1 or args.lr <= 0 or args.members < 1:
        p.error("--epochs, --batch-size and --members must be >= 1 and --lr > 0")
    if args.limit is not None and args.limit < 10:
        p.error("--limit must be at least 10")
    problem = unwritable(Path(args.out))
    if problem:
        p.error(f"--out {args.out}: {problem}")
    if args.tensorboard:
        from importlib.util import find_spec

        if find_spec("tensorboard") is None:
            p.error("--tensorboard needs the tensorboard package (pip install 'desk-app[train]')")
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


# Where each step of a run begins, as a fraction of its wall time (--progress).
STEPS = {"data": 0.02, "train": 0.2, "evaluate": 0.65, "export": 0.8, "drawn": 0.82}


def progress(args: argparse.Namespace, step: str, words: str, within: float = 0.0) -> None:
    """With --progress, one machine-readable line: how far the whole run is, and what it does."""
    if args.progress:
        names = list(STEPS)
        end = STEPS[names[names.index(step) + 1]] if step != names[-1] else 1.0
        print(f"progress {STEPS[step] + within * (end - STEPS[step]):.3f} {words}", flush=True)


def batch_progress(args: argparse.Namespace, done_before: float, share: float):
    """A Keras callback that reports progress about twenty times an epoch."""
    import keras

    class BatchProgress(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch: int, logs=None) -> None:
            self.epoch = epoch

        def on_train_batch_end(self, batch: int, logs=None) -> None:
            steps, epochs = self.params.get("steps") or 1, self.params.get("epochs") or 1
            if batch % max(1, steps // 20) == 0 or batch == steps - 1:
                within = done_before + share * (self.epoch + (batch + 1) / steps) / epochs
                progress(args, "train", f"Training: epoch {self.epoch + 1} of {epochs}", within)

    return BatchProgress()


def can_show() -> bool:
    """A window can open: a display exists (always on macOS and Windows)."""
    return sys.platform in ("darwin", "win32") or bool(os.environ.get("DISPLAY")
                                                      or os.environ.get("WAYLAND_DISPLAY"))


def prepare(args: argparse.Namespace, fold: int = 0):
    """The data steps: MNIST, the user's samples, styles, "not a digit". Member k of an ensemble
    trained from scratch gets fold k: its own validation images, styles and negatives, the
    styles and negatives made from images that no member validates on."""
    from desk_app.training import recipe

    if fold == 0:
        progress(args, "data", "Loading MNIST")
    seed, folds = args.seed + fold, 1 if args.finetune else args.members
    data = recipe.load_data(args.data, args.limit, args.val_size, fold, folds)
    if args.user_samples:
        data = recipe.add_user_samples(data, args.user_samples, args.finetune, args.replay, seed)
    # Fine-tuning too: the pen-drawn digits keep it from drifting to "pen-drawn means not a
    # digit" (the negatives are pen-drawn).
    if not (args.no_augment or args.no_styles):
        data = recipe.add_styles(data, seed)
    if not (args.no_negatives or args.arch == "seed" and not args.finetune):
        data = recipe.add_negatives(data, args.letters, seed)
    return data


def _prepare_elsewhere(conn, args: argparse.Namespace, fold: int) -> None:
    """prepare(), in a process of its own: sends back ("data", Data) or ("error", exception)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops it on Ctrl+C
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # the steps' lines, said once by the parent
            conn.send(("data", prepare(args, fold)))
    except Exception as exc:  # whatever it is, the parent raises it
        conn.send(("error", exc))


def prepare_members(args: argparse.Namespace) -> list:
    """The data of each member: one for all when fine-tuning (every member adapts to the same
    samples), else one per member, each its own fold. The later members' data are made in
    processes of their own meanwhile: drawing styles and negatives is Python and Pillow work on
    one core, while the other cores stood idle (12 s a member on 2 cores)."""
    if args.finetune or args.members == 1:
        return [prepare(args)]
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # never a fork of a process running TensorFlow
    others = []
    try:
        for fold in range(1, args.members):
            here, there = context.Pipe(duplex=False)
            worker = context.Process(target=_prepare_elsewhere, args=(there, args, fold), daemon=True)
            worker.start()
            there.close()
            others.append((worker, here))
        datas = [prepare(args)]
        for worker, here in others:
            try:
                kind, value = here.recv()
            except EOFError:
                worker.join()
                raise ChildProcessError(f"the process preparing a member's data stopped (exit "
                                        f"code {worker.exitcode})") from None
            if kind == "error":
                raise value
            datas.append(value)
        return datas
    finally:
        for worker, _ in others:
            worker.terminate()  # done already, unless something went wrong
            worker.join()


def bases(args: argparse.Namespace) -> list:
    """--finetune: the members of the model to adapt; else one None per member to build."""
    if not args.finetune:
        return [None] * args.members
    from desk_app.training import recipe
    from desk_app.training.export import load_keras

    for candidate in (args.base, Path(args.out) / "model.keras", DEFAULT_OUT / "model.keras"):
        if candidate and Path(candidate).is_file():
            recipe.say(f"fine-tuning {candidate}")
            return recipe.members_of(load_keras(candidate))
    raise SystemExit("error: --finetune found no model.keras to start from; pass --base")


OWN = " (other validation images, its own styles and negatives)"


def train_members(args: argparse.Namespace, datas: list, curves) -> tuple[list, list[float], list[float]]:
    """Build, fit and calibrate each member of the ensemble in turn; returns the members, their
    temperatures and their accuracies on their own validation images."""
    import keras

    from desk_app.training import recipe
    from desk_app.training.model import in_float32

    strategy, members, temperatures, vals = recipe.strategy(args.distribute, args.logical_cpus), [], [], []
    classes = 11 if (datas[0].y_fit == 10).any() else 10  # "not a digit" is class 10
    start = bases(args)
    schedule = args.lr_schedule if args.lr_schedule != "auto" else (
        "constant" if args.arch == "seed" or args.finetune else "cosine")
    for k, base in enumerate(start):
        name = f"member {k + 1} of {len(start)}: " if len(start) > 1 else ""
        data = datas[min(k, len(datas) - 1)]
        own = k > 0 and base is None
        steps = args.epochs * recipe.steps_per_epoch(len(data.x_fit), args.batch_size)
        with strategy.scope():
            model = recipe.build(args.arch, classes, args.optimizer, args.lr, schedule, steps, base,
                                 args.precision, args.seed + k)
        recipe.say(f"{name}{args.arch} network, {model.count_params():,} parameters, "
                   f"{len(data.x_fit):,} images an epoch{OWN if own else ''}, "
                   f"{strategy.num_replicas_in_sync} replica(s)")
        callbacks = [curves.callback(name, args.epochs, len(start) - k - 1),
                     batch_progress(args, k / len(start), 1 / len(start))]
        if args.tensorboard:
            callbacks.append(keras.callbacks.TensorBoard(log_dir=str(Path(args.tensorboard) / f"member{k}")))
        began = model.get_weights() if base is not None else None
        # Fine-tuning sees its images undistorted: the frozen batch-norm statistics were measured
        # on undistorted images, and distorted ones pulled every weight off (on the fine-tuning
        # test, other writers -0.69 point; undistorted -0.09, both interpolated halfway).
        distort = not (args.no_augment or args.finetune)
        recipe.fit(model, data, args.epochs, args.batch_size, distort, args.seed + k, callbacks)
        model = in_float32(model)
        if base is None:  # fine-tuning keeps the statistics it was given (frozen)
            recipe.recalibrate(model, data)
        else:
            recipe.interpolate(model, began)
        members.append(model)
        temperatures.append(recipe.calibrate(model, data))
        vals.append(recipe.val_accuracy(model, data))
    return members, temperatures, vals


def finish(args: argparse.Namespace, data, members, temperatures, vals, curves, seconds) -> int:
    """Measure, export, measure the exported model on drawn digits, write the card and plots."""
    from desk_app.model_files import install
    from desk_app.training import plots, recipe

    progress(args, "evaluate", "Measuring the new model on MNIST")
    app_model = recipe.combine(members, temperatures)
    figures = recipe.measure(app_model, data) | {"val_accuracy": round(sum(vals) / len(vals), 5)}
    recipe.say(f"MNIST test accuracy {figures['test_accuracy']:.2%} (validation "
               f"{figures['val_accuracy']:.2%}, calibration error {figures['test_ece']:.2%}); "
               f"{seconds() / 60:.1f} min so far; temperatures {', '.join(f'{t:.3f}' for t in temperatures)}")
    out = Path(args.out)
    if not recipe.is_chief():
        recipe.say("not the chief worker: the chief writes the model")
        return 0
    progress(args, "export", "Converting the model for the app")
    out.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=".staged-", dir=out))  # moved into place at the end
    try:
        sha = recipe.export(app_model, staged, args.verbose)
        progress(args, "drawn", "Measuring the new model on pen-drawn digits")
        drawn = recipe.drawn_digits(staged / "model.tflite", args.drawn_digits)
        problem = recipe.verdict_on(figures, drawn, out, args.finetune)
        if problem and not args.force:
            print(f"\n*** NOT INSTALLED: {problem}. The model in {out} is unchanged; pass --force "
                  "to replace it anyway. ***\n", file=sys.stderr)
            return 3
        recipe.write_card(staged, recipe.card_of(args, data, figures, temperatures, curves.histories,
                                                 seconds(), sha, drawn))
        title = f"{args.arch} x{len(members)}: MNIST test accuracy {figures['test_accuracy']:.2%}"
        plots.save_figure(curves.redraw(title), staged / "curves.png")
        confusion = plots.confusion_figure(data.y_test, figures["predictions"], f"MNIST test set, {title}")
        plots.save_figure(confusion, staged / "confusion.png", close=True)
        install(staged, out)
    finally:
        shutil.rmtree(staged, ignore_errors=True)
    recipe.say(f"wrote {out / 'model.tflite'}, model.keras, model_card.json, curves.png, confusion.png")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # TensorFlow's C++ notes stay out
    # A polite SIGTERM (the window's Cancel) stops training as Ctrl+C does.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    from desk_app.training import recipe
    from desk_app.training.data import DataError

    elapsed = recipe.timer()
    stopped = f"\ninterrupted: nothing written; the model in {args.out} is unchanged."
    try:
        datas = prepare_members(args)
    except (DataError, ValueError, ChildProcessError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(stopped, file=sys.stderr)
        return 130
    with recipe.quiet(args.verbose):  # TensorFlow's start-up chatter goes while it loads
        import matplotlib
        import tensorflow as tf

        tf.config.list_physical_devices("GPU")  # the CUDA probe, and its complaint on a CPU
    if not args.verbose:
        tf.get_logger().setLevel("ERROR")  # no "tf.function retracing" notes between the lines
    show = not args.no_show and can_show()
    if not show:
        matplotlib.use("Agg")
    from desk_app.training.plots import Curves

    curves = Curves(show)
    progress(args, "train", "Training: starting")
    try:
        members, temperatures, vals = train_members(args, datas, curves)
        status = finish(args, datas[0], members, temperatures, vals, curves, elapsed)
    except KeyboardInterrupt:
        print(stopped, file=sys.stderr)
        return 130
    recipe.say(f"done in {elapsed() / 60:.1f} min")
    curves.keep_open()
    return status


if __name__ == "__main__":
    sys.exit(main())
