"""Staff edits of status cells: validated, versioned, audited, revertible.

Every write to ``status`` goes through :func:`apply_edit` (or :func:`revert`), which writes the
new values and exactly one ``audit_log`` row in one ``db.atomic()`` block. ``db.atomic()`` nests
as a savepoint, so callers may wrap many edits in one outer transaction (bulk apply, importers).

A no-op edit (every value equals the stored one, and the source URL is unchanged) writes nothing
and raises :class:`~tracker.errors.NoChange`.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from sqlite_utils import Database

from tracker.errors import (
    DatabaseBusy,
    InvalidEdit,
    NoChange,
    RevertConflict,
    StaleEdit,
    UnknownCountry,
    ValidationError,
)
from tracker.evidence import grade
from tracker.instruments import instrument as instrument_meta
from tracker.status import ALLOWED_STATUSES, Body, Status, derived_in_force
from tracker.validation import cell_problems, check_url, parse_date, parse_partial_date

EDITABLE = (
    "status",
    "signature_date",
    "consent_date",
    "consent_kind",
    "in_force_date",
    "denunciation_date",
    "denunciation_kind",
    "note",
    "verified",
)
DATE_FIELDS = ("signature_date", "consent_date", "in_force_date", "denunciation_date")
# Fields recorded in the audit row when they change (checked_on alone is not a change).
AUDITED = (*EDITABLE, "source_url", "source_date", "checked_on", "evidence")
# Provenance that follows from an edit; on its own it is not a change.
UNAUDITED_ALONE = frozenset({"checked_on", "source_date", "evidence"})
NOTE_MAX = 2000
TEXT_MAX = 200
_TRUE = {"1", "true", "yes", "y", "t"}
_FALSE = {"0", "false", "no", "n", "f", ""}


@dataclass(frozen=True)
class EditPlan:
    """What an edit would write: the merged cell and the changed fields before and after."""

    iso3: str
    instrument: str
    body: str
    version: int
    exists: bool
    cell: dict
    old: dict
    new: dict
    implied: frozenset[str] = frozenset()  # fields that follow from the edit (not a change alone)


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


def now_utc() -> str:
    """The current UTC time as an ISO 8601 timestamp (seconds)."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def allowed_statuses(body: Body | str) -> list[str]:
    """Statuses allowed for an instrument body, in vocabulary order."""
    allowed = ALLOWED_STATUSES[Body(body)]
    return [s.value for s in Status if s in allowed]


def load_cell(db: Database, *, iso3: object, instrument: object) -> dict:
    """The stored cell plus ``body``; ``version`` 0 and empty values if no cell exists yet.

    Raises :class:`UnknownCountry` / :class:`UnknownInstrument` for keys the tracker lacks.
    """
    code = str(iso3 or "").strip().upper()
    if not db.execute("select 1 from countries where iso3 = ?", [code]).fetchone():
        raise UnknownCountry(f"{iso3!r} is not one of the tracked states")
    meta = instrument_meta(db, str(instrument or ""))
    rows = list(db["status"].rows_where("iso3 = ? and instrument = ?", [code, meta["code"]]))
    cell = rows[0] if rows else {"iso3": code, "instrument": meta["code"], "version": 0}
    return {
        **cell,
        "body": meta["body"],
        "in_force_rule": meta["in_force_rule"],
        "instrument_in_force": meta["entry_into_force"],
    }


def _normalise(field: str, value: object) -> object:
    """One edited value in its stored form; raises ValidationError."""
    if field not in EDITABLE:
        raise ValidationError(field, f"cannot be edited (editable: {', '.join(EDITABLE)})")
    if field in DATE_FIELDS:
        day = parse_partial_date(field, value)
        return day.text if day else None
    if field == "verified":
        text = str(value).strip().lower() if value is not None else ""
        if isinstance(value, bool) or value in (0, 1):
            return int(bool(value))
        if text in _TRUE or text in _FALSE:
            return int(text in _TRUE)
        raise ValidationError(field, f"{value!r} is not true/false")
    text = "" if value is None else str(value).strip()
    if field == "status":
        return text
    limit = NOTE_MAX if field == "note" else TEXT_MAX
    if len(text) > limit:
        raise ValidationError(field, f"is longer than {limit} characters")
    return text or None


def _prepare(
    db: Database,
    *,
    iso3: object,
    instrument: object,
    changes: Mapping[str, object],
    source_url: object,
    today: dt.date | None = None,
) -> tuple[EditPlan, list[ValidationError]]:
    today = today or dt.date.today()
    stored = load_cell(db, iso3=iso3, instrument=instrument)
    problems: list[ValidationError] = []
    values: dict[str, object] = {}
    changes = dict(changes)
    source_date = changes.pop("source_date", None)
    changes.pop("evidence", None)  # graded from the source, never claimed
    for field, value in changes.items():
        try:
            values[str(field)] = _normalise(str(field), value)
        except ValidationError as err:
            problems.append(err)
    try:
        url = check_url("source_url", source_url)
    except ValidationError as err:
        problems.append(err)
        url = None if source_url is None else str(source_url).strip()
    wanted_in_force = values.pop("in_force_date", None)
    merged = {k: stored.get(k) for k in (*AUDITED, "iso3", "instrument")}
    merged.update(values)
    merged["source_url"] = url
    merged["checked_on"] = today.isoformat()
    # The cited page describes the record as of the day it was read, unless its date is given.
    if source_date not in (None, ""):
        try:
            merged["source_date"] = parse_partial_date("source_date", source_date).text
        except ValidationError as err:
            problems.append(err)
    elif url != stored.get("source_url") or not stored.get("source_date"):
        merged["source_date"] = today.isoformat()
    # The note speaks about the source only if it was written for it (edited now, or same URL).
    same_source = url == stored.get("source_url") or "note" in values
    merged["evidence"] = grade(
        url or "", str(merged.get("note") or "") if same_source else ""
    ).value
    if not stored["version"] and merged.get("verified") is None:
        merged["verified"] = 0
    consent_changed = merged.get("consent_date") != stored.get("consent_date")
    if consent_changed or wanted_in_force not in (None, stored.get("in_force_date")):
        try:
            parse_partial_date("consent_date", merged.get("consent_date"))
            derived_text = (
                derived_in_force(
                    merged.get("consent_date"),
                    rule=stored["in_force_rule"],
                    instrument_in_force=parse_date(
                        "entry_into_force", stored["instrument_in_force"]
                    ),
                )
                or None
            )
        except ValidationError:
            derived_text = None  # the bad consent date is reported by cell_problems
        if wanted_in_force is not None and wanted_in_force != derived_text:
            problems.append(
                ValidationError(
                    "in_force_date",
                    f"{wanted_in_force} is not the date derived from the consent date and "
                    f"the instrument's rule {stored['in_force_rule']} ({derived_text or 'none'})",
                )
            )
        merged["in_force_date"] = derived_text
    problems.extend(cell_problems(merged, body=stored["body"], today=today))
    old = {f: stored.get(f) for f in AUDITED if merged.get(f) != stored.get(f)}
    new = {f: merged.get(f) for f in old}
    plan = EditPlan(
        iso3=merged["iso3"],
        instrument=merged["instrument"],
        body=stored["body"],
        version=int(stored["version"]),
        exists=bool(stored["version"]),
        cell=merged,
        old=old,
        new=new,
        implied=UNAUDITED_ALONE - ({"source_date"} if source_date not in (None, "") else set()),
    )
    return plan, _dedupe(problems)


def _dedupe(problems: list[ValidationError]) -> list[ValidationError]:
    seen: dict[str, ValidationError] = {}
    for p in problems:
        seen.setdefault(str(p), p)
    return list(seen.values())


def prepare(
    db: Database,
    *,
    iso3: object,
    instrument: object,
    changes: Mapping[str, object],
    source_url: object,
    today: dt.date | None = None,
) -> EditPlan:
    """Validate an edit without writing; raises the errors :func:`apply_edit` would raise."""
    plan, problems = _prepare(
        db, iso3=iso3, instrument=instrument, changes=changes, source_url=source_url, today=today
    )
    if problems:
        raise InvalidEdit(problems)
    if not set(plan.old) - plan.implied:
        raise NoChange(f"{plan.iso3}/{plan.instrument}: nothing to change")
    return plan


def _required(field: str, value: object, what: str) -> list[ValidationError]:
    if value is None or not str(value).strip():
        return [ValidationError(field, f"{what} is required")]
    if len(str(value)) > NOTE_MAX:
        return [ValidationError(field, f"is longer than {NOTE_MAX} characters")]
    return []


def _audit(db: Database, **row: object) -> int:
    for key in ("old", "new"):
        row[key] = json.dumps(row[key], sort_keys=True, ensure_ascii=False)
    cur = db.execute(
        "insert into audit_log (at, actor, action, iso3, instrument, old, new, reason, "
        "source_url, reverts) values (:at, :actor, :action, :iso3, :instrument, :old, :new, "
        ":reason, :source_url, :reverts)",
        {"reverts": None, "at": now_utc(), **row},
    )
    return int(cur.lastrowid)


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
        plan, problems = _prepare(
            db, iso3=iso3, instrument=instrument, changes=changes, source_url=source_url
        )
        if expected_version is not None and int(expected_version) != plan.version:
            current = load_cell(db, iso3=iso3, instrument=instrument)
            raise StaleEdit(expected=int(expected_version), stored=plan.version, current=current)
        problems = (
            _required("actor", actor, "who made the change")
            + _required("reason", reason, "a reason")
            + _required("action", action, "an action")
            + problems
        )
        if problems:
            raise InvalidEdit(problems)
        if not set(plan.old) - plan.implied:
            raise NoChange(f"{plan.iso3}/{plan.instrument}: nothing to change")
        _write(db, plan, plan.new)
        return _audit(
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


def _entry(row: Mapping) -> dict:
    out = dict(row)
    for key in ("old", "new"):
        out[key] = json.loads(out[key]) if out.get(key) else {}
    return out


def history(
    db: Database,
    *,
    iso3: str | None = None,
    instrument: str | None = None,
    limit: int | None = None,
) -> list[dict]:
    """Audit entries, newest first, optionally for one state and/or instrument (old/new dicts)."""
    where, params = [], []
    if iso3:
        where.append("iso3 = ?")
        params.append(iso3.strip().upper())
    if instrument:
        where.append("instrument = ?")
        params.append(instrument.strip().upper())
    sql = "select * from audit_log" + (f" where {' and '.join(where)}" if where else "")
    sql += " order by id desc" + (" limit ?" if limit else "")
    cur = db.execute(sql, params + ([int(limit)] if limit else []))
    cols = [d[0] for d in cur.description]
    return [_entry(dict(zip(cols, r, strict=True))) for r in cur.fetchall()]


def revert(
    db: Database, *, audit_id: int, actor: str, reason: str | None = None, force: bool = False
) -> int:
    """Restore the exact values an audit entry replaced, as a new audited change; return its id.

    Raises RevertConflict when the cell changed after that entry (unless ``force``).
    """
    rows = history_entry(db, audit_id)
    if not rows.get("iso3") or not rows.get("instrument"):
        raise ValidationError("audit_id", f"audit entry #{audit_id} is not a cell change")
    problems = _required("actor", actor, "who made the change")
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
        return _audit(
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


def history_entry(db: Database, audit_id: int) -> dict:
    """One audit entry with old/new as dicts; ValidationError if there is none."""
    try:
        key = int(audit_id)
    except (TypeError, ValueError):
        raise ValidationError("audit_id", f"{audit_id!r} is not an audit entry number") from None
    cur = db.execute("select * from audit_log where id = ?", [key])
    row = cur.fetchone()
    if row is None:
        raise ValidationError("audit_id", f"there is no audit entry #{key}")
    return _entry(dict(zip([d[0] for d in cur.description], row, strict=True)))
