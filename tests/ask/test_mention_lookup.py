"""The lookups answering repeats per claim: mentions inside a span (by offset), aliases
(one compiled pattern each, a hyphen also written as a space), the action's words."""

from __future__ import annotations

from reportedly.ask.index import Doc, Index, Who
from reportedly.ask.match import has_action
from reportedly.ask.mentions import mentions
from reportedly.ask.question import Action
from reportedly.records import Analysis, Article, Entity, Mention

TEXT = (
    "Mayor Ana Ruiz met the al-Noor Clinic staff. "
    "Later Ruiz said the Al Noor clinic would stay open."
)


def _doc() -> Doc:
    def at(word: str, nth: int = 0) -> tuple[int, int]:
        start = -1
        for _ in range(nth + 1):
            start = TEXT.index(word, start + 1)
        return start, start + len(word)

    ruiz = Entity(
        "e1",
        "Ana Ruiz",
        "PERSON",
        mentions=[
            Mention("Ana Ruiz", *at("Ana Ruiz")),
            Mention("Ruiz", *at("Ruiz", 1), kind="surname"),
        ],
    )
    clinic = Entity(
        "e2", "al-Noor Clinic", "ORG", mentions=[Mention("al-Noor Clinic", *at("al-Noor Clinic"))]
    )
    analysis = Analysis(article=Article(text=TEXT), entities=[ruiz, clinic])
    return Doc(analysis, "outlet", {}, {e.id: e for e in analysis.entities})


def test_mentions_inside_a_span() -> None:
    doc = _doc()
    second = TEXT.index("Later")
    assert [eid for _, _, eid in doc.named_in(0, second)] == ["e1", "e2"]
    assert [eid for _, _, eid in doc.named_in(second, len(TEXT))] == ["e1"]
    assert doc.named_in(6, 9) == []  # "Ana" alone holds no whole mention


def test_alias_with_a_hyphen_matches_a_space() -> None:
    doc = _doc()
    clinic = Who("al-Noor", {"al-noor clinic"}, {}, {"al-noor"})
    second = TEXT.index("Later")
    assert mentions(doc, clinic, second, len(TEXT))  # "Al Noor clinic", by the alias
    nobody = Who("Noor Hassan", set(), {}, {"noor hassan"})
    assert not mentions(doc, nobody, 0, len(TEXT))


def test_action_words_quick_reject() -> None:
    meet = Action("meet", words=["meet", "sit down"])
    assert has_action("The two ministers met in Oslo.", meet)
    assert has_action("They will sit down with the unions.", meet)
    assert not has_action("They will sit on the board.", meet)
    assert not has_action("The ministers spoke by phone.", meet)


def test_resolve_a_name_inside_a_longer_one() -> None:
    text = "Harbour Master Lena Vik Olsen spoke. Lena Vikström also spoke."
    olsen = Entity(
        "e1",
        "Harbour Master Lena Vik Olsen",
        "PERSON",
        mentions=[Mention("Harbour Master Lena Vik Olsen", 0, 29)],
    )
    other = Entity("e2", "Lena Vikström", "PERSON", mentions=[Mention("Lena Vikström", 37, 50)])
    analysis = Analysis(article=Article(text=text), entities=[olsen, other])
    who = Index([analysis]).resolve("Lena Vik")
    assert who.canon == {"harbour master lena vik olsen"}  # whole words: not "Vikström"
