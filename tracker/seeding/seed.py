"""Load the committed seed CSVs (``data/*.csv``) into the database."""

from __future__ import annotations

import json
from pathlib import Path

from sqlite_utils import Database

from tracker import audit
from tracker.config import DATA_DIR
from tracker.corridors import data as corridor_data
from tracker.schema import COUNTRY_FLAG_COLUMNS
from tracker.seeding.reference import read_csv

INT_COLUMNS = {
    "countries": {
        *COUNTRY_FLAG_COLUMNS,
        "migrant_stock",
        "migrant_stock_year",
        "emigrant_stock",
        "emigrant_stock_year",
    },
    "instruments": {"core", "migrant_relevant", "worldwide_parties", "sort_order"},
    "status": {"verified"},
    "sources": set(),
    "memberships": set(),
}


def _typed(table: str, row: dict[str, str]) -> dict[str, object]:
    ints = INT_COLUMNS[table]
    out: dict[str, object] = {}
    for key, value in row.items():
        if key == "verified" and table == "status":
            out[key] = int(value or 0)  # kept for old readers; evidence replaces it
        elif value == "":
            out[key] = None
        elif key in ints:
            out[key] = int(value)
        else:
            out[key] = value
    return out


def _load_history(db: Database, data_dir: Path) -> int:
    """The seed refresh's audit rows (``refresh_log.csv``) into audit_log, through the chain."""
    path = data_dir / "refresh_log.csv"
    if not path.exists():
        return 0
    rows = read_csv(path)
    for r in rows:
        entry = {k: (v or None) for k, v in r.items()}
        for key in ("old", "new"):
            entry[key] = json.loads(r[key] or "{}")
        audit.write_entry(db, **entry)
    return len(rows)


def seed(db: Database, *, data_dir: Path = DATA_DIR, history: bool = True) -> dict[str, int]:
    """Load reference tables (memberships replaced), and the status cells into an empty table.

    Idempotent: countries, instruments and sources are upserted (they are reference data owned
    by the seed); status cells are only inserted into an empty table, so staff edits are never
    overwritten by a re-run. With the cells come (``history``) the audit rows of the depositary
    refresh that made them, so the shipped database shows where each refreshed cell came from.
    """
    counts: dict[str, int] = {}
    with db.atomic():
        for table, pk in (("countries", "iso3"), ("instruments", "code"), ("sources", "id")):
            rows = [_typed(table, r) for r in read_csv(data_dir / f"{table}.csv")]
            if table == "sources":
                rows = [{k: v for k, v in r.items() if k != "file"} for r in rows]
            db[table].upsert_all(rows, pk=pk)
            counts[table] = len(rows)
        members = [_typed("memberships", r) for r in read_csv(data_dir / "memberships.csv")]
        db.execute("delete from memberships")  # reference data owned by the seed file
        db["memberships"].insert_all(
            [{"group_name": r.pop("group"), **r} for r in members], pk=("group_name", "iso3")
        )
        counts["memberships"] = len(members)
        if db["status"].count == 0:
            rows = [_typed("status", r) for r in read_csv(data_dir / "status.csv")]
            for r in rows:
                r["version"] = 1
            db["status"].insert_all(rows, pk=("iso3", "instrument"))
            counts["status"] = len(rows)
            counts["history"] = _load_history(db, data_dir) if history else 0
        else:
            counts["status"] = 0
        counts["corridors"] = corridor_data.load(db, data_dir=data_dir)
    return counts
