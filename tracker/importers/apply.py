"""Apply a reviewed import: one transaction, one audit row per changed cell, citing the snapshot."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlite_utils import Database

from tracker.edits import apply_edit
from tracker.importers import ImportBlocked, ParseResult, parse
from tracker.importers.diff import ImportDiff, diff
from tracker.importers.snapshot import Snapshot, save_snapshot
from tracker.validation import check_text


@dataclass
class ApplyReport:
    """What an apply wrote: audit ids per cell, the snapshot, and what it left out."""

    snapshot: Snapshot | None
    audit_ids: dict[str, int] = field(default_factory=dict)
    rejected: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        """JSON-ready form."""
        return {
            "snapshot": self.snapshot.id if self.snapshot else None,
            "snapshot_path": self.snapshot.path if self.snapshot else None,
            "changed": len(self.audit_ids),
            "audit_ids": self.audit_ids,
            "rejected": self.rejected,
        }


def check_applicable(result: ParseResult) -> None:
    """Refuse an import whose file names states the tracker cannot resolve."""
    if result.unknown_names:
        raise ImportBlocked(
            f"unknown country name(s): {', '.join(result.unknown_names)} — add the depositary "
            "spelling to data/country_aliases.csv (nothing was written)"
        )


def apply_diff(
    db: Database,
    plan: ImportDiff,
    *,
    actor: str,
    reason: str,
    snapshot: Snapshot,
    include_not_mentioned: bool = False,
) -> ApplyReport:
    """Write every pending change of ``plan`` in one transaction (all or nothing)."""
    check_applicable(plan.result)
    report = ApplyReport(snapshot=snapshot, rejected=[e.iso3 for e in plan.of("rejected")])
    why = f"{reason} (import {plan.result.source} {plan.result.instrument}, snapshot {snapshot.id})"
    with db.atomic():
        for entry in plan.pending(include_not_mentioned=include_not_mentioned):
            report.audit_ids[entry.iso3] = apply_edit(
                db,
                actor=actor,
                iso3=entry.iso3,
                instrument=plan.result.instrument,
                # The snapshot describes the record as of the file's date, not the upload day.
                changes={**entry.changes, **({"source_date": plan.as_of} if plan.as_of else {})},
                reason=why,
                source_url=plan.source_url,
                expected_version=entry.version,
                action="import",
            )
    return report


def import_file(
    db: Database,
    data: bytes,
    *,
    source: str,
    instrument: str,
    actor: str,
    name: str | None = None,
    source_url: str | None = None,
    reason: str | None = None,
    include_not_mentioned: bool = False,
    retrieved_on: dt.date | None = None,
    expected_fingerprint: str | None = None,
    as_of: str | dt.date | None = None,
) -> tuple[ImportDiff, ApplyReport]:
    """Parse, diff, snapshot and apply in one go (the CLI and the Import page's Apply button).

    The snapshot is written only when the file parses and is applicable; the database rows
    (sources entry, cells, audit rows) commit together or not at all. With
    ``expected_fingerprint`` (from the diff the reviewer saw) a database that changed since
    then refuses the import. ``as_of`` is the uploader's date for the file (default: the date
    the file states); cells it would move backwards while their evidence is newer are held.
    """
    check_text("actor", actor)  # before anything, the snapshot file included, is written
    check_text("reason", reason)
    result = parse(source, data, instrument=instrument)
    plan = diff(db, result, source_url=source_url, as_of=as_of)
    check_applicable(result)
    if expected_fingerprint is not None and plan.fingerprint() != expected_fingerprint:
        raise ImportBlocked("the database changed since the differences were shown; review again")
    with db.atomic():
        snap = save_snapshot(
            db,
            data,
            source=source,
            instrument=result.instrument,
            name=name,
            origin_url=plan.source_url,
            retrieved_on=retrieved_on,
        )
        report = apply_diff(
            db,
            plan,
            actor=actor,
            reason=reason or f"refresh from {source} official record",
            snapshot=snap,
            include_not_mentioned=include_not_mentioned,
        )
    return plan, report
