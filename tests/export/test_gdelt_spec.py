"""The GDELT export against the GDELT 2.0 event codebook: 61 columns in its order, no
header unless asked, FractionDate as GDELT's files have it, FIPS codes in geo fields."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from reportedly.export.gdelt import (
    COLUMNS,
    GDELT_COLUMNS,
    PROVENANCE_COLUMNS,
    columns,
    events_to_gdelt_tsv,
    fips_country,
    fraction_date,
)
from reportedly.records import Actor, Analysis, Article, Event, Place

#: The codebook's fields, in order (GDELT 2.0 Event Codebook, "Event table").
CODEBOOK_ORDER = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
]

ADDED = dt.datetime(2025, 3, 4, 10, 0, 0, tzinfo=dt.UTC)


def one_event(published: str = "2019-01-25", place: Place | None = None) -> Analysis:
    text = "Germany's chancellor met the Turkish president in Ankara."
    event = Event(
        id="v1",
        claim="c1",
        text="met",
        start=text.index("met"),
        end=text.index("met") + 3,
        actor=Actor(name="Germany's chancellor", country="DEU", sector="GOV"),
        target=Actor(name="the Turkish president", country="TUR", sector="GOV"),
        plover="CONSULT",
        cameo="040",
        place=place,
        sentence_start=0,
        sentence_end=len(text),
    )
    return Analysis(
        article=Article(text=text, published=published, url="https://example.org/a"),
        events=[event],
    )


def test_the_columns_are_the_codebooks_61_in_its_order() -> None:
    assert len(CODEBOOK_ORDER) == 61
    assert list(GDELT_COLUMNS) == CODEBOOK_ORDER
    assert columns() == GDELT_COLUMNS
    assert columns(provenance=True) == COLUMNS == GDELT_COLUMNS + PROVENANCE_COLUMNS


def test_rows_have_61_cells_and_no_header_unless_asked() -> None:
    out = io.StringIO()
    assert events_to_gdelt_tsv([one_event()], out, added=ADDED) == 1
    lines = out.getvalue().splitlines()
    assert len(lines) == 1  # GDELT's files have no header row
    cells = lines[0].split("\t")
    assert len(cells) == 61
    assert cells[0] == "1"
    assert cells[-1] == "https://example.org/a"
    assert cells[GDELT_COLUMNS.index("SQLDATE")] == "20190125"

    out = io.StringIO()
    events_to_gdelt_tsv([one_event()], out, added=ADDED, header=True, provenance=True)
    head, row = out.getvalue().splitlines()
    assert head.split("\t") == list(COLUMNS)
    assert len(row.split("\t")) == len(COLUMNS)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2019, 1, 25), "2019.0685"),  # a row of GDELT's own files
        (dt.date(2015, 2, 18), "2015.1315"),
        (dt.date(2024, 1, 1), "2024.0027"),
        (dt.date(2024, 12, 31), "2024.9890"),
    ],
)
def test_fraction_date_as_gdelt_computes_it(day: dt.date, expected: str) -> None:
    assert fraction_date(day) == expected


def test_fraction_date_stays_inside_its_year_in_the_rows() -> None:
    out = io.StringIO()
    events_to_gdelt_tsv([one_event("2024-12-08")], out, added=ADDED)
    cells = out.getvalue().rstrip("\n").split("\t")
    assert cells[GDELT_COLUMNS.index("FractionDate")].startswith("2024.")


@pytest.mark.parametrize(
    ("iso", "fips"),
    [("SYR", "SY"), ("DEU", "GM"), ("GBR", "UK"), ("TUR", "TU"), ("IRQ", "IZ"), ("DE", "GM")],
)
def test_fips_codes_from_iso(iso: str, fips: str) -> None:
    assert fips_country(iso) == fips


def test_unknown_country_has_no_fips_code() -> None:
    assert fips_country("XXX") is None
    assert fips_country(None) is None


def test_geo_fields_carry_fips_codes() -> None:
    ankara = Place(
        name="Ankara", text="Ankara", start=0, end=6, country="TUR", lat=39.92, kind="city"
    )
    turkey = Place(name="Turkey", text="Turkey", start=0, end=6, country="TUR", kind="country")
    for place, adm1 in ((ankara, ""), (turkey, "TU")):
        out = io.StringIO()
        events_to_gdelt_tsv([one_event(place=place)], out, added=ADDED)
        row = dict(zip(GDELT_COLUMNS, out.getvalue().rstrip("\n").split("\t"), strict=True))
        assert row["ActionGeo_CountryCode"] == "TU"
        assert row["ActionGeo_ADM1Code"] == adm1
        assert row["Actor1CountryCode"] == "DEU"  # actor codes stay CAMEO (ISO alpha-3)
        assert row["Actor1Geo_CountryCode"] == row["Actor2Geo_CountryCode"] == ""
