"""Shared fixtures: the loaded pipeline (once per session) and the reference material in ../shared."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def pipeline():
    from eventwire.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The reference material beside the project; tests that need it skip when it is absent."""
    if not (SHARED / "seed").is_dir():
        pytest.skip(f"reference material not found at {SHARED} (clone the project beside ../shared to run this test)")
    return SHARED


def build_session_store(tmp_path_factory, pipeline, name: str, inputs: list[Path], *,
                        published: dt.date | None = None) -> Path:
    """Code ``inputs`` into a store under the session's temporary directory, once per session.

    The store is built in a scratch directory and renamed into place, so another test module of the same
    session that asks for the same name finds it complete and reuses it instead of coding again.
    """
    from eventwire.runner import run_code

    root = tmp_path_factory.getbasetemp() / "stores"
    final = root / name
    if not final.exists():
        scratch = root / f"{name}.partial"
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir(parents=True)
        summary = run_code([str(p) for p in inputs], db=str(scratch / "store.duckdb"), published=published,
                           progress=False, resume=False, pipeline=pipeline, command=f"tests: {name}")
        assert summary.balanced and summary.coded, summary
        scratch.rename(final)
    return final / "store.duckdb"
