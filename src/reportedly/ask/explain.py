"""The text people read: what a part states, the explanation of its verdict, the
explanation of the question's, and what is missing to settle it.

>>> explain("Hezbollah abandoned Assad", "no_evidence", [], [])
'No article says that Hezbollah abandoned Assad, and none says it did not happen.'
"""

from __future__ import annotations

from collections.abc import Sequence

from ..text.inflect import counted, third_person
from .records import Evidence, PartAnswer
from .verdict import independent_chains

__all__ = ["explain", "explain_question", "missing", "statement"]


def statement(about: str, answers: Sequence[str]) -> str:
    """What a part states, with a wh- part's first answer in place of its question word
    ("who visited Assad" answered "Ali Larijani" -> "Ali Larijani visited Assad")."""
    if answers and about.startswith("who "):
        return answers[0] + about[3:]
    if answers:
        return f"{about} (answer: {', '.join(answers[:5])})"
    return about


def explain(about: str, verdict: str, evidence: Sequence[Evidence], answers: list[str]) -> str:
    """The explanation of a part's verdict: what it states, in how many claims of which
    outlets, and the sources beyond them."""
    if verdict == "no_evidence":
        return f"No article says that {about}, and none says it did not happen."
    outlets = sorted({e.outlet or e.voice for e in evidence})
    sources = sorted({n for e in evidence for n in e.chain if n not in outlets})
    what = statement(about, answers)
    n = len(evidence)
    claims = f"{counted(n, 'claim')} in {', '.join(outlets)}"

    def verb(lemma: str) -> str:  # agrees with the number of claims
        return third_person(lemma) if n == 1 else lemma

    text = {
        "confirmed": f"Confirmed: {what}; {claims}, from independent sources",
        "asserted": f"Asserted: {claims} {verb('state')} that {what} in the outlet's own voice",
        "reported": f"Reported: {claims} {verb('attribute')} that {what} to named sources",
        "unconfirmed": f"Unconfirmed: only hedged or anonymous reports that {what} ({claims})",
        "contested": f"Contested: {claims} {verb('go')} both ways on whether {what}",
        "denied": f"Denied: {claims} only {verb('deny')} that {what}",
    }[verdict]
    if sources and verdict in ("reported", "unconfirmed", "confirmed", "contested"):
        text += f" ({', '.join(sources[:6])})"
    guessed = sum(1 for e in evidence if e.backoff)
    if guessed:
        text += (
            f"; {counted(guessed, 'claim')} found by lexical backoff (words near the"
            " question's, not its own: never confirmed on them alone)"
        )
    return text + "."


def missing(parts: Sequence[PartAnswer]) -> list[str]:
    """What would settle each part: somebody saying it, an outlet stating it in its own
    voice, a second independent source."""
    out: list[str] = []
    for p in parts:
        what = statement(p.about, p.answers)
        if p.verdict == "no_evidence":
            out.append(f"nobody said that {p.about}")
        elif p.verdict in ("reported", "unconfirmed"):
            out.append(f"no outlet states in its own voice that {what}")
        if p.verdict in ("asserted", "reported") and len(independent_chains(p.evidence)) < 2:
            out.append(f"no second independent source says that {what}")
        if p.evidence and all(e.backoff for e in p.evidence):
            out.append(f"no claim says in the question's own words that {what}")
    return out


def explain_question(verdict: str, parts: Sequence[PartAnswer], combine: str) -> str:
    """The explanation of the question's verdict: its part's, or the verdict of each part
    and how they combine ("either" for "or", else "both")."""
    if len(parts) == 1:
        return parts[0].explanation
    joined = "; ".join(f"{p.about}: {p.verdict}" for p in parts)
    word = "either" if combine == "or" else "both"
    return f"{verdict.replace('_', ' ').capitalize()} ({word} parts: {joined})."
