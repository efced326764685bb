"""How old a file is against what the database already knows ("file older than the record").

A row that would move a cell backwards (party → signatory/none, signatory → none, or remove a
stored date) is held back when the cell's own evidence is newer than the file's as-of date, or
when the file states no as-of date at all: an old export must never silently undo a newer fact.
"""

from __future__ import annotations

import datetime as dt

RANK = {"none": 0, "signatory": 1, "party": 2, "denounced": 3}
DATED = ("signature_date", "consent_date", "denunciation_date")


def cell_evidence_date(cell: dict) -> str | None:
    """The date of a stored cell's evidence: its source's own date if known, else checked_on."""
    return cell.get("source_date") or cell.get("checked_on") or None


def as_of_date(value: str | dt.date | None) -> str | None:
    """An ISO as-of date from a parsed ``last_update`` or an uploader's date; None if unusable."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        return None


def moves_backwards(stored: dict, changes: dict) -> bool:
    """True when ``changes`` lower the stored status or remove a stored date."""
    if "status" in changes:
        old, new = stored.get("status"), changes["status"]
        if old in RANK and new in RANK and RANK[new] < RANK[old]:
            return True
    return any(stored.get(f) and f in changes and not changes[f] for f in DATED)


def older_than_record(cell: dict, stored: dict, changes: dict, as_of: str | None) -> str | None:
    """Why a backwards change is held ("file older than the stored record"), or None."""
    if not changes or not moves_backwards(stored, changes):
        return None
    evidence = cell_evidence_date(cell)
    if as_of is None:
        return (
            "the file states no as-of date and would move this cell backwards; "
            "give the file's date to compare it with the stored evidence"
            + (f" ({evidence})" if evidence else "")
        )
    if evidence and evidence > as_of:
        return f"file older than the stored record: file as of {as_of}, cell evidence {evidence}"
    return None
