"""The one place that opens the database: foreign keys on, migrations applied."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from tracker import config
from tracker.migrations import migrations


def connect(path: str | Path | None = None, *, memory: bool = False) -> Database:
    """Open (creating if needed) the tracker database with migrations applied.

    ``path`` defaults to :func:`tracker.config.db_path`; ``memory=True`` gives a private
    in-memory database (tests, benchmarks).
    """
    if memory:
        conn = sqlite3.connect(":memory:", check_same_thread=False)
    else:
        target = Path(path) if path is not None else config.db_path()
        target.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(target), check_same_thread=False, timeout=10)
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    db = Database(conn)
    migrations.apply(db)
    return db
