"""The spaCy stage: sentences, tokens, POS, dependency parse and NER per block."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from .. import settings
from ..nlp.doc import Document, Sentence
from .base import Resources, StageConfig, StageFunc, stage

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc


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


def _sentences(doc: Document) -> None:
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

    def __init__(self, res: Resources, budget: int) -> None:
        self.res = res
        self.budget = budget

    def __call__(self, doc: Document) -> None:
        doc.docs = []
        for batch in batches(_block_texts(doc), self.budget):
            for parsed in self.res.nlp.pipe(batch, batch_size=len(batch)):
                doc.docs.append(parsed)
                doc.check_time()
        _sentences(doc)

    def batch(self, docs: Sequence[Document]) -> None:
        texts: list[str] = []
        for doc in docs:
            texts.extend(_block_texts(doc))
        parsed: list[SpacyDoc] = []
        for batch in batches(texts, self.budget):
            parsed.extend(self.res.nlp.pipe(batch, batch_size=len(batch)))
        k = 0
        for doc in docs:
            n = len(doc.blocks)
            doc.docs = parsed[k : k + n]
            k += n
            _sentences(doc)


@stage("nlp.v1", alias="nlp", requires=["blocks"], assigns=["docs", "sentences"])
def make_nlp(config: StageConfig, res: Resources) -> StageFunc:
    """Parse each block with spaCy; sentences keep article offsets."""
    return NlpStage(res, settings.MAX_BATCH_CHARS)
