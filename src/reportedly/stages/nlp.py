"""The spaCy stage: sentences, tokens, POS, dependency parse and NER per block."""

from __future__ import annotations

from ..nlp.doc import Document, Sentence
from .base import Resources, StageConfig, StageFunc, stage


@stage("nlp.v1", alias="nlp", requires=["blocks"], assigns=["docs", "sentences"])
def make_nlp(config: StageConfig, res: Resources) -> StageFunc:
    """Parse each block with spaCy; sentences keep article offsets."""

    def nlp_stage(doc: Document) -> None:
        text = doc.article.text
        texts = [text[b.start : b.end] for b in doc.blocks]
        doc.docs = []
        for parsed in res.nlp.pipe(texts):
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
