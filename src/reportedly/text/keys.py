"""Name keys: the one key every name is looked up and compared by, and its transliteration.

:func:`fold_accents` turns a name into ASCII letters where it can, keeping case: letters
Unicode decomposes lose their accents ("Orbán" -> "Orban"), and the letters and marks it
does not decompose are spelt as ``lexicons/transliteration.tsv`` says ("ł" -> "l",
"’" -> "'").

:func:`name_key` is the key of a name (the corpus store's key columns, corroboration's
source names, cross-article entities, the actor dictionary and question answering all
use it): accents folded, case folded, a possessive "'s", dots and apostrophes dropped,
every other non-letter a word break, and a leading "the" dropped ("The U.S.'s" -> "us",
"Bashar al-Assad" -> "bashar al assad", "Orbán" -> "orban"). :func:`name_words` is the
same at the granularity of words as written (case kept), for the actor matcher, whose
acronym guard needs the case. (The gazetteer's place key is built on
:func:`fold_accents` too.)
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .. import lexicons

#: The transliteration table of the default lexicons (read once, at import).
TRANSLITERATION = str.maketrans(lexicons.default().transliteration)

# a word: letters and digits (any script), with the dots and apostrophes inside it (an
# underscore, which \w includes, is made a space first: the class is faster without it)
_WORD = re.compile(r"[\w.']+")


def fold_accents(text: str) -> str:
    """``text`` in ASCII letters where possible, case kept ("Łódź" -> "Lodz").

    >>> fold_accents("Recep Tayyip Erdoğan"), fold_accents("Łódź’s")
    ('Recep Tayyip Erdogan', "Lodz's")
    """
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.translate(TRANSLITERATION))
    return "".join(c for c in text if not unicodedata.combining(c))


def name_words(text: str) -> list[str]:
    """The words of a name as written: accents folded, case kept, a possessive "'s",
    dots and apostrophes dropped; anything else but a letter or digit separates words.

    >>> name_words("the U.S.'s al-Assad")
    ['the', 'US', 'al', 'Assad']
    """
    out: list[str] = []
    # "`" is ASCII, so fold_accents leaves it: spelt here as the table spells it
    text = fold_accents(text).replace("`", "'")
    if "_" in text:
        text = text.replace("_", " ")
    for m in _WORD.finditer(text):
        word = m.group()
        if len(word) > 2 and word[-2:] in ("'s", "'S"):
            word = word[:-2]
        word = word.replace(".", "").replace("'", "")
        if word:
            out.append(word)
    return out


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The key of a name: its :func:`name_words` case-folded, without a leading "the".

    >>> name_key("The U.S."), name_key("Viktor Orbán’s"), name_key("Bashar al-Assad")
    ('us', 'viktor orban', 'bashar al assad')
    """
    words = [w.casefold() for w in name_words(text)]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)
