"""The lexicon data files: each loads, each section is sound, and each entry type works.

Structure checks read the shipped files directly (``reportedly.lexicons.HERE``); the
behavioural checks run ``reportedly.analyze`` on sentences written for these tests.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import reportedly
from reportedly import lexicons
from reportedly.errors import NotEnglish
from reportedly.read import load_article, validate
from reportedly.records import Analysis, Attribution, Claim, Source
from reportedly.stages import clean

HERE = lexicons.HERE
SHIPPED = lexicons.Lexicons.load()

# --------------------------------------------------------------------------- helpers


class _KeyCheckingLoader(yaml.SafeLoader):
    """A SafeLoader that records mapping keys given twice (PyYAML keeps the last silently)."""

    duplicates: list[str]

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                self.duplicates.append(str(key))
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{name} is not a mapping"
    return data


def _duplicate_keys(name: str) -> list[str]:
    loader = _KeyCheckingLoader((HERE / name).read_text(encoding="utf-8"))
    loader.duplicates = []
    try:
        loader.get_single_data()
    finally:
        loader.dispose()
    return loader.duplicates


def _leaves(data: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted path, value) of every non-mapping value, ``version`` left out."""
    for key, value in data.items():
        if key == "version" and not prefix:
            continue
        path = f"{prefix}{key}"
        if isinstance(value, dict) and key != "honorific":
            yield from _leaves(value, path + ".")
        else:
            yield path, value


def _get(data: dict[str, Any], dotted: str) -> Any:
    for part in dotted.split("."):
        data = data[part]
    return data


def _norm(entry: Any) -> str:
    return " ".join(str(entry).lower().split())


#: The YAML lexicons whose loader lower-cases every entry, with the record it builds.
LOWER_CASED_YAML = {
    "attribution.yaml": (lexicons.AttributionLexicon, lambda: SHIPPED.attribution),
    "status.yaml": (lexicons.StatusLexicon, lambda: SHIPPED.status),
    "roles.yaml": (lexicons.RolesLexicon, lambda: SHIPPED.roles),
}
YAML_FILES = [*LOWER_CASED_YAML, "chrome.yaml"]
#: Sections of chrome.yaml that clean.chrome_rules() lower-cases (the others are
#: matched case-sensitively, as regexes, or case-insensitively by regex).
CHROME_LOWER_CASED = frozenset(
    {
        "captions.credit_words",
        "bylines.name_particles",
        "bylines.roles",
        "share.exact",
        "share.row_words",
        "boilerplate.exact",
        "datelines.labels",
        "datelines.months",
        "datelines.weekdays",
        "datelines.relative",
        "datelines.times",
        "datelines.zones",
    }
)
#: The top-level sections clean.chrome_rules() reads.
CHROME_SECTIONS = frozenset(
    {"agencies", "photo_credits", "captions", "bylines", "share", "boilerplate", "navigation"}
    | {"datelines"}
)

SECTIONS = [(name, path) for name in YAML_FILES for path, _ in _leaves(_load(name))]
LIST_SECTIONS = [
    (name, path) for name, path in SECTIONS if isinstance(_get(_load(name), path), list)
]
LOWER_CASED_SECTIONS = [
    (name, path)
    for name, path in LIST_SECTIONS
    if name in LOWER_CASED_YAML or path in CHROME_LOWER_CASED
]


def _ids(pairs: list[tuple[str, str]]) -> list[str]:
    return [f"{name}:{path}" for name, path in pairs]


# --------------------------------------------------------------------------- structure


@pytest.mark.parametrize("name", list(LOWER_CASED_YAML))
def test_yaml_lexicon_loads_into_its_record_with_every_field_filled(name: str) -> None:
    record_type, loader = LOWER_CASED_YAML[name]
    data = _load(name)
    fields = {f.name for f in dataclasses.fields(record_type)}
    # a section the loader does not read, or a field whose section is misspelt, is a mistake
    assert set(data) - {"version"} == fields
    record = loader()
    assert isinstance(record, record_type)
    empty = [f for f in sorted(fields) if not getattr(record, f)]
    assert empty == []


def test_chrome_yaml_loads_into_rules() -> None:
    assert set(_load("chrome.yaml")) - {"version"} == CHROME_SECTIONS
    rules = clean.chrome_rules()
    assert rules.agencies
    assert rules.share_exact
    assert rules.boiler_exact
    assert rules.months


@pytest.mark.parametrize("name", YAML_FILES)
def test_yaml_has_no_key_given_twice(name: str) -> None:
    assert _duplicate_keys(name) == []


@pytest.mark.parametrize(("name", "path"), SECTIONS, ids=_ids(SECTIONS))
def test_section_is_not_empty(name: str, path: str) -> None:
    value = _get(_load(name), path)
    assert value is not None
    if isinstance(value, list | dict | str):
        assert len(value) > 0
    else:
        assert isinstance(value, int)
        assert not isinstance(value, bool)
        assert value > 0


@pytest.mark.parametrize(("name", "path"), LIST_SECTIONS, ids=_ids(LIST_SECTIONS))
def test_entries_are_non_empty_strings(name: str, path: str) -> None:
    # an unquoted `on`, `no`, `yes`, `off` or `null` is read by YAML as a bool or None
    bad = [e for e in _get(_load(name), path) if not isinstance(e, str) or not e.strip()]
    assert bad == [], f"quote these entries in {name} {path}"


@pytest.mark.parametrize(("name", "path"), LOWER_CASED_SECTIONS, ids=_ids(LOWER_CASED_SECTIONS))
def test_entries_are_lower_case(name: str, path: str) -> None:
    entries = [e for e in _get(_load(name), path) if isinstance(e, str)]
    assert [e for e in entries if e != e.lower()] == []


@pytest.mark.parametrize(("name", "path"), LIST_SECTIONS, ids=_ids(LIST_SECTIONS))
def test_no_entry_is_listed_twice_in_a_section(name: str, path: str) -> None:
    counts = Counter(_norm(e) for e in _get(_load(name), path))
    assert sorted(e for e, n in counts.items() if n > 1) == []


def test_honorifics_are_lower_case_and_give_a_gender_or_none() -> None:
    honorific = _load("roles.yaml")["honorific"]
    assert honorific
    assert all(isinstance(k, str) and k == k.lower() for k in honorific)
    assert set(honorific.values()) <= {"male", "female", None}
    assert SHIPPED.roles.honorific == honorific


@pytest.mark.parametrize(
    "path", [p for n, p in SECTIONS if n == "chrome.yaml" and p.endswith("patterns")]
)
def test_chrome_patterns_compile(path: str) -> None:
    for pattern in _get(_load("chrome.yaml"), path):
        re.compile(pattern, re.IGNORECASE)


def _outlet_rows() -> list[tuple[int, list[str]]]:
    rows: list[tuple[int, list[str]]] = []
    text = (HERE / "outlets.tsv").read_text(encoding="utf-8")
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            rows.append((n, line.split("\t")))
    return rows


def test_outlets_load() -> None:
    rows = _outlet_rows()
    assert len(rows) > 50
    index = SHIPPED.outlets
    assert all(key == key.lower() for key in index)
    assert {o.name for o in index.values()} == {cols[0].strip() for _, cols in rows}


def test_outlet_rows_have_four_columns() -> None:
    bad = [(n, len(cols)) for n, cols in _outlet_rows() if len(cols) != 4]
    assert bad == []


def test_outlet_names_and_aliases_are_filled() -> None:
    for n, cols in _outlet_rows():
        assert cols[0].strip(), f"line {n}: no name"
        if cols[1]:
            assert all(a.strip() for a in cols[1].split("|")), f"line {n}: empty alias"


def test_outlet_country_is_three_upper_case_letters_or_empty() -> None:
    bad = [
        (n, cols[2])
        for n, cols in _outlet_rows()
        if len(cols) > 2 and cols[2] and not re.fullmatch(r"[A-Z]{3}", cols[2])
    ]
    assert bad == []


def test_no_name_or_alias_names_two_outlets() -> None:
    """The index keeps the first outlet for a key: a second one can never be found."""
    owners: dict[str, set[str]] = {}
    for _, cols in _outlet_rows():
        name = cols[0].strip()
        aliases = [a.strip() for a in cols[1].split("|")] if len(cols) > 1 else []
        for key in (name, *aliases):
            low = _norm(key)
            if not low:
                continue
            owners.setdefault(low, set()).add(name)
            if low.startswith("the "):
                owners.setdefault(low[4:], set()).add(name)
    assert {k: sorted(v) for k, v in owners.items() if len(v) > 1} == {}


def _function_word_lines() -> list[str]:
    text = (HERE / "english_function_words.txt").read_text(encoding="utf-8")
    return [w for w in (line.split("#", 1)[0].strip() for line in text.splitlines()) if w]


def test_english_function_words_load() -> None:
    words = _function_word_lines()
    assert len(words) > 50
    assert validate.english_function_words() == frozenset(w.lower() for w in words)


def test_english_function_words_are_single_lower_case_words() -> None:
    assert [w for w in _function_word_lines() if w != w.lower() or len(w.split()) != 1] == []


def test_english_function_words_are_listed_once() -> None:
    counts = Counter(_function_word_lines())
    assert sorted(w for w, n in counts.items() if n > 1) == []


# --------------------------------------------------------------------------- behaviour

PAD = (
    "The city council met on Monday to discuss the budget for the coming year and the plans "
    "for the new bridge across the river."
)


def analyse(text: str) -> Analysis:
    # a neutral opening paragraph keeps the headline logic out of the way
    return reportedly.analyze(PAD + "\n\n" + text)


def claim_with(result: Analysis, needle: str) -> Claim:
    hits = [c for c in result.claims if needle in c.text and c.start > len(PAD)]
    assert hits, f"no claim contains {needle!r}: {[c.text for c in result.claims]}"
    return min(hits, key=lambda c: len(c.text))


def cited(c: Claim) -> list[Source]:
    return [s for s in c.source_chain if s.level >= 1]


def attribution_at(result: Analysis, cue: str) -> Attribution:
    hits = [a for a in result.attributions if a.cue.text == cue]
    assert len(hits) == 1, [a.cue.text for a in result.attributions]
    return hits[0]


def content(result: Analysis, att: Attribution) -> str:
    return result.article.text[att.content_start : att.content_end]


def entries(record: Any, section: str) -> set[str]:
    """A loaded section's entries as strings (phrases joined by spaces)."""
    value = getattr(record, section)
    return {" ".join(e) if isinstance(e, tuple) else e for e in value}


# status.yaml: (section, entry exercised, sentence, claim needle, status, cue text, cue kind)
STATUS_CASES = [
    (
        "hedge_words",
        "allegedly",
        "The singer allegedly cancelled the rest of her tour.",
        "cancelled the rest of her tour",
        "hedged",
        "allegedly",
        "hedge",
    ),
    (
        "hedge_phrases",
        "it seems",
        "It seems the minister will resign.",
        "the minister will resign",
        "hedged",
        "It seems",
        "hedge",
    ),
    (
        "hedge_verbs",
        "appear",
        "The ceasefire appears to be holding in the north.",
        "holding in the north",
        "hedged",
        "appears",
        "hedge",
    ),
    (
        "speculation_words",
        "possibly",
        "The ceasefire will possibly collapse within days.",
        "collapse within days",
        "speculative",
        "possibly",
        "speculation",
    ),
    (
        "modal_words",
        "may",
        "The storm may reach the coast on Sunday.",
        "reach the coast",
        "speculative",
        "may",
        "speculation",
    ),
    (
        "belief_verbs",
        "believe",
        "Engineers believe that the dam will hold through the winter.",
        "the dam will hold through the winter",
        "speculative",
        "believe",
        "speculation",
    ),
    (
        "speculation_phrases",
        "it is possible",
        "It is possible that the bridge will reopen.",
        "the bridge will reopen",
        "speculative",
        "It is possible",
        "speculation",
    ),
    (
        "speculation_nouns",
        "fears",
        "There are fears that the dam will burst.",
        "the dam will burst",
        "speculative",
        "There are fears",
        "speculation",
    ),
    (
        "negation_words",
        "never",
        "Her office said the mayor never signed the order.",
        "signed the order",
        "denied",
        "never",
        "negation",
    ),
    (
        "denial_phrases",
        "baseless",
        "The allegations are baseless, the company said.",
        "The allegations are baseless",
        "denied",
        "baseless",
        "negation",
    ),
    (
        "conditional_marks",
        "if",
        "If the rain continues, the river will flood the town.",
        "the river will flood the town",
        "speculative",
        "If",
        "conditional",
    ),
]


@pytest.mark.parametrize(
    ("section", "entry", "sentence", "needle", "status", "cue", "kind"),
    STATUS_CASES,
    ids=[c[0] for c in STATUS_CASES],
)
def test_status_entry_sets_the_status(
    section: str, entry: str, sentence: str, needle: str, status: str, cue: str, kind: str
) -> None:
    assert entry in entries(SHIPPED.status, section)
    c = claim_with(analyse(sentence), needle)
    assert c.status == status
    assert (cue, kind) in [(q.text, q.kind) for q in c.cues]


def test_status_stative_verb_negated_is_not_a_denial() -> None:
    assert "know" in SHIPPED.status.stative_verbs
    c = claim_with(analyse("The whereabouts of the pilot are not known."), "whereabouts")
    assert c.status == "asserted"
    assert not [q for q in c.cues if q.kind == "negation"]


def test_status_multi_word_conditional_mark() -> None:
    assert "provided that" in entries(SHIPPED.status, "conditional_marks")
    r = analyse("Provided that the talks succeed, the workers will return to work.")
    c = claim_with(r, "the workers will return to work")
    assert c.status == "speculative"


def test_status_cannot_be_ruled_out_is_speculation() -> None:
    c = claim_with(analyse("A second wave of flooding cannot be ruled out."), "second wave")
    assert c.status == "speculative"


# attribution.yaml


def test_speech_verb_makes_a_claim_reported() -> None:
    assert "announce" in SHIPPED.attribution.speech_verbs
    r = analyse("The mayor announced that the bridge would reopen in March.")
    c = claim_with(r, "the bridge would reopen in March")
    assert c.status == "reported"
    assert [s.name for s in cited(c)] == ["mayor"]
    att = attribution_at(r, "announced")
    assert (att.kind, att.claim) == ("speech", c.id)


def test_cognition_verb_is_a_cognition_frame() -> None:
    lex = SHIPPED.attribution
    assert "know" in lex.cognition_verbs
    assert "know" not in SHIPPED.status.belief_verbs
    r = analyse("The mayor knows that the bridge is unsafe.")
    att = attribution_at(r, "knows")
    assert att.kind == "cognition"
    assert content(r, att) == "that the bridge is unsafe"  # the complementizer is the content's


def test_evidential_verb_gives_a_document_source() -> None:
    assert "find" in SHIPPED.attribution.evidential_verbs
    r = analyse("The survey found that most voters oppose the new tax.")
    c = claim_with(r, "most voters oppose the new tax")
    assert c.status == "reported"
    att = attribution_at(r, "found")
    assert att.kind == "evidential"
    assert [(s.name, s.kind) for s in att.sources] == [("survey", "document")]


def test_denial_verb_makes_a_claim_denied() -> None:
    assert "deny" in SHIPPED.attribution.denial_verbs
    r = analyse("The mayor denied that the bridge had been sold.")
    c = claim_with(r, "the bridge had been sold")
    assert c.status == "denied"
    assert c.polarity == "negative"
    assert attribution_at(r, "denied").kind == "denial"


def test_passive_report_verb_hedges_without_a_source() -> None:
    assert "say" in SHIPPED.attribution.passive_report_verbs
    c = claim_with(analyse("The ship is said to have left the harbour."), "left the harbour")
    assert c.status == "hedged"
    assert ("is said to have", "hedge") in [(q.text, q.kind) for q in c.cues]
    assert cited(c) == []


def test_according_to_names_the_source() -> None:
    assert ("according", "to") in SHIPPED.attribution.according_to
    r = analyse("The port will close in May, according to the harbour master.")
    c = claim_with(r, "The port will close in May")
    assert c.status == "reported"
    assert [s.name for s in cited(c)] == ["harbour master"]
    assert attribution_at(r, "according to").kind == "according"


def test_citing_verb_adds_a_deeper_source() -> None:
    assert "cite" in SHIPPED.attribution.citing_verbs
    r = analyse("The strike will end soon, the newspaper reported, citing union leaders.")
    c = claim_with(r, "The strike will end soon")
    assert [(s.name, s.level) for s in cited(c)] == [("newspaper", 1), ("union leaders", 2)]
    att = attribution_at(r, "citing")
    assert att.kind == "citing"
    assert [s.name for s in att.sources] == ["union leaders"]


def test_document_noun_gives_a_document_source() -> None:
    assert "memo" in SHIPPED.attribution.document_nouns
    c = claim_with(analyse("A leaked memo said the plant would close by June."), "plant")
    assert [(s.name, s.kind) for s in cited(c)] == [("leaked memo", "document")]


def test_anonymous_head_gives_an_anonymous_source() -> None:
    assert "diplomats" in SHIPPED.attribution.anonymous_heads
    r = analyse("Two diplomats said the embassy would reopen next month.")
    c = claim_with(r, "the embassy would reopen next month")
    assert [s.kind for s in cited(c)] == ["anonymous"]
    assert c.status == "hedged"


def test_anonymous_phrase_gives_an_anonymous_source() -> None:
    lex = SHIPPED.attribution
    assert ("familiar", "with") in lex.anonymous_phrases
    assert "banker" not in lex.anonymous_heads  # the phrase alone makes it anonymous
    r = analyse("A banker familiar with the deal said the merger would be announced on Friday.")
    c = claim_with(r, "the merger would be announced on Friday")
    assert [s.kind for s in cited(c)] == ["anonymous"]
    assert c.status == "hedged"


def test_unnamed_report_noun_hedges() -> None:
    assert "reports" in SHIPPED.attribution.unnamed_report_nouns
    c = claim_with(analyse("Reports say the singer has cancelled her tour."), "cancelled")
    assert c.status == "hedged"


def test_stance_verb_takes_a_noun_phrase_as_content() -> None:
    assert "criticize" in SHIPPED.attribution.stance_verbs
    r = analyse("The senator criticized the new pipeline.")
    att = attribution_at(r, "criticized")
    assert (att.kind, att.claim) == ("stance", None)
    assert content(r, att) == "the new pipeline"
    assert [(s.name, s.kind) for s in att.sources] == [("senator", "official")]


def test_intent_verb_takes_the_infinitive_as_content() -> None:
    assert "vow" in SHIPPED.attribution.intent_verbs
    r = analyse("The governor vowed to veto the bill.")
    att = attribution_at(r, "vowed")
    assert att.kind == "stance"
    assert content(r, att) == "to veto the bill"


def test_addressee_verb_object_is_not_the_content() -> None:
    assert "tell" in SHIPPED.attribution.addressee_verbs
    r = analyse("The minister told reporters that the border would stay open.")
    att = attribution_at(r, "told")
    assert content(r, att) == "that the border would stay open"
    assert "reporters" not in [content(r, a) for a in r.attributions]


def test_stance_preposition_after_call_joins_the_cue() -> None:
    assert "for" in SHIPPED.attribution.stance_preps
    r = analyse("The union called for a general strike.")
    att = attribution_at(r, "called for")
    assert content(r, att) == "a general strike"


# roles.yaml


def test_official_title_gives_kind_official() -> None:
    assert ("foreign", "minister") in SHIPPED.roles.official
    r = analyse("Foreign Minister Anna Berg said the talks would resume.")
    c = claim_with(r, "the talks would resume")
    assert [(s.name, s.kind) for s in cited(c)] == [("Anna Berg", "official")]


def test_honorific_is_dropped_from_the_name() -> None:
    assert "mr." in SHIPPED.roles.honorific
    c = claim_with(analyse("Mr. John Carter said the factory would close."), "factory")
    assert [(s.name, s.kind) for s in cited(c)] == [("John Carter", "person")]


def test_government_head_gives_kind_government() -> None:
    assert "ministry" in SHIPPED.roles.government_heads
    r = analyse("The Foreign Ministry said that the border would reopen.")
    c = claim_with(r, "the border would reopen")
    assert [s.kind for s in cited(c)] == ["government"]


def test_government_source_keeps_its_full_name() -> None:
    r = analyse("The Foreign Ministry said that the border would reopen.")
    c = claim_with(r, "the border would reopen")
    assert [s.name for s in cited(c)] == ["Foreign Ministry"]


def test_outlet_head_gives_kind_outlet() -> None:
    assert "television" in SHIPPED.roles.outlet_heads
    assert SHIPPED.find_outlet("Blue Ridge Television") is None  # not in outlets.tsv
    r = analyse("Blue Ridge Television reported that the border would reopen.")
    c = claim_with(r, "the border would reopen")
    assert [(s.name, s.kind) for s in cited(c)] == [("Blue Ridge Television", "outlet")]


def test_title_adjective_stays_in_the_title() -> None:
    assert "former" in SHIPPED.roles.title_adjectives
    r = analyse("Former President John Miller said the economy was recovering.")
    (source,) = cited(claim_with(r, "the economy was recovering"))
    assert (source.name, source.kind) == ("John Miller", "official")
    (person,) = [e for e in r.entities if e.canonical == "John Miller"]
    assert person.roles == ["Former President"]


def test_place_noun_makes_a_place() -> None:
    assert "city" in SHIPPED.roles.place_nouns
    r = analyse("Rebels seized the port city of Tartus on Sunday.")
    assert [e.type for e in r.entities if e.canonical == "Tartus"] == ["PLACE"]


# outlets.tsv


def test_outlet_name_gives_kind_outlet_and_its_description() -> None:
    outlet = SHIPPED.find_outlet("Reuters")
    assert outlet is not None
    r = analyse("Reuters reported that the bank would cut jobs.")
    (source,) = cited(claim_with(r, "the bank would cut jobs"))
    assert (source.name, source.kind, source.description) == (
        "Reuters",
        "outlet",
        outlet.description,
    )


def test_outlet_alias_gives_the_outlet_name() -> None:
    outlet = SHIPPED.find_outlet("WSJ")
    assert outlet is not None
    assert outlet.name == "The Wall Street Journal"
    r = analyse("WSJ reported that the bank would cut jobs.")
    (source,) = cited(claim_with(r, "the bank would cut jobs"))
    assert (source.name, source.kind) == ("The Wall Street Journal", "outlet")


def test_outlet_country_reaches_the_entity() -> None:
    outlet = SHIPPED.find_outlet("Reuters")
    assert outlet is not None
    assert outlet.country == "GBR"
    r = analyse("Reuters reported that the bank would cut jobs.")
    assert [e.country for e in r.entities if e.canonical == "Reuters"] == ["GBR"]


# chrome.yaml: (entry type, line, kind)
BODY = (
    "The city council met on Monday to discuss the budget for the coming year and the plans "
    "for the new bridge across the river."
)
BODY2 = "The mayor said the bridge would reopen in March after the repairs are finished."
CHROME_CASES = [
    ("agencies", "Protesters gather outside parliament on Monday. | AFP", "caption"),
    ("photo_credits", "Protesters gather outside parliament. (Getty Images)", "caption"),
    ("captions.credit_labels", "Photo: Jane Doe/Reuters", "caption"),
    (
        "captions.credit_words",
        "Protesters march on Monday. Photograph: Jane Doe/Getty Images for Tribeca",
        "caption",
    ),
    ("captions.patterns", "FILE PHOTO: A view of the port of Tartus", "caption"),
    ("bylines.prefixes", "By Jane Doe", "byline"),
    ("bylines.name_particles", "By Ahmed al Rashid and Maria van der Berg", "byline"),
    ("bylines.roles", "By Jane Doe, staff writer", "byline"),
    ("bylines.patterns", "Reporting by Jane Doe; Editing by John Roe", "byline"),
    ("share.exact", "Share this article", "share"),
    ("share.labels", "Follow us: @example", "share"),
    ("share.starts", "Follow us on Twitter for the latest news", "share"),
    ("share.row_words", "Facebook Twitter Email", "share"),
    ("boilerplate.exact", "Advertisement", "boilerplate"),
    ("boilerplate.labels", "READ MORE: Rebels take Aleppo", "boilerplate"),
    ("boilerplate.starts", "Sign up for our daily briefing", "boilerplate"),
    ("boilerplate.patterns", "© 2024 Example Media Ltd", "boilerplate"),
    ("navigation", "Home | World | Politics | Sport", "boilerplate"),
    ("datelines.labels", "Updated: 12 March 2024", "dateline"),
    ("datelines.months+weekdays+zones", "Monday 4 March 2024 10:30 GMT", "dateline"),
    ("datelines.relative", "2 hours ago", "dateline"),
]


@pytest.mark.parametrize(("entry", "line", "kind"), CHROME_CASES, ids=[c[0] for c in CHROME_CASES])
def test_chrome_entry_sets_a_line_apart(entry: str, line: str, kind: str) -> None:
    r = reportedly.analyze("Bridge plans approved\n\n" + BODY + "\n\n" + line + "\n\n" + BODY2)
    assert [(c.kind, c.text) for c in r.article.chrome] == [(kind, line)]
    assert all(line not in c.text for c in r.claims)
    assert any("the bridge would reopen in March" in c.text for c in r.claims)


# english_function_words.txt

ENGLISH = (
    "The council said that it would not be able to open the new bridge before the end of "
    "the year, because the work on the river banks has taken more time than it had expected."
)
FRENCH = (
    "Le conseil municipal a annoncé mardi que le nouveau pont ne pourrait pas ouvrir avant "
    "la fin de l'année, car les travaux sur les berges du fleuve ont pris plus de temps que "
    "prévu par les ingénieurs de la ville."
)


def test_function_words_let_english_through_and_stop_french() -> None:
    words = validate.english_function_words()
    assert {"the", "that", "would"} <= words
    assert reportedly.analyze(ENGLISH).claims
    with pytest.raises(NotEnglish) as caught:
        reportedly.analyze(FRENCH)
    assert caught.value.code == "E005"


# --------------------------------------------------------------------------- REPORTEDLY_LEXICONS


def test_a_lexicons_folder_overrides_a_file(tmp_path: Path) -> None:
    sentence = "The mayor bellowed that the bridge was closed."
    assert "bellow" not in SHIPPED.attribution.speech_verbs
    assert claim_with(analyse(sentence), "bellowed").status == "asserted"

    original = (HERE / "attribution.yaml").read_text(encoding="utf-8")
    assert "speech_verbs: [" in original
    modified = original.replace("speech_verbs: [", "speech_verbs: [\n  bellow,", 1)
    (tmp_path / "attribution.yaml").write_text(modified, encoding="utf-8")
    mine = lexicons.Lexicons.load(tmp_path)

    assert mine.path("attribution.yaml") == tmp_path.resolve() / "attribution.yaml"
    assert mine.path("status.yaml") == HERE / "status.yaml"  # files not copied: shipped
    assert "bellow" in mine.attribution.speech_verbs
    assert "bellow" not in SHIPPED.attribution.speech_verbs
    pipe = reportedly.Pipeline(config={"lexicons": str(tmp_path)})
    r = pipe(load_article(PAD + "\n\n" + sentence))
    c = claim_with(r, "the bridge was closed")
    assert c.status == "reported"
    assert [s.name for s in cited(c)] == ["mayor"]
    assert attribution_at(r, "bellowed").kind == "speech"
    assert claim_with(analyse(sentence), "bellowed").status == "asserted"  # default unchanged


def test_reportedly_lexicons_names_the_default_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "outlets.tsv").write_text("Harbour Courier\t\tGBR\ta local paper\n", "utf-8")
    monkeypatch.setenv("REPORTEDLY_LEXICONS", str(tmp_path))
    assert lexicons.default() == lexicons.Lexicons.load(tmp_path)
    assert lexicons.default().find_outlet("Harbour Courier") is not None
    monkeypatch.delenv("REPORTEDLY_LEXICONS")
    assert lexicons.default() == SHIPPED
    assert SHIPPED.find_outlet("Harbour Courier") is None


def test_every_file_comes_from_the_folder(tmp_path: Path) -> None:
    for name in lexicons.FILES:
        (tmp_path / name).write_text("", encoding="utf-8")
        assert lexicons.Lexicons.load(tmp_path).path(name) == tmp_path.resolve() / name
        assert SHIPPED.path(name) == HERE / name
        assert SHIPPED.path(name).exists()
    shipped = sorted(p.name for p in HERE.iterdir() if p.suffix in (".yaml", ".tsv", ".txt"))
    assert shipped == sorted(lexicons.FILES)
