"""The learned attribution tagger: BIO decoding, the shipped weights, the nlp stage's
switch, and ``reportedly train attribution`` end to end on paragraphs written here."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import reportedly
from reportedly.cli import app
from reportedly.nlp.tagger import (
    LABELS,
    SPANS_KEY,
    AttributionTagger,
    Weights,
    allowed_transitions,
    default_weights_path,
    load_weights,
    spans_of,
    start_allowed,
    viterbi,
    viterbi_batch,
)
from reportedly.stages.nlp import TAGGER_ENV, tagger_enabled


def _logp(rows: list[list[float]]) -> np.ndarray:
    return np.log(np.asarray(rows, dtype=np.float32))


def test_viterbi_keeps_bio_well_formed() -> None:
    # token 0 prefers I-CUE, which cannot open a span: decoding makes it B-CUE or O
    labels = viterbi(_logp([[0.1, 0.0001, 0.0001, 0.3, 0.6], [0.1, 0.0001, 0.0001, 0.1, 0.8]]))
    assert LABELS[labels[0]] in ("O", "B-CUE")
    for a, b in itertools.pairwise(labels):
        if LABELS[b].startswith("I-"):
            assert LABELS[a][2:] == LABELS[b][2:]


def test_spans_of() -> None:
    seq = [LABELS.index(x) for x in ("B-SOURCE", "I-SOURCE", "B-CUE", "O", "B-CUE", "I-CUE")]
    assert spans_of(seq) == [("SOURCE", 0, 2), ("CUE", 2, 3), ("CUE", 4, 6)]


def test_shipped_weights_load_and_say_what_they_were_trained_on() -> None:
    assert default_weights_path().exists()
    weights = load_weights()
    assert weights.meta.get("trained_on", "polnear_train.jsonl").startswith("polnear")
    assert default_weights_path().stat().st_size < 10_000_000


def test_tagger_marks_a_plain_report() -> None:
    analysis_doc = reportedly.Pipeline().run(
        reportedly.read.load_article("The harbour master said the ferries would run again.")
    )
    spans = {(s.label_, s.text) for d in analysis_doc.docs for s in d.spans[SPANS_KEY]}
    assert ("CUE", "said") in spans
    assert ("SOURCE", "The harbour master") in spans


def test_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TAGGER_ENV, raising=False)
    assert tagger_enabled({})
    assert not tagger_enabled({"tagger": False})
    monkeypatch.setenv(TAGGER_ENV, "0")
    assert not tagger_enabled({})
    assert tagger_enabled({"tagger": True})
    doc = reportedly.Pipeline().run(reportedly.read.load_article("The mayor said it rained."))
    assert all(SPANS_KEY not in d.spans for d in doc.docs)


PARAGRAPHS = [
    ("The mayor said the bridge would reopen in May.", "The mayor", "said"),
    ("Fishermen complained that the quotas were too low.", "Fishermen", "complained"),
    ("The bakery will open a second shop, its owner announced.", "its owner", "announced"),
    ("A spokeswoman confirmed the delay on Tuesday.", "A spokeswoman", "confirmed"),
    ("Rain is expected over the hills tonight.", None, None),
]


def _record(text: str, source: str | None, cue: str | None) -> dict[str, object]:
    atts = []
    if source and cue:
        s, c = text.index(source), text.index(cue)
        atts.append({"source_spans": [[s, s + len(source)]], "cue_spans": [[c, c + len(cue)]]})
    return {"id": text[:10], "text": text, "attributions": atts}


def test_train_command_end_to_end(tmp_path: Path) -> None:
    data = tmp_path / "tiny.jsonl"
    data.write_text("\n".join(json.dumps(_record(*p)) for p in PARAGRAPHS) + "\n", encoding="utf-8")
    out = tmp_path / "model" / "tagger.npz"
    args = ["train", "attribution", "--train", str(data), "--dev", str(data)]
    result = CliRunner().invoke(app, [*args, "--out", str(out), "--epochs", "2", "--seed", "1"])
    assert result.exit_code == 0, result.output
    weights = Weights.load(out)
    assert weights.meta["seed"] == 1
    assert weights.meta["trained_on"] == "tiny.jsonl"
    again = tmp_path / "again.npz"
    result = CliRunner().invoke(app, [*args, "--out", str(again), "--epochs", "2", "--seed", "1"])
    assert result.exit_code == 0, result.output
    assert np.array_equal(Weights.load(again).w1, weights.w1)  # the same seed, the same weights


def test_label_bigrams_favour_a_span_going_on() -> None:
    from reportedly.nlp.tagger_train import Example, transition_scores

    seq = [LABELS.index(x) for x in ("O", "B-CUE", "I-CUE", "O", "B-SOURCE", "I-SOURCE", "O")]
    ex = Example(raw=None, labels=np.asarray(seq * 20, dtype=np.int64))  # type: ignore[arg-type]
    pmi = transition_scores([ex])
    b_cue, i_cue, o = LABELS.index("B-CUE"), LABELS.index("I-CUE"), LABELS.index("O")
    assert pmi[b_cue, i_cue] > 0 > pmi[o, i_cue]


def test_viterbi_with_bigram_scores_joins_a_span() -> None:
    # token 1 leans O; a strong B-CUE -> I-CUE score makes the two tokens one cue
    rows = [[0.1, 0.0001, 0.0001, 0.8, 0.0998], [0.55, 0.0001, 0.0001, 0.0498, 0.4]]
    assert [LABELS[k] for k in viterbi(_logp(rows))] == ["B-CUE", "O"]
    trans = np.zeros((len(LABELS), len(LABELS)), dtype=np.float32)
    trans[LABELS.index("B-CUE"), LABELS.index("I-CUE")] = 1.0
    assert [LABELS[k] for k in viterbi(_logp(rows), trans)] == ["B-CUE", "I-CUE"]


def test_each_role_keeps_its_own_decoding(tmp_path: Path) -> None:
    weights = load_weights()
    assert set(weights.trans) <= {"SOURCE", "CUE"}
    out = tmp_path / "w.npz"
    weights.save(out)
    again = Weights.load(out)
    assert set(again.trans) == set(weights.trans)
    for role, trans in weights.trans.items():
        assert np.array_equal(again.trans[role], trans)


def _path_score(logp: np.ndarray, path: list[int], trans: np.ndarray | None) -> float:
    """The score of one label path, or -inf when it is not well-formed BIO."""
    if not path:
        return 0.0
    if not start_allowed()[path[0]]:
        return float("-inf")
    total = float(logp[0, path[0]])
    for i, (a, b) in enumerate(itertools.pairwise(path), start=1):
        if not allowed_transitions()[a, b]:
            return float("-inf")
        total += float(logp[i, b]) + (float(trans[a, b]) if trans is not None else 0.0)
    return total


def _best_score(logp: np.ndarray, trans: np.ndarray | None) -> float:
    """Every label path tried (short sequences only): the oracle of the decoding."""
    paths = itertools.product(range(len(LABELS)), repeat=logp.shape[0])
    return max(_path_score(logp, list(p), trans) for p in paths)


_ROWS = st.lists(st.floats(-8.0, 0.0, width=32), min_size=len(LABELS), max_size=len(LABELS))
_SEQ = st.lists(_ROWS, min_size=0, max_size=4)


@settings(max_examples=60, deadline=None)
@given(
    seqs=st.lists(_SEQ, min_size=1, max_size=4),
    bigram=st.lists(st.floats(-2.0, 2.0, width=32), min_size=25, max_size=25),
)
def test_batched_viterbi_finds_each_sequence_best_path(
    seqs: list[list[list[float]]], bigram: list[float]
) -> None:
    # sequences of different lengths decoded together, under two decodings at once, get
    # each the best-scoring well-formed path of its own
    logps = [np.asarray(rows, dtype=np.float32).reshape(-1, len(LABELS)) for rows in seqs]
    trans = np.asarray(bigram, dtype=np.float32).reshape(len(LABELS), len(LABELS))
    decoded = viterbi_batch(logps, [None, trans])
    assert len(decoded) == len(logps)
    for logp, paths in zip(logps, decoded, strict=True):
        for path, t in zip(paths, [None, trans], strict=True):
            assert len(path) == logp.shape[0]
            assert _path_score(logp, path, t) == pytest.approx(_best_score(logp, t), abs=1e-3)
            assert path == viterbi(logp, t)


def test_tagger_pipe_marks_what_each_doc_alone_gets() -> None:
    nlp = reportedly.Pipeline().resources.nlp
    tagger = AttributionTagger(load_weights())
    texts = [
        "The mayor said on Monday that the bridge would reopen.",
        "",
        "“We will not pay,” a union spokeswoman told reporters, according to the paper.",
        "Rain.",
    ]
    alone = [
        [(s.label_, s.start, s.end) for s in tagger(doc).spans[SPANS_KEY]]
        for doc in nlp.pipe(texts)
    ]
    batched = [
        [(s.label_, s.start, s.end) for s in doc.spans[SPANS_KEY]]
        for doc in tagger.pipe(nlp.pipe(texts), batch_size=3)
    ]
    assert batched == alone
    assert any(alone)


def test_folded_first_layer_is_the_trained_network() -> None:
    from reportedly.nlp.model import load_model, model_name
    from reportedly.nlp.tagger import dense_features, raw_of

    nlp = load_model(model_name())
    doc = nlp("The ministry, citing two officials, said on Monday that talks had stalled.")
    weights = load_weights()
    raw = raw_of(doc)
    dense, lex = dense_features(raw, weights.vocab)
    reference = weights.logits(weights.inputs(dense, lex))
    hidden = weights.folded(raw.tensor.shape[1]).hidden(raw, weights.vocab)
    folded = hidden @ weights.w2 + weights.b2
    assert folded.shape == reference.shape == (len(doc), len(LABELS))
    assert np.allclose(folded, reference, atol=1e-4)


def test_a_label_the_model_does_not_know_has_no_one_hot() -> None:
    from reportedly.nlp.tagger import Labels

    column = Labels(names=["nsubj", "made-up", "ROOT"], which=np.array([2, 0, 1, 0]))
    assert column.codes({"ROOT": 0, "nsubj": 1}).tolist() == [0, 1, -1, 1]
    assert Labels(names=[], which=np.zeros(0, dtype=np.int64)).codes({}).tolist() == []
