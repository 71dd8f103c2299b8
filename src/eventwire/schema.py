"""The typed records that travel between eventwire's stages and out of its front ends.

Everything the pipeline produces is one of these models: the Python API returns them, the CLI writes
them as JSON Lines, the HTTP API serves them and the DuckDB store's tables are derived from them. The
field names follow PLOVER/CAMEO where one exists (``event_type``, ``mode``, ``quad_class``,
``goldstein``, ``source``, ``target``, ``sector``).

Character offsets (``start``, ``end``) always index :attr:`Article.text`, the cleaned body, so that
``article.text[start:end] == span.text`` holds for every span eventwire reports.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "SCHEMA_VERSION",
    "EVENT_TYPES",
    "AUX_MODES",
    "Article",
    "Span",
    "Actor",
    "Location",
    "Event",
    "Quote",
    "Skipped",
    "CodedDocument",
    "RunSummary",
]

SCHEMA_VERSION = "1.1"

EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "SANCTION", "THREATEN", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT",
)
AUX_MODES: tuple[str, ...] = ("negation", "hypothetical", "future", "historical")

EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "SANCTION", "THREATEN", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT",
]
AuxMode = Literal["negation", "hypothetical", "future", "historical"]
DatePrecision = Literal["day", "month", "year"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Article(_Record):
    """One input document after ingestion and cleaning.

    ``text`` is the cleaned body (title removed, debris removed, quotes and whitespace normalised); all
    offsets refer to it. ``content_hash`` identifies the document's content for resumable runs.
    """

    doc_id: str
    title: str = ""
    text: str
    url: str | None = None
    published: dt.date | None = None
    published_source: Literal["input", "html", "dateline", "option"] | None = None
    outlet: str | None = None
    source_path: str | None = None
    source_line: int | None = None
    language: str | None = None
    content_hash: str = ""
    notes: list[str] = Field(default_factory=list)


class Span(_Record):
    """A piece of :attr:`Article.text`: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int


class Actor(_Record):
    """An actor as mentioned in the text and as coded.

    ``name`` is the canonical name of the resolved entity ("Nawaf Fares" for a mention "he");
    ``country`` is ISO 3166-1 alpha-3, ``IGO`` or ``NGO``; ``sector`` a PLOVER sector code; ``code``
    the CAMEO-style concatenation (``SYRGOV``); ``actor_id`` a stable identity for following the
    actor across articles.
    """

    text: str
    name: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    actor_id: str
    title: str | None = None
    kind: Literal["person", "group", "organisation", "country", "unknown"] = "unknown"
    country_source: Literal["text", "knowledge", "context"] | None = None
    start: int
    end: int


class Location(_Record):
    """Where an event happened, resolved against the gazetteer."""

    name: str
    country: str
    admin1: str | None = None
    lat: float
    lon: float
    geonameid: int | None = None
    precision: Literal["city", "admin1", "country"]
    text: str | None = None
    start: int | None = None
    end: int | None = None


class Event(_Record):
    """One coded event: who did what to whom, when and where, with its evidence and provenance."""

    schema_version: str = SCHEMA_VERSION
    event_id: str
    doc_id: str
    event_type: EventType
    mode: str | None = None
    cameo: str
    quad_class: int
    goldstein: float
    source: list[Actor] = Field(default_factory=list)
    target: list[Actor] = Field(default_factory=list)
    location: Location | None = None
    date: str | None = None
    date_precision: DatePrecision | None = None
    date_source: Literal["text", "published"] | None = None
    aux_modes: list[AuxMode] = Field(default_factory=list)
    reported_by: Actor | None = None
    quote_id: str | None = None
    sentence: str
    sentence_index: int
    sentence_start: int
    sentence_end: int
    trigger: Span
    confidence: float
    rule: str
    # the event id of the mention this one names again in the same article ("hailed an agreement" told
    # after "agreed on Thursday in Havana"; see eventwire.coref), else None
    same_as: str | None = None


class Quote(_Record):
    """A direct or indirect quotation with its attributed speaker."""

    schema_version: str = SCHEMA_VERSION
    quote_id: str
    doc_id: str
    speaker: Actor | None = None
    text: str
    kind: Literal["direct", "indirect", "mixed"]
    start: int
    end: int
    cue: Span | None = None
    attribution: str = ""


class Skipped(_Record):
    """A document that was not coded, and why. Never ``None`` and a log line: always a value."""

    doc_id: str
    reason: str
    detail: str = ""
    path: str | None = None
    line: int | None = None
    failed: bool = False


class CodedDocument(_Record):
    """Everything eventwire found in one article."""

    article: Article
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)


class RunSummary(_Record):
    """The accounting of a run: ``read == coded + sum(skipped) + sum(failed)``."""

    read: int = 0
    coded: int = 0
    skipped: dict[str, int] = Field(default_factory=dict)
    failed: dict[str, int] = Field(default_factory=dict)
    events: int = 0
    quotes: int = 0
    seconds: float = 0.0

    def add(self, item: CodedDocument | Skipped) -> None:
        """Count one finished document."""
        self.read += 1
        if isinstance(item, CodedDocument):
            self.coded += 1
            self.events += len(item.events)
            self.quotes += len(item.quotes)
        elif item.failed:
            self.failed[item.reason] = self.failed.get(item.reason, 0) + 1
        else:
            self.skipped[item.reason] = self.skipped.get(item.reason, 0) + 1

    @property
    def balanced(self) -> bool:
        """True when every document read is accounted for."""
        return self.read == self.coded + sum(self.skipped.values()) + sum(self.failed.values())
