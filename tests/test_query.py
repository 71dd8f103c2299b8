"""Tests of eventwire.query: event filters, dyads, daily counts, actor timelines and the ``query``/``sql``
commands with their output formats, each checked against the store's tables."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import build_session_store

import eventwire
from eventwire.query import (
    EventFilter,
    actor_timeline,
    daily_counts,
    departures,
    query_actors,
    query_dyads,
    query_events,
)
from eventwire.store import open_store

HERE = Path(__file__).resolve().parent
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "syria-ambassador-defects.txt"
SECOND_REPORT = HERE / "data" / "fares-second-report.txt"
DEMO_ARTICLES = Path(eventwire.__file__).resolve().parent / "data" / "demo" / "articles.jsonl"
ALL = 100_000




@pytest.fixture(scope="session")
def demo_db(tmp_path_factory, pipeline) -> Path:
    return build_session_store(tmp_path_factory, pipeline, "demo", [DEMO_ARTICLES])


@pytest.fixture(scope="session")
def founding_db(tmp_path_factory, pipeline) -> Path:
    if not SEED.exists():
        pytest.skip(f"{SHARED} is absent: the founding article (seed/syria-ambassador-defects.txt) lives there")
    return build_session_store(tmp_path_factory, pipeline, "founding", [SEED, SECOND_REPORT],
                          published=dt.date(2012, 7, 12))


@pytest.fixture(scope="module")
def demo(demo_db):
    store = open_store(demo_db, read_only=True)
    yield store
    store.close()


def table(store, sql: str, params=()) -> list[dict]:
    cols, rows = store.query(sql, params)
    return [dict(zip(cols, r)) for r in rows]


def cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "eventwire.cli", *args], capture_output=True, text=True,
                          timeout=120, env=env)


# ----- EventFilter -----------------------------------------------------------------------------------
def _has(value, needle: str) -> bool:
    return value is not None and needle.lower() in value.lower()


# each filter, and what it means for one row of the events table (with its cluster's num_sources)
FILTERS = {
    "actor by name": (EventFilter(actor="rapid support"),
                      lambda e: _has(e["source_name"], "rapid support") or _has(e["target_name"], "rapid support")),
    "actor by id": (EventFilter(actor="KENGOV"),
                    lambda e: "KENGOV" in (e["source_id"], e["target_id"])),
    "country": (EventFilter(country="ken"), lambda e: "KEN" in (e["source_country"], e["target_country"])),
    "source country": (EventFilter(source_country="USA"), lambda e: e["source_country"] == "USA"),
    "target country": (EventFilter(target_country="UKR"), lambda e: e["target_country"] == "UKR"),
    "sector": (EventFilter(sector="cvl"), lambda e: "CVL" in (e["source_sector"], e["target_sector"])),
    "type": (EventFilter(event_type="protest"), lambda e: e["event_type"] == "PROTEST"),
    "quad class": (EventFilter(quad_class=4), lambda e: e["quad_class"] == 4),
    "place by name": (EventFilter(place="nairobi"), lambda e: _has(e["location_name"], "nairobi")),
    "place by country": (EventFilter(place="tha"), lambda e: e["location_country"] == "THA"),
    "date range": (EventFilter(date_from="2024-09-01", date_to="2024-09-30"),
                   lambda e: e["event_day"] is not None
                   and dt.date(2024, 9, 1) <= e["event_day"] <= dt.date(2024, 9, 30)),
    "min sources": (EventFilter(min_sources=2), lambda e: (e["num_sources"] or 0) >= 2),
    "document": (EventFilter(doc_id="demo-005"), lambda e: e["doc_id"] == "demo-005"),
    "combined": (EventFilter(country="KEN", event_type="PROTEST", date_from="2024-09-17", date_to="2024-09-18"),
                 lambda e: "KEN" in (e["source_country"], e["target_country"]) and e["event_type"] == "PROTEST"
                 and dt.date(2024, 9, 17) <= e["event_day"] <= dt.date(2024, 9, 18)),
}


@pytest.fixture(scope="module")
def all_events(demo) -> list[dict]:
    return table(demo, "SELECT e.*, c.num_sources FROM events e LEFT JOIN clusters c USING (cluster_id)")


@pytest.mark.parametrize("name", FILTERS)
def test_event_filter_matches_exactly_the_events_it_describes(demo, all_events, name):
    flt, holds = FILTERS[name]
    cols, rows = query_events(demo, flt, limit=ALL)
    got = [dict(zip(cols, r)) for r in rows]
    expected = {e["event_id"] for e in all_events if holds(e)}
    assert expected, f"the demo store has no event for the filter {name!r}: the test would prove nothing"
    assert len(expected) < len(all_events)
    assert [e["event_id"] for e in got if e["event_id"] in expected] == [e["event_id"] for e in got]
    assert {e["event_id"] for e in got} == expected
    assert len(got) == len(expected)


def test_no_filter_returns_every_event_with_its_cluster(demo, all_events):
    cols, rows = query_events(demo, limit=ALL)
    assert len(rows) == len(all_events)
    got = {r[cols.index("event_id")]: dict(zip(cols, r)) for r in rows}
    for event in all_events:
        row = got[event["event_id"]]
        for column in ("event_type", "source_name", "target_name", "date", "sentence", "cluster_id"):
            assert row[column] == event[column]


def test_limit_and_offset_page_through_the_events(demo, all_events):
    cols, first = query_events(demo, limit=10)
    _, second = query_events(demo, limit=10, offset=10)
    _, every = query_events(demo, limit=ALL)
    assert first + second == every[:20]
    assert len(first) == 10


def test_clustered_gives_one_row_per_real_world_event(demo):
    flt = EventFilter(country="KEN")
    cols, rows = query_events(demo, flt, limit=ALL, clustered=True)
    clusters = [dict(zip(cols, r)) for r in rows]
    _, mentions = query_events(demo, flt, limit=ALL)
    expected = {r[-3] for r in mentions}  # the cluster_id column of the mentions
    assert {c["cluster_id"] for c in clusters} == expected
    assert len(clusters) == len(expected) < len(mentions)
    assert all(c["num_mentions"] >= 1 for c in clusters)


def test_dyads_count_events_by_source_and_target(demo, all_events):
    cols, rows = query_dyads(demo, EventFilter(country="KEN"), limit=ALL)
    assert cols == ["source", "target", "events", "mean_goldstein"]
    expected: dict[tuple[str, str], list[float]] = defaultdict(list)
    for e in all_events:
        if "KEN" in (e["source_country"], e["target_country"]) and e["target_country"] is not None:
            key = ((e["source_country"] or "") + (e["source_sector"] or ""),
                   (e["target_country"] or "") + (e["target_sector"] or ""))
            expected[key].append(e["goldstein"])
    assert {(s, t): n for s, t, n, _ in rows} == {k: len(v) for k, v in expected.items()}
    for s, t, n, mean in rows:
        assert mean == pytest.approx(round(sum(expected[s, t]) / n, 2))
    assert [r[2] for r in rows] == sorted((r[2] for r in rows), reverse=True)


def _cluster_day(cluster: dict, event: dict) -> dt.date:
    if cluster["date_precision"] == "day":
        return dt.date.fromisoformat(cluster["date"])
    return event["event_day"]


@pytest.mark.parametrize("by", ["event_type", "quad_class"])
def test_daily_counts_count_each_real_world_event_once(demo, all_events, by):
    clusters = {c["cluster_id"]: c for c in table(demo, "SELECT * FROM clusters")}
    expected: dict[tuple, set] = defaultdict(set)
    for e in all_events:
        if e["event_day"] is not None:
            expected[_cluster_day(clusters[e["cluster_id"]], e), e[by]].add(e["cluster_id"])
    cols, rows = daily_counts(demo, by=by)
    assert cols == ["day", by, "events"]
    assert {(day, key): n for day, key, n in rows} == {k: len(v) for k, v in expected.items()}
    assert rows == sorted(rows, key=lambda r: (r[0], r[1]))
    # a clustered event whose reports carry neighbouring dates is counted on one day only
    per_cluster_days = defaultdict(set)
    for (day, _), ids in expected.items():
        for cid in ids:
            per_cluster_days[cid].add(day)
    assert all(len(days) == 1 for cid, days in per_cluster_days.items() if clusters[cid]["date_precision"] == "day")


def test_daily_counts_take_filters_and_refuse_other_groupings(demo):
    _, rows = daily_counts(demo, EventFilter(event_type="PROTEST", country="KEN"))
    assert rows and all(r[1] == "PROTEST" for r in rows)
    with pytest.raises(ValueError, match="event_type or quad_class"):
        daily_counts(demo, by="doc_id")


def test_query_actors_finds_by_name_country_and_sector(demo):
    cols, rows = query_actors(demo, country="KEN", limit=ALL)
    actors = [dict(zip(cols, r)) for r in rows]
    assert actors and all(a["country"] == "KEN" for a in actors)
    counts = [a["events"] for a in actors]
    assert counts == sorted(counts, reverse=True)
    for a in actors:
        n = demo.query("SELECT count(*) FROM events WHERE source_id = ? OR target_id = ?",
                       [a["actor_id"], a["actor_id"]])[1][0][0]
        assert a["events"] == n
    _, rows = query_actors(demo, name="rapid support")
    assert [r[1] for r in rows] == ["Rapid Support Forces"]


# ----- actor timeline --------------------------------------------------------------------------------
FARES_NAMES = ("Nawaf Fares", "Nawaf al-Fares")  # the gold set accepts either as the canonical name


def _fares_timeline(db: Path) -> tuple[list[str], list[dict]]:
    with open_store(db, read_only=True) as store:
        found = store.query("SELECT actor_id FROM actors WHERE name IN (?, ?)", FARES_NAMES)[1]
        assert len(found) == 1, found
        actor_id = found[0][0]
        cols, rows = actor_timeline(store, actor_id)
    return actor_id, [dict(zip(cols, r)) for r in rows]


def test_timeline_is_found_by_name_or_id_in_date_order(founding_db):
    actor_id, roles = _fares_timeline(founding_db)
    with open_store(founding_db, read_only=True) as store:
        name = store.query("SELECT name FROM actors WHERE actor_id = ?", [actor_id])[1][0][0]
        assert actor_timeline(store, name) == actor_timeline(store, actor_id)
        assert actor_timeline(store, name.upper()) == actor_timeline(store, actor_id)
        assert actor_timeline(store, "nobody at all")[1] == []
    assert roles and all(r["evidence"] and r["country"] == "SYR" for r in roles)
    days = [r["day"] for r in roles]
    assert days == sorted(days)
    # the defection makes him a defector on the day he announced it
    defector = [r for r in roles if r["title"] == "defector"]
    assert defector and defector[0]["sector"] == "OPP" and defector[0]["day"] == dt.date(2012, 7, 11)


def test_timeline_of_nawaf_fares_shows_the_ambassador_then_the_defector(founding_db):
    _, roles = _fares_timeline(founding_db)
    sectors = [r["sector"] for r in roles]
    titles = [r["title"] for r in roles]
    assert "GOV" in sectors, roles
    ambassador = sectors.index("GOV")
    defector = titles.index("defector")
    assert ambassador < defector
    assert roles[ambassador]["title"] == "ambassador" and roles[ambassador]["country"] == "SYR"
    # the article that reports the defection names him by the post he left: that role ends the day he left
    assert roles[ambassador]["role_end"] == dt.date(2012, 7, 11)
    assert roles[defector]["sector"] == "OPP" and roles[defector]["day"] == dt.date(2012, 7, 11)


def test_timeline_command_prints_the_roles(founding_db):
    actor_id, roles = _fares_timeline(founding_db)
    out = cli("query", "timeline", "Nawaf Fares", "--db", str(founding_db), "--format", "json")
    assert out.returncode == 0, out.stderr
    printed = json.loads(out.stdout)
    assert [(r["day"], r["sector"], r["title"], r["doc_id"]) for r in printed] == [
        (str(r["day"]), r["sector"], r["title"], r["doc_id"]) for r in roles]


def test_departures_of_syria(founding_db):
    with open_store(founding_db, read_only=True) as store:
        cols, rows = departures(store, country="syr")
        _, nowhere = departures(store, country="SWE")
    people = {r[0]: dict(zip(cols, r)) for r in rows}
    (fares,) = [people[n] for n in FARES_NAMES if n in people]
    assert fares["date"] == "2012-07-11"
    assert people["Bassam Imadi"]["date"] == "2011-12"
    assert nowhere == []


# ----- the commands ----------------------------------------------------------------------------------
def test_query_events_command_in_every_format(demo_db, demo):
    cols, rows = query_events(demo, EventFilter(event_type="PROTEST"), limit=50)
    ids = [r[0] for r in rows]
    assert ids

    as_json = cli("query", "events", "--type", "PROTEST", "--db", str(demo_db), "--format", "json")
    assert as_json.returncode == 0, as_json.stderr
    records = json.loads(as_json.stdout)
    assert [r["event_id"] for r in records] == ids
    assert list(records[0]) == cols
    assert all(r["event_type"] == "PROTEST" for r in records)

    as_csv = cli("query", "events", "--type", "PROTEST", "--db", str(demo_db), "--format", "csv")
    assert as_csv.returncode == 0, as_csv.stderr
    parsed = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [r["event_id"] for r in parsed] == ids
    assert [r["sentence"] for r in parsed] == [r[cols.index("sentence")] for r in rows]

    as_table = cli("query", "events", "--type", "PROTEST", "--db", str(demo_db))
    assert as_table.returncode == 0, as_table.stderr
    lines = as_table.stdout.splitlines()
    assert lines[0].split()[:3] == ["event_id", "doc_id", "event_type"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[-1] == f"({len(ids)} rows)"
    assert all(any(line.startswith(i) for line in lines[2:-1]) for i in ids)


def test_query_command_filters_are_the_event_filter(demo_db, demo):
    _, rows = query_events(demo, EventFilter(country="KEN", date_from="2024-09-01", date_to="2024-09-30",
                                             min_sources=2), limit=50)
    out = cli("query", "events", "--country", "KEN", "--from-date", "2024-09-01", "--to-date", "2024-09-30",
              "--min-sources", "2", "--db", str(demo_db), "--format", "json")
    assert out.returncode == 0, out.stderr
    assert [r["event_id"] for r in json.loads(out.stdout)] == [r[0] for r in rows]


def test_sql_command_in_every_format(demo_db, demo):
    statement = "SELECT event_type, count(*) AS n FROM events GROUP BY 1 ORDER BY 1"
    expected = demo.query(statement)[1]

    as_csv = cli("sql", statement, "--db", str(demo_db), "--format", "csv")
    assert as_csv.returncode == 0, as_csv.stderr
    parsed = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert parsed[0] == ["event_type", "n"]
    assert [(t, int(n)) for t, n in parsed[1:]] == expected

    as_json = cli("sql", statement, "--db", str(demo_db), "--format", "json")
    assert json.loads(as_json.stdout) == [{"event_type": t, "n": n} for t, n in expected]

    as_table = cli("sql", statement, "--db", str(demo_db))
    lines = as_table.stdout.splitlines()
    assert lines[0].split() == ["event_type", "n"]
    assert [line.split() for line in lines[2:-1]] == [[t, str(n)] for t, n in expected]
    assert lines[-1] == f"({len(expected)} rows)"


def test_sql_command_is_read_only_and_reports_errors_in_one_line(demo_db, demo):
    before = demo.query("SELECT count(*) FROM events")[1]
    out = cli("sql", "DELETE FROM events", "--db", str(demo_db))
    assert out.returncode == 2
    assert out.stderr.startswith("eventwire: SQL error") and "read-only" in out.stderr
    assert "Traceback" not in out.stderr
    assert demo.query("SELECT count(*) FROM events")[1] == before

    bad = cli("sql", "SELECT nothing_here FROM events", "--db", str(demo_db))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "nothing_here" in bad.stderr


def test_query_commands_refuse_an_unknown_format_and_a_missing_store(demo_db, tmp_path):
    out = cli("query", "events", "--db", str(demo_db), "--format", "xml")
    assert out.returncode == 2 and "--format must be table, csv or json" in out.stderr
    missing = tmp_path / "missing.duckdb"
    out = cli("query", "dyads", "--db", str(missing))
    assert out.returncode == 2 and "no such store" in out.stderr and "Traceback" not in out.stderr
    assert not missing.exists()


def test_counts_and_dyads_commands(demo_db, demo):
    out = cli("query", "counts", "--db", str(demo_db), "--country", "KEN", "--format", "json")
    assert out.returncode == 0, out.stderr
    expected = daily_counts(demo, EventFilter(country="KEN"))[1]
    assert [(r["day"], r["event_type"], r["events"]) for r in json.loads(out.stdout)] == [
        (str(d), t, n) for d, t, n in expected]
    out = cli("query", "dyads", "--db", str(demo_db), "--country", "KEN", "--format", "csv")
    assert out.returncode == 0, out.stderr
    parsed = list(csv.reader(io.StringIO(out.stdout)))
    expected = query_dyads(demo, EventFilter(country="KEN"), limit=50)[1]
    assert [(s, t, int(n)) for s, t, n, _ in parsed[1:]] == [(s, t, n) for s, t, n, _ in expected]


def test_stats_list_each_top_actor_once_with_all_its_mentions(demo):
    from eventwire.query import stats

    top = stats(demo)["top_actors"]
    assert len({(name, code) for name, code, _ in top}) == len(top)
    for name, code, n in top:
        sources = table(demo, "SELECT count(*) AS n FROM events WHERE source_name = ? AND source_code IS NOT DISTINCT "
                              "FROM ?", (name, code))[0]["n"]
        targets = table(demo, "SELECT count(*) AS n FROM events WHERE target_name = ? AND target_code IS NOT DISTINCT "
                              "FROM ?", (name, code))[0]["n"]
        assert n == sources + targets
