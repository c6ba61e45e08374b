"""The Qt layer: a thin window over the core. Only these modules import Qt."""

import math


def setting_number(value, default: float, lo: float, hi: float) -> float:
    """A number from the settings file, or ``default`` when it is garbage; clamped to [lo, hi]."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return default
    return min(max(v, lo), hi) if math.isfinite(v) else default
