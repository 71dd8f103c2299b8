"""Tests of :mod:`eventwire.clean`: page debris out, quotes and whitespace normalised, offsets kept."""

from __future__ import annotations

import doctest

import pytest

import eventwire.clean
from eventwire.clean import MAX_CHARS, clean_document, normalise_text
from eventwire.schema import CodedDocument


def test_module_doctests():
    assert doctest.testmod(eventwire.clean).failed == 0


def test_repeated_title_is_removed():
    cleaned = clean_document("Troops leave Rastan", "Troops leave Rastan\n\nSoldiers left the town on Monday.")
    assert cleaned.title == "Troops leave Rastan"
    assert cleaned.text == "Soldiers left the town on Monday."


def test_repeated_title_differing_in_case_and_punctuation_is_removed():
    cleaned = clean_document("Troops leave Rastan", "TROOPS LEAVE RASTAN!\nSoldiers left the town on Monday.")
    assert cleaned.text == "Soldiers left the town on Monday."


@pytest.mark.parametrize("debris", [
    "Online view pixel",
    "Offline view pixel 1x1",
    "Share this article",
    "Share on Facebook",
    "Share this story on WhatsApp",
    "Tweet",
    "Email",
    "Print",
    "Subscribe to our newsletter for free updates",
    "Sign up for our free newsletter",
    "We use cookies to improve your experience. Accept cookies policy.",
    "This site uses cookies. By continuing you accept our cookie policy.",
    "Advertisement",
    "Read more: Talks collapse in Geneva",
    "Follow us on Twitter",
    "Home | World | Politics | Sport",
    "* * *",
    "Copyright 2012 Example News. All rights reserved.",
    "By Staff Reporter",
    "Accept all cookies",
])
def test_debris_lines_are_removed(debris):
    body = f"Soldiers left the town on Monday.\n{debris}\nThe withdrawal ended a siege."
    cleaned = clean_document("", body)
    assert cleaned.text == "Soldiers left the town on Monday.\nThe withdrawal ended a siege."
    assert any("debris" in note for note in cleaned.notes)


def test_article_lines_that_mention_sharing_are_kept():
    body = ("Kenya and Uganda agreed to share intelligence on border crossings.\n"
            "Print media were banned from the session, and officials said no comment would follow.")
    assert clean_document("", body).text == body


def test_article_sentence_about_cookies_is_kept():
    body = "Regulators fined the company for using cookies without consent, officials said on Monday."
    assert clean_document("", body).text == body


def test_byline_glued_to_the_dateline():
    cleaned = clean_document("", "By Jane Doe, Staff WriterBEIRUT - Syrian troops shelled Homs on Monday.")
    assert cleaned.text == "BEIRUT - Syrian troops shelled Homs on Monday."


def test_byline_without_affiliation_glued_to_the_dateline():
    cleaned = clean_document("", "By Amal KhouryBEIRUT - Syrian troops shelled Homs on Monday.")
    assert cleaned.text == "BEIRUT - Syrian troops shelled Homs on Monday."


def test_byline_glued_to_a_dateline_with_country():
    cleaned = clean_document("", "By Amal KhouryDAMASCUS, Syria - Rebels said they had taken the airport.")
    assert cleaned.text == "DAMASCUS, Syria - Rebels said they had taken the airport."


def test_sentence_starting_with_by_is_not_a_byline():
    body = "By Tuesday the army had withdrawn from Homs.\nTalks resumed in Geneva."
    assert clean_document("", body).text == body


def test_quotes_dashes_and_spaces_are_normalised():
    cleaned = clean_document("", "\u201cWe will fight,\u201d he said \u2014 and left.\u00a0 It\u2019s  over\u2026")
    assert cleaned.text == "\"We will fight,\" he said - and left. It's over..."


def test_line_breaks_are_normalised():
    cleaned = clean_document("", "Line one.\r\nLine two.\r\n\r\n\r\n\r\nLine three.\tTabbed   spaces.\u2028Next.")
    assert cleaned.text == "Line one.\nLine two.\n\nLine three. Tabbed spaces.\nNext."


def test_control_characters_are_removed():
    assert normalise_text("Troops\x00 left\u200b the\x07 town.") == "Troops left the town."


def test_normalising_and_cleaning_are_idempotent():
    raw = "\u201cTalks,\u201d said X.\u00a0\r\n\r\n\r\nShare this article\nOnline view pixel\nEnd \u2013 here."
    once = normalise_text(raw)
    assert normalise_text(once) == once
    first = clean_document("Title", raw)
    again = clean_document(first.title, first.text)
    assert (again.title, again.text) == (first.title, first.text)


def test_title_from_first_line_when_missing():
    cleaned = clean_document("", "Envoys met in Geneva.\nThey agreed to meet again.")
    assert cleaned.title == "Envoys met in Geneva."
    assert cleaned.text.startswith("Envoys met in Geneva.")


def test_very_long_body_is_cut_at_a_boundary():
    paragraph = "Troops shelled the town again on Monday, residents said. " * 40
    body = "\n\n".join([paragraph.strip()] * (MAX_CHARS // len(paragraph) + 5))
    cleaned = clean_document("", body)
    assert len(cleaned.text) <= MAX_CHARS
    assert cleaned.text.endswith(".")
    assert any("cut" in note for note in cleaned.notes)


MESSY = (
    "Rebels take airport\n"
    "Rebels take airport\n"
    "Online view pixel\n"
    "By Jane Doe, Staff WriterBEIRUT \u2014 Syrian rebels attacked an army base near Aleppo on Monday, "
    "activists said.\n"
    "Share this article\n"
    "\u201cWe will not stop until the regime falls,\u201d said   rebel commander Abu Omar.\u00a0\n\n\n\n"
    "Subscribe to our newsletter for free updates\n"
    "Turkish Foreign Minister Kemal Aydin condemned the shelling of border villages by Syrian troops.\n"
    "Advertisement\n"
)


def test_cleaning_then_coding_gives_spans_inside_the_text(pipeline):
    result = pipeline.code_text(MESSY, title="Rebels take airport", published="2012-07-12")
    assert isinstance(result, CodedDocument), result
    text = result.article.text
    assert "Online view pixel" not in text and "Share this article" not in text and "By Jane" not in text
    assert "\u201c" not in text and "\u00a0" not in text and "\n\n\n" not in text
    assert text == clean_document("Rebels take airport", MESSY).text
    assert result.events, "the messy article has events"
    for event in result.events:
        assert text[event.trigger.start:event.trigger.end] == event.trigger.text
        assert text[event.sentence_start:event.sentence_end] == event.sentence
        for actor in (*event.source, *event.target):
            assert text[actor.start:actor.end] == actor.text
        if event.location is not None and event.location.start is not None:
            assert text[event.location.start:event.location.end] == event.location.text
    for quote in result.quotes:
        assert text[quote.start:quote.end] == quote.text
        if quote.speaker is not None:
            assert text[quote.speaker.start:quote.speaker.end] == quote.speaker.text
