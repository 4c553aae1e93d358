"""The model's attribute rules, found by table look-up.

spaCy's ``attribute_ruler`` (in en_core_web_sm: 179 patterns, mapping fine tags to
coarse ones and fixing some words' lemma or morphology) runs a Matcher that tries every
pattern at every token: a tenth of the parse's time. Almost all its patterns are one
token whose attributes must have given values (``{"TAG": "NN"}``, ``{"LOWER": "'s",
"TAG": "POS"}``, ``{"TAG": "RB", "LOWER": {"IN": ["not", "n't"]}}``). :class:`AttributeIndex`
finds those by one dictionary look-up per token and set of attributes tested, leaves the
other patterns to a Matcher of their own, and has the ruler set its annotations from the
same matches, in the ruler's order: the docs come out as the ruler makes them.

The model object is not changed (the index is built beside it): other users of the
cached model (``reportedly.nlp.model.load_model``) run it as spaCy does.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.pipeline import AttributeRuler
    from spacy.strings import StringStore
    from spacy.tokens import Doc

#: The token attributes a one-token pattern may test for equality in the table (those
#: whose ``Doc.to_array`` value is what the Matcher compares); "TEXT" is ORTH.
COLUMNS: tuple[str, ...] = ("ORTH", "LOWER", "NORM", "TAG", "DEP", "IS_SPACE")
_ALIASES = {"TEXT": "ORTH"}

#: (the ruler's match id, start, end): what its Matcher gives with ``as_spans=False``
Match = tuple[int, int, int]


@dataclass(frozen=True)
class Conditions:
    """A one-token pattern as sets of values: each ``required`` attribute must have one
    of its values, each ``excluded`` one none of its own."""

    required: dict[str, tuple[int, ...]]
    excluded: dict[str, frozenset[int]]


def _values(value: Any, strings: StringStore) -> tuple[str, tuple[int, ...]] | None:
    """("IN" or "NOT_IN", the values the Matcher compares) of a pattern's value; None for
    a comparison, a regex, a number, ..."""
    if isinstance(value, bool):
        return "IN", (int(value),)
    if isinstance(value, str):
        return "IN", (strings.add(value),)
    if isinstance(value, dict) and len(value) == 1:
        ((op, items),) = value.items()
        if op in ("IN", "NOT_IN") and all(isinstance(v, str) for v in items):
            return op, tuple(dict.fromkeys(strings.add(v) for v in items))
    return None


def conditions(tokens: Sequence[dict[str, Any]], strings: StringStore) -> Conditions | None:
    """A one-token pattern that tests only :data:`COLUMNS`, each for a value or a set
    of values (IN, NOT_IN), at least one of them not NOT_IN; else None."""
    if len(tokens) != 1:
        return None
    required: dict[str, tuple[int, ...]] = {}
    excluded: dict[str, frozenset[int]] = {}
    for key, value in tokens[0].items():
        name = key.upper() if isinstance(key, str) else ""
        name = _ALIASES.get(name, name)
        test = _values(value, strings)
        if name not in COLUMNS or test is None:
            return None
        if test[0] == "IN":
            required[name] = test[1]
        else:
            excluded[name] = frozenset(test[1])
    return Conditions(required, excluded) if required else None


#: a table entry: the match id, and the (column, values) its token must not have
_Entry = tuple[int, tuple[tuple[int, frozenset[int]], ...]]


@dataclass
class _Shape:
    """The table patterns that require the same attributes: values -> entries."""

    columns: tuple[int, ...]  # positions in AttributeIndex.names
    entries: dict[tuple[int, ...], list[_Entry]] = field(default_factory=dict)


class AttributeIndex:
    """An attribute ruler whose one-token patterns are looked up in tables."""

    def __init__(self, ruler: AttributeRuler) -> None:
        from spacy.matcher import Matcher

        self.ruler = ruler
        strings = ruler.vocab.strings
        self.names: list[str] = []
        self.shapes: dict[tuple[str, ...], _Shape] = {}
        self.rest: Matcher = Matcher(ruler.vocab, validate=False)
        rules: list[Any] = ruler.patterns
        for i, rule in enumerate(rules):
            match_id = strings.add(str(i))  # the ruler's key for rule i
            left = [tokens for tokens in rule["patterns"] if not self._index(tokens, match_id)]
            if left:
                self.rest.add(match_id, left)

    def _column(self, name: str) -> int:
        if name not in self.names:
            self.names.append(name)
        return self.names.index(name)

    def _index(self, tokens: Sequence[dict[str, Any]], match_id: int) -> bool:
        """Put a pattern in its table; False if it is not one for a table."""
        found = conditions(tokens, self.ruler.vocab.strings)
        if found is None:
            return False
        attrs = tuple(sorted(found.required))
        shape = self.shapes.get(attrs)
        if shape is None:
            shape = self.shapes[attrs] = _Shape(tuple(self._column(a) for a in attrs))
        entry = (match_id, tuple((self._column(a), v) for a, v in found.excluded.items()))
        for values in itertools.product(*(found.required[a] for a in attrs)):
            entries = shape.entries.setdefault(values, [])
            if entry not in entries:
                entries.append(entry)
        return True

    def matches(self, doc: Doc) -> list[Match]:
        """Every (match id, start, end) the ruler's Matcher finds in ``doc``."""
        found: set[tuple[int, int, int]] = set(self._looked_up(doc))
        if len(self.rest):
            found.update(self.rest(doc, allow_missing=True, as_spans=False))
        return list(found)

    def _looked_up(self, doc: Doc) -> Iterator[tuple[int, int, int]]:
        if not self.shapes or not len(doc):
            return
        from spacy.attrs import IDS

        table = doc.to_array([IDS[name] for name in self.names]).reshape(len(doc), -1)
        columns = [table[:, j].tolist() for j in range(len(self.names))]
        for shape in self.shapes.values():
            get = shape.entries.get
            for i, values in enumerate(zip(*(columns[j] for j in shape.columns), strict=True)):
                for match_id, excluded in get(values, ()):
                    if all(columns[j][i] not in out for j, out in excluded):
                        yield match_id, i, i + 1

    def __call__(self, doc: Doc) -> Doc:
        """What the ruler does to ``doc``: its matches, sorted as the ruler sorts them
        (later rules win), set by the ruler."""
        strings = self.ruler.vocab.strings
        found = sorted((int(strings[m]), m, s, e) for m, s, e in self.matches(doc))
        ruler: Any = self.ruler  # spaCy's method is untyped
        ruler.set_annotations(doc, found)
        return doc
