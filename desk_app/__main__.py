"""``desk-app`` and ``python -m desk_app``: open the window, or read image files from the
command line.

    desk-app                      open the drawing pad
    desk-app --read A.png B.jpg   print FILE<TAB>ANSWER<TAB>CONFIDENCE for each image
    desk-app --version
"""

from __future__ import annotations

import argparse
import sys


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    from desk_app import __version__

    p = argparse.ArgumentParser(
        prog="desk-app",
        description="A drawing pad that reads handwritten digits. With no options it opens the "
                    "window; with --read it reads photos or scans of digits and prints the answers.")
    p.add_argument("--version", action="version", version=f"desk-app {__version__}")
    p.add_argument("--read", nargs="+", metavar="FILE",
                   help="read each image (one handwritten digit each) and print "
                        "FILE<TAB>ANSWER<TAB>CONFIDENCE; ANSWER is the digit, or 'not a digit', "
                        "or 'unsure: A or B'. Exit status 2 if any file could not be read")
    p.add_argument("--model", metavar="TFLITE", default=None,
                   help="read with this exported model; default: the same model as the window "
                        "(your retrained one if you retrained, else the bundled one)")
    return p.parse_args(argv)


def answer(reading) -> str:
    """A reading in the command line's words."""
    if reading.verdict == "digit":
        return str(reading.digit)
    if reading.verdict == "unsure" and reading.pair:
        return f"unsure: {reading.pair[0]} or {reading.pair[1]}"
    return reading.verdict


def load_recognizer(model: str | None = None):
    """The window's model: the one asked for, else the user's own, else the bundled one. A
    broken user model is skipped with one line on stderr."""
    from desk_app import ModelError, Recognizer
    from desk_app.model_files import model_choices

    choices = model_choices(model)
    for k, path in enumerate(choices):
        try:
            return Recognizer(path)
        except ModelError as exc:
            last = k == len(choices) - 1
            print(f"desk-app: {exc}" + ("" if last else "; using the bundled model"), file=sys.stderr)
    return None


def read_files(paths: list[str], model: str | None = None) -> int:
    from desk_app.imaging import ImageFileError

    rec = load_recognizer(model)
    if rec is None:
        return 2
    status = 0
    for path in paths:
        try:
            r = rec.read_image(path)
        except ImageFileError as exc:
            print(f"desk-app: {path}: {exc.reason}", file=sys.stderr)
            status = 2
            continue
        except (ValueError, RuntimeError) as exc:
            print(f"desk-app: {path}: {exc}", file=sys.stderr)
            status = 2
            continue
        print(f"{path}\t{answer(r)}\t{r.confidence:.3f}", flush=True)
    return status


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.read:
        return read_files(args.read, args.model)
    from PySide6.QtWidgets import QApplication

    from desk_app.ui.window import MainWindow

    app = QApplication(sys.argv[:1])
    app.setApplicationName("desk-app")
    app.setOrganizationName("desk-app")
    window = MainWindow(args.model)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
