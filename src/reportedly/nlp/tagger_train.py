"""Training the attribution tagger (:mod:`reportedly.nlp.tagger`) on PolNeAR-style files.

``train(train_path, dev_path, out, seed=0, epochs=N)`` parses every paragraph with the
spaCy pipeline reportedly loads, turns the gold source and cue character spans into token
BIO labels (a span that does not fall on token boundaries is widened to them), trains the
network on the train file with Adam and keeps the epoch whose exact-span F1 (source and
cue, averaged) on the dev file is best, stopping when it has not improved for
``patience`` epochs. Everything random comes from one seeded generator, so the same files,
model and seed give the same weights.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .tagger import (
    LABELS,
    ROLES,
    FloatArray,
    IntArray,
    Raw,
    Vocab,
    Weights,
    dense_features,
    raw_of,
    spans_of,
    viterbi,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

#: Gold keys per role in PolNeAR-style records.
ROLE_KEYS: dict[str, str] = {"SOURCE": "source_spans", "CUE": "cue_spans"}


@dataclass
class Example:
    raw: Raw
    labels: IntArray


@dataclass
class Options:
    seed: int = 0
    epochs: int = 8
    patience: int = 2
    hidden: int = 128
    emb: int = 32
    buckets: int = 16384
    batch: int = 512
    lr: float = 1e-3
    decay: float = 0.3  # epoch k's learning rate: lr / (1 + decay * (k - 1))
    children: bool = True  # the dependency labels of a token's children as features
    grand: bool = False  # the head's head's tensor, tags and lemma as features
    dropout: float = 0.2
    limit: int | None = None  # paragraphs of the train file (None: all)


@dataclass
class History:
    epochs: list[dict[str, float]] = field(default_factory=list)
    best_epoch: int = 0
    seconds: float = 0.0


def read_records(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line))
                if limit is not None and len(out) >= limit:
                    break
    return out


def bio_labels(doc: Doc, record: dict[str, Any]) -> IntArray:
    """Token labels of the gold source and cue spans of ``record`` (cues win overlaps)."""
    labels = np.zeros(len(doc), dtype=np.int64)
    index = {name: i for i, name in enumerate(LABELS)}
    for role in ("SOURCE", "CUE"):
        for att in record.get("attributions", []):
            for start, end in att.get(ROLE_KEYS[role]) or []:
                span = doc.char_span(int(start), int(end), alignment_mode="expand")
                if span is None or not len(span):
                    continue
                labels[span.start] = index[f"B-{role}"]
                labels[span.start + 1 : span.end] = index[f"I-{role}"]
    return labels


def examples(nlp: Language, records: Sequence[dict[str, Any]]) -> Iterator[Example]:
    texts = (str(r.get("text", "")) for r in records)
    for doc, record in zip(nlp.pipe(texts, batch_size=64), records, strict=True):
        yield Example(raw_of(doc), bio_labels(doc, record))


def _labels(nlp: Language, name: str) -> list[str]:
    if not nlp.has_pipe(name):
        return []
    return [str(x) for x in getattr(nlp.get_pipe(name), "labels", ())]


def vocab_of(nlp: Language, buckets: int, children: bool = True, grand: bool = False) -> Vocab:
    """The dependency and entity labels of the model (sorted: the same model, the same order)."""
    deps = sorted(_labels(nlp, "parser"))
    ents = sorted(_labels(nlp, "ner"))
    labels = tuple([*deps, "ROOT"] if "ROOT" not in deps else deps)
    return Vocab(labels, tuple(ents), buckets, children, grand)


def _stack(data: Sequence[Example], vocab: Vocab) -> tuple[FloatArray, IntArray, IntArray]:
    dense, lex = zip(*(dense_features(e.raw, vocab) for e in data), strict=True)
    labels = np.concatenate([e.labels for e in data])
    return np.vstack(dense).astype(np.float32), np.vstack(lex), labels


def _f1(tp: int, pred: int, gold: int) -> float:
    return 2 * tp / (pred + gold) if pred + gold else 0.0


def span_scores(weights: Weights, data: Sequence[Example]) -> dict[str, float]:
    """Exact token-span F1 per role over ``data``."""
    counts = {role: [0, 0, 0] for role in ROLES}
    for ex in data:
        pred = set(weights.tag(ex.raw))
        gold = set(spans_of(viterbi(np.log(np.eye(len(LABELS))[ex.labels] + 1e-9))))
        for role in ROLES:
            p = {s for s in pred if s[0] == role}
            g = {s for s in gold if s[0] == role}
            c = counts[role]
            c[0] += len(p & g)
            c[1] += len(p)
            c[2] += len(g)
    return {role.lower(): round(_f1(*counts[role]), 4) for role in ROLES}


#: Weights of the label-bigram scores tried in decoding once the network is trained (0:
#: the BIO constraints alone); each role keeps the best on the dev file.
TRANSITION_WEIGHTS: tuple[float, ...] = (0.0, 0.25, 0.5, 0.75)
#: How much better on dev (F1) a larger weight must decode a role to be kept.
TRANSITION_MARGIN = 0.002


def transition_scores(data: Sequence[Example]) -> FloatArray:
    """log P(b | a) - log P(b) over consecutive labels a, b of ``data`` (add-one smoothed):
    what following a tells of b beyond how common b is, so that the network's own label
    probabilities are not counted twice."""
    n = len(LABELS)
    counts = np.ones((n, n), dtype=np.float64)
    for ex in data:
        if len(ex.labels) > 1:
            np.add.at(counts, (ex.labels[:-1], ex.labels[1:]), 1.0)
    cond = np.log(counts / counts.sum(axis=1, keepdims=True))
    prior = np.log(counts.sum(axis=0) / counts.sum())
    out: FloatArray = (cond - prior[None, :]).astype(np.float32)
    return out


def tune_transitions(
    weights: Weights, bigrams: FloatArray, dev_data: Sequence[Example]
) -> dict[str, float]:
    """Set ``weights.trans`` to the weighted bigram scores that decode each role best on
    ``dev_data`` (a larger weight must win by TRANSITION_MARGIN); returns the scores."""
    best: dict[str, tuple[float, float]] = {}
    for k in TRANSITION_WEIGHTS:
        weights.trans = {r: (k * bigrams).astype(np.float32) for r in ROLES} if k else {}
        scores = span_scores(weights, dev_data)
        for role in ROLES:
            f1 = scores[role.lower()]
            if role not in best or f1 > best[role][1] + TRANSITION_MARGIN:
                best[role] = (k, f1)
    weights.trans = {r: (k * bigrams).astype(np.float32) for r, (k, _) in best.items() if k}
    weights.meta["transition_weights"] = {r: k for r, (k, _) in best.items()}
    return {role.lower(): round(f1, 4) for role, (_, f1) in best.items()}


class _Adam:
    def __init__(self, params: dict[str, FloatArray], lr: float) -> None:
        self.lr = lr
        self.m = {k: np.zeros_like(v) for k, v in params.items()}
        self.v = {k: np.zeros_like(v) for k, v in params.items()}  # "emb": sparse_step
        self.t = 0

    def step(self, params: dict[str, FloatArray], grads: dict[str, FloatArray]) -> None:
        self.t += 1
        b1, b2 = 0.9, 0.999
        corr = np.sqrt(1 - b2**self.t) / (1 - b1**self.t)
        for k, g in grads.items():
            self.m[k] = b1 * self.m[k] + (1 - b1) * g
            self.v[k] = b2 * self.v[k] + (1 - b2) * g * g
            params[k] -= (self.lr * corr * self.m[k] / (np.sqrt(self.v[k]) + 1e-8)).astype(
                np.float32
            )

    def sparse_step(
        self, params: dict[str, FloatArray], key: str, rows: IntArray, g: FloatArray
    ) -> None:
        """Adam on the embedding rows a batch used only (the others keep their moments)."""
        b1, b2 = 0.9, 0.999
        corr = np.sqrt(1 - b2**self.t) / (1 - b1**self.t)
        m = self.m[key][rows] = b1 * self.m[key][rows] + (1 - b1) * g
        v = self.v[key][rows] = b2 * self.v[key][rows] + (1 - b2) * g * g
        params[key][rows] -= (self.lr * corr * m / (np.sqrt(v) + 1e-8)).astype(np.float32)


def _init(rng: np.random.Generator, d: int, opts: Options, columns: int) -> dict[str, FloatArray]:
    n_in = d + columns * opts.emb
    return {
        "emb": (rng.standard_normal((opts.buckets, opts.emb)) * 0.1).astype(np.float32),
        "w1": (rng.standard_normal((n_in, opts.hidden)) * np.sqrt(2.0 / n_in)).astype(np.float32),
        "b1": np.zeros(opts.hidden, dtype=np.float32),
        "w2": (rng.standard_normal((opts.hidden, len(LABELS))) * 0.05).astype(np.float32),
        "b2": np.zeros(len(LABELS), dtype=np.float32),
    }


def _weights(
    p: dict[str, FloatArray],
    mean: FloatArray,
    scale: FloatArray,
    vocab: Vocab,
    meta: dict[str, Any],
) -> Weights:
    return Weights(
        emb=p["emb"].copy(),
        w1=p["w1"].copy(),
        b1=p["b1"].copy(),
        w2=p["w2"].copy(),
        b2=p["b2"].copy(),
        mean=mean,
        scale=scale,
        vocab=vocab,
        meta=dict(meta),
    )


def _grads(
    p: dict[str, FloatArray],
    x: FloatArray,
    lex: IntArray,
    y: IntArray,
    mask: FloatArray,
) -> tuple[IntArray, FloatArray, dict[str, FloatArray]]:
    """Gradients of the mean cross-entropy of one batch (``mask``: dropout on the hidden
    layer): the embedding rows used and their gradients, and the dense layers'."""
    e = p["emb"]
    xi = np.hstack([x, *(e[lex[:, j]] for j in range(lex.shape[1]))])
    a = xi @ p["w1"] + p["b1"]
    h = np.maximum(a, 0.0) * mask
    z = h @ p["w2"] + p["b2"]
    z -= z.max(axis=1, keepdims=True)
    prob = np.exp(z)
    prob /= prob.sum(axis=1, keepdims=True)
    prob[np.arange(len(y)), y] -= 1.0
    dz = (prob / len(y)).astype(np.float32)
    dh = (dz @ p["w2"].T) * mask * (a > 0)
    dx = dh @ p["w1"].T
    d = x.shape[1]
    k = e.shape[1]
    rows, inverse = np.unique(lex, return_inverse=True)
    inverse = inverse.reshape(lex.shape)
    gemb = np.zeros((len(rows), k), dtype=np.float32)
    for j in range(lex.shape[1]):
        np.add.at(gemb, inverse[:, j], dx[:, d + j * k : d + (j + 1) * k])
    return (
        rows,
        gemb,
        {
            "w1": (xi.T @ dh).astype(np.float32),
            "b1": dh.sum(axis=0),
            "w2": (h.T @ dz).astype(np.float32),
            "b2": dz.sum(axis=0),
        },
    )


def fit(
    train_data: Sequence[Example],
    dev_data: Sequence[Example],
    vocab: Vocab,
    opts: Options,
    meta: dict[str, Any],
    report: Callable[[str], None] = log.info,
) -> tuple[Weights, History]:
    """Train on ``train_data``, keep the best epoch on ``dev_data``."""
    started = time.monotonic()
    rng = np.random.default_rng(opts.seed)
    dense, lex, y = _stack(train_data, vocab)
    mean = dense.mean(axis=0).astype(np.float32)
    scale = (dense.std(axis=0) + 1e-3).astype(np.float32)
    dense = (dense - mean) / scale
    params = _init(rng, dense.shape[1], opts, lex.shape[1])
    adam = _Adam(params, opts.lr)
    history = History()
    best: Weights | None = None
    best_score = -1.0
    for epoch in range(1, opts.epochs + 1):
        adam.lr = opts.lr / (1.0 + opts.decay * (epoch - 1))
        order = rng.permutation(len(y))
        for i in range(0, len(order), opts.batch):
            idx = order[i : i + opts.batch]
            keep = (rng.random((len(idx), opts.hidden)) >= opts.dropout).astype(np.float32)
            mask = keep / (1.0 - opts.dropout)
            rows, gemb, grads = _grads(params, dense[idx], lex[idx], y[idx], mask)
            adam.step(params, grads)
            adam.sparse_step(params, "emb", rows, gemb)
        current = _weights(params, mean, scale, vocab, meta)
        scores = span_scores(current, dev_data)
        score = (scores["source"] + scores["cue"]) / 2
        history.epochs.append({"epoch": epoch, **scores})
        report(f"epoch {epoch}: dev source F1 {scores['source']:.3f}, cue F1 {scores['cue']:.3f}")
        if score > best_score:
            best, best_score, history.best_epoch = current, score, epoch
        elif epoch - history.best_epoch >= opts.patience:
            break
    assert best is not None
    decoded = tune_transitions(best, transition_scores(train_data), dev_data)
    report(
        f"label bigrams {best.meta['transition_weights']}: dev source F1 "
        f"{decoded['source']:.3f}, cue F1 {decoded['cue']:.3f}"
    )
    history.seconds = time.monotonic() - started
    best.meta.update(
        {
            "best_epoch": history.best_epoch,
            "dev": {**history.epochs[history.best_epoch - 1], **decoded},
        }
    )
    return best, history


def train(
    nlp: Language,
    train_path: Path,
    dev_path: Path,
    out: Path,
    opts: Options,
    report: Callable[[str], None] = log.info,
) -> History:
    """Parse, convert, train and write the weights to ``out``."""
    started = time.monotonic()
    vocab = vocab_of(nlp, opts.buckets, opts.children, opts.grand)
    train_records = read_records(train_path, opts.limit)
    dev_records = read_records(dev_path)
    report(f"parsing {len(train_records)} train and {len(dev_records)} dev paragraphs")
    train_data = list(examples(nlp, train_records))
    dev_data = list(examples(nlp, dev_records))
    meta = {
        "trained_on": train_path.name,
        "early_stopping": dev_path.name,
        "paragraphs": len(train_records),
        "spacy_model": f"{nlp.meta.get('name', '')}-{nlp.meta.get('version', '')}",
        "seed": opts.seed,
        "options": {k: v for k, v in vars(opts).items()},
    }
    weights, history = fit(train_data, dev_data, vocab, opts, meta, report)
    weights.save(out)
    history.seconds = time.monotonic() - started
    report(f"best epoch {history.best_epoch}; wrote {out} in {history.seconds:.0f} s")
    return history
