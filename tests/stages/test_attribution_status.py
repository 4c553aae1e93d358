"""Attribution and status on sentences we wrote (not the seed): each construction once."""

from __future__ import annotations

import pytest

import reportedly
from reportedly.records import Analysis, Claim

PAD = (
    "The city council met on Monday to discuss the budget for the coming year and the plans "
    "for the new bridge across the river."
)


def analyse(text: str, **kw: str) -> Analysis:
    # a neutral opening paragraph keeps the headline logic out of the way
    return reportedly.analyze(PAD + "\n\n" + text, **kw)


def claim_with(result: Analysis, needle: str) -> Claim:
    hits = [c for c in result.claims if needle in c.text]
    assert hits, f"no claim contains {needle!r}: {[c.text for c in result.claims]}"
    return min(hits, key=lambda c: len(c.text))


def cited(c: Claim) -> list[str]:
    return [s.name for s in c.source_chain if s.level >= 1]


def test_subject_said_that() -> None:
    r = analyse("Mayor Jane Holloway said that the bridge would reopen in March.")
    c = claim_with(r, "the bridge would reopen in March")
    assert c.status == "reported"
    assert cited(c) == ["Jane Holloway"]
    src = c.source_chain[-1]
    assert src.kind == "official"
    assert r.article.text[src.start : src.end] == "Mayor Jane Holloway"
    assert src.cue is not None
    assert src.cue.text == "said"


def test_inverted_reporting_verb_names_the_outlet() -> None:
    r = analyse("The company laid off two hundred workers in its Ohio plant, reported Reuters.")
    c = claim_with(r, "laid off two hundred workers")
    assert c.status == "reported"
    assert cited(c) == ["Reuters"]
    assert c.source_chain[-1].kind == "outlet"


def test_according_to_two_sources_share_one_level() -> None:
    r = analyse(
        "The minister resigned on Tuesday, according to the state broadcaster NHK and "
        "two senior officials."
    )
    c = claim_with(r, "The minister resigned on Tuesday")
    assert c.status == "reported"
    levels = {s.level for s in c.source_chain if s.level >= 1}
    assert levels == {1}
    assert len([s for s in c.source_chain if s.level == 1]) == 2
    assert "according to" in [q.text for q in c.cues]


def test_passive_report_without_source_is_hedged() -> None:
    r = analyse("The general is believed to have left the capital before dawn.")
    c = claim_with(r, "left the capital")
    assert c.status == "hedged"
    assert any(q.text.startswith("is believed to") for q in c.cues)
    assert not cited(c)


def test_reportedly_is_a_hedge() -> None:
    r = analyse("The singer reportedly cancelled the rest of her tour.")
    c = claim_with(r, "cancelled the rest of her tour")
    assert c.status == "hedged"
    assert [q.text for q in c.cues] == ["reportedly"]


def test_anonymous_sources_hedge() -> None:
    r = analyse(
        "People familiar with the matter said the merger talks had collapsed over the weekend."
    )
    c = claim_with(r, "the merger talks had collapsed")
    assert c.source_chain[-1].kind == "anonymous"
    assert c.status == "hedged"


def test_nested_chain_with_citing() -> None:
    r = analyse(
        "The Guardian reported, citing a leaked memo, that the ministry had ignored the warnings.",
        outlet="Daily Example",
    )
    c = claim_with(r, "the ministry had ignored the warnings")
    assert c.source_chain[0].name == "Daily Example"
    assert c.source_chain[0].level == 0
    names = [(s.name, s.level) for s in c.source_chain]
    assert ("The Guardian", 1) in names
    assert any(level == 2 for _, level in names)


def test_the_name_a_participle_cites_is_not_its_inverted_subject() -> None:
    # "citing Reuters" is no "..., said Reuters": the agency is cited once, one level down
    r = analyse("The harbour was closed on Monday, the Daily Courier reported, citing Reuters.")
    c = claim_with(r, "The harbour was closed")
    assert [(s.name, s.level) for s in c.source_chain if s.level >= 1] == [
        ("Daily Courier", 1),
        ("Reuters", 2),
    ]


@pytest.mark.parametrize(
    ("text", "content", "source"),
    [
        # the parser reads the inverted speaker as the verb's object, and the content as
        # the verb's subject clause or as a clause it is joined to
        (
            "The ferry terminal is closing, confirmed the port authority.",
            "ferry terminal is closing",
            "port authority",
        ),
        (
            "Bread prices will rise next year, warned the central bank on Monday.",
            "Bread prices will rise",
            "central bank",
        ),
        (
            "The harbour talks have stalled, confirmed the ministry on Monday.",
            "harbour talks have stalled",
            "ministry",
        ),
    ],
)
def test_an_inverted_speaker_read_as_the_object_is_the_source(
    text: str, content: str, source: str
) -> None:
    c = claim_with(analyse(text), content)
    assert c.status == "reported"
    assert content in c.text
    assert source not in c.text
    assert cited(c) == [source]


def test_a_second_verb_of_the_subject_keeps_its_subject() -> None:
    # "..., accused the government": a verb that takes a person as object is the same
    # subject's second verb, not an inverted report
    r = analyse("The mayor rejected the harbour plan, accused the government.")
    claims = [c for c in r.claims if "accused" in r.article.text[c.sentence_start : c.sentence_end]]
    assert claims
    assert all("government" not in cited(c) for c in claims)


def test_referring_to_a_source_cites_it() -> None:
    r = analyse("The ferry crossing has been cancelled, the ministry said, referring to Reuters.")
    c = claim_with(r, "The ferry crossing has been cancelled")
    assert [(s.name, s.level) for s in c.source_chain if s.level >= 1] == [
        ("ministry", 1),
        ("Reuters", 2),
    ]
    assert "referring" not in c.text


def test_a_name_set_beside_an_outlet_noun_is_an_outlet() -> None:
    # "the news site X", "the newspaper X": an outlet the outlet list does not hold heard
    # the speaker, one level above him
    for hearer, name in [
        ("the news site Vesti Lakes", "Vesti Lakes"),
        ("the newspaper Nordpost Zeitung", "Nordpost Zeitung"),
    ]:
        r = analyse(f"A ferry captain told {hearer} that the crossing had been cancelled.")
        c = claim_with(r, "the crossing had been cancelled")
        chain = [(s.name, s.kind, s.level) for s in c.source_chain if s.level >= 1]
        assert chain[0] == (name, "outlet", 1)
        assert [level for _, _, level in chain] == [1, 2]


def test_a_name_after_the_verb_of_fronted_content_is_its_speaker() -> None:
    # "..., reported X": the content before the verb leaves X its inverted subject; a
    # complement after the verb makes the name a hearer ("told Reuters that")
    r = analyse("The ferry service was suspended, reported Harbour Weekly.")
    assert cited(claim_with(r, "The ferry service was suspended")) == ["Harbour Weekly"]
    r = analyse("The captain told Harbour Weekly that the ferry service was suspended.")
    c = claim_with(r, "the ferry service was suspended")
    assert [s.level for s in c.source_chain if s.name == "captain"] == [2]


def test_speech_frame_inside_a_report_nests() -> None:
    r = analyse("Police said the driver told officers that he had not seen the cyclist.")
    inner = claim_with(r, "he had not seen the cyclist")
    levels = [s.level for s in inner.source_chain]
    assert levels == sorted(levels)
    assert max(levels) == 2


def test_denial_verb_denies_its_content() -> None:
    r = analyse("The ministry denied that its troops had crossed the border.")
    c = claim_with(r, "its troops had crossed the border")
    assert c.status == "denied"
    assert c.polarity == "negative"


def test_never_denies_an_event_but_not_a_state() -> None:
    r = analyse(
        "His spokesman said the president never asked Moscow for military help. "
        "He said his location is not known."
    )
    assert claim_with(r, "never asked Moscow").status == "denied"
    assert claim_with(r, "his location is not known").status == "reported"


def test_a_negation_in_the_outlets_voice_states_an_absence() -> None:
    r = analyse("The president never asked Moscow for military help.")
    assert claim_with(r, "never asked Moscow").status == "asserted"


def test_speculation_and_modal() -> None:
    r = analyse(
        "Rumours are swirling that the coach will resign. The storm may have damaged the pier."
    )
    assert claim_with(r, "the coach will resign").status == "speculative"
    assert claim_with(r, "damaged the pier").status == "speculative"


def test_question_headline() -> None:
    r = reportedly.analyze("Will the bridge reopen before winter?\n\n" + PAD)
    c = claim_with(r, "Will the bridge reopen before winter")
    assert c.status == "questioned"
    assert c.headline


def test_conditional_is_not_asserted() -> None:
    r = analyse("If the dam fails, the valley will flood within hours.")
    assert claim_with(r, "the valley will flood").status == "speculative"


def test_plain_statement_is_asserted_and_has_only_the_outlet() -> None:
    r = analyse("The bridge closed on Friday after engineers found cracks.", outlet="Daily Example")
    c = claim_with(r, "The bridge closed on Friday")
    assert c.status == "asserted"
    assert [s.name for s in c.source_chain] == ["Daily Example"]


def test_hedge_carries_the_previous_source_within_a_paragraph() -> None:
    r = analyse(
        "The airline cut its forecast for the year, the Financial Times reported. It "
        "reportedly plans to sell two of its regional subsidiaries."
    )
    c = claim_with(r, "plans to sell two")
    assert c.status == "hedged"
    assert cited(c) == ["Financial Times"]


def test_quote_across_sentences_keeps_its_speaker() -> None:
    r = analyse("“We will rebuild the station. It will take two years,” said the mayor, Ana Ruiz.")
    c = claim_with(r, "We will rebuild the station")
    assert c.direct_quote
    assert cited(c) == ["Ana Ruiz"]


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("He said the vote was rigged.", "the vote was rigged"),
        ("“The vote was rigged,” he said.", "The vote was rigged"),
        ("The vote, she said, was rigged.", "was rigged"),
    ],
)
def test_reporting_verb_positions(text: str, needle: str) -> None:
    r = analyse(text)
    c = claim_with(r, needle)
    assert c.status == "reported"
    assert c.source_chain[-1].start is not None


def test_according_to_on_a_denial_is_one_link_not_two() -> None:
    # regression: "according to" hung on a denial verb was added twice to the chain
    r = analyse(
        "The defence ministry denied on Tuesday that its troops had crossed the border, "
        "according to the state news agency."
    )
    content = claim_with(r, "its troops had crossed the border")
    assert content.status == "denied"
    assert [(s.name, s.level) for s in content.source_chain] == [
        ("state news agency", 1),
        ("defence ministry", 2),
    ]
    act = claim_with(r, "The defence ministry denied")
    assert act.status == "reported"


def test_source_is_the_phrase_not_a_country_inside_it() -> None:
    # regression: "the US military" was named after the place "US" inside it
    r = analyse(
        "Two soldiers were killed in a crash, the US military said in a statement on Monday."
    )
    c = claim_with(r, "Two soldiers were killed in a crash")
    assert cited(c) == ["US military"]
    # and "said in a statement on Monday" is not a claim of its own
    assert not [x for x in r.claims if x.text.startswith("the US military said")]


def test_modal_in_a_temporal_clause_is_not_the_claims_own() -> None:
    r = analyse(
        "The hospital is withholding the names of the dead until their families can be told."
    )
    assert claim_with(r, "withholding the names").status == "asserted"


def test_sentence_hedges_are_kept_even_when_they_set_no_status() -> None:
    r = analyse("Officials said the bridge may reopen if the inspection goes well.")
    kinds = {(h.text, h.kind) for h in r.hedges}
    assert ("may", "speculation") in kinds
    assert ("if", "conditional") in kinds
    for h in r.hedges:
        assert r.article.text[h.start : h.end] == h.text


def test_quotation_opening_a_paragraph_continues_the_previous_speaker() -> None:
    r = analyse(
        "“We want to rebuild the pier,” the harbour master, Tom Rees, said.\n\n"
        "“That is all. We have asked the council twice and heard nothing back.”"
    )
    c = claim_with(r, "We have asked the council twice")
    assert c.direct_quote
    assert cited(c) == ["Tom Rees"]
    assert c.status == "reported"


def test_a_known_outlet_the_tagger_missed_is_an_outlet_not_a_description() -> None:
    """Regression: "..., The Week reported." gave a source "Week" of kind person, and the
    parser's apposition made "The Week" a mention of the person before it."""
    result = analyse(
        "The governor turned to Prime Minister Ana Ruiz for help in a final attempt to stay in "
        "office, The Week reported."
    )
    c = claim_with(result, "turned to")
    (src,) = [s for s in c.source_chain if s.level == 1]
    assert (src.name, src.kind) == ("The Week", "outlet")
    for ent in result.entities:
        if ent.type == "PERSON":
            assert all(m.text != "The Week" for m in ent.mentions)


def test_the_leader_of_another_country_is_not_the_leader_named_before() -> None:
    """Regression: "the leader of Japan" was linked to North Korean leader Kim Jong Un."""
    result = analyse(
        "North Korean leader Kim Jong Un said he would stop missile tests. President Trump "
        "began meetings with the leader of Japan on Tuesday."
    )
    kim = next(e for e in result.entities if e.canonical == "Kim Jong Un")
    assert all("leader of" not in m.text and m.text != "the leader" for m in kim.mentions)


def test_who_the_speaker_is_makes_no_claim_of_its_own() -> None:
    """Regression: "Rami Abdulrahman, the head of the observatory, said X" gave a claim
    'Rami Abdulrahman, the head of the observatory, said' beside X."""
    result = analyse(
        "Rami Abdulrahman, the head of the Syrian Observatory for Human Rights, said the "
        "rebels had entered the city at dawn."
    )
    assert not [c for c in result.claims if c.text.rstrip().endswith("said")]
    c = claim_with(result, "the rebels had entered the city")
    assert cited(c) == ["Rami Abdulrahman"]


def test_stance_clause_is_the_subjects_claim() -> None:
    r = analyse("The governor accused the union of stalling the talks for a month.")
    c = claim_with(r, "accused the union")
    assert c.status == "reported"
    assert cited(c) == ["governor"] or cited(c)[0].endswith("governor")


def test_denying_responsibility_is_denied_by_the_denier() -> None:
    r = analyse(
        "The Harbour Authority denied responsibility for the spill, saying a tanker ran aground."
    )
    c = claim_with(r, "denied responsibility")
    assert c.status == "denied"
    assert cited(c) == ["Harbour Authority"]
    said = claim_with(r, "a tanker ran aground")
    assert cited(said) == ["Harbour Authority"]  # the denier once, not twice


def test_refusal_to_comment_is_reported() -> None:
    r = analyse("The Port Authority of Lagos declined to comment on the shipment.")
    c = claim_with(r, "declined to comment")
    assert c.status == "reported"


@pytest.mark.parametrize(
    "text",
    [
        "Several Western governments blamed the rebels for the shelling of the depot.",
        "Local media reported that the depot had been shelled twice overnight.",
        "A number of Telegram channels reported that the depot had been shelled.",
        "The depot had been shelled twice, a senior Dutch official told reporters.",
        "Officials in the rebel-held north said the depot had been shelled twice.",
    ],
)
def test_unnamed_generic_sources_hedge(text: str) -> None:
    r = analyse(text)
    c = claim_with(r, "depot")
    assert c.status == "hedged"
    assert [s.kind for s in c.source_chain if s.level >= 1] == ["anonymous"]


def test_the_official_after_an_unnamed_official_stays_unnamed() -> None:
    r = analyse(
        "A senior official spoke to reporters on Monday. None of the evidence pointed to "
        "sabotage, the official said."
    )
    c = claim_with(r, "pointed to")
    assert [s.kind for s in c.source_chain if s.level >= 1] == ["anonymous"]


@pytest.mark.parametrize(
    ("text", "needle", "status"),
    [
        # a rejected proposition: denied
        (
            '"Our navy had nothing to do with the sinking," the admiral said.',
            "nothing to do",
            "denied",
        ),
        ("The ministry said its pilots did not bomb the market.", "did not bomb", "denied"),
        # a negated intention, permission or plan: reported
        (
            "The premier stated that he does not intend to dissolve the assembly.",
            "intend",
            "reported",
        ),
        (
            "The envoy said the monitors would not be allowed to enter the port.",
            "allowed",
            "reported",
        ),
        # a negated likelihood: speculative
        (
            "The league said it will likely not announce the verdict before May.",
            "announce",
            "speculative",
        ),
        # an absence in the outlet's voice: asserted
        ("The agency could not independently verify the footage.", "verify", "asserted"),
        ("The airline did not immediately comment on the delays.", "comment", "asserted"),
    ],
)
def test_denial_needs_a_rejected_proposition(text: str, needle: str, status: str) -> None:
    c = claim_with(analyse(text), needle)
    assert c.status == status


@pytest.mark.parametrize(
    ("text", "needle", "status"),
    [
        # what the rejected report says is the denied claim
        ("The union rejected the allegations of vote rigging.", "vote rigging", "denied"),
        (
            "The union rejected reports that its leaders had taken bribes.",
            "its leaders had taken bribes",
            "denied",
        ),
        ("The union rejected the offer of a two percent raise.", "rejected", "reported"),
        ("The guards denied access to the courtroom.", "denied", "reported"),
    ],
)
def test_a_denial_verb_denies_only_a_proposition(text: str, needle: str, status: str) -> None:
    c = claim_with(analyse(text), needle)
    assert c.status == status


def test_a_first_person_stance_in_a_quote_takes_the_quotes_speaker() -> None:
    r = analyse('"We reject the claims." she said.')
    c = claim_with(r, "We reject the claims")
    assert c.status == "denied"
    assert cited(c) == ["she"]


@pytest.mark.parametrize(
    "text",
    [
        '"The convoy was never there," Marta Kowalczyk told Reuters.',
        "Marta Kowalczyk said in an interview with Reuters that the convoy was never there.",
        "Speaking to Reuters on Sunday, Marta Kowalczyk said the convoy was never there.",
    ],
)
def test_the_outlet_a_source_spoke_to_keeps_its_level(text: str) -> None:
    c = claim_with(analyse(text), "convoy was never there")
    chain = [(s.name, s.level) for s in c.source_chain if s.level >= 1]
    assert chain == [("Reuters", 1), ("Marta Kowalczyk", 2)]


def test_unnamed_sources_cited_by_an_outlet() -> None:
    r = analyse("Engineers cited by Reuters dismissed the possibility of erosion.")
    c = claim_with(r, "dismissed the possibility")
    assert next((s.name, s.kind) for s in c.source_chain if s.level >= 1) == ("Reuters", "outlet")


@pytest.mark.parametrize(
    ("text", "needle", "name"),
    [
        (
            "The Ministry of Water said the canal was dry. The ministry said later that "
            "the pumps had failed.",
            "the pumps had failed",
            "Ministry of Water",
        ),
        (
            "Amnesty International said the camp was shelled. The group said that "
            "nine tents had burned.",
            "nine tents had burned",
            "Amnesty International",
        ),
    ],
)
def test_a_definite_description_takes_the_organisation_named_before(
    text: str, needle: str, name: str
) -> None:
    assert cited(claim_with(analyse(text), needle)) == [name]


def test_a_description_with_another_modifier_is_not_the_last_organisation() -> None:
    r = analyse("Amnesty International blamed the army. The Israeli military said it was a rocket.")
    assert cited(claim_with(r, "it was a rocket")) != ["Amnesty International"]


def test_he_is_the_last_named_speaker() -> None:
    r = analyse(
        "President Ana Duarte was briefed by the ministry, her spokesman Carlos Mendes said. "
        "He alleged that the canal was running dry."
    )
    assert cited(claim_with(r, "the canal was running dry")) == ["Carlos Mendes"]


@pytest.mark.parametrize(
    ("text", "needle", "status"),
    [
        (
            "The inspectors said they had high confidence that the valve was cut.",
            "valve",
            "speculative",
        ),
        (
            "The panel found a high probability that the fire was set.",
            "fire was set",
            "speculative",
        ),
        ("It was not clear who had cut the power to the plant.", "cut the power", "asserted"),
        ("The mayor said it is still unclear whether the levee held.", "levee held", "reported"),
    ],
)
def test_assessment_phrases_and_stated_uncertainty(text: str, needle: str, status: str) -> None:
    assert claim_with(analyse(text), needle).status == status


def test_polarity_follows_the_negation_not_the_rejection() -> None:
    r = analyse(
        "The army rejected claims that its drones had hit the depot. "
        "The premier stated that he does not intend to dissolve the assembly. "
        '"Our navy had nothing to do with the sinking," the admiral said.'
    )
    assert claim_with(r, "its drones had hit the depot").status == "denied"
    intent = claim_with(r, "intend")
    assert (intent.status, intent.polarity) == ("reported", "negative")
    assert claim_with(r, "nothing to do").polarity == "positive"  # the sinking took place


def test_a_relative_pronoun_is_never_a_source() -> None:
    r = analyse(
        "The strike drew anger from the farmers' union, which said the levy had doubled. "
        "Senator Ruth Okafor, who denied any link to the firm, spoke on Friday."
    )
    assert cited(claim_with(r, "the levy had doubled")) == ["farmers' union"]
    denial = claim_with(r, "denied any link")
    assert cited(denial) == ["Ruth Okafor"]


def test_a_narrated_speech_act_stays_the_outlets() -> None:
    r = analyse("Governor Lena Marsh endorsed the mayor on Tuesday.")
    assert claim_with(r, "endorsed the mayor").status == "asserted"


@pytest.mark.parametrize(
    ("text", "needle", "source"),
    [
        # a rejection reported by its own speaker: the reported clause is the denial
        (
            "The ministry said on Friday it rejected claims that its ships had mined the bay.",
            "rejected claims",
            "ministry",
        ),
        # a denial verb with its particle
        (
            "The council brushed off allegations that the tender had been rigged.",
            "the tender had been rigged",
            "council",
        ),
        # an impossibility and an evaluative rejection voiced by a named source
        (
            "The governor said the reports about the levy simply cannot be true.",
            "cannot be true",
            "governor",
        ),
        (
            "The mayor told reporters that these allegations are nonsense.",
            "allegations are nonsense",
            "mayor",
        ),
    ],
)
def test_denials_of_reports(text: str, needle: str, source: str) -> None:
    c = claim_with(analyse(text), needle)
    assert c.status == "denied"
    assert source in cited(c)


def test_a_refusal_reported_by_a_speaker_is_no_denial() -> None:
    r = analyse("The minister said the army had denied access to the port.")
    assert claim_with(r, "denied access").status == "reported"


def test_a_relayed_finding_gives_its_status_to_the_relay() -> None:
    # the middle clause only says who found it: the content status wins for it too
    r = analyse(
        "Officials have stated that their assessment shows that the navy was not "
        "responsible for the blast."
    )
    relay = claim_with(r, "their assessment shows")
    assert relay.status == "denied"
    assert claim_with(r, "the navy was not responsible").status == "denied"


def test_a_relative_pronoun_is_the_frames_wording_of_its_antecedent() -> None:
    # the claim's source is the union; the frame marks the word that names it ("which")
    r = analyse("The strike drew anger from the farmers' union, which said the levy had doubled.")
    frame = next(f for f in r.attributions if f.cue.text == "said")
    (src,) = frame.sources
    assert src.start is not None
    assert r.article.text[src.start : src.end] == "which"
    assert src.name == "farmers' union"
    assert cited(claim_with(r, "the levy had doubled")) == ["farmers' union"]


def test_claiming_stances_with_it_and_confirmations_are_reported() -> None:
    r = analyse(
        "The regional command confirmed the destruction of the bridge on Tuesday night. "
        "It has previously accused the rebels of hiding weapons in schools."
    )
    assert claim_with(r, "confirmed the destruction").status == "reported"
    assert claim_with(r, "accused the rebels").status == "reported"
    assert claim_with(analyse("It rained all day in the port."), "rained").status == "asserted"


def test_a_pronoun_source_stands_for_the_body_named_before() -> None:
    r = analyse(
        "The army said the strike on the depot was an accident. "
        "It has previously accused the rebels of hiding weapons in schools."
    )
    c = claim_with(r, "accused the rebels")
    assert cited(c) == ["army"]
    src = c.source_chain[-1]
    assert src.start is not None
    assert r.article.text[src.start : src.end] == "It"  # its own words, resolved


def test_a_pronoun_with_no_body_before_it_stays_as_written() -> None:
    r = analyse("It has accused the rebels of hiding weapons in schools.")
    assert cited(claim_with(r, "accused the rebels")) == ["It"]


@pytest.mark.parametrize(
    ("title", "speaker"),
    [
        (
            "Finance Minister Ana Ruiz: Budget cuts will hit the northern provinces hardest",
            "Finance Minister Ana Ruiz",
        ),
        ("Northern provinces will face deeper budget cuts: Finance Ministry", "Finance Ministry"),
    ],
)
def test_a_headline_names_its_speaker_beside_a_colon(title: str, speaker: str) -> None:
    r = reportedly.analyze(title + "\n\n" + PAD, title=title)
    c = claim_with(r, "budget cuts" if "Ministry" in title else "Budget cuts")
    assert c.headline
    assert c.status == "reported"
    assert cited(c) == [speaker]


@pytest.mark.parametrize(
    "title",
    [
        "Analysis: Budget cuts will hit the northern provinces hardest",
        "London: Budget cuts will hit the northern provinces hardest",
    ],
)
def test_a_headline_label_or_place_is_no_speaker(title: str) -> None:
    r = reportedly.analyze(title + "\n\n" + PAD, title=title)
    assert claim_with(r, "Budget cuts").status == "asserted"


@pytest.mark.parametrize(
    ("text", "needle", "source"),
    [
        (
            "The inquiry has cast doubt on the army's account of the attack.",
            "cast doubt",
            "inquiry",
        ),
        (
            "The spokeswoman called into question assertions by the ministry that the rebels "
            "were behind the blast.",
            "called into question",
            "spokeswoman",
        ),
    ],
)
def test_casting_doubt_is_questioning(text: str, needle: str, source: str) -> None:
    c = claim_with(analyse(text), needle)
    assert c.status == "questioned"
    assert cited(c) == [source]


def test_a_documents_author_is_not_what_it_is_about() -> None:
    r = analyse(
        "A Reuters investigation into the fire at the Riverside Mall in Ohio has cast doubt on the "
        "main piece of evidence."
    )
    assert cited(claim_with(r, "cast doubt")) == ["Reuters"]


@pytest.mark.parametrize(
    "text",
    [
        "The mayor claimed without evidence that the rebels had set the fire.",
        '"After talking with witnesses and studying the footage, proof was found of their link '
        'to the rebels," the agency said on Telegram.',
    ],
)
def test_content_the_parser_hangs_elsewhere_is_reported(text: str) -> None:
    r = analyse(text)
    own = [c for c in r.claims if c.start > len(PAD)]
    assert len(own) == 1, [c.text for c in own]  # no leftover "the agency said on Telegram"
    c = own[0]
    assert c.status == "reported"
    assert "rebels" in c.text
    assert cited(c) in (["mayor"], ["agency"])


def test_a_quotation_over_several_sentences_keeps_its_speaker() -> None:
    r = analyse(
        'Ana Ruiz, the council spokesperson, said on the radio, "We see no sign of a leak in the '
        "main pipe. On what basis do engineers reach any verdict about anyone's fault? If the "
        'utility has solid data on this, it must be handed over at once."'
    )
    for needle in ("On what basis", "it must be handed over"):
        c = claim_with(r, needle)
        assert c.direct_quote
        assert len(cited(c)) == 1, cited(c)
        assert c.status != "asserted"


def test_a_quotation_paragraph_after_a_speaker_is_the_speakers() -> None:
    r = analyse(
        "The rights group said it was unable to confirm the count.\n\n"
        '"It shows an unusually high ratio of dead to injured for the damage seen on site."'
    )
    c = claim_with(r, "unusually high ratio")
    assert cited(c) == ["rights group"]
    assert c.status == "reported"


def test_a_label_before_a_colon_is_no_source() -> None:
    r = analyse(
        "Background: At the same time, the spokesman of the ministry, Paul Martin, said it was "
        "too early to talk about the cause while the inquiry goes on."
    )
    c = claim_with(r, "too early to talk")
    assert c.status == "reported"
    assert cited(c) == ["Paul Martin"]


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("Preliminary data showed that the alarm had been switched off.", "the alarm"),
        ("Photos from the port showed that smoke was rising over the docks.", "smoke"),
    ],
)
def test_evidence_naming_nobody_is_an_unnamed_source(text: str, needle: str) -> None:
    c = claim_with(analyse(text), needle)
    assert [s.kind for s in c.source_chain if s.level >= 1] == ["anonymous"]
    assert c.status == "hedged"


def test_a_document_picked_out_by_the_stays_a_document() -> None:
    c = claim_with(analyse("The analysis showed that the alarm had been switched off."), "alarm")
    assert [s.kind for s in c.source_chain if s.level >= 1] == ["document"]


def test_a_content_cut_before_a_conjunction_loses_the_conjunction() -> None:
    r = analyse(
        "The inquiry found that the fire was set on purpose, and the guards said that the alarm "
        "had been switched off."
    )
    c = claim_with(r, "the fire was set on purpose")
    assert not c.text.rstrip().endswith("and")


def test_evidence_from_a_named_body_keeps_the_body() -> None:
    c = claim_with(
        analyse("Data from the ministry showed that the alarm had been switched off."), "alarm"
    )
    assert [s.kind for s in c.source_chain if s.level >= 1] != ["anonymous"]


def test_a_description_source_refers_back_to_the_named_body() -> None:
    r = analyse(
        "The flood was caused by a broken levee, according to the International Red Cross.\n\n"
        "However, the aid group said more checks were needed to find out who was to blame."
    )
    assert cited(claim_with(r, "more checks were needed")) == ["International Red Cross"]


def test_a_description_of_another_kind_stays_unresolved() -> None:
    r = analyse(
        "The flood was caused by a broken levee, according to France.\n\n"
        "However, the ministry said more checks were needed to find out who was to blame."
    )
    assert cited(claim_with(r, "more checks were needed")) == ["ministry"]


def test_they_stands_for_the_sources_named_together_before() -> None:
    r = analyse(
        "Oslo police and the Norwegian security service said Monday in a joint statement that "
        '"officials can conclude that there was deliberate sabotage."\n\n'
        'However, they added, "there are not enough grounds to open a criminal case in Norway."'
    )
    assert cited(claim_with(r, "officials can conclude")) == [
        "Oslo police",
        "Norwegian security service",
    ]
    assert cited(claim_with(r, "not enough grounds")) == [
        "Oslo police",
        "Norwegian security service",
    ]


def test_they_stands_for_a_plural_source_of_the_same_sentence() -> None:
    r = analyse(
        "While Dutch prosecutors have said that a state was the most likely culprit, they "
        "cautioned that the culprit was still unknown."
    )
    assert cited(claim_with(r, "still unknown")) == ["Dutch prosecutors"]


def test_he_after_an_unnamed_speaker_is_that_speaker() -> None:
    r = analyse(
        "A nurse working near the camp told the local paper that the closest clinic is 40 "
        'kilometres away.\n\n"Who were they treating?" he added.'
    )
    assert cited(claim_with(r, "Who were they treating"))[-1] == "unnamed nurse"


@pytest.mark.parametrize(
    ("text", "needle", "chain"),
    [
        (
            "The mayor, speaking to Reuters on Sunday, said the port would reopen soon.",
            "the port would reopen soon",
            ["Reuters", "mayor"],
        ),
        (
            "The strike killed four people, according to officials cited by the BBC.",
            "The strike killed four people",
            ["BBC", "unnamed officials"],
        ),
        (
            "The minister was quoted by Interfax as saying that the blast was deliberate.",
            "the blast was deliberate",
            ["Interfax", "minister"],
        ),
        (
            "The blast was deliberate, the minister was cited by Interfax as saying.",
            "The blast was deliberate",
            ["Interfax", "minister"],
        ),
    ],
)
def test_the_outlet_that_heard_a_source_keeps_its_level(
    text: str, needle: str, chain: list[str]
) -> None:
    r = analyse(text)
    c = claim_with(r, needle)
    assert cited(c) == chain
    assert c.status == "reported"
    assert not [x for x in r.claims if x.start > len(PAD) and x.status == "asserted"]


def test_attribution_in_the_next_sentence_names_the_source_of_the_one_before() -> None:
    r = analyse(
        "The port of Varna was closed after a fire broke out in a warehouse. This was reported "
        "by the Sofia Globe, citing the harbour master."
    )
    c = claim_with(r, "The port of Varna was closed")
    assert c.status == "reported"
    assert cited(c) == ["Sofia Globe", "harbour master"]
    assert [s.level for s in c.source_chain if s.level >= 1] == [1, 2]
    assert not [x for x in r.claims if "This was reported" in x.text]


def test_that_is_according_to_names_the_source_of_the_sentence_before() -> None:
    r = analyse("Four trucks were seized at the border. That is according to the customs office.")
    assert cited(claim_with(r, "Four trucks were seized")) == ["customs office"]


def test_a_this_sentence_that_denies_is_no_attribution_of_the_one_before() -> None:
    r = analyse("The port was closed after a fire. This was denied by the harbour master.")
    assert claim_with(r, "The port was closed").status == "asserted"


def test_a_denial_noun_denies_its_that_clause() -> None:
    r = analyse(
        "The rebels claimed the attack, despite firm denials from army officials that the army "
        "had anything to do with it."
    )
    c = claim_with(r, "had anything to do with it")
    assert c.status == "denied"
    assert cited(c) == ["army officials"]
    rest = claim_with(r, "The rebels claimed the attack")
    assert not rest.text.rstrip().endswith("despite")


def test_charged_that_is_a_reporting_verb() -> None:
    c = claim_with(analyse("The governor charged that the rebels set the fire."), "rebels set")
    assert c.status == "reported"
    assert cited(c) == ["governor"]


def test_a_stranded_preposition_stays_in_the_claim() -> None:
    r = analyse("The mayor said the council had found what it was looking for.")
    assert claim_with(r, "what it was looking").text.endswith("looking for")


def _content_of(r: Analysis, cue: str) -> str:
    hits = [a for a in r.attributions if a.cue.text == cue]
    assert len(hits) == 1, [a.cue.text for a in r.attributions]
    return r.article.text[hits[0].content_start : hits[0].content_end]


def test_a_frames_content_takes_its_complementizer_but_the_claim_does_not() -> None:
    r = analyse("The ferry operator said that the crossings would resume on Friday.")
    assert _content_of(r, "said") == "that the crossings would resume on Friday"
    assert claim_with(r, "crossings").text.startswith("the crossings")


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Critics call it a tool of the ministry.", "call", "it a tool of the ministry"),
        (
            "The senator blasted the governor as a relic of the old machine.",
            "blasted",
            "the governor as a relic of the old machine",
        ),
        ("The union endorsed Ruiz, who has since backed the levy.", "endorsed", "Ruiz"),
    ],
)
def test_a_stance_on_a_noun_phrase_takes_what_is_said_of_it(
    text: str, cue: str, content: str
) -> None:
    assert _content_of(analyse(text), cue) == content


def test_units_inside_a_quotation_know_its_speaker() -> None:
    from reportedly.pipeline import Pipeline
    from reportedly.records import Article

    text = (
        PAD + "\n\n"
        "“We will rebuild the station,” said the mayor, Ana Ruiz. “It will take two years. "
        "Nobody will lose a job.”\n\nThe bridge opened in 1990."
    )
    doc = Pipeline().run(Article(text=text))
    by_text = {doc.article.text[u.start : u.end]: u for u in doc.units}
    for needle in ("We will rebuild the station", "It will take two years"):
        unit = next(u for t, u in by_text.items() if needle in t)
        assert unit.quote_speaker is not None
        assert unit.quote_speaker.name == "Ana Ruiz"
    plain = next(u for t, u in by_text.items() if "bridge opened" in t)
    assert plain.quote_speaker is None


def test_a_quotation_over_sentences_is_one_frames_content() -> None:
    r = analyse("The mayor said: “We will rebuild the station. It will take two years.”")
    assert _content_of(r, "said:") == "We will rebuild the station. It will take two years"


def test_the_addressee_of_an_urging_is_not_its_content() -> None:
    r = analyse("The union urged its members to vote against the deal.")
    assert _content_of(r, "urged") == "to vote against the deal"


def test_first_person_inside_a_quotation_is_its_speaker() -> None:
    r = analyse("“I told the board that the plan would fail,” the treasurer, Lena Moss, said.")
    c = claim_with(r, "the plan would fail")
    assert "I" not in cited(c)
    assert "Lena Moss" in cited(c)


def test_a_quotation_that_speaks_of_itself_goes_on_from_the_last_speaker() -> None:
    r = analyse(
        "The auditor, Lena Moss, said: “The accounts were kept badly.”\n\n"
        "“Our review shows that the money was moved twice.”"
    )
    c = claim_with(r, "the money was moved twice")
    assert cited(c) == ["Lena Moss"]


@pytest.mark.parametrize(
    ("text", "needle", "speaker"),
    [
        # "Harbour" read as a verb takes "Anna Berg" as its object: "said" has no subject
        (
            "Harbour chief Anna Berg, who ran the inquiry, said the crane was overloaded.",
            "the crane was overloaded",
            "Anna Berg",
        ),
        # "Tomas Lind" read as a conjunct of "the Northgate Bridge"
        (
            "After the mayor accused the contractor of delaying the works at the Northgate "
            "Bridge, Tomas Lind, Secretary of the Regional Transport Council, stated that "
            "the schedule had been approved.",
            "the schedule had been approved",
            "Tomas Lind",
        ),
    ],
)
def test_a_name_before_the_comma_is_the_speaker_the_parser_lost(
    text: str, needle: str, speaker: str
) -> None:
    r = analyse(text)
    c = claim_with(r, needle)
    assert c.status == "reported"
    assert cited(c) == [speaker]
    assert not any("who ran the inquiry" in x.text for x in r.claims if x is not c)


def test_a_stance_in_a_clause_before_another_speaker_is_not_above_it() -> None:
    r = analyse(
        "After the mayor accused the contractor of delaying the works, Tomas Lind, "
        "Secretary of the Regional Transport Council, stated that the schedule had been "
        "approved."
    )
    c = claim_with(r, "the schedule had been approved")
    assert cited(c) == ["Tomas Lind"]


def test_two_frames_of_one_speaker_cite_it_once() -> None:
    r = analyse(
        "The ministry has consistently denied responsibility and pointed to the rebels as "
        "the likely cause."
    )
    c = claim_with(r, "denied responsibility")
    assert c.status == "denied"
    assert cited(c) == ["ministry"]


@pytest.mark.parametrize(
    ("text", "needle", "rest"),
    [
        (
            "The engineer added that when she inspected the bridge, the contractor “had not "
            "fixed the cracks, but he did not hide them either.”",
            "had not fixed the cracks",
            "he did not hide them either",
        ),
        (
            "The engineer said the contractor “had not fixed the cracks, and the council had "
            "never checked the work.”",
            "had not fixed the cracks",
            "the council had never checked the work",
        ),
    ],
)
def test_a_clause_inside_the_open_quotation_is_more_of_the_content(
    text: str, needle: str, rest: str
) -> None:
    r = analyse(text)
    c = claim_with(r, needle)
    assert rest in c.text
    assert cited(c) == ["engineer"]
    assert not [x for x in r.claims if "The engineer" in x.text and not cited(x)]


def test_our_data_and_analysis_inside_a_quotation_is_its_speaker() -> None:
    r = analyse(
        "Senior engineer Maria Holt, who led the review, said: “The crane was overloaded on "
        "the day of the accident. Our data and analysis suggest that the operator ignored the "
        "alarms.”"
    )
    c = claim_with(r, "the operator ignored the alarms")
    assert cited(c) == ["Maria Holt"]


def test_a_quotation_that_speaks_of_our_data_goes_on_after_a_caption() -> None:
    r = analyse(
        "Senior engineer Maria Holt, who led the review, said: “The crane was overloaded on "
        "the day of the accident.\n\n"
        "The crane at the north quay after the accident (Photo: Harbour Board)\n\n"
        "“Our data and analysis suggest that the operator ignored the alarms. Instead, we "
        "find there is a high probability the brakes had failed.”"
    )
    for needle in ("the operator ignored the alarms", "the brakes had failed"):
        c = claim_with(r, needle)
        assert c.direct_quote
        assert cited(c) == ["Maria Holt"]


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("His aides said on Friday that the ballots had been counted twice.", "counted twice"),
        ("According to the mayor's supporters, the vote was rigged.", "the vote was rigged"),
        (
            "A nurse working at the city hospital said the nearest ambulance was forty "
            "kilometres away.",
            "the nearest ambulance",
        ),
    ],
)
def test_a_possessed_group_or_a_bare_profession_names_nobody(text: str, needle: str) -> None:
    c = claim_with(analyse(text), needle)
    assert c.status == "hedged"
    assert all(s.kind == "anonymous" for s in c.source_chain if s.level >= 1)


def test_a_document_with_no_author_is_the_issuer_cited_before() -> None:
    r = analyse(
        "The Norwegian Foreign Ministry said on Friday that the vessel was a research ship "
        'that had drifted off course.\n"The ship is Norwegian. It was blown north by the '
        'storm," the Norwegian statement said. "The Norwegian side regrets the incident."'
    )
    for needle in ("blown north by the storm", "regrets the incident"):
        assert cited(claim_with(r, needle)) == ["Norwegian Foreign Ministry"]


def test_a_document_with_nobody_named_before_stays_unnamed() -> None:
    r = analyse("The study was published on Monday. The report said the river was polluted.")
    c = claim_with(r, "the river was polluted")
    assert c.status == "hedged"
    assert all(s.kind == "anonymous" for s in c.source_chain if s.level >= 1)


def test_speakers_read_as_the_object_of_an_opening_word_are_the_source() -> None:
    # "Copenhagen" tagged as an adjective heading the sentence, "police" its object
    r = analyse(
        "Copenhagen police and the Danish security service said Monday in a joint statement "
        "that “investigators can conclude that the fire was set deliberately.”"
    )
    c = claim_with(r, "investigators can conclude")
    assert c.status == "reported"
    assert cited(c) == ["police", "Danish security service"]


@pytest.mark.parametrize(
    "text",
    [
        "The Finnish Foreign Ministry scoffed that the reports were nonsense.",
        "The Finnish Foreign Ministry huffed to Helsingin Sanomat that “the reports were "
        "nonsense.”",
    ],
)
def test_a_verb_of_saying_in_a_mood_reports(text: str) -> None:
    r = analyse(text)
    c = claim_with(r, "the reports were nonsense")
    assert c.status == "denied"
    assert cited(c)[-1] == "Finnish Foreign Ministry"


def test_the_officers_after_the_names_nobody() -> None:
    r = analyse(
        "The plot was hatched by a handful of junior army officers, the Daily Courier "
        "reported, citing the officers involved in the plot."
    )
    c = claim_with(r, "The plot was hatched")
    assert [s.kind for s in c.source_chain if s.level >= 1] == ["outlet", "anonymous"]


@pytest.mark.parametrize(
    ("text", "needle", "denier"),
    [
        (
            "The mayor's aides have accused the governor of rigging the vote, an allegation "
            "the governor's office has angrily rejected.",
            "rigging the vote",
            "governor's office",
        ),
        (
            "The opposition has accused the army of shelling the village, which the army has "
            "denied.",
            "shelling the village",
            "army",
        ),
        (
            "These reports that were denied by the ministry claimed that the drone had flown "
            "over the base twice.",
            "the drone had flown over the base twice",
            "ministry",
        ),
    ],
)
def test_a_denial_in_a_relative_clause_denies_the_claim_it_names(
    text: str, needle: str, denier: str
) -> None:
    c = claim_with(analyse(text), needle)
    assert c.status == "denied"
    assert cited(c) == [denier]


def test_a_relative_clause_of_another_verb_denies_nothing() -> None:
    c = claim_with(analyse("The council approved the plan, which the mayor had proposed."), "plan")
    assert c.status == "asserted"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        (
            "The spokeswoman repeated the ministry's insistence that the drone was a civilian "
            "research craft.",
            "the drone was a civilian research craft",
        ),
        ("The minister reiterated the claim that the dam had been mined.", "the dam had been"),
    ],
)
def test_saying_a_claim_again_reports_its_that_clause(text: str, needle: str) -> None:
    r = analyse(text)
    c = claim_with(r, needle)
    assert c.status == "reported"
    assert c.text.startswith("the")
    assert len(cited(c)) == 1
    assert all(cited(x) for x in r.claims if x.start > len(PAD))


def test_who_has_confidence_that_holds_the_assessment() -> None:
    r = analyse(
        "The inspectors now have “high confidence” that the fire was caused by a faulty heater."
    )
    c = claim_with(r, "the fire was caused by a faulty heater")
    assert c.status == "speculative"
    assert cited(c) == ["inspectors"]


def test_continued_after_a_quotation_names_its_speaker() -> None:
    r = analyse(
        "The mayor, Ana Ruiz, said on Monday that the port was closed. "
        '"We did not see it coming. No, we are not to blame, we have lost a ferry," she '
        "continued."
    )
    for needle in ("We did not see it coming", "we have lost a ferry"):
        c = claim_with(r, needle)
        assert c.direct_quote
        assert cited(c) == ["Ana Ruiz"]


def test_continued_without_a_quotation_reports_nothing() -> None:
    c = claim_with(analyse("The talks continued on Monday in the capital."), "The talks")
    assert c.status == "asserted"
    assert not cited(c)


def test_of_two_complements_the_wider_is_the_content() -> None:
    r = analyse(
        "Senior engineer Maria Holt, who led the review, said: “Data available to the Harbour "
        "Safety Board and verified with a leading Crane Inspection company, indicates that at "
        "this stage, it is highly likely the crane was overloaded."
    )
    c = claim_with(r, "the crane was overloaded")
    assert c.status == "speculative"
    assert c.direct_quote
    assert cited(c) == ["Maria Holt"]


@pytest.mark.parametrize(
    ("text", "needle", "status"),
    [
        (
            "The spokesman declined to respond on Monday to questions about what kind of data "
            "the drone might have collected.",
            "declined to respond",
            "reported",
        ),
        ("The fire may have been set deliberately.", "The fire", "speculative"),
    ],
)
def test_a_modal_in_a_question_the_claim_mentions_is_no_speculation(
    text: str, needle: str, status: str
) -> None:
    assert claim_with(analyse(text), needle).status == status


def test_a_finite_verb_hung_on_its_subject_keeps_that_subject() -> None:
    r = analyse(
        "Norway’s foreign ministry spokeswoman, Ingrid Dahl, called into question claims by "
        "the Swedish navy that a submarine was behind the blast."
    )
    c = claim_with(r, "called into question")
    assert c.status == "questioned"
    assert cited(c) == ["Ingrid Dahl"]


def test_a_reduced_relative_is_no_speaker() -> None:
    c = claim_with(analyse("The ferry called Nordlys sank on Monday."), "sank")
    assert c.status == "asserted"
    assert not cited(c)


def test_not_our_doing_disowns_the_deed() -> None:
    r = analyse("The defence minister told reporters in Oslo that the fire was “not our doing”.")
    c = claim_with(r, "the fire was")
    assert c.status == "denied"
    assert cited(c) == ["defence minister"]


def test_a_quoted_complement_wins_over_a_that_clause_hung_on_the_verb() -> None:
    # the that-clause belongs to "reports", the parser hangs it on "said"
    result = reportedly.analyze(
        '"These figures are wrong," the agency said of reports that its staff left the port.',
        published="2024-05-02",
    )
    quoted = [c for c in result.claims if c.text.startswith("These figures are wrong")]
    assert quoted
    assert [s.name for s in quoted[0].source_chain if s.level >= 1] == ["agency"]


def test_a_passive_report_does_not_take_the_last_speaker() -> None:
    result = reportedly.analyze(
        "Port analysts said the closure could cost millions. The union is said to be "
        "planning a second walkout.",
        published="2024-06-11",
        outlet="Wire",
    )
    claim = next(c for c in result.claims if c.text.startswith("The union"))
    assert claim.status == "hedged"
    assert [s.name for s in claim.source_chain] == ["Wire"]


@pytest.mark.parametrize(
    "opening", ["OSLO (Reuters) - ", "BERGEN, Norway — ", "TROMSO, May 3 (AP) -- "]
)
def test_a_dateline_is_not_part_of_the_claim(opening: str) -> None:
    result = reportedly.analyze(
        opening + "Ferry crews walked off the job on Monday.", published="2024-05-03"
    )
    assert result.claims[0].text == "Ferry crews walked off the job on Monday"


@pytest.mark.parametrize(
    ("text", "span", "name"),
    [
        ("Sen. Ann Berg (D-Ore.) said the bill would pass.", "Sen. Ann Berg (D-Ore.)", "Ann Berg"),
        (
            "Tomas Lind, the port's chief engineer, said the crane was overloaded.",
            "Tomas Lind, the port's chief engineer",
            "Tomas Lind",
        ),
    ],
)
def test_a_source_span_is_the_whole_phrase_and_its_name_the_name(
    text: str, span: str, name: str
) -> None:
    result = reportedly.analyze(text, published="2024-06-11", outlet="Wire")
    att = result.attributions[0]
    spans = [text[s.start : s.end] for s in att.sources if s.start is not None]
    assert spans == [span]
    assert [s.name for s in att.sources] == [name]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The harbour master then pointed out that the crane was old.", "then pointed out"),
        ("Critics called for an inquiry into the port deal.", "called for"),
        ("She appeared to suggest that the count was wrong.", "appeared to suggest"),
        ("The harbour master said on Monday that the crane was old.", "said"),
    ],
)
def test_an_attribution_cue_is_its_phrase(text: str, cue: str) -> None:
    result = reportedly.analyze(text, published="2024-06-11", outlet="Wire")
    assert [a.cue.text for a in result.attributions][:1] == [cue]


def test_speculated_that_is_the_speculators_speculation() -> None:
    r = analyse("Several residents have speculated that the warehouse fire was started on purpose.")
    c = claim_with(r, "the warehouse fire was started on purpose")
    assert c.status == "speculative"
    assert "residents" in c.source_chain[-1].name
    assert c.source_chain[-1].kind == "anonymous"


def test_time_phrase_after_the_subject_is_not_part_of_the_source() -> None:
    r = analyse("The Danish government on Thursday rejected claims that it had hidden the audit.")
    c = claim_with(r, "it had hidden the audit")
    assert c.status == "denied"
    assert cited(c) == ["Danish government"]


def test_trailing_citing_adds_a_deeper_source_and_leaves_the_content() -> None:
    r = analyse(
        "The Herald reported that the ferry service would end in June, citing two port officials."
    )
    c = claim_with(r, "the ferry service would end in June")
    assert "citing" not in c.text
    assert c.status == "reported"
    names = [s.name for s in c.source_chain if s.level >= 1]
    assert names[0] == "Herald"
    assert len(names) == 2
    assert "officials" in names[1]
    assert c.source_chain[-1].level == 2


def test_citing_a_reason_is_not_a_source() -> None:
    r = analyse("The mayor said the festival would be cancelled, citing a shortage of volunteers.")
    c = claim_with(r, "the festival would be cancelled")
    assert cited(c) == ["mayor"]


def test_document_seen_by_an_outlet_is_cited_by_that_outlet() -> None:
    r = analyse(
        "The ferry lost power twice last winter, according to an inspection report seen by "
        "The Herald."
    )
    c = claim_with(r, "The ferry lost power twice last winter")
    chain = [(s.name, s.level) for s in c.source_chain if s.level >= 1]
    assert chain[0] == ("Herald", 1)
    assert chain[1][1] == 2
    assert "report" in chain[1][0]


def test_denying_an_alleged_deed_denies_the_accusation() -> None:
    r = analyse("Port authority denies cover-up over crane collapse")
    c = claim_with(r, "cover-up")
    assert c.status == "denied"
    r = analyse("The trade minister denied any collusion with the bidders.")
    assert claim_with(r, "collusion").status == "denied"


def test_object_moved_after_as_phrase_is_the_rejected_report() -> None:
    r = analyse(
        'The carrier dismissed as "pure invention" a magazine report that it would sell its '
        "cargo arm."
    )
    c = claim_with(r, "it would sell its cargo arm")
    assert c.status == "denied"
    assert cited(c) == ["carrier"]


def test_quantifiers_and_generic_plurals_are_unnamed_sources() -> None:
    r = analyse("Traders were split. Some said the rate cut was overdue.")
    c = claim_with(r, "the rate cut was overdue")
    assert c.status == "hedged"
    assert c.source_chain[-1].kind == "anonymous"
    r = analyse("Protesters said the guards had fired rubber bullets.")
    c = claim_with(r, "the guards had fired rubber bullets")
    assert c.status == "hedged"
    r = analyse("Police said two boats had been seized.")
    assert claim_with(r, "two boats had been seized").status == "reported"


def test_refusing_to_speculate_is_no_speculation() -> None:
    r = analyse("The harbour office said the cause was under review and declined to speculate.")
    c = claim_with(r, "the cause was under review")
    assert c.status == "reported"
    assert all(cue.kind != "speculation" for cue in c.cues)


def test_denied_with_a_gerund_denies_the_deed() -> None:
    r = analyse("The navy has repeatedly denied shelling the fishing villages.")
    c = claim_with(r, "shelling the fishing villages")
    assert c.status == "denied"
    assert cited(c) == ["navy"]


def test_apposition_after_according_to_source_stays_out_of_the_content() -> None:
    r = analyse(
        "According to the Harbour Safety Board, a government watchdog, the crane had not been "
        "inspected for a decade."
    )
    c = claim_with(r, "the crane had not been inspected")
    assert "watchdog" not in c.text
    r = analyse("According to the police, the driver, who was drunk, fled the scene.")
    assert "the driver" in claim_with(r, "fled the scene").text


def test_what_unnamed_reports_say_is_not_the_subjects_claim() -> None:
    r = analyse("The rail operator has not commented on reports that its signals had failed.")
    c = claim_with(r, "its signals had failed")
    assert c.status == "hedged"
    assert [s.kind for s in c.source_chain if s.level >= 1] == ["anonymous"]
    r = analyse("The union declined to comment on reports that the strike would be called off.")
    c = claim_with(r, "the strike would be called off")
    assert c.status == "hedged"
    assert "union" not in cited(c)
    r = analyse("Bond prices slipped amid rumours that the central bank would raise rates.")
    assert claim_with(r, "the central bank would raise rates").status == "hedged"
    r = analyse("The rail operator denied reports that its signals had failed.")
    assert claim_with(r, "its signals had failed").status == "denied"


def test_content_run_on_as_a_second_complement_stays_one_content() -> None:
    r = analyse(
        "The senator claimed that the ministry had quietly ordered surveys showing the tax "
        "would cost it the next election."
    )
    c = claim_with(r, "ordered surveys")
    assert c.text.endswith("would cost it the next election")
    assert c.status == "reported"


def test_participle_after_the_content_is_the_speakers() -> None:
    r = analyse("She said the budget was balanced, adding it would be approved.")
    c = claim_with(r, "it would be approved")
    assert [s.name for s in c.source_chain if s.level >= 1] == ["She"]


def test_unsourced_indications_hedge_and_absent_evidence_denies() -> None:
    r = analyse("There were indications that the strike at the mine was ending.")
    assert claim_with(r, "the strike at the mine was ending").status == "hedged"
    r = analyse("There is no evidence that the ballots were tampered with.")
    assert claim_with(r, "the ballots were tampered with").status == "denied"


def test_debunked_and_passive_rejections_deny_with_their_source() -> None:
    r = analyse("Fact-checkers have debunked claims that the new bridge is sinking.")
    assert claim_with(r, "the new bridge is sinking").status == "denied"
    r = analyse("The claim was rejected by the port authority, which called it baseless.")
    c = claim_with(r, "rejected by the port authority")
    assert c.status == "denied"
    assert cited(c) == ["port authority"]
    r = analyse("The ministry dismissed speculation that the governor would resign.")
    c = claim_with(r, "the governor would resign")
    assert c.status == "denied"
    r = analyse("The mayor was questioned by reporters about the flooding.")
    assert cited(claim_with(r, "questioned by reporters")) == []


def test_contrary_to_claims_rebuts() -> None:
    r = analyse("Contrary to claims shared online, the old lighthouse has not been sold.")
    assert claim_with(r, "the old lighthouse has not been sold").status == "denied"


def test_an_office_that_speaks_is_a_government_source() -> None:
    r = analyse("Her office later said the remarks had been misread.")
    c = claim_with(r, "the remarks had been misread")
    assert c.source_chain[-1].kind == "government"


def test_quote_paragraph_after_a_speaker_who_follows_the_quote() -> None:
    r = analyse(
        '"The shop is gone," said Mira Koster, 61, standing in the flooded street.\n\n'
        '"The water rose in an hour. We had no time."'
    )
    c = claim_with(r, "The water rose in an hour")
    assert cited(c) == ["Mira Koster"]
    assert c.direct_quote


def test_indirect_questions_are_asked_not_speculated() -> None:
    r = analyse("The councillor asked whether the ferry contract had been signed.")
    assert claim_with(r, "the ferry contract had been signed").status == "questioned"
    r = analyse("The harbour chief would not say whether the ferry contract had been signed.")
    c = claim_with(r, "the ferry contract had been signed")
    assert c.status == "reported"
    assert all(cue.kind != "speculation" for cue in c.cues)
