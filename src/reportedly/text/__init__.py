"""Text helpers shared across layers: name keys (keys.py)."""
