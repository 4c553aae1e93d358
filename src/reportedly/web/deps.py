"""What the routes depend on: the app's configuration with its one store, and the write check.

The store is opened once, when the app is made (its migrations run then), and serves
every request: a connection per thread on SQLite, a pool on PostgreSQL.

    >>> @router.get("/x")  # doctest: +SKIP
    ... def x(cfg: Config) -> dict[str, int]:
    ...     return {"articles": cfg.store.count()}
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from ..corpus.ingest import LazyPipeline
from ..corpus.store import Store
from .cache import LinksCache, QueryCache
from .errors import DEFAULT_MAX_BODY, ApiError


@dataclass
class WebConfig:
    """What the routes need: the store, the write token, the lazily built pipeline."""

    store: Store
    token: str | None = None
    max_body: int = DEFAULT_MAX_BODY
    allow_private_urls: bool = False
    links: LinksCache = field(default_factory=LinksCache)
    cache: QueryCache = field(default_factory=QueryCache)
    pipeline: LazyPipeline = field(default_factory=LazyPipeline)

    def check_write(self, request: Request) -> None:
        """Writes need ``Authorization: Bearer <token>``; none at all without a token."""
        if not self.token:
            raise ApiError(
                403,
                "read_only",
                "this server is read-only: start it with --token (or REPORTEDLY_TOKEN) "
                "to allow writes",
            )
        auth = request.headers.get("authorization", "")
        scheme, _, given = auth.partition(" ")
        if scheme.lower() != "bearer" or not given:
            raise ApiError(
                401,
                "unauthorized",
                "writes need an 'Authorization: Bearer <token>' header",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if not hmac.compare_digest(given.strip().encode(), self.token.encode()):
            raise ApiError(
                401, "bad_token", "the token is wrong", headers={"WWW-Authenticate": "Bearer"}
            )


def config_of(request: Request) -> WebConfig:
    """The app's :class:`WebConfig` (set by :func:`reportedly.web.create_app`)."""
    cfg: WebConfig = request.app.state.config
    return cfg


#: A route parameter that receives the app's :class:`WebConfig`.
Config = Annotated[WebConfig, Depends(config_of)]
