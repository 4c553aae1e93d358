"""Datelines at the start of a news body: "ROTTERDAM (Reuters) -", "PARIS (AP) —",
"LONDON, Nov 18 (Reuters) -", "WEST PALM BEACH, Fla. —"."""

from __future__ import annotations

import re
from functools import cache

from .. import lexicons

#: A dateline that credits a wire service in brackets (the place may be missing).
WIRE_DATELINE = re.compile(
    r"^\W{0,3}(?:[A-Z][\w .,'’/-]{0,60}?\s)?\((?P<wire>[A-Za-z][A-Za-z .-]{0,30})\)\s*[-—–:]",
)

#: A place in capitals, an optional ", <state or date>", an optional wire credit, a dash.
_PLACE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+){0,3})"
    r"(?:,\s?[A-Z][\w.]{0,10}(?:\s[\w.]{1,10}){0,2})?"
    r"\s*(?P<wire>\([A-Za-z][A-Za-z .-]{0,30}\))?\s*(?P<dash>--|[-—–])\s+"
)


@cache
def _label(labels: frozenset[str]) -> re.Pattern[str]:
    """A headline label in capitals with its number or time and its dash or colon:
    "UPDATE 2-", "REFILE-", "EXCLUSIVE: ", "UPDATE: 18:40 -- "."""
    words = sorted(labels, key=len, reverse=True)
    alts = "|".join(re.escape(w.upper()) for w in words)
    return re.compile(
        rf"^(?:{alts})(?:\s?\d{{1,2}})?\s?[-—–:]+\s*(?:\d{{1,2}}[:.]\d{{2}}\s*(?:--|[-—–])\s*)?"
    )


def label_length(text: str, labels: frozenset[str] | None = None) -> int:
    """How many characters a headline label (``labels``, by default words.yaml
    ``headline_labels`` of the shipped lexicons) takes at the start of ``text``, 0 when
    none."""
    if labels is None:
        labels = lexicons.default().word_set("headline_labels")
    if not labels:
        return 0
    m = _label(labels).match(text)
    return m.end() if m is not None and m.end() < len(text) else 0


def dateline_length(text: str, labels: frozenset[str] | None = None) -> int:
    """How many characters a dateline (after any headline label, see :func:`label_length`)
    takes at the start of ``text`` (with the space after its dash), 0 when there is none.
    The place must be in capitals (two letters or more) or a wire credit must follow it,
    so a sentence opening ("US - China talks") is not taken for one."""
    label = label_length(text, labels)
    if label:
        return label + dateline_length(text[label:], labels)
    m = _PLACE_DATELINE.match(text)
    if m is not None and sum(ch.isalpha() for ch in m.group("place")) >= 2:
        # without a wire credit only a long dash: "US - China talks" is no dateline
        if (m.group("wire") or m.group("dash") != "-") and m.end() < len(text):
            return m.end()
    m = WIRE_DATELINE.match(text)
    if m is not None and m.end() < len(text):
        end = m.end()
        while end < len(text) and text[end].isspace():
            end += 1
        return end
    return 0
