"""Tests of :mod:`eventwire.prefilter`: the cheap pre-pass that blanks sentences which cannot hold an event."""

from __future__ import annotations

import doctest

import pytest

import eventwire.prefilter
from eventwire.ingest import RawDocument
from eventwire.pipeline import Pipeline, Settings
from eventwire.prefilter import Prefilter, split_sentences
from eventwire.schema import CodedDocument


@pytest.fixture(scope="module")
def prefilter(pipeline) -> Prefilter:
    return Prefilter(pipeline.lexicon)


@pytest.fixture(scope="module")
def without_prepass(pipeline) -> Pipeline:
    return Pipeline(Settings(prefilter=False))  # the loaded resources are cached per process


def test_module_doctests():
    assert doctest.testmod(eventwire.prefilter).failed == 0


TRICKY = ('"He left." She stayed. Growth was 3.5 percent. U.S. troops arrived (late). Mr. Smith spoke!  Really? '
          "Yes.\n\nA new paragraph\nwith a line break and no full stop")


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_split_sentences_spans_are_ordered_and_inside_the_text():
    spans = split_sentences(TRICKY)
    assert spans
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(TRICKY)
        assert TRICKY[start:end].strip() == TRICKY[start:end], "spans carry no outer white space"
        previous_end = end
    # only separators (white space and closing marks) fall between the spans
    between = "".join(TRICKY[b:a] for (_, b), (a, _) in zip(spans, spans[1:]))
    assert set(between) <= set(" \n\"')]")


def test_split_sentences_on_tricky_text():
    sentences = _sentences(TRICKY)
    assert sentences[0] == '"He left.'
    assert "She stayed." in sentences
    assert "Growth was 3.5 percent." in sentences  # no split inside a number
    assert "U.S. troops arrived (late)." in sentences  # an abbreviation before a lower-case word
    assert "Really?" in sentences and "Yes." in sentences
    assert sentences[-1] == "A new paragraph\nwith a line break and no full stop"  # a paragraph break ends one


def test_an_abbreviation_before_a_name_ends_no_sentence():
    text = "The U.S. Treasury froze the assets. Gen. Ahmed met Dr. Musa in Juba. They left."
    assert _sentences(text) == ["The U.S. Treasury froze the assets.", "Gen. Ahmed met Dr. Musa in Juba.", "They left."]


def test_split_sentences_empty_and_blank():
    assert split_sentences("") == []
    assert split_sentences("   \n\n  ") == []
    assert split_sentences("No end mark") == [(0, 11)]


@pytest.mark.parametrize(("sentence", "kept"), [
    ("Rebels attacked a checkpoint near the town.", True),  # a trigger word
    ("Troops shelled the village.", True),  # an inflected trigger form
    ("The minister met his counterpart.", True),  # an irregular form (meet -> met)
    ('A man replied: "Nothing."', True),  # a quotation mark
    ("She was ambassador until December.", True),  # a role that ended
    ("He served as envoy till May.", True),
    ("The weather was warm in the capital.", False),
    ("Flowers bloomed everywhere.", False),
    # a head whose every pattern needs another word is a cue only with that word: "[raise] alert",
    # "[hold] talk"
    ("Kenya raised its alert level after the attack.", True),
    ("Shares in Kestrel Motors rose after the firm raised its profit forecast.", False),
    ("Iran and Oman held talks in Muscat.", True),
    ("The museum held an exhibition of paintings.", False),
    # words as the parser splits them: irregular past forms, hyphenated and accented words
    ("Iran drew a red line over the strait.", True),
    ("The ministry rubber-stamped the deal with Oman.", True),
    # a quotation with its cue is kept even when its speaker is a name the knowledge base lacks
    ('"These abuses must stop," the group said.', True),
    ("\u201cWe will not back down,\u201d Okafor said.", True),
])
def test_keep(prefilter, sentence, kept):
    assert prefilter.keep(sentence) is kept


MIXED = ("The weather was warm in the capital. Rebels attacked a checkpoint near the town. The sky was blue. "
         "Flowers bloomed everywhere. A man replied: \"Nothing new.\" Omar Haddad was ambassador until December.\n\n"
         "Markets were calm. They attacked again.")


def test_mask_keeps_offsets(prefilter):
    masked, fraction = prefilter.mask(MIXED)
    assert len(masked) == len(MIXED)
    assert 0 < fraction < 1
    for start, end in split_sentences(MIXED):
        part = masked[start:end]
        assert part == MIXED[start:end] or part.strip() == "", "a sentence is kept as it is or blanked"
    # line breaks survive blanking, so paragraphs stay where they were
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(MIXED) if c == "\n"]


def test_mask_keeps_trigger_quote_and_until_sentences_and_blanks_the_rest(prefilter):
    masked, _ = prefilter.mask(MIXED)
    assert "Rebels attacked a checkpoint near the town." in masked
    assert "Omar Haddad was ambassador until December." in masked
    assert 'A man replied: "Nothing new.' in masked
    assert "The weather was warm" not in masked
    assert "The sky was blue." not in masked
    # the sentence before a quotation stays: it may name the speaker
    assert "Flowers bloomed everywhere." in masked
    # "They attacked again." opens with a pronoun: the sentence before it stays for the antecedent
    assert "Markets were calm. They attacked again." in masked


def test_mask_of_a_text_with_events_only_is_the_text(prefilter):
    text = "Rebels attacked a checkpoint. Troops shelled the village."
    assert prefilter.mask(text) == (text, 1.0)
    assert prefilter.mask("") == ("", 1.0)


def test_mask_keeps_the_sentence_before_a_quotation(prefilter):
    text = 'The ministry issued a statement on Monday. "Syrian troops shelled a border post," the ministry said.'
    masked, _ = prefilter.mask(text)
    assert masked == text


def test_mask_keeps_a_definite_event_word_after_a_kept_sentence(prefilter):
    # the second sentence names no actor, but tells where the patrols of the first are run
    text = "Niger and Burkina Faso began joint patrols on Sunday. The patrols are run from Torodi."
    assert prefilter.mask(text) == (text, 1.0)
    # not after a blanked sentence, and not for a word no trigger is headed by
    masked, _ = prefilter.mask("The weather was warm. The patrols are run from Torodi.")
    assert masked.strip() == ""
    masked, _ = prefilter.mask("Niger and Burkina Faso began joint patrols on Sunday. The weather was warm.")
    assert "weather" not in masked


ARTICLES = [
    """Kenyan Foreign Minister Joseph Mwangi arrived in Kampala on Monday for a two-day visit. The weather in the \
Ugandan capital was warm and dry.

He met President Peter Mugisha and criticised Uganda's decision to close the border. Traders have complained for \
weeks.

"We will not accept this," Mwangi told reporters. The talks ended late in the evening.""",
    """Syrian troops shelled the town of Rastan on Tuesday, activists said. The town lies north of Homs.

Residents said the bombardment lasted several hours. Many families left for nearby farms.

The Syrian Observatory for Human Rights said rebels attacked an army checkpoint near Hama later that day. \
Damascus did not comment.""",
    """Thousands of workers went on strike in Athens on Wednesday. Shops in the city centre stayed shut.

The unions oppose new pension cuts. Police fired tear gas at protesters outside parliament.

The finance minister said the government would not change course. Markets closed slightly higher.""",
    """The European Union threatened on Thursday to impose new sanctions on Belarus. The bloc's foreign ministers \
met in Brussels.

They urged Minsk to release political prisoners. Lithuania welcomed the decision.

Belarus rejected the demands. Its foreign ministry summoned the Polish ambassador, state media reported.""",
    """Nigerian troops launched an offensive against Boko Haram in Borno state on Friday. The region has seen \
years of violence.

The militants had attacked a village near Maiduguri last month. Aid agencies said food was running short.

The army said it had freed twenty hostages. It gave no further details.""",
]


def _key(result: CodedDocument) -> list[tuple]:
    return sorted((e.event_type, e.trigger.start, tuple(a.code or "" for a in e.source)) for e in result.events)


@pytest.mark.parametrize("article", ARTICLES, ids=[f"article-{i}" for i in range(len(ARTICLES))])
def test_prepass_does_not_change_the_events(pipeline, without_prepass, article):
    with_prepass = pipeline.code_text(article, published="2012-07-12")
    without = without_prepass.code_text(article, published="2012-07-12")
    assert isinstance(with_prepass, CodedDocument) and isinstance(without, CodedDocument)
    assert with_prepass.article.text == without.article.text
    assert _key(with_prepass), "each article has events"
    assert _key(with_prepass) == _key(without)


def test_prepass_is_on_by_default_and_blanks_text(pipeline, without_prepass):
    raw = RawDocument(doc_id="prefilter-test", title="",
                      body="Rebels attacked a checkpoint near Hama on Monday. Flowers bloomed everywhere.")
    article = pipeline.prepare(raw)
    masked = pipeline.parse_text(article)
    assert len(masked) == len(article.text) and masked != article.text
    assert without_prepass.parse_text(article) == article.text


def _quotes_key(result: CodedDocument) -> list[tuple]:
    return sorted((q.start, q.end, q.kind, q.speaker.code if q.speaker else None) for q in result.quotes)


def _reporters_key(result: CodedDocument) -> list[tuple]:
    return sorted((e.trigger.start, e.reported_by.code if e.reported_by else None) for e in result.events)


# cases the pre-pass once lost (the antecedent sentence, an indirect quote with no trigger)
PREPASS_KEEPS_MORE = [
    pytest.param('The Turkish foreign ministry issued a statement on Monday. "Syrian troops shelled a Turkish '
                 'border post," the ministry said.', id="antecedent-before-a-quotation"),
    pytest.param("Kenyan Foreign Minister Joseph Mwangi said Ugandan troops had crossed the border.",
                 id="indirect-quote-without-trigger"),
]


@pytest.mark.parametrize("article", [*(pytest.param(a, id=f"article-{i}") for i, a in enumerate(ARTICLES)),
                                     *PREPASS_KEEPS_MORE])
def test_prepass_does_not_change_quotes_or_reporters(pipeline, without_prepass, article):
    with_prepass = pipeline.code_text(article, published="2012-07-12")
    without = without_prepass.code_text(article, published="2012-07-12")
    assert _quotes_key(with_prepass) == _quotes_key(without)
    assert _reporters_key(with_prepass) == _reporters_key(without)


def test_quotation_with_an_unknown_speaker_is_kept(pipeline):
    # with the knowledge base, a sentence must name a possible actor, except a quotation with its cue
    kb_prefilter = pipeline.prefilter
    assert kb_prefilter.kb is not None
    assert kb_prefilter.keep('"These abuses must stop," the group said.')
    assert kb_prefilter.keep("\u201cWe will not back down,\u201d Okafor said.")
    assert kb_prefilter.keep('"We will not back down," Wanjiru went on.')  # any verb that attributes a quote
    assert not kb_prefilter.keep("The weather stayed fine all week, Okafor said.")


def test_every_role_noun_is_an_actor_word_even_when_it_heads_a_trigger(pipeline):
    from spacy.lang.en.stop_words import STOP_WORDS

    from eventwire.prefilter import _PLAIN_WORDS

    # "Envoys met in Doha", "Protesters marched": a role noun that is also the head of a lexicon row
    # ("protesters", "envoy", "opposition") must still mark a possible actor
    prefilter = pipeline.prefilter
    words = prefilter.actor_words
    for term, sector in prefilter.kb.roles.items():
        last = term.split()[-1]
        if sector in ("BUS", "AGR") or len(last) <= 2 or last in _PLAIN_WORDS | STOP_WORDS:
            continue  # (words too plain to mark an actor, by design)
        assert last in words, term
    assert {"protesters", "envoy", "opposition"} <= words
    assert prefilter.keep("Envoys from both sides met in Doha on Sunday.")
