#!/usr/bin/env python
"""`make bench`: every benchmark of bench/, one after the other."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = ["app.py", "drawn_digits.py", "drawn_numbers.py", "number_pictures.py", "not_a_digit.py",
           "training.py"]

if __name__ == "__main__":
    failed = 0
    for name in BENCHES:
        print(f"\n## {name}\n", flush=True)
        failed |= subprocess.run([sys.executable, str(HERE / name)]).returncode
    sys.exit(failed)
