"""Actor codes: who an actor is, in CAMEO / Phoenix terms, on a given date.

An actor code is a country part and a sector part ("SYR" + "GOV" = SYRGOV). The data
live in two lexicon files (see ``lexicons/README.md``):

- ``countries.tsv``: ISO-3 codes with names, aliases, adjectives and capitals;
- ``actors.yaml``: people, organisations and armed groups with dated roles, the sector
  words of noun phrases ("army" -> MIL), metonyms ("the Kremlin" -> RUS GOV) and the
  country-slot codes of organisations and regions.

Three lookups use them:

- :func:`country_code` turns a country name, alias, adjective or capital into ISO-3;
- :func:`resolve_name` turns a name ("Bashar al-Assad", "Assad", "Orbán") into the role
  the actor held on a date;
- :func:`resolve_phrase` codes a noun phrase: a known name first ("Russian President
  Vladimir Putin"), then a metonym ("Tehran"), then a country word plus a sector word
  ("the Syrian army", "an Iranian MP", "rebels"). "X-backed" gives the backer's country
  ("Iranian-backed forces" -> IRN MIL).

Matching ignores case, accents, dots, apostrophes, hyphens and a leading "the". Two
guards keep common words from matching: an acronym ("US", "WHO", "CAR") only matches
text in capitals, and a one-word name, adjective or metonym only matches a capitalised
word unless the whole text is lower case. An :class:`ActorResolver` is built from one
:class:`~reportedly.lexicons.Lexicons` bundle; it compiles the files into dictionaries
once and memoises its answers, so a lookup takes microseconds. The module functions
(:func:`resolve_name` ...) use the resolver of the bundle the environment names.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .. import lexicons
from ..lexicons import Country, Lexicons
from ..text.keys import name_key, name_words

__all__ = [
    "ACTOR_TYPES",
    "ActorCode",
    "ActorDictionary",
    "ActorEntry",
    "ActorResolver",
    "Country",
    "Role",
    "actor_dictionary",
    "countries",
    "country_code",
    "lookup",
    "resolve_name",
    "resolve_phrase",
    "resolver",
]

ACTOR_TYPES = frozenset({"person", "organisation", "group"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CODE = re.compile(r"^[A-Z][A-Z0-9]{2}$")
_ROMAN = re.compile(r"^[ivxlcdm]+$")
_PARTICLES = frozenset({"al", "el"})


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class ActorCode:
    """A coded actor: country (ISO-3, IGO or region code) and sector (GOV, MIL, ...)."""

    country: str | None
    sector: str | None
    name: str | None = None  # the dictionary's canonical name, when a name was resolved
    title: str | None = None  # the role's title on the date ("president")

    @property
    def code(self) -> str | None:
        """Phoenix-style code: country + sector ("SYRGOV"), or None when both are empty."""
        joined = (self.country or "") + (self.sector or "")
        return joined or None


@dataclass(frozen=True)
class Role:
    """One dated role of an actor. ``start``/``end`` are the file's ``from``/``to``."""

    sector: str
    title: str | None
    start: str | None  # ISO date, inclusive; None = open
    end: str | None  # ISO date, inclusive; None = open
    country: str | None

    def covers(self, date: str) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


@dataclass(frozen=True)
class ActorEntry:
    """One entry of actors.yaml."""

    name: str
    aliases: tuple[str, ...]
    type: str
    country: str | None
    roles: tuple[Role, ...]
    surname: str | None = None

    def role_on(self, date: str | None) -> Role | None:
        """The first listed role valid on ``date``; with no date, the latest role."""
        if date is None:
            if not self.roles:
                return None
            current = [r for r in self.roles if r.end is None] or list(self.roles)
            return max(current, key=lambda r: r.start or "")
        for role in self.roles:
            if role.covers(date):
                return role
        return None

    def code_on(self, date: str | None) -> ActorCode:
        role = self.role_on(date)
        if role is None:
            return ActorCode(country=self.country, sector=None, name=self.name, title=None)
        return ActorCode(country=role.country, sector=role.sector, name=self.name, title=role.title)


@dataclass(frozen=True)
class ActorDictionary:
    """actors.yaml, checked and loaded."""

    actors: tuple[ActorEntry, ...]
    sector_codes: Mapping[str, str]
    codes: Mapping[str, str]  # organisation codes for the country slot
    regions: Mapping[str, tuple[str, ...]]  # region code -> names
    sectors: Mapping[str, str]  # sector word (as written) -> sector
    weak: frozenset[str]
    backers: frozenset[str]
    no_surname: frozenset[str]
    metonyms: Mapping[str, tuple[str | None, str | None]]
    context_sectors: frozenset[str] = frozenset()
    # "the Israeli-occupied West Bank", "NATO-member Norway": the name before is no actor
    placeholders: frozenset[str] = frozenset()
    peoples: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)


# --------------------------------------------------------------------------- text


@dataclass(frozen=True)
class _Tok:
    text: str  # as written, accents folded, dots and apostrophes removed
    low: str


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(w, w.casefold()) for w in name_words(text)]


def _is_acronym(form: str) -> bool:
    toks = _tokens(form)
    letters = [c for c in form if c.isalpha()]
    return len(toks) == 1 and len(letters) >= 2 and all(c.isupper() for c in letters)


def _variants(form: str) -> set[str]:
    """Keys of a name: as written, and without the particles al-/el- ("Bashar Assad")."""
    key = name_key(form)
    out = {key} if key else set()
    words = key.split()
    bare = [w for w in words if w not in _PARTICLES]
    if bare and len(bare) < len(words):
        out.add(" ".join(bare))
    return out


def _norm_date(date: object) -> str | None:
    """An ISO day from a date string (day, month, year or ISO week precision), else None."""
    if date is None:
        return None
    text = str(date).strip()
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    week = re.match(r"^(\d{4})-W(\d{2})", text)
    try:
        if week:
            return _dt.date.fromisocalendar(int(week[1]), int(week[2]), 1).isoformat()
        if m:
            return _dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1)).isoformat()
    except ValueError:
        return None
    return None


# --------------------------------------------------------------------------- loading


def _date_field(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = str(value).strip()
    if not _ISO_DATE.match(text):
        raise ValueError(f"{where}: date {value!r} is not YYYY-MM-DD or null")
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{where}: {text} is not a real date") from None
    return text


def _str_list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


# long: one check per section of actors.yaml, each with the error message it gives
def check_actor_dictionary(lex: Lexicons) -> ActorDictionary:  # noqa: C901 - see above
    """actors.yaml, checked: unknown sectors or countries and bad dates raise ValueError."""
    d = lex.actors
    sector_codes = {str(k): str(v) for k, v in (d.get("sector_codes") or {}).items()}
    codes = {str(k): str(v) for k, v in (d.get("codes") or {}).items()}
    regions = {str(k): _str_list(v) for k, v in (d.get("regions") or {}).items()}
    iso = {c.iso3 for c in lex.countries}
    known_countries = iso | set(codes) | set(regions)

    def check_country(value: Any, where: str) -> str | None:
        if value is None:
            return None
        text = str(value)
        if text not in known_countries:
            raise ValueError(
                f"{where}: country {text!r} is neither ISO-3 nor a code of actors.yaml"
            )
        return text

    def check_sector(value: Any, where: str) -> str:
        text = str(value)
        if text not in sector_codes:
            raise ValueError(f"{where}: sector {text!r} is not in sector_codes")
        return text

    peoples = {str(k): _str_list(v) for k, v in (d.get("peoples") or {}).items()}
    for code in peoples:
        check_country(code, "peoples")

    for code in (*codes, *regions):
        if not _CODE.match(code):
            raise ValueError(f"actors.yaml: code {code!r} must be three capitals")

    sectors: dict[str, str] = {}
    for sector, words in (d.get("sectors") or {}).items():
        sec = check_sector(sector, "sectors")
        for w in _str_list(words):
            sectors[w] = sec

    metonyms: dict[str, tuple[str | None, str | None]] = {}
    for form, value in (d.get("metonyms") or {}).items():
        pair = _str_list(value)
        if len(pair) != 2:
            raise ValueError(f"metonym {form!r}: give [COUNTRY, SECTOR]")
        metonyms[str(form)] = (
            check_country(pair[0], f"metonym {form!r}"),
            check_sector(pair[1], f"metonym {form!r}"),
        )

    actors: list[ActorEntry] = []
    for i, raw in enumerate(d.get("actors") or []):
        name = str(raw.get("name") or "").strip()
        where = f"actors.yaml entry {i} ({name or '?'})"
        if not name:
            raise ValueError(f"{where}: no name")
        kind = str(raw.get("type") or "")
        if kind not in ACTOR_TYPES:
            raise ValueError(f"{where}: type {kind!r} is not one of {sorted(ACTOR_TYPES)}")
        country = check_country(raw.get("country"), where)
        roles: list[Role] = []
        for j, r in enumerate(raw.get("roles") or []):
            rwhere = f"{where} role {j}"
            start = _date_field(r.get("from"), rwhere)
            end = _date_field(r.get("to"), rwhere)
            if start and end and start > end:
                raise ValueError(f"{rwhere}: from {start} is after to {end}")
            roles.append(
                Role(
                    sector=check_sector(r.get("sector"), rwhere),
                    title=str(r["title"]) if r.get("title") is not None else None,
                    start=start,
                    end=end,
                    country=check_country(r["country"], rwhere) if "country" in r else country,
                )
            )
        surname = raw.get("surname")
        actors.append(
            ActorEntry(
                name=name,
                aliases=_str_list(raw.get("aliases")),
                type=kind,
                country=country,
                roles=tuple(roles),
                surname=str(surname) if surname else None,
            )
        )

    return ActorDictionary(
        actors=tuple(actors),
        sector_codes=sector_codes,
        codes=codes,
        regions=regions,
        sectors=sectors,
        weak=frozenset(name_key(w) for w in _str_list(d.get("weak"))),
        backers=frozenset(name_key(w) for w in _str_list(d.get("backers"))),
        no_surname=frozenset(name_key(w) for w in _str_list(d.get("no_surname"))),
        metonyms=metonyms,
        context_sectors=frozenset(
            check_sector(s, "context_sectors") for s in _str_list(d.get("context_sectors"))
        ),
        placeholders=frozenset(name_key(w) for w in _str_list(d.get("placeholders"))),
        peoples=peoples,
    )


# --------------------------------------------------------------------------- index

V = TypeVar("V")


@dataclass(frozen=True)
class _Hit(Generic[V]):
    value: V
    acronym: bool  # only matches text in capitals


class _Table(Generic[V]):
    """Keys -> values, with the acronym guard and the longest key length."""

    def __init__(self) -> None:
        self.map: dict[str, _Hit[V]] = {}
        self.forms: dict[str, list[bool]] = {}
        self.maxlen = 1

    def add(self, form: str, value: V, keys: Iterable[str] | None = None) -> bool:
        """Add ``form`` (or its given keys) unless a key is taken by another value."""
        added = False
        for key in keys if keys is not None else {name_key(form)}:
            if not key:
                continue
            hit = self.map.get(key)
            if hit is not None and hit.value != value:
                continue
            self.forms.setdefault(key, []).append(_is_acronym(form))
            self.map[key] = _Hit(value, all(self.forms[key]))
            self.maxlen = max(self.maxlen, key.count(" ") + 1)
            added = True
        return added


@dataclass(frozen=True)
class _NameValue:
    actor: ActorEntry | None
    outlet: lexicons.Outlet | None


@dataclass(frozen=True)
class _Index:
    names: _Table[_NameValue]
    places: _Table[str]  # country names, aliases, adjectives and region names -> code
    nations: _Table[str]  # country names, aliases and adjectives only -> ISO-3
    capitals: _Table[str]
    metonyms: _Table[tuple[str, tuple[str | None, str | None]]]
    sectors: dict[str, str]  # keyed sector word -> sector
    sector_maxlen: int
    weak: frozenset[str]
    backers: frozenset[str]
    placeholders: frozenset[str]
    place_nouns: frozenset[str]  # roles.yaml place_nouns: "the capital of Damascus"
    context_sectors: frozenset[str]
    collisions: tuple[str, ...]  # explicit names given to two actors (a test keeps it empty)


# long: one table per kind of name (actors, surnames, outlets, countries, metonyms)
def _build_index(lex: Lexicons, ad: ActorDictionary) -> _Index:  # noqa: C901 - see above
    names: _Table[_NameValue] = _Table()
    collisions: list[str] = []
    for actor in ad.actors:
        value = _NameValue(actor, None)
        for form in (actor.name, *actor.aliases):
            for key in _variants(form):
                hit = names.map.get(key)
                if hit is not None and hit.value != value:
                    collisions.append(
                        f"{form!r} ({actor.name} / {hit.value.actor and hit.value.actor.name})"
                    )
                names.add(form, value, {key})
    # A surname alone, when it names one actor only.
    surnames: dict[str, list[ActorEntry]] = {}
    for actor in ad.actors:
        if actor.type != "person":
            continue
        words = name_key(actor.name).split()
        last = name_key(actor.surname) if actor.surname else (words[-1] if words else "")
        if len(last) < (2 if actor.surname else 3) or _ROMAN.match(last) or last in _PARTICLES:
            continue
        surnames.setdefault(last, []).append(actor)
    for key, owners in surnames.items():
        if len(owners) == 1 and key not in names.map and key not in ad.no_surname:
            form = next(
                (w for w in _tokens(owners[0].surname or owners[0].name) if w.low == key),
                _Tok(key, key),
            ).text
            names.add(form, _NameValue(owners[0], None), {key})
    seen: set[int] = set()
    for outlet in lex.outlets.values():
        if id(outlet) in seen:
            continue
        seen.add(id(outlet))
        for form in (outlet.name, *outlet.aliases):
            key = " ".join(t.low for t in _tokens(form))  # keeps "the": "The Week"
            if key not in names.map:
                names.add(form, _NameValue(None, outlet), {key})

    places: _Table[str] = _Table()
    nations: _Table[str] = _Table()
    capitals: _Table[str] = _Table()
    for c in lex.countries:
        for form in (c.name, *c.aliases, *c.adjectives):
            places.add(form, c.iso3)
            nations.add(form, c.iso3)
        for adj in c.adjectives:
            # the people: "Palestinians", "Iraqis", "Afghans" (not "Chineses")
            if adj[-1:].isalpha() and adj[-1] in "ni" and " " not in adj:
                places.add(adj + "s", c.iso3)
        for form in c.capitals:
            capitals.add(form, c.iso3)
    for code, forms in ad.regions.items():
        for form in forms:
            places.add(form, code)
    for code, forms in ad.peoples.items():  # "Serbs", "Turks": the people's country
        for form in forms:
            places.add(form, code)

    metonyms: _Table[tuple[str, tuple[str | None, str | None]]] = _Table()
    for form, pair in ad.metonyms.items():
        metonyms.add(form, (form, pair))

    sectors = {name_key(w): s for w, s in ad.sectors.items()}
    return _Index(
        names=names,
        places=places,
        nations=nations,
        capitals=capitals,
        metonyms=metonyms,
        sectors=sectors,
        sector_maxlen=max((k.count(" ") + 1 for k in sectors), default=1),
        weak=ad.weak,
        backers=ad.backers,
        placeholders=ad.placeholders,
        place_nouns=lex.roles.place_nouns,
        context_sectors=ad.context_sectors,
        collisions=tuple(collisions),
    )


# --------------------------------------------------------------------------- matching


def _case_ok(toks: Sequence[_Tok], i: int, j: int, acronym: bool, cased: bool) -> bool:
    if j - i != 1:
        return True
    text = toks[i].text
    if acronym:
        return text.isupper()
    # "iSrael": a capital anywhere marks a name typed with a slip
    return not cased or text[0].isdigit() or any(c.isupper() for c in text)


def _longest(
    toks: Sequence[_Tok],
    table: _Table[V],
    cased: bool,
    accept: Callable[[int, int, V], bool] | None = None,
) -> tuple[int, int, V] | None:
    """The longest key in toks; on a tie the rightmost (the head of a phrase)."""
    hi = len(toks)
    lows = [t.low for t in toks]
    best: tuple[int, int, V] | None = None
    for i in range(hi):
        for j in range(min(hi, i + table.maxlen), i, -1):
            hit = table.map.get(" ".join(lows[i:j]))
            if (
                hit is not None
                and _case_ok(toks, i, j, hit.acronym, cased)
                and (accept is None or accept(i, j, hit.value))
            ):
                if best is None or j - i >= best[1] - best[0]:
                    best = (i, j, hit.value)
                break
    return best


def _scan(toks: Sequence[_Tok], table: _Table[V], cased: bool) -> list[tuple[int, int, V]]:
    """Non-overlapping matches, left to right, longest first."""
    lows = [t.low for t in toks]
    out: list[tuple[int, int, V]] = []
    i, n = 0, len(toks)
    while i < n:
        for j in range(min(n, i + table.maxlen), i, -1):
            hit = table.map.get(" ".join(lows[i:j]))
            if hit is not None and _case_ok(toks, i, j, hit.acronym, cased):
                out.append((i, j, hit.value))
                i = j
                break
        else:
            i += 1
    return out


def _singulars(word: str) -> tuple[str, ...]:
    out = [word]
    if len(word) > 4 and word.endswith("ies"):
        out.append(word[:-3] + "y")
    if len(word) > 3 and word.endswith("es"):
        out.append(word[:-2])
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        out.append(word[:-1])
    return tuple(out)


def _sector(
    idx: _Index, toks: Sequence[_Tok], lo: int, hi: int, skip: set[int]
) -> tuple[str | None, bool]:
    """The phrase's sector and whether it is strong: the rightmost sector word, a weak one
    ("forces", "officials") only when the phrase has no other."""
    lows = [t.low for t in toks]
    weak: str | None = None
    j = hi
    while j > lo:
        found = 0
        for i in range(max(lo, j - idx.sector_maxlen), j):
            if any(k in skip for k in range(i, j)):
                continue
            for head in _singulars(lows[j - 1]):
                key = " ".join([*lows[i : j - 1], head])
                sec = idx.sectors.get(key)
                if sec is None:
                    continue
                if key not in idx.weak:
                    return sec, True
                weak = weak or sec
                found = j - i
                break
            if found:
                break
        j -= found or 1
    return weak, False


def _country_of(idx: _Index, toks: Sequence[_Tok], cased: bool) -> tuple[str | None, set[int]]:
    """The phrase's country (the backer's in "X-backed"), and the tokens it used."""
    hits = _scan(toks, idx.places, cased)
    used = {k for i, j, _ in hits for k in range(i, j)}
    for i, j, code in hits:
        after = toks[j].low if j < len(toks) else ""
        before = toks[i - 1].low if i > 0 else ""
        if after in idx.backers or before == "pro":
            return code, used
    if len(hits) > 1 and _people(idx, toks, hits[0]):
        # "ethnic Albanians in south Serbia": a people is coded by the country it lives in
        for i, _, code in hits[1:]:
            if any(t.low in _LOCATING for t in toks[max(0, i - 2) : i]):
                return code, used
    return (hits[0][2] if hits else None), used


_LOCATING = frozenset({"in", "of", "from"})


def _people(idx: _Index, toks: Sequence[_Tok], hit: tuple[int, int, str]) -> bool:
    """Is a country word a people ("ethnic Serbs", "Albanians"), not the state's?"""
    i, j, _ = hit
    if i > 0 and toks[i - 1].low == "ethnic":
        return True
    last = toks[j - 1].low
    return j - i == 1 and last.endswith("s") and last[:-1] in idx.places.map


# --------------------------------------------------------------------------- the resolver


class ActorResolver:
    """The actor dictionary of one lexicon bundle, indexed, with memoised lookups."""

    def __init__(self, lex: Lexicons) -> None:
        self.lexicons = lex
        self.dictionary = check_actor_dictionary(lex)
        self.index = _build_index(lex, self.dictionary)
        # memoised answers, per resolver (the text is matched once per distinct phrase)
        self._country = functools.lru_cache(maxsize=16384)(self._country_code)
        self._name = functools.lru_cache(maxsize=16384)(self._resolve_name)
        self._phrase = functools.lru_cache(maxsize=16384)(self._resolve_phrase)
        self._named_countries = functools.lru_cache(maxsize=4096)(self._countries_named)
        self._members = functools.lru_cache(maxsize=4096)(self._coordinated)

    def country_code(self, text: str) -> str | None:
        """ISO-3 of a country name, alias, adjective or capital ("the U.S." -> "USA")."""
        return self._country(text)

    def _country_code(self, text: str) -> str | None:
        toks = _tokens(text)
        if toks and toks[0].low == "the" and len(toks) > 1:
            toks = toks[1:]
        if not toks:
            return None
        cased = any(c.isupper() for c in text)
        idx = self.index
        key = " ".join(t.low for t in toks)
        for table in (idx.nations, idx.capitals):
            hit = table.map.get(key)
            if hit is not None and _case_ok(toks, 0, len(toks), hit.acronym, cased):
                return hit.value
        return None

    def lookup(self, name: str) -> ActorEntry | None:
        """The dictionary entry a name, alias or unique surname stands for."""
        toks = _tokens(name)
        if not toks:
            return None
        found = _find_name(self.index, toks, any(c.isupper() for c in name))
        return found[2].actor if found and found[0] == 0 and found[1] == len(toks) else None

    def resolve_name(self, name: str, *, date: str | None = None) -> ActorCode | None:
        """Code a person's or organisation's name on ``date`` (ISO; None = the latest role).

        The longest known name inside ``name`` wins ("President Bashar al-Assad" is Assad).
        When the actor held no role on the date, its country comes back with no sector.
        News outlets (outlets.tsv) come back as MED with their country. Never raises.
        """
        return self._name(name, _norm_date(date))

    def _resolve_name(self, name: str, date: str | None) -> ActorCode | None:
        toks = _tokens(name)
        if not toks:
            return None
        found = _find_name(self.index, toks, any(c.isupper() for c in name))
        return _code(found[2], date) if found else None

    def resolve_phrase(self, text: str, *, date: str | None = None) -> ActorCode | None:
        """Code a noun phrase: a known name, else a metonym, else country + sector words.

        "the Syrian army" -> SYR MIL; "an Iranian MP" -> IRN LEG; "rebels" -> REB;
        "Tehran" -> IRN GOV; "Iranian-backed forces" -> IRN MIL (the backer's country);
        "Russian President Vladimir Putin" -> Putin's role on ``date``; "Assad's forces" ->
        SYR MIL (a person's country with the sector of the words after the name).
        Text after a first comma is apposition and only used when the part before it gives
        nothing. Returns None when nothing in the phrase is known. Never raises.
        """
        return self._phrase(text, _norm_date(date))

    def _resolve_phrase(self, text: str, date: str | None) -> ActorCode | None:
        if "," in text:
            head = self._phrase(text.split(",", 1)[0], date)
            if head is not None:
                return head
        idx = self.index
        toks = _drop_placeholders(idx, _tokens(text))
        if not toks:
            return None
        cased = any(c.isupper() for c in text)

        found = _find_name(idx, toks, cased)
        if found is not None:
            i, j, value = found
            code = _code(value, date)
            if value.actor is not None and value.actor.type == "person" and j < len(toks):
                sector, _ = _sector(idx, toks, j, len(toks), set())
                if sector is not None:
                    return ActorCode(country=code.country or value.actor.country, sector=sector)
            return code

        country, used = _country_of(idx, toks, cased)
        meto = _longest(toks, idx.metonyms, cased)
        if meto is not None:
            i, j, (form, (m_country, m_sector)) = meto
            if any(w in idx.place_nouns for t in toks for w in _singulars(t.low)):
                return ActorCode(country=m_country, sector=None, name=form)  # a place
            sector, strong = _sector(idx, toks, 0, len(toks), used | set(range(i, j)))
            backer = country if country is not None and _backed(idx, toks, used) else None
            return ActorCode(
                country=backer or m_country,
                sector=sector if strong else m_sector,
                name=form,
            )

        sector, _ = _sector(idx, toks, 0, len(toks), used)
        if country is None and sector is None:
            return None
        return ActorCode(country=country, sector=sector)

    def countries_named(self, text: str) -> frozenset[str]:
        """The ISO-3 codes of the countries a text names by name, alias, adjective,
        people or capital ("Ugandan candidates in Kampala" -> {"UGA"}); regions are left out."""
        return self._named_countries(text)

    def _countries_named(self, text: str) -> frozenset[str]:
        toks = _tokens(text)
        cased = any(c.isupper() for c in text)
        iso = {c.iso3 for c in self.lexicons.countries}
        found = {
            v
            for table in (self.index.places, self.index.capitals)
            for _, _, v in _scan(toks, table, cased)
        }
        return frozenset(found & iso)

    def in_context(self, code: ActorCode, phrase: str, context: str) -> ActorCode:
        """A named office holder with no country ("President Yoweri Museveni", GOV) takes
        the one country ``context`` (its sentence) names; any other code comes back as is.

        Only the sectors of ``context_sectors`` (actors.yaml) are completed, and only when
        the phrase holds a capitalised word that is no sector word (a name): "the
        government" or "Insurgents" stay without a country."""
        if code.country is not None or code.sector not in self.index.context_sectors:
            return code
        if not _has_name(self.index, _tokens(phrase)):
            return code
        named = self.countries_named(context)
        if len(named) != 1:
            return code
        (country,) = named
        return ActorCode(country=country, sector=code.sector, name=code.name, title=code.title)

    def members(self, text: str, *, date: str | None = None) -> tuple[tuple[str, ActorCode], ...]:
        """The members of a phrase that coordinates country words before one head
        ("US and British activists", "Senior Hungarian and Romanian officials", "Russia and
        Western officials"): (the country word as written, its code with the head's
        sector), one per country. Empty when the phrase is a known name or names fewer
        than two coordinated countries."""
        return self._members(text, _norm_date(date))

    def _coordinated(self, text: str, date: str | None) -> tuple[tuple[str, ActorCode], ...]:
        toks = _tokens(text)
        cased = any(c.isupper() for c in text)
        idx = self.index
        if len(toks) < 3 or _find_name(idx, toks, cased) is not None:
            return ()
        hits = _scan(toks, idx.places, cased)
        if len(hits) < 2:
            return ()
        run = [hits[0]]
        for prev, hit in itertools.pairwise(hits):
            between = {t.low for t in toks[prev[1] : hit[0]]}
            # the words drop commas: "Swedish, Danish and German" has none between the first two
            if not (between or "," in text) or not between <= _COORDINATORS:
                break
            run.append(hit)
        if len(run) < 2 or len({code for _, _, code in run}) < 2:
            return ()
        sector, _ = _sector(idx, toks, run[-1][1], len(toks), set())
        out: list[tuple[str, ActorCode]] = []
        for i, j, code in run:
            form = " ".join(t.text for t in toks[i:j])
            out.append((form, ActorCode(country=code, sector=sector)))
        return tuple(out)


_COORDINATORS = frozenset({"and", "or"})


def _has_name(idx: _Index, toks: Sequence[_Tok]) -> bool:
    """Does a phrase hold a capitalised word outside its sector words (a proper name)?"""
    lows = [t.low for t in toks]
    covered: set[int] = set()
    for i in range(len(toks)):
        for j in range(min(len(toks), i + idx.sector_maxlen), i, -1):
            if any(
                " ".join([*lows[i : j - 1], head]) in idx.sectors
                for head in _singulars(lows[j - 1])
            ):
                covered.update(range(i, j))
                break
    return any(
        k not in covered and t.text[:1].isupper() and t.low not in ("the", "a", "an")
        for k, t in enumerate(toks)
    )


_RESOLVERS: dict[Lexicons, ActorResolver] = {}


def resolver(lex: Lexicons | None = None) -> ActorResolver:
    """The resolver of ``lex`` (default: the bundle the environment names), built once."""
    lex = lex or lexicons.default()
    found = _RESOLVERS.get(lex)
    if found is None:
        found = _RESOLVERS[lex] = ActorResolver(lex)
    return found


# --------------------------------------------------------------------------- module API
# The default resolver's lookups, for code outside a pipeline (stages hold their own).


def countries() -> tuple[Country, ...]:
    return lexicons.default().countries


def actor_dictionary() -> ActorDictionary:
    return resolver().dictionary


def country_code(text: str) -> str | None:
    """ISO-3 of a country name, alias, adjective or capital ("the U.S." -> "USA")."""
    return resolver().country_code(text)


def lookup(name: str) -> ActorEntry | None:
    """The dictionary entry a name, alias or unique surname stands for."""
    return resolver().lookup(name)


def resolve_name(name: str, *, date: str | None = None) -> ActorCode | None:
    """See :meth:`ActorResolver.resolve_name`."""
    return resolver().resolve_name(name, date=date)


def resolve_phrase(text: str, *, date: str | None = None) -> ActorCode | None:
    """See :meth:`ActorResolver.resolve_phrase`."""
    return resolver().resolve_phrase(text, date=date)


def _find_name(
    idx: _Index, toks: Sequence[_Tok], cased: bool
) -> tuple[int, int, _NameValue] | None:
    """The longest known name in toks. An outlet name must not run on into a longer
    proper name ("The National" is not "the National Assembly") nor be a common word
    after "the" ("The week")."""

    def accept(i: int, j: int, value: _NameValue) -> bool:
        if value.actor is not None or not cased:
            return True
        if toks[i].low == "the" and j - i > 1 and not toks[i + 1].text[0].isupper():
            return False
        return j >= len(toks) or not toks[j].text[0].isupper()

    return _longest(toks, idx.names, cased, accept)


def _code(value: _NameValue, date: str | None) -> ActorCode:
    if value.actor is not None:
        return value.actor.code_on(date)
    assert value.outlet is not None
    return ActorCode(country=value.outlet.country, sector="MED", name=value.outlet.name)


def _drop_placeholders(idx: _Index, toks: list[_Tok]) -> list[_Tok]:
    """The phrase without its place-holder compounds: "the Israeli-occupied West Bank" is
    "the West Bank", "NATO-member Norway" "Norway" (a known name, country or metonym right
    before a place-holder word goes with it)."""
    if not idx.placeholders or not any(t.low in idx.placeholders for t in toks[1:]):
        return toks
    out = list(toks)
    k = len(out) - 1
    while k > 0:
        if out[k].low in idx.placeholders:
            lows = [t.low for t in out]
            start = next(
                (
                    i
                    for i in range(max(0, k - 6), k)
                    if any(
                        " ".join(lows[i:k]) in table.map
                        for table in (idx.names, idx.places, idx.capitals, idx.metonyms)
                    )
                ),
                None,
            )
            if start is not None:
                del out[start : k + 1]
                k = start
        k -= 1
    return out


def _backed(idx: _Index, toks: Sequence[_Tok], used: set[int]) -> bool:
    return any(
        t.low in idx.backers and (k - 1 in used or (t.low == "pro" and k + 1 in used))
        for k, t in enumerate(toks)
    )
