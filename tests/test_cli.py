"""Tests of the ``eventwire`` command through its real entry point (``python -m eventwire.cli``)."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from eventwire.runner import FLAT_EVENT_COLUMNS
from eventwire.schema import Event, Quote

HERE = Path(__file__).resolve().parent
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "syria-ambassador-defects.txt"
SEED_TITLE = "Syria's Ambassador To Baghdad Quits Assad's Government"
SECOND_REPORT = HERE / "data" / "fares-second-report.txt"


def eventwire(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}
    return subprocess.run([sys.executable, "-m", "eventwire.cli", *args], input=stdin, capture_output=True,
                          text=True, timeout=300, env=env, cwd=cwd)


def assert_usage_error(done: subprocess.CompletedProcess, *fragments: str) -> None:
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    for fragment in fragments:
        assert fragment in done.stderr, done.stderr


@pytest.fixture(scope="module")
def jsonl_run(tmp_path_factory):
    """``code FILE --quotes Q`` with events as JSON Lines on stdout."""
    out = tmp_path_factory.mktemp("jsonl")
    quotes = out / "quotes.jsonl"
    done = eventwire("code", str(SECOND_REPORT), "--published", "2012-07-12", "--quotes", str(quotes),
                     "--no-progress")
    assert done.returncode == 0, done.stderr
    events = [Event.model_validate_json(line) for line in done.stdout.splitlines()]
    return done, events, quotes


def test_code_writes_events_as_json_lines_on_stdout(jsonl_run):
    done, events, _ = jsonl_run
    assert events, "the second report of the Fares defection has events"
    assert all(line.startswith("{") for line in done.stdout.splitlines())
    for event in events:
        assert event.doc_id == "fares-second-report"
        assert event.trigger.text in event.sentence
        assert event.sentence_start <= event.trigger.start < event.trigger.end <= event.sentence_end
    assert len({e.event_id for e in events}) == len(events)
    # the accounting goes to stderr, never into the data
    assert "eventwire: read 1; coded 1; skipped 0; failed 0" in done.stderr
    assert f"events {len(events)}" in done.stderr


def test_code_writes_quotes_to_a_file(jsonl_run):
    done, events, quotes_path = jsonl_run
    quotes = [Quote.model_validate_json(line) for line in quotes_path.read_text(encoding="utf-8").splitlines()]
    assert quotes
    assert all(q.doc_id == "fares-second-report" for q in quotes)
    assert f"quotes {len(quotes)}" in done.stderr
    assert all(q.text and q.start < q.end for q in quotes)


def test_code_reads_standard_input_and_writes_csv(jsonl_run, tmp_path):
    _, events, _ = jsonl_run
    out = tmp_path / "events.csv"
    done = eventwire("code", "-", "--published", "2012-07-12", "-o", str(out), "--no-progress",
                     stdin=SECOND_REPORT.read_text(encoding="utf-8"))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert list(rows[0]) == FLAT_EVENT_COLUMNS
    assert {r["doc_id"] for r in rows} == {"stdin"}
    # the same text gives the same events, whether read from a file or from stdin
    assert Counter((r["event_type"], r["source_name"], r["trigger"]) for r in rows) == Counter(
        (e.event_type, e.source[0].name if e.source else "", e.trigger.text) for e in events)


def test_code_writes_parquet(jsonl_run, tmp_path):
    _, events, _ = jsonl_run
    out = tmp_path / "nested" / "events.parquet"
    done = eventwire("code", str(SECOND_REPORT), "--published", "2012-07-12", "-o", str(out), "--no-progress")
    assert done.returncode == 0, done.stderr
    frame = pd.read_parquet(out)
    assert list(frame.columns) == FLAT_EVENT_COLUMNS
    assert sorted(frame["event_id"]) == sorted(e.event_id for e in events)
    by_id = {e.event_id: e for e in events}
    for row in frame.to_dict("records"):
        event = by_id[row["event_id"]]
        assert (row["event_type"], row["cameo"], row["quad_class"], row["date"], row["trigger"]) == (
            event.event_type, event.cameo, event.quad_class, event.date, event.trigger.text)
        assert row["goldstein"] == pytest.approx(event.goldstein)


def test_clean_prints_the_seed_without_debris():
    if not SEED.exists():
        pytest.skip(f"{SHARED} is absent: the founding article (seed/syria-ambassador-defects.txt) lives there")
    done = eventwire("clean", str(SEED))
    assert done.returncode == 0, done.stderr
    assert "Online view pixel" not in done.stdout
    assert done.stdout.count(SEED_TITLE) == 1
    assert done.stdout.splitlines()[0] == SEED_TITLE
    assert "Nawaf Fares" in done.stdout and "Bassam Imadi" in done.stdout


def test_demo_codes_the_bundled_corpus_into_a_store(tmp_path):
    db = tmp_path / "demo.duckdb"
    done = eventwire("demo", "--db", str(db), "--no-progress", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"Coded the demo corpus into {db}: 39 of 39 articles coded" in done.stdout
    assert "eventwire query" in done.stdout and "eventwire serve" in done.stdout
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM documents WHERE status = 'coded'").fetchone()[0] == 39
        mentions, clusters = con.execute("SELECT (SELECT count(*) FROM events), count(*) FROM clusters").fetchone()
        assert 0 < clusters <= mentions
        assert con.execute("SELECT command FROM runs").fetchall() == [("eventwire demo",)]
    finally:
        con.close()
    assert f"{mentions} event mentions, {clusters} distinct events" in done.stdout


def test_an_unknown_option_is_a_usage_error():
    done = eventwire("code", str(SECOND_REPORT), "--bogus")
    assert_usage_error(done, "No such option", "--bogus", "Usage:")


@pytest.mark.parametrize("value", ["2012-13-45", "12/07/2012", "yesterday"])
def test_a_bad_publication_date_is_a_usage_error(value):
    done = eventwire("code", str(SECOND_REPORT), "--published", value)
    assert_usage_error(done, "--published", value, "YYYY-MM-DD")
    assert done.stdout == ""


def test_an_unknown_output_format_is_reported_in_one_line(tmp_path):
    done = eventwire("code", str(SECOND_REPORT), "-o", str(tmp_path / "events.xml"))
    assert_usage_error(done, "events.xml", "unknown output format", ".jsonl, .csv or .parquet")
    assert done.stderr.startswith("eventwire: ")


def test_a_missing_input_is_reported_and_fails(tmp_path):
    missing = tmp_path / "nothing-here.txt"
    done = eventwire("code", str(missing), "--no-progress")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"{missing}: no such file or directory" in done.stderr and "[not_found]" in done.stderr
    assert "failed 1 (not_found 1)" in done.stderr


def test_missing_arguments_and_commands_are_usage_errors():
    assert_usage_error(eventwire("code"), "Missing argument")
    assert_usage_error(eventwire("nonsense"), "No such command")
    assert_usage_error(eventwire("query", "events", "--limit", "many"), "--limit")
