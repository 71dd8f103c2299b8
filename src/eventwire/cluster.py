"""Clustering: one record per real-world event, however many articles (or sentences) report it.

Two event mentions are the same event when all of these hold (the rule, documented in
``docs/store.md``):

- the same PLOVER event type, and both negated or neither;
- compatible sources and targets: two named persons or organisations must be the same actor; otherwise
  the countries must agree where both are known, and the sectors too. Descriptions that differ only in
  how specific they are can be one actor when both dates are days: the government and one of its forces
  (army, police, intelligence service), the country named as an actor ("Russia") and those forces, an
  organisation and a generic group of its country and sector that is not a body of the state ("the ELN",
  "Colombian rebels"); a person and a generic actor of their country ("Gustavo Petro", "the Colombian
  government") only when both reports also place the act within 50 km. What one person resigns or
  defects from (post, government, party) is not compared: it is one departure; nor, for what one named
  body or person declares (a sanction, an accusation, a demand, an agreement...) on one day, how the
  targets of one country are described ("six Iranian individuals", "Iran"): it is one measure;
- compatible places: within 50 km of each other, or one of them unplaced (one person's act, and a departure
  told of a person and of a description of them, may be placed where it was announced or where they serve);
- compatible dates: day-precision dates within 1 day of each other (3 days when a date is only the
  publication date); a day inside a month or year (with the same slack); of two month- or
  year-precision dates, one containing the other (2021 and 2022 are different years, not neighbours);
- something in common besides the type and the date: the same named actor, places within 50 km, or a
  country both mentions name (as source, target or place country, in any role). Unknown fields are
  compatible with anything, so without this a mention with no actors would join any event of its
  type in the same week anywhere in the world.

Besides, the mentions of one report (one trigger of one sentence, coded once per pair of actors: "Russia
and Ukraine exchanged prisoners") are one event, and so is a mention and the one of its article it names
again (``same_as``, see :mod:`eventwire.coref`: "Petro hailed an agreement with the ELN" and "negotiators
agreed late on Thursday in Havana"), unless they are placed more than 50 km apart.

Clustering is greedy in date order (a month or year counts from its first day), deterministic, and
recomputed for the whole store after each run; a cluster's id is derived from the smallest event id
among its mentions, so it does not depend on the order the articles were coded in.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import NamedTuple

from .textutil import stable_id

__all__ = ["cluster_store", "cluster_rows", "same_event", "MentionRow", "Cluster", "MAX_KM"]

MAX_KM = 50.0
_NAMED = frozenset({"person", "organisation"})
# the forces through which a government acts: a report may name the army, the police or the intelligence
# service where another says "the government" or names the country ("Russia", "Moscow")
_STATE_ORGANS = frozenset({"MIL", "COP", "SPY"})
# sectors whose generic actor is one body of the state ("the government", "the army", "parliament"), not
# a class of actors ("rebels", "the opposition") that a named organisation may belong to
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
_NOT_COUNTRIES = frozenset({"IGO", "NGO"})
# acts a body declares rather than does with force: one of them a day against one country is one measure
_DECLARED_TYPES = frozenset({"SANCTION", "ACCUSE", "REJECT", "REQUEST", "SUPPORT", "THREATEN", "AGREE"})


class _Actor(NamedTuple):
    """One role (source or target) of a mention, as clustering sees it."""

    id: str | None
    kind: str | None
    country: str | None
    sector: str | None

    @property
    def named(self) -> bool:
        return self.kind in _NAMED


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
    mode: str | None = None
    # where in its document the mention was found: the mentions of one trigger are one report
    sentence_index: int | None = None
    trigger_start: int | None = None
    # the mention of the same article this one names again ("hailed an agreement": the one "agreed on
    # Thursday"), found by eventwire.coref
    same_as: str | None = None

    @cached_property
    def source(self) -> _Actor:
        return _Actor(self.source_id, self.source_kind, self.source_country, self.source_sector)

    @cached_property
    def target(self) -> _Actor:
        return _Actor(self.target_id, self.target_kind, self.target_country, self.target_sector)

    @cached_property
    def period(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day the mention's date can mean (parsed once: a mention meets many others)."""
        return _period(self.date)


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


def _sectors_ok(a: str | None, b: str | None, *, umbrella: bool) -> bool:
    """Two sectors that can describe one actor: the same, one unknown, or (with ``umbrella``) the
    government and one of its forces.

    >>> _sectors_ok("GOV", "MIL", umbrella=True), _sectors_ok("GOV", "MIL", umbrella=False)
    (True, False)
    >>> _sectors_ok("MIL", "COP", umbrella=True), _sectors_ok("GOV", "JUD", umbrella=True)
    (False, False)
    """
    if not (a and b) or a == b:
        return True
    return umbrella and "GOV" in (a, b) and ({a, b} - {"GOV"}) <= _STATE_ORGANS


def _describes(generic: _Actor, named: _Actor, *, close: bool, personal: bool = False) -> bool:
    """Whether a generic actor can be a less specific description of a named one.

    An organisation is a member of the class a generic group of its country and sector names ("the ELN",
    "Colombian rebels"), unless that group is a body of the state: "the Iraqi government" is one body, and
    the Kurdistan Regional Government another, unless the two reports place the act in the same place on
    the same day ("SEBIN" and "Venezuelan intelligence agents" detaining someone in Maracaibo). A person is
    their country's actor only when the two reports
    also place the act in the same place on the same day (``close``: "Gustavo Petro" and "the Colombian
    government" meeting in Havana); otherwise a person's act (a resignation, a defection) is not their
    government's. A departure (``personal``: a resignation, a defection) is an act of one person, so there
    the generic description ("a senior Myanmar diplomat", coded as his government) and the named person of
    its country and sector can be one on neighbouring days, wherever each report places it.
    """
    if not named.country or named.country in _NOT_COUNTRIES or named.country != generic.country:
        return False
    if named.kind == "person":
        return close or (personal and named.sector is not None and named.sector == generic.sector)
    if generic.kind != "group" or named.sector is None or named.sector != generic.sector:
        return False
    # a body of the state ("SEBIN") and a generic force of its sector ("Venezuelan intelligence agents") only
    # in the same place on the same day: the Kurdistan Regional Government is not "the Iraqi government"
    return close or named.sector not in _STATE_SECTORS


def _actor_ok(a: _Actor, b: _Actor, *, days: bool = False, close: bool = False, personal: bool = False) -> bool:
    """Whether two descriptions of one role (source or target) can be the same actor.

    Two named actors (persons, organisations) must be the same one. Otherwise the countries must agree where
    both are known, and the sectors. Descriptions that differ only in how specific they are need the
    evidence of two day-precise dates (``days``): the government and one of its forces ("Sudanese
    authorities", "the army"), or a named actor and a generic one that can describe it (``_describes``).
    """
    if a.id is not None and a.id == b.id:
        return True
    if a.named and b.named:
        return False
    if a.country and b.country and a.country != b.country:
        return False
    if not _sectors_ok(a.sector, b.sector, umbrella=days):
        return False
    if a.named != b.named and a.id and b.id:
        named, generic = (a, b) if a.named else (b, a)
        return days and _describes(generic, named, close=close, personal=personal)
    return True


def _dates_ok(a: MentionRow, b: MentionRow) -> bool:
    pa, pb = a.period, b.period
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
    if a.source_kind in _NAMED and a.source_id and a.source_id == b.source_id:
        return True
    if a.target_kind in _NAMED and a.target_id and a.target_id == b.target_id:
        return True
    if a.lat is not None and b.lat is not None and _km(a.lat, a.lon, b.lat, b.lon) <= MAX_KM:
        return True
    # a country both mentions name, in any role: "Russia and Ukraine exchanged prisoners" and "Ukrainian
    # soldiers were released" (a domestic event has the same country on both sides)
    countries_a = {a.source_country, a.target_country, a.location_country} - {None, ""}
    countries_b = {b.source_country, b.target_country, b.location_country} - {None, ""}
    return bool(countries_a & countries_b)


def _is_day(date: str | None) -> bool:
    """Whether a date is a day (not a month or a year)."""
    return date is not None and len(date) >= 10


def _compatible(a: MentionRow, b: MentionRow) -> bool:
    """Nothing known of the two mentions contradicts them being one event."""
    if a.event_type != b.event_type:
        return False
    if ("negation" in (a.aux_modes or "")) != ("negation" in (b.aux_modes or "")):
        return False
    km = _km(a.lat, a.lon, b.lat, b.lon) if a.lat is not None and b.lat is not None else None
    # precise dates (and places) are the evidence that lets differently specific actors be one
    days = _is_day(a.date) and _is_day(b.date)
    close = days and km is not None and km <= MAX_KM
    departure = a.event_type == "RETREAT" and a.mode == b.mode == "resign"
    if not _actor_ok(a.source, b.source, days=days, close=close, personal=departure):
        return False
    same_person = a.source_kind == b.source_kind == "person" and a.source_id == b.source_id
    # what a person resigns or defects from (their post, the government, the party) are sides of one
    # departure: "announced my resignation as ambassador and my defection from the Baath party", "has
    # turned his back on the government"
    one_departure = same_person and departure
    # what one named body declares on one day against one country is one measure, however its targets are
    # described ("sanctions on six Iranian individuals", "the measures freeze the assets of six people")
    one_measure = (days and a.event_type in _DECLARED_TYPES and a.source_kind in _NAMED and a.source_id
                   and a.source_id == b.source_id and a.target_country and a.target_country == b.target_country)
    if not (one_departure or one_measure) and not _actor_ok(a.target, b.target, days=days, close=close):
        return False
    # places may differ for one person's act (where it was announced, where they serve), and so for a
    # departure told of a person and of a description of them ("the first serving Syrian ambassador to break
    # with Damascus"), whose actors were found compatible above; for anything else two places far apart are
    # two events
    one_person = same_person or (departure and (a.source_kind == "person") != (b.source_kind == "person"))
    if not one_person and km is not None and km > MAX_KM:
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


def _report(row: MentionRow) -> tuple | None:
    """The report a mention codes: one trigger of one sentence of one document (None when unknown)."""
    if row.sentence_index is None or row.trigger_start is None:
        return None
    return row.doc_id, row.sentence_index, row.trigger_start, row.event_type, "negation" in (row.aux_modes or "")


def _merge_reports(clusters: list[Cluster]) -> list[Cluster]:
    """Join the clusters that hold mentions of one report, or a mention and the one it names again.

    A sentence whose trigger has several actors is coded once per pair of them ("Russia and Ukraine
    exchanged prisoners", "the government and the ELN agreed", "sanctions on Iranian officials and
    companies"): the mentions may contradict each other's actors, but they report one event. So do a
    mention and its antecedent in the same article (``same_as``: "Petro hailed an agreement with the ELN",
    a person, and "negotiators for the government and the ELN agreed", a group). Not when the coder placed
    them far apart ("arrests in Nairobi and Mombasa"): one cluster per place, as elsewhere.
    """
    parent = list(range(len(clusters)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, m: MentionRow, j: int, other: MentionRow) -> None:
        if m.lat is None or other.lat is None or _km(m.lat, m.lon, other.lat, other.lon) <= MAX_KM:
            a, b = root(i), root(j)
            parent[max(a, b)] = min(a, b)

    seen: dict[tuple, list[tuple[int, MentionRow]]] = {}
    home = {m.event_id: (i, m) for i, cluster in enumerate(clusters) for m in cluster.members}
    for i, cluster in enumerate(clusters):
        for m in cluster.members:
            if m.same_as in home:
                join(i, m, *home[m.same_as])
            key = _report(m)
            if key is None:
                continue
            for j, other in seen.setdefault(key, []):
                join(i, m, j, other)
            seen[key].append((i, m))
    merged: dict[int, Cluster] = {}
    for i, cluster in enumerate(clusters):
        # a root comes before the clusters joined to it, so the order of creation is kept
        merged.setdefault(root(i), Cluster()).members.extend(cluster.members)
    return list(merged.values())


_COMPARED = 5  # a newcomer is compared with a cluster's first few mentions (its earliest dates)
_MAX_SLACK = dt.timedelta(days=3)


def cluster_rows(rows: list[MentionRow]) -> list[Cluster]:
    """Greedy, deterministic clustering of mentions sorted by date.

    A mention joins the first cluster (in creation order) of its event type whose first mentions it is
    compatible with and with at least one of which it has something in common; otherwise it starts a
    cluster. Clusters whose dates lie more than the largest slack before the current mention are set
    aside (no later mention can join them), which keeps a large store's clustering near-linear. Last, the
    clusters that hold mentions of one report are joined (``_merge_reports``).
    """
    rows = sorted(rows, key=lambda r: ((r.period or (dt.date.max, dt.date.max))[0], r.event_id))
    clusters: list[Cluster] = []
    every_by_type: dict[str, list[Cluster]] = {}
    open_by_type: dict[str, list[tuple[Cluster, dt.date | None]]] = {}
    for row in rows:
        period = row.period
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
                    ends = [m.period[1] for m in c.members[:_COMPARED] if m.period]
                    entries[i] = (c, min(ends) + _MAX_SLACK if ends else None)
                    break
    return _merge_reports(clusters)


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
    # one scan: the fields of a MentionRow, then what a cluster's record shows of its events
    cols, rows = store.query(
        "SELECT event_id, doc_id, event_type, source_id, json_extract_string(source_json, '$[0].kind'), "
        "source_country, source_sector, target_id, json_extract_string(target_json, '$[0].kind'), target_country, "
        "target_sector, lat, lon, date, date_source, coalesce(outlet, doc_id), published, aux_modes, "
        "location_country, mode, sentence_index, trigger_start, same_as, "
        "source_name, target_name, location_name, goldstein, quad_class, date_precision FROM events")
    width = len(fields(MentionRow))
    clusters = cluster_rows([MentionRow(*r[:width]) for r in rows])
    details = {r[0]: dict(zip(("event_id", *cols[width:]), (r[0], *r[width:]))) for r in rows}
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
