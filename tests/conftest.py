"""Shared fixtures: an in-memory database with migrations applied and the shipped seed loaded."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from tracker.db import connect
from tracker.seeding.seed import seed


@pytest.fixture
def empty_db() -> Database:
    """In-memory database, schema only."""
    return connect(memory=True)


@pytest.fixture
def db(empty_db: Database) -> Database:
    """In-memory database with the shipped seed cells (the refresh history is left out, so
    a test's own edits are the whole audit log; tests/test_seed_refresh.py loads it)."""
    seed(empty_db, history=False)
    return empty_db


@pytest.fixture
def db_file(tmp_path, monkeypatch):
    """A seeded SQLite file, selected through TRACKER_DB as the app and CLI would see it."""
    path = tmp_path / "tracker.db"
    monkeypatch.setenv("TRACKER_DB", str(path))
    seed(connect(path), history=False)
    return path
