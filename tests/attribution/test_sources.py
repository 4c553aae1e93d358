"""The sources pass alone (stages/attribution/sources.py): a source phrase as a Source."""

from __future__ import annotations

from collections.abc import Callable

from reportedly.lexicons import Lexicons
from reportedly.nlp.doc import Document
from reportedly.records import Source
from reportedly.stages.attribution.sources import make_source

Reader = Callable[[str], tuple[Lexicons, Document]]


def _source(read: Reader, text: str, head: str) -> Source:
    lexicons, state = read(text)
    sent = state.sentences[0]
    i = next(t.i for t in sent.span if t.text == head)
    return make_source(lexicons, state, sent, i, 1, None)


def test_an_official_familiar_with_the_talks_is_anonymous(read: Reader) -> None:
    src = _source(read, "An official familiar with the talks said the deal was close.", "official")
    assert src.kind == "anonymous"
    assert src.description == "An official familiar with the talks"


def test_a_role_noun_is_an_official(read: Reader) -> None:
    src = _source(read, "The trade minister said the deal was close.", "minister")
    assert (src.name, src.kind, src.level) == ("trade minister", "official", 1)


def test_a_known_outlet_is_an_outlet(read: Reader) -> None:
    src = _source(read, "Reuters reported that the deal was close.", "Reuters")
    assert (src.name, src.kind) == ("Reuters", "outlet")


def test_unnamed_reports_name_nobody(read: Reader) -> None:
    src = _source(read, "Reports say the deal was close.", "Reports")
    assert (src.name, src.kind) == ("unnamed reports", "anonymous")


def test_the_source_span_covers_the_phrase(read: Reader) -> None:
    text = "The harbour master said the ferries would sail."
    src = _source(read, text, "master")
    assert src.start is not None
    assert src.end is not None
    assert text[src.start : src.end] == "The harbour master"
