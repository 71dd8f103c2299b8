"""The ``eventwire`` command: a thin typer front end over the importable API.

Each command parses its arguments, calls a library function that returns values, and formats them.
Errors eventwire raises on purpose are printed as one line (no traceback) with exit code 2.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import List, Optional

import typer

from .errors import EventwireError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Turn news articles into PLOVER/CAMEO political event data.")
query_app = typer.Typer(add_completion=False, no_args_is_help=True, help="Ask questions of a store.")
app.add_typer(query_app, name="query")


def _date(value: Optional[str], name: str) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form", param_hint=name)


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"eventwire: {message}", err=True)
    raise typer.Exit(code)


def _print_table(columns, rows, fmt: str) -> None:
    if fmt == "json":
        typer.echo(json.dumps([dict(zip(columns, r)) for r in rows], default=str, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        cells = [[("" if v is None else str(v)).replace("\n", " ") for v in r] for r in rows]
        widths = [min(60, max([len(c)] + [len(r[i]) for r in cells])) for i, c in enumerate(columns)]
        typer.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths)))
        typer.echo("  ".join("-" * w for w in widths))
        for r in cells:
            typer.echo("  ".join((v if len(v) <= w else v[: w - 1] + "…").ljust(w) for v, w in zip(r, widths)))
        typer.echo(f"({len(rows)} rows)")


def _summary_line(summary) -> str:
    parts = [f"read {summary.read}", f"coded {summary.coded}"]
    skipped = sum(summary.skipped.values())
    failed = sum(summary.failed.values())
    detail = ", ".join(f"{k} {v}" for k, v in sorted(summary.skipped.items()))
    parts.append(f"skipped {skipped}" + (f" ({detail})" if detail else ""))
    fdetail = ", ".join(f"{k} {v}" for k, v in sorted(summary.failed.items()))
    parts.append(f"failed {failed}" + (f" ({fdetail})" if fdetail else ""))
    parts.append(f"events {summary.events}, quotes {summary.quotes} in {summary.seconds:.1f}s")
    return "eventwire: " + "; ".join(parts)


@app.command()
def code(
    inputs: List[str] = typer.Argument(..., help="Files, directories or - for standard input."),
    output: Optional[str] = typer.Option(None, "-o", "--output", help="Events file: .jsonl, .csv or .parquet "
                                         "(default: JSONL on stdout); a directory with --scheduler."),
    quotes: Optional[str] = typer.Option(None, "--quotes", help="Write quotes to this JSONL file."),
    db: Optional[str] = typer.Option(None, "--db", help="Write documents, events, actors and quotes to a DuckDB store."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) where the input has none."),
    actors: List[str] = typer.Option([], "--actors", help="Phoenix/PETRARCH actor dictionary (repeatable)."),
    agents: List[str] = typer.Option([], "--agents", help="Phoenix/PETRARCH agents dictionary (repeatable)."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline to load (default en_core_web_sm)."),
    workers: int = typer.Option(1, "--workers", min=1, help="Worker processes."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Documents per parse batch."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address, e.g. tcp://host:8786."),
    partition_size: int = typer.Option(200, "--partition-size", min=1, help="Documents per Dask task."),
    worker_timeout: float = typer.Option(120.0, "--worker-timeout", help="Seconds to wait for Dask workers."),
    resume: bool = typer.Option(True, "--resume/--no-resume", help="Skip documents already coded in the store."),
    prefilter: bool = typer.Option(True, "--prefilter/--no-prefilter", help="Parse only sentences that can hold an event."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
) -> None:
    """Code articles into events (JSONL on stdout by default)."""
    from .pipeline import Settings

    day = _date(published, "--published")
    settings = Settings(spacy_model=model, actors_files=tuple(actors), agents_files=tuple(agents),
                        batch_size=batch_size, prefilter=prefilter)
    try:
        if scheduler:
            from .distributed import run_distributed

            if not output:
                _fail("--scheduler needs -o OUT_DIR/ for the Parquet parts")
            summary = run_distributed(inputs, scheduler=scheduler, out_dir=output, published=day,
                                      settings=settings, partition_size=partition_size,
                                      worker_timeout=worker_timeout)
        else:
            from .runner import run_code

            summary = run_code(inputs, output=output, quotes_output=quotes, db=db, published=day,
                               settings=settings, workers=workers, resume=resume, progress=progress,
                               on_skip=lambda s: typer.echo(f"eventwire: skipped {s.detail or s.doc_id} [{s.reason}]",
                                                            err=True),
                               command="eventwire code " + " ".join(sys.argv[2:]))
    except EventwireError as exc:
        _fail(str(exc))
    typer.echo(_summary_line(summary), err=True)
    if summary.read == 0 or (summary.coded == 0 and summary.read == sum(summary.failed.values())):
        raise typer.Exit(1)


@app.command()
def clean(file: str = typer.Argument(..., help="A .txt, .html, .jsonl or .csv file, or - for stdin.")) -> None:
    """Print the cleaned title and body of each document (a debugging aid)."""
    from .clean import clean_document
    from .ingest import RawDocument, read_inputs

    count = 0
    for doc in read_inputs([file]):
        if not isinstance(doc, RawDocument):
            typer.echo(f"eventwire: skipped {doc.detail or doc.doc_id} [{doc.reason}]", err=True)
            continue
        cleaned = clean_document(doc.title, doc.body)
        if count:
            typer.echo("\n" + "=" * 72 + "\n")
        typer.echo(cleaned.title)
        typer.echo("")
        typer.echo(cleaned.text)
        count += 1
    if count == 0:
        raise typer.Exit(1)


@app.command()
def demo(db: str = typer.Option("eventwire.duckdb", "--db", help="Store to create."),
         progress: bool = typer.Option(True, "--progress/--no-progress")) -> None:
    """Code the bundled demo corpus into a store and print what it found."""
    from .demo import run_demo

    try:
        report = run_demo(db, progress=progress)
    except EventwireError as exc:
        _fail(str(exc))
    typer.echo(report)


@app.command(name="eval")
def eval_command(
    gold: List[str] = typer.Argument(..., help="Gold JSONL files or directories."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    errors: int = typer.Option(0, "--errors", help="Also list this many mistakes of each kind."),
    model: Optional[str] = typer.Option(None, "--model"),
    lexicon: Optional[str] = typer.Option(None, "--lexicon", help="A trigger lexicon directory (default: built in)."),
    prefilter: bool = typer.Option(True, "--prefilter/--no-prefilter", help="Parse only sentences that can hold an event."),
) -> None:
    """Measure accuracy against gold documents (see docs/evaluation.md)."""
    from .evaluate import evaluate, format_report
    from .pipeline import Pipeline, Settings

    try:
        report = evaluate(gold, pipeline=Pipeline(Settings(spacy_model=model, lexicon_dir=lexicon,
                                                           prefilter=prefilter)))
    except EventwireError as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=1))
    else:
        typer.echo(format_report(report, errors=errors))


@query_app.command("events")
def query_events_cmd(
    db: str = typer.Option("eventwire.duckdb", "--db"), actor: Optional[str] = typer.Option(None),
    country: Optional[str] = typer.Option(None), sector: Optional[str] = typer.Option(None),
    event_type: Optional[str] = typer.Option(None, "--type"), quad_class: Optional[int] = typer.Option(None, "--quad-class"),
    place: Optional[str] = typer.Option(None), date_from: Optional[str] = typer.Option(None, "--from-date"),
    date_to: Optional[str] = typer.Option(None, "--to-date"), min_sources: Optional[int] = typer.Option(None, "--min-sources"),
    clustered: bool = typer.Option(False, "--clustered", help="One row per real-world event."),
    limit: int = typer.Option(50), fmt: str = typer.Option("table", "--format", help="table, csv or json"),
) -> None:
    """Events matching filters."""
    from .query import EventFilter, query_events

    flt = EventFilter(actor=actor, country=country, sector=sector, event_type=event_type, quad_class=quad_class,
                      place=place, date_from=date_from, date_to=date_to, min_sources=min_sources)
    _run_query(db, lambda s: query_events(s, flt, limit=limit, clustered=clustered), fmt)


@query_app.command("actors")
def query_actors_cmd(db: str = typer.Option("eventwire.duckdb", "--db"), name: Optional[str] = typer.Option(None),
                     country: Optional[str] = typer.Option(None), sector: Optional[str] = typer.Option(None),
                     limit: int = typer.Option(50), fmt: str = typer.Option("table", "--format")) -> None:
    """Actors, most active first."""
    from .query import query_actors

    _run_query(db, lambda s: query_actors(s, name=name, country=country, sector=sector, limit=limit), fmt)


@query_app.command("timeline")
def query_timeline_cmd(actor_id: str, db: str = typer.Option("eventwire.duckdb", "--db"),
                       fmt: str = typer.Option("table", "--format")) -> None:
    """One actor's roles over time, with evidence."""
    from .query import actor_timeline

    _run_query(db, lambda s: actor_timeline(s, actor_id), fmt)


@query_app.command("dyads")
def query_dyads_cmd(db: str = typer.Option("eventwire.duckdb", "--db"), country: Optional[str] = typer.Option(None),
                    event_type: Optional[str] = typer.Option(None, "--type"), limit: int = typer.Option(50),
                    fmt: str = typer.Option("table", "--format")) -> None:
    """Who acts against whom: source-target pairs with counts."""
    from .query import EventFilter, query_dyads

    _run_query(db, lambda s: query_dyads(s, EventFilter(country=country, event_type=event_type), limit=limit), fmt)


@query_app.command("counts")
def query_counts_cmd(db: str = typer.Option("eventwire.duckdb", "--db"), by: str = typer.Option("event_type"),
                     country: Optional[str] = typer.Option(None), place: Optional[str] = typer.Option(None),
                     event_type: Optional[str] = typer.Option(None, "--type"),
                     fmt: str = typer.Option("table", "--format")) -> None:
    """Distinct events per day, by event type or quad class."""
    from .query import EventFilter, daily_counts

    _run_query(db, lambda s: daily_counts(s, EventFilter(country=country, place=place, event_type=event_type), by=by), fmt)


@query_app.command("defections")
def query_defections_cmd(db: str = typer.Option("eventwire.duckdb", "--db"),
                         country: Optional[str] = typer.Option(None, "--from", help="Country (ISO3) left."),
                         fmt: str = typer.Option("table", "--format")) -> None:
    """Which officials have left a government or post, and when (with evidence)."""
    from .query import departures

    _run_query(db, lambda s: departures(s, country=country), fmt)


@app.command()
def sql(statement: str, db: str = typer.Option("eventwire.duckdb", "--db"),
        fmt: str = typer.Option("table", "--format")) -> None:
    """Run any SQL on a store (read-only)."""
    _run_query(db, lambda s: s.query(statement), fmt)


@app.command()
def export(fmt: str = typer.Argument(..., help="polecat, phoenix, gdelt or parquet"),
           out: str = typer.Argument(..., help="Output file (a directory for parquet)."),
           db: str = typer.Option("eventwire.duckdb", "--db")) -> None:
    """Export a store's events for other tools."""
    from .query import EXPORT_FORMATS
    from .query import export as export_fn
    from .store import open_store

    if fmt not in EXPORT_FORMATS:
        _fail(f"unknown export format '{fmt}' (choose from {', '.join(EXPORT_FORMATS)})")
    try:
        with open_store(db, read_only=True) as store:
            n = export_fn(store, fmt, out)
    except EventwireError as exc:
        _fail(str(exc))
    typer.echo(f"eventwire: wrote {n} events to {out}", err=True)


@app.command()
def serve(db: str = typer.Option("eventwire.duckdb", "--db"), host: str = typer.Option("127.0.0.1"),
          port: int = typer.Option(8000)) -> None:
    """Serve the HTTP API and the dashboard for a store."""
    try:
        from .server import serve as serve_fn
    except ImportError as exc:
        _fail(f"the server needs the 'serve' extra: pip install 'eventwire[serve]' ({exc})")
    try:
        serve_fn(db=db, host=host, port=port)
    except EventwireError as exc:
        _fail(str(exc))


def _run_query(db: str, fn, fmt: str) -> None:
    from .store import open_store

    if fmt not in ("table", "csv", "json"):
        _fail("--format must be table, csv or json")
    try:
        with open_store(db, read_only=True) as store:
            columns, rows = fn(store)
    except EventwireError as exc:
        _fail(str(exc))
    _print_table(columns, rows, fmt)


def main() -> None:
    """Entry point: run the app; a user's error never shows a traceback."""
    try:
        app()
    except EventwireError as exc:
        typer.echo(f"eventwire: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("eventwire: interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
