"""The bundled demo corpus: code it into a store and report what was found."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .query import stats
from .runner import run_code
from .store import open_store

__all__ = ["demo_corpus_path", "run_demo"]


def demo_corpus_path() -> Path:
    """Path of the bundled demo articles (JSON Lines)."""
    return Path(str(resources.files("eventwire") / "data" / "demo" / "articles.jsonl"))


def run_demo(db: str, *, progress: bool = True) -> str:
    """Code the demo corpus into ``db`` (replacing earlier demo rows) and return a printable report."""
    summary = run_code([str(demo_corpus_path())], db=db, resume=False, progress=progress, output=None,
                       command="eventwire demo")
    with open_store(db, read_only=True) as store:
        s = stats(store)
    lines = [
        f"Coded the demo corpus into {db}: {summary.coded} of {summary.read} articles coded, "
        f"{s['event_mentions']} event mentions, {s['events']} distinct events, {s['quotes']} quotes.",
        "",
        "Events by type (distinct events):",
        *[f"  {k:<10} {v}" for k, v in s["by_type"].items()],
        "",
        "Top actors (mentions):",
        *[f"  {name} [{code or '-'}]: {n}" for name, code, n in s["top_actors"]],
        "",
        "Top places (event mentions):",
        *[f"  {name} ({country}): {n}" for name, country, n in s["top_places"]],
        "",
        f"Explore it: eventwire query events --db {db} | eventwire query defections --db {db}",
        f"Open the dashboard: eventwire serve --db {db}  then visit http://127.0.0.1:8000/",
    ]
    return "\n".join(lines)
