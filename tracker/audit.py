"""The audit log: writing an entry, reading the history, describing an entry, data version.

Shared by the edits, the CLI, the staff pages and What's new.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping

from sqlite_utils import Database

from tracker import audit_chain
from tracker.errors import ValidationError


def data_version(database: Database) -> int:
    """A number that changes whenever status cells change (for cache keys)."""
    row = database.execute("select coalesce(max(id), 0) from audit_log").fetchone()
    return int(row[0])


def now_utc() -> str:
    """The current UTC time as an ISO 8601 timestamp (seconds)."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_entry(db: Database, **row: object) -> int:
    """Insert one audit row (old/new as JSON, ``at`` now, UTC); the caller owns the transaction."""
    for key in ("old", "new"):
        row[key] = json.dumps(row[key], sort_keys=True, ensure_ascii=False)
    return audit_chain.append(db, {"reverts": None, "at": now_utc(), **row})


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


def _fmt(value: object) -> str:
    return "∅" if value is None else json.dumps(value, ensure_ascii=False)


def describe(entry: dict) -> str:
    """One readable line per audit entry (used by ``history``)."""
    fields = "; ".join(
        f"{f} {_fmt(entry['old'].get(f))} → {_fmt(entry['new'].get(f))}"
        for f in sorted(set(entry["old"]) | set(entry["new"]))
    )
    reverts = f" (reverts #{entry['reverts']})" if entry.get("reverts") else ""
    return (
        f"#{entry['id']} {entry['at']} {entry['actor']} {entry['action']}{reverts} "
        f"{entry['iso3']}/{entry['instrument']}: {fields} — {entry['reason']}"
    )
