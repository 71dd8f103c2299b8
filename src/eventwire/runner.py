"""Runs: code a stream of inputs into outputs (JSONL/CSV/Parquet files, a quotes file, a store).

:func:`run_code` is what ``eventwire code`` calls. It streams (constant memory whatever the corpus
size), batches the parse, optionally fans out to worker processes, skips documents already in the store
(by content hash), writes the store in one transaction per batch, and returns a
:class:`~eventwire.schema.RunSummary` where read = coded + skipped + failed.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .errors import ConfigError
from .ingest import RawDocument, read_inputs
from .pipeline import Pipeline, Settings, content_hash
from .schema import CodedDocument, Event, RunSummary, Skipped

__all__ = ["run_code", "EventWriter", "flatten_event", "FLAT_EVENT_COLUMNS"]

FLAT_EVENT_COLUMNS = [
    "event_id", "doc_id", "event_type", "mode", "cameo", "quad_class", "goldstein",
    "source_name", "source_country", "source_sector", "source_code", "source_actor_id", "source_text",
    "target_name", "target_country", "target_sector", "target_code", "target_actor_id", "target_text",
    "location_name", "location_country", "location_admin1", "lat", "lon", "geonameid", "location_precision",
    "date", "date_precision", "date_source", "aux_modes", "reported_by", "quote_id", "sentence", "sentence_index",
    "trigger", "trigger_start", "trigger_end", "confidence", "rule", "same_as",
]


def flatten_event(event: Event) -> dict:
    """One event as a flat row (the first source and target; CSV and Parquet outputs)."""
    def actor(prefix, actors):
        a = actors[0] if actors else None
        return {f"{prefix}_name": a.name if a else None, f"{prefix}_country": a.country if a else None,
                f"{prefix}_sector": a.sector if a else None, f"{prefix}_code": a.code if a else None,
                f"{prefix}_actor_id": a.actor_id if a else None, f"{prefix}_text": a.text if a else None}
    loc = event.location
    row = {"event_id": event.event_id, "doc_id": event.doc_id, "event_type": event.event_type, "mode": event.mode,
           "cameo": event.cameo, "quad_class": event.quad_class, "goldstein": event.goldstein,
           **actor("source", event.source), **actor("target", event.target),
           "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
           "location_admin1": loc.admin1 if loc else None, "lat": loc.lat if loc else None,
           "lon": loc.lon if loc else None, "geonameid": loc.geonameid if loc else None,
           "location_precision": loc.precision if loc else None, "date": event.date,
           "date_precision": event.date_precision, "date_source": event.date_source,
           "aux_modes": ",".join(event.aux_modes), "reported_by": event.reported_by.name if event.reported_by else None,
           "quote_id": event.quote_id, "sentence": event.sentence, "sentence_index": event.sentence_index,
           "trigger": event.trigger.text, "trigger_start": event.trigger.start, "trigger_end": event.trigger.end,
           "confidence": event.confidence, "rule": event.rule, "same_as": event.same_as}
    return row


class EventWriter:
    """Writes events to stdout or a file; the format follows the extension (.jsonl, .csv, .parquet)."""

    def __init__(self, path: str | None, *, stream=None) -> None:
        self.path = path
        self.format = "jsonl"
        if path and path != "-":
            suffix = Path(path).suffix.lower()
            self.format = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv",
                           ".parquet": "parquet"}.get(suffix)
            if self.format is None:
                raise ConfigError(f"{path}: unknown output format '{suffix}' (use .jsonl, .csv or .parquet)")
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._fh = None
        self._csv = None
        self._parquet = None
        self._rows: list[dict] = []
        if self.format in ("jsonl", "csv"):
            self._fh = stream if (not path or path == "-") else open(path, "w", encoding="utf-8", newline="")
        if self.format == "csv":
            self._csv = csv.DictWriter(self._fh, fieldnames=FLAT_EVENT_COLUMNS)
            self._csv.writeheader()

    def write(self, records: Iterable) -> None:
        for record in records:
            if self.format == "jsonl":
                self._fh.write(record.model_dump_json() + "\n")
            elif self.format == "csv":
                self._csv.writerow(flatten_event(record))
            else:
                self._rows.append(flatten_event(record))
                if len(self._rows) >= 5000:
                    self._flush_parquet()

    def _flush_parquet(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self._rows and self._parquet is not None:
            return
        table = pa.Table.from_pylist(self._rows, schema=_flat_schema())
        if self._parquet is None:
            self._parquet = pq.ParquetWriter(self.path, table.schema)
        self._parquet.write_table(table)
        self._rows = []

    def close(self) -> None:
        if self.format == "parquet":
            self._flush_parquet()
            if self._parquet is not None:
                self._parquet.close()
        elif self._fh is not None and self.path and self.path != "-":
            self._fh.close()
        elif self._fh is not None:
            self._fh.flush()


def _flat_schema():
    import pyarrow as pa

    floats = {"goldstein", "lat", "lon", "confidence"}
    ints = {"quad_class", "sentence_index", "trigger_start", "trigger_end", "geonameid"}
    return pa.schema([(c, pa.float64() if c in floats else pa.int64() if c in ints else pa.string())
                      for c in FLAT_EVENT_COLUMNS])


class _QuoteWriter:
    def __init__(self, path: str) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(path, "w", encoding="utf-8")

    def write(self, quotes) -> None:
        for q in quotes:
            self._fh.write(q.model_dump_json() + "\n")

    def close(self) -> None:
        self._fh.close()


# ----- worker processes ---------------------------------------------------------------------------------
_WORKER: Pipeline | None = None


def _worker_init(settings: Settings) -> None:
    global _WORKER
    _WORKER = Pipeline(settings)


def _worker_code(batch: list) -> list:
    return list(_WORKER.code_documents(batch))


def _batched(iterable: Iterable, size: int) -> Iterator[list]:
    it = iter(iterable)
    while batch := list(itertools.islice(it, size)):
        yield batch


def code_stream(raws: Iterable[RawDocument | Skipped], *, settings: Settings, workers: int = 1,
                pipeline: Pipeline | None = None) -> Iterator[CodedDocument | Skipped]:
    """Code raw documents locally, in this process or in ``workers`` processes (order kept)."""
    if workers <= 1:
        yield from (pipeline or Pipeline(settings)).code_documents(raws)
        return
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    with ctx.Pool(workers, initializer=_worker_init, initargs=(settings,)) as pool:
        for results in pool.imap(_worker_code, _batched(raws, settings.batch_size), chunksize=1):
            yield from results


def run_code(
    inputs: list[str], *, output: str | None = None, quotes_output: str | None = None, db: str | None = None,
    published: dt.date | None = None, settings: Settings | None = None, workers: int = 1, resume: bool = True,
    progress: bool = True, stdout=None, on_skip: Callable[[Skipped], None] | None = None,
    pipeline: Pipeline | None = None, command: str = "eventwire code",
) -> RunSummary:
    """Code inputs and write the outputs; returns the run's accounting.

    ``on_skip`` is called with every skipped or failed document (the CLI prints its one-line message).
    """
    settings = settings or Settings()
    summary = RunSummary()
    started_wall = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    started = time.perf_counter()
    run_id = uuid.uuid4().hex[:12]
    writer = EventWriter(output, stream=stdout or sys.stdout) if (output or not db) else None
    quote_writer = _QuoteWriter(quotes_output) if quotes_output else None
    store = None
    known: set[str] = set()
    if db:
        from .store import open_store

        store = open_store(db)
        if resume:
            known = store.known_hashes()
    raws = read_inputs(inputs, published=published)
    if known:
        raws = _skip_known(raws, known)
    bar = _Progress(enabled=progress)
    pending: list = []
    last_flush = time.perf_counter()
    complete = False
    try:
        for item in code_stream(raws, settings=settings, workers=workers, pipeline=pipeline):
            summary.add(item)
            bar.update(summary)
            if isinstance(item, Skipped):
                if on_skip is not None and item.reason != "already_coded":
                    on_skip(item)
                if item.reason == "already_coded":
                    continue
            else:
                if writer is not None:
                    writer.write(item.events)
                if quote_writer is not None:
                    quote_writer.write(item.quotes)
            if store is not None:
                pending.append(item)
                # a batch per 200 documents or 5 seconds: a killed run loses at most that much work
                if len(pending) >= 200 or time.perf_counter() - last_flush > 5.0:
                    store.write(pending, run_id=run_id)
                    pending = []
                    last_flush = time.perf_counter()
        complete = True
    finally:
        bar.close()
        if store is not None:
            if pending:
                store.write(pending, run_id=run_id)
            summary.seconds = round(time.perf_counter() - started, 3)
            if summary.coded:
                from .cluster import cluster_store

                cluster_store(store)
            store.record_run(run_id, summary, started=started_wall, command=command, complete=complete)
            store.close()
        if writer is not None:
            writer.close()
        if quote_writer is not None:
            quote_writer.close()
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def _skip_known(raws, known: set[str]):
    from .clean import clean_document

    for raw in raws:
        if isinstance(raw, RawDocument):
            cleaned = clean_document(raw.title, raw.body)
            if content_hash(cleaned.title, cleaned.text) in known:
                yield Skipped(doc_id=raw.doc_id, reason="already_coded", path=raw.path, line=raw.line,
                              detail="already in the store with the same content")
                continue
        yield raw


class _Progress:
    """A progress bar on stderr, shown once a run has more than a handful of documents."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self._bar = None

    def update(self, summary: RunSummary) -> None:
        if not self.enabled:
            return
        if self._bar is None and summary.read > 5:
            from tqdm import tqdm

            self._bar = tqdm(desc="coding", unit="doc", file=sys.stderr, mininterval=0.5, initial=summary.read - 1)
        if self._bar is not None:
            self._bar.update(1)
            self._bar.set_postfix(events=summary.events, skipped=sum(summary.skipped.values()), refresh=False)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
