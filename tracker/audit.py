"""The audit log: the hash chain, writing an entry, reading the history, describing an entry.

Shared by the edits, the CLI, the staff pages and What's new; also gives the data version.

Every row carries sha256(previous hash + its own content). :func:`append` is the one place audit
rows are written; it reads the last row and inserts the next id with its hash in the caller's
transaction, so two writers can never fork the chain (the second one's id collides and it
fails). :func:`verify` recomputes the chain.

The content format (:data:`HASHED`, :func:`row_hash`) is frozen: migration 0004 used it to
backfill old rows, so changing it would make every stored hash wrong.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping

from sqlite_utils import Database

from tracker.errors import ValidationError

HASHED = (
    "id",
    "at",
    "actor",
    "action",
    "iso3",
    "instrument",
    "old",
    "new",
    "reason",
    "source_url",
    "reverts",
)
GENESIS = "0" * 64


def row_hash(previous: str, row: Mapping[str, object]) -> str:
    """sha256 hex of the previous row's hash and this row's :data:`HASHED` values."""
    content = json.dumps([row.get(k) for k in HASHED], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{previous}\n{content}".encode()).hexdigest()


def _head(db: Database) -> tuple[int, str]:
    last = db.execute("select id, hash from audit_log order by id desc limit 1").fetchone()
    return (0, GENESIS) if last is None else (int(last[0]), last[1] or GENESIS)


def append(db: Database, row: Mapping[str, object]) -> int:
    """Insert one audit row (without id) as the next link of the chain; return its id."""
    return append_many(db, [row])[-1]


def append_many(db: Database, rows: Iterable[Mapping[str, object]]) -> list[int]:
    """Insert audit rows in order, each chained to the one before; return their ids."""
    last_id, previous = _head(db)
    values = []
    for row in rows:
        last_id += 1
        full = {k: row.get(k) for k in HASHED if k != "id"} | {"id": last_id}
        previous = row_hash(previous, full)
        values.append({**full, "hash": previous})
    db.conn.executemany(
        f"insert into audit_log ({', '.join(HASHED)}, hash) "
        f"values ({', '.join(':' + k for k in HASHED)}, :hash)",
        values,
    )
    return [v["id"] for v in values]


def verify(db: Database) -> list[str]:
    """One message per audit row whose stored hash does not match the chain (empty: intact)."""
    problems = []
    previous = GENESIS
    cur = db.execute(f"select {', '.join(HASHED)}, hash from audit_log order by id")
    for values in cur:
        row = dict(zip((*HASHED, "hash"), values, strict=True))
        expected = row_hash(previous, row)
        if row["hash"] != expected:
            what = "has no hash" if not row["hash"] else "does not match the hash chain"
            problems.append(f"audit entry #{row['id']} {what} (changed, inserted or removed)")
            if len(problems) >= 20:
                problems.append("… (further audit entries not checked)")
                break
        previous = row["hash"] or expected
    return problems


def head(db: Database) -> str:
    """The newest audit row's hash: write it down elsewhere to detect a rewritten chain."""
    return _head(db)[1]


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
    return append(db, {"reverts": None, "at": now_utc(), **row})


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
