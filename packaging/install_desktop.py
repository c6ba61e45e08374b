#!/usr/bin/env python
"""`make install-desktop`: the desktop entry and the icon, for the current user.

    python packaging/install_desktop.py [--exec PATH]   (default: the desk-app beside this Python)
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--exec", default=str(Path(sys.executable).parent / "desk-app"),
                   help="the command the entry starts")
    args = p.parse_args(argv)
    data = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    apps = data / "applications"
    icons = data / "icons" / "hicolor"
    apps.mkdir(parents=True, exist_ok=True)
    entry = (ROOT / "packaging" / "desk-app.desktop").read_text()
    entry = entry.replace("Exec=desk-app", f"Exec={args.exec}")
    (apps / "desk-app.desktop").write_text(entry)
    for size_dir, name in (("256x256", "desk-app.png"), ("scalable", "desk-app.svg")):
        folder = icons / size_dir / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "assets" / name, folder / name)
    print(f"installed {apps / 'desk-app.desktop'} (Exec={args.exec}) and the icon in {icons}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
