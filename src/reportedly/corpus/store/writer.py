"""Writing an analysed article: stored whole (its Analysis as JSON, so nothing is lost) and
flattened into the query tables (claims with their status and cited sources, entities and
mentions, events), in one transaction."""

from __future__ import annotations

import json
from typing import Any

from ...records import Analysis, chain_text, to_dict
from ...text.keys import name_key
from ..stories import story_unit, unit_json
from .backend import Backend
from .frame_names import write_frame_names
from .frames import write_frames
from .names import key_names
from .sql import key_column
from .story_df import count_unit

Row = tuple[Any, ...]


def write(
    db: Backend,
    analysis: Analysis,
    *,
    source_item: str | None = None,
    analysis_json: str | None = None,
    fingerprint: str | None = None,
) -> bool:
    """Store one analysed article in one transaction; False if it was already there."""
    art = analysis.article
    with db.transaction():
        inserted = db.execute(
            "INSERT INTO articles (id, content_hash, title, outlet, outlet_key, url, author,"
            " published, source_item, analysis, fingerprint)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [
                art.id,
                art.content_hash,
                art.title,
                art.outlet,
                key_column(art.outlet),
                art.url,
                art.author,
                art.published,
                source_item,
                analysis_json or json.dumps(to_dict(analysis), ensure_ascii=False),
                fingerprint,
            ],
        )
        if inserted == 0:
            return False
        _write_claims(db, analysis)
        mentioned = _write_entities(db, analysis)
        db.executemany(
            "INSERT INTO events (article_id, event_id, claim_id, actor, actor_code, plover,"
            " mode, cameo, target, target_code, date, place, status, polarity, actor_key,"
            " target_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _event_rows(analysis),
        )
        write_frame_names(db, write_frames(db, analysis), mentioned)
        unit = story_unit(analysis)
        if db.execute(
            "INSERT INTO story_units (article_id, data) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [art.id, unit_json(unit)],
        ):
            count_unit(db, unit.features)  # the document frequencies of story features
    return True


def _write_claims(db: Backend, analysis: Analysis) -> None:
    art = analysis.article
    claim_rows: list[Row] = []
    source_rows: list[Row] = []
    fts_rows: list[tuple[str, str, str, str]] = []
    for c in analysis.claims:
        sentence = art.text[c.sentence_start : c.sentence_end]
        claim_rows.append(
            (
                art.id,
                c.id,
                c.status,
                c.text,
                sentence,
                c.start,
                c.end,
                c.sentence_start,
                c.sentence_end,
                int(c.direct_quote),
                c.polarity,
                chain_text(c.source_chain),
            )
        )
        source_rows += [
            (
                art.id,
                c.id,
                s.level,
                s.name,
                s.kind,
                name_key(s.name),
                art.published,
                c.start,
                c.status,
            )
            for s in c.source_chain
        ]
        fts_rows.append((c.text, sentence, art.id, c.id))
    db.executemany(
        "INSERT INTO claims (article_id, claim_id, status, text, sentence, start,"
        ' "end", sentence_start, sentence_end, direct_quote, polarity, sources)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        claim_rows,
    )
    db.executemany(
        "INSERT INTO claim_sources (article_id, claim_id, level, name, kind, name_key,"
        " published, start, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        source_rows,
    )
    db.index_claims(fts_rows)
    db.executemany(
        "INSERT INTO source_names (name_key) VALUES (?) ON CONFLICT DO NOTHING",
        sorted({(r[5],) for r in source_rows if r[2] >= 1 and r[5]}),
    )


def _write_entities(db: Backend, analysis: Analysis) -> dict[str, set[str]]:
    """Write the mentions and which entities each claim's sentence mentions; the keys of
    those entities by claim id."""
    art = analysis.article
    db.executemany(
        'INSERT INTO mentions (article_id, entity_id, canonical, type, text, start, "end",'
        " text_key, canonical_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                art.id,
                e.id,
                e.canonical,
                e.type,
                m.text,
                m.start,
                m.end,
                name_key(m.text),
                name_key(e.canonical),
            )
            for e in analysis.entities
            for m in e.mentions
        ],
    )
    key_names(db, {(e.canonical, e.type) for e in analysis.entities})
    starts = sorted((m.start, name_key(e.canonical)) for e in analysis.entities for m in e.mentions)
    # with what a listing of the claims about a name sorts and filters on (schema 14)
    rows = {
        (art.id, c.id, key, art.published, c.start, c.status)
        for c in analysis.claims
        for start, key in starts
        if c.sentence_start <= start < c.sentence_end
    }
    db.executemany(
        "INSERT INTO claim_mentions (article_id, claim_id, canonical_key, published, start,"
        " status) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        sorted(rows),
    )
    mentioned: dict[str, set[str]] = {}
    for _, cid, key, *_ in rows:
        mentioned.setdefault(cid, set()).add(key)
    return mentioned


def _event_rows(analysis: Analysis) -> list[Row]:
    return [
        (
            analysis.article.id,
            ev.id,
            ev.claim,
            ev.actor.name if ev.actor else None,
            ev.actor.code if ev.actor else None,
            ev.plover,
            ev.mode,
            ev.cameo,
            ev.target.name if ev.target else None,
            ev.target.code if ev.target else None,
            ev.time.value if ev.time else None,
            ev.place.name if ev.place else None,
            ev.status,
            ev.polarity,
            name_key(ev.actor.name) if ev.actor else None,
            name_key(ev.target.name) if ev.target else None,
        )
        for ev in analysis.events
    ]
