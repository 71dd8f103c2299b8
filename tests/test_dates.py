"""Tests of :mod:`eventwire.dates`: date expressions resolved against the publication date, and event dates."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.dates import resolve_expression
from eventwire.schema import CodedDocument

THU = dt.date(2012, 7, 12)  # a Thursday
EARLY_JULY = dt.date(2012, 7, 3)  # a Tuesday
DECEMBER = dt.date(2012, 12, 20)  # a Thursday in December
FEBRUARY = dt.date(2013, 2, 1)
MAY_2016 = dt.date(2016, 5, 12)  # a Thursday

RESOLVE = [
    # weekdays: the last one on or before publication, the same day included
    ("on Thursday", THU, ("2012-07-12", "day")),
    ("Thursday", THU, ("2012-07-12", "day")),
    ("on Wednesday", THU, ("2012-07-11", "day")),
    ("on Friday", THU, ("2012-07-06", "day")),
    ("Monday night", THU, ("2012-07-09", "day")),
    ("last Thursday", THU, ("2012-07-05", "day")),
    ("on Monday", EARLY_JULY, ("2012-07-02", "day")),
    ("on Sunday", EARLY_JULY, ("2012-07-01", "day")),
    # relative days
    ("yesterday", THU, ("2012-07-11", "day")),
    ("overnight", THU, ("2012-07-11", "day")),
    ("last night", THU, ("2012-07-11", "day")),
    ("today", THU, ("2012-07-12", "day")),
    ("tomorrow", THU, ("2012-07-13", "day")),
    ("two days ago", THU, ("2012-07-10", "day")),
    ("three weeks ago", THU, ("2012-06", "month")),
    # weeks and months around publication
    ("last week", THU, ("2012-07", "month")),
    ("last week", EARLY_JULY, ("2012-06", "month")),
    ("earlier this month", THU, ("2012-07", "month")),
    ("last month", THU, ("2012-06", "month")),
    ("next month", DECEMBER, ("2013-01", "month")),
    # a month name: the last such month, this one included
    ("in December", THU, ("2011-12", "month")),
    ("in December", DECEMBER, ("2012-12", "month")),
    ("until December", THU, ("2011-12", "month")),
    ("until December", FEBRUARY, ("2012-12", "month")),
    ("in March", THU, ("2012-03", "month")),
    ("in July", THU, ("2012-07", "month")),
    # explicit dates
    ("December 3", THU, ("2011-12-03", "day")),
    ("December 3", DECEMBER, ("2012-12-03", "day")),
    ("Dec. 3", DECEMBER, ("2012-12-03", "day")),
    ("3 December 2011", THU, ("2011-12-03", "day")),
    ("on December 3, 2011", THU, ("2011-12-03", "day")),
    ("March 2011", THU, ("2011-03", "month")),
    ("2011-03-15", THU, ("2011-03-15", "day")),
    ("in 2014", MAY_2016, ("2014", "year")),
    ("last year", THU, ("2011", "year")),
    ("next year", THU, ("2013", "year")),
    # the future
    ("next Tuesday", THU, ("2012-07-17", "day")),
    ("next Thursday", THU, ("2012-07-19", "day")),
    ("next Tuesday", MAY_2016, ("2016-05-17", "day")),
    # durations are not dates
    ("a 16-month-old uprising", THU, None),
    ("a near 16-month-old", THU, None),
    ("a three-day siege", THU, None),
    ("for two weeks", THU, None),
    ("for the past two weeks", THU, None),
    ("a decade-long war", THU, None),
    ("a two-year-old ceasefire", THU, None),
    ("", THU, None),
    pytest.param("in the 1990s", THU, None,
                 marks=pytest.mark.xfail(strict=False, reason="a decade is resolved to its first year ('1990', "
                                                              "'year'); the schema has no decade precision")),
]


@pytest.mark.parametrize(("text", "published", "expected"), RESOLVE)
def test_resolve_expression(text, published, expected):
    assert resolve_expression(text, published) == expected


def test_resolve_expression_doctests():
    import doctest

    import eventwire.dates

    assert doctest.testmod(eventwire.dates).failed == 0


# ----- end to end: the date an event gets -----------------------------------------------------------------


def _events(pipeline, text: str, published):
    result = pipeline.code_text(text, published=published)
    assert isinstance(result, CodedDocument), result
    return result.events


def _only(events, event_type: str):
    found = [e for e in events if e.event_type == event_type]
    assert len(found) == 1, [(e.event_type, e.trigger.text) for e in events]
    return found[0]


def test_event_on_a_weekday(pipeline):
    event = _only(_events(pipeline, "Syrian troops shelled the town of Rastan on Tuesday.", "2012-07-12"), "ASSAULT")
    assert (event.date, event.date_precision, event.date_source) == ("2012-07-10", "day", "text")
    assert event.aux_modes == []


def test_event_on_the_publication_weekday(pipeline):
    event = _only(_events(pipeline, "Kenyan police arrested ten protesters in Mombasa on Thursday.", "2012-07-12"),
                  "COERCE")
    assert (event.date, event.date_source) == ("2012-07-12", "text")


def test_event_without_a_date_takes_the_publication_date(pipeline):
    event = _only(_events(pipeline, "Syrian troops shelled the town of Rastan.", "2012-07-12"), "ASSAULT")
    assert (event.date, event.date_precision, event.date_source) == ("2012-07-12", "day", "published")
    assert "historical" not in event.aux_modes


def test_event_without_any_date(pipeline):
    event = _only(_events(pipeline, "Syrian troops shelled the town of Rastan.", None), "ASSAULT")
    assert (event.date, event.date_precision, event.date_source) == (None, None, None)


def test_past_perfect_event_years_ago_is_historical(pipeline):
    event = _only(_events(pipeline, "Syrian troops had shelled the town of Rastan in 2014.", "2016-05-12"), "ASSAULT")
    assert (event.date, event.date_precision, event.date_source) == ("2014", "year", "text")
    assert "historical" in event.aux_modes


def test_last_december_is_historical_this_month_is_not(pipeline):
    old = _only(_events(pipeline, "Syrian troops shelled the town of Rastan in December.", "2012-07-12"), "ASSAULT")
    recent = _only(_events(pipeline, "Syrian troops shelled the town of Rastan earlier this month.", "2012-07-12"),
                   "ASSAULT")
    assert (old.date, old.date_precision) == ("2011-12", "month") and "historical" in old.aux_modes
    assert (recent.date, recent.date_precision) == ("2012-07", "month") and "historical" not in recent.aux_modes


def test_duration_in_the_sentence_is_not_the_date(pipeline):
    event = _only(_events(pipeline, "Syrian troops shelled Rastan, the scene of a 16-month-old uprising, on Tuesday.",
                          "2012-07-12"), "ASSAULT")
    assert event.date == "2012-07-10"


def test_date_of_the_statement_dates_a_reported_event(pipeline):
    event = _only(_events(pipeline, "Activists said on Monday that government forces shelled Homs.", "2012-07-12"),
                  "ASSAULT")
    assert (event.date, event.date_source) == ("2012-07-09", "text")


def test_future_date_makes_a_future_event(pipeline):
    event = _only(_events(pipeline, "Kenya will host talks with Ethiopia next Tuesday.", "2016-05-12"), "AGREE")
    assert (event.date, event.date_precision) == ("2016-05-17", "day")
    assert "future" in event.aux_modes


def test_role_ended_until_december(pipeline):
    events = _events(pipeline, "Tariq Halabi, who was the Syrian ambassador to Sweden until December, joined the "
                               "opposition on Monday.", "2012-07-12")
    event = _only(events, "RETREAT")
    assert event.rule == "rule:role-ended-until"
    assert (event.date, event.date_precision, event.date_source) == ("2011-12", "month", "text")


@pytest.mark.parametrize(("text", "expected"), [
    ("Chile's president is set to hold a summit with Argentina's president in Santiago on March 16.", "2023-03-16"),
    ("Belgian unions will hold a national strike on 31 March against the pension reforms.", "2023-03-31"),
    ("Police arrested 20 protesters in Brussels on March 16, officials said.", "2022-03-16"),
    # "set" is a head of things to come only with an infinitive ("is set to"), not as an act
    ("Protesters stormed the parliament in Nairobi and set part of it ablaze on March 7.", "2023-03-07"),
])
def test_a_day_of_something_to_come_is_the_next_one(pipeline, text, expected):
    events = pipeline.code_text(text, published="2023-03-10").events
    assert events and {e.date for e in events} == {expected}


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    ("The World Bank suspended disbursements to Sudan on Wednesday, two days after the military seized power "
     "and detained the prime minister.", "detained", "2021-10-25"),
    ("Police in Surabaya beefed up security around churches on Sunday, a week after suicide bombers attacked "
     "three of them.", "attacked", "2021-10-17"),
    ("Ugandan security forces cracked down on opposition supporters on Thursday, a day after the arrest of "
     "Bobi Wine.", "arrest", "2021-10-27"),
])
def test_a_date_counted_from_another_clause(pipeline, text, trigger, expected):
    events = pipeline.code_text(text, published="2021-10-28").events
    assert {e.date for e in events if e.trigger.text == trigger} == {expected}


def test_a_commitment_is_dated_when_it_was_made(pipeline):
    # THU is 2012-07-12: "on Monday" dates the agreeing, "in August" the talks agreed on
    events = _events(pipeline, "The government and the rebels agreed on Monday to hold the next round of talks in "
                               "Caracas in August.", THU)
    agree = [e for e in events if e.event_type == "AGREE"]
    assert agree and {(e.date, e.date_source) for e in agree} == {("2012-07-09", "text")}
