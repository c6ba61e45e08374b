r"""``desk-app`` and ``python -m desk_app``: open the window, or read image files from the
command line.

    desk-app                      open the drawing pad
    desk-app --read A.png B.jpg   print FILE<TAB>ANSWER<TAB>CONFIDENCE for each image
    desk-app --format json --read A.png    one JSON object per line instead
    desk-app --version

File names are printed so that every line stays three fields: a backslash, a tab or a newline
in a name is written as \\, \t or \n, and bytes that are not UTF-8 as \xNN.
"""

from __future__ import annotations

import argparse
import os
import sys


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    from desk_app import __version__

    p = argparse.ArgumentParser(
        prog="desk-app",
        description="A drawing pad that reads handwritten digits. With no options it opens the "
                    "window; with --read it reads photos or scans of digits and prints the answers.")
    p.add_argument("--version", action="version", version=f"desk-app {__version__}")
    p.add_argument("--read", nargs="+", metavar="FILE",
                   help="read each image (a photo or scan of a handwritten digit or number) and "
                        "print FILE<TAB>ANSWER<TAB>CONFIDENCE. For one digit ANSWER is the digit, "
                        "or 'not a digit', or 'unsure: A or B'; for a number, its digits (2026), "
                        "with ? for a piece that is not a digit (2?26), and CONFIDENCE the lowest "
                        "of its digits' confidences; 'no digits' for a page with none. Exit status "
                        "2 if any file could not be read")
    p.add_argument("--format", choices=["tsv", "json"], default="tsv",
                   help="tsv: FILE<TAB>ANSWER<TAB>CONFIDENCE (names escaped: \\t, \\n, \\\\, \\xNN); "
                        "json: one object per line with file, answer, confidence")
    p.add_argument("--model", metavar="TFLITE", default=None,
                   help="read with this exported model; default: the same model as the window "
                        "(your retrained one if you retrained, else the bundled one)")
    return p.parse_args(argv)


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


class OutputError(Exception):
    """Standard output is closed, full or gone: the answers cannot be written."""


_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def shown_name(path: str) -> str:
    """A file name as one TSV field: backslash, tab, newline and carriage return escaped, and
    bytes that are not UTF-8 (Linux names are bytes; Python keeps them as surrogates) as \\xNN."""
    return "".join(_ESCAPES.get(c, f"\\x{ord(c) - 0xDC00:02x}" if "\udc80" <= c <= "\udcff" else c)
                   for c in path)


def emit(line: str) -> None:
    """Write one line of answers, or raise OutputError saying why it cannot be written."""
    if sys.stdout is None:
        raise OutputError("standard output is closed")
    try:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
    except BrokenPipeError as exc:  # `| head -1`: the reader has all it wanted
        raise OutputError("") from exc
    except (OSError, ValueError) as exc:
        raise OutputError(getattr(exc, "strerror", None) or str(exc)) from exc


def read_files(paths: list[str], model: str | None = None, fmt: str = "tsv") -> int:
    import json

    from desk_app.imaging import ImageFileError
    from desk_app.reading import plain_number

    rec = load_recognizer(model)
    if rec is None:
        return 2
    status = 0
    for path in paths:
        name = shown_name(path)
        try:
            number = rec.read_number_image(path)
        except ImageFileError as exc:
            print(f"desk-app: {name}: {exc.reason}", file=sys.stderr)
            status = 2
            continue
        except (ValueError, RuntimeError) as exc:
            print(f"desk-app: {name}: {exc}", file=sys.stderr)
            status = 2
            continue
        answer, confidence = plain_number(number)
        if fmt == "json":
            line = json.dumps({"file": os.fsencode(path).decode("utf-8", "backslashreplace"),
                               "answer": answer, "confidence": round(confidence, 3)})
        else:
            line = f"{name}\t{answer}\t{confidence:.3f}"
        emit(line)
    return status


def output_failed(reason: str) -> int:
    """The answers could not be written: one line on stderr (none for a closed pipe, as other
    tools do), and an exit status that says so (141 for a closed pipe, 2 otherwise)."""
    if sys.stdout is not None:  # nothing more may go to the broken output, not even at exit
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    if not reason:
        return 141
    print(f"desk-app: cannot write the answers: {reason}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.read:
        try:
            return read_files(args.read, args.model, args.format)
        except OutputError as exc:
            return output_failed(str(exc))
    from PySide6.QtWidgets import QApplication

    from desk_app.ui import i18n
    from desk_app.ui.window import MainWindow

    app = QApplication(sys.argv[:1])
    app.setApplicationName("desk-app")
    app.setOrganizationName("desk-app")
    i18n.install()  # the system's language, or the one View > Language chose
    window = MainWindow(args.model, build=False)  # the frame, on screen at once
    window.show()
    app.processEvents()  # sends it to the display; input waits in the queue meanwhile
    window.build()  # its contents, before any stroke is handled: nothing drawn is lost
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
