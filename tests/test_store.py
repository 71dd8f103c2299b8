"""Tests of eventwire.store: re-coding, resumable runs, the run accounting, versioning and opening errors."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from eventwire.errors import StoreError, StoreLockedError
from eventwire.runner import run_code
from eventwire.schema import SCHEMA_VERSION, Skipped
from eventwire.store import STORE_SCHEMA_VERSION, open_store

HERE = Path(__file__).resolve().parent
SECOND_REPORT = HERE / "data" / "fares-second-report.txt"
PUBLISHED = dt.date(2012, 7, 12)

ALEPPO = "Rebels attacked an army base near Aleppo on Monday, killing four soldiers."
PROTEST = ("Thousands of demonstrators protested in Cairo on Friday against rising bread prices. "
           "Police fired tear gas at the crowd.")
PROTEST_EDITED = "Police arrested dozens of demonstrators in Cairo on Friday after a protest against bread prices."

TABLES = ("documents", "events", "quotes", "actor_roles", "clusters")


@pytest.fixture(scope="module")
def code(pipeline):
    """Code inputs into a store in this process, as ``eventwire code INPUTS --db DB`` does."""
    def run(inputs, db: Path, *, resume: bool = True, command: str = "tests"):
        return run_code([str(p) for p in inputs], db=str(db), published=PUBLISHED, progress=False, resume=resume,
                        pipeline=pipeline, command=command)
    return run


def counts(db: Path) -> dict[str, int]:
    with open_store(db, read_only=True) as store:
        return {t: store.query(f"SELECT count(*) FROM {t}")[1][0][0] for t in TABLES}


def rows(db: Path, sql: str, params=()) -> list[tuple]:
    with open_store(db, read_only=True) as store:
        return store.query(sql, params)[1]


def cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "eventwire.cli", *args], capture_output=True, text=True,
                          timeout=300, env=env)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Three small articles: two with events, the second report of the Fares defection."""
    root = tmp_path_factory.mktemp("corpus")
    (root / "aleppo.txt").write_text("Aleppo base attacked\n\n" + ALEPPO + "\n", encoding="utf-8")
    (root / "cairo.txt").write_text("Cairo bread protest\n\n" + PROTEST + "\n", encoding="utf-8")
    (root / "fares.txt").write_text(SECOND_REPORT.read_text(encoding="utf-8"), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def coded_db(corpus, tmp_path_factory, code) -> Path:
    """The corpus coded once; tests that change a store work on a copy."""
    db = tmp_path_factory.mktemp("store") / "store.duckdb"
    summary = code([corpus], db, command="first run")
    assert summary.coded == 3 and summary.events > 0, summary
    return db


def copy_of(db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy.duckdb"
    target.write_bytes(db.read_bytes())
    return target


def test_schema_version_is_in_meta(coded_db):
    meta = dict(rows(coded_db, "SELECT key, value FROM meta"))
    assert meta["schema_version"] == str(STORE_SCHEMA_VERSION)
    assert meta["record_schema"] == SCHEMA_VERSION


def test_every_document_event_and_quote_is_stored_once(coded_db):
    assert rows(coded_db, "SELECT doc_id, status FROM documents ORDER BY doc_id") == [
        ("aleppo", "coded"), ("cairo", "coded"), ("fares", "coded")]
    for table, key in (("events", "event_id"), ("quotes", "quote_id"), ("documents", "doc_id")):
        assert rows(coded_db, f"SELECT {key} FROM {table} GROUP BY 1 HAVING count(*) > 1") == []
    # documents record their counts; events and quotes point at a stored document
    assert rows(coded_db, """
        SELECT d.doc_id FROM documents d WHERE d.n_events <> (SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id)
           OR d.n_quotes <> (SELECT count(*) FROM quotes q WHERE q.doc_id = d.doc_id)""") == []
    assert rows(coded_db, "SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT doc_id FROM documents)") == [(0,)]
    # a role an article shows in several sentences is one row of the timeline
    assert rows(coded_db, "SELECT actor_id, doc_id, day, country, sector, title, role_end FROM actor_roles "
                          "GROUP BY ALL HAVING count(*) > 1") == []


def test_recoding_a_document_replaces_its_rows(coded_db, corpus, tmp_path, code):
    db = copy_of(coded_db, tmp_path)
    before = counts(db)
    events_before = rows(db, "SELECT event_id FROM events ORDER BY 1")
    roles_before = rows(db, "SELECT * FROM actor_roles ORDER BY ALL")
    summary = code([corpus], db, resume=False)
    assert summary.coded == 3
    assert counts(db) == before
    assert rows(db, "SELECT event_id FROM events ORDER BY 1") == events_before
    assert rows(db, "SELECT * FROM actor_roles ORDER BY ALL") == roles_before


def test_an_edited_document_loses_its_old_events(coded_db, corpus, tmp_path, code):
    db = copy_of(coded_db, tmp_path)
    old = rows(db, "SELECT event_id FROM events WHERE doc_id = 'cairo'")
    assert old
    edited = tmp_path / "edited" / "cairo.txt"
    edited.parent.mkdir()
    edited.write_text("Cairo bread protest\n\n" + PROTEST_EDITED + "\n", encoding="utf-8")
    summary = code([edited], db, resume=True)  # new content: coded again even with resume
    assert summary.coded == 1
    new = rows(db, "SELECT event_id FROM events WHERE doc_id = 'cairo'")
    assert not set(old) & set(new)
    assert rows(db, "SELECT count(*) FROM documents WHERE doc_id = 'cairo'") == [(1,)]
    assert rows(db, "SELECT text FROM documents WHERE doc_id = 'cairo'")[0][0].startswith("Police arrested")
    # the other documents are untouched, and the clusters follow the events
    assert {r[0] for r in rows(db, "SELECT doc_id FROM documents")} == {"aleppo", "cairo", "fares"}
    assert rows(db, "SELECT count(*) FROM events WHERE cluster_id NOT IN (SELECT cluster_id FROM clusters)") == [(0,)]


def test_db_twice_with_resume_skips_and_without_resume_replaces(coded_db, corpus, tmp_path, code):
    db = copy_of(coded_db, tmp_path)
    before = counts(db)
    events_before = rows(db, "SELECT event_id, cluster_id FROM events ORDER BY 1")

    # the same inputs through the real command: nothing coded again
    out = cli("code", str(corpus), "--db", str(db), "--published", "2012-07-12", "--no-progress")
    assert out.returncode == 0, out.stderr
    assert "coded 0" in out.stderr and "already_coded 3" in out.stderr
    assert out.stdout == ""  # with --db and no -o, events go to the store only
    assert counts(db) == before

    # without resume they are coded again and replace their rows
    summary = code([corpus], db, resume=False, command="no resume")
    assert summary.coded == 3 and summary.skipped == {}
    assert counts(db) == before
    assert rows(db, "SELECT event_id, cluster_id FROM events ORDER BY 1") == events_before

    runs = rows(db, "SELECT command, read, coded, skipped, skipped_by_reason, complete FROM runs ORDER BY started")
    assert [r[0].split()[0] for r in runs] == ["first", "eventwire", "no"]
    assert runs[1][1:] == (3, 0, 3, json.dumps({"already_coded": 3}), True)
    assert runs[2][1:] == (3, 3, 0, "{}", True)


def test_runs_table_records_the_accounting(coded_db, corpus, tmp_path, code):
    db = copy_of(coded_db, tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    summary = code([corpus, empty, missing], db, resume=True, command="mixed run")
    assert summary.read == 5 and summary.balanced
    run = rows(db, "SELECT * FROM runs WHERE command = 'mixed run'")
    assert len(run) == 1
    with open_store(db, read_only=True) as store:
        cols, data = store.query("SELECT * FROM runs WHERE command = 'mixed run'")
    record = dict(zip(cols, data[0]))
    assert record["read"] == 5 == record["coded"] + record["skipped"] + record["failed"]
    assert (record["coded"], record["skipped"], record["failed"]) == (0, 4, 1)
    assert json.loads(record["skipped_by_reason"]) == {"already_coded": 3, "empty": 1}
    assert json.loads(record["failed_by_reason"]) == {"not_found": 1}
    assert record["events"] == 0 and record["complete"] is True
    assert record["started"] <= record["finished"]
    # skipped and failed documents are in the documents table with their reason
    assert rows(db, "SELECT doc_id, status, reason FROM documents WHERE status <> 'coded' ORDER BY 1") == [
        ("empty", "skipped", "empty"), ("missing.txt", "failed", "not_found")]


def test_a_document_that_cannot_be_read_later_keeps_its_events(coded_db, tmp_path):
    db = copy_of(coded_db, tmp_path)
    before = rows(db, "SELECT event_id FROM events WHERE doc_id = 'aleppo' ORDER BY 1")
    assert before
    with open_store(db) as store:
        store.write([Skipped(doc_id="aleppo", reason="unreadable", path="aleppo.txt", failed=True,
                             detail="aleppo.txt: cannot read (Permission denied)"),
                     Skipped(doc_id="brand-new", reason="empty", path="brand-new.txt")], run_id="later")
    # a coded document keeps its row and its events; a document never coded is recorded as skipped
    assert rows(db, "SELECT event_id FROM events WHERE doc_id = 'aleppo' ORDER BY 1") == before
    assert rows(db, "SELECT status FROM documents WHERE doc_id = 'aleppo'") == [("coded",)]
    assert rows(db, "SELECT status, reason FROM documents WHERE doc_id = 'brand-new'") == [("skipped", "empty")]
    # and a skip recorded earlier is replaced by the newer one
    with open_store(db) as store:
        store.write([Skipped(doc_id="brand-new", reason="binary", path="brand-new.txt")], run_id="later")
    assert rows(db, "SELECT status, reason FROM documents WHERE doc_id = 'brand-new'") == [("skipped", "binary")]


def test_opening_a_missing_store_read_only_says_how_to_create_it(tmp_path):
    missing = tmp_path / "nowhere.duckdb"
    with pytest.raises(StoreError) as info:
        open_store(missing, read_only=True)
    message = str(info.value)
    assert str(missing) in message
    assert "no such store" in message and "eventwire code" in message and "--db" in message
    assert not missing.exists()


def test_opening_a_file_that_is_not_a_store(tmp_path):
    text = tmp_path / "notes.duckdb"
    text.write_text("not a database\n", encoding="utf-8")
    with pytest.raises(StoreError, match="notes.duckdb"):
        open_store(text)
    with pytest.raises(StoreError, match="notes.duckdb"):
        open_store(text, read_only=True)
    # a DuckDB file of something else is not an eventwire store
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not an eventwire store"):
        open_store(other, read_only=True)


def test_a_store_from_a_newer_eventwire_is_refused(tmp_path):
    db = tmp_path / "future.duckdb"
    with open_store(db) as store:
        store.con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(STORE_SCHEMA_VERSION + 1)])
    for read_only in (False, True):
        with pytest.raises(StoreError, match="newer than this eventwire"):
            open_store(db, read_only=read_only)
    # the refused store was closed: it can be opened again by anyone
    duckdb.connect(str(db)).close()


def test_a_store_of_layout_1_is_brought_up_to_date_with_its_rows_kept(tmp_path, pipeline):
    db = tmp_path / "old.duckdb"
    with open_store(db) as store:
        store.write([pipeline.code_text("Police arrested 40 protesters in Nairobi on Tuesday.", doc_id="old-1",
                                        published="2024-06-26")])
        # what version 1 wrote: no events.same_as
        store.con.execute("ALTER TABLE events DROP COLUMN same_as")
        store.con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
        store.con.execute("UPDATE meta SET value = '1.0' WHERE key = 'record_schema'")
    with open_store(db) as store:
        meta = dict(store.query("SELECT key, value FROM meta")[1])
        assert meta == {"schema_version": str(STORE_SCHEMA_VERSION), "record_schema": SCHEMA_VERSION}
        cols, rows = store.query("SELECT doc_id, same_as FROM events")
        assert rows and all(row == ("old-1", None) for row in rows)
        # and it takes new rows with the new column
        store.write([pipeline.code_text("Police arrested 40 protesters in Mombasa on Tuesday.", doc_id="new-1",
                                        published="2024-06-26")])
        assert store.query("SELECT count(DISTINCT doc_id) FROM events")[1][0][0] == 2


def test_a_new_store_has_every_table(tmp_path):
    with open_store(tmp_path / "new.duckdb") as store:
        tables = {r[0] for r in store.query("SELECT table_name FROM information_schema.tables")[1]}
    assert {"meta", "runs", "documents", "events", "actors", "actor_roles", "quotes", "clusters"} <= tables


def test_sql_errors_are_store_errors(coded_db):
    with open_store(coded_db, read_only=True) as store:
        with pytest.raises(StoreError, match="SQL error"):
            store.query("SELECT no_such_column FROM events")
        with pytest.raises(StoreError, match="SQL error"):
            store.query("DELETE FROM events")


def test_a_store_being_written_by_another_process_is_locked(tmp_path):
    db = tmp_path / "busy.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from eventwire.store import open_store; s = open_store(sys.argv[1]); "
         "print('open', flush=True); sys.stdin.read()", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        for read_only in (False, True):
            with pytest.raises(StoreLockedError, match="locked by another eventwire process"):
                open_store(db, read_only=read_only)
    finally:
        holder.communicate("", timeout=60)
    open_store(db).close()  # free again once the writer has gone
