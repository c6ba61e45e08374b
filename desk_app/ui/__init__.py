"""The Qt layer: a thin window over the core. Only these modules import Qt."""
