"""desk-app: a drawing pad that reads handwritten digits.

The core (``ink``, ``imaging``, ``numbers``, ``verdicts``, ``reading``, ``recognizer``) needs
neither Qt nor TensorFlow; ``desk_app.ui`` is the Qt window over it; ``desk_app.training`` is
TensorFlow's side. ``Recognizer`` and ``ModelError`` are imported on first use, so that the window
can show itself before NumPy and the model load.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["ModelError", "Recognizer"]
__version__ = "0.2.0"

if TYPE_CHECKING:
    from desk_app.recognizer import ModelError, Recognizer


def __getattr__(name: str):
    if name in __all__:
        from desk_app import recognizer

        return getattr(recognizer, name)
    raise AttributeError(f"module 'desk_app' has no attribute {name!r}")
