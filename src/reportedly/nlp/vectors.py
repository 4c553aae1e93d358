"""Static word vectors: a lexical-similarity backoff for words the lexicons do not cover.

The table (``models/vectors/vectors.npz``, float16 unit rows, and ``vectors.json``, its
metadata and calibrated threshold) is distilled from sentence-transformers/all-MiniLM-L6-v2
by ``reportedly train vectors`` (:mod:`reportedly.nlp.vectors_build`): each word alone through
the model, then PCA. No model runs here and nothing is downloaded: the table is read once,
lazily, on the first call (a few milliseconds).

- :func:`vector` — a word's or phrase's unit vector (a phrase not in the table is the mean
  of its words), ``None`` when none of its words is known;
- :func:`similarity` — the cosine of two words or phrases (0.0 when either is unknown);
- :func:`similar_to` — the words of a vocabulary at least ``threshold`` similar to a word;
- :func:`nearest_actions` — the actions.yaml entries nearest to a verb lemma;
- :func:`object_group` — the object synonym group (actions.yaml) a word belongs with.

The default threshold (:func:`threshold`) is calibrated on the intrinsic set for precision
first (at least 0.9: a wrong paraphrase makes ``ask`` confirm the wrong thing).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ..lexicons import Lexicons

FloatArray = npt.NDArray[np.float32]

#: The shipped table, inside the package.
VECTORS_DIR = Path(str(resources.files("reportedly") / "models" / "vectors"))


@dataclass(frozen=True)
class Table:
    """The words and their unit vectors (row ``index[w]`` of ``matrix``)."""

    index: dict[str, int]
    matrix: npt.NDArray[np.float16]
    threshold: float

    @classmethod
    def load(cls, folder: Path = VECTORS_DIR) -> Table:
        with np.load(folder / "vectors.npz") as data:
            matrix = data["table"]
            words = data["words"].tobytes().decode("utf-8").split("\n")
        meta = json.loads((folder / "vectors.json").read_text(encoding="utf-8"))
        return cls({w: i for i, w in enumerate(words)}, matrix, float(meta["threshold"]))

    def row(self, word: str) -> FloatArray | None:
        i = self.index.get(word)
        return None if i is None else self.matrix[i].astype(np.float32)


@functools.cache
def table() -> Table:
    """The shipped table, loaded on first use."""
    return Table.load()


def threshold() -> float:
    """The calibrated cosine threshold of the shipped table."""
    return table().threshold


def _key(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").split())


def vector(text: str) -> FloatArray | None:
    """The unit vector of a word or phrase, or ``None`` when nothing of it is known.

    A phrase in the table ("take over") has its own row; another is the mean of its known
    words' rows."""
    key = _key(text)
    if not key:
        return None
    t = table()
    row = t.row(key)
    if row is None:
        rows = [r for r in (t.row(w) for w in key.replace("-", " ").split()) if r is not None]
        if not rows:
            return None
        row = np.mean(rows, axis=0)
    norm = float(np.linalg.norm(row))
    return row / norm if norm > 0 else None


def similarity(a: str, b: str) -> float:
    """The cosine of two words or phrases; 1.0 for the same one, 0.0 when either is unknown."""
    ka, kb = _key(a), _key(b)
    if ka and ka == kb:
        return 1.0
    va, vb = vector(ka), vector(kb)
    if va is None or vb is None:
        return 0.0
    return float(va @ vb)


def similar_to(
    word: str, vocabulary: Iterable[str], limit: float | None = None
) -> list[tuple[str, float]]:
    """The words of ``vocabulary`` at least ``limit`` (default: the calibrated threshold)
    similar to ``word``, most similar first (ties by word). Unknown or empty: none."""
    v = vector(word)
    if v is None:
        return []
    bar = threshold() if limit is None else limit
    out: list[tuple[str, float]] = []
    for other in dict.fromkeys(vocabulary):
        u = vector(other)
        if u is None:
            continue
        score = 1.0 if _key(other) == _key(word) else float(v @ u)
        if score >= bar:
            out.append((other, round(score, 4)))
    return sorted(out, key=lambda pair: (-pair[1], pair[0]))


def _action_words(lexicons: Lexicons) -> dict[str, tuple[str, ...]]:
    """Each actions.yaml entry with the words it is scored on: its key and its word list."""
    out: dict[str, tuple[str, ...]] = {}
    for key, entry in lexicons.actions.get("actions", {}).items():
        out[str(key)] = (str(key), *(str(w) for w in entry.get("words", [])))
    return out


def nearest_actions(
    lemma: str, k: int = 3, limit: float | None = None, lexicons: Lexicons | None = None
) -> list[tuple[str, float]]:
    """The (at most ``k``) actions.yaml entries nearest to a verb lemma, each scored by its
    most similar word (the key or one of its ``words``), keeping those at least ``limit``
    (default: the calibrated threshold) similar. A lemma the lexicon has is its own entry."""
    lex = lexicons or Lexicons.load()
    entries = _action_words(lex)
    key = _key(lemma)
    if key in entries:
        return [(key, 1.0)]
    v = vector(key)
    if v is None:
        return []
    bar = threshold() if limit is None else limit
    scored: list[tuple[str, float]] = []
    for action, words in entries.items():
        best = max((float(v @ u) for u in map(vector, words) if u is not None), default=-1.0)
        if best >= bar:
            scored.append((action, round(best, 4)))
    return sorted(scored, key=lambda pair: (-pair[1], pair[0]))[:k]


def object_group(
    word: str, limit: float | None = None, lexicons: Lexicons | None = None
) -> tuple[str, ...] | None:
    """The object synonym group of actions.yaml that ``word`` is in, or else the one with a
    member at least ``limit`` (default: the calibrated threshold) similar to it (the best
    one); ``None`` when no group is."""
    lex = lexicons or Lexicons.load()
    groups = [tuple(str(w) for w in g) for g in lex.actions.get("object_synonyms", [])]
    key = _key(word)
    if not key:
        return None
    for group in groups:
        if key in group:
            return group
    best: tuple[float, tuple[str, ...] | None] = (threshold() if limit is None else limit, None)
    for group in groups:
        for _, score in similar_to(key, group, best[0])[:1]:
            if score > best[0] or best[1] is None:
                best = (score, group)
    return best[1]
