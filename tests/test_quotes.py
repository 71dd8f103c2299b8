"""Tests of :mod:`eventwire.quotes`: direct and indirect quotes and who said them.

Every text is written for these tests; the people in them are invented.
"""

from __future__ import annotations

import pytest

from eventwire.pipeline import Pipeline, Settings
from eventwire.schema import CodedDocument

PUB = "2012-07-12"


@pytest.fixture(scope="module")
def no_prefilter(pipeline):
    return Pipeline(Settings(prefilter=False))  # the loaded resources are cached per process


def _code(pipe, text: str) -> CodedDocument:
    result = pipe.code_text(text, published=PUB)
    assert isinstance(result, CodedDocument), result
    return result


def _quote(result: CodedDocument, words: str):
    found = [q for q in result.quotes if words in q.text]
    assert found, [(q.kind, q.text) for q in result.quotes]
    return found[0]


def _check_offsets(result: CodedDocument) -> None:
    text = result.article.text
    for q in result.quotes:
        assert text[q.start:q.end] == q.text
        assert not q.text.startswith('"') and not q.text.endswith('"')
        if q.cue is not None:
            assert text[q.cue.start:q.cue.end] == q.cue.text
            assert not (q.start <= q.cue.start < q.end), "the cue is outside the quoted words"
        if q.speaker is not None:
            assert text[q.speaker.start:q.speaker.end] == q.speaker.text


def test_cue_after_the_quote(pipeline):
    result = _code(pipeline, '"We will not negotiate with terrorists," said Kenyan Foreign Minister Joseph Mwangi '
                             'on Tuesday.')
    _check_offsets(result)
    quote = _quote(result, "negotiate")
    assert quote.text == "We will not negotiate with terrorists"
    assert (quote.kind, quote.attribution, quote.cue.text) == ("direct", "cue-after", "said")
    assert (quote.speaker.name, quote.speaker.code) == ("Joseph Mwangi", "KENGOV")


def test_cue_before_the_quote(pipeline):
    result = _code(pipeline, 'Kenyan Foreign Minister Joseph Mwangi said: "Our troops will stay in Somalia until '
                             'the job is done."')
    _check_offsets(result)
    quote = _quote(result, "Our troops")
    assert quote.text == "Our troops will stay in Somalia until the job is done."
    assert (quote.kind, quote.attribution) == ("direct", "cue-before")
    assert quote.speaker.name == "Joseph Mwangi"


def test_curly_marks_are_normalised_by_cleaning(pipeline):
    result = _code(pipeline, "\u201cThe army shelled our village all night,\u201d said Ahmed Noor, a farmer from the "
                             "area.")
    _check_offsets(result)
    assert "\u201c" not in result.article.text and "\u201d" not in result.article.text
    quote = _quote(result, "shelled")
    assert quote.text == "The army shelled our village all night"
    assert quote.speaker.name == "Ahmed Noor"
    straight = _code(pipeline, '"The army shelled our village all night," said Ahmed Noor, a farmer from the area.')
    assert [(q.text, q.speaker.name) for q in straight.quotes] == [(q.text, q.speaker.name) for q in result.quotes]


def test_multi_sentence_quote_and_pronoun_speaker(pipeline):
    result = _code(pipeline, 'Egyptian Foreign Minister Samir Fawzy spoke to reporters in Cairo. "The talks have '
                             'failed. Israel must stop the raids on Gaza," Fawzy said.\n\n"We expect the international '
                             'community to act," he added.')
    _check_offsets(result)
    first = _quote(result, "The talks have failed")
    assert first.text == "The talks have failed. Israel must stop the raids on Gaza"
    assert (first.speaker.text, first.speaker.name, first.speaker.code) == ("Fawzy", "Samir Fawzy", "EGYGOV")
    second = _quote(result, "international community")
    assert (second.speaker.text, second.speaker.name, second.cue.text) == ("he", "Samir Fawzy", "added")


@pytest.mark.xfail(strict=False, reason="a quote whose paragraph ends open is a separate span with no cue: it is "
                                        "coded 'mixed' with no speaker instead of taking the speaker of its "
                                        "continuation in the next paragraph ('...,\" he said')")
def test_multi_paragraph_quote(pipeline):
    result = _code(pipeline, 'Kenyan Foreign Minister Joseph Mwangi described the meeting at length. "The talks went '
                             'well. We agreed on the main points.\n\n"We will meet again next month," he said.')
    _check_offsets(result)
    assert {q.speaker.name if q.speaker else None for q in result.quotes} == {"Joseph Mwangi"}
    assert {q.kind for q in result.quotes} == {"direct"}


def test_multi_paragraph_quote_spans_stay_inside_paragraphs(pipeline):
    text = ('Kenyan Foreign Minister Joseph Mwangi described the meeting at length. "The talks went well. We agreed '
            'on the main points.\n\n"We will meet again next month," he said.')
    result = _code(pipeline, text)
    _check_offsets(result)
    assert [q.text for q in result.quotes] == ["The talks went well. We agreed on the main points.",
                                               "We will meet again next month"]
    assert result.quotes[1].speaker.name == "Joseph Mwangi"


def test_missing_opening_mark(pipeline):
    result = _code(pipeline, 'Ugandan President Peter Mugisha spoke to reporters on Sunday. The rebels burned three '
                             'villages near Gulu," he said.')
    _check_offsets(result)
    quote = _quote(result, "rebels")
    assert quote.text == "The rebels burned three villages near Gulu"
    assert (quote.speaker.name, quote.speaker.code) == ("Peter Mugisha", "UGAGOV")
    burning = next(e for e in result.events if e.event_type == "ASSAULT")
    assert burning.reported_by.name == "Peter Mugisha"


def test_speaker_cut_off_at_a_paragraph_end(pipeline):
    result = _code(pipeline, "Kenya's foreign minister Joseph Mwangi addressed diplomats in Nairobi.\n"
                             '"We are ready to talk with anybody who lays down their weapons," said')
    _check_offsets(result)
    quote = _quote(result, "ready to talk")
    assert quote.attribution == "cue-without-subject:previous-sentence"
    assert (quote.speaker.name, quote.speaker.code) == ("Joseph Mwangi", "KENGOV")


def test_organisation_speaker(pipeline):
    result = _code(pipeline, '"Civilians must be protected," Amnesty International said on Monday.')
    quote = _quote(result, "Civilians")
    assert (quote.speaker.name, quote.speaker.code, quote.speaker.kind) == ("Amnesty International", "NGO",
                                                                            "organisation")
    result = _code(pipeline, '"The border will stay closed," the Kenyan interior ministry said in a statement.')
    assert _quote(result, "border").speaker.code == "KENGOV"


def test_definite_description_speaker_without_prefilter(no_prefilter):
    result = _code(no_prefilter, 'The Turkish foreign ministry issued a statement on Monday. "Syrian troops shelled a '
                                 'Turkish border post," the ministry said.')
    quote = _quote(result, "Syrian troops")
    assert (quote.speaker.text, quote.speaker.code) == ("the ministry", "TURGOV")


def test_definite_description_speaker(pipeline):
    result = _code(pipeline, 'The Turkish foreign ministry issued a statement on Monday. "Syrian troops shelled a '
                             'Turkish border post," the ministry said.')
    quote = _quote(result, "Syrian troops")
    assert (quote.speaker.text, quote.speaker.code) == ("the ministry", "TURGOV")
    shelling = next(e for e in result.events if e.event_type == "ASSAULT")
    assert shelling.reported_by.code == "TURGOV"


def test_indirect_quote(pipeline):
    result = _code(pipeline, "Human Rights Watch said that Syrian security forces arrested hundreds of protesters in "
                             "Deraa.")
    _check_offsets(result)
    quote = _quote(result, "arrested")
    assert quote.text == "Syrian security forces arrested hundreds of protesters in Deraa"
    assert (quote.kind, quote.attribution, quote.cue.text) == ("indirect", "speech-verb-complement", "said")
    assert quote.speaker.code == "NGO"
    arrest = next(e for e in result.events if e.event_type == "COERCE")
    assert arrest.reported_by.name == "Human Rights Watch"
    assert arrest.quote_id == quote.quote_id


INDIRECT_NO_TRIGGER = "Kenyan Foreign Minister Joseph Mwangi said Ugandan troops had crossed the border."


def test_indirect_quote_without_that(no_prefilter):
    quote = _quote(_code(no_prefilter, INDIRECT_NO_TRIGGER), "crossed")
    assert quote.text == "Ugandan troops had crossed the border"
    assert (quote.kind, quote.speaker.name) == ("indirect", "Joseph Mwangi")


def test_indirect_quote_in_a_sentence_without_a_trigger_word(pipeline, no_prefilter):
    with_prepass = [(q.kind, q.text) for q in _code(pipeline, INDIRECT_NO_TRIGGER).quotes]
    assert with_prepass == [(q.kind, q.text) for q in _code(no_prefilter, INDIRECT_NO_TRIGGER).quotes]


@pytest.mark.xfail(strict=False, reason="'said in a report that ...': spaCy attaches the that-clause to 'report' "
                                        "(relcl), and neither the indirect-quote pass (ccomp only) nor "
                                        "_speech_source looks through 'in a report', so there is no quote and "
                                        "the torture has no reported_by")
def test_indirect_quote_after_a_prepositional_phrase(pipeline):
    result = _code(pipeline, "Amnesty International said in a report that Bahraini police tortured detainees in "
                             "2011.")
    quote = _quote(result, "tortured")
    assert quote.speaker.code == "NGO"
    torture = next(e for e in result.events if e.event_type == "ASSAULT")
    assert torture.reported_by is not None and torture.reported_by.code == "NGO"


def test_events_inside_a_quote_are_reported_by_the_speaker(pipeline):
    result = _code(pipeline, '"Syrian troops shelled our border post at dawn," Turkish Foreign Minister Kemal Aydin '
                             'said.')
    quote = _quote(result, "shelled")
    shelling = next(e for e in result.events if e.event_type == "ASSAULT")
    assert shelling.source[0].code == "SYRMIL"
    assert (shelling.reported_by.name, shelling.reported_by.code) == ("Kemal Aydin", "TURGOV")
    assert shelling.quote_id == quote.quote_id


def test_first_person_in_a_quote_is_the_speaker(pipeline):
    result = _code(pipeline, '"We arrested three suspects," said Kenyan police chief Daniel Otieno.')
    arrest = next(e for e in result.events if e.event_type == "COERCE")
    assert (arrest.source[0].text, arrest.source[0].code) == ("We", "KENCOP")
    assert arrest.reported_by.name == "Daniel Otieno"


def test_quote_ids_are_stable(pipeline):
    text = '"We will not negotiate with terrorists," said Kenyan Foreign Minister Joseph Mwangi on Tuesday.'
    assert [q.quote_id for q in _code(pipeline, text).quotes] == [q.quote_id for q in _code(pipeline, text).quotes]
