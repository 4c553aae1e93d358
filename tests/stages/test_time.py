"""The time stage: normalise() on its own, then the stage on a short article we wrote."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reportedly.stages.time  # noqa: F401  (registers the "time" stage)
from reportedly.pipeline import STAGES, Pipeline
from reportedly.read import load_article
from reportedly.text.dates import normalise, published_date

PUB = date(2024, 12, 8)  # a Sunday: the day Damascus fell


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        # weekdays: the most recent one on or before publication
        ("on Friday", "2024-12-06", "day"),
        ("Friday", "2024-12-06", "day"),
        ("Friday's", "2024-12-06", "day"),
        ("Sunday morning", "2024-12-08", "day"),
        ("Sunday", "2024-12-08", "day"),
        ("early Sunday", "2024-12-08", "day"),
        ("Friday at 3 p.m.", "2024-12-06", "day"),
        ("last Sunday", "2024-12-01", "day"),
        ("this past Friday", "2024-12-06", "day"),
        ("next Friday", "2024-12-13", "day"),
        # days around publication
        ("yesterday", "2024-12-07", "day"),
        ("today", "2024-12-08", "day"),
        ("tomorrow", "2024-12-09", "day"),
        ("yesterday afternoon", "2024-12-07", "day"),
        ("this morning", "2024-12-08", "day"),
        ("last night", "2024-12-07", "day"),
        ("the day before yesterday", "2024-12-06", "day"),
        # calendar weeks, months and years
        ("last week", "2024-W48", "week"),
        ("this week", "2024-W49", "week"),
        ("next week", "2024-W50", "week"),
        ("over the weekend", "2024-W49", "week"),
        ("last month", "2024-11", "month"),
        ("next month", "2025-01", "month"),
        ("earlier this month", "2024-12", "month"),
        ("late last month", "2024-11", "month"),
        ("last year", "2023", "year"),
        ("last year's", "2023", "year"),
        ("earlier this year", "2024", "year"),
        # counted back
        ("two days ago", "2024-12-06", "day"),
        ("three weeks ago", "2024-W46", "week"),
        ("two months ago", "2024-10", "month"),
        ("a year ago", "2023", "year"),
        # absolute
        ("in 2016", "2016", "year"),
        ("2016", "2016", "year"),
        ("early 2016", "2016", "year"),
        ("December 2024", "2024-12", "month"),
        ("Dec. 2024", "2024-12", "month"),
        ("mid-December", "2024-12", "month"),
        ("in March", "2024-03", "month"),
        ("6 December", "2024-12-06", "day"),
        ("December 6", "2024-12-06", "day"),
        ("December 6th", "2024-12-06", "day"),
        ("the 6th of December", "2024-12-06", "day"),
        ("Dec. 6, 2024", "2024-12-06", "day"),
        ("Friday, December 6, 2024", "2024-12-06", "day"),
        ("the morning of December 6", "2024-12-06", "day"),
        ("the first of December", "2024-12-01", "day"),
        ("twenty-first of December", "2024-12-21", "day"),
        ("Dec 6 2024 10:00 GMT", "2024-12-06", "day"),
        ("December 25", "2024-12-25", "day"),  # 17 days ahead: still this year
        ("Christmas Day 2023", "2023-12-25", "day"),
        ("2024-12-06", "2024-12-06", "day"),
        ("25/12/2024", "2024-12-25", "day"),
    ],
)
def test_normalise(text: str, value: str, precision: str) -> None:
    assert normalise(text, PUB) == (value, precision)


def test_day_and_month_far_ahead_is_last_year() -> None:
    assert normalise("December 28", date(2024, 1, 10)) == ("2023-12-28", "day")
    assert normalise("February 15", date(2024, 1, 10)) == ("2024-02-15", "day")
    assert normalise("December", date(2024, 1, 10)) == ("2023-12", "month")


@pytest.mark.parametrize(
    "text",
    [
        "14-year-long",
        "for over 50 years",
        "50 years",
        "over 50 years",
        "decades",
        "a decade",
        "two days",
        "50-year-old",
        "the age of 50",
        "the past week",
        "recent days",
        "the past few days",
        "a few days ago",
        "every Friday",
        "the 1990s",
        "2015-16",
        "Friday and Saturday",
        "between 2015 and 2016",
        "two days later",
        "the following week",
        "3 p.m.",
        "the 8th",
        "06/12/2024",  # June or December: not guessed
        "",
        "the",
    ],
)
def test_not_a_point_in_time(text: str) -> None:
    assert normalise(text, PUB) is None


def test_without_publication_date_only_absolute_dates() -> None:
    assert normalise("in 2016", None) == ("2016", "year")
    assert normalise("Dec. 2024", None) == ("2024-12", "month")
    assert normalise("Dec. 6, 2024", None) == ("2024-12-06", "day")
    for text in ("on Friday", "last week", "yesterday", "6 December", "March", "two days ago"):
        assert normalise(text, None) is None, text


def test_dateparser_reads_what_our_rules_do_not() -> None:
    assert normalise("2024 December 6", PUB) == ("2024-12-06", "day")
    assert normalise("20 Dec 24", PUB) is None  # dateparser says 1924: refused


def test_published_date() -> None:
    assert published_date("2024-12-08") == PUB
    assert published_date("2024-12-08T14:30:00+01:00") == PUB
    assert published_date(None) is None
    assert published_date("last Sunday") is None


# --- property: any value returned is a well-formed date of its precision ------------------

WORDS = st.sampled_from(
    [
        "on",
        "in",
        "last",
        "this",
        "next",
        "early",
        "the",
        "of",
        "ago",
        "Friday",
        "Sunday",
        "morning",
        "night",
        "week",
        "weekend",
        "month",
        "year",
        "years",
        "days",
        "two",
        "a",
        "December",
        "Dec.",
        "March",
        "6",
        "31",
        "29",
        "2016",
        "1999",
        "2024",
        "12/06/2024",
        "2024-02-30",
        "yesterday",
        "today",
        "Christmas",
        ",",
        "-",
        "'s",
        "999",
    ]
)


def _check_value(value: str, precision: str) -> None:
    if precision == "day":
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
        date.fromisoformat(value)
    elif precision == "week":
        m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
        assert m
        date.fromisocalendar(int(m[1]), int(m[2]), 1)
    elif precision == "month":
        m = re.fullmatch(r"(\d{4})-(\d{2})", value)
        assert m
        date(int(m[1]), int(m[2]), 1)
    else:
        assert precision == "year"
        assert re.fullmatch(r"\d{4}", value)
        date(int(value), 1, 1)


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(WORDS, min_size=1, max_size=5),
    published=st.one_of(st.none(), st.dates()),
)
def test_values_parse_back(words: list[str], published: date | None) -> None:
    found = normalise(" ".join(words), published)
    if found is not None:
        _check_value(*found)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=30), published=st.one_of(st.none(), st.dates()))
def test_any_text_is_safe(text: str, published: date | None) -> None:
    found = normalise(text, published)
    if found is not None:
        _check_value(*found)


# --- the stage -----------------------------------------------------------------------------

ARTICLE = (
    "Rebels enter the capital\n\n"
    "Rebels entered the capital on Sunday morning after a 14-year-long war. "
    "The president had met his allies on Friday, two days before he fled. "
    "Officials said the talks began last week and that the army had held the city for over "
    "50 years. The ceasefire signed on Dec. 6, 2024 did not last. The border was closed in 2016."
)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(stages=["clean", "nlp", "entities", "time"])


def test_stage_is_registered() -> None:
    info = STAGES.get("time.v1")
    assert info.requires == ("sentences",)
    assert info.assigns == ("times",)


def test_stage_on_article(pipeline: Pipeline) -> None:
    article = load_article(ARTICLE, published="2024-12-08")
    state = pipeline.run(article)
    assert "times" in state.filled
    for t in state.times:
        assert article.text[t.start : t.end] == t.text
        _check_value(t.value, t.precision)
    got = [(t.text, t.value, t.precision) for t in state.times]
    assert got == [
        ("Sunday morning", "2024-12-08", "day"),  # a TIME entity naming a day
        ("Friday", "2024-12-06", "day"),
        ("last week", "2024-W48", "week"),
        ("Dec. 6, 2024", "2024-12-06", "day"),
        ("2016", "2016", "year"),
    ]  # "14-year-long", "two days (before he fled)" and "over 50 years" are left out


def test_stage_without_publication_date(pipeline: Pipeline) -> None:
    state = pipeline.run(load_article(ARTICLE))
    assert [(t.text, t.value) for t in state.times] == [
        ("Dec. 6, 2024", "2024-12-06"),
        ("2016", "2016"),
    ]


SENTENCES = st.lists(
    st.sampled_from(
        [
            "The talks took place on Friday.",
            "He left the country last week.",
            "The war lasted for over 50 years.",
            "The deal was signed in 2016.",
            "Troops arrived on Dec. 6, 2024 in the north.",
            "The minister spoke yesterday morning.",
            "Prices rose three weeks ago.",
            "Nothing happened.",
            "They met at 3 p.m. on Tuesday.",
        ]
    ),
    min_size=1,
    max_size=4,
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sentences=SENTENCES, published=st.dates(min_value=date(1990, 1, 1)))
def test_stage_offsets_round_trip(
    pipeline: Pipeline, sentences: list[str], published: date
) -> None:
    text = "A headline about talks\n\n" + " ".join(sentences)
    article = load_article(text, published=published.isoformat())
    state = pipeline.run(article)
    for t in state.times:
        assert article.text[t.start : t.end] == t.text
        assert 0 <= t.start < t.end <= len(article.text)
        _check_value(t.value, t.precision)


SEED = Path(__file__).parent.parent / "data" / "seed_article.txt"


def test_stage_on_seed_article(pipeline: Pipeline) -> None:
    article = load_article(SEED.read_bytes(), published="2024-12-08")
    state = pipeline.run(article)
    got = [(t.text, t.value, t.precision) for t in state.times]
    assert got == [
        ("Sunday morning", "2024-12-08", "day"),  # the day Damascus fell
        ("Friday", "2024-12-06", "day"),  # Larijani's visit
        ("Friday", "2024-12-06", "day"),  # Iran's evacuation
    ]
    for t in state.times:
        assert article.text[t.start : t.end] == t.text
