"""The spaCy stage: sentences, tokens, POS, dependency parse and NER per block."""

from __future__ import annotations

from collections.abc import Iterator

from .. import settings
from ..nlp.doc import Document, Sentence
from .base import Resources, StageConfig, StageFunc, stage


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


@stage("nlp.v1", alias="nlp", requires=["blocks"], assigns=["docs", "sentences"])
def make_nlp(config: StageConfig, res: Resources) -> StageFunc:
    """Parse each block with spaCy; sentences keep article offsets."""

    def nlp_stage(doc: Document) -> None:
        text = doc.article.text
        texts = [text[b.start : b.end] for b in doc.blocks]
        doc.docs = []
        for batch in batches(texts, settings.MAX_BATCH_CHARS):
            for parsed in res.nlp.pipe(batch, batch_size=len(batch)):
                doc.docs.append(parsed)
                doc.check_time()
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

    return nlp_stage
