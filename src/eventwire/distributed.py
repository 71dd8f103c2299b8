"""Distributed runs: code a corpus on a Dask cluster, each worker writing its own Parquet parts.

:func:`run_distributed` is what ``eventwire code --scheduler tcp://HOST:PORT INPUTS -o OUT_DIR/`` calls.
The recipe:

1. the client streams the inputs (the same readers as a local run, plus Parquet files read row group by
   row group) and cuts them into partitions of ``partition_size`` raw documents, never holding the corpus;
2. it submits the partitions with a bounded number in flight (twice the cluster's worker threads);
3. each task runs the same per-document code as a local run, :meth:`Pipeline.code_documents
   <eventwire.pipeline.Pipeline.code_documents>`, on a :class:`~eventwire.pipeline.Pipeline` built once
   per worker process, and writes its partition's ``events-part-NNNNN.parquet``,
   ``quotes-part-NNNNN.parquet`` and ``skipped-part-NNNNN.parquet`` itself to OUT_DIR;
4. the task returns only the partition's counts, which the client adds up into the
   :class:`~eventwire.schema.RunSummary` (and writes to ``OUT_DIR/_run.json``).

Part numbers are partition indexes, so the same inputs give the same files however many workers run
them, in whatever order. OUT_DIR must be a directory every worker can write (a shared filesystem) or a
URL pyarrow understands (``s3://bucket/prefix``). See ``docs/distributed.md``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import json
import os
import re
import socket
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Iterator
from concurrent.futures import CancelledError

from .errors import ConfigError, EventwireError
from .ingest import PARQUET_SUFFIXES, RawDocument, read_inputs, read_parquet
from .pipeline import Pipeline, Settings
from .runner import _batched, _flat_schema, flatten_event
from .schema import CodedDocument, RunSummary, Skipped
from .store import quote_row

try:
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPlugin
except ImportError:  # the 'dask' extra is missing: reading Parquet still works, run_distributed says what to install
    _WorkerPlugin = object

__all__ = [
    "run_distributed",
    "read_documents",
    "read_parquet",
    "PARQUET_SUFFIXES",
    "QUOTE_COLUMNS",
    "SKIPPED_COLUMNS",
    "part_name",
]

#: Columns of the quotes parts: the store's ``quotes`` table.
QUOTE_COLUMNS = ["quote_id", "doc_id", "speaker_id", "speaker_name", "speaker_country", "speaker_sector", "text",
                 "kind", "start_char", "end_char", "cue", "attribution"]
#: Columns of the skipped parts: every document that was read but not coded, and why.
SKIPPED_COLUMNS = ["doc_id", "reason", "detail", "path", "line", "failed"]
PART_KINDS = ("events", "quotes", "skipped")
_PART_NAME = re.compile(r"^(events|quotes|skipped)-part-\d+\.parquet$")
CONNECT_TIMEOUT = 20.0


# ----- reading: the same readers as local runs (Parquet included) --------------------------------------
read_documents = read_inputs


# ----- the worker side -----------------------------------------------------------------------------------
class _PipelineCache:
    """The pipelines of this process (a Dask worker process), one per :class:`Settings`, built once.

    A coding lock per pipeline: two worker threads never run one spaCy pipeline at the same time (run
    workers with one thread each and more processes; the parse holds the GIL anyway).
    """

    def __init__(self, size: int = 2) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._entries: OrderedDict[Settings, tuple[Pipeline, threading.Lock]] = OrderedDict()

    def get(self, settings: Settings) -> tuple[Pipeline, threading.Lock]:
        with self._lock:
            entry = self._entries.get(settings)
            if entry is None:
                pipeline = Pipeline(settings)
                # Load every lazily loaded resource now (spaCy, actors, lexicon, gazetteer), so that a
                # worker that cannot load them fails at start-up and the first partition is not slow.
                # code_documents turns a document's error into a Skipped: here it is the pipeline's error.
                for result in pipeline.code_documents([_WARM_UP]):
                    if isinstance(result, Skipped) and result.failed:
                        raise ConfigError(f"the pipeline fails on a one-sentence document: {result.detail}")
                entry = (pipeline, threading.Lock())
                self._entries[settings] = entry
                while len(self._entries) > self._size:
                    self._entries.popitem(last=False)
            self._entries.move_to_end(settings)
            return entry


_WARM_UP = RawDocument(doc_id="eventwire-warm-up", title="Warm-up",
                       body="The foreign minister met the opposition leader in Paris on Monday.")
#: Per process by design: each Dask worker process builds its pipeline once and every task reuses it.
_PIPELINES = _PipelineCache()


class _PipelinePlugin(_WorkerPlugin):
    """Builds the run's pipeline on every worker (present and joining) before the first task arrives."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def setup(self, worker) -> None:
        await asyncio.to_thread(_PIPELINES.get, self.settings)


def _probe(path: str) -> dict:
    """Run on each worker before a run: which eventwire it has, and whether it sees the client's OUT_DIR."""
    import eventwire

    fs, probe = _filesystem(path)
    from pyarrow.fs import FileType

    return {"version": eventwire.__version__, "sees_out_dir": fs.get_file_info(probe).type == FileType.File}


def _code_partition(index: int, documents: list, out_dir: str, settings: Settings) -> RunSummary:
    """One Dask task: code a partition with this worker's pipeline, write its three parts, return counts."""
    pipeline, coding = _PIPELINES.get(settings)
    summary = RunSummary()
    events: list[dict] = []
    quotes: list[dict] = []
    skipped: list[dict] = []
    with coding:
        for item in pipeline.code_documents(documents):
            summary.add(item)
            if isinstance(item, CodedDocument):
                events.extend(flatten_event(event) for event in item.events)
                quotes.extend(quote_row(quote) for quote in item.quotes)
            else:
                skipped.append(_skipped_row(item))
    _write_parts(out_dir, index, events=events, quotes=quotes, skipped=skipped)
    return summary


def _skipped_row(item: Skipped) -> dict:
    return {"doc_id": item.doc_id, "reason": item.reason, "detail": item.detail, "path": item.path,
            "line": item.line, "failed": item.failed}


def _schemas():
    import pyarrow as pa

    quotes = pa.schema([(c, pa.int64() if c in ("start_char", "end_char") else pa.string()) for c in QUOTE_COLUMNS])
    skipped = pa.schema([("doc_id", pa.string()), ("reason", pa.string()), ("detail", pa.string()),
                         ("path", pa.string()), ("line", pa.int64()), ("failed", pa.bool_())])
    return {"events": _flat_schema(), "quotes": quotes, "skipped": skipped}


def _filesystem(out_dir: str):
    """A pyarrow filesystem and the path on it: local paths as they are, URLs (``s3://…``) through pyarrow."""
    from pyarrow import fs

    if "://" in out_dir:
        return fs.FileSystem.from_uri(out_dir)
    return fs.LocalFileSystem(), out_dir


def part_name(kind: str, index: int) -> str:
    """The file name of one partition's part: ``events-part-00042.parquet``."""
    return f"{kind}-part-{index:05d}.parquet"


def _write_parts(out_dir: str, index: int, **rows: list[dict]) -> None:
    """Write a partition's parts (all three, empty ones included, so a complete run has 3 per partition)."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from pyarrow.fs import LocalFileSystem

    fs, base = _filesystem(out_dir)
    schemas = _schemas()
    for kind in PART_KINDS:
        table = pa.Table.from_pylist(rows.get(kind, []), schema=schemas[kind])
        final = f"{base.rstrip('/')}/{part_name(kind, index)}"
        if isinstance(fs, LocalFileSystem):
            # write then rename, so a worker killed mid-write never leaves a truncated part behind
            tmp = f"{base.rstrip('/')}/.{part_name(kind, index)}.{uuid.uuid4().hex[:8]}.tmp"
            pq.write_table(table, tmp, filesystem=fs)
            os.replace(tmp, final)
        else:
            pq.write_table(table, final, filesystem=fs)


# ----- the client side -----------------------------------------------------------------------------------
def run_distributed(
    inputs: list[str], *, scheduler: str, out_dir: str, published: dt.date | None = None,
    settings: Settings | None = None, partition_size: int = 200, connect_timeout: float = CONNECT_TIMEOUT,
    worker_timeout: float = 120.0,
) -> RunSummary:
    """Code inputs on the Dask cluster at ``scheduler``; workers write Parquet parts to ``out_dir``.

    ``inputs`` are what a local run takes (files, directories, ``-``) plus Parquet files. Returns the
    run's accounting, where read = coded + skipped + failed; ``out_dir/_run.json`` records it too.
    Raises :class:`ConfigError` when the scheduler cannot be reached, no worker joins within
    ``worker_timeout`` seconds, a worker lacks eventwire (or has another version), cannot see
    ``out_dir`` or cannot load the pipeline, or ``out_dir`` already holds parts of an earlier run.
    """
    if partition_size < 1:
        raise ConfigError(f"partition_size must be at least 1, got {partition_size}")
    try:
        import distributed
    except ImportError as exc:
        raise ConfigError(f"running on a Dask cluster needs the 'dask' extra: pip install 'eventwire[dask]' "
                          f"({exc})") from exc
    settings = _shared_paths(settings or Settings())
    started = time.perf_counter()
    started_at = dt.datetime.now(dt.timezone.utc)
    run_id = uuid.uuid4().hex[:12]
    out_dir = _prepare_out_dir(out_dir)
    summary = RunSummary()
    record = {"run_id": run_id, "scheduler": scheduler, "inputs": [str(i) for i in inputs],
              "settings": dataclasses.asdict(settings), "partition_size": partition_size, "partitions": 0,
              "started": started_at.isoformat(timespec="seconds"), "complete": False}
    client = _connect(distributed, scheduler, connect_timeout)
    plugin_name = f"eventwire-pipeline-{run_id}"
    try:
        _check_workers(client, scheduler, out_dir, worker_timeout)
        try:
            client.register_plugin(_PipelinePlugin(settings), name=plugin_name)
        except EventwireError as exc:
            raise ConfigError(f"a Dask worker could not load eventwire's pipeline: {exc}") from exc
        except (OSError, distributed.comm.CommClosedError) as exc:
            raise _lost(scheduler, exc) from exc
        except Exception as exc:  # a worker's own failure (a missing package, a bad path) comes back as is
            raise ConfigError(f"a Dask worker could not load eventwire's pipeline "
                              f"({type(exc).__name__}: {str(exc)[:300]})") from exc
        partitions = _batched(read_documents(inputs, published=published), partition_size)
        _submit_all(distributed, client, scheduler, partitions, out_dir, settings, run_id, summary, record)
        record["complete"] = True
    finally:
        try:
            client.unregister_worker_plugin(plugin_name)
        except Exception:  # the plugin was never registered, or the scheduler is gone: nothing to undo
            pass
        client.close()
        summary.seconds = round(time.perf_counter() - started, 3)
        record["summary"] = summary.model_dump()
        record["finished"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        try:
            _write_record(out_dir, record)
        except OSError as exc:
            if record["complete"]:  # otherwise the error that stopped the run is the one to report
                raise ConfigError(f"{out_dir}: cannot write _run.json ({exc})") from exc
    return summary


def _shared_paths(settings: Settings) -> Settings:
    """Make the client's relative dictionary and model paths absolute: workers run in other directories."""
    def absolute(value: str) -> str:
        return os.path.abspath(value) if value and os.path.exists(value) else value

    return dataclasses.replace(
        settings, actors_files=tuple(absolute(p) for p in settings.actors_files),
        agents_files=tuple(absolute(p) for p in settings.agents_files),
        spacy_model=absolute(settings.spacy_model) if settings.spacy_model else None)


def _prepare_out_dir(out_dir: str) -> str:
    from pyarrow.fs import FileSelector, FileType

    out_dir = out_dir if "://" in out_dir else os.path.abspath(out_dir)
    try:
        fs, base = _filesystem(out_dir)
        info = fs.get_file_info(base)
        if info.type == FileType.File:
            raise ConfigError(f"{out_dir} is a file: with --scheduler, -o names a directory for the Parquet parts")
        fs.create_dir(base, recursive=True)
        existing = [i.base_name for i in fs.get_file_info(FileSelector(base)) if _PART_NAME.match(i.base_name)]
    except OSError as exc:
        raise ConfigError(f"{out_dir}: cannot create the output directory ({exc})") from exc
    if existing:
        raise ConfigError(f"{out_dir} already holds Parquet parts of an earlier run ({sorted(existing)[0]}, ...): "
                          f"remove them or choose another directory")
    return out_dir


def _connect(distributed, scheduler: str, timeout: float):
    """A client of the scheduler; a bad address or a scheduler not answering is a :class:`ConfigError`."""
    from distributed.comm.addressing import get_address_host_port, parse_address

    def unreachable(exc: BaseException) -> ConfigError:
        return ConfigError(f"cannot reach the Dask scheduler at {scheduler} ({type(exc).__name__}: {exc}); "
                           f"check the address (tcp://HOST:PORT) and that the scheduler is running")

    try:
        protocol, _ = parse_address(scheduler)
        if protocol in ("tcp", "tls"):
            # A plain TCP connection first: it fails at once (refused, unknown host) where the Dask client
            # would retry until its timeout, and a client that never connected cannot be closed cleanly.
            host, port = get_address_host_port(scheduler)
            socket.create_connection((host, port), timeout=timeout).close()
    except (OSError, ValueError, TypeError) as exc:
        raise unreachable(exc) from exc
    try:
        return distributed.Client(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, ValueError, TypeError) as exc:
        raise unreachable(exc) from exc


def _lost(scheduler: str, exc: BaseException) -> ConfigError:
    return ConfigError(f"cannot reach the Dask scheduler at {scheduler}: the connection was lost during the run "
                       f"({type(exc).__name__}: {exc}); the parts written so far are in the output directory")


def _check_workers(client, scheduler: str, out_dir: str, worker_timeout: float) -> None:
    """Fail before any work is sent: no workers, workers without (this) eventwire, or blind to OUT_DIR."""
    import eventwire

    try:
        client.wait_for_workers(1, timeout=worker_timeout)
    except TimeoutError as exc:
        raise ConfigError(f"no Dask worker joined the scheduler at {scheduler} within {worker_timeout:.0f}s: "
                          f"start some with 'dask worker {scheduler}'") from exc
    except OSError as exc:
        raise _lost(scheduler, exc) from exc
    name = f".eventwire-probe-{uuid.uuid4().hex[:8]}"
    fs, base = _filesystem(out_dir)
    probe = f"{base.rstrip('/')}/{name}"
    with fs.open_output_stream(probe) as fh:
        fh.write(b"eventwire\n")
    try:
        answers = client.run(_probe, f"{out_dir.rstrip('/')}/{name}")
    except Exception as exc:
        if client.status != "running":
            raise _lost(scheduler, exc) from exc
        raise ConfigError(f"a Dask worker cannot run eventwire ({type(exc).__name__}: {str(exc)[:300]}): "
                          f"pip install eventwire on every worker, in the same version as here") from exc
    finally:
        fs.delete_file(probe)
    for worker, answer in sorted(answers.items()):
        if answer["version"] != eventwire.__version__:
            raise ConfigError(f"Dask worker {worker} runs eventwire {answer['version']}, this client "
                              f"{eventwire.__version__}: install the same version everywhere")
        if not answer["sees_out_dir"]:
            raise ConfigError(f"Dask worker {worker} cannot see {out_dir}: the output directory must be on a "
                              f"filesystem shared by the client and every worker (or an s3:// URL)")


def _submit_all(distributed, client, scheduler: str, partitions: Iterator[list], out_dir: str,
                settings: Settings, run_id: str, summary: RunSummary, record: dict) -> None:
    """Submit partitions with at most twice the cluster's threads in flight; add up their counts.

    ``record["partitions"]`` counts the partitions submitted, ``record["finished_partitions"]`` those whose
    parts are written (what an interrupted run leaves in OUT_DIR).
    """
    in_flight: dict = {}
    done = distributed.as_completed(loop=client.loop)
    numbered = enumerate(partitions)
    record["finished_partitions"] = 0

    def window() -> int:
        return max(2, 2 * sum(client.nthreads().values()))

    def submit_next() -> bool:
        nxt = next(numbered, None)
        if nxt is None:
            return False
        index, documents = nxt
        future = client.submit(_code_partition, index, documents, out_dir, settings, pure=False, retries=1,
                               key=f"eventwire-partition-{run_id}-{index:05d}")
        # Keep only who was in the partition (not the texts), to account for it if the task is lost.
        in_flight[future] = (index, [d if isinstance(d, Skipped) else (d.doc_id, d.path, d.line)
                                     for d in documents])
        done.add(future)
        record["partitions"] = index + 1
        return True

    try:
        limit = window()
        while len(in_flight) < limit and submit_next():
            pass
        for future in done:
            index, members = in_flight.pop(future)
            try:
                part = future.result()
            except EventwireError:
                raise  # a worker's configuration error (a missing model) would repeat for every partition
            except (CancelledError, distributed.comm.CommClosedError) as exc:
                raise _lost(scheduler, exc) from exc
            except OSError as exc:
                if client.status != "running":
                    raise _lost(scheduler, exc) from exc
                # documents never raise (a failure is a Skipped): an OSError is the part's write, and the
                # next partitions would fail the same way (a full disk, no permission)
                raise ConfigError(f"a Dask worker could not write partition {index}'s parts to {out_dir} "
                                  f"({type(exc).__name__}: {exc})") from exc
            except Exception as exc:  # the task itself was lost, e.g. KilledWorker after repeated crashes
                if client.status != "running":
                    raise _lost(scheduler, exc) from exc
                part = _fail_partition(out_dir, index, members, exc)
            finally:
                future.release()
            _add(summary, part)
            record["finished_partitions"] += 1
            limit = window()
            while len(in_flight) < limit and submit_next():
                pass
    finally:
        if in_flight and client.status == "running":
            client.cancel(list(in_flight))


def _fail_partition(out_dir: str, index: int, members: list, exc: BaseException) -> RunSummary:
    """A partition whose task failed on the cluster (a worker killed twice): every document is a failure."""
    reason = f"error:{type(exc).__name__}"
    summary = RunSummary()
    skipped = []
    for member in members:
        if isinstance(member, Skipped):
            item = member
        else:
            doc_id, path, line = member
            item = Skipped(doc_id=doc_id, reason=reason, path=path, line=line, failed=True,
                           detail=f"{path or doc_id}{':' + str(line) if line else ''}: partition {index} failed on the "
                                  f"cluster ({type(exc).__name__}: {str(exc)[:200]})")
        summary.add(item)
        skipped.append(_skipped_row(item))
    _write_parts(out_dir, index, events=[], quotes=[], skipped=skipped)
    return summary


def _add(total: RunSummary, part: RunSummary) -> None:
    total.read += part.read
    total.coded += part.coded
    total.events += part.events
    total.quotes += part.quotes
    for reason, count in part.skipped.items():
        total.skipped[reason] = total.skipped.get(reason, 0) + count
    for reason, count in part.failed.items():
        total.failed[reason] = total.failed.get(reason, 0) + count


def _write_record(out_dir: str, record: dict) -> None:
    fs, base = _filesystem(out_dir)
    with fs.open_output_stream(f"{base.rstrip('/')}/_run.json") as fh:
        fh.write(json.dumps(record, indent=1, default=str).encode("utf-8") + b"\n")
