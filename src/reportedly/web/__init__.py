"""The web app of ``reportedly serve``: a JSON API under ``/api`` and server-rendered pages.

>>> from reportedly.web import create_app
>>> app = create_app("news.db", token=None)  # doctest: +SKIP
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
