"""chrome.yaml compiled: the rules the clean stage sets page furniture apart with."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any


def _alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace."""
    unique = sorted({p.strip() for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in unique)


def _strs(data: dict[str, Any], key: str) -> list[str]:
    return [str(x) for x in data.get(key) or []]


@dataclass(frozen=True)
class ChromeRules:
    """The compiled contents of lexicons/chrome.yaml."""

    agencies: frozenset[str]
    pipe_agency: re.Pattern[str]
    photo_credit: re.Pattern[str]
    upper_agency_tail: re.Pattern[str]
    paren_credit: re.Pattern[str]
    label_start: re.Pattern[str]
    label_end: re.Pattern[str]
    credit_words: frozenset[str]
    max_credit_words: int
    max_pipe_credit_words: int
    max_caption_chars: int
    caption_patterns: tuple[re.Pattern[str], ...]
    byline_prefix: re.Pattern[str]
    name_particles: frozenset[str]
    byline_roles: frozenset[str]
    byline_max_words: int
    byline_patterns: tuple[re.Pattern[str], ...]
    share_exact: frozenset[str]
    share_label: re.Pattern[str] | None
    share_start: re.Pattern[str] | None
    share_row_words: frozenset[str]
    boiler_exact: frozenset[str]
    boiler_label: re.Pattern[str] | None
    boiler_start: re.Pattern[str] | None
    boiler_patterns: tuple[re.Pattern[str], ...]
    boiler_max_chars: int
    nav_split: re.Pattern[str]
    nav_min_parts: int
    nav_max_part_words: int
    date_label: re.Pattern[str]
    date_words: frozenset[str]
    months: frozenset[str]
    weekdays: frozenset[str]
    date_max_chars: int


def _label_re(phrases: Sequence[str]) -> re.Pattern[str] | None:
    """The line starts with a phrase followed by a separator, or is just the phrase."""
    if not phrases:
        return None
    return re.compile(rf"(?:{_alternation(phrases)})(?:\s*[:|»›>]|\s+[-–—]|\s*$)", re.IGNORECASE)


def _start_re(phrases: Sequence[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    return re.compile(rf"(?:{_alternation(phrases)})\b", re.IGNORECASE)


def _patterns(data: dict[str, Any]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in _strs(data, "patterns"))


# long: one compiled rule per section of the file, in the file's order
def compile_chrome(d: dict[str, Any]) -> ChromeRules:
    """Compile the contents of chrome.yaml."""
    cap: dict[str, Any] = d.get("captions") or {}
    byl: dict[str, Any] = d.get("bylines") or {}
    shr: dict[str, Any] = d.get("share") or {}
    boi: dict[str, Any] = d.get("boilerplate") or {}
    nav: dict[str, Any] = d.get("navigation") or {}
    dat: dict[str, Any] = d.get("datelines") or {}

    agencies = _strs(d, "agencies") + _strs(d, "photo_credits")
    photo_alt = _alternation(_strs(d, "photo_credits"))
    agency_alt = _alternation(agencies + [a.upper() for a in agencies])
    upper_alt = _alternation(a.upper() for a in agencies if len(a) > 1)
    labels = _strs(cap, "credit_labels")
    by_labels = [lb for lb in labels if lb.lower().endswith((" by", "courtesy"))]
    colon_labels = [lb for lb in labels if lb not in by_labels]
    credit_sep = r"\s*[:：,|]\s*"
    label_alt = _alternation(colon_labels)
    by_alt = _alternation(by_labels)
    label_start = re.compile(
        rf"(?i:(?:{label_alt})){credit_sep}(?P<credit>.+)|(?i:(?:{by_alt}))\s+(?P<credit2>.+)"
    )
    label_end = re.compile(
        rf"(?P<cap>.+?)[\s.;,|–—-]+[(\[]?(?:(?i:(?:{label_alt})){credit_sep}|(?i:(?:{by_alt}))\s+)"
        r"(?P<credit>[^()\[\]]+?)[)\]]?\.?"
    )
    months = frozenset(x.lower() for x in _strs(dat, "months"))
    weekdays = frozenset(x.lower() for x in _strs(dat, "weekdays"))
    date_words = (
        months
        | weekdays
        | frozenset(
            x.lower()
            for key in ("relative", "times", "zones", "labels")
            for phrase in _strs(dat, key)
            for x in phrase.split()
        )
    )
    separators = "".join(re.escape(s) for s in _strs(nav, "separators")) or r"|"
    return ChromeRules(
        agencies=frozenset(agencies) | frozenset(a.upper() for a in agencies),
        pipe_agency=re.compile(rf"(?:{agency_alt})(?:\s*/\s*[^/|]{{1,60}}){{0,3}}"),
        photo_credit=re.compile(rf"(?i:{photo_alt})(?:\s*/\s*[^/|]{{1,60}}){{0,3}}"),
        upper_agency_tail=re.compile(
            rf"(?P<cap>.*?)\s*\b(?P<credit>(?:{upper_alt})(?:\s*/\s*[^/]{{1,60}}?){{1,3}})\s*\.?"
        ),
        paren_credit=re.compile(r"(?P<cap>.*?)\s*[(\[](?P<credit>[^()\[\]]{1,100})[)\]]\s*\.?"),
        label_start=label_start,
        label_end=label_end,
        credit_words=frozenset(x.lower() for x in _strs(cap, "credit_words")),
        max_credit_words=int(cap.get("max_credit_words", 8)),
        max_pipe_credit_words=int(cap.get("max_pipe_credit_words", 4)),
        max_caption_chars=int(cap.get("max_caption_chars", 400)),
        caption_patterns=_patterns(cap),
        byline_prefix=re.compile(
            rf"(?i:{_alternation(_strs(byl, 'prefixes'))})(?:\s*:\s*|\s+)(?P<rest>.+)"
        ),
        name_particles=frozenset(x.lower() for x in _strs(byl, "name_particles")),
        byline_roles=frozenset(" ".join(x.lower().split()) for x in _strs(byl, "roles")),
        byline_max_words=int(byl.get("max_words", 16)),
        byline_patterns=_patterns(byl),
        share_exact=frozenset(x.lower() for x in _strs(shr, "exact")),
        share_label=_label_re(_strs(shr, "labels")),
        share_start=_start_re(_strs(shr, "starts")),
        share_row_words=frozenset(x.lower() for x in _strs(shr, "row_words")),
        boiler_exact=frozenset(x.lower() for x in _strs(boi, "exact")),
        boiler_label=_label_re(_strs(boi, "labels")),
        boiler_start=_start_re(_strs(boi, "starts")),
        boiler_patterns=_patterns(boi),
        boiler_max_chars=int(boi.get("max_chars", 300)),
        nav_split=re.compile(rf"\s*[{separators}]\s*"),
        nav_min_parts=int(nav.get("min_parts", 3)),
        nav_max_part_words=int(nav.get("max_part_words", 3)),
        date_label=re.compile(
            rf"(?i:{_alternation(_strs(dat, 'labels'))})\b\s*(?:on|at)?\s*[:|\-–—]?\s*(?P<rest>.*)"
        ),
        date_words=date_words,
        months=months,
        weekdays=weekdays,
        date_max_chars=int(dat.get("max_chars", 80)),
    )
