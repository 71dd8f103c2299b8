"""In-document event coreference (eventwire.coref): a mention that names an event told elsewhere in the
article is dated and placed as told there, and says which mention it names again."""

from __future__ import annotations

import pytest

from eventwire.coref import WINDOW

PUBLISHED = "2024-03-09"  # a Saturday: "Friday" is 03-08, "Wednesday" 03-06, "Monday" 03-04


def coded(pipeline, text: str):
    result = pipeline.code_text(text, published=PUBLISHED)
    return result.events


def by_trigger(events, trigger: str, event_type: str | None = None):
    found = [e for e in events if e.trigger.text == trigger and (event_type is None or e.event_type == event_type)]
    assert found, [(e.event_type, e.trigger.text) for e in events]
    return found


def test_a_welcomed_agreement_is_the_one_told_in_the_next_sentence(pipeline):
    events = coded(pipeline, "On Friday, Sudan's prime minister welcomed an agreement with the rebels. Negotiators "
                             "for the government and the Sudan Liberation Movement agreed on a ceasefire late on "
                             "Wednesday in Juba.")
    (named,) = by_trigger(events, "agreement", "AGREE")
    (told,) = by_trigger(events, "agreed on", "AGREE")
    assert named.same_as == told.event_id
    assert named.date == told.date == "2024-03-06"  # the day it was agreed, not the day it was welcomed
    assert named.location is not None and named.location.name == told.location.name == "Juba"
    assert named.rule.endswith("+same-as:s1")
    assert told.same_as is None


def test_a_clause_of_the_agreement_is_dated_by_the_agreement(pipeline):
    # "next month" is when the commission meets, not when the agreement was made
    events = coded(pipeline, "Ethiopia and Eritrea agreed on Monday in Jeddah to reopen their border. The agreement "
                             "also commits both countries to a joint commission next month.")
    named = by_trigger(events, "agreement", "AGREE")
    told = {e.event_id for e in events if e.sentence_index == 0 and e.event_type == "AGREE"}
    assert told and all(e.same_as in told for e in named)
    for event in named:
        assert event.date == "2024-03-04"
        assert "future" not in event.aux_modes
        assert event.location is not None and event.location.name == "Jeddah"


@pytest.mark.parametrize("second", [
    "Tanzania on Friday welcomed a second agreement between Kenya and Uganda.",  # order: another event
    "Tanzania on Friday welcomed the 2019 agreement between Kenya and Uganda.",  # a date of its own
    "Tanzania on Friday welcomed another agreement between Kenya and Uganda.",
    "Tanzania on Friday welcomed the agreements between Kenya and Uganda.",  # several
])
def test_a_noun_that_says_it_is_another_event_is_not_linked(pipeline, second):
    events = coded(pipeline, "Kenya and Uganda agreed on a trade deal on Monday. " + second)
    assert all(e.same_as is None for e in events)
    assert not any("+same-as" in e.rule for e in events)


def test_an_act_done_in_its_own_sentence_is_not_linked(pipeline):
    # "lodged a protest" is done there (a light verb), not a protest told before
    events = coded(pipeline, "Ghana's foreign ministry on Monday condemned the arrest of three Ghanaian traders in "
                             "Lagos. On Friday the ministry lodged a formal protest with Nigeria.")
    assert all(e.same_as is None for e in events)


def test_parties_of_other_countries_are_another_event(pipeline):
    events = coded(pipeline, "Kenya and Uganda agreed on Monday to scrap border fees. On Friday, Rwanda's president "
                             "hailed an agreement with Burundi.")
    assert all(e.same_as is None for e in events)


def test_one_person_s_act_is_not_another_person_s(pipeline):
    events = coded(pipeline, "Omar Haddad, Syria's ambassador to Iraq, spoke to reporters in Baghdad on Monday. Karim "
                             "Nasser, Syria's ambassador to Sweden, defected on Wednesday. An opposition leader on "
                             "Friday praised Haddad's defection.")
    (named,) = by_trigger(events, "defection", "RETREAT")
    assert named.source[0].name == "Omar Haddad"
    assert named.same_as is None and named.date == "2024-03-08"


def test_an_antecedent_too_far_away_is_not_used(pipeline):
    filler = " ".join(f"Officials met farmers in district {n} on Tuesday." for n in range(WINDOW + 1))
    events = coded(pipeline, "Negotiators for the government and the Sudan Liberation Movement agreed on a ceasefire "
                             f"late on Wednesday in Juba. {filler} On Friday, Sudan's prime minister welcomed an "
                             "agreement with the rebels.")
    (named,) = by_trigger(events, "agreement", "AGREE")
    assert named.same_as is None
    assert named.date == "2024-03-08"


@pytest.mark.parametrize("text", [
    "On Friday, Sudan's prime minister welcomed an agreement with the rebels. Negotiators for the government and "
    "the Sudan Liberation Movement agreed on a ceasefire late on Wednesday in Juba.",
    "Ethiopia and Eritrea agreed on Monday in Jeddah to reopen their border. The agreement also commits both "
    "countries to a joint commission next month.",
])
def test_every_link_points_at_an_event_of_the_same_article_and_type(pipeline, text):
    events = coded(pipeline, text)
    ids = {e.event_id: e for e in events}
    linked = [e for e in events if e.same_as]
    assert linked
    for event in linked:
        antecedent = ids[event.same_as]
        assert antecedent.event_type == event.event_type
        assert antecedent.sentence_index != event.sentence_index
        assert antecedent.same_as is None  # an antecedent is told, not named again
        assert (antecedent.date, antecedent.date_precision) == (event.date, event.date_precision)


@pytest.mark.parametrize("text, place", [
    ("Soldiers from Niger and Burkina Faso have begun joint patrols along their shared frontier, the two armies "
     "said on Sunday. The patrols are run from Torodi, about 60 km southwest of the capital.", "Torodi"),
    ("Special forces from Uzbekistan and Kazakhstan wrapped up a week of joint mountain drills on Saturday. The "
     "exercise was staged in the foothills outside Jizzakh.", "Jizzax"),
])
def test_a_sentence_that_goes_on_to_tell_where_it_happened_places_the_event(pipeline, text, place):
    events = coded(pipeline, text)
    told = [e for e in events if e.event_type == "COOPERATE" and e.sentence_index == events[0].sentence_index]
    assert len(told) == 2  # both pairs of actors
    for event in told:
        assert event.location is not None and event.location.name == place
        assert "+placed-by:s" in event.rule


def test_a_placed_event_is_not_moved_by_a_later_sentence(pipeline):
    events = coded(pipeline, "Protesters marched through Nairobi on Tuesday against a new tax. The march ended "
                             "outside parliament in Mombasa.")
    (march,) = [e for e in events if e.trigger.text == "marched"]
    assert march.location is not None and march.location.name == "Nairobi"


def test_a_city_told_later_places_an_event_placed_only_by_a_country(pipeline):
    events = coded(pipeline, "Spain extradited a 41-year-old man to Morocco on Friday, Spain's National Court said. "
                             "The handover took place at the port of Algeciras.")
    (extradition,) = [e for e in events if e.trigger.text == "extradited"]
    assert extradition.location is not None and extradition.location.name == "Algeciras"
