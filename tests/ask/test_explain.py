"""ask.explain alone: the text people read, from hand-made evidence and part answers (the
sentences are ours)."""

from __future__ import annotations

from reportedly.ask.explain import explain, explain_question, missing, statement
from reportedly.ask.records import Evidence, PartAnswer


def _evidence(outlet: str, chain: list[str], claim: str = "c1") -> Evidence:
    text = "Lina Ortiz met the Harbour Union."
    return Evidence(
        article=f"a-{outlet}",
        claim=claim,
        outlet=outlet,
        date="2025-03-06",
        event_date=None,
        sentence=text,
        text=text,
        status="reported",
        polarity="positive",
        source_chain=[outlet, *chain],
        chain=chain or [outlet],
        voice=outlet,
    )


def _part(about: str, verdict: str, evidence: list[Evidence]) -> PartAnswer:
    return PartAnswer(about, None, "meet", [], None, verdict, evidence=evidence)


def test_statement_puts_the_answer_in_place_of_who() -> None:
    assert statement("who met the Harbour Union", ["Lina Ortiz"]) == (
        "Lina Ortiz met the Harbour Union"
    )
    assert statement("where Ortiz met the union", ["Portvale"]) == (
        "where Ortiz met the union (answer: Portvale)"
    )
    assert statement("Ortiz met the union", []) == "Ortiz met the union"


def test_explanation_counts_claims_and_names_sources() -> None:
    one = explain(
        "Ortiz met the union", "reported", [_evidence("Valley Courier", ["Port Authority"])], []
    )
    assert one == (
        "Reported: 1 claim in Valley Courier attributes that Ortiz met the union to named"
        " sources (Port Authority)."
    )
    two = [_evidence("Valley Courier", ["Port Authority"]), _evidence("Coast Herald", [])]
    text = explain("Ortiz met the union", "contested", two, [])
    assert text.startswith("Contested: 2 claims in Coast Herald, Valley Courier go both ways")
    assert explain("Ortiz met the union", "no_evidence", [], []) == (
        "No article says that Ortiz met the union, and none says it did not happen."
    )


def test_missing_says_what_would_settle_it() -> None:
    reported = _part("Ortiz met the union", "reported", [_evidence("Valley Courier", ["aides"])])
    nothing = _part("Ortiz visited the pier", "no_evidence", [])
    assert missing([reported, nothing]) == [
        "no outlet states in its own voice that Ortiz met the union",
        "no second independent source says that Ortiz met the union",
        "nobody said that Ortiz visited the pier",
    ]


def test_a_compound_question_explains_each_part() -> None:
    met = _part("Ortiz met the union", "reported", [])
    met.explanation = "Reported: ..."
    pier = _part("Ortiz visited the pier", "no_evidence", [])
    assert explain_question("reported", [met], "single") == "Reported: ..."
    assert explain_question("no_evidence", [met, pier], "and") == (
        "No evidence (both parts: Ortiz met the union: reported;"
        " Ortiz visited the pier: no_evidence)."
    )
    assert "(either parts:" in explain_question("reported", [met, pier], "or")
