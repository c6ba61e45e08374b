"""desk-app: a drawing pad that reads handwritten digits.

The core (``ink``, ``imaging``, ``recognizer``, ``numbers``) needs neither Qt nor TensorFlow;
``desk_app.ui`` is the Qt window over it; ``desk_app.training`` is TensorFlow's side.
"""

from desk_app.recognizer import ModelError, Recognizer

__all__ = ["ModelError", "Recognizer"]
__version__ = "0.2.0"
