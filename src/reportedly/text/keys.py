"""Name keys: the one transliteration every name key starts from.

:func:`fold_accents` turns a name into ASCII letters where it can, keeping case: letters
Unicode decomposes lose their accents ("Orbán" -> "Orban"), and the letters and marks it
does not decompose are spelt as ``lexicons/transliteration.tsv`` says ("ł" -> "l",
"’" -> "'"). The actor dictionary and the gazetteer build their keys on it (each then
drops what its own matching ignores: the actor tokens keep case for the acronym guard,
the gazetteer lower-cases and drops punctuation).
"""

from __future__ import annotations

import unicodedata

from .. import lexicons

#: The transliteration table of the default lexicons (read once, at import).
TRANSLITERATION = str.maketrans(lexicons.default().transliteration)


def fold_accents(text: str) -> str:
    """``text`` in ASCII letters where possible, case kept ("Łódź" -> "Lodz").

    >>> fold_accents("Recep Tayyip Erdoğan"), fold_accents("Łódź’s")
    ('Recep Tayyip Erdogan', "Lodz's")
    """
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.translate(TRANSLITERATION))
    return "".join(c for c in text if not unicodedata.combining(c))
