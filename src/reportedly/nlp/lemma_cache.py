"""A rule (or lookup) lemmatizer whose lemmas are kept per word form.

spaCy's rule lemmatizer makes a Token object for every token and asks for its lemma;
a base form ("said" as a past tense is not one, "officials" neither, but every singular
noun is) is worked out again each time it occurs. The lemma it gives is a function of
the word (ORTH), its part of speech and its morphology, what spaCy keys its own cache
by: :class:`LemmaCache` keeps each one it was given under that key and sets a doc's
lemmas from one column, asking the lemmatizer only for the forms it has not seen.
The docs come out as the lemmatizer makes them (tokens that have a lemma keep it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: The modes whose lemma is a function of (ORTH, POS, MORPH).
MODES = ("rule", "lookup")


class LemmaCache:
    """A lemmatizer that does not overwrite, with the lemmas it gave kept."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.lemmas: dict[tuple[int, int, int], int] = {}

    @staticmethod
    def applies(proc: Any) -> bool:
        """``proc`` is a spaCy Lemmatizer of a :data:`MODES` mode, not overwriting lemmas,
        and (if a subclass) not lemmatizing in a way of its own."""
        from spacy.pipeline import Lemmatizer

        if not isinstance(proc, Lemmatizer) or proc.overwrite or proc.mode not in MODES:
            return False
        own = getattr(type(proc), f"{proc.mode}_lemmatize")
        return bool(own is getattr(Lemmatizer, f"{proc.mode}_lemmatize"))

    def __call__(self, doc: Doc) -> Doc:
        """What the lemmatizer does to ``doc``."""
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not getattr(self.lemmatizer, "_validated", True) or not len(doc):
            done: Doc = self.lemmatizer(doc)  # it checks its tables first
            return done
        table: Any = doc.to_array([ORTH, POS, MORPH, LEMMA])
        rows: list[list[int]] = table.reshape(-1, 4).tolist()
        strings = doc.vocab.strings
        lemmas: list[int] = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if not lemma:
                key = (orth, pos, morph)
                lemma = self.lemmas.get(key, 0)
                if not lemma:
                    lemma = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                    if pos:  # without one, spaCy warns each time
                        self.lemmas[key] = lemma
            lemmas.append(lemma)
        column: Any = np.array(lemmas, dtype=np.uint64).reshape(-1, 1)
        doc.from_array([LEMMA], column)
        return doc
