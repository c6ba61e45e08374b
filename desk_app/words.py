"""The fixed words and signs of the app's answers, in one place the window can import before
NumPy loads (``reading`` builds the answers from them)."""

TITLE = "desk-app: handwritten digits"
NOT_A_DIGIT_SIGN = "✗"  # the big label's sign for "not a digit", and the bars' row for it
SIGNS = {"unsure": "?", "not a digit": NOT_A_DIGIT_SIGN, "too small": "·"}  # the big label, no digit
DRAW = "Draw a digit"  # what the panel says when there is nothing to read


def plural(n: int, word: str) -> str:
    """ "1 sample", "2 samples"."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
