"""A question's names as the pipeline reads an article's: nlp -> entities.

The question is parsed by the pipeline's spaCy model and read by its entities stage, so a
name in it is resolved the way an article's mention is: titles and possessive owners left out
("Syrian President Bashar al-Assad" and "Iran's Supreme Leader Ali Khamenei" name Bashar
al-Assad and Ali Khamenei), an organisation whole with its "of" ("the Ministry of Defence").
A description the stage links to a person the question names is that person ("Did Syrian
President Bashar al-Assad flee, and did the Syrian president meet Putin?"); one with no such
person ("the Syrian president" alone) stays the question's description, as the stage leaves
it unlinked in an article that names no fitting person. Questions are short
and often typed in lower case, where the tagger finds no names or wrong ones ("hezbollah
abandon" as one organisation), so

- a mention counts only when it has a capital letter, does not end in a name particle ("Ursula
  von der" is the tagger cutting "Ursula von der Leyen") and holds no other lower-case word;
- a name typed in lower case is one the actor dictionary (names and metonyms: "kremlin"), the
  country list (names, adjectives, capitals: "moscow") or the outlets know, one word of it
  no English word (lemminflect knows none of its lemmas: "hezbollah", "assad") unless the
  whole question is in lower case (the actor dictionary's own rule for one-word names); in a
  question typed all in lower case, a word no lexicon has that is no English word either
  ("farouk") is a name too (the gazetteer is not read: its 68,000 places hold common words,
  "Old Bridge", and take seconds to load);
- the capitalised runs of the question (:func:`.question._names`) stay the fallback: a run is
  the entities stage's name when that name ends the run, and a person's when only titles,
  possessive owners, country words or other names come before it ("China's Foreign Ministry"
  stays whole, as the stage leaves an organisation's owner in); else the run stands as
  written ("Trump", which the tagger misses, or "Alexei Navalny" when it tags only "Navalny").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from lemminflect import getAllLemmas

from .. import lexicons
from ..events.actors import resolver
from ..nlp.doc import Block, Document
from ..records import Article
from ..stages.entities import is_title_word, resolve_entities
from ..stages.nlp import set_sentences
from .parse import parsed

__all__ = ["Known", "QuestionNames", "question_names"]

Run = tuple[int, int, str]
Tokenizer = Callable[[str], list[str]]

#: The longest name typed in lower case looked up, in words.
MAX_LOWER_WORDS = 4
_POSSESSIVE = re.compile(r"['’]s$", re.I)
_CONNECTORS = frozenset(str(w) for w in lexicons.default().words["name_connectors"])
_FUNCTION = frozenset(lexicons.default().word_set("question_english"))
_DETERMINERS = frozenset(str(w) for w in lexicons.default().words["determiners"])


def _norm(token: str) -> str:
    return _POSSESSIVE.sub("", token.strip(",")).casefold()


@dataclass(frozen=True)
class Known:
    """A name the question writes: its words (case-folded, as the question's tokens) and the
    name it stands for (the entity's, without its title)."""

    words: tuple[str, ...]
    name: str
    #: a person's mention, whose title and owner the entities stage leaves out of the name
    person: bool = False


@dataclass(frozen=True)
class QuestionNames:
    """The names the entities stage (``tagged``) and the lexicons (``typed``: names in
    lower case) find in a question."""

    tagged: tuple[Known, ...] = ()
    typed: tuple[Known, ...] = ()
    #: descriptions the entities stage links to a person the question names ("Did Syrian
    #: President Bashar al-Assad flee, and did the Syrian president ...")
    described: tuple[Known, ...] = ()
    #: the question with its names typed in lower case written as names ("did Hezbollah
    #: abandon Assad"): what the parse and the rest of the reader read
    text: str = ""

    def runs(self, tokens: Sequence[str], capitalised: list[Run]) -> list[Run]:
        """The name runs of ``tokens``: the linked descriptions as their person, each other
        capitalised run as the entities stage names it (:meth:`_named`), and the names typed
        in lower case outside them."""
        out = _matches(tokens, self.described)
        taken = {k for s, e, _ in out for k in range(s, e)}
        out += [self._named(tokens, r) for r in capitalised if not taken & set(range(*r[:2]))]
        covered = taken | {k for s, e, _ in capitalised for k in range(s, e)}
        out.extend(r for r in _matches(tokens, self.typed) if not covered & set(range(*r[:2])))
        return sorted(out)

    def _named(self, tokens: Sequence[str], run: Run) -> Run:
        s, e, _ = run
        words = [_norm(t) for t in tokens[s:e]]
        for start in range(e - s):
            hit = next((k for k in self.tagged if k.words == tuple(words[start:])), None)
            if hit is None:
                continue
            if start and not (hit.person and all(map(self._before_name, tokens[s : s + start]))):
                return run
            if start and _norm(tokens[s + start - 1]) in _CONNECTORS:
                return run
            suffix = "'s" if _POSSESSIVE.search(tokens[e - 1]) else ""
            return s, e, hit.name + suffix
        return run

    def _before_name(self, token: str) -> bool:
        """Whether a word before a name in one run is its title or owner: a title word, a
        possessive, a country word, or a name the entities stage found."""
        word = _norm(token)
        lex = lexicons.default()
        return (
            is_title_word(lex, word)
            or bool(_POSSESSIVE.search(token))
            or resolver(lex).country_code(token.strip(",")) is not None
            or any(k.words == (word,) for k in self.tagged)
        )

    def inside(self, tokens: Sequence[str], at: int) -> bool:
        """Whether ``tokens[at]`` lies inside (not at an edge of) a name the entities stage
        found ("of" in "the Ministry of Defence")."""
        return any(s < at < e - 1 for s, e, _ in _matches(tokens, self.tagged))


def _matches(tokens: Sequence[str], known: Sequence[Known]) -> list[Run]:
    """The known names in ``tokens``, longest first, left to right."""
    words = [_norm(t) for t in tokens]
    out: list[Run] = []
    i = 0
    while i < len(words):
        hits = [k for k in known if tuple(words[i : i + len(k.words)]) == k.words]
        if not hits:
            i += 1
            continue
        best = max(hits, key=lambda k: len(k.words))
        out.append((i, i + len(best.words), best.name))
        i += len(best.words)
    return out


def _usable(words: list[str]) -> bool:
    """A tagged mention the question's words bear out (see the module)."""
    if not words or words[-1].casefold() in _CONNECTORS:
        return False
    if not any(c.isupper() for w in words for c in w):
        return False
    return all(
        w[:1].isupper() or w[:1].isdigit() or w.casefold() in _CONNECTORS or "-" in w
        for w in words
        if w.casefold() not in ("the", "a", "an")
    )


def _entities(text: str) -> Document:
    """The question as the entities stage reads it: one block, parsed by the pipeline's
    spaCy model (the parse the question reader shares, :func:`.parse.parsed`; the clean
    stage has nothing to remove from one line), its sentences as the nlp stage makes them,
    then the entities stage."""
    doc = Document(article=Article(id="question", text=text), blocks=[Block(0, len(text))])
    doc.docs = [parsed(text)]
    set_sentences(doc)
    resolve_entities(lexicons.default(), doc)
    return doc


def _tagged(text: str, tokenize: Tokenizer) -> tuple[tuple[Known, ...], tuple[Known, ...]]:
    """The entities stage's names in ``text``, each mention (title included) to the
    entity's name, and the descriptions it links to one."""
    doc = _entities(text)
    named: list[Known] = []
    described: list[Known] = []
    for entity in doc.entities:
        for m in entity.mentions:
            words = tokenize(m.text)
            description = m.kind == "description"
            if m.kind == "pronoun" or not words or not (description or _usable(words)):
                continue
            lead = 1 if words[0].casefold() in ("the", "a", "an") else 0
            known = Known(
                tuple(_norm(w) for w in words[lead:]), entity.canonical, entity.type == "PERSON"
            )
            (described if description else named).append(known)
    return tuple(named), tuple(described)


def _lexicon_name(phrase: str, lower: bool) -> bool:
    """Whether a phrase typed in lower case names an actor, a country or its capital, or an
    outlet the lexicons know, and may be taken for a name (see the module)."""
    words = phrase.split()
    if any(w in _FUNCTION or w in _CONNECTORS for w in (words[0], words[-1])):
        return False
    if not lower and len(words) == 1 and getAllLemmas(phrase):
        return False  # an English word ("trump", "china") in a question with capitals
    lex = lexicons.default()
    res = resolver(lex)
    return (
        res.lookup(phrase) is not None
        or res.country_code(phrase) is not None
        or lex.find_outlet(phrase) is not None
        or _metonym(phrase)
    )


def _metonym(phrase: str) -> bool:
    """Whether the phrase is a metonym of the actor dictionary as a whole ("kremlin",
    "white house"), not sector words ("army")."""
    code = resolver(lexicons.default()).resolve_phrase(phrase)
    return code is not None and code.name is not None and code.name.casefold() == phrase


def _cased(words: Sequence[str]) -> str:
    """A name typed in lower case, written as a name ("al-assad" -> "al-Assad")."""
    out = []
    for w in words:
        head, sep, rest = w.partition("-")
        if sep and head in _CONNECTORS:
            out.append(f"{head}-{rest[:1].upper()}{rest[1:]}")
        elif w in _CONNECTORS:
            out.append(w)
        else:
            out.append(w[:1].upper() + w[1:])
    return " ".join(out)


def _no_word(tokens: list[str], i: int) -> bool:
    """In a question typed all in lower case, whether ``tokens[i]`` is a name no lexicon has:
    no English word (lemminflect knows none of its lemmas, nor is it a function word), one
    word of letters, and not after a determiner, a possessive or a country word ("an israeli
    airstrike")."""
    word = _norm(tokens[i])
    before = _norm(tokens[i - 1]) if i else ""
    return (
        word.isalpha()
        and word not in _FUNCTION
        and word not in lexicons.default().function_words
        and not getAllLemmas(word)
        and before not in _DETERMINERS
        and resolver(lexicons.default()).country_code(before) is None
        and not (i and _POSSESSIVE.search(tokens[i - 1]))
    )


def _typed(tokens: list[str]) -> tuple[Known, ...]:
    """The names typed in lower case among the question's words, longest first."""
    lower = not any(c.isupper() for t in tokens for c in t)
    out: list[Known] = []
    for i in range(len(tokens)):
        for j in range(min(len(tokens), i + MAX_LOWER_WORDS), i, -1):
            span = tokens[i:j]
            if any(c.isupper() for t in span for c in t) or any("," in t for t in span):
                continue
            words = [_norm(t) for t in span]
            if _lexicon_name(" ".join(words), lower) or (
                j == i + 1 and lower and _no_word(tokens, i)
            ):
                out.append(Known(tuple(words), _cased(words)))
                break
    return tuple(out)


def _written(text: str, typed: Sequence[Known]) -> str:
    """``text`` with each name typed in lower case written as its name."""
    for known in sorted(typed, key=lambda k: -len(k.words)):
        words = r"\s+".join(re.escape(w) for w in known.words)
        text = re.sub(rf"(?<![\w-]){words}(?=['’]s\b|(?![\w-]))", known.name, text)
    return text


@lru_cache(maxsize=1024)
def question_names(text: str, tokenize: Tokenizer) -> QuestionNames:
    """The names in a question (``tokenize``: how the question reader cuts it into words):
    first those typed in lower case, written as names, then the entities stage's on the
    question so written."""
    typed = _typed(tokenize(text))
    written = _written(text, typed)
    named, described = _tagged(written, tokenize)
    return QuestionNames(named, typed, described, written)
