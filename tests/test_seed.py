"""The founding article, checked against its hand-made reading (../shared/seed/*.gold.json)."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest

from eventwire.clean import clean_document
from eventwire.ingest import read_path
from eventwire.textutil import name_key


@pytest.fixture(scope="module")
def seed(shared, pipeline):
    path = shared / "seed" / "syria-ambassador-defects.txt"
    gold = json.loads((shared / "seed" / "syria-ambassador-defects.gold.json").read_text())
    raw = next(read_path(path))
    raw.published = dt.date.fromisoformat(gold["document"]["published"])
    result = next(pipeline.code_documents([raw]))
    return raw, gold, result


def _km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _is(actor, name):
    return name_key(name).split()[-1] in name_key(actor.name).split()


def _matches(event, expected) -> bool:
    if event.event_type not in expected["event_type"]:
        return False
    if "mode" in expected and event.mode not in expected["mode"]:
        return False
    src = expected.get("source") or {}
    if src.get("name") and not any(_is(a, src["name"]) for a in event.source):
        return False
    if src.get("country") and not any(a.country == src["country"] for a in event.source):
        return False
    if src.get("sector") and not any(a.sector in src["sector"] for a in event.source):
        return False
    tgt = expected.get("target") or {}
    if tgt and not tgt.get("optional"):
        if tgt.get("country") and not any(a.country == tgt["country"] for a in event.target):
            return False
        if tgt.get("sector") and not any(a.sector in tgt["sector"] for a in event.target):
            return False
    if expected.get("date") and event.date != expected["date"]:
        return False
    if expected.get("date_month") and not (event.date or "").startswith(expected["date_month"]):
        return False
    if expected.get("historical") and "historical" not in event.aux_modes:
        return False
    loc = expected.get("location")
    if loc:
        if event.location is None or event.location.country != loc["country"]:
            return False
        if _km(loc["lat"], loc["lon"], event.location.lat, event.location.lon) > loc["max_km"]:
            return False
    return True


def test_clean_leaves_no_debris_and_the_title_once(seed):
    raw, gold, result = seed
    cleaned = clean_document(raw.title, raw.body)
    assert cleaned.title == gold["document"]["title"]
    for debris in gold["document"]["body_must_not_contain"]:
        assert debris not in cleaned.text
    assert cleaned.text.count(gold["document"]["title"]) <= gold["document"]["title_appears_in_body_at_most"]


@pytest.mark.parametrize("event_id", ["resigns-and-defects", "accuses-regime-of-massacre",
                                      "calls-on-military-to-join-revolution", "military-onslaught-in-deir-ezzor",
                                      "urges-party-members-to-follow", "earlier-defection-in-sweden"])
def test_gold_event_is_found(seed, event_id):
    _, gold, result = seed
    expected = next(e for e in gold["events"] if e["id"] == event_id)
    found = [e for e in result.events if _matches(e, expected)]
    assert found, f"{event_id} not found; events: " + "; ".join(
        f"{e.event_type} '{e.trigger.text}' {[a.name for a in e.source]}->{[a.name for a in e.target]} {e.date}"
        for e in result.events)


def test_no_event_has_al_jazeera_as_source(seed):
    _, _, result = seed
    assert not any("jazeera" in a.name.lower() for e in result.events for a in e.source)


def test_the_urged_defection_of_the_military_is_not_coded_as_a_defection(seed):
    _, _, result = seed
    for e in result.events:
        if e.event_type in ("RETREAT", "CONCEDE", "REJECT"):
            assert not any(a.sector == "MIL" for a in e.source), e


def test_every_gold_actor_is_coded_with_country_and_sector(seed):
    _, gold, result = seed
    actors = result.actors + [a for e in result.events for a in e.source + e.target]
    for expected in gold["actors"]:
        keys = [name_key(m) for m in expected["mentions"]]
        hits = [a for a in actors if _is(a, expected["name"]) or name_key(a.text) in keys
                or any(k and (k in name_key(a.name) or name_key(a.name) in k) for k in keys)]
        assert any(a.country == expected["country"] and a.sector in expected["sector"] for a in hits), (
            expected["name"], [(a.name, a.country, a.sector) for a in hits])


@pytest.mark.parametrize("index", [0, 1, 2])
def test_quote_speakers(seed, index):
    _, gold, result = seed
    expected = gold["quotes"][index]
    quote = next((q for q in result.quotes if q.text.startswith(expected["starts_with"])), None)
    assert quote is not None, [q.text[:40] for q in result.quotes]
    assert quote.kind == expected["kind"]
    assert quote.speaker is not None and _is(quote.speaker, expected["speaker"]), quote.speaker
