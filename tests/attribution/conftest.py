"""A sentence read up to the attribute stage's input, for testing its passes one at a time.

``read(text)`` runs the default pipeline on ``text`` and gives the lexicons and the document:
the passes read only the layers the attribute stage requires (sentences, entities,
mentions) and the parse, so the later layers in the document do not matter to them.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

import reportedly
from reportedly.lexicons import Lexicons
from reportedly.nlp.doc import Document, Unit
from reportedly.pipeline import Pipeline, default_config
from reportedly.read import load_article
from reportedly.stages.attribution.chains import unit_chains
from reportedly.stages.attribution.frames import sentence_frames
from reportedly.stages.attribution.units import cut_units


@pytest.fixture(scope="module")
def read() -> Callable[[str], tuple[Lexicons, Document]]:
    config = default_config()
    pipe = Pipeline.from_config(config)
    lexicons = Lexicons.load(config["lexicons"])

    def run(text: str) -> tuple[Lexicons, Document]:
        return lexicons, pipe.run(load_article(text, fmt="text"))

    return run


@pytest.fixture(scope="module")
def units_of() -> Callable[[Lexicons, Document], list[Unit]]:
    """Every sentence's units with their own chains, before anything is carried over."""
    return _units_of


def _units_of(lexicons: Lexicons, state: Document) -> list[Unit]:
    units: list[Unit] = []
    for si, sent in enumerate(state.sentences):
        frames = sentence_frames(lexicons, state, sent)
        cut = cut_units(lexicons, sent, si, [f for f in frames if not f.np_content])
        unit_chains(lexicons, state, sent, cut, [])
        base = len(units)
        for u in cut.units:
            if u.parent is not None:
                u.parent += base
        units.extend(cut.units)
    return units


ClaimsOf = Callable[[str], list[tuple[str, str, list[str]]]]


@pytest.fixture(scope="module")
def claims_of() -> ClaimsOf:
    """(text, status, source names) of each claim of a text analysed whole."""

    def run(text: str) -> list[tuple[str, str, list[str]]]:
        analysis = reportedly.analyze(load_article(text, fmt="text"))
        return [(c.text, c.status, [s.name for s in c.source_chain]) for c in analysis.claims]

    return run
