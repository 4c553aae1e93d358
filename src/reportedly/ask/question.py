"""Parse a question into parts: who did what to whom, where, when, and what is asked.

An auxiliary or a wh-word opens the question; the names are the pipeline's entities
stage's, with capitalised word runs as the fallback (:mod:`.question_names`); the verb is
the parse's (:mod:`.parse`), and its arcs (:mod:`.roles`) or the prepositions after it place
the names (target, place). Coordinated names ("both A and B", "A or B", "either A or B")
and coordinated clauses ("... and did X ...?") give one part each.

    >>> q = parse_question("Did Hezbollah abandon Assad?")
    >>> (q.parts[0].actor, q.parts[0].action.lemma, q.parts[0].target)
    ('Hezbollah', 'abandon', 'Assad')
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from .. import lexicons
from ..errors import MalformedInput, NotEnglish
from ..text.action_words import actions_lexicon as _lexicon
from ..text.action_words import is_past_form, lemmas, verb_lemma
from ..text.action_words import known_action as _known
from ..text.inflect import past
from .backoff import backoff_entry
from .parse import Verb, main_verb, verb_split
from .question_names import QuestionNames, question_names
from .roles import Conjuncts, DepRoles, dep_roles

__all__ = [
    "MAX_QUESTION_CHARS",
    "Action",
    "Part",
    "Question",
    "TimeConstraint",
    "action_for",
    "lemmas",
    "parse_question",
]

_WORDS = lexicons.default().words

#: Longest question accepted, in characters.
MAX_QUESTION_CHARS = 1000

WhKind = Literal["who", "what", "which", "when", "where", "how_many"]
WhRole = Literal["actor", "target", "object", "time", "place", "count"]

AUX = frozenset(_WORDS["question_auxiliaries"])
BE = frozenset(["was", "were", "is", "are"])
#: forms of be/have/do that carry no content of their own ("was being used")
AUXILIARIES = BE | frozenset(_WORDS["question_auxiliary_forms"])
NEG_AUX = re.compile(r"^(\w+?)n[’']t$", re.I)
WH = frozenset(["who", "whom", "whose", "what", "which", "when", "where", "how"])
DETERMINERS = frozenset(_WORDS["determiners"])
ADVERBS = frozenset(_WORDS["question_adverbs"])
#: how sure the question sounds ("most likely caused"): not content a claim must repeat
HEDGES = frozenset(_WORDS["question_hedges"])
CONNECTORS = frozenset(_WORDS["name_connectors"])
PRONOUNS = frozenset(["he", "she", "they", "it", "him", "her", "them", "his", "its", "their"])
#: Words that join names and are never the question's verb ("Did Romney and Arpaio ...").
COORDINATORS = frozenset(["and", "or", "both", "either", "nor", "neither"])
PREPS = frozenset(_WORDS["question_prepositions"])
PLACE_PREPS = frozenset({"in", "at", "inside", "near", "across", "through"})
TARGET_PREPS = frozenset({"to", "with", "for", "against", "on", "toward", "towards", "about"})
PARTICLES = frozenset({"out", "up", "back", "down", "off", "over"})
MONTHS = {str(m): i + 1 for i, m in enumerate(_WORDS["months"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
WEEKDAYS = [str(d) for d in _WORDS["weekdays"]]
ENGLISH = frozenset(_WORDS["question_english"])
FOREIGN = frozenset(_WORDS["question_foreign"])


@dataclass
class Action:
    """What the question asks was done: the verb and the PLOVER families that answer it."""

    lemma: str
    families: list[str] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # lemmas/phrases naming it in a claim
    objects: list[str] = field(default_factory=list)  # object words ("troops")
    move: bool = False
    passive: bool = False
    content: bool = False  # "admit that ...", "judge that ...": the actor states the objects
    #: the actions.yaml entry the static word vectors find nearest to a verb no entry has
    #: ("blacklist" -> "sanction"), at least as similar as their calibrated threshold: a
    #: guessed paraphrase, tried only when the verb's own words find no evidence
    backoff: str | None = None
    #: matched with the backoff entry's families and words, and object words by their
    #: nearest synonym group (:func:`widened`): what it finds is lexical backoff
    widened: bool = False


@dataclass
class TimeConstraint:
    """When: a date or period, or an anchor event ("before he vanished")."""

    relation: Literal["before", "after", "on", "during"]
    text: str
    date: str | None = None  # date words to resolve ("6 December", "Friday", "last week")
    anchor: Action | None = None  # the anchor event's action ("vanish")
    anchor_actor: str | None = None  # name words, or "" for the part's own actor ("he")
    anchor_target: str | None = None  # "Damascus" in "the fall of Damascus"


@dataclass
class Part:
    """One structured query: actor, action, target, place, time, polarity, what is asked."""

    about: str
    actor: str | None
    action: Action
    target: str | None = None
    place: str | None = None
    time: TimeConstraint | None = None
    polarity: Literal["positive", "negative"] = "positive"
    wh: WhKind | None = None
    wh_role: WhRole | None = None
    wh_noun: str | None = None  # "provincial capitals" in "Which provincial capitals ..."
    #: names that modify the objects ("the Crocus City Hall attack"): an article that
    #: gives evidence names each of them
    about_names: list[str] = field(default_factory=list)
    #: "passive": the question's subject is the one acted on ("Was X killed by Y?" is
    #: asked as Y killed X); without an agent, anyone did it (no actor)
    voice: Literal["active", "passive"] = "active"


@dataclass
class Question:
    text: str
    kind: Literal["yesno", "wh"]
    parts: list[Part]
    combine: Literal["single", "and", "or"] = "single"
    polarity: Literal["positive", "negative"] = "positive"


# --------------------------------------------------------------------------- lexicon


@functools.cache
def _synonym_map() -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for group in _lexicon().get("object_synonyms") or []:
        words = frozenset(str(w).casefold() for w in group)
        for w in words:
            out[w] = out.get(w, frozenset()) | words
    return out


def synonyms(word: str) -> frozenset[str]:
    """actions.yaml ``object_synonyms``: the words naming the same thing as ``word``
    (itself included)."""
    w = word.casefold()
    return _synonym_map().get(w, frozenset({w}))


def irrealis_words() -> frozenset[str]:
    return frozenset(str(w) for w in _lexicon().get("irrealis", []))


def action_for(
    lemma: str, objects: list[str] | None = None, backoff: bool = True, intransitive: bool = False
) -> Action:
    """The :class:`Action` of a verb lemma (families empty when the verb is unknown). A
    lemma no entry of actions.yaml has names, with ``backoff``, the nearest entry that may
    stand for it (:attr:`Action.backoff`; :func:`.backoff.backoff_entry`; see :func:`widened`);
    ``intransitive``: the question uses the verb with no object."""
    entry: dict[str, Any] = _lexicon()["actions"].get(lemma) or {}
    words = [str(w) for w in entry.get("words", [])] or [lemma]
    if lemma not in words:
        words.insert(0, lemma)
    return Action(
        lemma=lemma,
        families=[str(f) for f in entry.get("families", [])],
        modes=[str(m) for m in entry.get("modes", [])],
        words=words,
        objects=list(objects or []),
        move=bool(entry.get("move", False)),
        passive=bool(entry.get("passive", False)),
        content=bool(entry.get("content", False)),
        backoff=None if entry or not backoff else backoff_entry(lemma, intransitive),
    )


def widened(action: Action) -> Action:
    """The action with the families, modes and words of its backoff entry added (the verb's
    own words first; how the question reads its roles stays the verb's own) and its objects
    matched by their nearest synonym group too (:attr:`Action.widened`)."""
    out = _copy_action(action)
    out.widened = True
    if action.backoff is not None:
        entry: dict[str, Any] = _lexicon()["actions"].get(action.backoff) or {}
        words = [str(w) for w in entry.get("words", [])] or [action.backoff]
        out.families = list(dict.fromkeys([*action.families, *map(str, entry.get("families", []))]))
        out.modes = list(dict.fromkeys([*action.modes, *map(str, entry.get("modes", []))]))
        out.words = list(dict.fromkeys([*action.words, action.backoff, *words]))
    return out


# --------------------------------------------------------------------------- checks


def _check(text: str) -> str:
    if not isinstance(text, str):
        raise MalformedInput("the question must be text")
    q = unicodedata.normalize("NFC", text).strip()
    if not q:
        raise MalformedInput("the question is empty: ask e.g. 'Did Hezbollah abandon Assad?'")
    if len(q) > MAX_QUESTION_CHARS:
        raise MalformedInput(
            f"the question is too long ({len(q)} characters; at most {MAX_QUESTION_CHARS}): "
            "ask one short question"
        )
    if any(unicodedata.category(c) in ("Cc", "Cs", "Co") and c not in "\t\n\r" for c in q):
        raise MalformedInput("the question contains control characters")
    letters = [c for c in q if c.isalpha()]
    if not letters:
        raise MalformedInput("the question has no words: ask e.g. 'Who visited Assad?'")
    latin = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
    if latin / len(letters) < 0.7:
        raise NotEnglish("the question does not look like English: ask in English")
    words = [w.casefold() for w in re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", q)]
    english = sum(1 for w in words if w in ENGLISH or _known(w) or NEG_AUX.match(w))
    foreign = sum(1 for w in words if w in FOREIGN)
    if not english:
        if foreign or any(ord(c) > 127 for c in letters):
            raise NotEnglish("the question does not look like English: ask in English")
        raise MalformedInput(
            "could not read a question in that text: ask e.g. 'Did Iran evacuate its "
            "commanders from Syria?'"
        )
    if "¿" in q or "¡" in q or (english <= 1 and any(ord(c) > 127 for c in letters)):
        raise NotEnglish("the question does not look like English: ask in English")
    if foreign > english:
        raise NotEnglish("the question does not look like English: ask in English")
    return " ".join(q.replace("’", "'").replace("“", '"').replace("”", '"').split())


# --------------------------------------------------------------------------- time

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE_WORDS = (
    rf"(?:\d{{4}}-\d{{2}}(?:-\d{{2}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH_RE})\.?(?:,?\s+\d{{4}})?"
    rf"|(?:{_MONTH_RE})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|(?:{_MONTH_RE})(?:\s+\d{{4}})?|\d{{4}}|(?:last|this|past|next)\s+(?:week|month|year)"
    rf"|yesterday|today|(?:last\s+)?(?:{'|'.join(WEEKDAYS)}))"
)
_TIME_RES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(before|after|since|until|prior to)\s+(.+)$", re.I), "anchor"),
    # "killed when the storm hit": on the anchor event's day (never the wh-word "When did";
    # "while it was flying" is a period, which one anchor day would not cover)
    (re.compile(r"(?<=\w)\s+(when)\s+(.+)$", re.I), "anchor"),
    (re.compile(rf"\b(on|in|during)\s+({_DATE_WORDS})\b", re.I), "date"),
    # "by 5 March": a deadline, never "by" before a name ("killed by Hamas")
    (re.compile(rf"\b(by)\s+({_DATE_WORDS})\b", re.I), "by"),
    (re.compile(r"\b((?:last|this|past)\s+(?:week|month|year)|yesterday|today)\b", re.I), "rel"),
]


def _time(clause: str, known: QuestionNames) -> tuple[str, TimeConstraint | None]:
    for rx, kind in _TIME_RES:
        m = rx.search(clause)
        if not m:
            continue
        rest = (clause[: m.start()] + " " + clause[m.end() :]).strip()
        if kind == "rel":
            return rest, TimeConstraint("during", m.group(0), date=m.group(1))
        if kind == "by":
            return rest, TimeConstraint("before", m.group(0), date=m.group(2))
        if kind == "date":
            rel: Literal["on", "during"] = "on" if m.group(1).casefold() == "on" else "during"
            return rest, TimeConstraint(rel, m.group(0), date=m.group(2))
        word = m.group(1).casefold()
        relation: Literal["before", "after", "during"] = (
            "before"
            if word in ("before", "until", "prior to")
            else "during"
            if word == "when"
            else "after"
        )
        anchor_text = m.group(2).strip(" ,.?")
        tc = TimeConstraint(relation, m.group(0).strip(" ?"))
        if re.fullmatch(_DATE_WORDS, anchor_text, re.I):
            tc.date = anchor_text
            return rest, tc
        _anchor(anchor_text, tc, known)
        if tc.anchor is None and tc.anchor_actor is None and tc.anchor_target is None:
            continue
        return rest, tc
    return clause, None


def _anchor(text: str, tc: TimeConstraint, known: QuestionNames) -> None:
    """Read "he vanished" / "the fall of Damascus" / "Assad fled" into an anchor: a noun
    or verb of the actions lexicon, else the anchor clause's own verb from the parse ("the
    US shot the balloon down"), whatever that verb is."""
    tokens = text.split()
    nouns: dict[str, str] = _lexicon().get("nouns", {})
    names = _names(tokens, known)
    at: int | None = None
    for i, tok in enumerate(tokens):
        low = tok.casefold().strip(",.?")
        prev = tokens[i - 1] if i else ""
        # "the fall", "his disappearance", "the Crocus City Hall attack"
        if low in nouns and (
            i == 0 or prev.casefold() in DETERMINERS | PRONOUNS or prev[:1].isupper()
        ):
            tc.anchor = action_for(str(nouns[low]))
        elif not tok[:1].isupper():
            lem = _known(low)
            if lem:
                tc.anchor = action_for(lem)
        if tc.anchor is not None:
            at = i
            break
    if at is None:
        at = _parsed_anchor(text, tokens)
        verb = main_verb(text)
        if at is None or verb is None:
            return
        tc.anchor = action_for(verb.lemma)
    anchor = tc.anchor
    assert anchor is not None
    low = tokens[at].casefold().strip(",.?")
    before = [n for s, e, n in names if e <= at]
    after = [n for s, e, n in names if s > at]
    if low in PRONOUNS or any(t.casefold() in PRONOUNS for t in tokens[:at]):
        tc.anchor_actor = ""
    elif low in nouns and any(e == at for _, e, _ in names):
        # the name that modifies the noun is where it happened
        tc.anchor_target = next(n for _, e, n in names if e == at)
    elif before:
        tc.anchor_actor = before[0]
    if after:
        if anchor.passive or low in nouns:
            if anchor.passive or tc.anchor_actor is not None:
                tc.anchor_target = after[0]
            else:
                tc.anchor_actor = after[0]
        else:
            tc.anchor_target = after[0]


def _parsed_anchor(text: str, tokens: list[str]) -> int | None:
    """The token index of the anchor clause's verb in the parse, or None when it has none
    ("before the court" is a place, not a time)."""
    verb = main_verb(text)
    if verb is None:
        return None
    offset = 0
    for k, tok in enumerate(tokens):
        offset = text.index(tok, offset)
        if offset <= verb.start < offset + len(tok):
            return k
        offset += len(tok)
    return None


# --------------------------------------------------------------------------- names


def _particle_name(tok: str) -> bool:
    """A name with its particle joined by a hyphen: "al-Assad", "el-Sisi", "bin-Salman"
    (words.yaml ``name_connectors``)."""
    head, sep, rest = tok.partition("-")
    return bool(sep) and head.casefold() in CONNECTORS and rest[:1].isupper()


def _is_name_token(tok: str) -> bool:
    t = tok.strip(",")
    if _particle_name(t):
        return True
    return bool(t) and (t[0].isupper() or t[0].isdigit()) and t.casefold() not in AUX | WH


def _joins_names(tokens: list[str], j: int) -> bool:
    """Whether ``tokens[j]`` starts a run of name particles ("bin", "von der", "de") that a
    name follows: "Osama bin Laden", "Ursula von der Leyen"."""
    k = j
    while k < len(tokens) and tokens[k].casefold() in CONNECTORS:
        k += 1
    return k > j and k < len(tokens) and _is_name_token(tokens[k])


def _names(tokens: list[str], known: QuestionNames) -> list[tuple[int, int, str]]:
    """The names in ``tokens`` as (start, end, text): the question's names as the entities
    stage reads them (:mod:`.question_names`), with runs of capitalised words (with particles
    inside: al-/bin/de/van/of) as the fallback."""
    return known.runs(tokens, _capitalised(tokens))


def _capitalised(tokens: list[str]) -> list[tuple[int, int, str]]:
    """Runs of capitalised words (with particles inside: al-/bin/de/van/of) as (start, end,
    text)."""
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        if _is_name_token(tokens[i]) or tokens[i].casefold().startswith(("al-", "el-")):
            j = i + 1
            while j < len(tokens):
                t = tokens[j]
                if (
                    _is_name_token(t)
                    or t.casefold().startswith(("al-", "el-"))
                    or _joins_names(tokens, j)
                ):
                    j += 1
                else:
                    break
                if tokens[j - 1].endswith(","):
                    break
            out.append((i, j, " ".join(tokens[i:j]).strip(",")))
            i = j
        else:
            i += 1
    return out


def _modifies(tokens: list[str], end: int) -> bool:
    """Whether the name run ending before ``tokens[end]`` modifies the common noun there."""
    return (
        end < len(tokens)
        and tokens[end][:1].islower()
        and tokens[end].casefold() not in PREPS | {"and", "or", "either", "both", ","}
        and not tokens[end - 1].endswith(",")
    )


def named_modifiers(tokens: list[str], known: QuestionNames) -> list[str]:
    """Names that modify a common noun ("the Crocus City Hall attack", "the Nord Stream
    pipelines"): not a party to the action, but what the question is about. One-word
    adjectives of nationality ("Russian forces") are left out."""
    return [
        n.removesuffix("'s")  # "the US Embassy's warning" is about the US Embassy
        for s, e, n in _names(tokens, known)
        if _modifies(tokens, e) and (e - s > 1 or not n.casefold().endswith(("an", "ish", "ese")))
    ]


def _split_names(
    tokens: list[str], known: QuestionNames
) -> tuple[list[str], Literal["and", "or", "single"], list[str]]:
    """Names of a coordinated phrase and the other (content) words."""
    combine: Literal["and", "or", "single"] = "single"
    low = [t.casefold().strip(",") for t in tokens]
    if "or" in low or "either" in low:
        combine = "or"
    elif "and" in low or "both" in low:
        combine = "and"
    # a capitalised word before a common noun is a modifier ("a Christian leader")
    runs = [(s, e, n) for s, e, n in _names(tokens, known) if not _modifies(tokens, e)]
    names = [n for _, _, n in runs]
    covered: set[int] = set()
    for s, e, _ in runs:
        covered.update(range(s, e))
    other = [
        t.strip(",").casefold()
        for i, t in enumerate(tokens)
        if i not in covered
        and t.casefold().strip(",") not in DETERMINERS | ADVERBS | {"and", "or", "both", "either"}
        and t.strip(",")
    ]
    if len(names) < 2:
        combine = "single"
    return names, combine, other


# --------------------------------------------------------------------------- parse


_TOKEN_RE = re.compile(r"[\w][\w'’.\-/]*[\w]|[\w]|,")


def _tokens(clause: str) -> list[str]:
    return _TOKEN_RE.findall(clause)


def _parsed_verb(clause: str, start: int) -> tuple[int, Verb] | None:
    """The index among the clause's tokens (:func:`_tokens`) of the verb the spaCy parse
    finds (:func:`.parse.main_verb`), and that verb; None when the parse has none at or
    after token ``start``."""
    verb = main_verb(clause)
    if verb is None:
        return None
    matches = list(_TOKEN_RE.finditer(clause))
    for k, m in enumerate(matches):
        if m.start() <= verb.start < m.end():
            if k < start:
                return None
            return _reporting_verb_before(matches, start, k) or (k, verb)
    return None


def _reporting_verb_before(
    matches: list[re.Match[str]], start: int, k: int
) -> tuple[int, Verb] | None:
    """A verb of saying or thinking right before "that", ahead of the verb the parse chose:
    the parse's verb is then inside the that-clause ("Did the agency judge that a rocket
    caused the blast?" asks about judging; the small model reads "agency judge" as a noun
    compound)."""
    reporting = lexicons.default().attribution
    verbs = reporting.speech_verbs | reporting.cognition_verbs
    for j in range(start + 1, k):
        if matches[j].group(0).casefold() != "that":
            continue
        word = matches[j - 1]
        found = sorted(lemmas(word.group(0)) & verbs, key=len, reverse=True)
        if found and word.group(0)[:1].islower() and j - 1 > start:
            return j - 1, Verb(word.start(), word.end(), found[0])
    return None


def _find_verb(tokens: list[str], start: int) -> int | None:
    """The verb when the parse has none: the first word that names an action of the
    lexicon, else the first bare verb (lemminflect) not right after a determiner ("Did the
    police bombard ...": "police" can be a verb too, but not after "the"), else the first
    content word after the subject's first."""
    for i in range(start, len(tokens)):
        t = tokens[i]
        if t[:1].isupper() and i > start:
            continue
        if t.casefold() in DETERMINERS | ADVERBS | CONNECTORS | {"not", "never", ","}:
            continue
        if _known(t) and not (t[:1].isupper() and i == start and len(tokens) > start + 1):
            return i
    for i in range(start + 1, len(tokens)):
        t = tokens[i]
        after_det = tokens[i - 1].casefold() in DETERMINERS
        if t[:1].islower() and not after_det and verb_lemma(t) == t.casefold():
            return i
    for i in range(start + 1, len(tokens)):
        t = tokens[i]
        low = t.casefold()
        if t[:1].isupper() or low in DETERMINERS | ADVERBS | CONNECTORS | PREPS | {"not", ","}:
            continue
        if low.endswith("'s") or low in PRONOUNS or low in COORDINATORS or _particle_name(t):
            continue
        return i
    return None


def parse_question(text: str) -> Question:
    """Parse ``text`` into a :class:`Question`; raises MalformedInput / NotEnglish."""
    q = _check(text)
    known = question_names(q.rstrip(" ?!."), _tokens)
    body = known.text
    clauses = re.split(
        r",?\s+\b(and|or)\s+(?=(?:did|does|do|has|have|had|was|were|is|are|will|can|could)"
        r"(?:n't)?\b)",
        body,
        flags=re.I,
    )
    parts: list[Part] = []
    combine: Literal["single", "and", "or"] = "single"
    kind: Literal["yesno", "wh"] = "yesno"
    polarity: Literal["positive", "negative"] = "positive"
    last_actor: str | None = None
    for n, clause in enumerate(clauses[::2]):
        if n > 0:
            combine = "or" if clauses[2 * n - 1].casefold() == "or" else "and"
        cparts, ccombine = _parse_verbs(clause, last_actor, known)
        if not cparts:
            continue
        if ccombine != "single" and combine == "single":
            combine = ccombine
        parts.extend(cparts)
        last_actor = cparts[0].actor
        if cparts[0].wh:
            kind = "wh"
        if cparts[0].polarity == "negative":
            polarity = "negative"
    if not parts:
        raise MalformedInput(
            f"could not find an action in {q!r}: ask e.g. 'Did Hezbollah abandon Assad?'"
        )
    if len(parts) == 1:
        combine = "single"
    return Question(text=q, kind=kind, parts=parts, combine=combine, polarity=polarity)


def _without_reduced_relative(subject: list[str]) -> list[str]:
    """The subject without a participle phrase that modifies it: "a phone call intercepted
    by the security service" is "a phone call" (the interceptor does not prove anything)."""
    for k in range(1, len(subject) - 1):
        word = subject[k].casefold()
        if subject[k + 1].casefold() == "by" and is_past_form(word):
            return subject[:k]
    return subject


def _parse_verbs(
    clause: str, last_actor: str | None, known: QuestionNames
) -> tuple[list[Part], Literal["single", "and", "or"]]:
    """The parts of a clause, one per coordinated verb ("Did X both deny A and say B?"
    asks whether X denied A and whether X said B), each with the clause's opening."""
    split = verb_split(clause)
    if split is not None:
        first, _ = _parse_clause(f"{split.opening} {split.first}", last_actor, known)
        second, _ = _parse_clause(f"{split.opening} {split.second}", last_actor, known)
        if first and second:
            return first + second, "or" if split.how == "or" else "and"
    return _parse_clause(clause, last_actor, known)


@dataclass
class _Opening:
    """What opens a clause: the wh-word and what it asks, the auxiliary and the polarity,
    and the token where the rest starts."""

    at: int = 0
    wh: WhKind | None = None
    wh_role: WhRole | None = None
    wh_noun: str | None = None
    aux: str = ""
    polarity: Literal["positive", "negative"] = "positive"


@dataclass
class _Roles:
    """Who and what the words after the verb name: targets, place, objects, the agent of
    a passive ("by ...") and the names that modify the objects."""

    targets: list[str] = field(default_factory=list)
    combine: Literal["single", "and", "or"] = "single"
    place: str | None = None
    objects: list[str] = field(default_factory=list)
    agent: str | None = None
    about_names: list[str] = field(default_factory=list)


def _is_aux(token: str) -> bool:
    return token.casefold() in AUX or NEG_AUX.match(token) is not None


def _wh_opening(tokens: list[str]) -> _Opening:
    """The wh-word of a clause and what it asks ("Which provincial capitals does ...":
    the object, named "provincial capitals"); an empty opening when there is none."""
    op = _Opening()
    first = tokens[0].casefold()
    if first not in WH:
        return op
    op.at = 1
    if first == "how" and len(tokens) > 1 and tokens[1].casefold() in ("many", "much"):
        op.wh, op.wh_role, op.at = "how_many", "count", 2
    elif first in ("who", "whom", "whose"):
        op.wh = "who"
    elif first == "when":
        op.wh, op.wh_role = "when", "time"
    elif first == "where":
        op.wh, op.wh_role = "where", "place"
    elif first in ("what", "which"):
        op.wh = "what" if first == "what" else "which"
    if op.wh in ("what", "which", "how_many"):
        j = op.at
        while j < len(tokens) and not _is_aux(tokens[j]):
            if _known(tokens[j]) and j > op.at and not tokens[j][:1].isupper():
                break
            j += 1
        if op.at < j < len(tokens):
            op.wh_noun, op.at = " ".join(tokens[op.at : j]), j
    if op.at < len(tokens) and _is_aux(tokens[op.at]):
        if op.wh_role is None:
            op.wh_role = "object" if op.wh in ("what", "which") else "target"
    elif op.wh_role is None:
        op.wh_role = "actor"
    return op


def _opening(tokens: list[str]) -> _Opening:
    """The wh-word, then the auxiliary ("did", "didn't": negative) and a "not"/"never"."""
    op = _wh_opening(tokens)
    if op.at < len(tokens):
        m = NEG_AUX.match(tokens[op.at])
        if m:
            aux = m.group(1).casefold()
            op.aux, op.polarity = {"wo": "will", "ca": "can"}.get(aux, aux), "negative"
            op.at += 1
        elif tokens[op.at].casefold() in AUX:
            op.aux = tokens[op.at].casefold()
            op.at += 1
    if op.at < len(tokens) and tokens[op.at].casefold() in ("not", "never"):
        op.polarity = "negative"
        op.at += 1
    return op


def _verb_and_subject(
    clause: str, tokens: list[str], op: _Opening
) -> tuple[int, list[str], Verb | None] | None:
    """The index of the clause's verb (the parse's main verb), the subject's tokens before
    it and the parsed verb; None when the clause has no verb. Asked who did it, the verb
    follows the wh-word and the subject is the answer."""
    i = op.at
    if op.wh_role == "actor":
        v = i if i < len(tokens) else None
        if v is not None and not _known(tokens[v]) and not tokens[v][:1].islower():
            v = _find_verb(tokens, i)
        return None if v is None else (v, [], None)
    parsed = _parsed_verb(clause, i)
    if parsed is None and i == 0 and not _known(tokens[0]) and main_verb(clause) is None:
        # no auxiliary to open a question and no verb in the parse: words, not a
        # question ("The president Damascus")
        return None
    v = parsed[0] if parsed else _find_verb(tokens, i)
    if v is None:
        return None
    return v, _without_reduced_relative(tokens[i:v]), parsed[1] if parsed else None


def _verb_lemma(token: str, parsed: Verb | None) -> str:
    """The verb's lemma: the parse's when actions.yaml has it, else the action the word
    inflects, else the parse's; without a parse, the action, else lemminflect's lemma."""
    if parsed is not None:
        known = parsed.lemma in _lexicon()["actions"]
        return parsed.lemma if known else _known(token) or parsed.lemma
    return _known(token) or verb_lemma(token) or min(sorted(lemmas(token)), key=len)


def _complements(
    rest: list[str], known: QuestionNames
) -> tuple[str | None, list[tuple[str, list[str]]]]:
    """A purpose verb after "to" ("send troops to help Assad": help), and the words after
    the verb as the object segment then (preposition, segment) pairs (a preposition inside
    a name, "of" in "the Ministry of Defence", is the name's)."""
    purpose: str | None = None
    for k in range(len(rest) - 1):
        if rest[k].casefold() == "to" and not rest[k + 1][:1].isupper() and _known(rest[k + 1]):
            purpose = _known(rest[k + 1])
            rest = rest[:k] + rest[k + 2 :]
            break
    while rest and rest[0].casefold() in PARTICLES:
        rest = rest[1:]
    segments: list[tuple[str, list[str]]] = [("", [])]
    for k, t in enumerate(rest):
        if t.casefold() in PREPS and not known.inside(rest, k):
            segments.append((t.casefold(), []))
        else:
            segments[-1][1].append(t)
    return purpose, segments


def _passive(aux: str, token: str, parsed: Verb | None, lemma: str) -> bool:
    """Whether the clause is passive ("Was X killed ...?"): a form of "be" and a past
    participle (the parse's passive, or a past form by lemminflect's tables); never a
    participle that is a state of its subject ("Was X involved in Y?", actions.yaml
    ``stative``)."""
    if aux not in BE:
        return False
    entry: dict[str, Any] = _lexicon()["actions"].get(lemma) or {}
    if entry.get("stative"):
        return False
    return (parsed is not None and parsed.passive) or is_past_form(token)


def _subject_place(
    subject: list[str], segments: list[tuple[str, list[str]]], known: QuestionNames
) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The subject without a prepositional phrase in it, which becomes a place when it names
    one ("telescopes in Hawaii")."""
    for k, t in enumerate(subject):
        low = t.casefold()
        if k and low in PREPS and low != "of":
            pnames, _, _ = _split_names(subject[k + 1 :], known)
            if low in PLACE_PREPS and pnames:
                segments = [*segments, (low, subject[k + 1 :])]
            return subject[:k], segments
    return subject, segments


def _subjects(
    subject: list[str], last_actor: str | None, known: QuestionNames
) -> tuple[list[str], Literal["single", "and", "or"]]:
    """The subject's names (coordinated: one each), else its words as a description, a
    pronoun standing for the previous clause's actor."""
    actors, combine, _ = _split_names(subject, known)
    if actors or not subject:
        return actors, combine
    words = [t for t in subject if t.casefold() not in DETERMINERS | ADVERBS]
    if words and all(t.casefold() in PRONOUNS for t in words):
        return ([last_actor] if last_actor else []), "single"
    return ([" ".join(words)] if words else []), "single"


def _roles(
    segments: list[tuple[str, list[str]]], passive: bool, move: bool, known: QuestionNames
) -> _Roles:
    """What each segment after the verb names: the object segment's names are the targets,
    "by" in a passive gives the agent, a place preposition (or "from"/"to" after a verb of
    moving) the place, another preposition the targets if none yet, else the place."""
    r = _Roles()
    for prep, seg in segments:
        r.about_names.extend(named_modifiers(seg, known))
        names, comb, other = _split_names(seg, known)
        if prep == "by" and passive and not names and other:
            # "caused by an Israeli airstrike", "by the Lakeland police": a described agent
            r.agent = " ".join(t for t in seg if t.casefold() not in DETERMINERS | ADVERBS)
            continue
        r.objects.extend(w for w in other if (w not in PRONOUNS and not _known(w)) or prep == "")
        if not names:
            continue
        if prep == "":
            r.targets, r.combine = names, comb
        elif prep == "by" and passive:
            r.agent = names[0]
        elif prep in PLACE_PREPS or (prep in ("from", "to", "into", "toward", "towards") and move):
            r.place = r.place or names[0]
        elif prep == "of" and (r.targets or r.place):
            continue
        elif not r.targets:
            r.targets, r.combine = names, comb
        elif r.place is None:
            r.place = names[0]
    # "the balloon's entry": the object word is "balloon"
    r.objects = [
        o.removesuffix("'s")
        for o in r.objects
        if o not in PRONOUNS
        and o not in ("not", "never")
        and o.casefold() not in AUXILIARIES
        and o.casefold() not in HEDGES
    ]
    r.about_names = list(dict.fromkeys(r.about_names))
    return r


def _dep_roles(
    clause: str, parsed: Verb | None, op: _Opening, subject: list[str]
) -> DepRoles | None:
    """The roles the parse's arcs give the clause's verb (:mod:`.roles`), when its subject
    lies among the words before the verb; None (the words around the verb decide) when the
    parse has no subject arc for it, or it was the answer asked for."""
    if parsed is None or op.wh_role == "actor":
        return None
    dep = dep_roles(clause, parsed.start)
    if dep is None:
        return None
    start, end = dep.subject_span
    if not set(_tokens(clause[start:end])) <= set(subject):
        return None
    return dep


def _conjoined(
    phrase: Conjuncts, last_actor: str | None, known: QuestionNames
) -> tuple[list[str], Literal["single", "and", "or"]] | None:
    """One name or description per conjunct of a coordinated phrase ("either Lina Haddad
    or the coastal militia"), or None when the phrase has one conjunct."""
    if len(phrase.texts) < 2:
        return None
    found: list[str] = []
    for text in phrase.texts:
        one, _ = _subjects(_tokens(text), last_actor, known)
        found.extend(one[:1])
    return (found, phrase.how) if len(found) == len(phrase.texts) else None


def _conjoined_objects(dep: DepRoles, passive: bool, roles: _Roles, known: QuestionNames) -> None:
    """The targets of a coordinated direct object (else of the first target preposition's
    object), one per conjunct ("meet both Omar Farouk and the mayor of Tarsis"): a
    described conjunct is a target too, its words no
    longer object words (nor those of a named one's modifiers)."""
    if passive:
        return
    phrases = [dep.object] if dep.object is not None else []
    # else the object of the preposition that gave the targets ("talk with both A and B")
    phrases += [c for prep, c in dep.preps if prep in TARGET_PREPS and not phrases]
    found = _conjoined(phrases[0], None, known) if phrases else None
    if found is None or (dep.object is None and not roles.targets):
        return
    roles.targets, roles.combine = found
    roles.objects = _without(roles.objects, phrases[0])


def _without(objects: list[str], phrase: Conjuncts) -> list[str]:
    """The object words not in the conjuncts of ``phrase`` (they name its parties)."""
    words = {w.casefold() for t in phrase.texts for w in _tokens(t)}
    return [o for o in objects if o.casefold() not in words]


def _voice(
    passive: bool,
    subject: list[str],
    actors: list[str],
    acombine: Literal["single", "and", "or"],
    roles: _Roles,
    known: QuestionNames,
) -> tuple[list[str], Literal["active", "passive"]]:
    """The actors of a passive clause, the roles swapped: "Was X killed by Y?" asks whether
    Y killed X; "Was X killed?" whether someone did (no actor; a named X is the target, a
    described one the objects)."""
    if not passive:
        return actors, "active"
    if roles.agent:
        roles.targets, roles.combine = actors, acombine
        return [roles.agent], "passive"
    names, comb, _ = _split_names(subject, known)
    if names:
        roles.targets, roles.combine = names, comb
    else:
        # "Navalny's funeral": the funeral is acted on, the name modifies it
        covered = {k for s, e, _ in _names(subject, known) for k in range(s, e)}
        skip = DETERMINERS | ADVERBS | PRONOUNS
        words = [
            t.casefold()
            for k, t in enumerate(subject)
            if k not in covered and t.casefold() not in skip
        ]
        roles.objects = list(dict.fromkeys([*words, *roles.objects]))
    roles.about_names = list(dict.fromkeys([*named_modifiers(subject, known), *roles.about_names]))
    return [], "passive"


def _intransitive(segments: list[tuple[str, list[str]]], passive: bool, op: _Opening) -> bool:
    """Whether the clause uses its verb with no object: active, not asked what or whom it
    was done to, and no word between the verb and its first preposition ("Did X die in
    the strike?")."""
    if passive or op.wh_role in ("target", "object"):
        return False
    skip = ADVERBS | {"not", "never", ","}
    return not any(t.casefold() not in skip for t in segments[0][1])


def _clause_action(
    lemma: str,
    objects: list[str],
    parsed: Verb | None,
    purpose: str | None,
    wh_noun: str | None,
    intransitive: bool = False,
) -> Action:
    """The clause's action: a light verb's noun, else the verb's entry (or its backoff),
    a phrasal verb the lexicon lacks by its words, a purpose verb's families added, and
    the wh-noun as the objects ("Which provincial capitals ...")."""
    particle = parsed.particle if parsed else None
    phrasal = particle is not None and lemma not in _lexicon()["actions"]
    action = _light(lemma, objects) or action_for(
        lemma, objects, backoff=not phrasal, intransitive=intransitive
    )
    if phrasal:
        # a phrasal verb the lexicon does not know is named by verb and particle (the
        # verb alone is not its meaning: no backoff on it)
        action.words = [f"{lemma} {particle}"]
    if purpose:
        extra = action_for(purpose)
        action.families = list(dict.fromkeys(action.families + extra.families))
        action.words = list(dict.fromkeys(action.words + extra.words))
    if wh_noun:
        action.objects = [w.casefold() for w in wh_noun.split() if w.casefold() not in DETERMINERS]
    return action


def _parse_clause(
    clause: str, last_actor: str | None, known: QuestionNames
) -> tuple[list[Part], Literal["single", "and", "or"]]:
    """The parts of one clause: its time, opening, verb (from the parse), subject, voice
    and the roles of the words after the verb; one part per actor and target."""
    clause, tc = _time(clause, known)
    tokens = _tokens(clause)
    if not tokens:
        return [], "single"
    op = _opening(tokens)
    found = _verb_and_subject(clause, tokens, op)
    if found is None:
        return [], "single"
    v, subject, parsed = found
    if any(t.casefold() in ("not", "never") for t in subject):
        op.polarity = "negative"
        subject = [t for t in subject if t.casefold() not in ("not", "never")]
    lemma = _verb_lemma(tokens[v], parsed if op.wh_role != "actor" else None)
    purpose, segments = _complements(tokens[v + 1 :], known)
    passive = _passive(op.aux, tokens[v], parsed, lemma)
    subject, segments = _subject_place(subject, segments, known)
    actors, acombine = _subjects(subject, last_actor, known)
    roles = _roles(segments, passive, action_for(lemma).move, known)
    dep = _dep_roles(clause, parsed, op, subject)
    if dep is not None:
        actors, acombine = _conjoined(dep.subject, last_actor, known) or (actors, acombine)
        _conjoined_objects(dep, passive, roles, known)
    actors, voice = _voice(passive, subject, actors, acombine, roles, known)
    if dep is not None and dep.agent is not None and voice == "passive" and roles.agent:
        agents = _conjoined(dep.agent, last_actor, known)
        if agents is not None:
            (actors, acombine), roles.objects = agents, _without(roles.objects, dep.agent)
    intransitive = _intransitive(segments, passive, op)
    action = _clause_action(lemma, roles.objects, parsed, purpose, op.wh_noun, intransitive)
    if tc is not None and tc.anchor_actor == "" and not actors:
        tc.anchor_actor = None
    combine = acombine if len(actors) > 1 else roles.combine
    return _clause_parts(actors, roles, action, tc, op, purpose, voice), combine


def _clause_parts(
    actors: list[str],
    roles: _Roles,
    action: Action,
    tc: TimeConstraint | None,
    op: _Opening,
    purpose: str | None,
    voice: Literal["active", "passive"],
) -> list[Part]:
    """One part per actor and target of a clause (one without either when it has none)."""
    parts: list[Part] = []
    for actor in list[str | None](actors) or [None]:
        for target in list[str | None](roles.targets) or [None]:
            about = _about(
                actor,
                action,
                target,
                roles.place,
                op.wh,
                op.wh_role,
                op.wh_noun,
                op.polarity,
                purpose,
            )
            parts.append(
                Part(
                    about=about,
                    actor=actor,
                    action=_copy_action(action),
                    target=target,
                    place=roles.place,
                    time=tc,
                    polarity=op.polarity,
                    wh=op.wh,
                    wh_role=op.wh_role,
                    wh_noun=op.wh_noun,
                    about_names=list(roles.about_names),
                    voice=voice,
                )
            )
    return parts


def _light(lemma: str, objects: list[str]) -> Action | None:
    """The action of a light verb and its noun ("express regret over X": regret, with X's
    words as its objects), or None when ``lemma`` is not a light verb or its noun does
    not name a deed (``actions.yaml``: light_verbs, nouns)."""
    lex = _lexicon()
    if lemma not in lex.get("light_verbs", []) or not objects:
        return None
    nouns: dict[str, str] = lex.get("nouns", {})
    noun = objects[0].casefold()
    deed = nouns.get(noun) or (noun if noun in lex["actions"] else None)
    if deed is None:
        return None
    action = action_for(str(deed), objects[1:])
    if noun not in action.words:
        action.words.append(noun)
    return action


def _copy_action(a: Action) -> Action:
    return replace(
        a,
        families=list(a.families),
        modes=list(a.modes),
        words=list(a.words),
        objects=list(a.objects),
    )


def _about(
    actor: str | None,
    action: Action,
    target: str | None,
    place: str | None,
    wh: WhKind | None,
    wh_role: WhRole | None,
    wh_noun: str | None,
    polarity: str,
    purpose: str | None = None,
) -> str:
    words = [actor or ("who" if wh_role == "actor" else "someone")]
    if polarity == "negative":
        words.append("did not " + action.lemma)
    else:
        words.append(past(action.lemma))
    if purpose:
        words.extend([*action.objects, "to", purpose])
    if target:
        words.append(target)
    elif wh_role in ("target", "object"):
        words.append(wh_noun or ("whom" if wh == "who" else "what"))
    elif action.objects:
        words.append(" ".join(action.objects))
    if place:
        words.append("in " + place)
    return " ".join(words)
