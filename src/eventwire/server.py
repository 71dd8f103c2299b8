"""The HTTP API and the dashboard of ``eventwire serve``: one FastAPI app over a store, read-only.

``/v1/...`` is a JSON API described by the OpenAPI spec at ``/openapi.json``; ``/`` is the dashboard, a
single-page app in plain HTML/CSS/JS served from ``eventwire/static/``. Everything the browser loads
comes from this app, so the dashboard works with the network off. The world outlines of the map come
from the ``countryinfo`` package (a dependency of the ``serve`` extra) and are served at
``/v1/geo/countries``; without it the map shows the events on a graticule only.

Reliability:

* The store is opened read-only. Requests in flight share one DuckDB connection and each gets its own
  cursor (DuckDB connections are not thread-safe; cursors used by one thread are). The connection is
  closed a second after the last request in flight is done, so ``eventwire code --db STORE`` can write
  while the dashboard is idle and the next request sees what it wrote; a request that meets a writer
  gets 503 with Retry-After.
* Request bodies larger than :data:`MAX_BODY_BYTES` get 413 before they are read; invalid input gets
  422 with a ``message`` naming each bad field.
* ``POST /v1/code`` shares one :class:`~eventwire.pipeline.Pipeline`, loaded on first use and run by
  one request at a time (spaCy pipelines are not safe to share between threads).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Path as PathParam, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from . import query
from .errors import EventwireError, StoreError, StoreLockedError
from .schema import EVENT_TYPES, SCHEMA_VERSION, Actor, Article, Event, EventType, Quote, Skipped
from .store import Store

__all__ = ["create_app", "serve", "MAX_BODY_BYTES"]

#: Request bodies larger than this get 413 (the text of one article is far smaller).
MAX_BODY_BYTES = 1_000_000
QUAD_CLASSES = {1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict"}
STATIC_DIR = Path(str(resources.files("eventwire") / "static"))
# Everything the dashboard loads comes from this app: the browser refuses anything else.
CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                           "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
_TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"  # no control characters in query strings
_CODE3 = r"^[A-Za-z]{3}$"
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


# ----- the store, shared read-only --------------------------------------------------------------------
class _CursorStore(Store):
    """A :class:`Store` reading through one cursor of the shared connection (one per request)."""

    def __init__(self, cursor, path: str) -> None:  # noqa: D107 - Store.__init__ would open a second connection
        self.path = path
        self.read_only = True
        self.con = cursor


class _SharedStore:
    """One read-only connection shared by the requests in flight; closed ``linger`` seconds after the last.

    Closing it lets another process write to the store while the dashboard is idle (DuckDB lets a writer
    in only when no reader has the file open); lingering a moment saves reopening it (~40 ms) for every
    request of a page or a burst.
    """

    def __init__(self, path: str, *, linger: float = 1.0) -> None:
        self.path = path
        self.linger = linger
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._users = 0
        self._timer: threading.Timer | None = None

    @contextmanager
    def cursor(self) -> Iterator[Store]:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._store is None:
                self._store = Store(self.path, read_only=True)
            self._users += 1
            cursor = self._store.con.cursor()
        try:
            yield _CursorStore(cursor, self.path)
        finally:
            try:
                cursor.close()
            finally:
                with self._lock:
                    self._users -= 1
                    if self._users == 0:
                        if self.linger > 0:
                            self._timer = threading.Timer(self.linger, self._close_if_idle)
                            self._timer.daemon = True
                            self._timer.start()
                        else:
                            self._close()

    def _close_if_idle(self) -> None:
        with self._lock:
            if self._users == 0:
                self._close()

    def _close(self) -> None:  # with the lock held
        if self._store is not None:
            self._store.close()
            self._store = None


# ----- response models --------------------------------------------------------------------------------
class _Model(BaseModel):
    # Rows come from the store: columns added later are ignored rather than breaking the API.
    model_config = ConfigDict(extra="ignore")


class Meta(_Model):
    """What the server serves and the vocabulary of the API."""

    status: Literal["ok"] = "ok"
    version: str
    schema_version: str
    store: str | None
    event_types: dict[str, dict[str, Any]]
    quad_classes: dict[str, str]
    world_outlines: bool


class EventRow(_Model):
    """One event mention as listed: who did what to whom, when and where, with its sentence."""

    event_id: str
    doc_id: str
    event_type: str
    mode: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    source_id: str | None = None
    source_name: str | None = None
    source_country: str | None = None
    source_sector: str | None = None
    target_id: str | None = None
    target_name: str | None = None
    target_country: str | None = None
    target_sector: str | None = None
    location_name: str | None = None
    location_country: str | None = None
    lat: float | None = None
    lon: float | None = None
    date: str | None = None
    date_precision: str | None = None
    aux_modes: list[str] = Field(default_factory=list)
    reported_by_name: str | None = None
    trigger_text: str | None = None
    sentence: str | None = None
    confidence: float | None = None
    rule: str | None = None
    cluster_id: str | None = None
    num_articles: int | None = None
    num_sources: int | None = None

    @field_validator("aux_modes", mode="before")
    @classmethod
    def _split_modes(cls, value):
        if value is None:
            return []
        if isinstance(value, str):
            return [m for m in value.split(",") if m]
        return value


class EventPage(_Model):
    """A page of events and how many match in all."""

    total: int
    limit: int
    offset: int
    events: list[EventRow]


class Evidence(_Model):
    """Another report of the same real-world event."""

    event_id: str
    doc_id: str
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    sentence: str | None = None


class EventDetail(EventRow):
    """One event with all it was coded with and the evidence: every report of the same event."""

    source_code: str | None = None
    target_code: str | None = None
    source: list[Actor] = Field(default_factory=list)
    target: list[Actor] = Field(default_factory=list)
    admin1: str | None = None
    geonameid: int | None = None
    location_precision: str | None = None
    event_day: dt.date | None = None
    date_source: str | None = None
    reported_by_id: str | None = None
    quote_id: str | None = None
    sentence_index: int | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None
    published: dt.date | None = None
    outlet: str | None = None
    title: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class ActorRow(_Model):
    """An actor of the store and how many events it is in."""

    actor_id: str
    name: str | None = None
    kind: str | None = None
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    events: int = 0


class ActorPage(_Model):
    total: int
    limit: int
    offset: int
    actors: list[ActorRow]


class Role(_Model):
    """An actor's role as one article gave it (the actor timeline)."""

    day: dt.date | None = None
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    role_end: dt.date | None = None
    doc_id: str | None = None
    evidence: str | None = None


class ActorDetail(_Model):
    actor: ActorRow
    timeline: list[Role]
    events: EventPage


class Ranked(_Model):
    name: str | None = None
    code: str | None = None
    country: str | None = None
    mentions: int


class Stats(_Model):
    """Corpus-level counts (see :func:`eventwire.query.stats`)."""

    documents: dict[str, int]
    skipped_by_reason: dict[str, int]
    event_mentions: int
    events: int
    quotes: int
    by_type: dict[str, int]
    by_quad_class: dict[str, int]
    top_actors: list[Ranked]
    top_places: list[Ranked]
    date_range: list[str | None]


class DocumentRow(_Model):
    doc_id: str
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    status: str | None = None
    reason: str | None = None
    n_events: int | None = None
    n_quotes: int | None = None


class DocumentPage(_Model):
    total: int
    limit: int
    offset: int
    documents: list[DocumentRow]


class TextSpan(_Model):
    """A piece of the document text to highlight: ``text == document.text[start:end]``."""

    kind: Literal["actor", "trigger", "place", "quote"]
    start: int
    end: int
    text: str
    label: str
    actor_id: str | None = None
    event_id: str | None = None
    quote_id: str | None = None


class QuoteRow(_Model):
    quote_id: str
    speaker_id: str | None = None
    speaker_name: str | None = None
    text: str
    kind: str | None = None
    start: int
    end: int
    cue: str | None = None
    attribution: str | None = None


class DocumentEvent(EventRow):
    trigger_start: int | None = None
    trigger_end: int | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None


class DocumentDetail(DocumentRow):
    """A document's text with its events, quotes and the spans to highlight."""

    text: str = ""
    detail: str | None = None
    events: list[DocumentEvent]
    quotes: list[QuoteRow]
    spans: list[TextSpan]


class DayCount(_Model):
    day: dt.date
    key: str
    events: int


class Counts(_Model):
    """Distinct events per period, by event type or quad class."""

    by: Literal["event_type", "quad_class"]
    interval: Literal["day", "week", "month", "year"]
    counts: list[DayCount]


class Dyad(_Model):
    source: str
    target: str
    source_label: str
    target_label: str
    source_id: str | None = None
    target_id: str | None = None
    source_code: str | None = None
    target_code: str | None = None
    events: int
    mean_goldstein: float | None = None


class Dyads(_Model):
    level: Literal["code", "actor"]
    dyads: list[Dyad]


class Place(_Model):
    """Where events happened, with how many and of which kind."""

    name: str
    country: str | None = None
    lat: float
    lon: float
    events: int
    by_quad_class: dict[str, int]
    by_type: dict[str, int]


class Places(_Model):
    places: list[Place]


class CodeRequest(BaseModel):
    """One article to code: ``text`` (or ``body``), and optionally ``title``, ``published``, ``doc_id``.

    An article record as eventwire reads it from JSON Lines (``id``, ``text``/``body``, ``title``,
    ``published``, ``url``) is accepted as it is; other fields are ignored.
    """

    model_config = ConfigDict(extra="ignore", json_schema_extra={
        "examples": [{"text": "Rebels attacked an army base near Aleppo on Monday.", "title": "",
                      "published": "2020-03-04", "doc_id": "example-1"}],
        # the text is required, under either name
        "anyOf": [{"required": ["text"], "properties": {"text": {"type": "string"}}},
                  {"required": ["body"], "properties": {"body": {"type": "string"}}}]})

    text: str | None = Field(None, description="The article body (give the title separately).")
    body: str | None = Field(None, description="Another name for text, as in article JSON.")
    title: str | None = ""
    published: dt.date | None = Field(None, description="Publication date, YYYY-MM-DD; relative dates "
                                                       "in the text are resolved against it.")
    doc_id: str | None = Field(None, max_length=200)
    id: str | None = Field(None, max_length=200, description="Another name for doc_id, as in article JSON.")
    url: str | None = Field(None, max_length=2000)

    @field_validator("published", mode="before")
    @classmethod
    def _date(cls, value):
        # "2012-07-12T08:00:00Z" is a date too (article JSON often carries timestamps)
        if isinstance(value, str) and len(value) > 10 and value[10] in "T ":
            value = value[:10]
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"published must be a date YYYY-MM-DD, got {value[:40]!r}") from None
        if value is not None and not isinstance(value, dt.date):  # no numbers taken for days since 1970
            raise ValueError("published must be a date string YYYY-MM-DD")
        return value

    @model_validator(mode="after")
    def _needs_text(self):
        if self.text is None and self.body is None:  # (the spec says so with anyOf)
            raise ValueError("give the article text in 'text' (or 'body')")
        return self


class CodeResult(_Model):
    """What eventwire found in the text, or why it was skipped (a skipped text is not an error)."""

    status: Literal["coded", "skipped"]
    doc_id: str
    skipped: Skipped | None = None
    article: Article | None = None
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)


class ErrorMessage(_Model):
    detail: Any = None
    message: str


_ERRORS = {
    404: {"model": ErrorMessage, "description": "Not found"},
    413: {"model": ErrorMessage, "description": "Request body larger than 1 MB"},
    422: {"model": ErrorMessage, "description": "Invalid input; `message` names each bad field"},
    503: {"model": ErrorMessage, "description": "The store is missing, not configured or being written"},
}


def _responses(*codes: int) -> dict:
    return {code: _ERRORS[code] for code in codes}


# ----- queries the query module does not have (yet) ----------------------------------------------------
def _rows(store: Store, sql: str, params: list | None = None) -> list[dict]:
    cols, rows = store.query(sql, params or [])
    return [dict(zip(cols, r)) for r in rows]


def _event_page(store: Store, flt: query.EventFilter, limit: int, offset: int) -> EventPage:
    cols, rows = query.query_events(store, flt, limit=limit, offset=offset, ids=True)
    events = [dict(zip(cols, r)) for r in rows]
    return EventPage(total=query.count_events(store, flt), limit=limit, offset=offset,
                     events=[EventRow.model_validate(e) for e in events])


def _actor_label(name: str | None, code: str | None) -> str:
    return name or code or "?"


def _document(store: Store, doc_id: str) -> DocumentDetail | None:
    docs = _rows(store, "SELECT doc_id, title, text, url, published, outlet, status, reason, detail, n_events, "
                        "n_quotes FROM documents WHERE doc_id = ?", [doc_id])
    if not docs:
        return None
    doc = docs[0]
    text = doc.pop("text") or ""
    events = _rows(store, "SELECT * FROM events WHERE doc_id = ? ORDER BY trigger_start, event_id", [doc_id])
    quotes = _rows(store, "SELECT quote_id, speaker_id, speaker_name, text, kind, start_char AS start, "
                          "end_char AS \"end\", cue, attribution FROM quotes WHERE doc_id = ? ORDER BY start_char",
                   [doc_id])
    spans: list[TextSpan] = []
    seen: set[tuple] = set()

    def add(kind: str, start: int | None, end: int | None, label: str, **refs) -> None:
        if start is None or end is None or not (0 <= start < end <= len(text)):
            return
        key = (kind, start, end)
        if key in seen:
            return
        seen.add(key)
        spans.append(TextSpan(kind=kind, start=start, end=end, text=text[start:end], label=label, **refs))

    places: dict[str, str] = {}
    names: dict[str, tuple[str, str]] = {}  # canonical name -> (label, actor_id)
    for e in events:
        add("trigger", e["trigger_start"], e["trigger_end"], e["event_type"], event_id=e["event_id"])
        for role in ("source", "target"):
            for a in json.loads(e.get(f"{role}_json") or "[]"):
                label = a.get("code") or a.get("country") or (a.get("kind") or "actor").upper()
                add("actor", a.get("start"), a.get("end"), label, actor_id=a.get("actor_id"))
                if a.get("name") and a.get("kind") == "person":
                    names.setdefault(a["name"], (label, a.get("actor_id")))
        if e.get("location_name"):
            places[e["location_name"]] = e.get("location_country") or ""
    for q in quotes:
        if q["speaker_name"] and q["speaker_id"]:
            names.setdefault(q["speaker_name"], ("PERSON", q["speaker_id"]))
    # The store keeps the offsets of the event's actor mentions only, and none of places: mark where the
    # names of the document's people and places occur in the text as well.
    lowered = text.lower()

    def occurrences(name: str) -> Iterator[tuple[int, int]]:
        needle, start = name.lower(), 0
        while len(needle) >= 3 and (start := lowered.find(needle, start)) >= 0:
            end = start + len(needle)
            if (start == 0 or not lowered[start - 1].isalnum()) and (end == len(text) or not lowered[end].isalnum()):
                yield start, end
            start = end

    for name, country in places.items():
        for start, end in occurrences(name):
            add("place", start, end, country or "PLACE")
    taken = [(sp.start, sp.end) for sp in spans if sp.kind == "actor"]
    for name, (label, actor_id) in names.items():
        for start, end in occurrences(name):
            if not any(a < end and start < b for a, b in taken):
                add("actor", start, end, label, actor_id=actor_id)
    for q in quotes:
        add("quote", q["start"], q["end"], q["kind"] or "quote", quote_id=q["quote_id"])
    spans.sort(key=lambda s: (s.start, -s.end))
    return DocumentDetail(**doc, text=text, events=[DocumentEvent.model_validate(e) for e in events],
                          quotes=[QuoteRow.model_validate(q) for q in quotes], spans=spans)


def _places(store: Store, flt: query.EventFilter, limit: int) -> list[Place]:
    where, params = flt.where()
    rows = _rows(store, f"SELECT e.location_name AS name, e.location_country AS country, e.lat, e.lon, "
                        f"e.event_type, e.quad_class, count(*) AS n FROM events e LEFT JOIN clusters c "
                        f"ON c.cluster_id = e.cluster_id WHERE {where} AND e.lat IS NOT NULL AND e.lon IS NOT NULL "
                        f"GROUP BY ALL", params)
    places: dict[tuple, dict] = {}
    for r in rows:
        key = (r["name"], r["country"], round(r["lat"], 4), round(r["lon"], 4))
        p = places.setdefault(key, {"name": r["name"] or "?", "country": r["country"], "lat": r["lat"],
                                    "lon": r["lon"], "events": 0, "by_quad_class": Counter(), "by_type": Counter()})
        p["events"] += r["n"]
        p["by_quad_class"][str(r["quad_class"])] += r["n"]
        p["by_type"][r["event_type"]] += r["n"]
    ranked = sorted(places.values(), key=lambda p: (-p["events"], p["name"]))[:limit]
    return [Place(**{**p, "by_quad_class": dict(p["by_quad_class"]), "by_type": dict(p["by_type"])}) for p in ranked]


def _actor_dyads(store: Store, flt: query.EventFilter, limit: int) -> list[Dyad]:
    where, params = flt.where()
    rows = _rows(store, f"SELECT e.source_id, any_value(e.source_name) AS source_name, "
                        f"any_value(e.source_code) AS source_code, e.target_id, any_value(e.target_name) AS target_name, "
                        f"any_value(e.target_code) AS target_code, count(*) AS events, "
                        f"round(avg(e.goldstein), 2) AS mean_goldstein FROM events e LEFT JOIN clusters c "
                        f"ON c.cluster_id = e.cluster_id WHERE {where} AND e.source_id IS NOT NULL "
                        f"AND e.target_id IS NOT NULL GROUP BY e.source_id, e.target_id "
                        f"ORDER BY events DESC, e.source_id, e.target_id LIMIT ?", params + [limit])
    return [Dyad(source=r["source_id"], target=r["target_id"], source_id=r["source_id"], target_id=r["target_id"],
                 source_label=_actor_label(r["source_name"], r["source_code"]),
                 target_label=_actor_label(r["target_name"], r["target_code"]), source_code=r["source_code"],
                 target_code=r["target_code"], events=r["events"],
                 mean_goldstein=r["mean_goldstein"]) for r in rows]


def _bucket(day: dt.date, interval: str) -> dt.date:
    if interval == "week":
        return day - dt.timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    if interval == "year":
        return day.replace(month=1, day=1)
    return day


@lru_cache(maxsize=1)
def _world_outlines() -> bytes | None:
    """Country outlines as GeoJSON (ids are ISO 3166 alpha-3) from the ``countryinfo`` package, if installed."""
    try:
        from countryinfo import all_countries
    except ImportError:
        return None
    features = []
    for country in all_countries():
        try:
            geo = country.geo_json()
        except Exception:  # a country without outline data
            continue
        for feature in (geo or {}).get("features") or []:
            if feature.get("geometry"):
                features.append({"type": "Feature", "id": feature.get("id"),
                                 "properties": {"name": (feature.get("properties") or {}).get("name")},
                                 "geometry": feature["geometry"]})
    if not features:
        return None
    features.sort(key=lambda f: str(f["id"]))
    return json.dumps({"type": "FeatureCollection", "source": "countryinfo (Natural Earth outlines)",
                       "features": features}, separators=(",", ":")).encode("utf-8")


# ----- middleware ---------------------------------------------------------------------------------------
class _BodyLimit:
    """Answer 413 to request bodies over ``limit`` bytes, by Content-Length or as the body streams in."""

    def __init__(self, app, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await self._too_large(send)
            return
        received = 0

        async def limited():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    # FastAPI lets an HTTPException raised while reading the body through unchanged
                    raise HTTPException(413, _too_large_message(self.limit))
            return message

        await self.app(scope, limited, send)

    async def _too_large(self, send) -> None:
        body = json.dumps({"detail": _too_large_message(self.limit),
                           "message": _too_large_message(self.limit)}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


class _SecurityHeaders:
    """Add the Content-Security-Policy (only this server's assets) and nosniff to every response."""

    HEADERS = [(b"content-security-policy", CONTENT_SECURITY_POLICY.encode()), (b"x-content-type-options", b"nosniff")]

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message = {**message, "headers": list(message.get("headers", []))
                           + [(k, v) for k, v in self.HEADERS if k not in names]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _too_large_message(limit: int) -> str:
    return f"request body larger than {limit // 1_000_000} MB; send one article at a time"


def _validation_message(errors: list[dict]) -> str:
    parts = []
    for err in errors:
        loc = [str(x) for x in err.get("loc", ()) if x != "body" or len(err.get("loc", ())) == 1]
        where = ".".join(loc) if loc else "request"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "invalid request: " + "; ".join(parts)


# ----- request parameters shared by the endpoints --------------------------------------------------------
def _iso_date(value: str | None) -> str | None:
    # Strictly a calendar day: lax parsing would take "0" for 1970-01-01.
    if value is not None:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"not a calendar date: {value!r} (use YYYY-MM-DD)") from None
    return value


def _store(request: Request) -> Iterator[Store]:
    """The store, read through a cursor of the shared read-only connection for this request."""
    shared: _SharedStore | None = request.app.state.store
    if shared is None:
        raise HTTPException(503, "no store is configured: start the server with --db STORE")
    if not Path(shared.path).exists():
        raise HTTPException(503, f"{shared.path}: no such store (create it with: eventwire demo --db {shared.path})")
    try:
        with shared.cursor() as store:
            yield store
    except StoreLockedError as exc:
        raise HTTPException(503, f"{exc}; try again in a moment", headers={"Retry-After": "2"}) from exc


def _event_filter(
    actor: Annotated[str | None, Query(max_length=200, pattern=_TEXT,
                                       description="Actor name (substring, any role) or actor_id")] = None,
    country: Annotated[str | None, Query(pattern=_CODE3, description="Source or target country (ISO alpha-3)")] = None,
    source_country: Annotated[str | None, Query(pattern=_CODE3)] = None,
    target_country: Annotated[str | None, Query(pattern=_CODE3)] = None,
    sector: Annotated[str | None, Query(pattern=_CODE3, description="Source or target sector (GOV, MIL, REB...)")] = None,
    event_type: Annotated[EventType | None, Query(description="PLOVER event type")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
    place: Annotated[str | None, Query(max_length=200, pattern=_TEXT,
                                       description="Place name (substring) or country code")] = None,
    date_from: Annotated[str | None, Query(pattern=_DATE, json_schema_extra={"format": "date"},
                                           description="Events on or after this day (YYYY-MM-DD)"),
                         AfterValidator(_iso_date)] = None,
    date_to: Annotated[str | None, Query(pattern=_DATE, json_schema_extra={"format": "date"},
                                         description="Events on or before this day (YYYY-MM-DD)"),
                       AfterValidator(_iso_date)] = None,
    min_sources: Annotated[int | None, Query(ge=1, le=1_000_000)] = None,
    doc_id: Annotated[str | None, Query(max_length=200, pattern=_TEXT)] = None,
) -> query.EventFilter:
    """The filters of :class:`eventwire.query.EventFilter` as query parameters."""
    return query.EventFilter(actor=actor, country=country, source_country=source_country,
                             target_country=target_country, sector=sector, event_type=event_type,
                             quad_class=quad_class, place=place,
                             date_from=date_from, date_to=date_to, min_sources=min_sources,
                             doc_id=doc_id)


StoreDep = Annotated[Store, Depends(_store)]
FilterDep = Annotated[query.EventFilter, Depends(_event_filter)]
Limit = Annotated[int, Query(ge=1, le=1000, description="Page size")]
Offset = Annotated[int, Query(ge=0, le=100_000_000, description="Rows to skip")]
Id = Annotated[str, PathParam(max_length=300)]
Words = Annotated[str | None, Query(max_length=200, pattern=_TEXT)]
Code3 = Annotated[str | None, Query(pattern=_CODE3)]


# ----- the app ------------------------------------------------------------------------------------------
def create_app(db: str | None, *, pipeline=None) -> FastAPI:
    """The API and dashboard over the store at ``db`` (``None``: no store; only coding and the dashboard).

    ``pipeline`` is the :class:`~eventwire.pipeline.Pipeline` that ``POST /v1/code`` uses; by default one is
    loaded on first use.
    """
    from . import __version__

    app = FastAPI(
        title="eventwire",
        version=__version__,
        summary="Political events (PLOVER/CAMEO) coded from news: who did what to whom, when and where.",
        description="Read-only access to an eventwire store, and coding of single articles. "
                    "The dashboard is at `/`.",
        docs_url=None,  # the Swagger/ReDoc pages load their assets from a CDN; the dashboard has an API page
        redoc_url=None,
    )
    app.state.store = _SharedStore(str(db)) if db is not None else None
    state: dict[str, Any] = {"pipeline": pipeline}
    code_lock = threading.Lock()

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        errors = jsonable_encoder(exc.errors(), custom_encoder={Exception: str, ValueError: str})
        return JSONResponse(status_code=422, content={"detail": errors, "message": _validation_message(errors)})

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        status = exc.status_code
        if status == 400:  # the framework could not read the body (not UTF-8, say): invalid input
            status, message = 422, f"invalid request: {message.lower()} (send UTF-8 JSON)"
        return JSONResponse(status_code=status, content={"detail": exc.detail, "message": message},
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(EventwireError)
    async def _eventwire_error(request: Request, exc: EventwireError):
        status = 503 if isinstance(exc, (StoreLockedError,)) or "no such store" in str(exc) else 500
        return JSONResponse(status_code=status, content={"detail": str(exc), "message": str(exc)})

    app.add_middleware(_SecurityHeaders)
    app.add_middleware(_BodyLimit, limit=MAX_BODY_BYTES)

    # ----- API ------------------------------------------------------------------------------------------
    @app.get("/v1/meta", response_model=Meta, tags=["meta"])
    def meta() -> Meta:
        """The server's version, its store, and the vocabulary: event types and quad classes."""
        if "meta" not in state:
            from .ontology import load_ontology

            onto = load_ontology()
            types = {name: {"quad_class": onto.event_types[name].quad_class,
                            "description": onto.event_types[name].description} for name in EVENT_TYPES}
            state["meta"] = Meta(version=__version__, schema_version=SCHEMA_VERSION,
                                 store=str(db) if db is not None else None, event_types=types,
                                 quad_classes={str(k): v for k, v in QUAD_CLASSES.items()},
                                 world_outlines=_world_outlines() is not None)
        return state["meta"]

    @app.post("/v1/code", response_model=CodeResult, tags=["coding"], responses=_responses(413, 422, 503))
    def code(article: CodeRequest) -> CodeResult:
        """Code one article: its events, quotes and actors. A text that is skipped (empty, not English)
        is answered with 200 and the reason, since skipping is a result, not an error."""
        from .pipeline import Pipeline

        text = article.text if article.text is not None else article.body or ""
        with code_lock:
            try:
                if state["pipeline"] is None:
                    state["pipeline"] = Pipeline()
                result = state["pipeline"].code_text(text, title=article.title or "", published=article.published,
                                                     doc_id=article.doc_id or article.id, url=article.url)
            except EventwireError as exc:
                raise HTTPException(503, f"the coding pipeline cannot run: {exc}") from exc
        if isinstance(result, Skipped):
            return CodeResult(status="skipped", doc_id=result.doc_id, skipped=result)
        return CodeResult(status="coded", doc_id=result.article.doc_id, article=result.article,
                          events=result.events, quotes=result.quotes, actors=result.actors)

    @app.get("/v1/events", response_model=EventPage, tags=["events"], responses=_responses(422, 503))
    def events(s: StoreDep, flt: FilterDep, limit: Limit = 50, offset: Offset = 0) -> EventPage:
        """Event mentions matching the filters (all combined with AND), by date, a page at a time."""
        return _event_page(s, flt, limit, offset)

    @app.get("/v1/events/{event_id}", response_model=EventDetail, tags=["events"],
             responses=_responses(404, 422, 503))
    def event(s: StoreDep, event_id: Id) -> EventDetail:
        """One event mention with what it was coded with, and every report of the same event."""
        found = query.event_detail(s, event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r} in the store")
        docs = _rows(s, "SELECT title FROM documents WHERE doc_id = ?", [found["doc_id"]])
        found["title"] = docs[0]["title"] if docs else None
        return EventDetail.model_validate(found)

    @app.get("/v1/actors", response_model=ActorPage, tags=["actors"], responses=_responses(422, 503))
    def actors(s: StoreDep, limit: Limit = 50, offset: Offset = 0, name: Words = None, country: Code3 = None,
               sector: Code3 = None) -> ActorPage:
        """Actors, most active first."""
        cols, rows = query.query_actors(s, name=name, country=country, sector=sector, limit=limit, offset=offset)
        return ActorPage(total=query.count_actors(s, name=name, country=country, sector=sector), limit=limit,
                         offset=offset, actors=[ActorRow.model_validate(dict(zip(cols, r))) for r in rows])

    @app.get("/v1/actors/{actor_id}", response_model=ActorDetail, tags=["actors"],
             responses=_responses(404, 422, 503))
    def actor(s: StoreDep, actor_id: Id, limit: Limit = 100, offset: Offset = 0) -> ActorDetail:
        """An actor, its roles over time (country, sector, title, with evidence) and its events."""
        rows = _rows(s, "SELECT a.*, (SELECT count(*) FROM events e WHERE e.source_id = a.actor_id OR "
                        "e.target_id = a.actor_id) AS events FROM actors a WHERE a.actor_id = ?", [actor_id])
        if not rows:
            raise HTTPException(404, f"no actor {actor_id!r} in the store")
        cols, timeline = query.actor_timeline(s, actor_id)
        flt = query.EventFilter(actor=actor_id)
        page = _event_page(s, flt, limit, offset)
        return ActorDetail(actor=ActorRow.model_validate(rows[0]),
                           timeline=[Role.model_validate(dict(zip(cols, r))) for r in timeline], events=page)

    @app.get("/v1/stats", response_model=Stats, tags=["corpus"], responses=_responses(503))
    def stats(s: StoreDep) -> Stats:
        """Corpus-level counts: documents by status, events by type and quad class, top actors and places."""
        found = query.stats(s)
        found["documents"] = {str(k): v for k, v in found["documents"].items()}
        found["skipped_by_reason"] = {str(k): v for k, v in found["skipped_by_reason"].items()}
        found["top_actors"] = [{"name": n, "code": c, "mentions": m} for n, c, m in found["top_actors"]]
        found["top_places"] = [{"name": n, "country": c, "mentions": m} for n, c, m in found["top_places"]]
        return Stats.model_validate(found)

    @app.get("/v1/documents", response_model=DocumentPage, tags=["documents"], responses=_responses(422, 503))
    def documents(s: StoreDep, limit: Limit = 50, offset: Offset = 0, q: Words = None) -> DocumentPage:
        """The documents of the store, newest first, with their status and counts."""
        where, params = "1=1", []
        if q:
            where, params = "(lower(title) LIKE ? OR lower(doc_id) LIKE ?)", [f"%{q.lower()}%"] * 2
        total = _rows(s, f"SELECT count(*) AS n FROM documents WHERE {where}", params)[0]["n"]
        rows = _rows(s, f"SELECT doc_id, title, published, outlet, url, status, reason, n_events, n_quotes "
                        f"FROM documents WHERE {where} ORDER BY published DESC NULLS LAST, doc_id LIMIT ? OFFSET ?",
                     params + [limit, offset])
        return DocumentPage(total=total, limit=limit, offset=offset,
                            documents=[DocumentRow.model_validate(r) for r in rows])

    @app.get("/v1/documents/{doc_id}", response_model=DocumentDetail, tags=["documents"],
             responses=_responses(404, 422, 503))
    def document(s: StoreDep, doc_id: Id) -> DocumentDetail:
        """A document's text with its events and quotes, and the spans to highlight in it (actors,
        triggers, places, quotes; offsets index `text`)."""
        found = _document(s, doc_id)
        if found is None:
            raise HTTPException(404, f"no document {doc_id!r} in the store")
        return found

    @app.get("/v1/counts", response_model=Counts, tags=["events"], responses=_responses(422, 503))
    def counts(s: StoreDep, flt: FilterDep,
               by: Annotated[Literal["event_type", "quad_class"], Query()] = "event_type",
               interval: Annotated[Literal["day", "week", "month", "year"], Query()] = "day") -> Counts:
        """Distinct real-world events per day (or week, month, year) by event type or quad class."""
        _, rows = query.daily_counts(s, flt, by=by)
        totals: dict[tuple, int] = defaultdict(int)
        for day, key, n in rows:
            totals[(_bucket(day, interval), str(key))] += n
        return Counts(by=by, interval=interval,
                      counts=[DayCount(day=d, key=k, events=n) for (d, k), n in sorted(totals.items())])

    @app.get("/v1/dyads", response_model=Dyads, tags=["events"], responses=_responses(422, 503))
    def dyads(s: StoreDep, flt: FilterDep,
              level: Annotated[Literal["code", "actor"], Query(description="Pairs of actor codes "
                                                                          "(country+sector) or of actors")] = "code",
              limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> Dyads:
        """Who acts on whom: source-target pairs with their number of events and mean Goldstein score."""
        if level == "actor":
            return Dyads(level=level, dyads=_actor_dyads(s, flt, limit))
        cols, rows = query.query_dyads(s, flt, limit=limit)
        out = []
        for r in rows:
            d = dict(zip(cols, r))
            source, target = d["source"] or "?", d["target"] or "?"
            out.append(Dyad(source=source, target=target, source_label=source, target_label=target,
                            source_code=d["source"] or None, target_code=d["target"] or None, events=d["events"],
                            mean_goldstein=d["mean_goldstein"]))
        return Dyads(level=level, dyads=out)

    @app.get("/v1/places", response_model=Places, tags=["events"], responses=_responses(422, 503))
    def places(s: StoreDep, flt: FilterDep, limit: Annotated[int, Query(ge=1, le=10_000)] = 2000) -> Places:
        """Where the events happened (places resolved against the gazetteer), for the map."""
        return Places(places=_places(s, flt, limit))

    @app.get("/v1/geo/countries", tags=["meta"], responses={
        200: {"content": {"application/geo+json": {}}, "description": "GeoJSON FeatureCollection"},
        404: _ERRORS[404]})
    def countries() -> Response:
        """World outlines (GeoJSON, ids ISO 3166 alpha-3) for the dashboard's map, from the installed
        `countryinfo` package (the `serve` extra)."""
        data = _world_outlines()
        if data is None:
            raise HTTPException(404, "no world outlines: install the serve extra (pip install 'eventwire[serve]')")
        return Response(data, media_type="application/geo+json", headers={"Cache-Control": "public, max-age=86400"})

    # ----- the dashboard -------------------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(STATIC_DIR / "favicon.svg", media_type="image/svg+xml")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def serve(*, db: str | None, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the API and the dashboard for the store at ``db`` until interrupted."""
    import uvicorn

    if db is not None:
        if not Path(db).exists():
            raise StoreError(f"{db}: no such store (create one with: eventwire demo --db {db}, "
                             f"or eventwire code FILES --db {db})")
        Store(db, read_only=True).close()  # fails now, with a clear message, if it is not a store
    uvicorn.run(create_app(db), host=host, port=port, log_level="info", timeout_graceful_shutdown=5)
