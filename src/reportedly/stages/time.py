"""The time stage: date expressions normalised against the publication date.

spaCy's DATE entities (and TIME entities that name a part of a day, "Sunday
morning", "last night") are turned into :class:`~reportedly.records.TimeRef`
with an ISO value and a precision by :func:`reportedly.text.dates.normalise`
(the news conventions it follows are documented there).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..nlp.doc import Document, sentence_ents
from ..records import TimeRef
from ..text.dates import POD, normalise, published_date
from .base import Resources, StageConfig, StageFunc, stage

if TYPE_CHECKING:
    from spacy.tokens import Span

_POD_WORD = re.compile(r"\b" + POD + r"\b|\btonight\b", re.I)


def _names_part_of_day(span: Span) -> bool:
    return bool(_POD_WORD.search(span.text))


def find_times(state: Document) -> None:
    """Normalise every DATE entity (and part-of-day TIME) of every sentence."""
    published = published_date(state.article.published)
    text = state.article.text
    times: list[TimeRef] = []
    for sent, sent_ents in zip(state.sentences, sentence_ents(state.sentences), strict=True):
        ents = [
            e
            for e in sent_ents
            if e.label_ == "DATE" or (e.label_ == "TIME" and _names_part_of_day(e))
        ]
        i = 0
        while i < len(ents):
            ent = ents[i]
            candidates = []
            # "Sunday" (DATE) + "morning" (TIME) are one expression
            if (
                i + 1 < len(ents)
                and ents[i + 1].start == ent.end
                and ent.label_ != ents[i + 1].label_
            ):
                candidates.append((ent.start_char, ents[i + 1].end_char))
                i += 1
            candidates.append((ent.start_char, ent.end_char))
            i += 1
            for start_char, end_char in candidates:
                start, end = sent.char(start_char), sent.char(end_char)
                words = text[start:end]
                found = normalise(words, published)
                if found is not None:
                    times.append(TimeRef(words, start, end, found[0], found[1]))
                    break
    state.times = times


@stage("time.v1", alias="time", requires=["sentences"], assigns=["times"])
def make_time(config: StageConfig, res: Resources) -> StageFunc:
    """Normalise every DATE entity (and part-of-day TIME) of every sentence."""
    return find_times
