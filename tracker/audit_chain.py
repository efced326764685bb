"""The audit log as a hash chain: every row carries sha256(previous hash + its own content).

:func:`append` is the one place audit rows are written; it reads the last row and inserts
the next id with its hash in the caller's transaction, so two writers can never fork the
chain (the second one's id collides and it fails). :func:`verify` recomputes the chain.

The content format (:data:`HASHED`, :func:`row_hash`) is frozen: migration 0003 used it to
backfill old rows, so changing it would make every stored hash wrong.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping

from sqlite_utils import Database

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
