"""Load the lexicons shipped as data files beside this module.

Each loader reads its file once and returns frozen sets of lower-cased entries.
Users extend a lexicon by editing its file (or pointing REPORTEDLY_LEXICONS at a
folder holding files of the same names, which are read instead).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "to", "in", "on", "a", "an"})


def path(name: str) -> Path:
    override = os.environ.get("REPORTEDLY_LEXICONS")
    if override and (Path(override) / name).exists():
        return Path(override) / name
    return HERE / name


def load_yaml(name: str) -> dict[str, Any]:
    with path(name).open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict):
        raise ValueError(f"lexicon {name} must be a mapping")
    return data


def _set(data: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(x).lower() for x in data.get(key) or [])


def _phrases(data: dict[str, Any], key: str) -> tuple[tuple[str, ...], ...]:
    """Phrases as token tuples, longest first (so the longest match wins)."""
    items = {tuple(str(x).lower().split()) for x in data.get(key) or []}
    return tuple(sorted(items, key=lambda p: (-len(p), p)))


@dataclass(frozen=True)
class AttributionLexicon:
    speech_verbs: frozenset[str]
    cognition_verbs: frozenset[str]
    evidential_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    passive_report_verbs: frozenset[str]
    according_to: tuple[tuple[str, ...], ...]
    citing_verbs: frozenset[str]
    document_nouns: frozenset[str]
    anonymous_heads: frozenset[str]
    anonymous_phrases: tuple[tuple[str, ...], ...]
    unnamed_report_nouns: frozenset[str]
    stance_verbs: frozenset[str]
    intent_verbs: frozenset[str]
    addressee_verbs: frozenset[str]
    stance_preps: frozenset[str]

    @property
    def frame_verbs(self) -> frozenset[str]:
        return self.speech_verbs | self.cognition_verbs | self.evidential_verbs


@dataclass(frozen=True)
class StatusLexicon:
    hedge_words: frozenset[str]
    hedge_phrases: tuple[tuple[str, ...], ...]
    hedge_verbs: frozenset[str]
    speculation_words: frozenset[str]
    modal_words: frozenset[str]
    belief_verbs: frozenset[str]
    speculation_phrases: tuple[tuple[str, ...], ...]
    speculation_nouns: frozenset[str]
    negation_words: frozenset[str]
    denial_phrases: tuple[tuple[str, ...], ...]
    stative_verbs: frozenset[str]
    conditional_marks: tuple[tuple[str, ...], ...]
    uncertainty_words: frozenset[str]
    uncertainty_modals: frozenset[str]
    hypothetical_marks: frozenset[str]


@dataclass(frozen=True)
class RolesLexicon:
    official: tuple[tuple[str, ...], ...]
    honorific: dict[str, str | None]
    government_heads: frozenset[str]
    outlet_heads: frozenset[str]
    title_adjectives: frozenset[str]
    place_nouns: frozenset[str]
    organisation_heads: frozenset[str]

    @functools.cached_property
    def official_words(self) -> frozenset[str]:
        return frozenset(w for p in self.official for w in p if w not in FUNCTION_WORDS)


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    description: str | None


@functools.cache
def attribution() -> AttributionLexicon:
    d = load_yaml("attribution.yaml")
    return AttributionLexicon(
        speech_verbs=_set(d, "speech_verbs"),
        cognition_verbs=_set(d, "cognition_verbs"),
        evidential_verbs=_set(d, "evidential_verbs"),
        denial_verbs=_set(d, "denial_verbs"),
        passive_report_verbs=_set(d, "passive_report_verbs"),
        according_to=_phrases(d, "according_to"),
        citing_verbs=_set(d, "citing_verbs"),
        document_nouns=_set(d, "document_nouns"),
        anonymous_heads=_set(d, "anonymous_heads"),
        anonymous_phrases=_phrases(d, "anonymous_phrases"),
        unnamed_report_nouns=_set(d, "unnamed_report_nouns"),
        stance_verbs=_set(d, "stance_verbs"),
        intent_verbs=_set(d, "intent_verbs"),
        addressee_verbs=_set(d, "addressee_verbs"),
        stance_preps=_set(d, "stance_preps"),
    )


@functools.cache
def status() -> StatusLexicon:
    d = load_yaml("status.yaml")
    return StatusLexicon(
        hedge_words=_set(d, "hedge_words"),
        hedge_phrases=_phrases(d, "hedge_phrases"),
        hedge_verbs=_set(d, "hedge_verbs"),
        speculation_words=_set(d, "speculation_words"),
        modal_words=_set(d, "modal_words"),
        belief_verbs=_set(d, "belief_verbs"),
        speculation_phrases=_phrases(d, "speculation_phrases"),
        speculation_nouns=_set(d, "speculation_nouns"),
        negation_words=_set(d, "negation_words"),
        denial_phrases=_phrases(d, "denial_phrases"),
        stative_verbs=_set(d, "stative_verbs"),
        conditional_marks=_phrases(d, "conditional_marks"),
        uncertainty_words=_set(d, "uncertainty_words"),
        uncertainty_modals=_set(d, "uncertainty_modals"),
        hypothetical_marks=_set(d, "hypothetical_marks"),
    )


@functools.cache
def roles() -> RolesLexicon:
    d = load_yaml("roles.yaml")
    hon = {str(k).lower(): (None if v is None else str(v)) for k, v in d["honorific"].items()}
    return RolesLexicon(
        official=_phrases(d, "official"),
        honorific=hon,
        government_heads=_set(d, "government_heads"),
        outlet_heads=_set(d, "outlet_heads"),
        title_adjectives=_set(d, "title_adjectives"),
        place_nouns=_set(d, "place_nouns"),
        organisation_heads=_set(d, "organisation_heads"),
    )


@functools.cache
def outlets() -> dict[str, Outlet]:
    """Outlets by every lower-cased name and alias."""
    index: dict[str, Outlet] = {}
    with path("outlets.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            cols += [""] * (4 - len(cols))
            name, aliases, country, desc = (c.strip() for c in cols[:4])
            outlet = Outlet(
                name=name,
                aliases=tuple(a.strip() for a in aliases.split("|") if a.strip()),
                country=country or None,
                description=desc or None,
            )
            for key in (name, *outlet.aliases):
                index.setdefault(key.lower(), outlet)
                if key.lower().startswith("the "):
                    index.setdefault(key.lower()[4:], outlet)
    return index


def find_outlet(name: str) -> Outlet | None:
    key = " ".join(name.lower().split())
    hit = outlets().get(key)
    if hit is None and key.startswith("the "):
        hit = outlets().get(key[4:])
    return hit


@dataclass(frozen=True)
class EventPattern:
    """One line of events.yaml: a trigger word, its constraints and its codes."""

    plover: str
    cameo: str
    verb: str | None = None
    noun: str | None = None
    mode: str | None = None
    particle: str | None = None
    prep: str | None = None
    objects: frozenset[str] = frozenset()
    target: str = "dobj"
    reverse: str | None = None  # "receive X from Y": Y is the actor
    complement: bool = False  # needs an object complement: "called the strike a massacre"

    @property
    def specificity(self) -> int:
        return sum(1 for x in (self.particle, self.prep, self.objects, self.complement) if x)


@dataclass(frozen=True)
class EventLexicon:
    by_verb: dict[str, tuple[EventPattern, ...]]
    by_noun: dict[str, tuple[EventPattern, ...]]
    envoy_verbs: frozenset[str]
    intermediary_preps: frozenset[str]
    irrealis_heads: frozenset[str]
    irrealis_modals: frozenset[str]
    quantity_nouns: frozenset[str]
    statement_nouns: frozenset[str]
    light_verbs: frozenset[str]
    event_heads: frozenset[str]
    question_marks: frozenset[str]
    relation_nouns: frozenset[str]
    time_words: frozenset[str]


TARGET_RULES = frozenset({"dobj", "prep", "dative", "none", "inherit"})
#: The PLOVER value of a sense that is no event ("offered condolences", "provided evidence").
NOT_AN_EVENT = "NONE"


@functools.cache
def events() -> EventLexicon:
    d = load_yaml("events.yaml")
    by_verb: dict[str, list[EventPattern]] = {}
    by_noun: dict[str, list[EventPattern]] = {}
    for i, raw in enumerate(d.get("patterns") or []):
        objs = raw.get("object") or []
        if isinstance(objs, str):
            objs = [objs]
        pat = EventPattern(
            plover=str(raw["plover"]).upper(),
            cameo=str(raw.get("cameo") or ""),
            verb=raw.get("verb"),
            noun=raw.get("noun"),
            mode=raw.get("mode"),
            particle=raw.get("particle"),
            prep=raw.get("prep"),
            objects=frozenset(str(o).lower() for o in objs),
            target=str(raw.get("target", "dobj")),
            reverse=raw.get("reverse"),
            complement=bool(raw.get("complement", False)),
        )
        rule = pat.target.split(":", 1)[0]
        if any(not isinstance(raw.get(k, ""), str) for k in ("prep", "particle", "verb", "noun")):
            # YAML reads a bare on/off/yes/no as a boolean: quote it
            raise ValueError(f"events.yaml pattern {i}: prep, particle, verb and noun are words")
        if pat.plover != NOT_AN_EVENT and not pat.cameo:
            raise ValueError(f"events.yaml pattern {i}: an event needs a CAMEO code")
        if (pat.verb is None) == (pat.noun is None) or rule not in TARGET_RULES:
            raise ValueError(f"events.yaml pattern {i}: needs one of verb/noun and a known target")
        table = by_verb if pat.verb else by_noun
        table.setdefault(str(pat.verb or pat.noun).lower(), []).append(pat)
    return EventLexicon(
        by_verb={k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in by_verb.items()},
        by_noun={k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in by_noun.items()},
        envoy_verbs=_set(d, "envoy_verbs"),
        intermediary_preps=_set(d, "intermediary_preps"),
        irrealis_heads=_set(d, "irrealis_heads"),
        irrealis_modals=_set(d, "irrealis_modals"),
        quantity_nouns=_set(d, "quantity_nouns"),
        statement_nouns=_set(d, "statement_nouns"),
        light_verbs=_set(d, "light_verbs"),
        event_heads=_set(d, "event_heads"),
        question_marks=_set(d, "question_marks"),
        relation_nouns=_set(d, "relation_nouns"),
        time_words=_set(d, "time_words"),
    )
