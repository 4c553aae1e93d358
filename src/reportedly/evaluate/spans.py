"""Span matching shared by the scorers.

An *item* is what one annotation marks for one role: one or more ``(start, end)``
character pieces (end exclusive). A discontiguous gold span (``"failings ... are
outweighed"``) is one item with several pieces, and is matched as a whole.

Two ways to match a predicted item with a gold item:

``exact``
    the same characters once whitespace and punctuation at the edges of every
    piece are trimmed (``“He left,”`` matches ``He left``), and pieces that touch
    or are separated only by such characters are merged.
``overlap``
    the two items share at least one word token. When an item holds no word at
    all (PolNeAR marks a bare ``:`` as a cue), its punctuation tokens stand in.

Either way a gold item is matched at most once and so is a predicted one;
pairs are taken greedily, largest overlap first (for ``exact`` every pair
weighs the same, and greedy is then optimal). A second prediction of an item
already matched is a false positive.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..errors import MalformedInput

if TYPE_CHECKING:
    from reportedly.records import Analysis

Span = tuple[int, int]
Item = tuple[Span, ...]
#: What callers may pass for an item: any sequence of [start, end] pairs.
Pieces = Sequence[Sequence[int]]

MatchMode = Literal["exact", "overlap"]
MATCH_MODES: tuple[MatchMode, ...] = ("exact", "overlap")

_TOKEN = re.compile(r"(\w+)|[^\w\s]")


@dataclass(frozen=True)
class PRF:
    """True positives, false positives and false negatives, with the usual ratios.

    With nothing predicted and nothing to find, precision, recall and F1 are all
    1.0 (there was nothing to get wrong); with nothing predicted but something
    to find, precision is 0.0, and likewise for recall.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 1.0 if self.fn == 0 else 0.0

    @property
    def recall(self) -> float:
        if self.tp + self.fn:
            return self.tp / (self.tp + self.fn)
        return 1.0 if self.fp == 0 else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, int | float]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def _is_edge(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith("P")


def trim(text: str, start: int, end: int) -> Span:
    """Shrink ``[start, end)`` past whitespace and punctuation at both edges.

    A piece made only of punctuation (a bare ``:``) keeps its punctuation and
    loses only its whitespace, so it never vanishes.
    """
    start, end = max(0, start), min(len(text), end)
    s, e = start, end
    while s < e and _is_edge(text[s]):
        s += 1
    while e > s and _is_edge(text[e - 1]):
        e -= 1
    if s < e:
        return (s, e)
    s, e = start, end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e)


def normalize(text: str, pieces: Iterable[Sequence[int]]) -> Item:
    """Trimmed, sorted, merged pieces of an item (empty pieces dropped)."""
    trimmed = sorted(
        span for span in (trim(text, int(p[0]), int(p[1])) for p in pieces) if span[0] < span[1]
    )
    merged: list[Span] = []
    for s, e in trimmed:
        if merged:
            ps, pe = merged[-1]
            if s <= pe or all(_is_edge(ch) for ch in text[pe:s]):
                merged[-1] = (ps, max(pe, e))
                continue
        merged.append((s, e))
    return tuple(merged)


class SpanText:
    """One text with its tokens, to normalise and compare items over it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[Span] = []
        self.is_word: list[bool] = []
        for m in _TOKEN.finditer(text):
            self.tokens.append((m.start(), m.end()))
            self.is_word.append(m.group(1) is not None)

    def item(self, pieces: Iterable[Sequence[int]]) -> Item:
        return normalize(self.text, pieces)

    def token_ids(self, item: Item) -> frozenset[int]:
        """Indices of the word tokens the item touches (its punctuation if it has no word)."""
        touched = [
            i for i, (ts, te) in enumerate(self.tokens) if any(ts < e and s < te for s, e in item)
        ]
        words = frozenset(i for i in touched if self.is_word[i])
        return words or frozenset(touched)


def greedy_align(
    n_pred: int, n_gold: int, weight: Callable[[int, int], float]
) -> list[tuple[int, int]]:
    """One-to-one (pred, gold) pairs with positive weight, heaviest first.

    Ties go to the earlier prediction, then the earlier gold item.
    """
    candidates = [
        (w, p, g) for p in range(n_pred) for g in range(n_gold) if (w := weight(p, g)) > 0
    ]
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, p, g in candidates:
        if p in used_p or g in used_g:
            continue
        used_p.add(p)
        used_g.add(g)
        pairs.append((p, g))
    return sorted(pairs)


def align(
    text: str | SpanText,
    pred: Sequence[Pieces],
    gold: Sequence[Pieces],
    mode: MatchMode,
) -> list[tuple[int, int]]:
    """Match predicted items with gold items over one text; returns (pred, gold) index pairs.

    Items that are empty once trimmed are never matched.
    """
    st = text if isinstance(text, SpanText) else SpanText(text)
    p_items = [st.item(p) for p in pred]
    g_items = [st.item(g) for g in gold]
    if mode == "exact":
        return greedy_align(
            len(p_items),
            len(g_items),
            lambda p, g: 1.0 if p_items[p] and p_items[p] == g_items[g] else 0.0,
        )
    if mode == "overlap":
        p_tok = [st.token_ids(i) for i in p_items]
        g_tok = [st.token_ids(i) for i in g_items]
        return greedy_align(
            len(p_items), len(g_items), lambda p, g: float(len(p_tok[p] & g_tok[g]))
        )
    raise ValueError(f"unknown match mode {mode!r}; use one of {', '.join(MATCH_MODES)}")


def score(
    text: str | SpanText,
    pred: Sequence[Pieces],
    gold: Sequence[Pieces],
    mode: MatchMode,
) -> PRF:
    """PRF of predicted items against gold items over one text.

    Items that are empty once trimmed (nothing but whitespace) are left out on
    both sides.
    """
    st = text if isinstance(text, SpanText) else SpanText(text)
    pred = [p for p in pred if st.item(p)]
    gold = [g for g in gold if st.item(g)]
    tp = len(align(st, pred, gold, mode))
    return PRF(tp=tp, fp=len(pred) - tp, fn=len(gold) - tp)


class OffsetMap:
    """Maps offsets into the analysed text back to offsets into the gold text.

    Reading may tidy a text (strip it, normalise whitespace), so the article the
    pipeline returns need not be the string that was passed in. When it is the
    same, or a substring of it, offsets shift; otherwise each span is looked up
    by its characters, nearest to where it was found.
    """

    def __init__(self, gold_text: str, analysed_text: str) -> None:
        self.gold = gold_text
        self.analysed = analysed_text
        found = gold_text.find(analysed_text) if analysed_text else -1
        self.shift: int | None = found if found >= 0 else None

    def span(self, start: int | None, end: int | None) -> Span | None:
        """The gold-text span for an analysed-text span, or None when it cannot be placed."""
        if start is None or end is None or end <= start:
            return None
        if self.shift is not None:
            return (start + self.shift, end + self.shift)
        piece = self.analysed[start:end]
        if not piece:
            return None
        best: int | None = None
        at = self.gold.find(piece)
        while at >= 0:
            if best is None or abs(at - start) < abs(best - start):
                best = at
            at = self.gold.find(piece, at + 1)
        return None if best is None else (best, best + len(piece))


def read_jsonl(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The first ``limit`` records of a JSON Lines file (blank lines skipped).

    Raises :class:`~reportedly.errors.MalformedInput` naming the line that is not
    a JSON object.
    """
    records: list[dict[str, Any]] = []
    with Path(path).open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if limit is not None and len(records) >= limit:
                break
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise MalformedInput(f"{path}:{lineno}: not valid JSON ({exc.msg})") from exc
            if not isinstance(record, dict):
                raise MalformedInput(f"{path}:{lineno}: expected a JSON object per line")
            records.append(record)
    return records


def gold_text(record: dict[str, Any], where: str) -> str:
    """The ``text`` of a gold record (``where`` names it in the error when it is missing)."""
    text = record.get("text")
    if not isinstance(text, str):
        raise MalformedInput(f"{where}: missing 'text'")
    return text


def plain_text_analyze() -> Callable[[str], Analysis]:
    """``reportedly.analyze`` on gold text read as plain text (even when it starts with
    "{" or "<"), the default of the span scorers."""
    import reportedly
    from reportedly.read import load_article

    def run(text: str) -> Analysis:
        return reportedly.analyze(load_article(text, fmt="text"))

    return run
