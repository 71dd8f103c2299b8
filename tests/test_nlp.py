"""Tests of :mod:`eventwire.nlp`: loading the spaCy pipeline and the table-driven attribute ruler."""

from __future__ import annotations

import pytest

from eventwire.errors import ConfigError
from eventwire.nlp import DEFAULT_MODELS, FastAttributeRuler, limit_blas_threads, load_pipeline, use_numpy_blas

# Sentences written for this test: the word exceptions of the English ruler ("gon na", "ai n't", "y' all",
# "let 's", existential "there is"), spaces, quotes, numbers and the usual news vocabulary.
TEXTS = [
    "The Syrian ambassador to Iraq defected on Wednesday, the opposition said.",
    "We're gonna win this, ain't we? Y'all know it. Let's go, c'mon!",
    "There is no deal yet; there are talks, and there were protests in Nairobi.\n\n  \"We will not give in,\" "
    "he said.   Gotta keep going.",
    "Kenya's parliament passed the finance bill 204-115 on Tuesday after police fired tear gas.",
    "I can't and won't accept it -- it isn't over (not yet).",
]


def _spacy_as_shipped():
    import spacy

    for name in DEFAULT_MODELS:
        try:
            return spacy.load(name)
        except OSError:
            continue
    pytest.skip("no English spaCy pipeline installed")


def _tokens(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.ent_type_) for t in doc]


def test_fast_attribute_ruler_and_numpy_blas_give_the_same_tokens_as_spacys():
    shipped = _spacy_as_shipped()
    fast = load_pipeline(None)
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert fast.pipe_names == shipped.pipe_names
    for expected, actual in zip(shipped.pipe(TEXTS), fast.pipe(TEXTS)):
        assert _tokens(actual) == _tokens(expected)


def test_fast_attribute_ruler_applies_later_rules_over_earlier_ones():
    class Ruler:  # the parts of spaCy's AttributeRuler that are read
        name = "attribute_ruler"
        patterns = [{"patterns": [[{"TAG": "NN"}]]}, {"patterns": [[{"LOWER": "talks", "TAG": "NN"}]]}]
        attrs = [{"POS": "NOUN"}, {"POS": "VERB"}]
        indices = [0, 0]

    assert FastAttributeRuler.supports(Ruler)
    ruler = FastAttributeRuler().load_from(Ruler)
    word = type("Tok", (), {"lower_": "talks", "tag_": "NN", "dep_": "ROOT", "is_space": False})()
    other = type("Tok", (), {"lower_": "deal", "tag_": "NN", "dep_": "ROOT", "is_space": False})()
    from eventwire.nlp import _merge

    assert _merge(ruler._rules_for(word)) == {"POS": "VERB"}
    assert _merge(ruler._rules_for(other)) == {"POS": "NOUN"}


def test_a_ruler_reading_other_attributes_is_left_to_spacy():
    class Ruler:
        name = "attribute_ruler"
        patterns = [{"patterns": [[{"SHAPE": "Xxxx"}]]}]
        attrs = [{"POS": "PROPN"}]
        indices = [0]

    assert not FastAttributeRuler.supports(Ruler)


def test_missing_pipeline_is_a_config_error():
    with pytest.raises(ConfigError, match="no spaCy pipeline could be loaded"):
        load_pipeline("no_such_pipeline_xyz")


def test_every_cpu_layer_multiplies_through_numpy_blas():
    from thinc.api import NumpyOps

    nlp = load_pipeline(None)
    ops = [node.ops for _, component in nlp.pipeline if hasattr(getattr(component, "model", None), "walk")
           for node in component.model.walk()]
    assert ops and all(not op.use_blis for op in ops if isinstance(op, NumpyOps))
    assert use_numpy_blas(nlp) == 0  # nothing left to switch


def test_blas_threads_are_limited_per_process():
    from threadpoolctl import threadpool_info, threadpool_limits

    blas = [lib for lib in threadpool_info() if lib["user_api"] == "blas"]
    if not blas:
        pytest.skip("numpy is built without a BLAS threadpoolctl can see")
    with threadpool_limits(limits=2, user_api="blas"):
        limit_blas_threads(None)  # left as it is
        assert {lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"} == {2}
        limit_blas_threads(1)
        assert {lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"} == {1}


def test_protest_nouns_with_a_hyphen_stay_one_word():
    nlp = load_pipeline(None)
    assert "sit-ins" in [t.text for t in nlp("Nurses began sit-ins at two hospitals.")]
    assert "co-operated" in [t.text for t in nlp("Police co-operated with Interpol.")]


@pytest.mark.parametrize("text, form, lemma", [
    ("Rail workers staged a strike on Monday.", "staged", "stage"),
    ("Dockers are staging a walkout.", "staging", "stage"),
    ("The rebels waged war for a decade.", "waged", "wage"),
    ("Fighting raged in the city.", "raged", "rage"),
    ("Germany forgave the debt.", "forgave", "forgive"),
])
def test_verb_forms_the_lemmatiser_strips_to_another_word_keep_their_lemma(text, form, lemma):
    nlp = load_pipeline(None)
    (token,) = [t for t in nlp(text) if t.text == form]
    assert token.lemma_ == lemma


def test_a_staged_strike_is_a_protest_not_an_air_strike(pipeline):
    events = pipeline.code_text("Rail workers staged a strike on Monday over pay.", published="2024-03-09").events
    assert [e.event_type for e in events] == ["PROTEST"]
