from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from typing import Any

import pytest

from reportedly.export import (
    GDELT_TSV_COLUMNS,
    PLOVER_QUAD,
    cameo_root_names,
    escape_field,
    events_to_gdelt_tsv,
    events_to_plover,
    goldstein,
    goldstein_table,
    quad_class,
    unescape_field,
    write_plover_jsonl,
)
from reportedly.export.gdelt import GDELT_COLUMNS, PROVENANCE_COLUMNS
from reportedly.records import (
    Actor,
    Analysis,
    Article,
    Claim,
    Event,
    Place,
    Source,
    TimeRef,
)

LEAD = "The foreign minister visited Damascus on Friday, state media said."
LATER = "Later, rebels\tattacked an army post."
TEXT = f"{LEAD}\n\n{LATER}"
ADDED = dt.datetime(2024, 12, 9, 15, 30, 0, tzinfo=dt.UTC)


def at(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def make_analysis(**article: Any) -> Analysis:
    lead_start, lead_end = at(LEAD)
    later_start, later_end = at(LATER)
    claims = [
        Claim(
            id="c1",
            text=LEAD[:-17],
            start=lead_start,
            end=lead_end - 17,
            status="reported",
            sentence_start=lead_start,
            sentence_end=lead_end,
            source_chain=[
                Source(name="Example News", kind="outlet", level=0),
                Source(name="state\nmedia", kind="organisation", level=1),
            ],
        ),
        Claim(
            id="c2",
            text=LATER,
            start=later_start,
            end=later_end,
            status="asserted",
            sentence_start=later_start,
            sentence_end=later_end,
        ),
    ]
    vs, ve = at("visited")
    ds, de = at("Damascus")
    fs, fe = at("on Friday")
    ms, me = at("foreign minister")
    visit = Event(
        id="v1",
        claim="c1",
        text="visited",
        start=vs,
        end=ve,
        actor=Actor(
            name="Foreign\tMinister",
            text="foreign minister",
            start=ms,
            end=me,
            country="FRA",
            sector="GOV",
        ),
        target=Actor(name="Syria", country="SYR", sector="GOV", code="SYRGOV"),
        intermediary=Actor(name="United Arab Emirates", country="ARE"),
        plover="CONSULT",
        mode="visit",
        cameo="042",
        status="reported",
        time=TimeRef(text="on Friday", start=fs, end=fe, value="2024-12-06", precision="day"),
        place=Place(
            name="Damascus",
            text="Damascus",
            start=ds,
            end=de,
            country="SYR",
            lat=33.5102,
            lon=36.2913,
            kind="city",
            geonameid=170654,
        ),
        sentence_start=lead_start,
        sentence_end=lead_end,
    )
    as_, ae = at("attacked")
    attack = Event(
        id="v2",
        claim="c2",
        text="attacked",
        start=as_,
        end=ae,
        actor=Actor(name="rebels", text="rebels", sector="REB"),
        target=Actor(name="army post", sector="MIL"),
        plover="ASSAULT",
        cameo="190",
        time=TimeRef(
            text="Later", start=later_start, end=later_start + 5, value="2024-12", precision="month"
        ),
        sources=[Source(name="Witness", kind="person", level=1)],
        sentence_start=later_start,
        sentence_end=later_end,
    )
    fields: dict[str, Any] = {
        "published": "2024-12-08",
        "url": "https://example.org/news/1",
        "outlet": "Example News",
        "title": "Minister visits",
        "language": "en",
    }
    fields.update(article)
    return Analysis(article=Article(text=TEXT, **fields), claims=claims, events=[visit, attack])


def export_tsv(*analyses: Analysis) -> tuple[int, list[str]]:
    out = io.StringIO()
    n = events_to_gdelt_tsv(list(analyses), out, added=ADDED, header=True, provenance=True)
    value = out.getvalue()
    assert value.endswith("\n")
    return n, value[:-1].split("\n")


def rows(lines: list[str]) -> list[dict[str, str]]:
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]


# --------------------------------------------------------------------------- GDELT TSV


def test_tsv_header_and_one_row_per_event_with_every_column() -> None:
    n, lines = export_tsv(make_analysis(), make_analysis(url=None))
    assert n == 4
    assert lines[0].split("\t") == list(GDELT_TSV_COLUMNS)
    assert GDELT_TSV_COLUMNS[: len(GDELT_COLUMNS)] == GDELT_COLUMNS
    assert GDELT_TSV_COLUMNS[-len(PROVENANCE_COLUMNS) :] == PROVENANCE_COLUMNS
    assert len(lines) == 1 + n
    for line in lines:
        assert len(line.split("\t")) == len(GDELT_TSV_COLUMNS)
    ids = [r["GLOBALEVENTID"] for r in rows(lines)]
    assert ids == ["1", "2", "3", "4"]


def test_tsv_escapes_tabs_and_newlines_in_text_fields() -> None:
    _, lines = export_tsv(make_analysis())
    first, second = rows(lines)
    assert first["Actor1Name"] == "Foreign\\tMinister"
    assert unescape_field(first["Actor1Name"]) == "Foreign\tMinister"
    assert first["Sources"] == "Example News > state\\nmedia"  # the claim's chain
    assert second["Sources"] == "Witness"  # the event's own sources win
    assert escape_field("a\\b\r\u2028c") == "a\\\\b\\r\\u2028c"
    assert unescape_field(escape_field("a\\tb\t\n\x0b")) == "a\\tb\t\n\x0b"
    assert escape_field(None) == ""


def test_tsv_gdelt_fields() -> None:
    _, lines = export_tsv(make_analysis())
    visit, attack = rows(lines)
    assert visit["SQLDATE"] == "20241206"  # the event's day
    assert visit["MonthYear"] == "202412"
    assert visit["Year"] == "2024"
    assert visit["FractionDate"] == f"{2024 + (11 * 30 + 6) / 365:.4f}"
    assert attack["SQLDATE"] == "20241208"  # month precision: the publication date
    assert visit["Actor1Code"] == "FRAGOV"
    assert visit["Actor1CountryCode"] == "FRA"
    assert visit["Actor1Type1Code"] == "GOV"
    assert visit["Actor2Code"] == "SYRGOV"
    assert visit["Actor2Name"] == "Syria"
    assert attack["Actor1Code"] == "REB"
    assert attack["Actor1CountryCode"] == ""
    assert (visit["EventCode"], visit["EventBaseCode"], visit["EventRootCode"]) == (
        "042",
        "042",
        "04",
    )
    assert visit["IsRootEvent"] == "1"
    assert attack["IsRootEvent"] == "0"
    assert visit["ActionGeo_Type"] == "4"  # a city outside the US
    assert visit["ActionGeo_FullName"] == "Damascus"
    assert visit["ActionGeo_CountryCode"] == "SY"  # FIPS 10-4, as GDELT's geo fields
    assert visit["ActionGeo_ADM1Code"] == ""  # a city: no ADM1 known
    assert float(visit["ActionGeo_Lat"]) == pytest.approx(33.5102)
    assert visit["ActionGeo_FeatureID"] == "170654"
    assert attack["ActionGeo_Type"] == ""
    assert visit["DATEADDED"] == "20241209153000"
    assert visit["SOURCEURL"] == "https://example.org/news/1"
    assert visit["AvgTone"] == ""
    assert (visit["NumMentions"], visit["NumSources"], visit["NumArticles"]) == ("1", "1", "1")
    assert visit["ClaimID"] == "c1"
    assert visit["Status"] == "reported"
    assert visit["EventText"] == "visited"
    assert visit["PloverType"] == "CONSULT"
    assert visit["PloverMode"] == "visit"
    assert visit["Intermediary"] == "United Arab Emirates"
    assert int(visit["SentenceStart"]) == 0
    assert int(visit["SentenceEnd"]) == len(LEAD)


@pytest.mark.parametrize(
    ("cameo", "quad", "score"),
    [
        ("010", 1, 0.0),
        ("042", 1, 1.0),
        ("057", 1, 3.5),
        ("0874", 2, 5.0),
        ("073", 2, 7.0),
        ("112", 3, -2.0),
        ("130", 3, -6.0),
        ("141", 4, -6.5),
        ("190", 4, -10.0),
        ("204", 4, -10.0),
    ],
)
def test_quad_class_and_goldstein_come_from_the_root(cameo: str, quad: int, score: float) -> None:
    assert quad_class(cameo) == quad
    assert goldstein(cameo) == score
    analysis = make_analysis()
    analysis.events[0].cameo = cameo
    _, lines = export_tsv(analysis)
    row = rows(lines)[0]
    assert row["QuadClass"] == str(quad)
    assert float(row["GoldsteinScale"]) == score
    assert row["EventRootCode"] == cameo[:2]


def test_events_without_cameo_leave_code_columns_empty() -> None:
    analysis = make_analysis()
    analysis.events[0].cameo = None
    row = rows(export_tsv(analysis)[1])[0]
    assert row["EventCode"] == row["QuadClass"] == row["GoldsteinScale"] == ""
    assert quad_class(None) is None
    assert goldstein("99") is None


def test_goldstein_table_covers_every_root() -> None:
    table = goldstein_table()
    assert sorted(table) == [f"{i:02d}" for i in range(1, 21)]
    assert all(-10.0 <= v <= 10.0 for v in table.values())
    assert table["07"] > 0 > table["18"]
    assert cameo_root_names()["04"] == "CONSULT"


def test_repeated_events_count_as_mentions() -> None:
    analysis = make_analysis()
    analysis.events.append(dataclasses.replace(analysis.events[0], id="v3"))  # said again
    visit, _, again = rows(export_tsv(analysis)[1])
    assert visit["NumMentions"] == again["NumMentions"] == "2"


def test_no_events_gives_only_the_header() -> None:
    n, lines = export_tsv(Analysis(article=Article(text="Nothing happened.")))
    assert n == 0
    assert len(lines) == 1


# --------------------------------------------------------------------------- PLOVER JSON

PLOVER_FIELDS = {
    "id",
    "date",
    "actor",
    "source",
    "recipient",
    "event",
    "mode",
    "context",
    "event_text",
    "event_loc",
    "quad_code",
    "event_scale",
    "text",
    "text_info",
    "cite_info",
    "coder",
    "provenance",
}


def test_plover_records_round_trip_through_json_and_carry_the_field_names() -> None:
    records = events_to_plover([make_analysis()])
    assert len(records) == 2
    assert json.loads(json.dumps(records)) == records
    for record in records:
        assert set(record) >= PLOVER_FIELDS
    visit, attack = records
    analysis = make_analysis()
    assert visit["id"] == f"{analysis.article.id}-v1"
    assert visit["date"] == "2024-12-06"
    assert attack["date"] == "2024-12-08"
    assert visit["event"] == ["CONSULT"]
    assert visit["mode"] == ["visit"]
    assert visit["context"] == []
    assert visit["actor"][0]["code"] == "FRA"
    assert visit["actor"][0]["sector"] == "GOV"
    assert visit["actor"][0]["actor_text"] == "foreign minister"
    assert visit["source"] == visit["actor"]  # the spec table's older name, same list
    assert visit["recipient"][0]["code"] == "SYR"
    assert visit["recipient"][0]["actor_code"] == "SYRGOV"
    assert visit["event_text"] == ["visited"]
    assert visit["event_loc"]["name"] == "Damascus"
    assert visit["event_loc"]["cc3"] == "SYR"
    assert visit["event_loc"]["country code"] == "SY"
    assert visit["event_loc"]["latitude"] == pytest.approx(33.5102)
    assert visit["quad_code"] == 1
    assert visit["event_scale"] == 1.0
    assert attack["quad_code"] == 4
    assert attack["event_scale"] == -10.0
    assert visit["cameo"] == "042"
    assert visit["intermediary"][0]["identifier_text"] == "United Arab Emirates"
    assert visit["text"] == LEAD
    assert visit["text_info"] == {"start": 0, "end": len(LEAD)}
    assert visit["cite_info"]["url"] == "https://example.org/news/1"
    assert visit["coder"].startswith("reportedly ")
    prov = visit["provenance"]
    assert prov["claim_id"] == "c1"
    assert prov["status"] == "reported"
    assert prov["polarity"] == "positive"
    assert prov["source_chain"] == "Example News > state\nmedia"
    assert [s["level"] for s in prov["sources"]] == [0, 1]
    assert (prov["sentence_start"], prov["sentence_end"]) == (0, len(LEAD))
    assert TEXT[prov["event_start"] : prov["event_end"]] == "visited"
    assert attack["provenance"]["source_chain"] == "Witness"
    assert attack["actor"][0]["code"] is None
    assert attack["actor"][0]["sector"] == "REB"
    assert attack["mode"] == []


def test_plover_quad_uses_the_plover_type_first() -> None:
    analysis = make_analysis()
    analysis.events[0].plover = "REQUEST"
    analysis.events[0].cameo = "042"  # CAMEO says quad 1; PLOVER REQUEST is verbal conflict
    analysis.events[1].plover = None
    analysis.events[1].cameo = "073"
    visit, attack = events_to_plover([analysis])
    assert visit["quad_code"] == PLOVER_QUAD["REQUEST"] == 3
    assert attack["quad_code"] == 2
    assert attack["event"] == []


def test_plover_without_text_and_as_json_lines() -> None:
    records = events_to_plover([make_analysis()], include_text=False)
    assert all("text" not in r for r in records)
    out = io.StringIO()
    n = write_plover_jsonl([make_analysis(), make_analysis()], out)
    lines = out.getvalue().splitlines()
    assert n == len(lines) == 4
    assert [json.loads(line)["id"] for line in lines][:2] == [r["id"] for r in records]


def test_plover_record_for_a_bare_event() -> None:
    article = Article(text="Talks were held.")
    bare = Event(id="v1", claim="missing", text="held", start=11, end=15)
    (record,) = events_to_plover([Analysis(article=article, events=[bare])])
    assert record["actor"] == record["source"] == []
    assert record["recipient"] == []
    assert record["event"] == []
    assert record["date"] is None
    assert record["quad_code"] is None
    assert record["provenance"]["sources"] == []
    assert record["provenance"]["direct_quote"] is None
    assert json.loads(json.dumps(record)) == record
