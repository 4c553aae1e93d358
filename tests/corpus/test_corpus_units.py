"""Hand-made records: copies, wire credits, independence of chains, contradictions, B-cubed."""

from __future__ import annotations

import math

import pytest

from reportedly.corpus import (
    Contradiction,
    CopyLink,
    cluster_claims,
    find_copies,
    link_claims,
    shingles,
    wire_credit,
)
from reportedly.corpus.records import Story
from reportedly.evaluate.stories import bcubed
from reportedly.records import Actor, Analysis, Article, Claim, Event, Source

WIRE_TEXT = (
    "NEW YORK (Reuters) - The state attorney general is investigating Acme Corp over its "
    "accounts, according to two people familiar with the matter, the latest blow to the firm."
)


def art(aid: str, text: str, outlet: str, published: str | None = None) -> Article:
    return Article(text=text, id=aid, outlet=outlet, published=published)


def claim(cid: str, text: str, *sources: str, **kw: object) -> Claim:
    chain = [Source(name=s, kind="outlet", level=1) for s in sources]
    return Claim(
        id=cid,
        text=text,
        start=0,
        end=len(text),
        status=kw.get("status", "reported" if sources else "asserted"),  # type: ignore[arg-type]
        sentence_start=0,
        sentence_end=len(text),
        source_chain=chain,
        polarity=kw.get("polarity", "positive"),  # type: ignore[arg-type]
    )


def one_story(*analyses: Analysis) -> list[Story]:
    return [Story(id="s1", articles=[a.article.id for a in analyses])]


def test_wire_credit() -> None:
    assert wire_credit(WIRE_TEXT) == "Reuters"
    assert wire_credit("(Reuters) — The New York State Attorney General ...") == "Reuters"
    assert wire_credit("WASHINGTON (AP) — Lawmakers voted ...") == "Associated Press"
    assert wire_credit("According to Reuters, the attorney general ...") is None
    assert wire_credit("The (small) print matters - a lot.") is None


def test_exact_near_and_wire_copies() -> None:
    body = " ".join(f"word{i}" for i in range(200))
    a = Analysis(article=art("a", body, "A", "2024-01-02"))
    b = Analysis(article=art("b", "  " + body.replace(" ", "\n"), "B", "2024-01-01"))
    c = Analysis(article=art("c", body + " extra words at the end", "C", "2024-01-03"))
    w = Analysis(article=art("w", WIRE_TEXT, "Venture Site"))
    other = Analysis(article=art("o", "Something else entirely happened today.", "O"))
    links = find_copies([a, b, c, w, other])
    # b is published first: it is the original of the group
    assert links == [
        CopyLink("a", "b", 1.0, True, "exact"),
        CopyLink("c", "b", pytest.approx(0.98, abs=0.01), False, "near"),  # type: ignore[arg-type]
        CopyLink("w", "wire:Reuters", 1.0, False, "wire"),
    ]
    assert links[0].to_dict()["exact"] is True


def test_shingles() -> None:
    assert shingles("One two three four five six") == {
        "one two three four five",
        "two three four five six",
    }
    assert shingles("Short text") == {"short text"}


def test_two_outlets_citing_reuters_count_once() -> None:
    text = "Acme Corp is being investigated by the state attorney general"
    x = Analysis(art("x", text, "X"), claims=[claim("c1", text, "Reuters")])
    y = Analysis(art("y", text + ".", "Y"), claims=[claim("c1", text, "Reuters")])
    z = Analysis(art("z", text + "!", "Z"), claims=[claim("c1", text, "The Times")])
    (cluster,) = cluster_claims([x, y, z], one_story(x, y, z), copies=[])
    assert cluster.corroboration == 2
    assert cluster.chains == [["Reuters"], ["The Times"]]


def test_reuters_copy_and_citing_article_count_once() -> None:
    text = "The state attorney general is investigating Acme Corp over its accounts"
    w = Analysis(art("w", WIRE_TEXT, "Venture Site"), claims=[claim("c1", text)])
    t = Analysis(
        art("t", "Acme is reportedly under investigation.", "Tech Site"),
        claims=[claim("c1", text, "Reuters")],
    )
    own = Analysis(art("o", "Our own reporting.", "Own Paper"), claims=[claim("c1", text)])
    (cluster,) = cluster_claims([w, t, own], one_story(w, t, own))
    assert cluster.chains == [["Reuters"], ["Own Paper"]]
    assert cluster.corroboration == 2


def test_event_structure_links_different_wording() -> None:
    def with_event(aid: str, text: str) -> Analysis:
        c = claim("c1", text)
        ev = Event(
            id="v1",
            claim="c1",
            text="asked",
            start=0,
            end=5,
            actor=Actor(name="Bashar al-Assad"),
            target=Actor(name="Donald Trump"),
            plover="REQUEST",
        )
        return Analysis(art(aid, text, aid.upper()), claims=[c], events=[ev])

    p = with_event("p", "Assad asked Trump for help")
    q = with_event("q", "The Syrian leader appealed to the president-elect")
    (cluster,) = cluster_claims([p, q], one_story(p, q), copies=[])
    assert cluster.corroboration == 2


def test_contradictions() -> None:
    text = "Assad asked Trump for help before he fled"
    p = Analysis(art("p", text, "P"), claims=[claim("c1", text)])
    q = Analysis(
        art("q", "x", "Q"),
        claims=[claim("c1", "Assad never asked Trump for help", polarity="negative")],
    )
    r = Analysis(
        art("r", "y", "R"),
        claims=[
            claim("c1", "Assad asked Trump for help before he fled", "Damascus", status="denied")
        ],
    )
    clusters, found = link_claims([p, q, r], one_story(p, q, r), copies=[])
    assert len(clusters) == 1
    cid = clusters[0].id
    assert Contradiction(cid, ("p", "c1"), ("q", "c1"), "polarity") in found
    assert Contradiction(cid, ("p", "c1"), ("r", "c1"), "denial") in found
    assert found[0].to_dict()["cluster_a"] == cid


def test_bcubed_perfect_and_lumped() -> None:
    gold = {"a": "1", "b": "1", "c": "2", "d": "2"}
    perfect = bcubed({"a": "x", "b": "x", "c": "y", "d": "y"}, gold)
    assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)
    lumped = bcubed({k: "all" for k in gold}, gold)
    assert lumped.precision == 0.5
    assert lumped.recall == 1.0
    assert math.isclose(lumped.f1, 2 / 3)


def test_bcubed_split_and_missing() -> None:
    gold = {"a": "1", "b": "1", "c": "1", "d": "2"}
    # {a,b} {c} {d}: precision 1; recall (2/3 + 2/3 + 1/3 + 1) / 4
    split = bcubed({"a": "x", "b": "x", "c": "y", "d": "z"}, gold)
    assert split.precision == 1.0
    assert math.isclose(split.recall, (2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    # items missing from the prediction are singletons; extra predicted items are ignored
    missing = bcubed({"a": "x", "b": "x", "zz": "x"}, gold)
    assert missing.precision == 1.0
    assert math.isclose(missing.recall, (2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert bcubed({}, {}).f1 == 0.0
