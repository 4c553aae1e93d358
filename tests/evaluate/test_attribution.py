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
from reportedly.records import Analysis, Article, Claim, Cue, Source

TEXT = "The mayor said the bridge was closed on Friday."
TEXT2 = "Police told reporters that two men were arrested."


def at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def cue(text: str, words: str, kind: Any = "attribution") -> Cue:
    s, e = at(text, words)
    return Cue(text=words, start=s, end=e, kind=kind)


def source(text: str | None, words: str, level: int = 1, cue_: Cue | None = None) -> Source:
    if text is None:
        return Source(name=words, kind="anonymous", level=level, cue=cue_)
    s, e = at(text, words)
    return Source(name=words, kind="person", start=s, end=e, level=level, cue=cue_)


def claim(
    text: str,
    content: str,
    *,
    chain: Sequence[Source] = (),
    cues: Sequence[Cue] = (),
    status: Any = "reported",
    cid: str = "c1",
) -> Claim:
    s, e = at(text, content)
    return Claim(
        id=cid,
        text=content,
        start=s,
        end=e,
        status=status,
        sentence_start=0,
        sentence_end=len(text),
        cues=list(cues),
        source_chain=[Source(name="Outlet", kind="outlet", level=0), *chain],
    )


def mayor_claim(content: str = "the bridge was closed on Friday", cid: str = "c1") -> Claim:
    said = cue(TEXT, "said")
    return claim(TEXT, content, chain=[source(TEXT, "The mayor", cue_=said)], cues=[said], cid=cid)


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


def fake(claims_by_text: dict[str, list[Claim]]) -> Callable[[str], Analysis]:
    def analyze(text: str) -> Analysis:
        if text not in claims_by_text:
            raise NotEnglish("not English")
        return Analysis(article=Article(text=text), claims=claims_by_text[text])

    return analyze


def test_mapping_takes_innermost_sources_and_their_cues() -> None:
    text = "Reuters reported that the minister said the talks failed."
    c = claim(
        text,
        "the talks failed",
        chain=[
            source(text, "Reuters", 1, cue(text, "reported")),
            source(text, "the minister", 2, cue(text, "said")),
        ],
    )
    (pred,) = predicted_attributions(Analysis(article=Article(text=text), claims=[c]))
    assert pred == PredAttribution(
        claim_id="c1",
        source=(at(text, "the minister"),),
        cue=(at(text, "said"),),
        content=(at(text, "the talks failed"),),
    )
    assert pred.to_dict()["source_spans"] == [list(at(text, "the minister"))]


def test_mapping_falls_back_to_attribution_cues_and_keeps_unplaced_sources() -> None:
    text = "According to sources, the deal is done."
    anonymous = source(None, "sources")
    c = claim(text, "the deal is done", chain=[anonymous], cues=[cue(text, "According to")])
    (pred,) = predicted_attributions(Analysis(article=Article(text=text), claims=[c]))
    assert pred.source == ()
    assert pred.cue == (at(text, "According to"),)


def test_mapping_dedupes_cues_of_several_sources() -> None:
    text = "Smith and Jones said it rained."
    said = cue(text, "said")
    chain = [source(text, "Smith", cue_=said), source(text, "Jones", cue_=said)]
    (pred,) = predicted_attributions(
        Analysis(article=Article(text=text), claims=[claim(text, "it rained", chain=chain)])
    )
    assert pred.source == (at(text, "Smith"), at(text, "Jones"))
    assert pred.cue == (at(text, "said"),)


def test_hedge_only_claims_and_own_voice_claims_are_not_attributions() -> None:
    text = "The bridge was reportedly closed. It rained."
    hedge = cue(text, "reportedly", "hedge")
    hedged = claim(text, "The bridge was reportedly closed", cues=[hedge], status="hedged")
    hedged_with_source = claim(
        text,
        "The bridge was reportedly closed",
        chain=[source(None, "unnamed", cue_=hedge)],
        cues=[hedge],
        status="hedged",
        cid="c2",
    )
    own = claim(text, "It rained", status="asserted", cid="c3")
    analysis = Analysis(article=Article(text=text), claims=[hedged, hedged_with_source, own])
    assert predicted_attributions(analysis) == []


def test_perfect_prediction_scores_one(tmp_path: Path) -> None:
    report = evaluate_attribution(write(tmp_path, [MAYOR]), fake({TEXT: [mayor_claim()]}))
    for role in ("source", "cue", "content"):
        for mode in ("exact", "overlap"):
            assert report.roles[role][mode] == PRF(tp=1), (role, mode)
    assert report.attribution == PRF(tp=1)
    assert (report.paragraphs, report.gold_attributions, report.predicted_attributions) == (1, 1, 1)


def test_content_off_by_one_word_is_exact_miss_overlap_hit(tmp_path: Path) -> None:
    analyze = fake({TEXT: [mayor_claim("bridge was closed on Friday")]})
    report = evaluate_attribution(write(tmp_path, [MAYOR]), analyze)
    assert report.roles["content"]["exact"] == PRF(fp=1, fn=1)
    assert report.roles["content"]["overlap"] == PRF(tp=1)
    assert report.roles["source"]["exact"] == PRF(tp=1)
    assert report.attribution == PRF(tp=1)
    assert report.metrics["content_exact_f1"] == 0.0
    assert report.metrics["content_overlap_f1"] == 1.0


def test_double_prediction_counts_one_false_positive(tmp_path: Path) -> None:
    analyze = fake({TEXT: [mayor_claim(), mayor_claim(cid="c2")]})
    report = evaluate_attribution(write(tmp_path, [MAYOR]), analyze)
    for role in ("source", "cue", "content"):
        assert report.roles[role]["exact"] == PRF(tp=1, fp=1), role
    assert report.attribution == PRF(tp=1, fp=1)


def test_failed_paragraph_counts_all_gold_as_missed(tmp_path: Path) -> None:
    report = evaluate_attribution(write(tmp_path, [MAYOR, POLICE]), fake({TEXT: [mayor_claim()]}))
    assert report.skipped == 1
    assert report.errors == {"E005": 1}
    assert report.error_examples[0]["id"] == "p2"
    assert report.roles["source"]["exact"] == PRF(tp=1, fn=1)
    assert report.attribution == PRF(tp=1, fn=1)
    assert report.metrics["attribution_recall"] == 0.5


def test_missing_prediction_counts_fn_and_wrong_one_fp(tmp_path: Path) -> None:
    wrong = claim(
        TEXT2,
        "Police told reporters",
        chain=[source(TEXT2, "reporters", cue_=cue(TEXT2, "that"))],
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
    c = claim(
        text,
        "The bridge was closed",
        chain=[source(text, "officials", cue_=cue(text, "said"))],
    )
    report = evaluate_attribution(write(tmp_path, [record]), fake({text: [c]}))
    assert report.roles["source"]["exact"] == PRF(fp=1)
    assert report.roles["cue"]["exact"] == PRF(tp=1)
    assert report.attribution == PRF(tp=1)


def test_offsets_of_a_tidied_article_map_back(tmp_path: Path) -> None:
    padded = "  " + TEXT
    shifted = gold(padded, "The mayor", "said", "the bridge was closed on Friday")
    record = {"id": "p1", "text": padded, "attributions": [shifted]}

    def analyze(text: str) -> Analysis:
        assert text == padded
        return Analysis(article=Article(text=text.strip()), claims=[mayor_claim()])

    report = evaluate_attribution(write(tmp_path, [record]), analyze)
    assert report.roles["content"]["exact"] == PRF(tp=1)


def test_limit_and_progress(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    report = evaluate_attribution(
        write(tmp_path, [MAYOR, POLICE]),
        fake({TEXT: [mayor_claim()]}),
        limit=1,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert report.paragraphs == 1
    assert seen == [(1, 1)]


def test_malformed_record_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(MalformedInput, match="missing 'text'"):
        evaluate_attribution(write(tmp_path, [{"id": "x"}]), fake({}))


def test_report_is_json_and_renders(tmp_path: Path) -> None:
    report = evaluate_attribution(write(tmp_path, [MAYOR, POLICE]), fake({TEXT: [mayor_claim()]}))
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
