"""The training side: one model definition, a quick real run of train_model.py, safe export."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from desk_app import Recognizer
from desk_app.model_files import assets_dir
from tests.conftest import ROOT

tf = pytest.importorskip("tensorflow")


def test_a_network_trained_in_bfloat16_exports_in_float32():
    """Mixed precision computes in bfloat16 (twice as fast on a CPU that has it); the copy that
    is calibrated and exported computes in float32 with the same weights and the same answers."""
    from desk_app.training.model import build_model, in_float32

    mixed = build_model("deep", precision="mixed_bfloat16")
    assert mixed.get_layer("logits").compute_dtype == "bfloat16" and mixed.output.dtype == "float32"
    plain = in_float32(mixed)
    assert plain.get_layer("logits").compute_dtype == "float32" and plain is not mixed
    assert in_float32(plain) is plain
    x = np.random.default_rng(0).random((64, 28, 28)).astype(np.float32)
    a, b = mixed.predict(x, verbose=0), plain.predict(x, verbose=0)
    assert np.abs(a - b).max() < 0.05 and (a.argmax(1) == b.argmax(1)).mean() >= 0.9


@pytest.mark.parametrize("shape", [(64, 6, 6, 8), (64, 16)])
def test_fused_batch_norm_normalises_as_keras_does(shape):
    """The fused kernel (the training speed-up) gives Keras's outputs and moving averages, in
    training and at inference, after convolutions (4-D) and dense layers (2-D)."""
    import keras

    from desk_app.training.model import FusedBatchNormalization

    x = (np.random.default_rng(1).random(shape) * 3 + 1).astype(np.float32)
    keras_bn, fused = keras.layers.BatchNormalization(momentum=0.9), FusedBatchNormalization(momentum=0.9)
    for training in (True, True, False):
        a, b = np.asarray(keras_bn(x, training=training)), np.asarray(fused(x, training=training))
        assert np.abs(a - b).max() < 1e-4
    assert np.abs(fused.moving_mean.numpy() - 0.19 * x.reshape(-1, shape[-1]).mean(0)).max() < 1e-4
    np.testing.assert_allclose(fused.moving_variance.numpy(), keras_bn.moving_variance.numpy(), rtol=1e-3)


def test_recalibrate_measures_batch_norm_on_undistorted_images(mnist):
    """After ``recalibrate`` every batch norm, fed the training images as the exported network
    is (no distortion, no dropout), normalises them to mean 0 and variance v / (v + epsilon)
    (its beta and gamma at their start: 0 and 1)."""
    import keras

    from desk_app.training import recipe
    from desk_app.training.model import build_model

    x, y = mnist.x_train[:400], mnist.y_train[:400]
    data = recipe.Data(x, y, x[:10], y[:10], x[:10], y[:10], "mnist", "")
    model = build_model("deep", steps=100)
    norms = [layer for layer in model.layers if isinstance(layer, keras.layers.BatchNormalization)]
    assert len(norms) == 5 and all(np.allclose(n.moving_mean.numpy(), 0) for n in norms)
    recipe.recalibrate(model, data)
    for layer in norms:
        out = keras.Model(model.inputs, layer.output)(recipe.as_float(x), training=False)
        out = np.asarray(out).reshape(-1, layer.input.shape[-1])
        assert np.abs(out.mean(axis=0)).max() < 1e-3, layer.name
        v = layer.moving_variance.numpy()
        np.testing.assert_allclose(out.var(axis=0), v / (v + layer.epsilon), rtol=0.01, err_msg=layer.name)



def test_each_member_holds_out_different_images(mnist):
    """Member k validates on the k-th block of 5,000 from the end and trains on the rest: the
    pair learns from all 60,000 images, and neither is calibrated on images it trained on."""
    from desk_app.training import recipe

    first, second = recipe.load_data(None, fold=0), recipe.load_data(None, fold=1)
    np.testing.assert_array_equal(first.x_val, mnist.x_train[55000:])
    np.testing.assert_array_equal(second.x_val, mnist.x_train[50000:55000])
    rest = np.r_[0:50000, 55000:60000]
    np.testing.assert_array_equal(second.x_fit, mnist.x_train[rest])
    np.testing.assert_array_equal(second.y_fit, mnist.y_train[rest])
    assert len(first.x_fit) == len(second.x_fit) == 55000
    twelfth = recipe.load_data(None, fold=12)  # past the last block: round again to the first
    np.testing.assert_array_equal(twelfth.x_val, first.x_val)


def test_styles_and_negatives_are_made_from_images_no_member_validates_on(mnist):
    """Each member draws its own styles and "not a digit", but only from the MNIST images before
    every member's validation block: blanking member 2's block (which member 1 trains on)
    changes nothing that is added."""
    from dataclasses import replace

    from desk_app.training import recipe

    data = recipe.load_data(None, limit=10000, val_size=1000, folds=2)
    assert data.core == 8000 and len(data.x_fit) == 9000
    blanked = replace(data, x_fit=data.x_fit.copy())
    blanked.x_fit[data.core :] = 0
    made, from_core = (recipe.add_negatives(recipe.add_styles(d, 3), seed=3) for d in (data, blanked))
    assert len(made.x_fit) > 9000 + 2000  # styles and negatives were added
    np.testing.assert_array_equal(made.x_fit[9000:], from_core.x_fit[9000:])
    second = recipe.load_data(None, limit=10000, val_size=1000, fold=1, folds=2)
    np.testing.assert_array_equal(second.x_val, mnist.x_train[8000:9000])
    np.testing.assert_array_equal(second.x_fit[: second.core], mnist.x_train[:8000])


def test_each_members_data_made_in_a_process_of_its_own_is_what_this_one_makes(mnist, tmp_path):
    """The later members' data are drawn in other processes meanwhile (one core each): the same
    images, labels and counts as drawing them here, one after the other. A failure is raised, and
    leaves no process behind."""
    import multiprocessing

    sys.path.insert(0, str(ROOT))
    try:
        import train_model
    finally:
        sys.path.remove(str(ROOT))

    args = train_model.parse_args(["--limit", "6000", "--members", "3", "--out", str(tmp_path)])
    made = train_model.prepare_members(args)
    assert len(made) == 3
    for fold, data in enumerate(made):
        here = train_model.prepare(args, fold)
        for name in ("x_fit", "y_fit", "x_val", "y_val"):
            np.testing.assert_array_equal(getattr(data, name), getattr(here, name))
        assert data.added == here.added and data.core == here.core
    assert not np.array_equal(made[1].x_val, made[2].x_val)  # each its own fold
    broken = train_model.parse_args(["--limit", "6000", "--out", str(tmp_path), "--user-samples",
                                     str(tmp_path)])  # an empty sample store
    with pytest.raises(ValueError, match="no samples"):
        train_model.prepare_members(broken)
    assert multiprocessing.active_children() == []


def test_the_architectures_build():
    from desk_app.training.model import build_model

    seed = build_model("seed", classes=10)
    assert seed.output_shape == (None, 10) and seed.count_params() == 93_322  # the tutorial's, exactly
    for arch in ("deep", "fast", "default"):  # "default": the old name of "deep", in saved models
        model = build_model(arch)
        assert model.output_shape == (None, 11) and model.input_shape == (None, 28, 28)  # + not a digit
    with pytest.raises(ValueError, match="unknown arch"):
        build_model("huge")


def test_help_lists_the_options():
    out = subprocess.run([sys.executable, "train_model.py", "--help"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    for opt in ("--epochs", "--batch-size", "--lr", "--arch", "--optimizer", "--data", "--out",
                "--limit", "--seed", "--no-augment", "--no-show"):
        assert opt in out.stdout


def train_quickly(out):
    """A real run of the default recipe (two members, distorted images, styles, negatives),
    small: 3,000 MNIST images, 2 epochs."""
    proc = subprocess.run(
        [sys.executable, "train_model.py", "--arch", "fast", "--members", "2", "--epochs", "2",
         "--limit", "3000", "--out", str(out), "--no-show", "--tensorboard", str(out / "tb")],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "member 2 of 2: epoch 2/2:" in proc.stdout and "min left" in proc.stdout
    return out, proc


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    return train_quickly(tmp_path_factory.mktemp("model"))


def test_the_same_command_trains_the_same_model_again(quick_run, tmp_path):
    """Every random draw comes from --seed (first weights, order, distortions, styles,
    negatives, dropout), so a run can be repeated: the model that ships is the one the command
    makes, bit for bit, and a change to the recipe is measured without run-to-run noise."""
    again, _ = train_quickly(tmp_path / "again")
    assert (again / "model.tflite").read_bytes() == (quick_run[0] / "model.tflite").read_bytes()


def test_distortions_are_drawn_from_the_seed_alone():
    """Batches are distorted two at a time; each batch's draws depend on its seed, not on which
    thread ran first."""
    from desk_app.training.augment import random_affine

    images = tf.constant(np.random.default_rng(0).random((16, 28, 28)).astype(np.float32))
    a, b, c = (random_affine(images, tf.constant(s, tf.int64)).numpy() for s in ([1, 7], [1, 7], [1, 8]))
    np.testing.assert_array_equal(a, b)
    assert np.abs(a - c).max() > 0.1 and np.abs(a - images.numpy()).max() > 0.1


def test_quick_run_writes_model_card_and_plots(quick_run, mnist):
    quick_run, proc = quick_run
    for name in ("model.keras", "model.tflite", "model_card.json", "curves.png", "confusion.png"):
        assert (quick_run / name).stat().st_size > 1000 or name == "model_card.json"
    card = json.loads((quick_run / "model_card.json").read_text())
    assert card["epochs"] == 2 and card["recipe"]["limit"] == 3000 and card["members"] == 2
    assert card["data_sha256"] == mnist.sha256 and 0 <= card["test_accuracy"] <= 1
    from desk_app.training.precision import native_bfloat16

    assert card["precision"] == ("mixed_bfloat16" if native_bfloat16() else "float32")
    assert card["cpu"] and card["cpu_cores"] >= 1  # what the wall time was measured on
    assert {"tensorflow", "keras", "numpy", "python"} <= set(card["versions"])
    assert list((quick_run / "tb").rglob("events.out.tfevents.*"))  # --tensorboard wrote logs
    rec = Recognizer(quick_run / "model.tflite")
    probs = rec.predict_mnist(mnist.x_test / 255.0)
    # the exported model is the one that was measured: the card's figure is the .tflite's
    assert abs((probs.argmax(1) == mnist.y_test).mean() - card["test_accuracy"]) < 2e-3
    assert card["test_accuracy"] > 0.8  # a few steps are enough to be far from guessing


def test_the_card_names_no_folder_of_this_machine(quick_run):
    card = (quick_run[0] / "model_card.json").read_text()
    assert str(ROOT) not in card and "/tmp" not in card and "/work" not in card and "/home" not in card


def test_the_console_shows_the_run_and_nothing_else(quick_run):
    """One line per step and per epoch: no CUDA probes, Keras bars, warnings or converter dumps."""
    _, proc = quick_run
    text = proc.stdout + proc.stderr
    for noise in ("cuInit", "cuda", "oneDNN", "Epoch 1/", "━", "UserWarning", "TensorSpec",
                  "Saved artifact", "absl"):
        assert noise not in text, noise
    assert len(proc.stdout.splitlines()) <= 16, proc.stdout


def test_a_long_run_without_a_window_opens_no_figures(capsys):
    """Without a window the curves are drawn once, for curves.png: a figure per epoch piled up
    and, past 20, Matplotlib warned on the console ("More than 20 figures have been opened")."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from desk_app.training.plots import Curves

    curves, before = Curves(show=False), len(plt.get_fignums())
    for member in ("member 1 of 2: ", "member 2 of 2: "):
        callback = curves.callback(member, 15)
        callback.on_train_begin()
        for epoch in range(15):
            callback.on_epoch_end(epoch, {"loss": 0.1, "accuracy": 0.9, "val_loss": 0.1, "val_accuracy": 0.9})
    assert len(plt.get_fignums()) == before
    assert capsys.readouterr().out.count("epoch ") == 30
    figure = curves.redraw("done")  # what finish() saves as curves.png
    assert len(figure.axes) == 2 and len(figure.axes[0].lines) == 4  # 2 members x (training, validation)
    plt.close(figure)


def test_a_model_no_better_than_chance_replaces_nothing(tmp_path, quick_run):
    """Too little data: it says so loudly and leaves the model in --out alone (unless --force)."""
    out = tmp_path / "model"
    out.mkdir()
    for p in quick_run[0].iterdir():
        if p.is_file():
            (out / p.name).write_bytes(p.read_bytes())
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    proc = subprocess.run([sys.executable, "train_model.py", "--epochs", "1", "--limit", "200",
                           "--members", "1", "--lr", "1e-7", "--out", str(out), "--no-show",
                           "--drawn-digits", ""], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 3 and "NOT INSTALLED" in proc.stderr and "--force" in proc.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_failed_export_keeps_the_previous_model(quick_run, monkeypatch):
    from desk_app.training import export
    from desk_app.training.model import build_model

    quick_run = quick_run[0]
    before = {p.name: p.read_bytes() for p in quick_run.iterdir() if p.is_file()}

    def broken(*_args, **_kwargs):
        raise RuntimeError("converter crashed")

    monkeypatch.setattr(export, "to_tflite", broken)
    with pytest.raises(RuntimeError):
        export.write_model(build_model("seed"), quick_run)
    after = {p.name: p.read_bytes() for p in quick_run.iterdir() if p.is_file()}
    assert after == before  # nothing replaced, no temporary files left


def test_missing_data_is_a_clear_error(tmp_path):
    proc = subprocess.run([sys.executable, "train_model.py", "--data", str(tmp_path), "--no-show",
                           "--out", str(tmp_path / "o")], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 2 and "missing train-images-idx3-ubyte" in proc.stderr
    assert not (tmp_path / "o").exists()


def test_tflite_and_keras_agree_on_the_test_set(mnist):
    """The bundled .tflite is exactly model.keras: every member calibrated with its own
    temperature, their probabilities averaged, nothing else mixed in."""
    from desk_app.training.export import load_keras

    model = load_keras(assets_dir() / "model.keras")
    x = mnist.x_test.astype(np.float32) / 255
    probs = model.predict(x, batch_size=1000, verbose=0)
    lite_probs = Recognizer().classify(x)
    assert np.abs(probs - lite_probs).max() < 1e-4


def test_temperature_scaling_recovers_a_known_temperature():
    from desk_app.training.calibrate import fit_temperature, nll, softmax

    rng = np.random.default_rng(0)
    true_logits = rng.normal(0, 3, (4000, 10))
    labels = np.array([rng.choice(10, p=p) for p in softmax(true_logits)])
    fitted = fit_temperature(true_logits * 2.0, labels)  # twice too confident
    assert abs(fitted - 2.0) < 0.15
    assert nll(true_logits * 2.0, labels, fitted) < nll(true_logits * 2.0, labels, 1.0)


def test_distribute_trains_on_two_logical_devices(tmp_path):
    proc = subprocess.run(
        [sys.executable, "train_model.py", "--epochs", "1", "--limit", "6000",
         "--arch", "seed", "--batch-size", "32", "--distribute", "--logical-cpus", "2", "--drawn-digits", "",
         "--out", str(tmp_path), "--no-show"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "2 replica(s)" in proc.stdout
    card = json.loads((tmp_path / "model_card.json").read_text())
    assert card["recipe"]["distribute"] and card["test_accuracy"] > 0.8  # one epoch of the seed net
    assert Recognizer(tmp_path / "model.tflite").predict_mnist(np.zeros((2, 28, 28))).shape == (2, 10)


def finetune_on(corrections, drawn, tmp_path):
    """The window's retraining, from the command line: the drawn digits ``corrections`` (indices,
    drawn the first way) saved with their labels, then ``--finetune`` of the bundled model.
    Returns the folder of the fine-tuned model."""
    from desk_app.evaluation import WAYS, place
    from desk_app.samples import SampleStore

    store = SampleStore(tmp_path / "samples")
    for i in corrections:
        store.add(place(drawn.strokes[i], WAYS[0]), int(drawn.labels[i]), canvas_size=(280, 280),
                  pen_width=WAYS[0].pen)
    proc = subprocess.run(
        [sys.executable, "train_model.py", "--user-samples", str(tmp_path / "samples"), "--finetune",
         "--base", str(assets_dir() / "model.keras"), "--out", str(tmp_path / "model"),
         "--drawn-digits", "", "--no-show"], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return tmp_path / "model"


def test_finetune_lifts_a_writers_digits_and_keeps_what_the_model_knew(tmp_path, mnist, drawn):
    """The dev drawn digits' site that earlier models read worst (uqb, whose ones with a long
    flag read as 7) corrects ten of its digits, as in the window. ``--finetune`` adapts every
    network of ``model.keras``; the model then reads the site's other digits better (each drawn
    in all five ways, 2,940 readings, "not a digit" counted wrong), the other sites stay within
    0.3 point, and MNIST, measured on the fine-tuned ``.tflite`` as the app runs it, stays at
    99.5% or more (issue 16). Measured: 99.83% -> 100.00%, 98.82% -> 98.73%, 99.54%."""
    from desk_app.evaluation import WAYS, place
    from desk_app.ink import strokes_to_mnist
    from desk_app.training.export import load_keras

    bundled = assets_dir() / "model.keras"
    first = [place(s, WAYS[0]) for s in drawn.strokes]
    probs = Recognizer().predict_strokes_batch(first, canvas_size=(280, 280), pen_width=WAYS[0].pen)
    right_first, sure = probs.argmax(1) == drawn.labels, probs.max(1)
    writer = drawn.groups == "uqb"
    # Ten corrections: the digits read wrong, then (a better model misreads fewer) those read
    # right least surely, which the user confirms as the window's "Save as" does.
    mine = np.flatnonzero(writer)
    corrected = mine[np.lexsort((sure[mine], right_first[mine]))][:10]
    assert len(corrected) == 10 and not right_first[corrected[0]]
    tuned_folder = finetune_on(corrected, drawn, tmp_path)

    rest = writer.copy()
    rest[corrected] = False
    images = np.stack([strokes_to_mnist(place(drawn.strokes[i], way), (280, 280), way.pen)
                       for way in WAYS for i in range(len(drawn.labels))])
    labels, whose = np.tile(drawn.labels, len(WAYS)), np.tile(rest, len(WAYS))
    others = np.tile(~writer, len(WAYS))

    def right(path) -> np.ndarray:
        probs = load_keras(path).predict(images, batch_size=1000, verbose=0)
        return probs.argmax(1) == labels

    before, after = right(bundled), right(tuned_folder / "model.keras")
    tuned = Recognizer(tuned_folder / "model.tflite")
    mnist_after = (tuned.predict_mnist(mnist.x_test).argmax(1) == mnist.y_test).mean()
    print(f"the writer's other {rest.sum()} digits, 5 ways: {before[whose].mean():.2%} -> "
          f"{after[whose].mean():.2%}; other writers: {before[others].mean():.2%} -> "
          f"{after[others].mean():.2%}; MNIST test (.tflite) {mnist_after:.2%}")
    assert after[whose].mean() > before[whose].mean()
    assert after[others].mean() >= before[others].mean() - 0.003
    assert mnist_after >= 0.995


def test_one_correction_is_learned(tmp_path, drawn):
    """A user who corrects one drawing and retrains expects that drawing to be read right
    afterwards. The first pen-drawn digit the bundled model misreads (the dev set's aga 1,
    read as 2 at 100%: 0.94 for 1 after fine-tuning; five more misread digits, corrected one
    at a time, were all learned too)."""
    from desk_app.evaluation import WAYS, place

    first = [place(s, WAYS[0]) for s in drawn.strokes]
    size, pen = (280, 280), WAYS[0].pen
    probs = Recognizer().predict_strokes_batch(first, canvas_size=size, pen_width=pen)
    i = int(np.flatnonzero(probs.argmax(1) != drawn.labels)[0])
    tuned = Recognizer(finetune_on([i], drawn, tmp_path) / "model.tflite")
    after = tuned.predict_strokes_batch([first[i]], canvas_size=size, pen_width=pen)[0]
    assert after.argmax() == drawn.labels[i]
