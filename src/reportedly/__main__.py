"""``python -m reportedly``: the same command line as the ``reportedly`` script."""

from __future__ import annotations

from .cli import main

main()
