"""The spaCy stage: sentences, tokens, POS, dependency parse and NER per block.

The blocks are parsed as ``nlp.pipe`` parses them, with the model's attribute rules and
lemmas found in tables (:mod:`reportedly.nlp.parse`: the same docs, the parse a tenth
sooner).

With the learned attribution tagger on (the default; stage config ``{"tagger": false}`` or
``REPORTEDLY_TAGGER=0`` turns it off), every parsed block also gets the tagger's SOURCE and
CUE spans (``doc.spans["attribution_tagger"]``, see :mod:`reportedly.nlp.tagger`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from .. import settings
from ..nlp.doc import Document, Sentence
from ..nlp.parse import Parser
from .base import Resources, StageConfig, StageFunc, stage

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc

    from ..nlp.tagger import AttributionTagger

#: The environment variable that turns the attribution tagger off (see :mod:`..settings`).
TAGGER_ENV = settings.ENV_TAGGER


def batches(texts: list[str], budget: int) -> Iterator[list[str]]:
    """``texts`` in order, cut into runs of at most ``budget`` characters (a longer text
    is a batch of its own)."""
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and size + len(text) > budget:
            yield batch
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield batch


def set_sentences(doc: Document) -> None:
    """The sentences of the parsed blocks, in article offsets."""
    doc.sentences = []
    for i, (block, parsed) in enumerate(zip(doc.blocks, doc.docs, strict=True)):
        for sent in parsed.sents:
            if not sent.text.strip():
                continue
            doc.sentences.append(
                Sentence(
                    start=block.start + sent.start_char,
                    end=block.start + sent.end_char,
                    block=i,
                    span=sent,
                    offset=block.start,
                    kind=block.kind,
                )
            )


def _block_texts(doc: Document) -> list[str]:
    text = doc.article.text
    return [text[b.start : b.end] for b in doc.blocks]


class NlpStage:
    """The spaCy stage's function: one document, or (``batch``) the blocks of several
    documents parsed together, in runs of at most ``budget`` characters."""

    def __init__(self, res: Resources, budget: int, tagger: AttributionTagger | None) -> None:
        self.res = res
        self.budget = budget
        self.tagger = tagger

    @functools.cached_property
    def parser(self) -> Parser:
        """``nlp.pipe`` with the rule components run from tables (the same docs)."""
        return Parser(self.res.nlp)

    def _parse(self, batch: list[str]) -> Iterator[SpacyDoc]:
        parsed = self.parser.pipe(batch, batch_size=len(batch))
        return self.tagger.pipe(parsed) if self.tagger is not None else parsed

    def __call__(self, doc: Document) -> None:
        doc.docs = []
        for batch in batches(_block_texts(doc), self.budget):
            for parsed in self._parse(batch):
                doc.docs.append(parsed)
                doc.check_time()
        set_sentences(doc)

    def batch(self, docs: Sequence[Document]) -> None:
        texts: list[str] = []
        for doc in docs:
            texts.extend(_block_texts(doc))
        parsed: list[SpacyDoc] = []
        for batch in batches(texts, self.budget):
            parsed.extend(self._parse(batch))
        k = 0
        for doc in docs:
            n = len(doc.blocks)
            doc.docs = parsed[k : k + n]
            k += n
            set_sentences(doc)


@stage("nlp.v1", alias="nlp", requires=["blocks"], assigns=["docs", "sentences"])
def make_nlp(config: StageConfig, res: Resources) -> StageFunc:
    """Parse each block with spaCy (and tag attribution spans); sentences keep article offsets."""
    return NlpStage(res, settings.MAX_BATCH_CHARS, _tagger(config, res))


def tagger_enabled(config: StageConfig) -> bool:
    """The stage config's ``tagger`` flag, else the settings' (``REPORTEDLY_TAGGER``,
    default: on)."""
    flag = config.get("tagger")
    if flag is not None:
        return bool(flag)
    return settings.Settings.from_env().tagger


def _tagger(config: StageConfig, res: Resources) -> AttributionTagger | None:
    if not tagger_enabled(config):
        return None
    from ..nlp.tagger import tagger_component

    weights = config.get("tagger_weights")
    return tagger_component(res.nlp, str(weights) if weights else None)
