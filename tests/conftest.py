"""Shared fixtures: the loaded pipeline (once per session) and the reference material in ../shared."""

from __future__ import annotations

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
