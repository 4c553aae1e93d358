"""Quotations over several sentences: one frame content for the whole quotation, and the
quotation's speaker for its "I" and "we"."""

from __future__ import annotations

from ...nlp.doc import Document, Unit
from ...records import Source
from ..source_coref import (
    refer_to,
)
from .carry import region_of
from .frame import Found

#: A source that is the quotation's speaker speaking of itself: "I", "we", "our evidence".
FIRST_PERSON = frozenset({"i", "we", "my", "our"})


def quotation_contents(
    state: Document, units: list[Unit], found: Found, regions: dict[int, list[tuple[int, int]]]
) -> None:
    """A speech frame's content runs over the whole quotation it opens or closes when no
    words stand between ('X said: "A. B."', '"A. B," said X'): one frame, one content."""
    text = state.article.text
    for att, ui in found:
        if ui is None or not units[ui].direct_quote or att.kind not in ("speech", "cognition"):
            continue
        unit = units[ui]
        region = region_of(regions, state.sentences[unit.sentence].block, unit)
        if region is None or not unit.sources:
            continue
        speaker = unit.sources[-1].name
        mates = sorted(
            (
                u
                for u in units
                if u.carried
                and u.direct_quote
                and u.parent is None
                and region[0] <= u.start
                and u.end <= region[1] + 1
                and any(s.name == speaker for s in u.sources)
            ),
            key=lambda u: u.start,
        )
        for u in mates:  # later sentences of the quotation
            if u.start >= att.content_end and _only_marks(text[att.content_end : u.start]):
                att.content_end = u.end
        for u in reversed(mates):  # earlier ones, when the speaker comes at the end
            if u.end <= att.content_start and _only_marks(text[u.end : att.content_start]):
                att.content_start = u.start


def _only_marks(gap: str) -> bool:
    return all(not ch.isalnum() for ch in gap)


def _first_person(src: Source, text: str = "") -> bool:
    """'I', 'we', 'our evidence': the words of the source in ``text`` when given (an
    unnamed "our analysis" is named "unnamed analysis"), else its name."""
    if src.start is None:
        return False
    words = text[src.start : src.end] if text and src.end is not None else src.name
    first = words.split(" ", 1)[0].lower()
    return first in FIRST_PERSON or src.name.split(" ", 1)[0].lower() in FIRST_PERSON


def _own_voice(unit: Unit, text: str) -> list[int]:
    """The indices of the unit's sources that are its quotation's speaker speaking of
    itself: "I", "we", "our evidence", and a conjunct sharing the possessive ("Our data
    and analysis suggest": "analysis" is a source of the same frame at the same level)."""
    ours = {(s.level, s.cue.start) for s in unit.sources if s.cue and _first_person(s, text)}
    return [
        k
        for k, s in enumerate(unit.sources)
        if _first_person(s, text)
        or (s.kind == "anonymous" and s.cue is not None and (s.level, s.cue.start) in ours)
    ]


def _speaker_of(unit: Unit, text: str = "") -> Source | None:
    """The chain's nearest named link to the outlet that is not "I"/"we" (a quotation
    quoted inside the unit has its own speaker one level deeper)."""
    own = set(_own_voice(unit, text))
    named = [
        s
        for k, s in enumerate(unit.sources)
        if s.level >= 1 and s.start is not None and k not in own and s.name.lower() != "you"
    ]
    return min(named, key=lambda s: s.level) if named else None


def _goes_on(
    text: str, last: tuple[int, Source] | None, block: int, members: list[Unit]
) -> Source | None:
    """The speaker of the quotation just before, when this one speaks only of itself
    ("Our evidence suggests ...") and follows it in the next paragraph."""
    if last is None or block - last[0] > 1:
        return None
    if all(
        set(_own_voice(u, text)) >= {k for k, s in enumerate(u.sources) if s.level >= 1}
        for u in members
    ):
        return last[1]
    return None


def quote_speakers(
    state: Document, units: list[Unit], regions: dict[int, list[tuple[int, int]]]
) -> None:
    """Give each quoted unit the speaker of its quotation, and make the quotation's "I"
    and "we" that speaker ('"I told the board," Ruiz said': Ruiz told the board)."""
    text = state.article.text
    by_region: dict[tuple[int, int, int], list[Unit]] = {}
    for u in units:
        if not u.direct_quote:
            continue
        block = state.sentences[u.sentence].block
        region = region_of(regions, block, u)
        if region is None:
            u.quote_speaker = _speaker_of(u, text)
            continue
        by_region.setdefault((block, *region), []).append(u)
    last: tuple[int, Source] | None = None  # (block, speaker) of the last quotation
    for (block, _, _), members in by_region.items():
        speakers = [p for p in (_speaker_of(u, text) for u in members) if p is not None]
        speaker = min(speakers, key=lambda s: s.level) if speakers else None
        if speaker is None:
            speaker = _goes_on(text, last, block, members)
        if speaker is not None:
            last = (block, speaker)
        for u in members:
            u.quote_speaker = _speaker_of(u, text) or speaker
            if speaker is None:
                continue
            for k in _own_voice(u, text):
                u.sources[k] = refer_to(u.sources[k], speaker)
