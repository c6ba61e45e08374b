"""``from desk_app.window import MainWindow``: the public name of the app's window."""

from desk_app.ui.window import MainWindow

__all__ = ["MainWindow"]
