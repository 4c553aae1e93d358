"""The events stage on sentences we wrote: triggers, roles, direction, dates, places, status."""

from __future__ import annotations

import pytest

import reportedly
from reportedly.records import Analysis, Event

PAD = "The talks were held in a hotel on the outskirts of the capital.\n\n"


def analyse(text: str, published: str = "2024-03-15") -> Analysis:  # a Friday
    return reportedly.analyze(PAD + text, published=published, outlet="Daily Example")


def event(result: Analysis, trigger: str) -> Event:
    hits = [e for e in result.events if e.text == trigger]
    assert hits, f"no event on {trigger!r}: {[(e.text, e.plover) for e in result.events]}"
    return hits[0]


def test_visit_goes_visitor_to_host_with_date_and_place() -> None:
    r = analyse("Turkish President Recep Tayyip Erdogan visited Olaf Scholz in Berlin on Tuesday.")
    ev = event(r, "visited")
    assert (ev.plover, ev.mode, ev.cameo) == ("CONSULT", "visit", "042")
    assert ev.actor is not None
    assert ev.actor.name == "Recep Tayyip Erdogan"
    assert ev.target is not None
    assert ev.target.name == "Olaf Scholz"
    assert ev.time is not None
    assert ev.time.value == "2024-03-12"
    assert ev.place is not None
    assert ev.place.name == "Berlin"
    assert ev.place.country == "DEU"


def test_passive_gives_the_agent_as_actor() -> None:
    r = analyse("The town of Avdiivka was captured by Russian troops last month.")
    ev = event(r, "captured")
    assert ev.plover == "COERCE"
    assert ev.cameo is not None
    assert ev.cameo.startswith("19")
    assert ev.actor is not None
    assert "troops" in (ev.actor.text or "")
    assert ev.target is not None
    assert "Avdiivka" in (ev.target.text or "")
    assert ev.time is not None
    assert ev.time.precision == "month"


def test_conjoined_targets_give_one_event_each() -> None:
    r = analyse("The prime minister turned to both Washington and Brussels for help.")
    targets = sorted(e.target.name for e in r.events if e.text == "turned" and e.target)
    assert targets == ["Brussels", "Washington"]


def test_reported_event_inherits_status_and_sources() -> None:
    r = analyse("The army withdrew from the border town, according to the state broadcaster TRT.")
    ev = event(r, "withdrew")
    assert ev.plover == "RETREAT"
    assert ev.status == "reported"
    assert [s.name for s in ev.sources if s.level >= 1] == ["TRT"]
    claim = next(c for c in r.claims if c.id == ev.claim)
    assert claim.start <= ev.start < claim.end


def test_denied_event_is_negative() -> None:
    r = analyse("The ministry said its troops never attacked the convoy.")
    ev = event(r, "attacked")
    assert ev.polarity == "negative"
    assert ev.status == "denied"


def test_hedged_event_stays_hedged() -> None:
    r = analyse("The general reportedly met rebel leaders near the frontier.")
    assert event(r, "met").status == "hedged"


def test_intention_is_coded_as_intent_not_as_the_act() -> None:
    r = analyse("The government is willing to support the ceasefire plan.")
    ev = event(r, "support")
    assert ev.plover == "AGREE"
    assert (ev.cameo or "").startswith("03")
    r = analyse("The rebels will attack the airport.")
    ev = event(r, "attack")
    assert ev.plover == "THREATEN"
    assert (ev.cameo or "").startswith("13")


def test_root_event_is_the_main_clause() -> None:
    r = analyse("Protesters rallied outside parliament after police arrested their leader.")
    roots = [e.text for e in r.events if e.root and e.start > len(PAD)]
    assert roots == ["rallied"]


def test_envoy_and_via_give_an_intermediary() -> None:
    r = analyse("The king dispatched his foreign minister to meet the Iranian president.")
    ev = event(r, "meet")
    assert ev.actor is not None
    assert ev.actor.text == "The king"
    assert ev.intermediary is not None
    assert "minister" in (ev.intermediary.text or "")


def test_adjectival_participle_is_not_an_event() -> None:
    r = analyse("Iranian-backed militias held the crossing for a week.")
    assert not [e for e in r.events if e.text == "backed"]


@pytest.mark.parametrize(
    ("sentence", "trigger", "plover"),
    [
        ("Police arrested two journalists outside the court.", "arrested", "COERCE"),
        ("Protesters rallied outside parliament on Monday.", "rallied", "PROTEST"),
        ("The European Union imposed sanctions on the airline.", "imposed", "SANCTION"),
        ("The rebels released three hostages.", "released", "CONCEDE"),
        ("The minister accused the opposition of fraud.", "accused", "ACCUSE"),
        ("The two countries signed a trade agreement.", "signed", "AGREE"),
    ],
)
def test_pattern_families(sentence: str, trigger: str, plover: str) -> None:
    assert event(analyse(sentence), trigger).plover == plover


def test_denial_is_a_rejection_that_happened() -> None:
    r = analyse("The ministry denied any involvement in the bombing of the depot.")
    ev = event(r, "denied")
    assert ev.plover == "REJECT"
    assert ev.polarity == "positive"
    assert ev.actor is not None
    assert ev.actor.name.endswith("ministry")
    assert ev.target is None  # what is denied is no recipient


def test_pronoun_takes_the_subject_of_the_governing_clause_not_a_later_name() -> None:
    r = analyse("The coastguard said on Sunday it had detained the smugglers near Malta.")
    ev = event(r, "detained")
    assert ev.actor is not None
    assert ev.actor.text == "it"
    assert "coastguard" in ev.actor.name


def test_passive_without_agent_has_no_actor() -> None:
    r = analyse("The two suspects were driving to the border when they were arrested.")
    ev = event(r, "arrested")
    assert ev.actor is None


def test_relative_pronoun_stands_for_its_noun() -> None:
    r = analyse("Hezbollah, whose fighters attacked the outpost, said nothing.")
    ev = event(r, "attacked")
    assert ev.actor is not None
    assert ev.actor.name != "whose"


def test_stance_towards_an_event_noun_targets_its_author() -> None:
    r = analyse("Cairo condemned the Israeli strike on the camp.")
    ev = event(r, "condemned")
    assert ev.target is not None
    assert ev.target.name == "Israel"
    r = analyse("Ankara rejected Moscow's claims about the convoy.")
    ev = event(r, "rejected")
    assert ev.target is not None
    assert ev.target.name == "Moscow"


def test_first_person_in_a_quote_is_the_speaker() -> None:
    r = analyse('"We are sending food and medicine to the refugees," the Norwegian minister said.')
    ev = event(r, "sending")
    assert ev.actor is not None
    assert ev.actor.text == "We"
    assert "minister" in ev.actor.name


def test_senses_that_are_no_events_are_not_coded() -> None:
    r = analyse("The envoy offered condolences to the families and provided no evidence.")
    assert not [e for e in r.events if e.text in ("offered", "provided")]
    r = analyse("The army released video footage of the raid.")
    assert not [e for e in r.events if e.text == "released"]


def test_event_noun_takes_the_subject_of_a_light_verb_and_its_target() -> None:
    r = analyse("The alliance launched a bombing campaign against the rebel stronghold.")
    ev = event(r, "bombing")
    assert ev.actor is not None
    assert "alliance" in ev.actor.name
    assert ev.target is not None
    assert "stronghold" in ev.target.name
    assert len([e for e in r.events if e.plover == "ASSAULT"]) == 1
    r = analyse("The European Union announced sanctions on Belarus.")
    ev = event(r, "sanctions")
    assert ev.actor is not None
    assert ev.target is not None
    assert ev.target.name == "Belarus"


def test_possessed_event_noun_takes_the_of_phrase_as_target() -> None:
    r = analyse("Analysts expect more fighting after Ethiopia's invasion of Eritrea.")
    ev = event(r, "invasion")
    assert ev.actor is not None
    assert ev.actor.name == "Ethiopia"
    assert ev.target is not None
    assert ev.target.name == "Eritrea"


def test_each_other_makes_the_actors_targets_of_one_another() -> None:
    r = analyse("Armenia and Azerbaijan accused each other of shelling the border villages.")
    pairs = {(e.actor.name, e.target.name) for e in r.events if e.text == "accused"}  # type: ignore[union-attr]
    assert pairs == {("Armenia", "Azerbaijan"), ("Azerbaijan", "Armenia")}


def test_holding_someone_responsible_is_an_accusation() -> None:
    r = analyse("The opposition holds the interior minister responsible for the crackdown.")
    ev = event(r, "holds")
    assert ev.plover == "ACCUSE"
    assert ev.target is not None
    assert "minister" in ev.target.name


def test_a_question_is_no_request() -> None:
    r = analyse("Reporters asked whether the embassy would reopen, but the spokesman declined.")
    assert not [e for e in r.events if e.text == "asked"]


def test_an_event_noun_qualifying_another_noun_is_no_event() -> None:
    r = analyse("The court examined the case of an attack helicopter pilot.")
    assert not [e for e in r.events if e.text == "attack"]


def test_a_participle_takes_its_by_agent() -> None:
    r = analyse("The depot was hit by a missile fired by rebel fighters from the hills.")
    ev = event(r, "fired")
    assert ev.actor is not None
    assert "fighters" in ev.actor.name


def test_regret_and_cancelled_visits() -> None:
    r = analyse("Seoul voiced regret over the incident.")
    assert event(r, "regret").plover == "CONCEDE"
    r = analyse("The foreign minister cancelled a planned trip to Tokyo.")
    ev = event(r, "cancelled")
    assert ev.plover == "SANCTION"
    assert ev.target is not None
    assert ev.target.name == "Tokyo"


def test_an_authorless_event_or_incident_is_no_target() -> None:
    r = analyse("The league condemned the attack on the stadium.")
    assert event(r, "condemned").target is None
    r = analyse("Police opened an investigation into the fire at the depot.")
    assert event(r, "opened").target is None


def test_a_relative_is_not_the_one_named() -> None:
    r = analyse("Alexei Petrov's mother accused the prison guards of lying.")
    ev = event(r, "accused")
    assert ev.actor is not None
    assert "mother" in ev.actor.name


def test_an_agency_is_preferred_to_the_country_it_belongs_to() -> None:
    r = analyse("Turkey's MIT intelligence agency arrested the two suspects.")
    ev = event(r, "arrested")
    assert ev.actor is not None
    assert ev.actor.name != "Turkey"


def test_blame_idioms_and_brush_offs() -> None:
    r = analyse("The opposition placed the blame on the governor for the floods.")
    ev = event(r, "placed")
    assert ev.plover == "ACCUSE"
    assert ev.target is not None
    assert "governor" in ev.target.name
    r = analyse("The embassy brushed off the accusations.")
    assert event(r, "brushed").plover == "REJECT"


def test_a_barrage_of_rockets_is_the_rockets() -> None:
    r = analyse("The militia fired a barrage of rockets at the airbase.")
    ev = event(r, "fired")
    assert ev.plover == "ASSAULT"
    assert ev.target is not None
    assert "airbase" in ev.target.name


def test_actor_code_is_taken_at_the_event_date_even_a_year() -> None:
    r = analyse("In 2005, Joe Biden visited the Ukrainian parliament in Kyiv.")
    ev = event(r, "visited")
    assert ev.time is not None
    assert ev.time.precision == "year"
    assert ev.actor is not None
    assert ev.actor.code == "USALEG"


def test_object_pronoun_may_stand_for_an_earlier_object_a_subject_pronoun_not() -> None:
    r = analyse("(Wire) -The widow accused the guards of lying after failing to persuade them.")
    ev = event(r, "persuade")
    assert ev.target is not None
    assert "guards" in ev.target.name
    r = analyse("The mayor has prepared buses in case they are needed to evacuate residents.")
    assert all(e.actor is None or "buses" not in e.actor.name for e in r.events)


def test_a_date_is_never_a_target() -> None:
    r = analyse("The bishop called on Sunday for sanctions against the junta.")
    ev = event(r, "called")
    assert ev.plover == "REQUEST"
    assert ev.target is None or "Sunday" not in ev.target.name
    r = analyse("Workers began a hunger strike on Monday.")
    assert not [e for e in r.events if e.plover == "ASSAULT"]


def test_the_us_in_a_reported_claim_is_the_country_not_the_speaker() -> None:
    """First person in a reported claim is its speaker, but "US" is not "us"."""
    r = analyse(
        "The minister sent a private message to the US and Canada seeking help, "
        "the Daily Courier reported."
    )
    ev = event(r, "seeking")
    assert ev.target is not None
    assert ev.target.text == "the US"
    assert ev.target.name != "Daily Courier"
    assert ev.target.country == "USA"


def test_the_recipient_of_a_verb_with_no_object_comes_from_its_type_preposition() -> None:
    r = analyse("The army is fighting with the rebel militias in the north.")
    ev = event(r, "fighting")
    assert ev.plover == "ASSAULT"
    assert ev.target is not None
    assert "militias" in ev.target.name
    r = analyse("The two leaders met on Friday.")
    assert event(r, "met").target is None  # "on Friday" is a date, not a recipient


def test_claiming_responsibility_makes_the_claimer_the_actor() -> None:
    r = analyse("The militia claimed responsibility for the bombing attack on the market.")
    assault = [e for e in r.events if e.plover == "ASSAULT"]
    assert assault
    assert all(e.actor is not None and "militia" in e.actor.name for e in assault)
    assert all(e.target is not None and "market" in e.target.name for e in assault)


def test_denying_accusations_by_someone_is_aimed_at_their_author() -> None:
    r = analyse("The general denied accusations by the opposition that his men shelled a town.")
    ev = event(r, "denied")
    assert ev.plover == "REJECT"
    assert ev.target is not None
    assert "opposition" in ev.target.name


def test_a_passive_killing_in_a_national_strike_takes_the_nation_as_actor() -> None:
    r = analyse("The commander was killed last year in an Iranian missile strike.")
    ev = event(r, "killed")
    assert ev.actor is not None
    assert ev.actor.country == "IRN"
    r = analyse("The villagers were killed in an attack on Monday.")
    assert event(r, "killed").actor is None


def test_a_passive_conjoined_to_a_passive_shares_its_subject_as_target() -> None:
    r = analyse("A second suspect has been identified and detained.")
    ev = event(r, "detained")
    assert ev.target is not None
    assert "suspect" in ev.target.name


def test_a_passive_participle_on_a_noun_acts_on_that_noun() -> None:
    r = analyse("Iran, deeply isolated by Western nations since the war, has blamed the West.")
    ev = event(r, "isolated")
    assert ev.plover == "SANCTION"
    assert ev.target is not None
    assert ev.target.country == "IRN"


def test_a_passive_denial_of_access_is_denied_to_its_subject() -> None:
    r = analyse("The journalists are still being denied access to the court.")
    ev = event(r, "denied")
    assert ev.target is not None
    assert "journalists" in ev.target.name


def test_conjoined_negotiators_negotiate_with_each_other_not_with_the_deal() -> None:
    r = analyse("Russia and Ukraine negotiated a deal.")
    pairs = {(e.actor.name, e.target.name) for e in r.events if e.actor and e.target}
    assert pairs == {("Russia", "Ukraine"), ("Ukraine", "Russia")}


def test_doing_nothing_to_help_is_help_negated_by_the_subject() -> None:
    r = analyse("The government did nothing to help the prisoners.")
    ev = event(r, "help")
    assert ev.plover == "AID"
    assert ev.polarity == "negative"
    assert ev.actor is not None
    assert "government" in ev.actor.name


def test_a_quotation_that_goes_on_without_a_speaker_keeps_the_last_speaker() -> None:
    r = analyse(
        "“We need more help for the refugees,” Prime Minister Rishi Sunak told lawmakers.\n\n"
        "“We are providing new aid to the refugees in the camps.”"
    )
    ev = event(r, "providing")
    assert ev.actor is not None
    assert ev.actor.name == "Rishi Sunak"


def test_responsibility_claimed_apart_from_its_event_still_names_the_actor() -> None:
    r = analyse(
        "The militia claimed responsibility on Thursday for the bombing attack that "
        "killed ten people in the town."
    )
    killed = event(r, "killed")
    assert killed.actor is not None
    assert "militia" in killed.actor.name


def test_an_act_done_by_doing_another_has_the_same_actor() -> None:
    r = analyse("The guerrillas wanted to punish the town by blowing up the bridge.")
    ev = event(r, "blowing")
    assert ev.actor is not None
    assert "guerrillas" in ev.actor.name


def test_an_attack_that_killed_people_targets_them() -> None:
    r = analyse("The militia, whose attack last month killed dozens of villagers, denied any role.")
    ev = event(r, "attack")
    assert ev.target is not None
    assert "villagers" in ev.target.name


def test_a_concession_said_not_to_happen_is_a_refusal() -> None:
    r = analyse("The government had not accepted any help from abroad.")
    ev = event(r, "accepted")
    assert (ev.plover, ev.polarity) == ("REJECT", "positive")
    r = analyse("The inspectors are still not allowed into the plant.")
    assert event(r, "allowed").plover == "REJECT"
    r = analyse("The government accepted help from abroad.")
    assert event(r, "accepted").plover == "CONCEDE"


@pytest.mark.parametrize(
    ("sentence", "trigger", "plover", "actor"),
    [
        ("The minister called the raid on the village a massacre.", "called", "ACCUSE", "minister"),
        ("The group branded the arrest an act of terrorism.", "branded", "ACCUSE", "group"),
        (
            '"This is a barbaric act," the president said after the bombing.',
            "is",
            "ACCUSE",
            "president",
        ),
        ("The rebels conducted airstrikes on the town.", "conducted", "ASSAULT", "rebels"),
        (
            "Russian forces carried out an assault on the city.",
            "carried",
            "ASSAULT",
            "Russian forces",
        ),
        ("The militants attacked the base with the help of Iran.", "help", "AID", "Iran"),
    ],
)
def test_condemning_names_and_light_verbs_of_attacks(
    sentence: str, trigger: str, plover: str, actor: str
) -> None:
    ev = event(analyse(sentence), trigger)
    assert ev.plover == plover
    assert ev.actor is not None
    assert actor in ev.actor.name


def test_a_judgment_of_falsity_in_a_quote_is_the_speakers_rejection() -> None:
    r = analyse(
        '"Such claims are false," the ministry said of reports that its troops shelled the town.'
    )
    ev = event(r, "are")
    assert ev.plover == "REJECT"
    assert ev.actor is not None
    assert "ministry" in ev.actor.name


def test_a_cleft_is_no_judgment() -> None:
    r = analyse("It was militants that attacked the convoy, the police said.")
    assert [e.plover for e in r.events if e.text == "was"] == []
    assert event(r, "attacked").plover == "ASSAULT"


def test_a_modal_perfect_is_a_guess_about_the_past_not_an_intent() -> None:
    past = event(analyse("The rebels may have carried out the attack on the convoy."), "carried")
    assert past.plover == "ASSAULT"
    future = event(analyse("The rebels may carry out an attack on the convoy."), "carry")
    assert future.plover != "ASSAULT"  # a possible future attack is a threat or intent


def test_publishing_an_opinion_is_no_release() -> None:
    assert [
        e.plover
        for e in analyse("The court released its opinion on the case.").events
        if e.text == "released"
    ] == []
    assert event(analyse("The army released the prisoners."), "released").plover == "CONCEDE"


@pytest.mark.parametrize(
    ("sentence", "trigger", "actor"),
    [
        ("The commander said the brigade had nothing to do with the ambush.", "had", "brigade"),
        ("The army had no hand in the killings, a spokesman said.", "had", "army"),
        ("The ministry said the navy was not involved in the sinking.", "involved", "navy"),
    ],
)
def test_a_denial_worded_without_deny_is_a_rejection(
    sentence: str, trigger: str, actor: str
) -> None:
    ev = event(analyse(sentence), trigger)
    assert (ev.plover, ev.polarity) == ("REJECT", "positive")
    assert ev.actor is not None
    assert actor in (ev.actor.text or "")
    assert ev.target is None


def test_a_denial_pattern_needs_its_negation() -> None:
    r = analyse("The ministry said the navy was involved in the sinking of the ferry.")
    assert [e.plover for e in r.events if e.text == "involved"] == []
    quiet = analyse('"I have nothing to say to you," the minister told reporters.')
    assert [e.plover for e in quiet.events if e.text == "have"] == []


def test_issued_orders_coerce_their_addressee_and_an_ultimatum_threatens() -> None:
    ev = event(analyse("The governor issued orders to the police to clear the square."), "issued")
    assert (ev.plover, ev.cameo) == ("COERCE", "170")
    assert ev.target is not None
    assert "police" in (ev.target.text or "")
    threat = event(analyse("The junta issued an ultimatum to the striking miners."), "issued")
    assert (threat.plover, threat.cameo) == ("THREATEN", "139")
    assert threat.target is not None
    assert "miners" in (threat.target.text or "")


def test_a_quoted_name_hung_on_the_object_still_condemns() -> None:
    r = analyse('The mayor called the Kremlin statement "open blackmail," aides said.')
    ev = event(r, "called")
    assert ev.plover == "ACCUSE"
    assert ev.target is not None
    assert "Kremlin" in (ev.target.text or "")
    plain = event(analyse("The president called his counterpart, Mr Ruiz, on Monday."), "called")
    assert plain.plover == "CONSULT"


def test_a_condemning_judgment_targets_the_author_it_names() -> None:
    r = analyse(
        '"This is a cowardly provocation by the secret police," the opposition leader said.'
    )
    ev = event(r, "is")
    assert ev.plover == "ACCUSE"
    assert ev.target is not None
    assert "secret police" in (ev.target.text or "")


def test_an_event_noun_framing_a_clause_is_the_subjects() -> None:
    r = analyse(
        "In a phone call with the Turkish president, the chancellor said the floods were dire."
    )
    ev = event(r, "call")
    assert ev.plover == "CONSULT"
    assert ev.actor is not None
    assert "chancellor" in (ev.actor.text or "")
    rally = event(analyse("The demonstrators clashed with police during a rally."), "rally")
    assert rally.actor is not None
    assert "demonstrators" in (rally.actor.text or "")


def test_a_clause_hung_on_a_noun_keeps_its_own_subject_and_object() -> None:
    r = analyse("The minister claimed without evidence that the neighbours had aided the rebels.")
    ev = event(r, "aided")
    assert ev.actor is not None
    assert "neighbours" in (ev.actor.text or "")
    assert ev.target is not None
    assert "rebels" in (ev.target.text or "")


def test_the_giver_may_hang_on_the_object() -> None:
    r = analyse("The police said the smugglers received large amounts of weapons from the cartel.")
    ev = event(r, "received")
    assert ev.plover == "AID"
    assert ev.actor is not None
    assert "cartel" in (ev.actor.text or "")
    assert ev.target is not None
    assert "smugglers" in (ev.target.text or "")


def test_the_subject_of_have_is_the_actor_of_its_event_noun() -> None:
    r = analyse('"We have a war with the junta," the rebel commander said.')
    ev = event(r, "war")
    assert ev.actor is not None
    assert "commander" in (ev.actor.name or "")


@pytest.mark.parametrize(
    ("sentence", "trigger", "plover"),
    [
        ("The rebels reached an agreement with the government on Sunday.", "reached", "AGREE"),
        ("The doctors handed over 300 kg of medicine to the clinic.", "handed", "AID"),
        ("The ministry lodged a protest with the embassy.", "protest", "ACCUSE"),
        ("The army lifted the blockade of the port.", "lifted", "RETREAT"),
        ("The governor eased the curfew in the north.", "eased", "CONCEDE"),
        ("The militia surrendered to the army.", "surrendered", "RETREAT"),
        ("The junta outlawed the largest opposition party.", "outlawed", "COERCE"),
        ("Soldiers demolished several houses in the village.", "demolished", "COERCE"),
        ("The guards beat up the prisoners.", "beat", "ASSAULT"),
        ("The mediators ended talks with the rebels.", "ended", "SANCTION"),
        ("Gunmen kidnapped two engineers near the mine.", "kidnapped", "COERCE"),
        ("Settlers set fire to the offices of the council overnight.", "set", "COERCE"),
    ],
)
def test_more_plover_verbs(sentence: str, trigger: str, plover: str) -> None:
    assert event(analyse(sentence), trigger).plover == plover


def test_a_vow_to_fight_is_a_threat() -> None:
    assert (
        event(analyse("The guerrillas have sworn to fight the army."), "fight").plover == "THREATEN"
    )


def test_refusing_to_comment_is_no_rejection() -> None:
    r = analyse("Police refused to comment on the arrests.")
    assert [e.plover for e in r.events if e.text == "refused"] == []
    ev = event(analyse("The deputy declined to resign despite the pressure."), "declined")
    assert ev.plover == "REJECT"


def test_abusing_power_is_no_assault() -> None:
    r = analyse("The court found that the mayor abused his power.")
    assert [e.plover for e in r.events if e.text == "abused"] == []


def test_the_target_preposition_may_hang_on_a_quantity_object() -> None:
    r = analyse("The brigade said it had fired a barrage of rockets at the border town.")
    ev = event(r, "fired")
    assert ev.target is not None
    assert "town" in (ev.target.text or "")


def test_a_reported_clause_left_without_subject_takes_the_noun_before_it() -> None:
    r = analyse(
        "The service said it had found a recording proving a “sabotage group” blew up the bridge."
    )
    ev = event(r, "blew")
    assert ev.actor is not None
    assert "sabotage group" in (ev.actor.text or "")


@pytest.mark.parametrize(
    ("sentence", "trigger", "actor", "target"),
    [
        (
            '"All responsibility lies with the junta," the opposition leader said.',
            "lies",
            "leader",
            "junta",
        ),
        (
            "The minister said the rebels bear full responsibility for the blast.",
            "bear",
            "minister",
            "rebels",
        ),
        (
            "The general said the militia was behind the bombing of the market.",
            "was",
            "general",
            "militia",
        ),
    ],
)
def test_laying_responsibility_is_the_speakers_accusation(
    sentence: str, trigger: str, actor: str, target: str
) -> None:
    ev = event(analyse(sentence), trigger)
    assert ev.plover == "ACCUSE"
    assert ev.actor is not None
    assert actor in (ev.actor.text or "")
    assert ev.target is not None
    assert target in (ev.target.text or "")


def test_a_subject_constraint_keeps_other_senses_out() -> None:
    r = analyse("The decision lies with the court, the minister said.")
    assert [e.plover for e in r.events if e.text == "lies"] == []


def test_of_names_who_suffers_an_attack_not_who_makes_it() -> None:
    ev = event(analyse("Residents described the shelling of the market on Sunday."), "shelling")
    assert ev.actor is None or "market" not in (ev.actor.text or "")
    assert ev.target is not None
    assert "market" in (ev.target.text or "")


def test_a_second_verb_of_the_attribution_frame_is_coded() -> None:
    r = analyse("The army denied responsibility and pointed to the rebels as the likely culprits.")
    ev = event(r, "pointed")
    assert ev.plover == "ACCUSE"
    assert ev.actor is not None
    assert "army" in (ev.actor.text or "")
    assert ev.target is not None
    assert "rebels" in (ev.target.text or "")
    assert len([e for e in r.events if e.text == "denied"]) == 1


def test_an_object_pronoun_is_not_its_verbs_subject() -> None:
    ev = event(analyse("The EU chief called it a war crime."), "called")
    assert ev.plover == "ACCUSE"
    assert ev.actor is not None
    assert "chief" in (ev.actor.text or "")
    assert ev.target is None  # "it" is the act judged, no actor


def test_a_judgment_stays_an_accusation_under_a_modal() -> None:
    r = analyse("The minister said the rebels should bear full responsibility for the blast.")
    assert event(r, "bear").plover == "ACCUSE"


def test_a_promised_punishment_is_the_speakers_threat() -> None:
    r = analyse("“Those who ordered this crime will be severely punished,” the president said.")
    ev = event(r, "punished")
    assert ev.plover == "THREATEN"
    assert ev.actor is not None
    assert "president" in (ev.actor.text or "")
    assert ev.target is not None
    assert "Those" in (ev.target.text or "")


def test_evidence_does_not_accuse_the_one_who_cites_it_does() -> None:
    r = analyse('"All the evidence points to the militia," the mayor told reporters.')
    ev = event(r, "points")
    assert ev.plover == "ACCUSE"
    assert ev.actor is not None
    assert "mayor" in (ev.actor.text or "")
    assert ev.target is not None
    assert "militia" in (ev.target.text or "")


def test_an_allegation_targets_the_subject_of_what_is_alleged() -> None:
    ev = event(analyse("The minister alleged that the rebels had shelled the school."), "alleged")
    assert ev.target is not None
    assert "rebels" in (ev.target.text or "")


def test_a_condemned_act_with_a_relative_clause_is_no_cleft() -> None:
    r = analyse(
        "The president said the shelling of the port was “a barbaric act which caused havoc.”"
    )
    ev = event(r, "was")
    assert ev.plover == "ACCUSE"
    assert ev.actor is not None
    assert "president" in (ev.actor.text or "")


def test_what_someone_must_do_is_the_speakers_demand() -> None:
    r = analyse("The ministry said on Tuesday that the neighbours must return the seized tanker.")
    ev = event(r, "must")
    assert (ev.plover, ev.cameo) == ("REQUEST", "100")
    assert ev.actor is not None
    assert "ministry" in (ev.actor.text or "")
    assert ev.target is not None
    assert "neighbours" in (ev.target.text or "")


def test_must_have_is_a_guess_and_the_outlets_must_no_demand() -> None:
    guess = analyse("The rebels must have crossed the river at night, the officer said.")
    assert [e for e in guess.events if e.text == "must"] == []
    plain = analyse("The neighbours must return the tanker.")
    assert [e for e in plain.events if e.text == "must"] == []


def test_failing_to_agree_is_a_rejection_and_the_topic_no_target() -> None:
    ev = event(analyse("The two sides failed to reach agreement on the border on Sunday."), "reach")
    assert (ev.plover, ev.polarity) == ("REJECT", "positive")
    assert ev.target is None


def test_an_intent_under_unless_is_a_threat() -> None:
    r = analyse(
        "The government announced that it will withdraw its troops unless the rebels disarm."
    )
    assert event(r, "withdraw").plover == "THREATEN"


@pytest.mark.parametrize(
    ("sentence", "threat"),
    [
        ("The governor warned that police will no longer tolerate the rallies.", True),
        ("The army warned that it would respond with force.", True),
        ("The embassy warned that extremists were planning attacks on concerts.", False),
        ("The ministry warned all citizens to avoid the border.", False),
    ],
)
def test_a_warning_threatens_only_what_will_be_done(sentence: str, threat: bool) -> None:
    r = analyse(sentence)
    assert any(e.text == "warned" and e.plover == "THREATEN" for e in r.events) == threat


def test_demonstrating_something_is_no_protest() -> None:
    r = analyse('"This act demonstrates the cruelty of the regime," the envoy said.')
    assert [e.plover for e in r.events if e.text == "demonstrates"] == []
    protest = reportedly.analyze("Thousands demonstrated outside parliament on Monday.")
    assert [e.plover for e in protest.events if e.text == "demonstrated"] == ["PROTEST"]


def test_a_list_the_parser_took_for_an_apposition_meets_pairwise() -> None:
    r = analyse("The UK, Norway, and Iceland met on Thursday.")
    pairs = {(e.actor.name, e.target.name) for e in r.events if e.actor and e.target}
    assert ("United Kingdom", "Norway") in pairs or ("UK", "Norway") in pairs
    assert any(a in ("Iceland",) for a, _ in pairs)


def test_the_with_phrase_on_the_object_of_a_ratification_is_its_target() -> None:
    ev = event(analyse("Canada ratified a trade agreement with Mexico on Monday."), "ratified")
    assert ev.target is not None
    assert ev.target.country == "MEX"


def test_an_event_noun_after_a_participation_verb_takes_its_subject() -> None:
    r = analyse("Chile and Peru renewed negotiations on their maritime border.")
    pairs = {(e.actor.country, e.target.country) for e in r.events if e.actor and e.target}
    assert ("CHL", "PER") in pairs
    assert ("PER", "CHL") in pairs
    ev = event(analyse("The Kenyan president attended a summit on the drought."), "summit")
    assert ev.actor is not None
    assert ev.actor.country == "KEN"


def test_the_event_a_journey_is_for_is_the_travellers() -> None:
    ev = event(
        analyse("The Turkish foreign minister arrived in Baghdad on a surprise visit."), "visit"
    )
    assert ev.actor is not None
    assert ev.actor.country == "TUR"


def test_agreeing_on_what_is_the_case_is_no_agreement() -> None:
    r = analyse("Peru, Chile and Bolivia agreed that the drought is the main cause of the losses.")
    assert [e for e in r.events if e.text == "agreed"] == []
    r = analyse("Peru and Chile agreed that their navies will hold joint drills.")
    assert event(r, "agreed").plover == "AGREE"


def test_talks_with_someone_go_both_ways_but_a_visit_does_not() -> None:
    r = analyse("Peru's foreign minister telephoned Chile's foreign minister on Sunday.")
    pairs = {(e.actor.country, e.target.country) for e in r.events if e.actor and e.target}
    assert pairs == {("PER", "CHL"), ("CHL", "PER")}
    r = analyse("The Turkish defence minister visited Iraq on Sunday.")
    pairs = {(e.actor.country, e.target.country) for e in r.events if e.actor and e.target}
    assert pairs == {("TUR", "IRQ")}


def test_they_after_coordinated_names_stands_for_each() -> None:
    r = analyse("Peru and Chile said they will attack Bolivia.")
    assert {e.actor.country for e in r.events if e.text == "attack" and e.actor} == {"PER", "CHL"}


def test_being_opposed_to_something_is_opposing_it() -> None:
    ev = event(analyse("Chile is opposed to the Bolivian plan for a new port."), "opposed")
    assert ev.actor is not None
    assert ev.actor.country == "CHL"
    ev = event(analyse("The port plan was opposed by Chile."), "opposed")
    assert ev.actor is not None
    assert ev.actor.country == "CHL"


def test_being_engaged_in_attacks_against_someone_is_attacking_them() -> None:
    r = analyse("Chilean troops were engaged in raids against Bolivian smugglers near the border.")
    ev = event(r, "engaged")
    assert ev.actor is not None
    assert ev.actor.country == "CHL"


def test_the_against_phrase_on_a_passive_subject_is_the_target() -> None:
    ev = event(analyse("Evidence against Peru was presented by Chile on Monday."), "presented")
    assert ev.target is not None
    assert ev.target.country == "PER"


def test_a_summit_on_a_country_targets_it_without_making_it_a_party() -> None:
    r = analyse("The Kenyan president will attend a summit on the crisis in Sudan.")
    pairs = {(e.actor.country, e.target.country) for e in r.events if e.actor and e.target}
    assert pairs == {("KEN", "SDN")}


def test_an_ethnic_group_is_coded_by_where_it_lives_not_by_its_namesake_state() -> None:
    ev = event(analyse("Ethnic Hungarians protested in Bratislava on Sunday."), "protested")
    assert ev.actor is not None
    assert ev.actor.country == "SVK"
    ev = event(analyse("Ethnic Serbs blocked the main road on Sunday."), "blocked")
    assert ev.actor is not None
    assert ev.actor.country is None


def test_a_statement_demanding_something_is_its_issuers_demand() -> None:
    r = analyse("The Bolivian government issued a statement demanding that Chile open the port.")
    ev = event(r, "demanding")
    assert ev.actor is not None
    assert ev.actor.country == "BOL"


def test_withdrawing_from_a_country_targets_it() -> None:
    ev = event(analyse("Chile withdrew its troops from Bolivia on Monday."), "withdrew")
    assert ev.target is not None
    assert ev.target.country == "BOL"
    assert event(analyse("Chile withdrew its ambassador on Monday."), "withdrew").target is None


def test_a_protest_with_no_target_is_aimed_at_the_country_it_is_held_in() -> None:
    r = analyse("Peruvian and Chilean activists staged a protest in Beijing on Friday.")
    targets = {e.target.country for e in r.events if e.plover == "PROTEST" and e.target}
    assert targets == {"CHN"}


def test_bombarding_is_an_artillery_assault() -> None:
    ev = event(analyse("Rebel units bombarded the northern town of Arica overnight."), "bombarded")
    assert ev.plover == "ASSAULT"
    assert ev.cameo == "194"


def test_a_clash_goes_both_ways() -> None:
    r = analyse("Chilean police clashed with Bolivian smugglers near the border.")
    pairs = {(e.actor.country, e.target.country) for e in r.events if e.actor and e.target}
    assert pairs == {("CHL", "BOL"), ("BOL", "CHL")}


def test_nobody_as_victim_makes_the_act_negative_and_names_no_one() -> None:
    r = reportedly.analyze(
        "A fire gutted the old mill overnight, the fire chief said, adding that nobody had "
        "been killed."
    )
    kills = [e for e in r.events if e.text == "killed"]
    assert kills
    assert all(e.polarity == "negative" for e in kills)
    assert all(e.target is None for e in kills)


def test_destroying_a_store_is_an_assault() -> None:
    r = reportedly.analyze("Rebel fighters destroyed an army fuel store near the border.")
    hits = [e for e in r.events if e.text == "destroyed"]
    assert [e.plover for e in hits] == ["ASSAULT"]
    assert hits[0].actor is not None
