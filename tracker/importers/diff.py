"""Compare parsed official rows with the database, before anything is written.

Kinds: ``new_party``, ``status_change``, ``changed_dates``, ``unchanged``, ``rejected`` (the
change would break a validation rule, e.g. an ILO signatory) and ``not_mentioned`` (a tracked
state in the file's scope that the file does not list; for a complete UNTC/NORMLEX/OHCHR list
that means ``none``, proposed only for a stored party or signatory and applied only on request)
and ``older_than_stored`` (a backwards move while the cell's evidence is newer than the file's
as-of date: listed, never proposed; see ``evidence.py``).
Imports own status, dates and consent kind; ``note``, ``verified`` and the rest stay as stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

import pandas as pd
from sqlite_utils import Database

from tracker.countries import display_names, tracked_iso3
from tracker.edits import prepare
from tracker.errors import InvalidEdit, NoChange, TrackerError
from tracker.importers import ParseResult
from tracker.importers.evidence import as_of_date, older_than_record
from tracker.instruments import instrument as instrument_meta
from tracker.schema import IMPORT_OWNED
from tracker.validation import check_url

OWNED = IMPORT_OWNED
KINDS = (
    "new_party",
    "status_change",
    "changed_dates",
    "not_mentioned",
    "older_than_stored",
    "rejected",
    "unchanged",
)
KEPT = ("territory", "not_eligible")
KIND_LABELS = {
    "new_party": "New parties",
    "status_change": "Status changes",
    "changed_dates": "Changed dates",
    "not_mentioned": "Not in the file (would become 'none', only if you ask)",
    "older_than_stored": "File older than the stored record: not proposed",
    "rejected": "Rejected: would break a rule, never applied",
}


@dataclass
class Entry:
    """One cell's comparison: stored and proposed owned values, the changes, any problems."""

    iso3: str
    country: str
    kind: str
    stored: dict
    proposed: dict
    changes: dict
    version: int
    problems: list[str] = field(default_factory=list)
    note: str | None = None

    def as_dict(self) -> dict:
        """JSON-ready form."""
        return {
            "iso3": self.iso3,
            "country": self.country,
            "kind": self.kind,
            "stored": self.stored,
            "proposed": self.proposed,
            "changes": self.changes,
            "version": self.version,
            "problems": self.problems,
            "note": self.note,
        }


@dataclass
class ImportDiff:
    """The whole comparison of one parsed file with the database."""

    result: ParseResult
    source_url: str
    entries: list[Entry]
    as_of: str | None = None

    def of(self, kind: str) -> list[Entry]:
        """Entries of one kind."""
        return [e for e in self.entries if e.kind == kind]

    def counts(self) -> dict[str, int]:
        """Number of entries per kind (every kind present, zero if none)."""
        return {k: len(self.of(k)) for k in KINDS}

    def pending(self, *, include_not_mentioned: bool = False) -> list[Entry]:
        """Entries apply would write."""
        kinds = {"new_party", "status_change", "changed_dates"}
        if include_not_mentioned:
            kinds.add("not_mentioned")
        return [e for e in self.entries if e.kind in kinds and e.changes]

    def summary(self) -> str:
        """One line about the file: title, last update, skipped and withdrawn participants."""
        r = self.result
        return (
            f"Title: {r.title or 'not shown'} · file as of: {self.as_of or 'not shown'} · "
            f"{r.skipped_outside} states outside the tracked 51 skipped · withdrawn: "
            f"{', '.join(r.withdrawn) or 'none'}"
        )

    def fingerprint(self) -> str:
        """Short hash of every pending change and stored version (detects a moved database)."""
        items = [(e.iso3, e.kind, e.changes, e.version) for e in self.entries if e.changes]
        return hashlib.sha256(json.dumps(items, sort_keys=True).encode()).hexdigest()[:16]

    def table(self, kind: str) -> pd.DataFrame:
        """One kind's entries as a review table: stored → proposed per changed field."""
        rows = []
        for e in self.of(kind):
            fields = e.changes or {f: v for f, v in e.proposed.items() if v}
            rows.append(
                {
                    "iso3": e.iso3,
                    "country": e.country,
                    "changes": "; ".join(
                        f"{f}: {e.stored.get(f) or '∅'} → {v or '∅'}" for f, v in fields.items()
                    ),
                    "problems": "; ".join(e.problems),
                    "note in file": e.note or "",
                }
            )
        return pd.DataFrame(
            rows, columns=["iso3", "country", "changes", "problems", "note in file"]
        )

    def as_dict(self) -> dict:
        """JSON-ready form: metadata, counts and every entry except unchanged ones."""
        return {
            **self.result.metadata(),
            "as_of": self.as_of,
            "source_url": self.source_url,
            "counts": self.counts(),
            "entries": [e.as_dict() for e in self.entries if e.kind != "unchanged"],
        }


def _owned(cell: dict) -> dict:
    return {f: cell.get(f) or None for f in OWNED}


def _proposal(stored: dict, proposed: dict) -> dict:
    """The owned fields to write: a consent kind the file does not state is kept."""
    values = dict(proposed)
    if values.get("consent_date") and values.get("consent_kind") is None:
        values["consent_kind"] = stored.get("consent_kind")
    if values["status"] in ("none", "signatory"):
        values["consent_kind"] = None
    return {f: v for f, v in values.items() if v != stored.get(f)}


def _kind(stored: dict, changes: dict) -> str:
    if not changes:
        return "unchanged"
    if "status" in changes:
        return "new_party" if changes["status"] == "party" else "status_change"
    return "changed_dates"


def diff(
    db: Database,
    result: ParseResult,
    *,
    source_url: str | None = None,
    today=None,
    as_of: str | dt.date | None = None,
) -> ImportDiff:
    """Compare parsed rows with the stored cells of ``result.instrument``; writes nothing.

    ``as_of`` is the file's date given by the uploader; default the date the file states.
    """
    meta = instrument_meta(db, result.instrument)
    file_date = as_of_date(as_of) or as_of_date(result.last_update)
    url = check_url("source_url", source_url or meta["url"])  # ValidationError if not http(s)
    today = today or dt.date.today()
    stored_cells = {r["iso3"]: r for r in db["status"].rows_where("instrument = ?", [meta["code"]])}
    names = display_names()
    entries: list[Entry] = []

    def add(iso3: str, proposed: dict, note: str | None, *, absent: bool = False) -> None:
        cell = stored_cells.get(iso3, {})
        stored = _owned(cell)
        if proposed["status"] == "none" and stored["status"] in KEPT:
            # Depositary lists cannot express these tracker judgements: never downgrade them.
            proposed, note = dict(stored), f"kept as {stored['status']} (the file lists no dates)"
        changes = _proposal(stored, proposed)
        kind = "not_mentioned" if absent else _kind(stored, changes)
        entry = Entry(
            iso3, names.get(iso3, iso3), kind, stored, proposed, changes, cell.get("version", 0)
        )
        entry.note = note
        held = older_than_record(cell, stored, changes, file_date)
        if held:
            entry.kind, entry.problems = "older_than_stored", [held]
        elif changes:
            try:
                prepare(
                    db,
                    iso3=iso3,
                    instrument=meta["code"],
                    changes=changes,
                    source_url=url,
                    today=today,
                )
            except InvalidEdit as err:
                entry.kind = "rejected"
                entry.problems = [str(p) for p in err.problems]
            except NoChange:
                entry.kind, entry.changes = ("not_mentioned" if absent else "unchanged"), {}
            except TrackerError as err:
                entry.kind, entry.problems = "rejected", [str(err)]
        entries.append(entry)

    mentioned = set()
    for row in result.rows:
        mentioned.add(row.iso3)
        add(row.iso3, {f: getattr(row, f) for f in OWNED}, row.note)
    scope = result.scope if result.scope is not None else tracked_iso3()
    for iso3 in sorted(scope - mentioned):
        stored_status = stored_cells.get(iso3, {}).get("status")
        if stored_status in ("party", "signatory"):
            add(iso3, {f: None for f in OWNED} | {"status": "none"}, None, absent=True)
        elif stored_status == "denounced":
            entries.append(
                Entry(
                    iso3,
                    names.get(iso3, iso3),
                    "not_mentioned",
                    _owned(stored_cells[iso3]),
                    {},
                    {},
                    stored_cells[iso3]["version"],
                    note="stored as denounced; not listed, review by hand",
                )
            )
    order = {k: i for i, k in enumerate(KINDS)}
    entries.sort(key=lambda e: (order[e.kind], e.country))
    return ImportDiff(result=result, source_url=url, entries=entries, as_of=file_date)
