"""Claim frames (schema version 10): written at ingest from the Analysis records, filled
for the analyses of an older store when it is opened, and found by actor, target,
predicate and PLOVER type."""

from __future__ import annotations

from dataclasses import replace

import pytest

import reportedly
from reportedly.corpus.store import SCHEMA_VERSION, Store
from reportedly.corpus.store.frames import (
    FRAME_COLUMNS,
    articles_with_frames,
    frame_rows,
    lemma_forms,
    predicate_lemma,
)
from reportedly.records import Analysis

HARBOUR = """Harbour talks end without a deal

Harbour officials met the Velmar delegation in Portsend on Tuesday.

Mayor Ilse Tannberg said the port authority had not fined the shipping company Nordwake.
Police arrested two dockworkers after the protest, the ministry said.
"""

ORCHARD = """Orchard growers count the cost of the frost

Growers in the Lindholm valley said the late frost destroyed half of the apple blossom.
Farm minister Oskar Vell promised compensation for the orchards on Friday.
"""


@pytest.fixture(scope="module")
def harbour() -> Analysis:
    a = reportedly.analyze(HARBOUR, published="2025-03-04", outlet="Coast Post")
    return replace(a, article=replace(a.article, id="harbour"))


@pytest.fixture(scope="module")
def orchard() -> Analysis:
    a = reportedly.analyze(ORCHARD, published="2025-03-05", outlet="Valley News")
    return replace(a, article=replace(a.article, id="orchard"))


def _frames(a: Analysis) -> list[dict[str, object]]:
    return [dict(zip(FRAME_COLUMNS, r, strict=True)) for r in frame_rows(a)]


def test_event_frames_carry_the_event(harbour: Analysis) -> None:
    met = [f for f in _frames(harbour) if f["plover"] == "CONSULT"]
    assert met, _frames(harbour)
    assert "meet" in {f["predicate"] for f in met}  # "met", by the irregular table
    assert all(f["modality"] == "asserted" and f["negated"] == 0 for f in met)


def test_own_frames_read_the_claim_words(harbour: Analysis) -> None:
    frames = _frames(harbour)
    fined = [f for f in frames if f["predicate"] in lemma_forms("fine")]
    assert fined, frames
    # "had not fined": the claim is negated, its target the company, "had" is skipped
    assert all(f["negated"] == 1 for f in fined)
    assert any(f["target_key"] == "nordwake" for f in fined)
    assert any("company" in str(f["objects"]).split() for f in fined)


def test_lemmas_and_forms_are_inverse() -> None:
    assert predicate_lemma("Met") == "meet"
    for lemma, form in [("meet", "met"), ("fine", "fined"), ("arrest", "arrested")]:
        assert form in lemma_forms(lemma)
        assert predicate_lemma(form) in {lemma, form}
    assert "stopped" in lemma_forms("stop")
    assert "denied" in lemma_forms("deny")


def test_frames_are_stored_at_ingest(
    store_location: str, harbour: Analysis, orchard: Analysis
) -> None:
    with Store(store_location) as store:
        assert store.add(harbour)
        assert store.add(orchard)
        cols = ", ".join(FRAME_COLUMNS)
        for a in (harbour, orchard):
            got = store.backend.rows(
                f"SELECT {cols} FROM claim_frames WHERE article_id = ? ORDER BY claim_id, frame",
                [a.article.id],
            )
            want = sorted(frame_rows(a), key=lambda r: (r[1], r[2]))
            assert [tuple(r[c] for c in FRAME_COLUMNS) for r in got] == want
        # found by their actor and action, not by a name alone
        ids = ["harbour", "orchard"]
        by_action = articles_with_frames(
            store.backend, ids, keys=["police"], predicates=sorted(lemma_forms("arrest"))
        )
        assert set(by_action) == {"harbour"}
        by_family = articles_with_frames(
            store.backend, ids, keys=["harbour officials"], families=["CONSULT"]
        )
        assert set(by_family) == {"harbour"}
        as_target = articles_with_frames(
            store.backend,
            ids,
            keys=["nordwake"],
            predicates=sorted(lemma_forms("fine")),
            role="target",
        )
        assert set(as_target) == {"harbour"}
        assert not articles_with_frames(
            store.backend, ids, keys=["nordwake"], predicates=sorted(lemma_forms("promise"))
        )


def test_an_older_store_gets_its_frames(store_location: str, harbour: Analysis) -> None:
    """A version-9 store (no claim_frames) is filled from its analyses when opened."""
    with Store(store_location) as store:
        assert store.add(harbour)
        db = store.backend
        db.execute("DROP TABLE claim_frames")
        if store.is_postgres:
            db.execute("UPDATE reportedly_meta SET value = '9' WHERE key = 'schema_version'")
        else:
            db.execute("PRAGMA user_version=9")
    with Store(store_location) as store:
        assert store.version == SCHEMA_VERSION >= 10
        n = store.backend.values("SELECT count(*) FROM claim_frames")[0]
        assert n == len(frame_rows(harbour)) > 0


def test_postgres_runs_without_jit(store_location: str) -> None:
    """The store's short look-ups are not compiled (PostgreSQL only)."""
    with Store(store_location) as store:
        if not store.is_postgres:
            pytest.skip("a PostgreSQL setting")
        assert store.backend.values("SHOW jit") == ["off"]
