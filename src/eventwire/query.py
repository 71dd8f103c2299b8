"""Queries over a store: events, actors and their timelines, dyads, daily counts, departures; exports.

Every query returns ``(columns, rows)``; the CLI and the HTTP API format them. Filters are keyword-only
and combined with AND. Exports write formats other tools load: POLECAT/PLOVER-style JSON Lines,
Phoenix TSV (its column order), a GDELT-like CSV subset and Parquet partitioned by date.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .store import Store

__all__ = ["EventFilter", "query_events", "query_actors", "count_actors", "actor_timeline", "query_dyads", "daily_counts",
           "departures", "stats", "export", "EXPORT_FORMATS", "PHOENIX_COLUMNS"]


@dataclass(frozen=True)
class EventFilter:
    """Filters on events; ``None`` means no filter."""

    actor: str | None = None  # a name (substring, any role) or an actor_id
    country: str | None = None  # source or target country
    source_country: str | None = None
    target_country: str | None = None
    sector: str | None = None
    event_type: str | None = None
    quad_class: int | None = None
    place: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    min_sources: int | None = None
    doc_id: str | None = None

    def where(self) -> tuple[str, list]:
        clauses, params = ["1=1"], []
        if self.actor:
            clauses.append("(e.source_id = ? OR e.target_id = ? OR lower(e.source_name) LIKE ? OR "
                           "lower(e.target_name) LIKE ?)")
            like = f"%{self.actor.lower()}%"
            params += [self.actor, self.actor, like, like]
        if self.country:
            clauses.append("(e.source_country = ? OR e.target_country = ?)")
            params += [self.country.upper()] * 2
        if self.source_country:
            clauses.append("e.source_country = ?")
            params.append(self.source_country.upper())
        if self.target_country:
            clauses.append("e.target_country = ?")
            params.append(self.target_country.upper())
        if self.sector:
            clauses.append("(e.source_sector = ? OR e.target_sector = ?)")
            params += [self.sector.upper()] * 2
        if self.event_type:
            clauses.append("e.event_type = ?")
            params.append(self.event_type.upper())
        if self.quad_class:
            clauses.append("e.quad_class = ?")
            params.append(int(self.quad_class))
        if self.place:
            clauses.append("(lower(e.location_name) LIKE ? OR e.location_country = ?)")
            params += [f"%{self.place.lower()}%", self.place.upper()]
        if self.date_from:
            clauses.append("e.event_day >= CAST(? AS DATE)")
            params.append(self.date_from)
        if self.date_to:
            clauses.append("e.event_day <= CAST(? AS DATE)")
            params.append(self.date_to)
        if self.min_sources:
            clauses.append("c.num_sources >= ?")
            params.append(int(self.min_sources))
        if self.doc_id:
            clauses.append("e.doc_id = ?")
            params.append(self.doc_id)
        return " AND ".join(clauses), params


EVENT_COLUMNS = ("e.event_id, e.doc_id, e.event_type, e.mode, e.cameo, e.quad_class, e.goldstein, e.source_name, "
                 "e.source_country, e.source_sector, e.target_name, e.target_country, e.target_sector, "
                 "e.location_name, e.location_country, e.lat, e.lon, e.date, e.date_precision, e.aux_modes, "
                 "e.reported_by_name, e.trigger_text, e.sentence, e.confidence, e.rule, e.cluster_id, "
                 "c.num_articles, c.num_sources")


def query_events(store: Store, flt: EventFilter = EventFilter(), *, limit: int = 100, offset: int = 0,
                 clustered: bool = False, ids: bool = False):
    """Event mentions (or one row per clustered event with ``clustered=True``) matching the filter.

    ``ids`` adds the mentions' ``source_id`` and ``target_id`` (the keys of the actor pages)."""
    where, params = flt.where()
    if clustered:
        sql = (f"SELECT c.* FROM clusters c WHERE c.cluster_id IN (SELECT e.cluster_id FROM events e "
               f"LEFT JOIN clusters c ON c.cluster_id = e.cluster_id WHERE {where}) "
               f"ORDER BY c.date NULLS LAST, c.cluster_id LIMIT ? OFFSET ?")
    else:
        columns = EVENT_COLUMNS + (", e.source_id, e.target_id" if ids else "")
        sql = (f"SELECT {columns} FROM events e LEFT JOIN clusters c ON c.cluster_id = e.cluster_id "
               f"WHERE {where} ORDER BY e.event_day NULLS LAST, e.doc_id, e.trigger_start, e.event_id LIMIT ? OFFSET ?")
    return store.query(sql, params + [limit, offset])


def count_events(store: Store, flt: EventFilter = EventFilter()) -> int:
    where, params = flt.where()
    return store.query(f"SELECT count(*) FROM events e LEFT JOIN clusters c ON c.cluster_id = e.cluster_id "
                       f"WHERE {where}", params)[1][0][0]


def event_detail(store: Store, event_id: str) -> dict | None:
    """One event with its evidence: its sentence, the other mentions of the same event, the document."""
    cols, rows = store.query("SELECT * FROM events WHERE event_id = ?", [event_id])
    if not rows:
        return None
    event = dict(zip(cols, rows[0]))
    event["source"] = json.loads(event.pop("source_json") or "[]")
    event["target"] = json.loads(event.pop("target_json") or "[]")
    cols2, rows2 = store.query(
        "SELECT e.event_id, e.doc_id, d.title, d.outlet, d.published, e.sentence FROM events e "
        "JOIN documents d USING (doc_id) WHERE e.cluster_id = ? ORDER BY d.published, e.doc_id", [event["cluster_id"]])
    event["evidence"] = [dict(zip(cols2, r)) for r in rows2]
    return event


def _actor_where(name: str | None, country: str | None, sector: str | None) -> tuple[str, list]:
    clauses, params = ["1=1"], []
    if name:
        clauses.append("(lower(a.name) LIKE ? OR a.actor_id = ?)")
        params += [f"%{name.lower()}%", name]
    if country:
        clauses.append("a.country = ?")
        params.append(country.upper())
    if sector:
        clauses.append("a.sector = ?")
        params.append(sector.upper())
    return " AND ".join(clauses), params


def count_actors(store: Store, *, name: str | None = None, country: str | None = None,
                 sector: str | None = None) -> int:
    """How many actors :func:`query_actors` finds with these filters."""
    where, params = _actor_where(name, country, sector)
    return store.query(f"SELECT count(*) FROM actors a WHERE {where}", params)[1][0][0]


def query_actors(store: Store, *, name: str | None = None, country: str | None = None, sector: str | None = None,
                 limit: int = 100, offset: int = 0):
    """Actors with how many events they are in, most active first."""
    where, params = _actor_where(name, country, sector)
    sql = (f"SELECT a.actor_id, a.name, a.kind, a.country, a.sector, a.code, "
           f"(SELECT count(*) FROM events e WHERE e.source_id = a.actor_id OR e.target_id = a.actor_id) AS events "
           f"FROM actors a WHERE {where} ORDER BY events DESC, a.name LIMIT ? OFFSET ?")
    return store.query(sql, params + [limit, offset])


def actor_timeline(store: Store, actor_id: str):
    """An actor's roles over time (country, sector, title), with the evidence of each.

    ``actor_id`` may also be the actor's name ("Nawaf Fares"), matched without regard to case. On the
    same day a role that ended comes before the roles that began.
    """
    ids = [r[0] for r in store.query("SELECT actor_id FROM actors WHERE actor_id = ?", [actor_id])[1]]
    if not ids:
        ids = [r[0] for r in store.query("SELECT actor_id FROM actors WHERE lower(name) = lower(?) "
                                         "ORDER BY actor_id", [actor_id])[1]] or [actor_id]
    placeholders = ", ".join("?" for _ in ids)
    return store.query(
        "SELECT r.day, r.country, r.sector, r.title, r.role_end, r.doc_id, r.evidence FROM actor_roles r "
        f"WHERE r.actor_id IN ({placeholders}) "
        "ORDER BY r.day NULLS FIRST, r.role_end NULLS LAST, r.doc_id, r.sector, r.title", ids)


def query_dyads(store: Store, flt: EventFilter = EventFilter(), *, limit: int = 100):
    """Source-target pairs (by country and sector) with event counts and mean Goldstein."""
    where, params = flt.where()
    return store.query(
        f"SELECT coalesce(e.source_country,'') || coalesce(e.source_sector,'') AS source, "
        f"coalesce(e.target_country,'') || coalesce(e.target_sector,'') AS target, count(*) AS events, "
        f"round(avg(e.goldstein), 2) AS mean_goldstein FROM events e LEFT JOIN clusters c "
        f"ON c.cluster_id = e.cluster_id WHERE {where} AND e.target_country IS NOT NULL "
        f"GROUP BY 1, 2 ORDER BY events DESC, source, target LIMIT ?", params + [limit])


def daily_counts(store: Store, flt: EventFilter = EventFilter(), *, by: str = "event_type"):
    """Events per day (distinct real-world events), by event type or quad class."""
    if by not in ("event_type", "quad_class"):
        raise ValueError("by must be event_type or quad_class")
    where, params = flt.where()
    # a clustered event counts once, on its own day, even when its reports carry neighbouring dates
    day = "coalesce(CASE WHEN c.date_precision = 'day' THEN TRY_CAST(c.date AS DATE) END, e.event_day)"
    return store.query(
        f"SELECT {day} AS day, e.{by} AS {by}, count(DISTINCT coalesce(e.cluster_id, e.event_id)) AS events "
        f"FROM events e LEFT JOIN clusters c ON c.cluster_id = e.cluster_id WHERE {where} "
        f"AND e.event_day IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2", params)


def departures(store: Store, *, country: str | None = None):
    """Who left a government or post (resignations, defections, ended roles), when, with evidence.

    Answers "which officials have left the Syrian government, and when?" with one row per person: the
    earliest text-given date (finest precision first), and the evidence sentences.
    """
    params = []
    clause = ""
    if country:
        clause = "AND e.source_country = ?"
        params.append(country.upper())
    cols, rows = store.query(
        "SELECT e.source_id, e.source_name, e.source_country, e.date, e.date_precision, e.date_source, "
        "e.sentence, e.doc_id, e.trigger_text FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id "
        "WHERE e.event_type = 'RETREAT' AND e.mode = 'resign' AND coalesce(e.aux_modes, '') NOT LIKE '%negation%' "
        "AND coalesce(e.aux_modes, '') NOT LIKE '%future%' AND coalesce(e.aux_modes, '') NOT LIKE '%hypothetical%' "
        f"AND json_extract_string(e.source_json, '$[0].kind') = 'person' {clause} "
        # evidence: the best-dated mention first, then the earliest report, then the order documents came in
        "ORDER BY e.source_name, (e.date_source = 'text') DESC, CASE e.date_precision WHEN 'day' THEN 0 "
        "WHEN 'month' THEN 1 WHEN 'year' THEN 2 ELSE 3 END, d.published NULLS LAST, d.rowid, e.sentence_index",
        params)
    people: dict[str, dict] = {}
    for source_id, name, country_, date, precision, date_source, sentence, doc_id, trigger in rows:
        person = people.setdefault(source_id, {"name": name, "country": country_, "date": None,
                                               "date_precision": None, "evidence": []})
        rank = (0 if date_source == "text" else 1, {"day": 0, "month": 1, "year": 2}.get(precision or "", 3))
        best = person.get("_rank")
        if date and (best is None or rank < best or (rank == best and date < person["date"])):
            person.update(date=date, date_precision=precision, _rank=rank)
        person["evidence"].append(f"[{doc_id}] {sentence}")
    out_cols = ["name", "country", "date", "date_precision", "evidence"]
    out_rows = [(p["name"], p["country"], p["date"], p["date_precision"], " | ".join(dict.fromkeys(p["evidence"])))
                for p in sorted(people.values(), key=lambda p: (p["date"] or "9999", p["name"]))]
    return out_cols, out_rows


def stats(store: Store) -> dict:
    """Corpus-level counts: documents by status, events, clusters, by type, top actors and places."""
    q = lambda sql: store.query(sql)[1]  # noqa: E731
    return {
        "documents": dict(q("SELECT status, count(*) FROM documents GROUP BY 1 ORDER BY 1")),
        "skipped_by_reason": dict(q("SELECT reason, count(*) FROM documents WHERE status <> 'coded' GROUP BY 1 ORDER BY 2 DESC")),
        "event_mentions": q("SELECT count(*) FROM events")[0][0],
        "events": q("SELECT count(*) FROM clusters")[0][0],
        "quotes": q("SELECT count(*) FROM quotes")[0][0],
        "by_type": dict(q("SELECT event_type, count(*) FROM clusters GROUP BY 1 ORDER BY 2 DESC, 1")),
        "by_quad_class": {str(k): v for k, v in q("SELECT quad_class, count(*) FROM clusters GROUP BY 1 ORDER BY 1")},
        "top_actors": [list(r) for r in q(
            "SELECT name, code, sum(n) AS n FROM (SELECT source_name AS name, source_code AS code, count(*) AS n "
            "FROM events WHERE source_name IS NOT NULL GROUP BY 1, 2 UNION ALL SELECT target_name, target_code, "
            "count(*) FROM events WHERE target_name IS NOT NULL GROUP BY 1, 2) GROUP BY name, code "
            "ORDER BY n DESC, name LIMIT 10")],
        "top_places": [list(r) for r in q(
            "SELECT location_name, location_country, count(*) AS n FROM events WHERE location_name IS NOT NULL "
            "GROUP BY 1, 2 ORDER BY n DESC, 1 LIMIT 10")],
        "date_range": [str(x) if x else None for x in q("SELECT min(event_day), max(event_day) FROM events")[0]],
    }


# ----- exports -----------------------------------------------------------------------------------------
EXPORT_FORMATS = ("polecat", "phoenix", "gdelt", "parquet")
PHOENIX_COLUMNS = ["EventID", "Date", "Year", "Month", "Day", "SourceActorFull", "SourceActorEntity",
                   "SourceActorRole", "SourceActorAttribute", "TargetActorFull", "TargetActorEntity",
                   "TargetActorRole", "TargetActorAttribute", "EventCode", "EventRootCode", "QuadClass",
                   "GoldsteinScore", "Issues", "Lat", "Lon", "LocationName", "StateName", "CountryCode",
                   "SentenceID", "URLs", "NewsSources"]
GDELT_COLUMNS = ["GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
                 "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "IsRootEvent", "EventCode",
                 "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources",
                 "NumArticles", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
                 "SOURCEURL"]


def _export_rows(store: Store):
    cols, rows = store.query(
        "SELECT e.*, d.url, d.title, c.num_mentions, c.num_sources, c.num_articles FROM events e "
        "JOIN documents d USING (doc_id) LEFT JOIN clusters c ON c.cluster_id = e.cluster_id "
        "ORDER BY e.event_day NULLS LAST, e.event_id")
    for row in rows:
        yield dict(zip(cols, row))


def _actor_json(actors_json: str) -> list[dict]:
    return [{"actor_name": a["name"], "actor_text": a["text"], "country": a.get("country"),
             "sector_code": a.get("sector"), "actor_id": a["actor_id"], "code": a.get("code")}
            for a in json.loads(actors_json or "[]")]


def export(store: Store, fmt: str, out: str | os.PathLike) -> int:
    """Write every event of the store in a format; returns the number of events written."""
    out = Path(out)
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format '{fmt}' (choose from {', '.join(EXPORT_FORMATS)})")
    count = 0
    if fmt == "polecat":
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as fh:
            for r in _export_rows(store):
                record = {
                    "event_id": r["event_id"], "event_date": r["date"], "event_type": r["event_type"],
                    "mode": r["mode"], "context": None, "cameo": r["cameo"], "quad_class": r["quad_class"],
                    "goldstein": r["goldstein"], "actor": _actor_json(r["source_json"]),
                    "recipient": _actor_json(r["target_json"]),
                    "location": None if r["location_name"] is None else {
                        "name": r["location_name"], "country": r["location_country"], "admin1": r["admin1"],
                        "lat": r["lat"], "lon": r["lon"], "geonameid": r["geonameid"],
                        "precision": r["location_precision"]},
                    "aux_modes": [m for m in (r["aux_modes"] or "").split(",") if m],
                    "text": r["sentence"], "trigger": r["trigger_text"], "story_id": r["doc_id"],
                    "url": r["url"], "publication_date": str(r["published"]) if r["published"] else None,
                    "cluster_id": r["cluster_id"], "num_articles": r["num_articles"], "coder": r["rule"],
                }
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    elif fmt in ("phoenix", "gdelt"):
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8", newline="") as fh:
            delimiter = "\t" if fmt == "phoenix" else ","
            writer = csv.writer(fh, delimiter=delimiter)
            writer.writerow(PHOENIX_COLUMNS if fmt == "phoenix" else GDELT_COLUMNS)
            for r in _export_rows(store):
                day = r["event_day"]
                ymd = day.strftime("%Y%m%d") if day else ""
                if fmt == "phoenix":
                    writer.writerow([
                        r["event_id"], ymd, day.year if day else "", f"{day.month:02d}" if day else "",
                        f"{day.day:02d}" if day else "", r["source_code"] or "", r["source_country"] or "",
                        r["source_sector"] or "", "", r["target_code"] or "", r["target_country"] or "",
                        r["target_sector"] or "", "", r["cameo"], r["cameo"][:2], r["quad_class"], r["goldstein"],
                        "", r["lat"] if r["lat"] is not None else "", r["lon"] if r["lon"] is not None else "",
                        r["location_name"] or "", r["admin1"] or "", r["location_country"] or "",
                        f"{r['doc_id']}-{r['sentence_index']}", r["url"] or "", r["outlet"] or ""])
                else:
                    writer.writerow([
                        r["event_id"], ymd, r["source_code"] or "", r["source_name"] or "",
                        r["source_country"] or "", r["source_sector"] or "", r["target_code"] or "",
                        r["target_name"] or "", r["target_country"] or "", r["target_sector"] or "",
                        1 if r["sentence_index"] == 0 else 0, r["cameo"], r["cameo"][:3], r["cameo"][:2],
                        r["quad_class"], r["goldstein"], r["num_mentions"] or 1, r["num_sources"] or 1,
                        r["num_articles"] or 1, r["location_name"] or "", r["location_country"] or "",
                        r["lat"] if r["lat"] is not None else "", r["lon"] if r["lon"] is not None else "",
                        r["url"] or ""])
                count += 1
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = []
        for r in _export_rows(store):
            r = {k: v for k, v in r.items() if k not in ("source_json", "target_json")}
            r["year_month"] = r["event_day"].strftime("%Y-%m") if r["event_day"] else "unknown"
            rows.append(r)
        out.mkdir(parents=True, exist_ok=True)
        # an earlier export's partitions would otherwise be read back with this one's
        for stale in out.glob("year_month=*"):
            if stale.is_dir():
                shutil.rmtree(stale)
        if rows:
            table = pa.Table.from_pylist(rows)
            pq.write_to_dataset(table, root_path=str(out), partition_cols=["year_month"],
                                existing_data_behavior="delete_matching")
        count = len(rows)
    return count
