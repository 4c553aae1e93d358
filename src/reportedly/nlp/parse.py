"""The nlp stage's parse: ``nlp.pipe``, with two of the model's rule components run
from tables (the same docs, a tenth sooner).

* the attribute ruler as an :class:`~.attribute_index.AttributeIndex` (its one-token
  patterns looked up per token, not matched pattern by pattern);
* a rule or lookup lemmatizer as a :class:`~.lemma_cache.LemmaCache` (each lemma it
  gave for a word, part of speech and morphology kept, not asked of it again).

The model object is not changed (the replacements are built beside it): other users of
the cached model (``reportedly.nlp.model.load_model``) run it as spaCy does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .attribute_index import AttributeIndex
from .lemma_cache import LemmaCache

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def _replacement(proc: Any) -> Any:
    """The table-driven stand-in for a pipeline component, or the component itself."""
    from spacy.pipeline import AttributeRuler

    if isinstance(proc, AttributeRuler):
        return AttributeIndex(proc)
    if LemmaCache.applies(proc):
        return LemmaCache(proc)
    return proc


class Parser:
    """``nlp.pipe`` with the pipeline's rule components run from tables: the same
    docs, sooner."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.steps: list[Any] = [_replacement(proc) for _, proc in nlp.pipeline]

    def pipe(self, texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
        """The parsed docs of ``texts``, in order, as ``nlp.pipe(texts, batch_size)``
        gives them (every component runs on the whole of ``texts`` at once)."""
        docs = [self.nlp.make_doc(text) for text in texts]
        for step in self.steps:
            if isinstance(step, (AttributeIndex, LemmaCache)) or not hasattr(step, "pipe"):
                docs = [step(doc) for doc in docs]
            else:
                docs = list(step.pipe(docs, batch_size=batch_size))
        return iter(docs)
