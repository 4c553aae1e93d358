"""Claim frames: who does what to whom in each stored claim, as indexed rows.

A frame is written at ingest from the Analysis records alone (no parse is run): one per
event of a claim (its actor, the lemma of the words naming the action, its PLOVER type,
its target, its time) and one for the claim's own words (the entity mentioned first in
the claim, the first content word after it as the predicate, the entity mentioned after
that as the target). Both carry the object head words (the content words after the
predicate), whether the claim is negated and its status as the modality.

Question answering reads them to pick, among the articles that could bear on a question,
the ones with a claim whose frame fits a part (:func:`articles_with_frames`): its actor or
target key and its predicate lemma or PLOVER family; or, for the whole store at once, by
name from the rows :mod:`.frame_names` derives from them (schema 15).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import Any

from ... import lexicons
from ...errors import MalformedInput
from ...records import Analysis, Claim, Event
from ...text.action_words import is_past_form, known_action, verb_forms, verb_lemma
from ...text.keys import name_key
from .sql import batches, in_list

__all__ = [
    "FRAMES_TABLE",
    "FRAME_COLUMNS",
    "articles_with_frames",
    "fill_frames",
    "frame_rows",
    "lemma_forms",
    "predicate_lemma",
    "write_frames",
]

#: The claim_frames table and its indexes (both dialects; schema version 10).
FRAMES_TABLE = (
    """CREATE TABLE IF NOT EXISTS claim_frames (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        claim_id TEXT NOT NULL,
        frame INTEGER NOT NULL,
        actor_key TEXT, predicate TEXT, plover TEXT, target_key TEXT,
        objects TEXT NOT NULL,
        negated INTEGER NOT NULL,
        modality TEXT NOT NULL,
        event_time TEXT,
        PRIMARY KEY (article_id, claim_id, frame)
    )""",
    # partial: a third of the frames have no actor and half no target (a frame is only
    # looked up by a key it has)
    "CREATE INDEX IF NOT EXISTS claim_frames_actor"
    " ON claim_frames(actor_key, predicate, plover, article_id) WHERE actor_key IS NOT NULL",
    "CREATE INDEX IF NOT EXISTS claim_frames_target"
    " ON claim_frames(target_key, predicate, plover, article_id) WHERE target_key IS NOT NULL",
)

#: The columns a frame row holds, in order.
FRAME_COLUMNS = (
    "article_id",
    "claim_id",
    "frame",
    "actor_key",
    "predicate",
    "plover",
    "target_key",
    "objects",
    "negated",
    "modality",
    "event_time",
)

#: Object head words kept per frame.
MAX_OBJECTS = 4

#: Frames read off a claim's own words, at most (one per word that can name an action).
MAX_PREDICATES = 4

Row = tuple[Any, ...]


@cache
def _skipped() -> frozenset[str]:
    """Words that are never a predicate or an object head (function words, auxiliaries,
    hedges and adverbs): skipped when reading a frame off a claim's words."""
    words = lexicons.default().words
    out: set[str] = set()
    for key in ("stopwords", "determiners", "question_adverbs", "question_hedges"):
        out.update(str(w) for w in words[key])
    out.update(str(w) for w in words.get("frame_skipped", []))
    return frozenset(out)


@lru_cache(maxsize=65536)
def predicate_lemma(word: str) -> str:
    """The lemma a frame stores for a word naming an action: the events lexicon's action
    it inflects ("pleaded" -> "plead"), else its verb lemma ("met" -> "meet"), else the
    word case-folded."""

    w = word.casefold().strip("'’")
    return known_action(w) or verb_lemma(w) or w


@lru_cache(maxsize=4096)
def lemma_forms(lemma: str) -> frozenset[str]:
    """Every form a frame may store for an action ``lemma``: the lemma and its inflections
    (lemminflect's: "meet" -> "met", "stop" -> "stopped")."""

    return verb_forms(lemma) | {lemma.casefold()}


_WORD = re.compile(r"[\w][\w'’-]*")


def _words_after(text: str, start: int, end: int) -> list[str]:
    return [m.group(0).casefold() for m in _WORD.finditer(text, start, end)]


def _content(words: Iterable[str]) -> list[str]:
    skipped = _skipped()
    return [w for w in words if w not in skipped and not w.isdigit()]


def _negated(claim: Claim, ev: Event | None = None) -> int:
    neg = claim.polarity == "negative" or claim.status == "denied"
    if ev is not None:
        neg = neg or ev.polarity == "negative"
    return int(neg)


@lru_cache(maxsize=65536)
def _verbish(word: str) -> bool:
    """Whether a word can name the action of a clause without a parse: an action of the
    events lexicon in any form, an irregular past form ("met", "fled"), or a regular past
    or -ing form."""

    if known_action(word) is not None or (is_past_form(word) and not word.endswith("ed")):
        return True
    return (word.endswith("ed") and len(word) > 4) or (word.endswith("ing") and len(word) > 5)


def _own_frames(text: str, c: Claim, inside: list[tuple[int, int, str]]) -> list[Row]:
    """The frames of a claim's own words: one per word that can name an action (else
    the first content word after the first mention) as the predicate, with the entity
    mentioned first before it as the actor and the first one after it as the target."""
    skipped = _skipped()
    spans = [
        (m.start(), m.end(), m.group(0).casefold()) for m in _WORD.finditer(text, c.start, c.end)
    ]
    content = [sp for sp in spans if sp[2] not in skipped and not sp[2].isdigit()]
    named = [(s, e) for s, e, _ in inside]

    def in_name(sp: tuple[int, int, str]) -> bool:
        return any(s <= sp[0] and sp[1] <= e for s, e in named)

    free = [sp for sp in content if not in_name(sp)]
    preds = [sp for sp in free if _verbish(sp[2])][:MAX_PREDICATES]
    if not preds:
        first = inside[0][1] if inside else c.start
        preds = [sp for sp in free if sp[0] >= first][:1]
    if not preds:
        return [(None, None, None, None, "", _negated(c), c.status, None)]
    rows: list[Row] = []
    for pred in preds:
        actor = next((m for m in inside if m[1] <= pred[0]), None)
        target = next((m for m in inside if m[0] >= pred[1]), None)
        objects = [sp[2] for sp in content if sp[0] >= pred[1]][:MAX_OBJECTS]
        rows.append(
            (
                actor[2] if actor else None,
                predicate_lemma(pred[2]),
                None,
                target[2] if target else None,
                " ".join(objects),
                _negated(c),
                c.status,
                None,
            )
        )
    return rows


def frame_rows(analysis: Analysis) -> list[Row]:
    """The frames of every claim of ``analysis`` (rows in :data:`FRAME_COLUMNS` order)."""
    art = analysis.article
    text = art.text
    # every mention (pronouns too: they are resolved) by start, with its entity's key
    mentions = sorted(
        (m.start, m.end, name_key(e.canonical)) for e in analysis.entities for m in e.mentions
    )
    events_of: dict[str, list[Event]] = {}
    for ev in analysis.events:
        events_of.setdefault(ev.claim, []).append(ev)
    rows: list[Row] = []
    for c in analysis.claims:
        inside = [m for m in mentions if c.start <= m[0] and m[1] <= c.end]
        n = 0
        for ev in events_of.get(c.id, []):
            head = _content(_words_after(ev.text, 0, len(ev.text)))
            after = ev.end if ev.end > ev.start else c.start
            rows.append(
                (
                    art.id,
                    c.id,
                    n,
                    name_key(ev.actor.name) if ev.actor else None,
                    predicate_lemma(head[0]) if head else None,
                    ev.plover,
                    name_key(ev.target.name) if ev.target else None,
                    " ".join(_content(_words_after(text, after, c.end))[:MAX_OBJECTS]),
                    _negated(c, ev),
                    c.status,
                    ev.time.value if ev.time else None,
                )
            )
            n += 1
        for own in _own_frames(text, c, inside):
            rows.append((art.id, c.id, n, *own))
            n += 1
    return rows


_INSERT = (
    f"INSERT INTO claim_frames ({', '.join(FRAME_COLUMNS)})"
    f" VALUES ({', '.join('?' for _ in FRAME_COLUMNS)}) ON CONFLICT DO NOTHING"
)


def write_frames(db: Any, analysis: Analysis) -> list[Row]:
    """Insert the frames of ``analysis`` (inside the writer's transaction); the rows."""
    rows = frame_rows(analysis)
    db.executemany(_INSERT, rows)
    return rows


def fill_frames(db: Any) -> None:
    """Migration step: the frames of every stored analysis that has none yet."""
    from ...records import from_dict

    ids = [
        str(r["id"])
        for r in db.rows(
            "SELECT id FROM articles a WHERE NOT EXISTS"
            " (SELECT 1 FROM claim_frames f WHERE f.article_id = a.id)"
        )
    ]
    skip = ("attributions", "hedges", "notices")
    for marks, vals in batches(ids):
        for r in db.rows(f"SELECT analysis FROM articles WHERE id IN {marks}", vals):
            try:
                data = {k: v for k, v in json.loads(str(r["analysis"])).items() if k not in skip}
                analysis = from_dict(Analysis, data)
            except (TypeError, ValueError, KeyError, AttributeError, MalformedInput):
                continue  # not an analysis this reportedly can read: no frames
            db.executemany(_INSERT, frame_rows(analysis))


def articles_with_frames(
    db: Any,
    ids: Iterable[str],
    *,
    keys: Sequence[str],
    predicates: Sequence[str] = (),
    families: Sequence[str] = (),
    role: str = "actor",
    any_predicate: bool = False,
) -> dict[str, int]:
    """Among the articles ``ids``, those with a frame whose ``role`` key ("actor" or
    "target") is one of ``keys`` and whose predicate is one of ``predicates`` (stored
    forms, see :func:`lemma_forms`) or whose PLOVER type is one of ``families``; with how
    many such frames each has. No ``keys``: any actor; ``any_predicate``: any predicate
    (``keys`` then required)."""
    column = "actor_key" if role == "actor" else "target_key"
    conds: list[str] = []
    args: list[Any] = []
    if predicates:
        m, v = in_list(sorted(set(predicates)))
        conds.append(f"predicate IN {m}")
        args += v
    if families:
        m, v = in_list(sorted(set(families)))
        conds.append(f"plover IN {m}")
        args += v
    if any_predicate:
        if not keys:
            return {}
        conds = ["1 = 1"]
    if not conds:
        return {}
    what = "(" + " OR ".join(conds) + ")"
    key_sql, key_args = "", list[Any]()
    if keys:
        km, kv = in_list(sorted(set(keys)))
        # the frame's own role, or (the actor) a mention of the name in the claim's
        # sentence: a claim's own words are read without a parse, so their frame may
        # give the role to another name of the clause ("X, of Y, pleaded")
        key_sql = f"{column} IN {km} AND "
        key_args = kv
    out: dict[str, int] = {}
    for marks, vals in batches(sorted(ids)):
        sql, sql_args = key_sql, key_args
        if keys and role == "actor":
            # the mentions probed only among these articles (PostgreSQL hashes the whole
            # subquery: every claim naming "Trump" otherwise)
            sql = (
                f"({column} IN {km} OR EXISTS (SELECT 1 FROM claim_mentions cm"
                f" WHERE cm.canonical_key IN {km} AND cm.article_id IN {marks}"
                " AND cm.article_id = f.article_id AND cm.claim_id = f.claim_id)) AND "
            )
            sql_args = [*kv, *kv, *vals]
        for r in db.rows(
            f"SELECT article_id, count(*) AS n FROM claim_frames f WHERE {sql}{what}"
            f" AND article_id IN {marks} GROUP BY article_id",
            [*sql_args, *args, *vals],
        ):
            out[str(r["article_id"])] = int(r["n"])
    return out
