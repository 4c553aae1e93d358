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
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from spacy.language import Language
    from spacy.tokens import Doc

FloatArray = npt.NDArray[np.float32]
T = TypeVar("T")
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
class Labels:
    """One label column of a doc (part of speech, dependency, entity type), factorised:
    its distinct names and, for each token, which of them it has."""

    names: list[str]
    which: IntArray  # (n,) index into names

    def codes(self, index: dict[str, int]) -> IntArray:
        """Each token's position in ``index``; -1 where its label has none."""
        table = np.array([index.get(v, -1) for v in self.names] + [-1], dtype=np.int64)
        return table[self.which]


@dataclass
class Raw:
    """What the features of a doc are made from (cached by training, made from a Doc)."""

    tensor: FloatArray  # (n, width)
    lemma: npt.NDArray[np.uint64]  # lowercase lemma hashes
    head: IntArray  # absolute head index
    pos: Labels
    dep: Labels
    ent: Labels
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


def _factorise(
    column: npt.NDArray[np.uint64], make: Callable[[int], T]
) -> tuple[list[T], IntArray]:
    """(``make`` of each distinct value of a ``Doc.to_array`` column, each token's index
    into them): ``make`` runs once per distinct value (a loop over tokens makes a Token
    object for each)."""
    values, inverse = np.unique(column, return_inverse=True)
    return [make(int(v)) for v in values], inverse.reshape(-1).astype(np.int64)


def raw_of(doc: Doc) -> Raw:
    """The raw feature material of a parsed doc."""
    from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, POS

    n = len(doc)
    tensor = np.asarray(doc.tensor, dtype=np.float32)
    if tensor.shape[0] != n:  # a pipeline without a tok2vec tensor
        tensor = np.zeros((n, tensor.shape[1] if tensor.ndim == 2 else 96), dtype=np.float32)
    rel = doc.to_array([HEAD]).astype(np.int64).reshape(-1)
    cols = doc.to_array([LEMMA, POS, DEP, ENT_TYPE]).astype(np.uint64).reshape(n, 4)
    strings = doc.vocab.strings

    def name(h: int) -> str:  # a hash or symbol id; 0 is no value
        return strings[h] if h else ""

    lowered, which = _factorise(cols[:, 0], lambda h: int(strings.add(name(h).lower())))
    return Raw(
        tensor=tensor,
        lemma=np.array(lowered, dtype=np.uint64)[which].reshape(-1),
        head=np.arange(n, dtype=np.int64) + rel,
        pos=Labels(*_factorise(cols[:, 1], name)),
        dep=Labels(*_factorise(cols[:, 2], name)),
        ent=Labels(*_factorise(cols[:, 3], name)),
        flags=_flags(doc),
    )


def _onehot(codes: IntArray, width: int) -> FloatArray:
    """Rows of ``width`` columns with a 1 at each code (none for -1)."""
    out = np.zeros((len(codes), width), dtype=np.float32)
    rows = np.flatnonzero(codes >= 0)
    out[rows, codes[rows]] = 1.0
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


def _blocks(vocab: Vocab, width: int) -> list[tuple[str, int, bool]]:
    """The dense feature blocks in their order: (name, width, one-hot)."""
    p, d, e = len(UPOS), len(vocab.deps), len(vocab.ents)
    out = [("t", width, False), ("prev", width, False), ("next", width, False)]
    out += [("head_t", width, False), ("pos", p, True), ("head_pos", p, True)]
    out += [("dep", d, True), ("head_dep", d, True)]
    if vocab.grand:
        out += [("grand_t", width, False), ("grand_pos", p, True), ("grand_dep", d, True)]
    if vocab.children:
        out.append(("children", d, False))
    return [*out, ("ent", e, True), ("flags", N_FLAGS, False)]


def _materials(raw: Raw, vocab: Vocab) -> dict[str, npt.NDArray[Any]]:
    """Each block of :func:`_blocks`: real values (n, width), or for a one-hot block the
    column of each token's 1 (n,), -1 for none."""
    t, head = raw.tensor, raw.head
    n, width = t.shape
    zero = np.zeros((1, width), dtype=np.float32)
    pos = raw.pos.codes(vocab.pos_index)
    dep = raw.dep.codes(vocab.dep_index)
    out: dict[str, npt.NDArray[Any]] = {
        "t": t,
        "prev": np.vstack([zero, t[:-1]]) if n else t,
        "next": np.vstack([t[1:], zero]) if n else t,
        "head_t": t[head],
        "pos": pos,
        "head_pos": pos[head],
        "dep": dep,
        "head_dep": dep[head],
        "ent": raw.ent.codes(vocab.ent_index),
        "flags": raw.flags,
    }
    if vocab.grand:  # the head's head
        grand = head[head]
        out.update(grand_t=t[grand], grand_pos=pos[grand], grand_dep=dep[grand])
    if vocab.children:  # the labels of the token's children
        children = np.zeros((n, len(vocab.deps)), dtype=np.float32)
        own = head != np.arange(n)
        labelled = dep[own]
        children[head[own], np.maximum(labelled, 0)] = labelled >= 0
        out["children"] = children
    return out


def _lemma_buckets(raw: Raw, vocab: Vocab) -> IntArray:
    """(n, lemma_columns): the buckets of the token's lemma, its head's (and its head's
    head's)."""
    buckets = (raw.lemma % np.uint64(vocab.buckets)).astype(np.int64)
    head = raw.head
    cols = [buckets, buckets[head]]
    if vocab.grand:
        cols.append(buckets[head[head]])
    return np.stack(cols, axis=1)


def dense_features(raw: Raw, vocab: Vocab) -> tuple[FloatArray, IntArray]:
    """(dense features (n, d), lemma buckets (n, 2): the token's and its head's)."""
    material = _materials(raw, vocab)
    parts = [
        _onehot(material[name], width) if onehot else material[name]
        for name, width, onehot in _blocks(vocab, raw.tensor.shape[1])
    ]
    return np.hstack(parts).astype(np.float32), _lemma_buckets(raw, vocab)


@dataclass
class Folded:
    """The first layer ready for inference: the feature normalisation folded into its
    weights and bias, each one-hot block and each lemma embedding turned into a table of
    the hidden pre-activations it adds (a row per value), so a token costs a product
    with its real features and a look-up per block. The same function as
    :meth:`Weights.inputs` then the first layer, up to float rounding."""

    real: list[str]  # the real blocks, in order
    real_w: FloatArray  # (their total width, hidden)
    tables: dict[str, FloatArray]  # one-hot block -> (values + 1, hidden); the last row: none
    lemma: list[FloatArray]  # per lemma column, (buckets, hidden)
    bias: FloatArray

    @classmethod
    def of(cls, weights: Weights, width: int) -> Folded:
        blocks = _blocks(weights.vocab, width)
        d = sum(w for _, w, _ in blocks)
        w1 = weights.w1.astype(np.float64)
        inv = 1.0 / weights.scale.astype(np.float64)
        rows = w1[:d] * inv[:, None]
        bias = weights.b1 - (weights.mean.astype(np.float64) * inv) @ w1[:d]
        real: list[str] = []
        real_rows: list[npt.NDArray[np.float64]] = []
        tables: dict[str, FloatArray] = {}
        at = 0
        for name, w, onehot in blocks:
            block = rows[at : at + w]
            at += w
            if onehot:
                tables[name] = np.vstack([block, np.zeros((1, block.shape[1]))]).astype(np.float32)
            else:
                real.append(name)
                real_rows.append(block)
        e = weights.emb.shape[1]
        emb = weights.emb.astype(np.float64)
        lemma = [
            (emb @ w1[d + j * e : d + (j + 1) * e]).astype(np.float32)
            for j in range(weights.vocab.lemma_columns)
        ]
        real_w = np.vstack(real_rows).astype(np.float32)
        return cls(real, real_w, tables, lemma, bias.astype(np.float32))

    def hidden(self, raw: Raw, vocab: Vocab) -> FloatArray:
        """The hidden layer (n, hidden) of every token of ``raw``."""
        material = _materials(raw, vocab)
        real = np.hstack([material[name] for name in self.real]).astype(np.float32)
        pre = _ops().gemm(np.ascontiguousarray(real), self.real_w) + self.bias
        for name, table in self.tables.items():
            pre += table[material[name]]
        lex = _lemma_buckets(raw, vocab)
        for j, table in enumerate(self.lemma):
            pre += table[lex[:, j]]
        out: FloatArray = np.maximum(pre, 0.0)
        return out


@functools.cache
def allowed_transitions() -> npt.NDArray[np.bool_]:
    """allowed[a, b]: label b may follow label a (I-X only after B-X or I-X)."""
    n = len(LABELS)
    ok = np.ones((n, n), dtype=np.bool_)
    for b, label in enumerate(LABELS):
        if label.startswith("I-"):
            role = label[2:]
            for a, prev in enumerate(LABELS):
                ok[a, b] = prev in (f"B-{role}", f"I-{role}")
    ok.setflags(write=False)
    return ok


@functools.cache
def start_allowed() -> npt.NDArray[np.bool_]:
    ok = np.array([not label.startswith("I-") for label in LABELS], dtype=np.bool_)
    ok.setflags(write=False)
    return ok


def viterbi(logp: FloatArray, trans: FloatArray | None = None) -> list[int]:
    """The best well-formed label sequence for per-token log-probabilities (n, labels),
    with ``trans[a, b]`` added to the score of label b after label a when given."""
    return viterbi_batch([logp], [trans])[0][0]


def viterbi_batch(
    logps: Sequence[FloatArray], transes: Sequence[FloatArray | None]
) -> list[list[list[int]]]:
    """:func:`viterbi` of every sequence of ``logps`` under each of ``transes``
    (``[sequence][decoding]``), all decoded in one pass over the positions: the Python
    loop runs once per position of the longest sequence, not once per token of each."""
    r, b = len(transes), len(logps)
    lengths = np.array([lp.shape[0] for lp in logps], dtype=np.int64)
    t = int(lengths.max()) if b else 0
    if t == 0:
        return [[[] for _ in transes] for _ in logps]
    k = len(LABELS)
    padded = np.zeros((b, t, k), dtype=np.float32)
    for j, lp in enumerate(logps):
        padded[j, : lp.shape[0]] = lp
    base = np.where(allowed_transitions(), 0.0, -1e9).astype(np.float32)
    penalty = np.stack([base if x is None else base + x.astype(np.float32) for x in transes])
    first = np.where(start_allowed(), padded[:, 0], -1e9).astype(np.float32)  # (b, k)
    score = np.repeat(first[None], r, axis=0)  # (r, b, k); frozen past a sequence's end
    back = np.zeros((t, r, b, k), dtype=np.int8)
    for i in range(1, t):
        cand = score[:, :, :, None] + penalty[:, None]  # (r, b, from, to)
        best = cand.argmax(axis=2)
        moved = np.take_along_axis(cand, best[:, :, None, :], axis=2)[:, :, 0] + padded[:, i]
        score = np.where((i < lengths)[None, :, None], moved, score)
        back[i] = best
    return _backtrack(back, score.argmax(axis=2), lengths)


def _backtrack(
    back: npt.NDArray[np.int8], last: IntArray, lengths: IntArray
) -> list[list[list[int]]]:
    """The label paths ``[sequence][decoding]`` from the back-pointers (t, r, b, k) and
    each sequence's best last label (r, b)."""
    t, r, b, _ = back.shape
    rows, cols = np.arange(r)[:, None], np.arange(b)[None, :]
    labels = np.zeros((r, b, t), dtype=np.int64)
    state = np.zeros((r, b), dtype=np.int64)
    for i in range(t - 1, -1, -1):
        ends = lengths - 1 == i
        state[:, ends] = last[:, ends]
        labels[:, :, i] = state
        if i:
            inside = (i < lengths)[None, :]
            state = np.where(inside, back[i][rows, cols, state], state)
    return [[labels[x, j, : lengths[j]].tolist() for x in range(r)] for j in range(b)]


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
    _folded: dict[int, Folded] = field(default_factory=dict, repr=False, compare=False)

    def inputs(self, dense: FloatArray, lex: IntArray) -> FloatArray:
        """The network's input as training computes it: the normalised dense features and
        the lemma embeddings (inference takes the :class:`Folded` route)."""
        x = (dense - self.mean) / self.scale
        embedded = [self.emb[lex[:, j]] for j in range(lex.shape[1])]
        return np.hstack([x, *embedded]).astype(np.float32)

    def logits(self, x: FloatArray) -> FloatArray:
        """The label scores of :meth:`inputs` through both layers (the unfolded form)."""
        # thinc's gemm (blis, one thread, as spaCy's own layers): numpy's BLAS would start
        # its threads for these small products, which costs more than the products on a
        # busy machine
        return self._output(
            np.maximum(_ops().gemm(np.ascontiguousarray(x), self.w1) + self.b1, 0.0)
        )

    def _output(self, h: FloatArray) -> FloatArray:
        """The label layer over the hidden layer ``h``."""
        out: FloatArray = _ops().gemm(np.ascontiguousarray(h, dtype=np.float32), self.w2) + self.b2
        return out

    def folded(self, width: int) -> Folded:
        """The first layer folded for inference (made once per tensor width)."""
        made = self._folded.get(width)
        if made is None:
            made = self._folded[width] = Folded.of(self, width)
        return made

    def log_probs(self, raw: Raw) -> FloatArray:
        z = self._output(self.folded(raw.tensor.shape[1]).hidden(raw, self.vocab))
        z = z - z.max(axis=1, keepdims=True)
        out: FloatArray = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return out

    def tag(self, raw: Raw) -> list[tuple[str, int, int]]:
        return self.tag_many([raw])[0]

    def tag_many(self, raws: Sequence[Raw]) -> list[list[tuple[str, int, int]]]:
        """The (role, start, end) spans of each doc of ``raws``, decoded together."""
        empty = np.zeros((0, len(LABELS)), dtype=np.float32)
        logps = [self.log_probs(raw) if raw.tensor.shape[0] else empty for raw in raws]
        if not self.trans:
            return [spans_of(paths[0]) for paths in viterbi_batch(logps, [None])]
        # each role's spans from the decoding tuned for it
        decoded = viterbi_batch(logps, [self.trans.get(role) for role in ROLES])
        found: list[list[tuple[str, int, int]]] = []
        for paths in decoded:
            out: list[tuple[str, int, int]] = []
            for role, path in zip(ROLES, paths, strict=True):
                out.extend(s for s in spans_of(path) if s[0] == role)
            found.append(sorted(out, key=lambda s: (s[1], s[2])))
        return found

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
        self._set([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """The docs in order, tagged ``batch_size`` at a time (decoded together)."""
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._set(batch)
                batch = []
        if batch:
            yield from self._set(batch)

    def _set(self, docs: list[Doc]) -> list[Doc]:
        from spacy.tokens import Span

        found = self.weights.tag_many([raw_of(doc) for doc in docs])
        for doc, spans in zip(docs, found, strict=True):
            doc.spans[SPANS_KEY] = [Span(doc, s, e, label=role) for role, s, e in spans]
        return docs


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
