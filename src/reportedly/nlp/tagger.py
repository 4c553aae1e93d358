"""The learned attribution tagger: SOURCE and CUE spans from the parse spaCy already made.

A small feed-forward network labels every token O, B-/I-SOURCE or B-/I-CUE from what
the loaded pipeline computed anyway: the 96-dimensional ``doc.tensor`` of its tok2vec
(the token's, its neighbours' and its syntactic head's), a learned embedding of the
token's and its head's lemma, and one-hot part of speech, dependency label, entity type
and quotation flags. Viterbi decoding keeps the labels a well-formed BIO sequence. It adds
no second tok2vec: inference is a few matrix products per block. Each role's spans come from
its own decoding, with the label-bigram scores tuned for it on the dev file.

The weights (``models/attribution/tagger.npz``) are trained by ``reportedly train
attribution`` (:mod:`reportedly.nlp.tagger_train`) on PolNeAR; the text is never shipped.

The component is a spaCy factory (``reportedly_attribution_tagger``); it writes the spans
it finds to ``doc.spans["attribution_tagger"]`` with labels SOURCE and CUE.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from spacy.language import Language
    from spacy.tokens import Doc

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]

LABELS: tuple[str, ...] = ("O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE")
ROLES: tuple[str, ...] = ("SOURCE", "CUE")
#: The doc.spans key the component writes.
SPANS_KEY = "attribution_tagger"
FACTORY = "reportedly_attribution_tagger"
#: The weights shipped in the package.
DEFAULT_WEIGHTS = "tagger.npz"
#: Universal POS tags (the part-of-speech features; an unknown tag gets none).
UPOS: tuple[str, ...] = (
    "ADJ",
    "ADP",
    "ADV",
    "AUX",
    "CCONJ",
    "DET",
    "INTJ",
    "NOUN",
    "NUM",
    "PART",
    "PRON",
    "PROPN",
    "PUNCT",
    "SCONJ",
    "SYM",
    "VERB",
    "X",
)
#: Flags per token (see :func:`_flags`).
N_FLAGS = 7


@dataclass
class Raw:
    """What the features of a doc are made from (cached by training, made from a Doc)."""

    tensor: FloatArray  # (n, width)
    lemma: npt.NDArray[np.uint64]  # lowercase lemma hashes
    head: IntArray  # absolute head index
    pos: list[str]
    dep: list[str]
    ent: list[str]
    flags: FloatArray  # (n, N_FLAGS)


def _flags(doc: Doc) -> FloatArray:
    """in quotation, is a quote mark, sentence start, head before / after / self, title case."""
    from spacy.attrs import HEAD, IS_QUOTE, IS_TITLE, SENT_START

    n = len(doc)
    out = np.zeros((n, N_FLAGS), dtype=np.float32)
    if not n:
        return out
    arr = doc.to_array([IS_QUOTE, SENT_START, IS_TITLE, HEAD]).astype(np.int64)
    quote = arr[:, 0] == 1
    before = np.cumsum(quote) - quote  # quote marks before the token
    out[:, 0] = (before % 2 == 1) & ~quote
    out[:, 1] = quote
    out[:, 2] = arr[:, 1] == 1
    out[0, 2] = 1.0
    rel = arr[:, 3]
    out[:, 3] = rel < 0
    out[:, 4] = rel > 0
    out[:, 5] = rel == 0
    out[:, 6] = arr[:, 2] == 1
    return out


def raw_of(doc: Doc) -> Raw:
    """The raw feature material of a parsed doc."""
    from spacy.attrs import HEAD

    n = len(doc)
    tensor = np.asarray(doc.tensor, dtype=np.float32)
    if tensor.shape[0] != n:  # a pipeline without a tok2vec tensor
        tensor = np.zeros((n, tensor.shape[1] if tensor.ndim == 2 else 96), dtype=np.float32)
    rel = doc.to_array([HEAD]).astype(np.int64).reshape(-1)
    strings = doc.vocab.strings
    lemma = np.array([strings.add(t.lemma_.lower()) for t in doc], dtype=np.uint64).reshape(-1)
    return Raw(
        tensor=tensor,
        lemma=lemma,
        head=np.arange(n, dtype=np.int64) + rel,
        pos=[t.pos_ for t in doc],
        dep=[t.dep_ for t in doc],
        ent=[t.ent_type_ for t in doc],
        flags=_flags(doc),
    )


def _onehot(values: list[str], index: dict[str, int]) -> FloatArray:
    out = np.zeros((len(values), len(index)), dtype=np.float32)
    for i, v in enumerate(values):
        k = index.get(v)
        if k is not None:
            out[i, k] = 1.0
    return out


@dataclass
class Vocab:
    """The label sets of the one-hot features (fixed when a model is trained)."""

    deps: tuple[str, ...]
    ents: tuple[str, ...]
    buckets: int = 16384
    children: bool = True  # the dependency labels of a token's children are features
    # the head's head too (its tensor, part of speech, dependency label and lemma): the
    # verb a source's determiner or a cue's "in a statement" hangs from
    grand: bool = False

    @property
    def lemma_columns(self) -> int:
        """Lemma embeddings per token: its own, its head's (and its head's head's)."""
        return 3 if self.grand else 2

    @functools.cached_property
    def dep_index(self) -> dict[str, int]:
        return {d: i for i, d in enumerate(self.deps)}

    @functools.cached_property
    def ent_index(self) -> dict[str, int]:
        return {e: i for i, e in enumerate(self.ents)}

    @functools.cached_property
    def pos_index(self) -> dict[str, int]:
        return {p: i for i, p in enumerate(UPOS)}


def dense_features(raw: Raw, vocab: Vocab) -> tuple[FloatArray, IntArray]:
    """(dense features (n, d), lemma buckets (n, 2): the token's and its head's)."""
    t = raw.tensor
    n, width = t.shape
    zero = np.zeros((1, width), dtype=np.float32)
    prev = np.vstack([zero, t[:-1]]) if n else t
    nxt = np.vstack([t[1:], zero]) if n else t
    head_t = t[raw.head] if n else t
    pos = _onehot(raw.pos, vocab.pos_index)
    dep = _onehot(raw.dep, vocab.dep_index)
    head_dep = dep[raw.head] if n else dep
    head_pos = pos[raw.head] if n else pos
    ent = _onehot(raw.ent, vocab.ent_index)
    parts = [t, prev, nxt, head_t, pos, head_pos, dep, head_dep]
    grand = raw.head[raw.head] if n else raw.head
    if vocab.grand:
        parts += [t[grand], pos[grand], dep[grand]] if n else [t, pos, dep]
    if vocab.children:
        children = np.zeros_like(dep)
        own = raw.head != np.arange(n)
        if n:
            children[raw.head[own], dep[own].argmax(axis=1)] = dep[own].max(axis=1)
        parts.append(children)
    dense = np.hstack([*parts, ent, raw.flags])
    buckets = (raw.lemma % np.uint64(vocab.buckets)).astype(np.int64)
    cols = [buckets, buckets[raw.head], buckets[grand]] if n else [buckets] * 3
    lex = np.stack(cols[: vocab.lemma_columns], axis=1)
    return dense.astype(np.float32), lex


def allowed_transitions() -> npt.NDArray[np.bool_]:
    """allowed[a, b]: label b may follow label a (I-X only after B-X or I-X)."""
    n = len(LABELS)
    ok = np.ones((n, n), dtype=np.bool_)
    for b, label in enumerate(LABELS):
        if label.startswith("I-"):
            role = label[2:]
            for a, prev in enumerate(LABELS):
                ok[a, b] = prev in (f"B-{role}", f"I-{role}")
    return ok


def start_allowed() -> npt.NDArray[np.bool_]:
    return np.array([not label.startswith("I-") for label in LABELS], dtype=np.bool_)


def viterbi(logp: FloatArray, trans: FloatArray | None = None) -> list[int]:
    """The best well-formed label sequence for per-token log-probabilities (n, labels),
    with ``trans[a, b]`` added to the score of label b after label a when given."""
    n = logp.shape[0]
    if n == 0:
        return []
    penalty = np.where(allowed_transitions(), 0.0, -1e9).astype(np.float32)
    if trans is not None:
        penalty = penalty + trans.astype(np.float32)
    score = np.where(start_allowed(), logp[0], -1e9).astype(np.float32)
    back = np.zeros((n, logp.shape[1]), dtype=np.int64)
    for i in range(1, n):
        cand = score[:, None] + penalty
        back[i] = cand.argmax(axis=0)
        score = cand.max(axis=0) + logp[i]
    best = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        best.append(int(back[i, best[-1]]))
    return best[::-1]


def spans_of(labels: list[int]) -> list[tuple[str, int, int]]:
    """(role, start token, end token) of a BIO label sequence."""
    out: list[tuple[str, int, int]] = []
    start: int | None = None
    role = ""
    for i, k in enumerate([*labels, 0]):
        name = LABELS[k]
        if start is not None and not name.startswith("I-"):
            out.append((role, start, i))
            start = None
        if name.startswith("B-"):
            start, role = i, name[2:]
    return out


@dataclass
class Weights:
    """The network: lemma embedding, one hidden layer, the label layer."""

    emb: FloatArray  # (buckets, e)
    w1: FloatArray  # (d + 2e, h)
    b1: FloatArray
    w2: FloatArray  # (h, labels)
    b2: FloatArray
    mean: FloatArray  # dense feature normalisation
    scale: FloatArray
    vocab: Vocab
    meta: dict[str, Any]
    # per role, the label-bigram scores its spans are decoded with (see
    # tagger_train.transition_scores); a role without any: the BIO constraints alone
    trans: dict[str, FloatArray] = field(default_factory=dict)

    def inputs(self, dense: FloatArray, lex: IntArray) -> FloatArray:
        x = (dense - self.mean) / self.scale
        embedded = [self.emb[lex[:, j]] for j in range(lex.shape[1])]
        return np.hstack([x, *embedded]).astype(np.float32)

    def logits(self, x: FloatArray) -> FloatArray:
        # thinc's gemm (blis, one thread, as spaCy's own layers): numpy's BLAS would start
        # its threads for these small products, which costs more than the products on a
        # busy machine
        ops = _ops()
        h = np.maximum(ops.gemm(np.ascontiguousarray(x), self.w1) + self.b1, 0.0)
        out: FloatArray = ops.gemm(np.ascontiguousarray(h, dtype=np.float32), self.w2) + self.b2
        return out

    def log_probs(self, raw: Raw) -> FloatArray:
        dense, lex = dense_features(raw, self.vocab)
        z = self.logits(self.inputs(dense, lex))
        z = z - z.max(axis=1, keepdims=True)
        out: FloatArray = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return out

    def tag(self, raw: Raw) -> list[tuple[str, int, int]]:
        if raw.tensor.shape[0] == 0:
            return []
        logp = self.log_probs(raw)
        if not self.trans:
            return spans_of(viterbi(logp))
        out: list[tuple[str, int, int]] = []
        for role in ROLES:  # each role's spans from the decoding tuned for it
            spans = spans_of(viterbi(logp, self.trans.get(role)))
            out.extend(s for s in spans if s[0] == role)
        return sorted(out, key=lambda s: (s[1], s[2]))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        info: dict[str, Any] = {"deps": list(self.vocab.deps), "ents": list(self.vocab.ents)}
        info["buckets"] = self.vocab.buckets
        info["children"] = self.vocab.children
        info["grand"] = self.vocab.grand
        arrays: dict[str, npt.NDArray[Any]] = {
            "emb": self.emb.astype(np.float16),
            "w1": self.w1,
            "b1": self.b1,
            "w2": self.w2,
            "b2": self.b2,
            "mean": self.mean,
            "scale": self.scale,
            "vocab": np.array(json.dumps(info)),
            "meta": np.array(json.dumps(self.meta)),
        }
        for role, trans in self.trans.items():
            arrays[f"trans_{role}"] = trans
        with path.open("wb") as fh:
            np.savez_compressed(fh, allow_pickle=False, **arrays)

    @classmethod
    def load(cls, path: Path | str) -> Weights:
        with np.load(path, allow_pickle=False) as data:
            info = json.loads(str(data["vocab"]))
            return cls(
                emb=data["emb"].astype(np.float32),
                w1=data["w1"],
                b1=data["b1"],
                w2=data["w2"],
                b2=data["b2"],
                mean=data["mean"],
                scale=data["scale"],
                vocab=Vocab(
                    tuple(info["deps"]),
                    tuple(info["ents"]),
                    int(info["buckets"]),
                    bool(info.get("children", False)),
                    bool(info.get("grand", False)),
                ),
                meta=json.loads(str(data["meta"])),
                trans={r: data[f"trans_{r}"] for r in ROLES if f"trans_{r}" in data.files},
            )


@functools.cache
def _ops() -> Any:
    from thinc.api import NumpyOps

    return NumpyOps()


def default_weights_path() -> Path:
    return Path(str(resources.files("reportedly") / "models" / "attribution" / DEFAULT_WEIGHTS))


@functools.cache
def load_weights(path: str | None = None) -> Weights:
    """The weights at ``path`` (default: the shipped ones), loaded once per process."""
    return Weights.load(path or default_weights_path())


class AttributionTagger:
    """The spaCy component: sets ``doc.spans[SPANS_KEY]`` to the SOURCE and CUE spans."""

    def __init__(self, weights: Weights) -> None:
        self.weights = weights

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens import Span

        found = self.weights.tag(raw_of(doc))
        doc.spans[SPANS_KEY] = [Span(doc, s, e, label=role) for role, s, e in found]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _register() -> None:
    from spacy.language import Language

    if Language.has_factory(FACTORY):
        return

    def make(nlp: Language, name: str, weights: str | None) -> AttributionTagger:
        return AttributionTagger(load_weights(weights))

    Language.factory(FACTORY, default_config={"weights": None})(make)


def tagger_component(nlp: Language, weights: str | None = None) -> AttributionTagger:
    """The tagger as made by its spaCy factory (not added to ``nlp``'s pipeline, which
    other users of the cached model share)."""
    _register()
    component = nlp.create_pipe(FACTORY, config={"weights": weights})
    assert isinstance(component, AttributionTagger)
    return component
