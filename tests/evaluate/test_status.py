from __future__ import annotations

import io
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from reportedly.errors import EmptyInput
from reportedly.evaluate import UNCERTAIN_CUE_KINDS, evaluate_uncertainty
from reportedly.evaluate.spans import PRF
from reportedly.evaluate.status import slug, uncertainty_cues
from reportedly.records import Analysis, Article, Claim, Cue, Source

HEDGED = "The minister may have resigned on Friday."
ANONYMOUS = "Sources said the minister resigned."
PLAIN = "The minister resigned on Friday."
WEASEL = "Some critics believe the law is too weak."


def at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def cue(text: str, words: str, kind: Any) -> Cue:
    s, e = at(text, words)
    return Cue(text=words, start=s, end=e, kind=kind)


def claim(
    text: str, *, cues: Sequence[Cue] = (), status: Any = "asserted", chain: Sequence[Source] = ()
) -> Claim:
    return Claim(
        id="c1",
        text=text,
        start=0,
        end=len(text),
        status=status,
        sentence_start=0,
        sentence_end=len(text),
        cues=list(cues),
        source_chain=list(chain),
    )


def record(
    rid: str, text: str, cues: Sequence[str] = (), corpus: str = "szeged_factbank"
) -> dict[str, Any]:
    gold_cues = []
    for words in cues:
        s, e = at(text, words)
        gold_cues.append({"text": words, "start": s, "end": e, "type": "speculation"})
    return {
        "id": rid,
        "text": text,
        "uncertain": bool(cues),
        "cues": gold_cues,
        "meta": {"corpus": corpus},
    }


def write(tmp_path: Path, records: list[dict[str, Any]]) -> Path:
    path = tmp_path / "uncertainty.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def fake(claims_by_text: dict[str, list[Claim]]) -> Callable[[str], Analysis]:
    def analyze(text: str) -> Analysis:
        if text not in claims_by_text:
            raise EmptyInput("nothing to analyse")
        return Analysis(article=Article(text=text), claims=claims_by_text[text])

    return analyze


def test_cue_kinds_constant() -> None:
    # conditionals count: the Szeged annotation marks hypothetical conditions as speculation
    assert frozenset({"hedge", "speculation", "conditional"}) == UNCERTAIN_CUE_KINDS


def test_hedge_cue_makes_a_sentence_uncertain(tmp_path: Path) -> None:
    analyze = fake(
        {
            HEDGED: [claim(HEDGED, cues=[cue(HEDGED, "may have", "speculation")], status="hedged")],
            PLAIN: [claim(PLAIN)],
        }
    )
    report = evaluate_uncertainty(
        write(tmp_path, [record("s1", HEDGED, ["may"]), record("s2", PLAIN)]), analyze
    )
    assert report.sentence == PRF(tp=1)
    assert report.cue["overlap"] == PRF(tp=1)
    assert report.cue["exact"] == PRF(fp=1, fn=1)  # "may have" is not "may"


def test_anonymous_source_alone_is_not_uncertainty(tmp_path: Path) -> None:
    said = cue(ANONYMOUS, "said", "attribution")
    sources = Source(name="Sources", kind="anonymous", start=0, end=7, level=1, cue=said)
    analyze = fake({ANONYMOUS: [claim(ANONYMOUS, cues=[said], status="hedged", chain=[sources])]})
    report = evaluate_uncertainty(write(tmp_path, [record("s1", ANONYMOUS)]), analyze)
    assert report.sentence == PRF()
    assert report.predicted_uncertain == 0


def test_source_cue_of_hedge_kind_counts_once() -> None:
    text = "The minister reportedly resigned."
    hedge = cue(text, "reportedly", "hedge")
    unnamed = Source(name="unnamed", kind="anonymous", level=1, cue=hedge)
    analysis = Analysis(
        article=Article(text=text), claims=[claim(text, cues=[hedge], chain=[unnamed])]
    )
    assert uncertainty_cues(analysis) == [hedge]


def test_missed_and_false_alarms_per_corpus(tmp_path: Path) -> None:
    records = [
        record("s1", HEDGED, ["may"], corpus="szeged_factbank"),
        record("s2", WEASEL, ["Some critics", "believe"], corpus="szeged_wikiweasel"),
        record("s3", PLAIN, corpus="BioScope abstracts"),
    ]
    analyze = fake(
        {
            HEDGED: [claim(HEDGED, cues=[cue(HEDGED, "may", "hedge")])],
            WEASEL: [claim(WEASEL)],
            PLAIN: [claim(PLAIN, cues=[cue(PLAIN, "resigned", "speculation")])],
        }
    )
    report = evaluate_uncertainty(write(tmp_path, records), analyze)
    assert report.sentence == PRF(tp=1, fp=1, fn=1)
    assert report.corpora == {
        "szeged_factbank": PRF(tp=1),
        "szeged_wikiweasel": PRF(fn=1),
        "BioScope abstracts": PRF(fp=1),
    }
    assert report.cue["exact"] == PRF(tp=1, fp=1, fn=2)
    metrics = report.metrics
    assert metrics["szeged_factbank_sentence_f1"] == 1.0
    assert metrics["szeged_wikiweasel_sentence_recall"] == 0.0
    assert metrics["bioscope_abstracts_sentence_precision"] == 0.0
    assert metrics["sentence_f1"] == pytest.approx(0.5)


def test_failed_sentence_is_predicted_certain(tmp_path: Path) -> None:
    report = evaluate_uncertainty(write(tmp_path, [record("s1", HEDGED, ["may"])]), fake({}))
    assert report.skipped == 1
    assert report.errors == {"E001": 1}
    assert report.sentence == PRF(fn=1)
    assert report.cue["overlap"] == PRF(fn=1)


def test_gold_cue_pieces_and_limit(tmp_path: Path) -> None:
    text = "Either it rained or it snowed."
    rec = record("s1", text)
    rec["uncertain"] = True
    rec["cues"] = [{"text": "Either or", "start": 0, "end": 6, "spans": [[0, 6], [17, 19]]}]
    analyze = fake({text: [claim(text, cues=[cue(text, "or", "speculation")])]})
    report = evaluate_uncertainty(write(tmp_path, [rec, record("s2", PLAIN)]), analyze, limit=1)
    assert report.sentences == 1
    assert report.cue["overlap"] == PRF(tp=1)
    assert report.cue["exact"] == PRF(fp=1, fn=1)


def test_slug() -> None:
    assert slug("BioScope abstracts") == "bioscope_abstracts"
    assert slug("") == "unknown"


def test_report_is_json_and_renders(tmp_path: Path) -> None:
    analyze = fake({HEDGED: [claim(HEDGED, cues=[cue(HEDGED, "may", "hedge")])]})
    records = [record("s1", HEDGED, ["may"]), record("s2", PLAIN, corpus="other")]
    report = evaluate_uncertainty(write(tmp_path, records), analyze)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["task"] == "uncertainty"
    assert data["counts"]["skipped"] == 1
    assert data["corpora"]["other"]["sentences"] == 1
    assert data["metrics"]["sentence_f1"] == 1.0
    out = io.StringIO()
    report.render(Console(file=out, width=120, color_system=None))
    shown = out.getvalue()
    assert "sentence: szeged_factbank" in shown
    assert "cue overlap" in shown
