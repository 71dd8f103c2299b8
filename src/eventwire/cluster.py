"""Clustering: one record per real-world event, however many articles (or sentences) report it.

Two event mentions are the same event when all of these hold (the rule, documented in
``docs/store.md``):

- the same PLOVER event type, and both negated or neither;
- compatible sources and targets: two named persons or organisations must be the same actor; otherwise
  the countries must agree where both are known, and the sectors too;
- compatible places: within 50 km of each other, or one of them unplaced;
- compatible dates: day-precision dates within 1 day of each other (3 days when a date is only the
  publication date); a day inside a month or year (with the same slack); of two month- or
  year-precision dates, one containing the other (2021 and 2022 are different years, not neighbours);
- something in common besides the type and the date: the same named actor, places within 50 km, or a
  country both mentions name (as source, target or place country, in any role). Unknown fields are
  compatible with anything, so without this a mention with no actors would join any event of its
  type in the same week anywhere in the world.

Clustering is greedy in date order (a month or year counts from its first day), deterministic, and
recomputed for the whole store after each run; a cluster's id is derived from the smallest event id
among its mentions, so it does not depend on the order the articles were coded in.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from .textutil import stable_id

__all__ = ["cluster_store", "cluster_rows", "same_event", "MentionRow", "Cluster", "MAX_KM"]

MAX_KM = 50.0


@dataclass
class MentionRow:
    """What clustering needs to know of one event mention (a row of the ``events`` table)."""

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
    location_country: str | None = None


@dataclass
class Cluster:
    """The mentions of one real-world event."""

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


def _dates_ok(a: MentionRow, b: MentionRow) -> bool:
    pa, pb = _period(a.date), _period(b.date)
    if not (pa and pb):
        return True
    slack = dt.timedelta(days=3 if "published" in (a.date_source, b.date_source) else 1)
    a_day, b_day = pa[0] == pa[1], pb[0] == pb[1]
    if a_day and b_day:
        return abs(pa[0] - pb[0]) <= slack
    if not a_day and not b_day:
        # two coarse dates: one must contain the other
        return (pa[0] <= pb[0] and pb[1] <= pa[1]) or (pb[0] <= pa[0] and pa[1] <= pb[1])
    # a day inside a month or year, give or take the slack
    coarse, day = (pa, pb[0]) if b_day else (pb, pa[0])
    return coarse[0] - slack <= day <= coarse[1] + slack


def _in_common(a: MentionRow, b: MentionRow) -> bool:
    """The two mentions share something besides their type and date (rule 5 in docs/store.md)."""
    named = {"person", "organisation"}
    if a.source_kind in named and a.source_id and a.source_id == b.source_id:
        return True
    if a.target_kind in named and a.target_id and a.target_id == b.target_id:
        return True
    if a.lat is not None and b.lat is not None and _km(a.lat, a.lon, b.lat, b.lon) <= MAX_KM:
        return True
    # a country both mentions name, in any role: "Russia and Ukraine exchanged prisoners" and "Ukrainian
    # soldiers were released" (a domestic event has the same country on both sides)
    countries_a = {a.source_country, a.target_country, a.location_country} - {None, ""}
    countries_b = {b.source_country, b.target_country, b.location_country} - {None, ""}
    return bool(countries_a & countries_b)


def _compatible(a: MentionRow, b: MentionRow) -> bool:
    """Nothing known of the two mentions contradicts them being one event."""
    if a.event_type != b.event_type:
        return False
    if ("negation" in (a.aux_modes or "")) != ("negation" in (b.aux_modes or "")):
        return False
    if not _actor_ok(a.source_id, a.source_kind, a.source_country, a.source_sector,
                     b.source_id, b.source_kind, b.source_country, b.source_sector):
        return False
    if not _actor_ok(a.target_id, a.target_kind, a.target_country, a.target_sector,
                     b.target_id, b.target_kind, b.target_country, b.target_sector):
        return False
    same_person = a.source_kind == b.source_kind == "person" and a.source_id == b.source_id
    # places may differ for one person's act (where it was announced, where they serve); for anything
    # else two places far apart are two events
    if not same_person and a.lat is not None and b.lat is not None and _km(a.lat, a.lon, b.lat, b.lon) > MAX_KM:
        return False
    return _dates_ok(a, b)


def same_event(a: MentionRow, b: MentionRow) -> bool:
    """Whether two event mentions report the same real-world event (the rule in the module docstring).

    >>> kw = dict(source_kind="person", source_country="SYR", source_sector="GOV", target_id=None,
    ...           target_kind=None, target_country=None, target_sector=None, lat=None, lon=None,
    ...           date_source="text", outlet=None, published=None)
    >>> a = MentionRow("e1", "d1", "RETREAT", "fares", date="2012-07-11", **kw)
    >>> same_event(a, MentionRow("e2", "d2", "RETREAT", "fares", date="2012-07", **kw))
    True
    >>> same_event(a, MentionRow("e3", "d2", "RETREAT", "imadi", date="2012-07-11", **kw))
    False
    """
    return _compatible(a, b) and _in_common(a, b)


_COMPARED = 5  # a newcomer is compared with a cluster's first few mentions (its earliest dates)
_MAX_SLACK = dt.timedelta(days=3)


def cluster_rows(rows: list[MentionRow]) -> list[Cluster]:
    """Greedy, deterministic clustering of mentions sorted by date.

    A mention joins the first cluster (in creation order) of its event type whose first mentions it is
    compatible with and with at least one of which it has something in common; otherwise it starts a
    cluster. Clusters whose dates lie more than the largest slack before the current mention are set
    aside (no later mention can join them), which keeps a large store's clustering near-linear.
    """
    rows = sorted(rows, key=lambda r: ((_period(r.date) or (dt.date.max, dt.date.max))[0], r.event_id))
    clusters: list[Cluster] = []
    every_by_type: dict[str, list[Cluster]] = {}
    open_by_type: dict[str, list[tuple[Cluster, dt.date | None]]] = {}
    for row in rows:
        period = _period(row.date)
        if period is None:
            # an undated mention is compatible date-wise with anything: look at every cluster
            candidates = every_by_type.get(row.event_type, [])
        else:
            still_open = [(c, horizon) for c, horizon in open_by_type.get(row.event_type, [])
                          if horizon is None or horizon >= period[0]]
            open_by_type[row.event_type] = still_open
            candidates = [c for c, _ in still_open]
        home = None
        for cluster in candidates:
            compared = cluster.members[:_COMPARED]
            if all(_compatible(row, m) for m in compared) and any(_in_common(row, m) for m in compared):
                home = cluster
                break
        if home is None:
            home = Cluster()
            clusters.append(home)
            every_by_type.setdefault(row.event_type, []).append(home)
            open_by_type.setdefault(row.event_type, []).append((home, None))
        home.members.append(row)
        if len(home.members) <= _COMPARED and period is not None:
            # the last day a newcomer can start on and still be compatible with every compared mention
            entries = open_by_type[row.event_type]
            for i, (c, horizon) in enumerate(entries):
                if c is home:
                    ends = [p[1] for p in (_period(m.date) for m in c.members[:_COMPARED]) if p]
                    entries[i] = (c, min(ends) + _MAX_SLACK if ends else None)
                    break
    return clusters


def _cluster_record(cid: str, cluster: Cluster, details: dict) -> dict:
    """The ``clusters`` row of one cluster: each field from the mention that knows it best."""
    members = cluster.members
    # mentions whose date comes from the text, with a known source and target, speak for the cluster
    ranked = sorted(members, key=lambda m: (m.source_id is None, m.target_id is None, m.date_source != "text",
                                            m.event_id))
    source = next((m for m in ranked if m.source_id), ranked[0])
    target = next((m for m in ranked if m.target_id), ranked[0])
    # the most precise date among the members that come from the text
    dated = [m for m in members if m.date and m.date_source == "text"] or [m for m in members if m.date]
    best = min(dated, key=lambda m: (-len(m.date), m.date)) if dated else None
    placed = next((m for m in ranked if m.lat is not None), None)
    published = [m.published for m in members if m.published]
    rep = details[ranked[0].event_id]
    return {
        "cluster_id": cid, "event_type": ranked[0].event_type,
        "source_name": details[source.event_id]["source_name"], "source_country": source.source_country,
        "source_sector": source.source_sector,
        "target_name": details[target.event_id]["target_name"], "target_country": target.target_country,
        "target_sector": target.target_sector,
        "location_name": details[placed.event_id]["location_name"] if placed else None,
        "lat": placed.lat if placed else None, "lon": placed.lon if placed else None,
        "date": best.date if best else None,
        "date_precision": details[best.event_id]["date_precision"] if best else None,
        "num_mentions": len(members), "num_articles": len({m.doc_id for m in members}),
        "num_sources": len({m.outlet for m in members}),
        "first_seen": min(published) if published else None, "last_seen": max(published) if published else None,
        "goldstein": rep["goldstein"], "quad_class": rep["quad_class"],
        "event_ids": ",".join(sorted(m.event_id for m in members)),
    }


def cluster_store(store) -> int:
    """Recompute the ``clusters`` table and every event's ``cluster_id``; returns the number of clusters."""
    import pyarrow as pa

    con = store.con
    _, rows = store.query(
        "SELECT event_id, doc_id, event_type, source_id, json_extract_string(source_json, '$[0].kind'), "
        "source_country, source_sector, target_id, json_extract_string(target_json, '$[0].kind'), target_country, "
        "target_sector, lat, lon, date, date_source, coalesce(outlet, doc_id), published, aux_modes, "
        "location_country FROM events")
    mentions = [MentionRow(*r) for r in rows]
    clusters = cluster_rows(mentions)
    cols, detail_rows = store.query(
        "SELECT event_id, source_name, target_name, location_name, goldstein, quad_class, date_precision "
        "FROM events")
    details = {r[0]: dict(zip(cols, r)) for r in detail_rows}
    assignments = []
    records = []
    for cluster in clusters:
        cid = stable_id("cluster", min(m.event_id for m in cluster.members), length=16)
        assignments.extend({"event_id": m.event_id, "cluster_id": cid} for m in cluster.members)
        records.append(_cluster_record(cid, cluster, details))
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM clusters")
        con.execute("UPDATE events SET cluster_id = NULL")
        if records:
            columns = [c[0] for c in con.execute("DESCRIBE clusters").fetchall()]
            con.register("_clusters", pa.Table.from_pylist(records).select(columns))
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
