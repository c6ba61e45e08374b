"""``desk-app`` and ``python -m desk_app``: open the window."""

from __future__ import annotations

import sys


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from desk_app.ui.window import MainWindow

    app = QApplication(sys.argv)
    app.setApplicationName("desk-app")
    app.setOrganizationName("desk-app")
    window = MainWindow()
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
