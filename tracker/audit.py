"""The audit log: its data version (cache key) and readable entries."""

from __future__ import annotations

from sqlite_utils import Database


def data_version(database: Database) -> int:
    """A number that changes whenever status cells change (for cache keys)."""
    row = database.execute("select coalesce(max(id), 0) from audit_log").fetchone()
    return int(row[0])
