"""The store: coded documents, events, actors, roles and quotes in one DuckDB file.

The schema is versioned (``meta.schema_version``). Writes go in batches through Arrow tables inside one
transaction per batch, so a run killed at any moment leaves whole documents or none. Re-coding a
document replaces its rows; documents already coded with the same content hash are skipped, so an
interrupted run can simply be run again; a document that cannot be read any more keeps what an earlier
run coded from it (see ``docs/store.md``).

Tables: ``documents`` (every input document with its status and skip reason), ``events`` (one row per
event mention), ``actors`` (canonical identities), ``actor_roles`` (an actor's country/sector/title
as seen in each article, with its date: the actor timeline), ``quotes``, ``clusters`` (one row per
real-world event, see :mod:`eventwire.cluster`) and ``runs`` (the accounting of every run).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import StoreError, StoreLockedError
from .schema import SCHEMA_VERSION, CodedDocument, Quote, RunSummary, Skipped

__all__ = ["Store", "open_store", "STORE_SCHEMA_VERSION"]

STORE_SCHEMA_VERSION = 2
# what each version added to the one before, applied in order to an older store opened for writing
MIGRATIONS = {
    2: "ALTER TABLE events ADD COLUMN IF NOT EXISTS same_as VARCHAR",  # in-document event coreference
}

DDL = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY, started TIMESTAMP, finished TIMESTAMP, command VARCHAR,
    read BIGINT, coded BIGINT, skipped BIGINT, failed BIGINT, events BIGINT, quotes BIGINT,
    skipped_by_reason VARCHAR, failed_by_reason VARCHAR, complete BOOLEAN);
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY, content_hash VARCHAR, title VARCHAR, text VARCHAR, url VARCHAR,
    published DATE, outlet VARCHAR, source_path VARCHAR, source_line INTEGER, language VARCHAR,
    status VARCHAR, reason VARCHAR, detail VARCHAR, n_events INTEGER, n_quotes INTEGER,
    coded_at TIMESTAMP, run_id VARCHAR);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY, doc_id VARCHAR, event_type VARCHAR, mode VARCHAR, cameo VARCHAR,
    quad_class INTEGER, goldstein DOUBLE,
    source_id VARCHAR, source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR, source_code VARCHAR,
    target_id VARCHAR, target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR, target_code VARCHAR,
    source_json VARCHAR, target_json VARCHAR,
    location_name VARCHAR, location_country VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE,
    geonameid BIGINT, location_precision VARCHAR,
    date VARCHAR, event_day DATE, date_precision VARCHAR, date_source VARCHAR, aux_modes VARCHAR,
    reported_by_id VARCHAR, reported_by_name VARCHAR, quote_id VARCHAR,
    sentence VARCHAR, sentence_index INTEGER, sentence_start INTEGER, sentence_end INTEGER,
    trigger_text VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
    confidence DOUBLE, rule VARCHAR, published DATE, outlet VARCHAR, cluster_id VARCHAR, same_as VARCHAR);
CREATE TABLE IF NOT EXISTS actors (
    actor_id VARCHAR PRIMARY KEY, name VARCHAR, kind VARCHAR, country VARCHAR, sector VARCHAR, code VARCHAR);
CREATE TABLE IF NOT EXISTS actor_roles (
    actor_id VARCHAR, doc_id VARCHAR, day DATE, country VARCHAR, sector VARCHAR, title VARCHAR,
    evidence VARCHAR, role_end DATE);
CREATE TABLE IF NOT EXISTS quotes (
    quote_id VARCHAR PRIMARY KEY, doc_id VARCHAR, speaker_id VARCHAR, speaker_name VARCHAR,
    speaker_country VARCHAR, speaker_sector VARCHAR, text VARCHAR, kind VARCHAR, start_char INTEGER,
    end_char INTEGER, cue VARCHAR, attribution VARCHAR);
CREATE TABLE IF NOT EXISTS clusters (
    cluster_id VARCHAR PRIMARY KEY, event_type VARCHAR, source_name VARCHAR, source_country VARCHAR,
    source_sector VARCHAR, target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR,
    location_name VARCHAR, lat DOUBLE, lon DOUBLE, date VARCHAR, date_precision VARCHAR,
    num_mentions INTEGER, num_articles INTEGER, num_sources INTEGER, first_seen DATE, last_seen DATE,
    goldstein DOUBLE, quad_class INTEGER, event_ids VARCHAR);
"""


def _actor_cols(actors) -> tuple:
    if not actors:
        return (None,) * 5
    first = actors[0]
    return (first.actor_id, first.name, first.country, first.sector, first.code)


def _doc_id(item: CodedDocument | Skipped) -> str:
    return item.doc_id if isinstance(item, Skipped) else item.article.doc_id


def _is_departure(event) -> bool:
    """A resignation or defection that happened (not denied, planned or hypothetical)."""
    return (event.event_type == "RETREAT" and event.mode == "resign"
            and not {"negation", "future", "hypothetical"} & set(event.aux_modes))


def quote_row(quote: Quote) -> dict:
    """One row of the quotes table (the store's and the Dask run's Parquet parts alike)."""
    speaker = quote.speaker
    return {"quote_id": quote.quote_id, "doc_id": quote.doc_id, "speaker_id": speaker.actor_id if speaker else None,
            "speaker_name": speaker.name if speaker else None,
            "speaker_country": speaker.country if speaker else None,
            "speaker_sector": speaker.sector if speaker else None, "text": quote.text, "kind": quote.kind,
            "start_char": quote.start, "end_char": quote.end, "cue": quote.cue.text if quote.cue else None,
            "attribution": quote.attribution}


def _held_role(actor) -> bool:
    """Whether an actor's title as mentioned is a post held (not "former minister", not "defector")."""
    title = (actor.title or "").lower()
    return actor.sector not in ("ELI", "OPP") and not title.startswith(("former", "ex-", "ex "))


class Store:
    """A DuckDB store opened for reading or writing. Use as a context manager."""

    def __init__(self, path: str | os.PathLike, *, read_only: bool = False) -> None:
        import duckdb

        self.path = str(path)
        self.read_only = read_only
        if read_only and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such store (create it with: eventwire code ... --db {self.path})")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreLockedError(
                    f"{self.path}: the store is locked by another eventwire process; wait for it to finish "
                    f"or write to another file") from exc
            raise StoreError(f"{self.path}: cannot open the store ({exc})") from exc
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: not a DuckDB store or damaged ({exc})") from exc
        if read_only:
            self._check_version()
        else:
            self._migrate()

    # ----- lifecycle ----------------------------------------------------------------------------------
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.con.close()
        except Exception:
            pass

    def _check_version(self) -> None:
        """A store opened for reading must be an eventwire store this version understands."""
        import duckdb

        try:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except duckdb.Error:
            row = None
        if row is None:
            self.close()
            raise StoreError(f"{self.path}: not an eventwire store (no schema_version in its meta table)")
        self._refuse_newer(row[0])

    def _refuse_newer(self, version: str) -> None:
        if int(version) > STORE_SCHEMA_VERSION:
            self.close()
            raise StoreError(f"{self.path}: store schema {version} is newer than this eventwire "
                             f"({STORE_SCHEMA_VERSION}); upgrade eventwire")

    def _migrate(self) -> None:
        self.con.execute(DDL)
        row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            self.con.execute("INSERT INTO meta VALUES ('schema_version', ?), ('record_schema', ?)",
                             [str(STORE_SCHEMA_VERSION), SCHEMA_VERSION])
        else:
            self._refuse_newer(row[0])
            for version in range(int(row[0]) + 1, STORE_SCHEMA_VERSION + 1):
                self.con.execute(MIGRATIONS[version])
            if int(row[0]) < STORE_SCHEMA_VERSION:
                self.con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(STORE_SCHEMA_VERSION)])
                self.con.execute("UPDATE meta SET value = ? WHERE key = 'record_schema'", [SCHEMA_VERSION])

    # ----- writing ------------------------------------------------------------------------------------
    def known_hashes(self) -> set[str]:
        """Content hashes of the documents already coded (for resumable runs)."""
        rows = self.con.execute("SELECT content_hash FROM documents WHERE status = 'coded'").fetchall()
        return {r[0] for r in rows if r[0]}

    def write(self, results: Sequence[CodedDocument | Skipped], *, run_id: str = "") -> None:
        """Write a batch of results in one transaction; re-coded documents replace their rows."""
        import pyarrow as pa

        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        docs, skipped_docs, events, quotes, actors, roles = [], [], [], [], {}, []
        # a document id seen twice in one batch: the last one wins, as it would across batches
        last = {_doc_id(item): i for i, item in enumerate(results)}
        for i, item in enumerate(results):
            if last[_doc_id(item)] != i:
                continue
            if isinstance(item, Skipped):
                skipped_docs.append({
                    "doc_id": item.doc_id, "content_hash": None, "title": None, "text": None, "url": None,
                    "published": None, "outlet": None, "source_path": item.path, "source_line": item.line,
                    "language": None, "status": "failed" if item.failed else "skipped",
                    "reason": item.reason, "detail": item.detail, "n_events": 0, "n_quotes": 0,
                    "coded_at": now, "run_id": run_id})
                continue
            a = item.article
            docs.append({"doc_id": a.doc_id, "content_hash": a.content_hash, "title": a.title, "text": a.text,
                         "url": a.url, "published": a.published, "outlet": a.outlet, "source_path": a.source_path,
                         "source_line": a.source_line, "language": a.language, "status": "coded", "reason": None,
                         "detail": "; ".join(a.notes) or None, "n_events": len(item.events),
                         "n_quotes": len(item.quotes), "coded_at": now, "run_id": run_id})
            left: dict[str, dt.date] = {}  # person -> the day this article says they left their post
            for e in item.events:
                src, tgt = _actor_cols(e.source), _actor_cols(e.target)
                loc = e.location
                day = None
                if e.date and len(e.date) == 10:
                    day = dt.date.fromisoformat(e.date)
                elif e.date and len(e.date) == 7:
                    day = dt.date.fromisoformat(e.date + "-01")
                elif e.date and len(e.date) == 4:
                    day = dt.date(int(e.date), 1, 1)
                events.append({
                    "event_id": e.event_id, "doc_id": e.doc_id, "event_type": e.event_type, "mode": e.mode,
                    "cameo": e.cameo, "quad_class": e.quad_class, "goldstein": e.goldstein,
                    "source_id": src[0], "source_name": src[1], "source_country": src[2], "source_sector": src[3],
                    "source_code": src[4], "target_id": tgt[0], "target_name": tgt[1], "target_country": tgt[2],
                    "target_sector": tgt[3], "target_code": tgt[4],
                    "source_json": json.dumps([x.model_dump() for x in e.source]),
                    "target_json": json.dumps([x.model_dump() for x in e.target]),
                    "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
                    "admin1": loc.admin1 if loc else None, "lat": loc.lat if loc else None,
                    "lon": loc.lon if loc else None, "geonameid": loc.geonameid if loc else None,
                    "location_precision": loc.precision if loc else None,
                    "date": e.date, "event_day": day, "date_precision": e.date_precision,
                    "date_source": e.date_source, "aux_modes": ",".join(e.aux_modes),
                    "reported_by_id": e.reported_by.actor_id if e.reported_by else None,
                    "reported_by_name": e.reported_by.name if e.reported_by else None, "quote_id": e.quote_id,
                    "sentence": e.sentence, "sentence_index": e.sentence_index, "sentence_start": e.sentence_start,
                    "sentence_end": e.sentence_end, "trigger_text": e.trigger.text,
                    "trigger_start": e.trigger.start, "trigger_end": e.trigger.end, "confidence": e.confidence,
                    "rule": e.rule, "published": a.published, "outlet": a.outlet, "cluster_id": None,
                    "same_as": e.same_as,
                })
                for actor in e.source + e.target:
                    actors.setdefault(actor.actor_id, actor)
                # a role that ended ("ambassador until December") closes the actor's role on that date
                if e.rule.startswith("rule:role-ended") and e.source:
                    for actor in e.source:
                        roles.append({"actor_id": actor.actor_id, "doc_id": a.doc_id, "day": day,
                                      "country": actor.country, "sector": actor.sector, "title": actor.title,
                                      "evidence": e.sentence, "role_end": day})
                if _is_departure(e):
                    for actor in e.source:
                        if actor.kind == "person":
                            if day is not None:
                                left[actor.actor_id] = min(day, left.get(actor.actor_id, day))
                            roles.append({"actor_id": actor.actor_id, "doc_id": a.doc_id, "day": day,
                                          "country": actor.country, "sector": "OPP" if "defect" in e.trigger.text.lower()
                                          else "ELI", "title": "defector" if "defect" in e.trigger.text.lower()
                                          else "former " + (actor.title or "official"),
                                          "evidence": e.sentence, "role_end": None})
            for actor in item.actors:
                actors.setdefault(actor.actor_id, actor)
                if actor.kind == "person" and (actor.sector or actor.title):
                    day, role_end = a.published, None
                    # an article that reports a person leaving a post names them by that post ("Syria's
                    # ambassador, Nawaf Fares, defected"): the title is the one they left, so it ends then
                    left_on = left.get(actor.actor_id)
                    if left_on is not None and (day is None or left_on <= day) and _held_role(actor):
                        day, role_end = left_on, left_on
                    roles.append({"actor_id": actor.actor_id, "doc_id": a.doc_id, "day": day,
                                  "country": actor.country, "sector": actor.sector, "title": actor.title,
                                  "evidence": a.text[max(0, actor.start - 80): actor.end + 80],
                                  "role_end": role_end})
            quotes.extend(quote_row(q) for q in item.quotes)
        doc_ids = [d["doc_id"] for d in docs]
        # one row per role an article shows, however many of its sentences show it
        roles = list({(r["actor_id"], r["doc_id"], r["day"], r["country"], r["sector"], r["title"], r["role_end"]): r
                      for r in reversed(roles)}.values())[::-1]
        tables = {
            "documents": docs, "events": events, "quotes": quotes, "actor_roles": roles,
            "actors": [{"actor_id": k, "name": v.name, "kind": v.kind, "country": v.country, "sector": v.sector,
                        "code": v.code} for k, v in actors.items()],
            "skipped": skipped_docs,
        }
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            if doc_ids:
                # re-coding a document replaces every row it had
                ids = pa.table({"doc_id": pa.array(doc_ids, pa.string())})
                con.register("_ids", ids)
                for table in ("events", "quotes", "actor_roles", "documents"):
                    con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM _ids)")
                con.unregister("_ids")
            for name, rows in tables.items():
                if not rows:
                    continue
                table = "documents" if name == "skipped" else name
                columns = [c[0] for c in con.execute(f"DESCRIBE {table}").fetchall()]
                arrow = pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in rows],
                                             schema=self._arrow_schema(table, columns))
                con.register("_batch", arrow)
                if name == "skipped":
                    # a document that cannot be read this time keeps what an earlier run coded from it
                    # (a file moved away is no reason to lose its events); the run records the skip
                    con.execute("DELETE FROM documents WHERE status <> 'coded' "
                                "AND doc_id IN (SELECT doc_id FROM _batch)")
                    con.execute("INSERT INTO documents SELECT * FROM _batch "
                                "WHERE doc_id NOT IN (SELECT doc_id FROM documents)")
                elif name == "actors":
                    con.execute("INSERT INTO actors SELECT * FROM _batch WHERE actor_id NOT IN (SELECT actor_id FROM actors)")
                elif name in ("events", "quotes", "documents"):
                    key = {"events": "event_id", "quotes": "quote_id", "documents": "doc_id"}[name]
                    con.execute(f"DELETE FROM {name} WHERE {key} IN (SELECT {key} FROM _batch)")
                    con.execute(f"INSERT INTO {name} SELECT DISTINCT ON ({key}) * FROM _batch")
                else:
                    con.execute(f"INSERT INTO {name} SELECT * FROM _batch")
                con.unregister("_batch")
            con.execute("COMMIT")
        except Exception as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"{self.path}: writing a batch failed ({exc})") from exc

    _schemas: dict = {}

    def _arrow_schema(self, name: str, columns: list[str]):
        import pyarrow as pa

        key = (name, tuple(columns))
        if key not in self._schemas:
            types = dict((r[0], r[1]) for r in self.con.execute(f"DESCRIBE {name}").fetchall())
            mapping = {"VARCHAR": pa.string(), "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"),
                       "INTEGER": pa.int32(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_()}
            self._schemas[key] = pa.schema([(c, mapping[types[c]]) for c in columns])
        return self._schemas[key]

    def record_run(self, run_id: str, summary: RunSummary, *, started: dt.datetime, command: str,
                   complete: bool) -> None:
        """Store the accounting of a run (read = coded + skipped + failed)."""
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        self.con.execute(
            "INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [run_id, started, now, command, summary.read, summary.coded, sum(summary.skipped.values()),
             sum(summary.failed.values()), summary.events, summary.quotes, json.dumps(summary.skipped),
             json.dumps(summary.failed), complete])

    # ----- reading ------------------------------------------------------------------------------------
    def query(self, sql: str, params: Iterable | None = None):
        """Run SQL and return (column names, rows)."""
        import duckdb

        try:
            cursor = self.con.execute(sql, list(params or []))
        except duckdb.Error as exc:
            raise StoreError(f"SQL error: {exc}") from exc
        columns = [d[0] for d in cursor.description] if cursor.description else []
        return columns, cursor.fetchall()


def open_store(path: str | os.PathLike, *, read_only: bool = False) -> Store:
    """Open (and create or migrate) a store."""
    return Store(path, read_only=read_only)
