#!/usr/bin/env python
"""Draw desk-app's icon (a sheet of paper with a handwritten 7 and a tick) as SVG and PNG.

    python packaging/make_icon.py     (writes assets/desk-app.svg and assets/desk-app.png)
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
SEVEN = [(70, 78), (182, 74), (112, 196)]
BAR = [(96, 138), (160, 136)]
TICK = [(150, 196), (172, 216), (214, 168)]

SVG = f"""<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <rect x="16" y="16" width="224" height="224" rx="36" fill="#fffef8" stroke="#2a6fdb" stroke-width="8"/>
  <polyline points="{' '.join(f'{x},{y}' for x, y in SEVEN)}" fill="none" stroke="#1b1b1f"
            stroke-width="20" stroke-linecap="round" stroke-linejoin="round"/>
  <polyline points="{' '.join(f'{x},{y}' for x, y in BAR)}" fill="none" stroke="#1b1b1f"
            stroke-width="16" stroke-linecap="round"/>
  <polyline points="{' '.join(f'{x},{y}' for x, y in TICK)}" fill="none" stroke="#2a6fdb"
            stroke-width="16" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
"""


def png(size: int = 256) -> Image.Image:
    k = 4  # drawn at 4x and scaled down, for smooth edges
    img = Image.new("RGBA", (256 * k, 256 * k), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((16 * k, 16 * k, 240 * k, 240 * k), radius=36 * k, fill="#fffef8",
                        outline="#2a6fdb", width=8 * k)
    for pts, width, color in ((SEVEN, 20, "#1b1b1f"), (BAR, 16, "#1b1b1f"), (TICK, 16, "#2a6fdb")):
        scaled = [(x * k, y * k) for x, y in pts]
        d.line(scaled, fill=color, width=width * k, joint="curve")
        for x, y in scaled:
            r = width * k / 2
            d.ellipse((x - r, y - r, x + r, y + r), fill=color)
    return img.resize((size, size), Image.LANCZOS)


if __name__ == "__main__":
    (ROOT / "assets" / "desk-app.svg").write_text(SVG)
    png().save(ROOT / "assets" / "desk-app.png")
    print("wrote assets/desk-app.svg and assets/desk-app.png")
