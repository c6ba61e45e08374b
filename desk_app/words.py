"""The fixed words and signs of the app's answers, in one place the window can import before
NumPy loads (``reading`` builds the answers from them).

The words are English here and in the command line. The window says them in its language:
each is marked for Qt's ``lupdate`` (context "words") and translated by ``desk_app.ui.i18n.say``;
the core never imports Qt. A word with ``{name}`` fields is formatted after translation."""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802  Qt's name, which lupdate finds
    """Marks ``text`` for translation in ``context``; returns it unchanged."""
    return text


CONTEXT = "words"  # the translations' context of these words (lupdate reads the literals below)
TITLE = QT_TRANSLATE_NOOP("words", "desk-app: handwritten digits")
TITLE_READ = QT_TRANSLATE_NOOP("words", "desk-app: {answer}")
DRAW = QT_TRANSLATE_NOOP("words", "Draw a digit")  # what the panel says when there is nothing to read
CONFIDENT = QT_TRANSLATE_NOOP("words", "{percent} confident")
UNSURE = QT_TRANSLATE_NOOP("words", "Unsure: {a} or {b}?")
NOT_A_DIGIT = QT_TRANSLATE_NOOP("words", "Not a digit")
TOO_SMALL = QT_TRANSLATE_NOOP("words", "Too small: draw bigger")
DIGIT_SAYS = QT_TRANSLATE_NOOP("words", "digit {n}: {words}")  # one digit of a number
NO_DIGITS = QT_TRANSLATE_NOOP("words", "No digits: nothing in the picture reads as a digit")
YOUR_CORRECTION = QT_TRANSLATE_NOOP("words", "your correction")
YOUR_CORRECTIONS = QT_TRANSLATE_NOOP("words", "your corrections")
NOT_A_DIGIT_SIGN = "✗"  # the big label's sign for "not a digit", and the bars' row for it
SIGNS = {"unsure": "?", "not a digit": NOT_A_DIGIT_SIGN, "too small": "·"}  # the big label, no digit


def same(text: str) -> str:
    """The words as they are: English (the command line, and the core's default)."""
    return text
