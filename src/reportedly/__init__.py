"""reportedly: who says so, how sure they sound, who else confirms it.

>>> import reportedly
>>> result = reportedly.analyze("Officials said the bridge was closed.")
>>> [c.status for c in result.claims]
['reported']
"""

from __future__ import annotations

from .errors import ReportedlyError
from .facade import Corpus
from .pipeline import DEFAULT_STAGES, Pipeline
from .read import load_article
from .records import SCHEMA_VERSION, Analysis, Article, Claim, Cue, Entity, Event, Source

__all__ = [
    "DEFAULT_STAGES",
    "SCHEMA_VERSION",
    "Analysis",
    "Article",
    "Claim",
    "Corpus",
    "Cue",
    "Entity",
    "Event",
    "Pipeline",
    "ReportedlyError",
    "Source",
    "analyze",
]

__version__ = "0.1.0"

_default_pipeline: Pipeline | None = None


def analyze(
    text_or_html: str | bytes | Article,
    *,
    published: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Analysis:
    """Analyse one article (plain text, HTML, or an :class:`Article`)."""
    global _default_pipeline
    if isinstance(text_or_html, Article):
        article = text_or_html
    else:
        article = load_article(
            text_or_html, published=published, title=title, outlet=outlet, url=url
        )
    if _default_pipeline is None:
        _default_pipeline = Pipeline()
    return _default_pipeline(article)
