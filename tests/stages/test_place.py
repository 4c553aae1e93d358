"""The place stage: lookup() in the offline gazetteer, then the stage on articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reportedly.stages.place  # noqa: F401  (registers the "place" stage)
from reportedly.gazetteer import GazetteerEntry, fold, lookup
from reportedly.pipeline import STAGES, Pipeline
from reportedly.read import load_article

SEED = Path(__file__).parent.parent / "data" / "seed_article.txt"


def _get(name: str) -> GazetteerEntry:
    entry = lookup(name)
    assert entry is not None, name
    return entry


@pytest.mark.parametrize(
    ("name", "country", "kind"),
    [
        ("Damascus", "SYR", "city"),
        ("Latakia", "SYR", "city"),
        ("Tartus", "SYR", "city"),
        ("Tehran", "IRN", "city"),
        ("London", "GBR", "city"),
        ("United Arab Emirates", "ARE", "country"),
        ("the United Arab Emirates", "ARE", "country"),
        ("Syria", "SYR", "country"),
        ("Ukraine", "UKR", "country"),
        ("US", "USA", "country"),
        ("the U.S.", "USA", "country"),
        ("Britain", "GBR", "country"),
        ("UAE", "ARE", "country"),
        ("Georgia", "GEO", "country"),  # the country before the US state
        ("California", "USA", "region"),
        ("Kiev", "UKR", "city"),  # an alternate name of Kyiv
        ("Iran's", "IRN", "country"),
    ],
)
def test_lookup(name: str, country: str, kind: str) -> None:
    entry = _get(name)
    assert (entry.country, entry.kind) == (country, kind)


def test_damascus_coordinates() -> None:
    d = _get("Damascus")
    assert d.name == "Damascus"
    assert d.lat == pytest.approx(33.51, abs=0.05)
    assert d.lon == pytest.approx(36.29, abs=0.05)
    assert d.geonameid == 170654


def test_ambiguous_names_prefer_capitals() -> None:
    washington = _get("Washington")
    assert (washington.country, washington.kind) == ("USA", "city")
    assert washington.lat == pytest.approx(38.9, abs=0.1)  # D.C., not the state or the UK town
    paris = _get("Paris")
    assert paris.country == "FRA"  # not Paris, Texas
    assert _get("Washington, D.C.") == washington
    assert _get("D.C.") == washington


def test_alternate_names_rank_below_names() -> None:
    # "Cham" is an old name of Damascus, and the name of a Bavarian town
    assert _get("Cham").country == "DEU"
    assert _get("New York").name == "New York City"


def test_accent_folding_and_case() -> None:
    tartus = _get("Tartus")
    assert tartus.country == "SYR"
    for spelling in ("Ţarţūs", "Tartous", "TARTUS", "tartus", "Tartús"):
        assert lookup(spelling) == tartus, spelling
    assert fold("Ţarţūs") == "tartus"
    assert fold("Łódź") == "lodz"
    assert fold("the Hague") == "hague"
    assert fold("Washington, D.C.") == "washington dc"
    assert lookup("Bogota") == lookup("Bogotá")


@pytest.mark.parametrize("name", ["Nowhereville", "West", "was", "", "   ", "the", "Qwxz Qwxz"])
def test_unknown_names(name: str) -> None:
    assert lookup(name) is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_lookup_never_raises(name: str) -> None:
    entry = lookup(name)
    if entry is not None:
        assert entry.kind in ("city", "country", "region", "other")
        assert entry.country is None or len(entry.country) == 3


# --- the stage -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(stages=["clean", "nlp", "entities", "place"])


def test_stage_is_registered() -> None:
    info = STAGES.get("place.v1")
    assert info.requires == ("sentences", "entities", "mentions")
    assert info.assigns == ("places",)


ARTICLE = (
    "Talks in Paris\n\n"
    "Ministers from France and Germany met in Paris on Monday. "
    "The delegation later flew to the port city of Tartous and then to the United Arab Emirates, "
    "officials in Washington said. Reuters reported from London."
)


def test_stage_on_article(pipeline: Pipeline) -> None:
    article = load_article(ARTICLE, published="2024-12-08")
    state = pipeline.run(article)
    assert "places" in state.filled
    for p in state.places:
        assert article.text[p.start : p.end] == p.text
    got = [(p.text, p.country, p.kind) for p in state.places]
    assert ("France", "FRA", "country") in got
    assert ("Germany", "DEU", "country") in got
    assert ("United Arab Emirates", "ARE", "country") in got  # "the " left out of the span
    assert ("Washington", "USA", "city") in got
    assert ("London", "GBR", "city") in got
    assert ("Tartous", "SYR", "city") in got
    assert [p.text for p in state.places].count("Paris") == 2  # headline and body
    assert not any(p.text == "Reuters" for p in state.places)
    starts = [p.start for p in state.places]
    assert starts == sorted(starts)
    assert len(set(starts)) == len(starts)


def test_stage_on_seed_article(pipeline: Pipeline) -> None:
    article = load_article(SEED.read_bytes(), published="2024-12-08")
    state = pipeline.run(article)
    for p in state.places:
        assert article.text[p.start : p.end] == p.text
    by_text = {p.text: p for p in state.places}
    assert {"Damascus", "Latakia", "Tartus", "Tehran", "London", "Syria"} <= set(by_text)
    assert by_text["Tartus"].name == "Ţarţūs"
    assert by_text["Damascus"].lat == pytest.approx(33.51, abs=0.05)
    assert by_text["United Arab Emirates"].kind == "country"
    assert "Bloomberg" not in by_text  # tagged GPE by spaCy, an outlet for the entities stage
    assert "West" not in by_text


PLACES = st.lists(
    st.sampled_from(["Damascus", "Tartus", "Latakia", "Tehran", "Paris", "Kyiv", "Nowhereville"]),
    min_size=1,
    max_size=3,
)


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(names=PLACES)
def test_stage_offsets_round_trip(pipeline: Pipeline, names: list[str]) -> None:
    body = " ".join(f"Officials travelled to {n} on Monday." for n in names)
    article = load_article("A headline about travel\n\n" + body)
    state = pipeline.run(article)
    for p in state.places:
        assert article.text[p.start : p.end] == p.text
        assert p.country is None or len(p.country) == 3
