#!/usr/bin/env python
"""Training speed: the default recipe (`python train_model.py`, what ships in assets/) against the
original tutorial's recipe, timed one after the other in the same run on the same machine, each
from start to written files. Prints the seconds, the ratio and each model's MNIST test accuracy
(through its exported .tflite, as the app reads).

    python bench/training.py [--data DIR]     (MNIST: --data, else $DESK_APP_MNIST or Keras's cache)

Nothing else should run meanwhile: the figures are wall-clock seconds.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ["--arch", "seed", "--optimizer", "rmsprop", "--epochs", "5", "--batch-size", "64",
            "--no-augment", "--no-negatives"]
RECIPES = (("tutorial: " + " ".join(TUTORIAL), TUTORIAL), ("default: (no options)", []))


def run(options: list[str], out: Path, data: str | None) -> float:
    """Seconds for one whole training command, from start to written files."""
    cmd = [sys.executable, str(ROOT / "train_model.py"), "--no-show", "--force", "--out", str(out),
           *(["--data", data] if data else []), *options]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"training failed ({' '.join(options) or 'default'}):\n{proc.stderr[-2000:]}")
    return seconds


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", help="MNIST folder (default: $DESK_APP_MNIST, else Keras's cache)")
    args = p.parse_args()
    from desk_app import Recognizer
    from desk_app.training.data import load_mnist
    from desk_app.training.precision import cpu_name, native_bfloat16

    mnist = load_mnist(args.data)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, options in RECIPES:
            out = Path(tmp) / str(len(rows))
            seconds = run(options, out, args.data)
            probs = Recognizer(out / "model.tflite").predict_mnist(mnist.x_test)
            rows.append((name, seconds, float((probs.argmax(1) == mnist.y_test).mean())))
            print(f"{name}: {seconds:.0f} s", flush=True)
    print("\n| recipe | seconds | MNIST test (.tflite) |\n| --- | ---: | ---: |")
    for name, seconds, acc in rows:
        print(f"| {name} | {seconds:.0f} | {acc:.2%} |")
    print(f"\nCPU: {cpu_name()}, {os.cpu_count()} cores; the default recipe computes in "
          f"{'bfloat16' if native_bfloat16() else 'float32'} on it.")
    print(f"The default recipe takes {rows[1][1] / rows[0][1]:.1f}x the tutorial recipe's time "
          "(the bar: at most 5x).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
