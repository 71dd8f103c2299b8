"""Clustering: one record per real-world event, however many articles (or sentences) report it.

Two event mentions are the same event when all of these hold (the rule, documented in
``docs/store.md``):

- the same PLOVER event type;
- compatible sources and targets: two named persons or organisations must be the same actor; otherwise
  the countries must agree where both are known, and the sectors too;
- compatible places: within 50 km of each other, or one of them unplaced;
- compatible dates: day-precision dates from the text within 1 day of each other (3 days when a date is
  only the publication date), a month- or year-precision date containing the other.

Clustering is greedy in date order, deterministic, and recomputed for the whole store after each run;
each cluster's id is stable (derived from its earliest mention).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from .textutil import stable_id

__all__ = ["cluster_store", "same_event", "MentionRow"]

MAX_KM = 50.0


@dataclass
class MentionRow:
    event_id: str
    doc_id: str
    event_type: str
    source_id: str | None
    source_kind: str | None
    source_country: str | None
    source_sector: str | None
    target_id: str | None
    target_kind: str | None
    target_country: str | None
    target_sector: str | None
    lat: float | None
    lon: float | None
    date: str | None
    date_source: str | None
    outlet: str | None
    published: dt.date | None
    aux_modes: str = ""


@dataclass
class Cluster:
    members: list[MentionRow] = field(default_factory=list)


def _km(a_lat, a_lon, b_lat, b_lon) -> float:
    r = 6371.0
    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    dp, dl = p2 - p1, math.radians(b_lon - a_lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(h))


def _period(date: str | None) -> tuple[dt.date, dt.date] | None:
    if not date:
        return None
    if len(date) == 4:
        return dt.date(int(date), 1, 1), dt.date(int(date), 12, 31)
    if len(date) == 7:
        y, m = int(date[:4]), int(date[5:7])
        end = dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
        return dt.date(y, m, 1), end
    d = dt.date.fromisoformat(date[:10])
    return d, d


def _actor_ok(a_id, a_kind, a_country, a_sector, b_id, b_kind, b_country, b_sector) -> bool:
    named = {"person", "organisation"}
    if a_kind in named and b_kind in named:
        return a_id == b_id
    if (a_kind in named) != (b_kind in named) and a_id and b_id:
        return False
    if a_country and b_country and a_country != b_country:
        return False
    if a_sector and b_sector and a_sector != b_sector:
        return False
    return True


def same_event(a: MentionRow, b: MentionRow) -> bool:
    """Whether two event mentions report the same real-world event (the rule in the module docstring)."""
    if a.event_type != b.event_type:
        return False
    if ("negation" in a.aux_modes) != ("negation" in b.aux_modes):
        return False
    if not _actor_ok(a.source_id, a.source_kind, a.source_country, a.source_sector,
                     b.source_id, b.source_kind, b.source_country, b.source_sector):
        return False
    if not _actor_ok(a.target_id, a.target_kind, a.target_country, a.target_sector,
                     b.target_id, b.target_kind, b.target_country, b.target_sector):
        return False
    if a.lat is not None and b.lat is not None and _km(a.lat, a.lon, b.lat, b.lon) > MAX_KM:
        return False
    pa, pb = _period(a.date), _period(b.date)
    if pa and pb:
        slack = 3 if "published" in (a.date_source, b.date_source) else 1
        if pa[0] == pa[1] and pb[0] == pb[1]:
            return abs((pa[0] - pb[0]).days) <= slack
        # a coarser date must contain the finer one
        return pa[0] - dt.timedelta(days=slack) <= pb[1] and pb[0] - dt.timedelta(days=slack) <= pa[1]
    return True


def cluster_rows(rows: list[MentionRow]) -> list[Cluster]:
    """Greedy, deterministic clustering of mentions sorted by date."""
    rows = sorted(rows, key=lambda r: ((_period(r.date) or (dt.date.max, dt.date.max))[0], r.event_id))
    clusters: list[Cluster] = []
    open_by_type: dict[str, list[Cluster]] = {}
    for row in rows:
        home = None
        for cluster in open_by_type.get(row.event_type, []):
            if all(same_event(row, m) for m in cluster.members[:5]):
                home = cluster
                break
        if home is None:
            home = Cluster()
            clusters.append(home)
            open_by_type.setdefault(row.event_type, []).append(home)
        home.members.append(row)
    return clusters


def cluster_store(store) -> int:
    """Recompute the ``clusters`` table and every event's ``cluster_id``; returns the number of clusters."""
    import pyarrow as pa

    con = store.con
    cols, rows = store.query(
        "SELECT event_id, doc_id, event_type, source_id, json_extract_string(source_json, '$[0].kind'), "
        "source_country, source_sector, target_id, json_extract_string(target_json, '$[0].kind'), target_country, "
        "target_sector, lat, lon, date, date_source, coalesce(outlet, doc_id), published, aux_modes FROM events")
    mentions = [MentionRow(*r) for r in rows]
    clusters = cluster_rows(mentions)
    assignments = []
    records = []
    details = {r[0]: r for r in store.query(
        "SELECT event_id, source_name, target_name, location_name, goldstein, quad_class, date_precision "
        "FROM events")[1]}
    for cluster in clusters:
        first = min(cluster.members, key=lambda m: m.event_id)
        cid = stable_id("cluster", first.event_id, length=16)
        for m in cluster.members:
            assignments.append({"event_id": m.event_id, "cluster_id": cid})
        # the most precise date among the members that come from the text
        dated = [m for m in cluster.members if m.date and m.date_source == "text"] or [
            m for m in cluster.members if m.date]
        best = min(dated, key=lambda m: (-len(m.date), m.date)) if dated else None
        placed = next((m for m in cluster.members if m.lat is not None), None)
        d = details.get(first.event_id)
        published = [m.published for m in cluster.members if m.published]
        records.append({
            "cluster_id": cid, "event_type": first.event_type, "source_name": d[1] if d else None,
            "source_country": first.source_country, "source_sector": first.source_sector,
            "target_name": d[2] if d else None, "target_country": first.target_country,
            "target_sector": first.target_sector,
            "location_name": details[placed.event_id][3] if placed else None,
            "lat": placed.lat if placed else None, "lon": placed.lon if placed else None,
            "date": best.date if best else None, "date_precision": details[best.event_id][6] if best else None,
            "num_mentions": len(cluster.members), "num_articles": len({m.doc_id for m in cluster.members}),
            "num_sources": len({m.outlet for m in cluster.members}),
            "first_seen": min(published) if published else None, "last_seen": max(published) if published else None,
            "goldstein": d[4] if d else None, "quad_class": d[5] if d else None,
            "event_ids": ",".join(sorted(m.event_id for m in cluster.members)),
        })
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM clusters")
        if records:
            con.register("_clusters", pa.Table.from_pylist(records))
            con.execute("INSERT INTO clusters SELECT * FROM _clusters")
            con.unregister("_clusters")
            con.register("_assign", pa.Table.from_pylist(assignments))
            con.execute("UPDATE events SET cluster_id = a.cluster_id FROM _assign a WHERE events.event_id = a.event_id")
            con.unregister("_assign")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return len(records)
