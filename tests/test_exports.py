"""Tests of the exports (eventwire.query.export and ``eventwire export``): every format is loaded back with
pandas or DuckDB and compared field by field with the store's events table."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from conftest import build_session_store

import eventwire
from eventwire.query import EXPORT_FORMATS, GDELT_COLUMNS, PHOENIX_COLUMNS, export
from eventwire.store import open_store

DEMO_ARTICLES = Path(eventwire.__file__).resolve().parent / "data" / "demo" / "articles.jsonl"


# ----- the demo store, built once per session (the same file as tests/test_cluster.py's) -------------


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory, pipeline) -> Path:
    return build_session_store(tmp_path_factory, pipeline, "demo", [DEMO_ARTICLES])


@pytest.fixture(scope="module")
def events(demo_db) -> dict[str, dict]:
    """Every event of the store with its document's url and its cluster's counts, by event id."""
    with open_store(demo_db, read_only=True) as store:
        cols, rows = store.query(
            "SELECT e.*, d.url, c.num_mentions, c.num_sources, c.num_articles FROM events e "
            "JOIN documents d USING (doc_id) LEFT JOIN clusters c USING (cluster_id)")
    assert rows
    return {r[0]: dict(zip(cols, r)) for r in rows}


@pytest.fixture(scope="module")
def exports(demo_db, tmp_path_factory) -> dict[str, Path]:
    """Each format exported once through the real command."""
    out = tmp_path_factory.mktemp("exports")
    paths = {"polecat": out / "events.jsonl", "phoenix": out / "events.tsv", "gdelt": out / "events.csv",
             "parquet": out / "parquet"}
    for fmt, path in paths.items():
        done = subprocess.run([sys.executable, "-m", "eventwire.cli", "export", fmt, str(path), "--db", str(demo_db)],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert done.stderr.startswith("eventwire: wrote ")
    return paths


def text(value) -> str:
    """How a value is written in a delimited file ('' for missing)."""
    return "" if value is None else str(value)


def same_float(written: str, value) -> bool:
    if value is None:
        return written == ""
    return math.isclose(float(written), value, rel_tol=1e-9)


def test_every_format_is_known():
    assert set(EXPORT_FORMATS) == {"polecat", "phoenix", "gdelt", "parquet"}


def test_polecat_jsonl(exports, events):
    records = [json.loads(line) for line in exports["polecat"].read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(events) == len({r["event_id"] for r in records})
    for r in records:
        e = events[r["event_id"]]
        assert r["event_date"] == e["date"]
        assert (r["event_type"], r["mode"], r["cameo"], r["quad_class"]) == (
            e["event_type"], e["mode"], e["cameo"], e["quad_class"])
        assert r["goldstein"] == pytest.approx(e["goldstein"])
        for field, column in (("actor", "source_json"), ("recipient", "target_json")):
            stored = json.loads(e[column])
            assert [a["actor_id"] for a in r[field]] == [a["actor_id"] for a in stored]
            assert [a["actor_name"] for a in r[field]] == [a["name"] for a in stored]
            assert [a["actor_text"] for a in r[field]] == [a["text"] for a in stored]
            assert [(a["country"], a["sector_code"], a["code"]) for a in r[field]] == [
                (a["country"], a["sector"], a["code"]) for a in stored]
        if e["location_name"] is None:
            assert r["location"] is None
        else:
            assert r["location"] == {"name": e["location_name"], "country": e["location_country"],
                                     "admin1": e["admin1"], "lat": e["lat"], "lon": e["lon"],
                                     "geonameid": e["geonameid"], "precision": e["location_precision"]}
        assert r["aux_modes"] == [m for m in (e["aux_modes"] or "").split(",") if m]
        assert (r["text"], r["trigger"], r["story_id"], r["url"]) == (
            e["sentence"], e["trigger_text"], e["doc_id"], e["url"])
        assert r["publication_date"] == (e["published"].isoformat() if e["published"] else None)
        assert (r["cluster_id"], r["num_articles"], r["coder"]) == (e["cluster_id"], e["num_articles"], e["rule"])


def _read_delimited(path: Path, sep: str) -> pd.DataFrame:
    return pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False)


def test_phoenix_tsv(exports, events):
    frame = _read_delimited(exports["phoenix"], "\t")
    assert list(frame.columns) == PHOENIX_COLUMNS
    assert len(frame) == len(events) == frame["EventID"].nunique()
    for r in frame.to_dict("records"):
        e = events[r["EventID"]]
        day: dt.date | None = e["event_day"]
        assert r["Date"] == (day.strftime("%Y%m%d") if day else "")
        assert (r["Year"], r["Month"], r["Day"]) == (
            (str(day.year), f"{day.month:02d}", f"{day.day:02d}") if day else ("", "", ""))
        assert (r["SourceActorFull"], r["SourceActorEntity"], r["SourceActorRole"]) == (
            text(e["source_code"]), text(e["source_country"]), text(e["source_sector"]))
        assert (r["TargetActorFull"], r["TargetActorEntity"], r["TargetActorRole"]) == (
            text(e["target_code"]), text(e["target_country"]), text(e["target_sector"]))
        assert (r["EventCode"], r["EventRootCode"], r["QuadClass"]) == (
            e["cameo"], e["cameo"][:2], str(e["quad_class"]))
        assert same_float(r["GoldsteinScore"], e["goldstein"])
        assert same_float(r["Lat"], e["lat"]) and same_float(r["Lon"], e["lon"])
        assert (r["LocationName"], r["StateName"], r["CountryCode"]) == (
            text(e["location_name"]), text(e["admin1"]), text(e["location_country"]))
        assert r["SentenceID"] == f"{e['doc_id']}-{e['sentence_index']}"
        assert (r["URLs"], r["NewsSources"]) == (text(e["url"]), text(e["outlet"]))


def test_gdelt_csv(exports, events):
    frame = _read_delimited(exports["gdelt"], ",")
    assert list(frame.columns) == GDELT_COLUMNS
    assert len(frame) == len(events)
    for r in frame.to_dict("records"):
        e = events[r["GLOBALEVENTID"]]
        assert r["SQLDATE"] == (e["event_day"].strftime("%Y%m%d") if e["event_day"] else "")
        assert (r["Actor1Code"], r["Actor1Name"], r["Actor1CountryCode"], r["Actor1Type1Code"]) == (
            text(e["source_code"]), text(e["source_name"]), text(e["source_country"]), text(e["source_sector"]))
        assert (r["Actor2Code"], r["Actor2Name"], r["Actor2CountryCode"], r["Actor2Type1Code"]) == (
            text(e["target_code"]), text(e["target_name"]), text(e["target_country"]), text(e["target_sector"]))
        assert r["IsRootEvent"] == ("1" if e["sentence_index"] == 0 else "0")
        assert (r["EventCode"], r["EventBaseCode"], r["EventRootCode"]) == (e["cameo"], e["cameo"][:3], e["cameo"][:2])
        assert r["QuadClass"] == str(e["quad_class"]) and same_float(r["GoldsteinScale"], e["goldstein"])
        assert (r["NumMentions"], r["NumSources"], r["NumArticles"]) == (
            str(e["num_mentions"]), str(e["num_sources"]), str(e["num_articles"]))
        assert (r["ActionGeo_FullName"], r["ActionGeo_CountryCode"]) == (
            text(e["location_name"]), text(e["location_country"]))
        assert same_float(r["ActionGeo_Lat"], e["lat"]) and same_float(r["ActionGeo_Long"], e["lon"])
        assert r["SOURCEURL"] == text(e["url"])


def _equal(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return (a is None and b is None) or (a is not None and b is not None and math.isclose(a, b, rel_tol=1e-12))
    return a == b


def test_parquet_partitioned_by_month(exports, events, demo_db):
    root = exports["parquet"]
    partitions = sorted(p.name for p in root.iterdir())
    assert partitions and all(p.startswith("year_month=") for p in partitions)
    con = duckdb.connect()
    try:
        cur = con.execute(f"SELECT * FROM read_parquet('{root}/**/*.parquet', hive_partitioning = true)")
        cols = [d[0] for d in cur.description]
        loaded = [dict(zip(cols, r)) for r in cur.fetchall()]
    finally:
        con.close()
    assert len(loaded) == len(events) == len({r["event_id"] for r in loaded})
    with open_store(demo_db, read_only=True) as store:
        event_columns = [c for c in store.query("SELECT * FROM events LIMIT 0")[0]
                         if c not in ("source_json", "target_json")]
    assert set(event_columns) <= set(cols)
    for r in loaded:
        e = events[r["event_id"]]
        for column in event_columns + ["url", "num_mentions", "num_sources", "num_articles"]:
            assert _equal(r[column], e[column]), (r["event_id"], column, r[column], e[column])
        expected = e["event_day"].strftime("%Y-%m") if e["event_day"] else "unknown"
        assert str(r["year_month"]) == expected
    # each partition directory holds only its own month, and pandas reads the dataset too
    frame = pd.read_parquet(root)
    assert len(frame) == len(events)
    for partition in root.iterdir():
        month = partition.name.split("=", 1)[1]
        days = pd.read_parquet(partition)["event_day"]
        assert all((d.strftime("%Y-%m") if d is not None and not pd.isna(d) else "unknown") == month for d in days)


def test_parquet_export_again_replaces_the_earlier_one(demo_db, tmp_path):
    out = tmp_path / "parquet"
    stale = out / "year_month=1999-01"
    stale.mkdir(parents=True)
    (stale / "old.parquet").write_bytes(b"")  # an earlier export's month that is no longer in the store
    (out / "README.txt").write_text("kept\n", encoding="utf-8")
    with open_store(demo_db, read_only=True) as store:
        first = export(store, "parquet", out)
        second = export(store, "parquet", out)
    assert first == second
    assert not stale.exists() and (out / "README.txt").exists()
    con = duckdb.connect()
    try:
        n = con.execute(f"SELECT count(*) FROM read_parquet('{out}/**/*.parquet', hive_partitioning = true)")
        assert n.fetchone()[0] == first
    finally:
        con.close()


def test_export_counts_match_the_files(demo_db, tmp_path, events):
    with open_store(demo_db, read_only=True) as store:
        assert export(store, "polecat", tmp_path / "a.jsonl") == len(events)
        assert export(store, "phoenix", tmp_path / "sub" / "a.tsv") == len(events)  # parent directories made
        with pytest.raises(ValueError, match="unknown export format"):
            export(store, "xml", tmp_path / "a.xml")


def test_export_command_refuses_an_unknown_format(demo_db, tmp_path):
    done = subprocess.run([sys.executable, "-m", "eventwire.cli", "export", "xml", str(tmp_path / "x"),
                           "--db", str(demo_db)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "COLUMNS": "200"})
    assert done.returncode == 2
    assert "unknown export format 'xml'" in done.stderr and "Traceback" not in done.stderr
