"""The web app of ``reportedly serve``: a JSON API under ``/api`` and server-rendered pages.

>>> from reportedly.web import create_app
>>> app = create_app("news.db", token=None)  # doctest: +SKIP
"""

from __future__ import annotations

from ..extras import require_extra

require_extra("web", "reportedly.web")

from .app import create_app  # noqa: E402 - after the check, so a missing extra is E105

__all__ = ["create_app"]
