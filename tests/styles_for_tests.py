"""A handwriting style the bundled model misreads: a zero crossed by a long, shallow slash (read
as 8). Drawn as pen strokes, as a person would on the canvas."""

from __future__ import annotations

import numpy as np


def shallow_slashed_zero(rng: np.random.Generator) -> list[np.ndarray]:
    t = np.linspace(0, 2 * np.pi, 40)
    w, h = rng.uniform(40, 60), rng.uniform(80, 100)
    oval = np.stack([140 + w * np.sin(t), 140 - h * np.cos(t)], 1) + rng.normal(0, 1, (40, 2))
    a = np.radians(rng.uniform(8, 22))
    reach = rng.uniform(1.3, 1.6) * w
    d = np.array([np.cos(a), -np.sin(a)])
    return [oval, np.stack([140 - reach * d, 140 + reach * d])]
