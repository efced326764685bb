"""Staff edits of status cells: validated, versioned, audited, revertible.

Every write to ``status`` goes through :func:`apply_edit` (or :func:`revert`), which writes the
new values and exactly one ``audit_log`` row in one ``db.atomic()`` block. ``db.atomic()`` nests
as a savepoint, so callers may wrap many edits in one outer transaction (bulk apply, importers).

A no-op edit (every value equals the stored one, and the source URL is unchanged) writes nothing
and raises :class:`~tracker.errors.NoChange`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from sqlite_utils import Database

from tracker.audit import history_entry, write_entry
from tracker.edit_plan import (
    EditPlan,
    allowed_statuses,
    load_cell,
    plan_edit,
    prepare,
    required,
)
from tracker.errors import (
    DatabaseBusy,
    InvalidEdit,
    NoChange,
    RevertConflict,
    StaleEdit,
    ValidationError,
)
from tracker.schema import AUDITED, EDITABLE

# The editing API: pages, the CLI, bulk edit and importers use these names from here.
__all__ = [
    "AUDITED",
    "EDITABLE",
    "EditPlan",
    "allowed_statuses",
    "apply_edit",
    "load_cell",
    "prepare",
    "revert",
    "transaction",
]


@contextmanager
def transaction(db: Database) -> Iterator[Database]:
    """``db.atomic()`` that, when outermost, takes the write lock first (BEGIN IMMEDIATE).

    Reading the version and writing then happen under one lock, so a concurrent writer waits
    (busy timeout) instead of invalidating what was read; a lock held too long raises
    :class:`DatabaseBusy`. Inside an outer transaction it is a savepoint.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as err:
        raise DatabaseBusy(
            f"the database is busy ({err}); nothing was written, try again"
        ) from None
    try:
        with db.atomic():
            yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


def _write(db: Database, plan: EditPlan, values: Mapping[str, object]) -> None:
    if not plan.exists:
        row = {k: plan.cell.get(k) for k in (*AUDITED, "iso3", "instrument")}
        db.execute(
            f"insert into status ({', '.join(row)}, version) "
            f"values ({', '.join(':' + k for k in row)}, 1)",
            row,
        )
        return
    sets = ", ".join(f"[{f}] = :{f}" for f in values)
    cur = db.execute(
        f"update status set {sets}, version = version + 1 "
        "where iso3 = :_iso3 and instrument = :_code and version = :_version",
        {**values, "_iso3": plan.iso3, "_code": plan.instrument, "_version": plan.version},
    )
    if cur.rowcount != 1:
        stored = load_cell(db, iso3=plan.iso3, instrument=plan.instrument)
        raise StaleEdit(expected=plan.version, stored=int(stored["version"]), current=stored)


def apply_edit(
    db: Database,
    *,
    actor: str,
    iso3: str,
    instrument: str,
    changes: Mapping[str, object],
    reason: str,
    source_url: str,
    expected_version: int | None = None,
    action: str = "edit",
) -> int:
    """Validate and write one cell edit plus its audit row atomically; return the audit id.

    Raises UnknownCountry/UnknownInstrument, InvalidEdit (a ValidationError listing every
    broken rule), StaleEdit when ``expected_version`` is not the stored version, and NoChange
    when nothing differs (nothing is written).
    """
    with transaction(db):
        plan, problems = plan_edit(
            db, iso3=iso3, instrument=instrument, changes=changes, source_url=source_url
        )
        if expected_version is not None and int(expected_version) != plan.version:
            current = load_cell(db, iso3=iso3, instrument=instrument)
            raise StaleEdit(expected=int(expected_version), stored=plan.version, current=current)
        problems = (
            required("actor", actor, "who made the change")
            + required("reason", reason, "a reason")
            + required("action", action, "an action")
            + problems
        )
        if problems:
            raise InvalidEdit(problems)
        if not set(plan.old) - plan.implied:
            raise NoChange(f"{plan.iso3}/{plan.instrument}: nothing to change")
        _write(db, plan, plan.new)
        return write_entry(
            db,
            actor=str(actor).strip(),
            action=str(action).strip() if plan.exists else "add",
            iso3=plan.iso3,
            instrument=plan.instrument,
            old=plan.old,
            new=plan.new,
            reason=str(reason).strip(),
            source_url=plan.cell["source_url"],
        )


def revert(
    db: Database, *, audit_id: int, actor: str, reason: str | None = None, force: bool = False
) -> int:
    """Restore the exact values an audit entry replaced, as a new audited change; return its id.

    Raises RevertConflict when the cell changed after that entry (unless ``force``).
    """
    rows = history_entry(db, audit_id)
    if not rows.get("iso3") or not rows.get("instrument"):
        raise ValidationError("audit_id", f"audit entry #{audit_id} is not a cell change")
    problems = required("actor", actor, "who made the change")
    if reason is not None and str(reason).strip():
        problems += required("reason", reason, "a reason")
    if problems:
        raise InvalidEdit(problems)
    iso3, code = rows["iso3"], rows["instrument"]
    with transaction(db):
        later = [
            r[0]
            for r in db.execute(
                "select id from audit_log where iso3 = ? and instrument = ? and id > ? order by id",
                [iso3, code, int(audit_id)],
            ).fetchall()
        ]
        if later and not force:
            raise RevertConflict(int(audit_id), later)
        current = load_cell(db, iso3=iso3, instrument=code)
        if rows["action"] == "add":
            fields = [f for f in AUDITED if current.get(f) is not None]
            old = {f: current.get(f) for f in fields}
            db.execute("delete from status where iso3 = ? and instrument = ?", [iso3, code])
            new: dict = {}
        else:
            if not current["version"]:
                raise ValidationError("audit_id", f"the cell {iso3}/{code} no longer exists")
            new = rows["old"]
            old = {f: current.get(f) for f in new}
            sets = ", ".join(f"[{f}] = :{f}" for f in new if f in AUDITED)
            db.execute(
                f"update status set {sets}, version = version + 1 "
                "where iso3 = :_iso3 and instrument = :_code",
                {**new, "_iso3": iso3, "_code": code},
            )
        return write_entry(
            db,
            actor=str(actor).strip(),
            action="revert",
            iso3=iso3,
            instrument=code,
            old=old,
            new=new,
            reason=(reason or "").strip() or f"revert #{audit_id}",
            source_url=new.get("source_url", current.get("source_url")),
            reverts=int(audit_id),
        )
