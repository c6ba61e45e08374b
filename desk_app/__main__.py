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
                   help="read with this exported model instead of the bundled one")
    return p.parse_args(argv)


def answer(reading) -> str:
    """A reading in the command line's words."""
    if reading.verdict == "digit":
        return str(reading.digit)
    if reading.verdict == "unsure" and reading.pair:
        return f"unsure: {reading.pair[0]} or {reading.pair[1]}"
    return reading.verdict


def read_files(paths: list[str], model: str | None = None) -> int:
    from desk_app import ModelError, Recognizer

    try:
        rec = Recognizer(model)
    except ModelError as exc:
        print(f"desk-app: {exc}", file=sys.stderr)
        return 2
    status = 0
    for path in paths:
        try:
            r = rec.read_image(path)
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
