"""Light and dark: follow the system's palette, or force either (View > Theme)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")
_system: QPalette | None = None  # the palette the app started with


def _palette(dark: bool) -> QPalette:
    p = QPalette()
    c = QPalette.ColorRole
    colors = {
        c.Window: "#2b2d31" if dark else "#efefef",
        c.WindowText: "#ececec" if dark else "#1d1d1f",
        c.Base: "#1f2125" if dark else "#ffffff",
        c.AlternateBase: "#34373c" if dark else "#f2f2f2",
        c.Text: "#ececec" if dark else "#1d1d1f",
        c.Button: "#3a3d42" if dark else "#e4e4e4",
        c.ButtonText: "#ececec" if dark else "#1d1d1f",
        c.Highlight: "#4c8bf5" if dark else "#2a6fdb",
        c.HighlightedText: "#ffffff",
        c.Mid: "#6b6f76" if dark else "#9a9a9a",
        c.Dark: "#151618" if dark else "#7a7a7a",
        c.Light: "#4a4d52" if dark else "#ffffff",
        c.ToolTipBase: "#3a3d42" if dark else "#ffffdc",
        c.ToolTipText: "#ececec" if dark else "#1d1d1f",
        c.PlaceholderText: "#9a9ea6" if dark else "#77777c",
        c.Link: "#7fb0ff" if dark else "#1a5fc8",
    }
    for role, color in colors.items():
        p.setColor(role, QColor(color))
    grey = QColor("#7d8087" if dark else "#a0a0a0")
    for role in (c.WindowText, c.Text, c.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, grey)
    return p


def apply(theme: str) -> str:
    """Set the application's palette for ``theme`` ("system", "light" or "dark"); returns the
    theme applied (an unknown name means "system")."""
    global _system
    app = QApplication.instance()
    if _system is None:
        _system = QPalette(app.palette())
    theme = theme if theme in THEMES else "system"
    if theme == "system":
        app.setPalette(_system)
    else:
        app.setPalette(_palette(theme == "dark"))
    return theme



def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def paper_and_ink(palette: QPalette) -> tuple[QColor, QColor]:
    """The canvas's paper and ink for a palette, set apart from the window in light and dark:
    the canvas and the samples' thumbnails both draw with them."""
    if is_dark(palette):
        return QColor("#15171c"), QColor("#f2f2ee")
    return QColor("#fffef8"), QColor("#1b1b1f")
