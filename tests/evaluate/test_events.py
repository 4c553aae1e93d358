from __future__ import annotations

import io
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from reportedly.errors import EmptyInput, MalformedInput
from reportedly.evaluate.events import (
    PLOVER_RENAMED,
    EventReport,
    PetrarchReport,
    PloverReport,
    cameo_root,
    code_matches,
    country_matches,
    evaluate_petrarch,
    evaluate_plover,
    normalize_mode,
    normalize_plover,
)
from reportedly.records import Actor, Analysis, Article, Event

AGREE_TEXT = "Hungary and Romania agreed to cooperate on refugees."
DEMAND_TEXT = "The United States demanded that Iraq allow inspectors back."
FIGHT_TEXT = "Government troops shelled rebel positions near the border."
VISIT_TEXT = "The US president visited Beijing on Monday."
EMPTY_TEXT = "China remained mum about the plan."


def actor(country: str | None, sector: str | None = None, code: str | None = None) -> Actor:
    return Actor(name=country or "someone", country=country, sector=sector, code=code)


def event(
    text: str,
    *,
    plover: str | None = None,
    cameo: str | None = None,
    mode: str | None = None,
    source: Actor | None = None,
    target: Actor | None = None,
    eid: str = "v1",
) -> Event:
    return Event(
        id=eid,
        claim="c1",
        text=text.split()[2],
        start=0,
        end=1,
        actor=source,
        target=target,
        plover=plover,
        cameo=cameo,
        mode=mode,
        sentence_start=0,
        sentence_end=len(text),
    )


Fake = Callable[..., Analysis]


def fake(events_by_text: dict[str, Sequence[Event]], seen: list[Any] | None = None) -> Fake:
    def analyze(text: str, published: str | None = None) -> Analysis:
        if seen is not None:
            seen.append((text, published))
        if text not in events_by_text:
            raise EmptyInput("nothing to analyse")
        return Analysis(
            article=Article(text=text, published=published), events=list(events_by_text[text])
        )

    return analyze


def write(tmp_path: Path, name: str, records: list[dict[str, Any]]) -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def plover_record(
    rid: str,
    text: str,
    code: str,
    *,
    source: str | None = None,
    target: str | None = None,
    mode: str | None = None,
    more: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    expected = [
        {
            "source": source,
            "source_sector": None,
            "source_text": None,
            "target": target,
            "target_sector": None,
            "target_text": None,
            "code": code,
        },
        *more,
    ]
    return {
        "id": rid,
        "text": text,
        "date": None,
        "date_in_source": "2000-01-01",
        "expected": expected,
        "event": code,
        "mode": mode,
        "context": None,
    }


def petrarch_record(
    rid: str,
    text: str,
    expected: Sequence[tuple[str, str, str]],
    *,
    empty: bool = False,
    category: str = "TEST",
) -> dict[str, Any]:
    return {
        "id": rid,
        "text": text,
        "date": "2008-08-06",
        "expected": [{"source": s, "target": t, "code": c} for s, t, c in expected],
        "category": category,
        "no_events_expected": empty,
    }


# --------------------------------------------------------------------------- normalising


def test_plover_names_of_version_05_map_to_todays() -> None:
    assert normalize_plover("DEMAND") == "REQUEST"
    assert normalize_plover(" demand ") == "REQUEST"
    assert normalize_plover("REQUEST") == "REQUEST"
    assert normalize_plover("FIGHT") == "ASSAULT"
    assert normalize_plover("DISAPPROVE") == normalize_plover("INVESTIGATE") == "ACCUSE"
    assert normalize_plover("") is None
    assert normalize_plover(None) is None
    assert set(PLOVER_RENAMED.values()) <= {"REQUEST", "ACCUSE", "ASSAULT"}


def test_modes_and_cameo_codes_normalise() -> None:
    assert normalize_mode("Heavy_Weapons") == normalize_mode("heavy-weapons") == "heavy-weapons"
    assert cameo_root("0874") == "08"
    assert cameo_root("190") == "19"
    assert cameo_root("7") is None
    assert cameo_root(None) is None


def test_country_matching_rules() -> None:
    assert country_matches("SYRGOV", actor("SYR"))
    assert not country_matches("SYRGOV", actor("IRQ"))
    assert country_matches("JAP", actor("JPN"))  # legacy CAMEO code
    assert country_matches("IGOUNO", actor("UNO", "IGO"))  # transnational sector
    assert country_matches("---LEG", actor(None, "LEG"))  # unknown country
    assert not country_matches("---LEG", actor("USA", "LEG"))
    assert not country_matches("USA", None)
    assert code_matches("SYRGOV", actor("SYR", "GOV"))
    assert not code_matches("SYRGOV", actor("SYR", "MIL"))
    assert code_matches("SYRGOV", actor("SYR"))  # no predicted sector: country decides
    assert code_matches("IGOUNO", actor("UNO", "IGO"))
    assert code_matches("USAGOV", Actor(name="Washington", code="USAGOV"))


# --------------------------------------------------------------------------- PLOVER


def test_plover_all_right(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "plover.jsonl",
        [
            plover_record("a", AGREE_TEXT, "AGREE", source="HUN"),
            plover_record("d", DEMAND_TEXT, "DEMAND", source="USA", target="IRQ"),
        ],
    )
    analyze = fake(
        {
            AGREE_TEXT: [event(AGREE_TEXT, plover="AGREE", source=actor("HUN"))],
            DEMAND_TEXT: [
                event(DEMAND_TEXT, plover="REQUEST", source=actor("USA"), target=actor("IRQ"))
            ],
        }
    )
    report = evaluate_plover(path, analyze=analyze)
    assert isinstance(report, PloverReport)
    assert isinstance(report, EventReport)
    m = report.metrics
    assert m["plover_type_accuracy"] == 1.0
    assert m["plover_actor_country_match"] == 1.0
    assert m["plover_recipient_country_match"] == 1.0
    assert m["plover_type_micro_f1"] == 1.0
    assert m["plover_type_request_f1"] == 1.0  # DEMAND gold scored as REQUEST
    assert report.no_prediction == 0
    assert report.misses == []


def test_wrong_type_lowers_accuracy(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "plover.jsonl",
        [
            plover_record("a", AGREE_TEXT, "AGREE"),
            plover_record("d", DEMAND_TEXT, "DEMAND"),
        ],
    )
    analyze = fake(
        {
            AGREE_TEXT: [event(AGREE_TEXT, plover="AGREE")],
            DEMAND_TEXT: [event(DEMAND_TEXT, plover="THREATEN")],
        }
    )
    report = evaluate_plover(path, analyze=analyze)
    assert report.type_accuracy.hit == 1
    assert report.type_accuracy.total == 2
    assert report.metrics["plover_type_accuracy"] == 0.5
    assert report.types["REQUEST"].fn == 1
    assert report.types["THREATEN"].fp == 1
    assert report.confusion[("REQUEST", "THREATEN")] == 1
    assert [m["id"] for m in report.misses] == ["d"]


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [("DEMAND", "REQUEST"), ("DEMAND", "DEMAND"), ("FIGHT", "ASSAULT"), ("DISAPPROVE", "ACCUSE")],
)
def test_renamed_types_count_as_equal(tmp_path: Path, gold: str, predicted: str) -> None:
    path = write(tmp_path, "plover.jsonl", [plover_record("x", DEMAND_TEXT, gold)])
    report = evaluate_plover(
        path, analyze=fake({DEMAND_TEXT: [event(DEMAND_TEXT, plover=predicted)]})
    )
    assert report.metrics["plover_type_accuracy"] == 1.0


def test_the_first_typed_event_decides_accuracy_but_all_count_for_f1(tmp_path: Path) -> None:
    path = write(tmp_path, "plover.jsonl", [plover_record("a", AGREE_TEXT, "AGREE")])
    analyze = fake(
        {
            AGREE_TEXT: [
                event(AGREE_TEXT, eid="v0"),  # no PLOVER type: skipped
                event(AGREE_TEXT, plover="REJECT", eid="v1"),
                event(AGREE_TEXT, plover="AGREE", eid="v2"),
            ]
        }
    )
    report = evaluate_plover(path, analyze=analyze)
    assert report.metrics["plover_type_accuracy"] == 0.0
    assert report.types["AGREE"].tp == 1
    assert report.metrics["plover_type_micro_precision"] == 0.5
    assert report.metrics["plover_type_micro_recall"] == 1.0
    assert report.predicted_events == 2
    assert report.uncoded_events == 1


def test_country_match_same_type_and_any_type(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "plover.jsonl",
        [plover_record("d", DEMAND_TEXT, "DEMAND", source="USA", target="IRQ")],
    )
    analyze = fake(
        {
            DEMAND_TEXT: [
                event(DEMAND_TEXT, plover="REQUEST", source=actor("USA"), target=actor("IRN")),
                event(
                    DEMAND_TEXT, plover="ACCUSE", source=actor("GBR"), target=actor("IRQ"), eid="v2"
                ),
            ]
        }
    )
    m = evaluate_plover(path, analyze=analyze).metrics
    assert m["plover_actor_country_match"] == 1.0
    assert m["plover_actor_country_match_any"] == 1.0
    assert m["plover_recipient_country_match"] == 0.0  # IRN on the REQUEST event
    assert m["plover_recipient_country_match_any"] == 1.0  # IRQ on the ACCUSE event


def test_wrong_country_is_a_miss_and_gold_without_target_is_not_scored(tmp_path: Path) -> None:
    path = write(tmp_path, "plover.jsonl", [plover_record("a", AGREE_TEXT, "AGREE", source="HUN")])
    report = evaluate_plover(
        path, analyze=fake({AGREE_TEXT: [event(AGREE_TEXT, plover="AGREE", source=actor("ROU"))]})
    )
    assert report.actor_country.hit == 0
    assert report.actor_country.total == 1
    assert report.recipient_country.total == 0


def test_mode_accuracy(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "plover.jsonl",
        [
            plover_record("f", FIGHT_TEXT, "FIGHT", mode="heavy-weapons"),
            plover_record("g", FIGHT_TEXT + " Again.", "FIGHT", mode="firearms"),
            plover_record("a", AGREE_TEXT, "AGREE"),  # no gold mode: not scored
        ],
    )
    analyze = fake(
        {
            FIGHT_TEXT: [event(FIGHT_TEXT, plover="ASSAULT", mode="heavy_weapons")],
            FIGHT_TEXT + " Again.": [event(FIGHT_TEXT, plover="ASSAULT", mode="explosives")],
            AGREE_TEXT: [],
        }
    )
    report = evaluate_plover(path, analyze=analyze)
    assert (report.mode.hit, report.mode.total) == (1, 2)
    assert report.metrics["plover_mode_accuracy_when_typed"] == 0.5
    assert report.no_prediction == 1


def test_errors_are_skipped_and_gold_counts_as_missed(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "plover.jsonl",
        [
            plover_record("a", AGREE_TEXT, "AGREE", source="HUN"),
            plover_record("x", "Unknown text.", "REJECT", source="USA"),
        ],
    )
    seen: list[Any] = []
    progress: list[tuple[int, int]] = []
    report = evaluate_plover(
        path,
        analyze=fake({AGREE_TEXT: [event(AGREE_TEXT, plover="AGREE", source=actor("HUN"))]}, seen),
        progress=lambda done, total: progress.append((done, total)),
    )
    assert report.skipped == 1
    assert report.errors["E001"] == 1
    assert report.error_examples[0]["id"] == "x"
    assert report.metrics["plover_type_accuracy"] == 0.5
    assert report.metrics["plover_actor_country_match"] == 0.5
    assert progress == [(1, 2), (2, 2)]
    assert seen[0] == (AGREE_TEXT, "2000-01-01")  # published = date_in_source


def test_plover_limit_and_malformed(tmp_path: Path) -> None:
    records = [plover_record(str(i), AGREE_TEXT, "AGREE") for i in range(5)]
    path = write(tmp_path, "plover.jsonl", records)
    report = evaluate_plover(path, analyze=fake({AGREE_TEXT: []}), limit=3)
    assert report.sentences == 3
    assert report.no_prediction == 3
    bad = write(tmp_path, "bad.jsonl", [{"id": "b", "expected": []}])
    with pytest.raises(MalformedInput):
        evaluate_plover(bad, analyze=fake({}))
    bad = write(tmp_path, "bad2.jsonl", [{"id": "b", "text": "x", "expected": [{"source": "USA"}]}])
    with pytest.raises(MalformedInput):
        evaluate_plover(bad, analyze=fake({}))


def test_plover_report_dict_and_render(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "plover.jsonl",
        [
            plover_record("a", AGREE_TEXT, "AGREE", source="HUN"),
            plover_record("d", DEMAND_TEXT, "DEMAND", source="USA", target="IRQ"),
        ],
    )
    analyze = fake({AGREE_TEXT: [event(AGREE_TEXT, plover="AGREE")], DEMAND_TEXT: []})
    report = evaluate_plover(path, analyze=analyze)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["task"] == "plover_events"
    assert data["counts"]["sentences"] == 2
    assert data["type_accuracy"] == {"hit": 1, "total": 2, "value": 0.5}
    assert data["renamed"]["DEMAND"] == "REQUEST"
    assert data["metrics"]["plover_type_accuracy"] == 0.5
    assert {"gold": "REQUEST", "predicted": "(none)", "n": 1} in data["confusion"]
    console = Console(file=io.StringIO(), width=160, color_system=None)
    report.render(console)
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    for words in ("type accuracy", "REQUEST", "micro", "First misses", "2 sentences"):
        assert words in shown


# --------------------------------------------------------------------------- PETRARCH


def test_cameo_root_match_and_code_match(tmp_path: Path) -> None:
    path = write(
        tmp_path, "petr.jsonl", [petrarch_record("v", VISIT_TEXT, [("USA", "CHN", "042")])]
    )
    right_root = fake({VISIT_TEXT: [event(VISIT_TEXT, cameo="043")]})
    report = evaluate_petrarch(path, analyze=right_root)
    assert isinstance(report, PetrarchReport)
    assert report.metrics["petrarch_root_match"] == 1.0
    assert report.metrics["petrarch_code_match"] == 0.0
    wrong_root = fake({VISIT_TEXT: [event(VISIT_TEXT, cameo="057")]})
    report = evaluate_petrarch(path, analyze=wrong_root)
    assert report.metrics["petrarch_root_match"] == 0.0
    assert report.roots["04"].fn == 1
    assert report.roots["05"].fp == 1


def test_dyad_match_by_country_and_by_code(tmp_path: Path) -> None:
    path = write(
        tmp_path, "petr.jsonl", [petrarch_record("v", VISIT_TEXT, [("USAGOV", "CHN", "042")])]
    )
    same_sector = fake(
        {
            VISIT_TEXT: [
                event(VISIT_TEXT, cameo="042", source=actor("USA", "GOV"), target=actor("CHN"))
            ]
        }
    )
    m = evaluate_petrarch(path, analyze=same_sector).metrics
    assert m["petrarch_dyad_match"] == 1.0
    assert m["petrarch_dyad_code_match"] == 1.0
    assert m["petrarch_record_match"] == 1.0
    assert m["petrarch_record_f1"] == 1.0

    other_sector = fake(
        {
            VISIT_TEXT: [
                event(VISIT_TEXT, cameo="042", source=actor("USA", "MIL"), target=actor("CHN"))
            ]
        }
    )
    m = evaluate_petrarch(path, analyze=other_sector).metrics
    assert m["petrarch_dyad_match"] == 1.0
    assert m["petrarch_dyad_code_match"] == 0.0
    assert m["petrarch_record_code_match"] == 0.0

    reversed_dyad = fake(
        {VISIT_TEXT: [event(VISIT_TEXT, cameo="042", source=actor("CHN"), target=actor("USA"))]}
    )
    m = evaluate_petrarch(path, analyze=reversed_dyad).metrics
    assert m["petrarch_dyad_match"] == 0.0
    assert m["petrarch_record_match"] == 0.0
    assert m["petrarch_root_match"] == 1.0


def test_record_match_needs_root_and_dyad_on_one_event(tmp_path: Path) -> None:
    path = write(
        tmp_path, "petr.jsonl", [petrarch_record("v", VISIT_TEXT, [("USA", "CHN", "042")])]
    )
    split = fake(
        {
            VISIT_TEXT: [
                event(VISIT_TEXT, cameo="042", source=actor("FRA"), target=actor("CHN")),
                event(VISIT_TEXT, cameo="190", source=actor("USA"), target=actor("CHN"), eid="v2"),
            ]
        }
    )
    report = evaluate_petrarch(path, analyze=split)
    m = report.metrics
    assert m["petrarch_root_match"] == 1.0
    assert m["petrarch_dyad_match"] == 1.0
    assert m["petrarch_record_match"] == 0.0
    assert (report.records_prf.tp, report.records_prf.fp, report.records_prf.fn) == (0, 2, 1)
    assert report.categories["TEST"].hit == 0


def test_no_events_expected_counts_predictions_as_false_positives(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "petr.jsonl",
        [
            petrarch_record("e", EMPTY_TEXT, [], empty=True),
            petrarch_record("v", VISIT_TEXT, [("USA", "CHN", "042")]),
        ],
    )
    quiet = fake(
        {
            EMPTY_TEXT: [],
            VISIT_TEXT: [event(VISIT_TEXT, cameo="042", source=actor("USA"), target=actor("CHN"))],
        }
    )
    report = evaluate_petrarch(path, analyze=quiet)
    assert report.metrics["petrarch_empty_correct"] == 1.0
    assert report.metrics["petrarch_record_precision"] == 1.0

    noisy = fake(
        {
            EMPTY_TEXT: [event(EMPTY_TEXT, cameo="012", source=actor("CHN"))],
            VISIT_TEXT: [event(VISIT_TEXT, cameo="042", source=actor("USA"), target=actor("CHN"))],
        }
    )
    report = evaluate_petrarch(path, analyze=noisy)
    assert report.empty_sentences == 1
    assert report.empty_false_positives == 1
    assert report.metrics["petrarch_empty_correct"] == 0.0
    assert report.metrics["petrarch_record_precision"] == 0.5
    assert report.metrics["petrarch_record_recall"] == 1.0
    assert report.roots["01"].fp == 1
    assert report.metrics["petrarch_root_match"] == 1.0  # shares are over gold events only


def test_petrarch_published_errors_dict_and_render(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "petr.jsonl",
        [
            petrarch_record("v", VISIT_TEXT, [("USAGOV", "CHN", "042")], category="AFP"),
            petrarch_record("x", "Unknown.", [("RUS", "GEO", "190")]),
        ],
    )
    seen: list[Any] = []
    report = evaluate_petrarch(
        path,
        analyze=fake(
            {
                VISIT_TEXT: [
                    event(VISIT_TEXT, cameo="042", source=actor("USA"), target=actor("CHN"))
                ]
            },
            seen,
        ),
    )
    assert seen[0] == (VISIT_TEXT, "2008-08-06")
    assert report.skipped == 1
    assert report.metrics["petrarch_root_match"] == 0.5
    data = json.loads(json.dumps(report.to_dict()))
    assert data["task"] == "petrarch_events"
    assert data["categories"]["AFP"]["value"] == 1.0
    assert data["counts"]["no_events_expected"] == 0
    assert data["misses"][0]["id"] == "x"
    console = Console(file=io.StringIO(), width=160, color_system=None)
    report.render(console)
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    for words in ("CAMEO root", "CONSULT", "FIGHT", "record: root + dyad", "E001 x1"):
        assert words in shown


def test_petrarch_rejects_a_gold_code_that_is_not_cameo(tmp_path: Path) -> None:
    path = write(tmp_path, "petr.jsonl", [petrarch_record("v", VISIT_TEXT, [("USA", "CHN", "x")])])
    with pytest.raises(MalformedInput):
        evaluate_petrarch(path, analyze=fake({VISIT_TEXT: []}))


def test_default_analyze_reads_gold_as_plain_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reportedly

    braced = "{France is ready to contribute troops, officials said."
    seen: list[Article] = []

    def analyze(article: Any, **_: Any) -> Analysis:
        seen.append(article)
        return Analysis(article=article)

    monkeypatch.setattr(reportedly, "analyze", analyze)
    path = write(tmp_path, "plover.jsonl", [plover_record("b", braced, "AGREE")])
    report = evaluate_plover(path)
    assert report.skipped == 0
    assert report.no_prediction == 1
    assert isinstance(seen[0], Article)
    assert seen[0].text == braced
    assert seen[0].published == "2000-01-01"
