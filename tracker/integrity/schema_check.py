"""The schema the migrations create, and how a database's schema differs from it."""

from __future__ import annotations

import re
import sqlite3

PROTECTIVE_TRIGGERS = ("audit_log_no_update", "audit_log_no_delete", "audit_log_no_replace")

_expected: frozenset[tuple[str, str, str]] | None = None


def _normal(sql: str | None) -> str:
    return re.sub(r"\s+", " ", re.sub(r'[\[\]"`]', "", sql or "")).strip().lower()


def schema_of(conn: sqlite3.Connection) -> frozenset[tuple[str, str, str]]:
    """(type, name, normalised SQL) of every table, index, trigger and view (no sqlite_*)."""
    rows = conn.execute(
        "select type, name, sql from sqlite_master where name not like 'sqlite_%'"
    ).fetchall()
    return frozenset((t, n, _normal(s)) for t, n, s in rows)


def expected_schema() -> frozenset[tuple[str, str, str]]:
    """The schema of a fresh database with every migration applied."""
    global _expected
    if _expected is None:
        from tracker.db import connect

        db = connect(memory=True)
        _expected = schema_of(db.conn)
        db.conn.close()
    return _expected


def schema_problems(conn: sqlite3.Connection) -> list[str]:
    """Differences from the migrations' schema: missing or altered objects, then extra ones."""
    have, want = schema_of(conn), expected_schema()
    have_names = {(t, n): s for t, n, s in have}
    want_names = {(t, n): s for t, n, s in want}
    problems = []
    for (kind, name), sql in sorted(want_names.items()):
        if (kind, name) not in have_names:
            problems.append(f"{kind} {name} is missing")
        elif have_names[(kind, name)] != sql:
            problems.append(f"{kind} {name} differs from what the migrations create")
    for kind, name in sorted(set(have_names) - set(want_names)):
        problems.append(f"{kind} {name} is not created by the migrations")
    return problems
