"""A handwriting style the bundled model misreads: a one whose flag is long and nearly flat (read
as 7, as it reads some of the dev site uqb's ones). Drawn as pen strokes, as a person would on
the canvas. (The ensemble bundled before read zeros crossed by a long, shallow slash as 8; this
model reads them right.)"""

from __future__ import annotations

import numpy as np


def flat_flag_one(rng: np.random.Generator) -> list[np.ndarray]:
    h = rng.uniform(150, 190)
    x, top = 140 + rng.normal(0, 3), 140 - h / 2
    flag, a = rng.uniform(0.6, 0.9) * h, np.radians(rng.uniform(5, 15))
    start = [x - flag * np.cos(a), top + flag * np.sin(a)]
    return [np.array([start, [x, top], [x + rng.normal(0, 3), top + h]])]
