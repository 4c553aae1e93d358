"""The lexicons: every data file reportedly reads, and its loader.

:meth:`Lexicons.load` returns one frozen bundle for a folder: a file of the
folder replaces the shipped file of the same name, files it does not hold come
from the package. Each part is parsed the first time it is used. Stages are
built from a bundle (see ``reportedly.stages.base.Resources``), so two pipelines
with different folders live side by side in one process.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..settings import Settings
from .chrome import ChromeRules, compile_chrome

HERE = Path(__file__).parent

#: Every file the bundle reads (the override folder may replace any of them).
FILES: tuple[str, ...] = (
    "abbreviations.txt",
    "actions.yaml",
    "actors.yaml",
    "attribution.yaml",
    "chrome.yaml",
    "countries.tsv",
    "english_function_words.txt",
    "events.yaml",
    "gazetteer.yaml",
    "goldstein.tsv",
    "outlet_domains.tsv",
    "outlets.tsv",
    "roles.yaml",
    "status.yaml",
    "transliteration.tsv",
    "verdicts.yaml",
    "words.yaml",
)


def _read_yaml(file: Path, name: str) -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 6x faster
    with file.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=loader)
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
    citing_phrases: frozenset[str]
    document_nouns: frozenset[str]
    anonymous_heads: frozenset[str]
    anonymous_phrases: tuple[tuple[str, ...], ...]
    generic_plural_heads: frozenset[str]
    anaphoric_anonymous_heads: frozenset[str]
    possessed_group_heads: frozenset[str]
    quote_closing_verbs: frozenset[str]
    inverting_verbs: frozenset[str]
    unnamed_report_nouns: frozenset[str]
    stance_verbs: frozenset[str]
    intent_verbs: frozenset[str]
    addressee_verbs: frozenset[str]
    stance_preps: frozenset[str]
    claim_nouns: frozenset[str]
    rejected_report_nouns: frozenset[str]
    claiming_stance_verbs: frozenset[str]
    refusal_verbs: frozenset[str]
    speaking_verbs: frozenset[str]
    conversation_nouns: frozenset[str]
    body_pronouns: frozenset[str] = frozenset()
    manner_preps: frozenset[str] = frozenset()
    medium_nouns: frozenset[str] = frozenset()
    evidence_nouns: frozenset[str] = frozenset()
    plural_pronouns: frozenset[str] = frozenset()
    personal_pronouns: frozenset[str] = frozenset()
    anaphoric_subjects: frozenset[str] = frozenset()
    denial_nouns: frozenset[str] = frozenset()
    cue_prepositions: frozenset[str] = frozenset()  # "called for", "pointed to"
    content_prepositions: frozenset[str] = frozenset()  # "spoke of" a plan, not "said of"
    topic_prepositions: frozenset[str] = frozenset()  # "talked about": any verb but say
    quotation_topic_verbs: frozenset[str] = frozenset()  # "'...,' she said about it"
    raising_verbs: frozenset[str] = frozenset()  # "appeared to suggest"
    phrasal_cues: frozenset[str] = frozenset()  # "call on": "lemma preposition" pairs
    attitude_adjectives: frozenset[str] = frozenset()  # "are afraid that", "is convinced"
    attitude_copulas: frozenset[str] = frozenset()  # "be", "remain", "seem"
    owned_claim_nouns: frozenset[str] = frozenset()  # "Russia's claim that ..."
    figure_phrases: frozenset[str] = frozenset()  # "put toll": a figure given outright
    assessment_passives: frozenset[str] = frozenset()  # "is widely seen as"
    obtaining_verbs: frozenset[str] = frozenset()  # "a memo seen by Reuters"
    person_suffixes: tuple[str, ...] = ()  # "economists", "traders": people, not reasons
    topic_preps: frozenset[str] = frozenset()  # "commented on reports that": their content
    report_context_preps: frozenset[str] = frozenset()  # "amid reports that X" (+ topic)

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
    ability_modals: frozenset[str]
    belief_verbs: frozenset[str]
    speculation_phrases: tuple[tuple[str, ...], ...]
    questioning_phrases: tuple[tuple[str, ...], ...]
    speculation_nouns: frozenset[str]
    uncertainty_statements: tuple[tuple[str, ...], ...]
    negation_words: frozenset[str]
    denial_phrases: tuple[tuple[str, ...], ...]
    rejection_phrases: tuple[tuple[str, ...], ...]
    stative_verbs: frozenset[str]
    prospective_modals: frozenset[str]
    intention_verbs: frozenset[str]
    conditional_marks: tuple[tuple[str, ...], ...]
    uncertainty_words: frozenset[str]
    uncertainty_modals: frozenset[str]
    hypothetical_marks: frozenset[str]
    #: The statuses, the one that wins first (see ``precedence`` in status.yaml).
    precedence: tuple[str, ...] = ()
    asking_verbs: frozenset[str] = frozenset()  # "asked whether X": X is questioned

    @functools.cached_property
    def rank(self) -> dict[str, int]:
        """A status's place in the precedence: 0 wins over 1."""
        return {s: i for i, s in enumerate(self.precedence)}


@dataclass(frozen=True)
class RolesLexicon:
    official: tuple[tuple[str, ...], ...]
    honorific: dict[str, str | None]
    government_heads: frozenset[str]
    outlet_heads: frozenset[str]
    title_adjectives: frozenset[str]
    place_nouns: frozenset[str]
    organisation_heads: frozenset[str]
    function_words: frozenset[str]  # the small words of titles ("of", "the")
    generic_leaders: frozenset[str] = frozenset()  # "the Russian leader"
    leader_titles: tuple[tuple[str, ...], ...] = ()  # the titles a "leader" holds

    @functools.cached_property
    def official_words(self) -> frozenset[str]:
        return frozenset(w for p in self.official for w in p if w not in self.function_words)


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    description: str | None


def _attribution(d: dict[str, Any]) -> AttributionLexicon:
    return AttributionLexicon(
        speech_verbs=_set(d, "speech_verbs"),
        cognition_verbs=_set(d, "cognition_verbs"),
        evidential_verbs=_set(d, "evidential_verbs"),
        denial_verbs=_set(d, "denial_verbs"),
        passive_report_verbs=_set(d, "passive_report_verbs"),
        according_to=_phrases(d, "according_to"),
        citing_verbs=_set(d, "citing_verbs"),
        citing_phrases=_set(d, "citing_phrases"),
        document_nouns=_set(d, "document_nouns"),
        anonymous_heads=_set(d, "anonymous_heads"),
        anonymous_phrases=_phrases(d, "anonymous_phrases"),
        generic_plural_heads=_set(d, "generic_plural_heads"),
        anaphoric_anonymous_heads=_set(d, "anaphoric_anonymous_heads"),
        possessed_group_heads=_set(d, "possessed_group_heads"),
        quote_closing_verbs=_set(d, "quote_closing_verbs"),
        inverting_verbs=_set(d, "inverting_verbs"),
        unnamed_report_nouns=_set(d, "unnamed_report_nouns"),
        # a figure given outright is a stance on its object too ("put the toll at 40")
        stance_verbs=_set(d, "stance_verbs") | _set(d, "figure_phrases"),
        intent_verbs=_set(d, "intent_verbs"),
        addressee_verbs=_set(d, "addressee_verbs"),
        stance_preps=_set(d, "stance_preps"),
        claim_nouns=_set(d, "claim_nouns"),
        rejected_report_nouns=_set(d, "rejected_report_nouns"),
        claiming_stance_verbs=_set(d, "claiming_stance_verbs"),
        refusal_verbs=_set(d, "refusal_verbs"),
        speaking_verbs=_set(d, "speaking_verbs"),
        conversation_nouns=_set(d, "conversation_nouns"),
        body_pronouns=_set(d, "body_pronouns"),
        manner_preps=_set(d, "manner_preps"),
        medium_nouns=_set(d, "medium_nouns"),
        evidence_nouns=_set(d, "evidence_nouns"),
        plural_pronouns=_set(d, "plural_pronouns"),
        personal_pronouns=_set(d, "personal_pronouns"),
        anaphoric_subjects=_set(d, "anaphoric_subjects"),
        denial_nouns=_set(d, "denial_nouns"),
        cue_prepositions=_set(d, "cue_prepositions"),
        content_prepositions=_set(d, "content_prepositions"),
        topic_prepositions=_set(d, "topic_prepositions"),
        quotation_topic_verbs=_set(d, "quotation_topic_verbs"),
        raising_verbs=_set(d, "raising_verbs"),
        phrasal_cues=_set(d, "phrasal_cues"),
        attitude_adjectives=_set(d, "attitude_adjectives"),
        attitude_copulas=_set(d, "attitude_copulas"),
        owned_claim_nouns=_set(d, "owned_claim_nouns"),
        figure_phrases=_set(d, "figure_phrases"),
        assessment_passives=_set(d, "assessment_passives"),
        obtaining_verbs=_set(d, "obtaining_verbs"),
        person_suffixes=tuple(str(x) for x in d.get("person_suffixes") or ()),
        topic_preps=_set(d, "topic_preps"),
        report_context_preps=_set(d, "report_context_preps"),
    )


def _status(d: dict[str, Any]) -> StatusLexicon:
    return StatusLexicon(
        hedge_words=_set(d, "hedge_words"),
        hedge_phrases=_phrases(d, "hedge_phrases"),
        hedge_verbs=_set(d, "hedge_verbs"),
        speculation_words=_set(d, "speculation_words"),
        modal_words=_set(d, "modal_words"),
        ability_modals=_set(d, "ability_modals"),
        belief_verbs=_set(d, "belief_verbs"),
        speculation_phrases=_phrases(d, "speculation_phrases"),
        questioning_phrases=_phrases(d, "questioning_phrases"),
        speculation_nouns=_set(d, "speculation_nouns"),
        uncertainty_statements=_phrases(d, "uncertainty_statements"),
        negation_words=_set(d, "negation_words"),
        denial_phrases=_phrases(d, "denial_phrases"),
        rejection_phrases=_phrases(d, "rejection_phrases"),
        stative_verbs=_set(d, "stative_verbs"),
        prospective_modals=_set(d, "prospective_modals"),
        intention_verbs=_set(d, "intention_verbs"),
        conditional_marks=_phrases(d, "conditional_marks"),
        uncertainty_words=_set(d, "uncertainty_words"),
        uncertainty_modals=_set(d, "uncertainty_modals"),
        hypothetical_marks=_set(d, "hypothetical_marks"),
        precedence=_precedence(d),
        asking_verbs=_set(d, "asking_verbs"),
    )


def _precedence(d: dict[str, Any]) -> tuple[str, ...]:
    """The status precedence of status.yaml: every status once, or ValueError."""
    from ..records import STATUSES

    order = tuple(str(s) for s in d.get("precedence") or ())
    if sorted(order) != sorted(STATUSES):
        raise ValueError(
            f"status.yaml precedence must list every status once ({', '.join(STATUSES)}),"
            f" got {', '.join(order) or 'nothing'}"
        )
    return order


def _roles(d: dict[str, Any]) -> RolesLexicon:
    hon = {str(k).lower(): (None if v is None else str(v)) for k, v in d["honorific"].items()}
    return RolesLexicon(
        official=_phrases(d, "official"),
        honorific=hon,
        government_heads=_set(d, "government_heads"),
        outlet_heads=_set(d, "outlet_heads"),
        title_adjectives=_set(d, "title_adjectives"),
        place_nouns=_set(d, "place_nouns"),
        organisation_heads=_set(d, "organisation_heads"),
        function_words=_set(d, "function_words"),
        generic_leaders=_set(d, "generic_leaders"),
        leader_titles=_phrases(d, "leader_titles"),
    )


def _outlets(file: Path) -> dict[str, Outlet]:
    """Outlets by every lower-cased name and alias."""
    index: dict[str, Outlet] = {}
    with file.open(encoding="utf-8") as fh:
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
    # the complement must be (or qualify with) one of these words: "called it a war crime"
    complement_words: frozenset[str] = frozenset()
    # a judgment of its subject by the one who says it ("these claims are false"): the
    # actor is the claim's speaker, the target the subject (or its author)
    judgment: bool = False
    # a denial worded without "deny" ("had nothing to do with", "had no role in", "was not
    # involved in"): the pattern holds only when the phrase is negated, and the event is
    # the rejection that was made, not the act said not to have happened
    denial: bool = False
    # the lemma(s) the subject must have: "responsibility lies with X", "the blame rests with X"
    subjects: frozenset[str] = frozenset()
    # the sense holds only with no direct object ("demonstrated" is a protest,
    # "demonstrates the brutality of X" shows it)
    intransitive: bool = False
    # a warning is a threat only about what its speaker will do ("warned it would respond"),
    # not advice or news ("warned Americans to avoid concerts", "warned that X was planning")
    warning: bool = False

    @property
    def specificity(self) -> int:
        marks = (
            self.particle,
            self.prep,
            self.objects,
            self.complement,
            self.complement_words,
            self.denial,
            self.subjects,
        )
        return sum(1 for x in marks if x)


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
    place_preps: frozenset[str]
    # PLOVER type -> prepositions whose object is the recipient when the pattern names none
    target_preps: dict[str, tuple[str, ...]] = field(default_factory=dict)
    responsibility_verbs: frozenset[str] = frozenset()
    null_objects: frozenset[str] = frozenset()
    refusals: frozenset[str] = frozenset()
    # determiners that negate their noun: "had no role in" (see EventPattern.denial)
    negative_determiners: frozenset[str] = frozenset()
    negative_pronouns: frozenset[str] = frozenset()  # "nobody was killed": no victim
    # prepositions that tie a null object to what it denies: "had nothing to do with X"
    null_object_preps: frozenset[str] = frozenset()
    # prepositions of an event noun that frames a clause: "In talks with X, Y said ..." (Y's)
    circumstance_preps: frozenset[str] = frozenset()
    # verbs of going somewhere for an event: "arrived in Amman on a visit" (the visitor's)
    journey_verbs: frozenset[str] = frozenset()
    # "agreed that sabotage is the likely cause": a shared view, no agreement made
    opinion_verbs: frozenset[str] = frozenset()
    # modes of a two-sided act: "X met Y" is also Y meeting X
    mutual_modes: frozenset[str] = frozenset()
    # verbs of a two-sided act whatever their mode: "X clashed with Y"
    mutual_verbs: frozenset[str] = frozenset()
    # participles that say a state of their subject: "X is opposed to Y" (X opposes Y)
    stative_participles: frozenset[str] = frozenset()
    # words that make a people an ethnic group, not its state: "ethnic Albanians"
    ethnic_markers: frozenset[str] = frozenset()
    # event types aimed at the country they happen in when they name no target
    place_targets: frozenset[str] = frozenset()
    # the prepositions of the event such a journey is for: "on a visit", "for talks"
    journey_preps: frozenset[str] = frozenset()
    # what a refusal to speak refuses: "declined to comment" is no rejection
    comment_verbs: frozenset[str] = frozenset()
    # modals of obligation: what a speaker says someone must do is a demand on them
    demand_modals: frozenset[str] = frozenset()
    # "failed to reach agreement": the agreement was not made (a rejection)
    failure_verbs: frozenset[str] = frozenset()
    # conjunctions that make an intent a threat: "will withdraw unless ..."
    threat_conditions: frozenset[str] = frozenset()
    # modals of what will be done: "warned that police will not tolerate rallies" threatens
    threat_modals: frozenset[str] = frozenset()
    # verbs and nouns of an order: "ordered the residents to evacuate", "evacuation orders"
    order_words: frozenset[str] = frozenset()
    # subjects a judgment of falsity is about: "such claims are false" (statement nouns too)
    judged_subjects: frozenset[str] = frozenset()


TARGET_RULES = frozenset({"dobj", "prep", "dative", "none", "inherit", "beneficiary"})
#: The PLOVER value of a sense that is no event ("offered condolences", "provided evidence").
NOT_AN_EVENT = "NONE"


def _events(d: dict[str, Any]) -> EventLexicon:
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
            complement_words=_complement_words(d, raw.get("complement")),
            judgment=bool(raw.get("judgment", False)),
            denial=bool(raw.get("denial", False)),
            subjects=frozenset(str(o).lower() for o in _listed(raw.get("subject"))),
            intransitive=bool(raw.get("intransitive", False)),
            warning=bool(raw.get("warning", False)),
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
        place_preps=_set(d, "place_preps"),
        target_preps={
            str(k).upper(): tuple(str(w).lower() for w in v)
            for k, v in (d.get("target_preps") or {}).items()
        },
        responsibility_verbs=_set(d, "responsibility_verbs"),
        null_objects=_set(d, "null_objects"),
        refusals=_set(d, "refusals"),
        negative_determiners=_set(d, "negative_determiners"),
        negative_pronouns=_set(d, "negative_pronouns"),
        null_object_preps=_set(d, "null_object_preps"),
        circumstance_preps=_set(d, "circumstance_preps"),
        journey_verbs=_set(d, "journey_verbs"),
        opinion_verbs=_set(d, "opinion_verbs"),
        mutual_modes=_set(d, "mutual_modes"),
        mutual_verbs=_set(d, "mutual_verbs"),
        stative_participles=_set(d, "stative_participles"),
        ethnic_markers=_set(d, "ethnic_markers"),
        place_targets=frozenset(str(w).upper() for w in d.get("place_targets") or ()),
        journey_preps=_set(d, "journey_preps"),
        comment_verbs=_set(d, "comment_verbs"),
        demand_modals=_set(d, "demand_modals"),
        failure_verbs=_set(d, "failure_verbs"),
        threat_conditions=_set(d, "threat_conditions"),
        threat_modals=_set(d, "threat_modals"),
        order_words=_set(d, "order_words"),
        judged_subjects=_set(d, "judged_subjects"),
    )


def _listed(value: Any) -> list[Any]:
    """A pattern field that takes one word or a list of words."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _complement_words(d: dict[str, Any], value: Any) -> frozenset[str]:
    """A pattern's ``complement: <list name>`` names a word list of events.yaml that the
    complement must come from; ``complement: true`` takes any complement."""
    return _set(d, value) if isinstance(value, str) else frozenset()


@dataclass(frozen=True)
class Country:
    """One row of countries.tsv."""

    iso3: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    capitals: tuple[str, ...]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split("|") if p.strip())


def _countries(file: Path) -> tuple[Country, ...]:
    """The rows of countries.tsv (comment lines start with "#")."""
    rows: list[Country] = []
    with file.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 5:
                raise ValueError(f"countries.tsv line {n}: expected 5 tab-separated columns")
            iso3, name, aliases, adjectives, capitals = (c.strip() for c in cols)
            if not re.fullmatch(r"[A-Z]{3}", iso3) or not name:
                raise ValueError(f"countries.tsv line {n}: bad iso3 {iso3!r} or empty name")
            rows.append(Country(iso3, name, _split(aliases), _split(adjectives), _split(capitals)))
    return tuple(rows)


#: The CAMEO roots goldstein.tsv must give a value for.
CAMEO_ROOTS: tuple[str, ...] = tuple(f"{i:02d}" for i in range(1, 21))


def _goldstein(file: Path) -> dict[str, tuple[str, float]]:
    """goldstein.tsv: CAMEO root -> (root name, Goldstein value)."""
    table: dict[str, tuple[str, float]] = {}
    header_seen = False
    with file.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if not header_seen:
                header_seen = True
                if cells[:3] != ["root", "name", "goldstein"]:
                    raise ValueError(f"{file}:{lineno}: expected a root/name/goldstein header")
                continue
            try:
                root, name, value = cells[0], cells[1], float(cells[2])
            except (IndexError, ValueError) as exc:
                raise ValueError(f"{file}:{lineno}: expected root, name, value") from exc
            if root not in CAMEO_ROOTS or not -10.0 <= value <= 10.0:
                raise ValueError(f"{file}:{lineno}: bad root {root!r} or value {value}")
            table[root] = (name, value)
    missing = [r for r in CAMEO_ROOTS if r not in table]
    if missing:
        raise ValueError(f"{file}: no value for CAMEO roots {', '.join(missing)}")
    return table


def _case_lines(file: Path) -> tuple[str, ...]:
    """One entry per line, its case kept; ``#`` starts a comment."""
    with file.open(encoding="utf-8") as fh:
        entries = (line.split("#", 1)[0].strip() for line in fh)
        return tuple(e for e in entries if e)


def _word_lines(file: Path) -> frozenset[str]:
    """One lower-cased word per line; ``#`` starts a comment."""
    words: set[str] = set()
    with file.open(encoding="utf-8") as fh:
        for line in fh:
            word = line.split("#", 1)[0].strip().lower()
            if word:
                words.add(word)
    return frozenset(words)


@dataclass(frozen=True)
class Lexicons:
    """Every lexicon, from the shipped files or an override folder (one frozen bundle).

    Build it with :meth:`load`; each part is parsed on first use and kept.
    """

    folder: Path | None = None

    @classmethod
    def load(cls, folder: str | Path | None = None) -> Lexicons:
        """The bundle for ``folder`` (None: the shipped files); one bundle per folder."""
        return _bundle(None if folder is None else Path(folder).resolve())

    @classmethod
    def from_settings(cls, settings: Settings) -> Lexicons:
        return cls.load(settings.lexicons)

    def path(self, name: str) -> Path:
        """The file read for ``name``: the override folder's copy when it has one."""
        if self.folder is not None and (self.folder / name).exists():
            return self.folder / name
        return HERE / name

    def yaml(self, name: str) -> dict[str, Any]:
        return _read_yaml(self.path(name), name)

    @functools.cached_property
    def fingerprint(self) -> str:
        """A short hash of the contents of every file the bundle reads."""
        digest = hashlib.sha256()
        for name in FILES:
            digest.update(name.encode())
            digest.update(self.path(name).read_bytes())
        return digest.hexdigest()[:16]

    @functools.cached_property
    def words(self) -> dict[str, Any]:
        """words.yaml: the word lists of the corpus and question code (titles, months ...)."""
        return self.yaml("words.yaml")

    def word_set(self, section: str) -> frozenset[str]:
        return _set(self.words, section)

    @functools.cached_property
    def attribution(self) -> AttributionLexicon:
        return _attribution(self.yaml("attribution.yaml"))

    @functools.cached_property
    def status(self) -> StatusLexicon:
        return _status(self.yaml("status.yaml"))

    @functools.cached_property
    def roles(self) -> RolesLexicon:
        return _roles(self.yaml("roles.yaml"))

    @functools.cached_property
    def events(self) -> EventLexicon:
        return _events(self.yaml("events.yaml"))

    @functools.cached_property
    def chrome(self) -> dict[str, Any]:
        """chrome.yaml as written (the clean stage compiles it)."""
        return self.yaml("chrome.yaml")

    @functools.cached_property
    def chrome_rules(self) -> ChromeRules:
        """chrome.yaml compiled for the clean stage."""
        return compile_chrome(self.chrome)

    @functools.cached_property
    def gazetteer(self) -> dict[str, Any]:
        """gazetteer.yaml: the English country names and regions beside geonames' own."""
        return self.yaml("gazetteer.yaml")

    @functools.cached_property
    def actions(self) -> dict[str, Any]:
        """actions.yaml: the verbs and nouns questions are parsed with."""
        return self.yaml("actions.yaml")

    @functools.cached_property
    def verdicts(self) -> dict[str, Any]:
        """verdicts.yaml: the verdict policy of ask (reportedly.ask.verdict reads it)."""
        return self.yaml("verdicts.yaml")

    @functools.cached_property
    def actors(self) -> dict[str, Any]:
        """actors.yaml as written (reportedly.events.actors checks and indexes it)."""
        return self.yaml("actors.yaml")

    @functools.cached_property
    def countries(self) -> tuple[Country, ...]:
        """countries.tsv: ISO-3 codes with names, aliases, adjectives and capitals."""
        return _countries(self.path("countries.tsv"))

    @functools.cached_property
    def outlets(self) -> dict[str, Outlet]:
        """Outlets by every lower-cased name and alias."""
        return _outlets(self.path("outlets.tsv"))

    @functools.cached_property
    def outlet_domains(self) -> dict[str, str]:
        """outlet_domains.tsv: an outlet's name by its lower-cased web domain."""
        table: dict[str, str] = {}
        with self.path("outlet_domains.tsv").open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip() and not line.startswith("#"):
                    domain, name = line.rstrip("\n").split("\t")[:2]
                    table[domain.strip().lower()] = name.strip()
        return table

    def find_outlet(self, name: str) -> Outlet | None:
        key = " ".join(name.lower().split())
        hit = self.outlets.get(key)
        if hit is None and key.startswith("the "):
            hit = self.outlets.get(key[4:])
        return hit

    @functools.cached_property
    def goldstein(self) -> dict[str, tuple[str, float]]:
        """goldstein.tsv: CAMEO root -> (root name, Goldstein value)."""
        return _goldstein(self.path("goldstein.tsv"))

    @functools.cached_property
    def transliteration(self) -> dict[str, str]:
        """transliteration.tsv: character -> its ASCII spelling in name keys."""
        table: dict[str, str] = {}
        with self.path("transliteration.tsv").open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip() or line.startswith("#"):
                    continue
                char, _, spelling = line.rstrip("\n").partition("\t")
                if len(char) != 1 or not spelling:
                    raise ValueError(f"transliteration.tsv line {n}: expected CHARACTER<tab>ASCII")
                table[char] = spelling
        return table

    @functools.cached_property
    def function_words(self) -> frozenset[str]:
        """english_function_words.txt: closed-class English words."""
        return _word_lines(self.path("english_function_words.txt"))

    @functools.cached_property
    def abbreviations(self) -> tuple[str, ...]:
        """abbreviations.txt: titles the tokenizer keeps whole with their period ("Lt.")."""
        return _case_lines(self.path("abbreviations.txt"))


@functools.cache
def _bundle(folder: Path | None) -> Lexicons:
    return Lexicons(folder)


def default() -> Lexicons:
    """The bundle the environment names (REPORTEDLY_LEXICONS), for code outside a pipeline."""
    return Lexicons.from_settings(Settings.from_env())
