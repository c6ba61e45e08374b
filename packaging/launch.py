"""The standalone app's entry point (PyInstaller freezes this file)."""

import sys

from desk_app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
