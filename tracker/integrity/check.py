"""Integrity report over the whole database (``python -m tracker check``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from tracker.audit import verify as verify_audit_chain
from tracker.integrity.schema_check import schema_problems
from tracker.validation import cell_problems


@dataclass(frozen=True)
class Problem:
    """One integrity problem, located by table and key."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def check(db: Database, *, today: dt.date | None = None) -> list[Problem]:
    """Every integrity problem: foreign keys, schema and triggers, audit hash chain, cell rules."""
    problems: list[Problem] = []
    for row in db.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(Problem(f"{row[0]} rowid {row[1]}", f"foreign key to {row[2]} broken"))
    integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    if integrity != "ok":
        problems.append(Problem("database", f"integrity_check: {integrity}"))
    problems.extend(Problem("schema", m) for m in schema_problems(db.conn))
    problems.extend(Problem("audit_log", m) for m in verify_audit_chain(db))

    missing = db.execute(
        """select c.iso3, i.code from countries c cross join instruments i
           where not exists (select 1 from status s where s.iso3 = c.iso3
                             and s.instrument = i.code)"""
    ).fetchall()
    for iso3, code in missing:
        problems.append(Problem(f"{iso3}/{code}", "no status cell"))

    bodies = {r["code"]: r["body"] for r in db["instruments"].rows}
    for cell in db["status"].rows:
        body = bodies.get(cell["instrument"])
        if body is None:
            continue  # reported by the foreign key check
        for err in cell_problems(cell, body=body, today=today):
            problems.append(Problem(f"{cell['iso3']}/{cell['instrument']}", str(err)))
    return problems
