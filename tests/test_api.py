"""Tests of the public Python surface: ``eventwire.__all__``, ``code_text``, ``code_articles``."""

from __future__ import annotations

import dataclasses
import doctest
import inspect

import pytest

import eventwire
from eventwire.pipeline import Pipeline, Settings

EXPORTED = [
    "__version__",
    "SCHEMA_VERSION",
    "code_text",
    "code_articles",
    "Pipeline",
    "Settings",
    "Article",
    "Actor",
    "Location",
    "Event",
    "Quote",
    "Span",
    "Skipped",
    "CodedDocument",
    "RunSummary",
    "EventwireError",
    "InputError",
    "ConfigError",
    "DictionaryError",
    "StoreError",
    "StoreLockedError",
]


def test_all_is_pinned():
    assert eventwire.__all__ == EXPORTED
    for name in EXPORTED:
        assert hasattr(eventwire, name), name
    assert eventwire.SCHEMA_VERSION == "1.1"
    assert isinstance(eventwire.__version__, str) and eventwire.__version__


def test_errors_form_one_tree():
    assert issubclass(eventwire.InputError, eventwire.EventwireError)
    assert issubclass(eventwire.ConfigError, eventwire.EventwireError)
    assert issubclass(eventwire.DictionaryError, eventwire.InputError)
    assert issubclass(eventwire.StoreLockedError, eventwire.StoreError)
    assert issubclass(eventwire.StoreError, eventwire.EventwireError)


def test_module_doctest(pipeline):
    assert doctest.testmod(eventwire).failed == 0


def test_code_text_returns_a_coded_document(pipeline):
    result = eventwire.code_text("Rebels attacked an army base near Aleppo on Monday.", published="2020-03-04",
                                 title="Base attacked", doc_id="base-attack", pipeline=pipeline)
    assert isinstance(result, eventwire.CodedDocument)
    assert result.article.doc_id == "base-attack" and result.article.title == "Base attacked"
    assert str(result.article.published) == "2020-03-04"
    event, = result.events
    assert isinstance(event, eventwire.Event)
    assert (event.event_type, event.source[0].sector, event.date, event.location.name) == (
        "ASSAULT", "REB", "2020-03-02", "Aleppo")
    assert event.doc_id == "base-attack"


def test_code_text_uses_the_default_pipeline():
    result = eventwire.code_text("Kenya criticised Uganda on Monday.", published="2012-07-12")
    assert isinstance(result, eventwire.CodedDocument)
    assert [e.event_type for e in result.events] == ["ACCUSE"]


def test_code_text_of_an_empty_text_is_skipped(pipeline):
    result = eventwire.code_text("   ", pipeline=pipeline)
    assert isinstance(result, eventwire.Skipped)
    assert result.reason == "empty" and not result.failed


def test_code_text_of_another_language_is_skipped(pipeline):
    result = eventwire.code_text("Die Regierung hat am Montag neue Sanktionen gegen das Nachbarland beschlossen, "
                                 "teilte das Ministerium in der Hauptstadt mit.", pipeline=pipeline)
    assert isinstance(result, eventwire.Skipped)
    assert result.reason.startswith("language=")


@pytest.mark.parametrize("text", [
    "Joseph Mwangi, Kenya's foreign minister, criticised Uganda.",
    "Tunisian President Omar Talbi met Algerian Prime Minister Karim Bensaid in Tunis.",
    "Ukrainian troops shelled Russian positions near Avdeyevka overnight.",
])
def test_short_english_sentence_full_of_names_is_coded(pipeline, text):
    result = eventwire.code_text(text, published="2012-07-12", pipeline=pipeline)
    assert isinstance(result, eventwire.CodedDocument), result


def test_code_articles_yields_one_result_per_input(tmp_path, pipeline):
    first = tmp_path / "first.txt"
    first.write_text("Kenya criticised Uganda on Monday.\n", encoding="utf-8")
    second = tmp_path / "second.txt"
    second.write_text("Syrian troops shelled the town of Rastan on Tuesday.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    inputs = [str(first), str(second), str(empty), str(missing)]
    import datetime as dt

    results = list(eventwire.code_articles(inputs, published=dt.date(2012, 7, 12), pipeline=pipeline))
    assert len(results) == len(inputs)
    assert [type(r).__name__ for r in results] == ["CodedDocument", "CodedDocument", "Skipped", "Skipped"]
    assert [r.article.doc_id for r in results[:2]] == ["first", "second"]
    assert results[0].events[0].event_type == "ACCUSE"
    assert results[1].events[0].date == "2012-07-10"
    assert results[2].reason == "empty"
    assert results[3].reason == "not_found"


def test_code_articles_is_lazy():
    results = eventwire.code_articles(["/no/such/file.txt"])
    assert inspect.isgenerator(results)
    results.close()


def test_options_are_keyword_only():
    with pytest.raises(TypeError):
        eventwire.code_text("Kenya criticised Uganda.", "2012-07-12")  # published given positionally
    with pytest.raises(TypeError):
        eventwire.code_articles(["x.txt"], "2012-07-12")
    with pytest.raises(TypeError):
        Pipeline().code_text("Kenya criticised Uganda.", "2012-07-12")
    for function in (eventwire.code_text, eventwire.code_articles, Pipeline.code_text):
        parameters = list(inspect.signature(function).parameters.values())
        positional = [p.name for p in parameters if p.kind is not inspect.Parameter.KEYWORD_ONLY]
        assert positional in (["text"], ["inputs"], ["self", "text"]), (function, positional)


def test_settings_are_keyword_only():
    with pytest.raises(TypeError):
        Settings("en_core_web_sm")
    assert all(f.kw_only for f in dataclasses.fields(Settings))


def test_settings_are_immutable():
    settings = Settings(prefilter=False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.prefilter = True  # type: ignore[misc]
