from __future__ import annotations

import io
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from reportedly.errors import MalformedInput, NotEnglish
from reportedly.evaluate import (
    AttributionReport,
    PredAttribution,
    evaluate_attribution,
    predicted_attributions,
)
from reportedly.evaluate.spans import PRF
from reportedly.records import Analysis, Article, Attribution, Claim, Cue, Source

TEXT = "The mayor said the bridge was closed on Friday."
TEXT2 = "Police told reporters that two men were arrested."


def at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def cue(text: str, words: str, kind: Any = "attribution") -> Cue:
    s, e = at(text, words)
    return Cue(text=words, start=s, end=e, kind=kind)


def source(text: str | None, words: str, level: int = 1) -> Source:
    """A source placed in ``text``, or (``text=None``) one without offsets."""
    if text is None:
        return Source(name=words, kind="anonymous", level=level)
    s, e = at(text, words)
    return Source(name=words, kind="person", start=s, end=e, level=level)


def attribution(
    text: str,
    cue_: str,
    content: str,
    *,
    sources: Sequence[Source] = (),
    aid: str = "a1",
    claim: str | None = "c1",
    kind: str = "speech",
) -> Attribution:
    s, e = at(text, content)
    return Attribution(
        id=aid,
        kind=kind,
        cue=cue(text, cue_),
        content_start=s,
        content_end=e,
        sources=list(sources),
        claim=claim,
    )


def mayor(content: str = "the bridge was closed on Friday", aid: str = "a1") -> Attribution:
    return attribution(TEXT, "said", content, sources=[source(TEXT, "The mayor")], aid=aid)


def gold(text: str, src: str | None, cue_: str, content: str) -> dict[str, Any]:
    return {
        "source_spans": [list(at(text, src))] if src else [],
        "cue_spans": [list(at(text, cue_))],
        "content_spans": [list(at(text, content))],
        "has_source": src is not None,
    }


def write(tmp_path: Path, records: list[dict[str, Any]]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


MAYOR: dict[str, Any] = {
    "id": "p1",
    "text": TEXT,
    "attributions": [gold(TEXT, "The mayor", "said", "the bridge was closed on Friday")],
}
POLICE: dict[str, Any] = {
    "id": "p2",
    "text": TEXT2,
    "attributions": [gold(TEXT2, "Police", "told", "two men were arrested")],
}


def fake(by_text: dict[str, list[Attribution]]) -> Callable[[str], Analysis]:
    def analyze(text: str) -> Analysis:
        if text not in by_text:
            raise NotEnglish("not English")
        return Analysis(article=Article(text=text), attributions=by_text[text])

    return analyze


# --------------------------------------------------------------------------- mapping


def test_mapping_gives_one_triple_per_attribution_frame() -> None:
    text = "Reuters reported that the minister said the talks failed."
    outer = attribution(
        text,
        "reported",
        "the minister said the talks failed",
        sources=[source(text, "Reuters")],
        aid="a1",
        claim="c1",
    )
    inner = attribution(
        text,
        "said",
        "the talks failed",
        sources=[source(text, "the minister", level=2)],
        aid="a2",
        claim="c2",
    )
    preds = predicted_attributions(
        Analysis(article=Article(text=text), attributions=[outer, inner])
    )
    assert preds == [
        PredAttribution(
            claim_id="c1",
            source=(at(text, "Reuters"),),
            cue=(at(text, "reported"),),
            content=(at(text, "the minister said the talks failed"),),
        ),
        PredAttribution(
            claim_id="c2",
            source=(at(text, "the minister"),),
            cue=(at(text, "said"),),
            content=(at(text, "the talks failed"),),
        ),
    ]
    assert preds[1].to_dict() == {
        "claim_id": "c2",
        "source_spans": [list(at(text, "the minister"))],
        "cue_spans": [list(at(text, "said"))],
        "content_spans": [list(at(text, "the talks failed"))],
    }


def test_mapping_leaves_out_sources_without_offsets() -> None:
    text = "According to sources and the aide, the deal is done."
    unplaced = source(None, "sources")
    half_placed = Source(name="someone", kind="person", start=0, end=None, level=1)
    att = attribution(
        text,
        "According to",
        "the deal is done",
        sources=[unplaced, half_placed, source(text, "the aide")],
        kind="according",
    )
    (pred,) = predicted_attributions(Analysis(article=Article(text=text), attributions=[att]))
    assert pred.source == (at(text, "the aide"),)
    assert pred.cue == (at(text, "According to"),)
    assert pred.content == (at(text, "the deal is done"),)


def test_mapping_keeps_an_attribution_whose_sources_are_all_unplaced() -> None:
    text = "The deal is done, sources said."
    att = attribution(text, "said", "The deal is done", sources=[source(None, "sources")])
    (pred,) = predicted_attributions(Analysis(article=Article(text=text), attributions=[att]))
    assert pred.source == ()
    assert pred.cue == (at(text, "said"),)


def test_mapping_keeps_several_sources_in_order_without_repeats() -> None:
    text = "Smith and Jones said it rained."
    sources = [source(text, "Smith"), source(text, "Jones"), source(text, "Smith")]
    (pred,) = predicted_attributions(
        Analysis(
            article=Article(text=text),
            attributions=[attribution(text, "said", "it rained", sources=sources)],
        )
    )
    assert pred.source == (at(text, "Smith"), at(text, "Jones"))


def test_claim_id_falls_back_to_the_attribution_id() -> None:
    text = "The senator criticized the plan."
    stance = attribution(
        text,
        "criticized",
        "the plan",
        sources=[source(text, "The senator")],
        aid="att7",
        claim=None,
        kind="stance",
    )
    (pred,) = predicted_attributions(Analysis(article=Article(text=text), attributions=[stance]))
    assert pred.claim_id == "att7"
    assert pred.content == (at(text, "the plan"),)


def test_claims_alone_are_not_attributions() -> None:
    """The mapping reads ``analysis.attributions`` only: claims, even reported ones, are not."""
    said = cue(TEXT, "said")
    s, e = at(TEXT, "the bridge was closed on Friday")
    claim = Claim(
        id="c1",
        text=TEXT[s:e],
        start=s,
        end=e,
        status="reported",
        sentence_start=0,
        sentence_end=len(TEXT),
        cues=[said],
        source_chain=[
            Source(name="Outlet", kind="outlet", level=0),
            Source(name="The mayor", kind="person", start=0, end=9, level=1, cue=said),
        ],
    )
    assert predicted_attributions(Analysis(article=Article(text=TEXT), claims=[claim])) == []
    assert predicted_attributions(Analysis(article=Article(text=TEXT))) == []


# --------------------------------------------------------------------------- scoring


def test_perfect_prediction_scores_one(tmp_path: Path) -> None:
    report = evaluate_attribution(write(tmp_path, [MAYOR]), fake({TEXT: [mayor()]}))
    for role in ("source", "cue", "content"):
        for mode in ("exact", "overlap"):
            assert report.roles[role][mode] == PRF(tp=1), (role, mode)
    assert report.attribution == PRF(tp=1)
    assert (report.paragraphs, report.gold_attributions, report.predicted_attributions) == (1, 1, 1)


QUOTED = '"The guards told us to leave," the ferry captain said.'


def test_a_frame_inside_a_direct_quotation_is_not_scored(tmp_path: Path) -> None:
    outer = attribution(
        QUOTED,
        "said",
        "The guards told us to leave,",
        sources=[source(QUOTED, "the ferry captain")],
    )
    inner = attribution(
        QUOTED, "told", "us to leave", sources=[source(QUOTED, "The guards")], aid="a2", claim="c2"
    )
    record = {
        "id": "q1",
        "text": QUOTED,
        "attributions": [gold(QUOTED, "the ferry captain", "said", "The guards told us to leave,")],
    }
    report = evaluate_attribution(write(tmp_path, [record]), fake({QUOTED: [outer, inner]}))
    assert report.predicted_attributions == 1
    assert report.roles["cue"]["exact"] == PRF(tp=1)


def test_a_speaker_label_after_an_opening_mark_is_scored(tmp_path: Path) -> None:
    text = '"CAPTAIN: The pier is shut.'
    label = attribution(text, ":", "The pier is shut", sources=[source(text, "CAPTAIN")])
    label.kind = "label"
    record = {
        "id": "q2",
        "text": text,
        "attributions": [gold(text, "CAPTAIN", ":", "The pier is shut")],
    }
    report = evaluate_attribution(write(tmp_path, [record]), fake({text: [label]}))
    assert report.roles["cue"]["exact"] == PRF(tp=1)


def test_content_off_by_one_word_is_exact_miss_overlap_hit(tmp_path: Path) -> None:
    analyze = fake({TEXT: [mayor("bridge was closed on Friday")]})
    report = evaluate_attribution(write(tmp_path, [MAYOR]), analyze)
    assert report.roles["content"]["exact"] == PRF(fp=1, fn=1)
    assert report.roles["content"]["overlap"] == PRF(tp=1)
    assert report.roles["source"]["exact"] == PRF(tp=1)
    assert report.attribution == PRF(tp=1)
    assert report.metrics["content_exact_f1"] == 0.0
    assert report.metrics["content_overlap_f1"] == 1.0


def test_double_prediction_counts_one_false_positive(tmp_path: Path) -> None:
    analyze = fake({TEXT: [mayor(), mayor(aid="a2")]})
    report = evaluate_attribution(write(tmp_path, [MAYOR]), analyze)
    for role in ("source", "cue", "content"):
        assert report.roles[role]["exact"] == PRF(tp=1, fp=1), role
    assert report.attribution == PRF(tp=1, fp=1)
    assert report.predicted_attributions == 2


def test_failed_paragraph_counts_all_gold_as_missed(tmp_path: Path) -> None:
    report = evaluate_attribution(write(tmp_path, [MAYOR, POLICE]), fake({TEXT: [mayor()]}))
    assert report.skipped == 1
    assert report.errors == {"E005": 1}
    assert report.error_examples[0]["id"] == "p2"
    assert report.roles["source"]["exact"] == PRF(tp=1, fn=1)
    assert report.attribution == PRF(tp=1, fn=1)
    assert report.metrics["attribution_recall"] == 0.5


def test_missing_prediction_counts_fn_and_wrong_one_fp(tmp_path: Path) -> None:
    wrong = attribution(
        TEXT2, "that", "Police told reporters", sources=[source(TEXT2, "reporters")]
    )
    analyze = fake({TEXT: [], TEXT2: [wrong]})
    report = evaluate_attribution(write(tmp_path, [MAYOR, POLICE]), analyze)
    assert report.roles["source"]["overlap"] == PRF(fp=1, fn=2)
    assert report.roles["content"]["overlap"] == PRF(fp=1, fn=2)
    assert report.attribution == PRF(fp=1, fn=2)


def test_gold_without_source_counts_for_cue_and_content_only(tmp_path: Path) -> None:
    text = "The bridge was closed, officials said."
    record = {
        "id": "p3",
        "text": text,
        "attributions": [gold(text, None, "said", "The bridge was closed")],
    }
    att = attribution(text, "said", "The bridge was closed", sources=[source(text, "officials")])
    report = evaluate_attribution(write(tmp_path, [record]), fake({text: [att]}))
    assert report.roles["source"]["exact"] == PRF(fp=1)
    assert report.roles["cue"]["exact"] == PRF(tp=1)
    assert report.roles["content"]["exact"] == PRF(tp=1)
    assert report.attribution == PRF(tp=1)


def test_offsets_of_a_tidied_article_map_back(tmp_path: Path) -> None:
    padded = "  " + TEXT
    shifted = gold(padded, "The mayor", "said", "the bridge was closed on Friday")
    record = {"id": "p1", "text": padded, "attributions": [shifted]}

    def analyze(text: str) -> Analysis:
        assert text == padded
        # offsets of mayor() point into the stripped text, two characters earlier
        return Analysis(article=Article(text=text.strip()), attributions=[mayor()])

    report = evaluate_attribution(write(tmp_path, [record]), analyze)
    for role in ("source", "cue", "content"):
        assert report.roles[role]["exact"] == PRF(tp=1), role
    assert report.attribution == PRF(tp=1)


def test_limit_and_progress(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    report = evaluate_attribution(
        write(tmp_path, [MAYOR, POLICE]),
        fake({TEXT: [mayor()]}),
        limit=1,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert report.paragraphs == 1
    assert seen == [(1, 1)]


def test_malformed_record_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(MalformedInput, match="missing 'text'"):
        evaluate_attribution(write(tmp_path, [{"id": "x"}]), fake({}))


def test_report_is_json_and_renders(tmp_path: Path) -> None:
    report = evaluate_attribution(write(tmp_path, [MAYOR, POLICE]), fake({TEXT: [mayor()]}))
    data = json.loads(json.dumps(report.to_dict()))
    assert data["task"] == "attribution"
    assert data["counts"] == {
        "paragraphs": 2,
        "gold_attributions": 2,
        "predicted_attributions": 1,
        "skipped": 1,
    }
    assert data["roles"]["cue"]["exact"]["f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert data["metrics"]["source_overlap_f1"] == pytest.approx(2 / 3, abs=1e-4)
    out = io.StringIO()
    report.render(Console(file=out, width=120, color_system=None))
    shown = out.getvalue()
    assert "content" in shown
    assert "overlap F1" in shown
    assert "E005" in shown


def test_empty_report_defaults() -> None:
    report = AttributionReport(path="none")
    assert report.paragraphs_per_second == 0.0
    assert report.metrics["attribution_f1"] == 1.0
