"""Refresh the stored cells from official files, through the import path (audited, repeatable).

For each file: parse it with :mod:`tracker.importers`, apply the diff (every change audited, a
snapshot kept), then re-cite every cell the file confirms — same status and dates — so it
rests on the depositary record with the file's own as-of date as its ``source_date``. Cells the
importer holds back (the file is older than the stored record) keep their newer facts and
their source. Running it twice changes nothing the second time.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from tracker.config import DATA_DIR
from tracker.dates import parse_partial
from tracker.edits import apply_edit, load_cell, transaction
from tracker.errors import NoChange, ValidationError
from tracker.importers.evidence import as_of_date
from tracker.schema import EVENT_DATES

OHCHR_DASHBOARD = "https://indicators.ohchr.org/"
_OHCHR_NAME = re.compile(r"UnderlyingData_([A-Za-z0-9]+)_OHCHR", re.IGNORECASE)
_MTDSG_NAME = re.compile(r"^([IVXL]+-\d+(?:-[a-z])?)\.en\.xml$", re.IGNORECASE)
_MTDSG_URL = re.compile(r"mtdsg_no=([IVXL]+-\d+(?:-[a-z])?)(?:&|$)", re.IGNORECASE)


@dataclass
class FileReport:
    """What refreshing from one file did."""

    path: str
    source: str = ""
    instrument: str = ""
    as_of: str = ""
    changed: int = 0
    recited: int = 0
    held: int = 0
    skipped: str = ""
    snapshot: str | None = None
    sha256: str = ""
    source_url: str = ""


@dataclass
class RefreshReport:
    """One line per file."""

    files: list[FileReport] = field(default_factory=list)

    def lines(self) -> list[str]:
        """One readable line per file."""
        out = []
        for f in self.files:
            if f.skipped:
                out.append(f"{f.path}: skipped — {f.skipped}")
                continue
            out.append(
                f"{f.path}: {f.source} {f.instrument} as of {f.as_of}: {f.changed} changed, "
                f"{f.recited} re-cited to the record, {f.held} kept (newer or held back); "
                f"snapshot {f.snapshot}"
            )
        return out


def _mtdsg_codes(data_dir: Path) -> dict[str, str]:
    with open(data_dir / "instruments.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    out = {}
    for r in rows:
        found = _MTDSG_URL.search(r["url"] or "")
        if found:
            out[found.group(1).upper()] = r["code"]
    return out


def identify(path: Path, *, data_dir: Path = DATA_DIR) -> tuple[str, str] | None:
    """``(source, instrument)`` of an official file from its published name; None if untracked.

    UNTC MTDSG XML is named by chapter number (``IV-13.en.xml`` is the ICRMW); an OHCHR export
    by treaty (``UnderlyingData_CAT_OHCHR_….xls``). The importer still checks the file's own
    title against the instrument and refuses a mismatch.
    """
    name = path.name
    ohchr = _OHCHR_NAME.search(name)
    if ohchr:
        return "ohchr", ohchr.group(1).upper()
    untc = _MTDSG_NAME.match(name)
    if untc:
        code = _mtdsg_codes(data_dir).get(untc.group(1).upper())
        return ("untc", code) if code else None
    return None


def _agrees(cell: dict, row: dict) -> bool:
    if cell.get("status") != row["status"]:
        return False
    return all((cell.get(k) or "") == (row.get(k) or "") for k in EVENT_DATES)


def _file_day(value: object) -> str:
    try:
        parsed = parse_partial(value)
    except ValueError:
        return ""
    return parsed.text if parsed else ""


def refresh_file(
    db: Database,
    path: Path,
    *,
    actor: str,
    reason: str,
    as_of: str | None = None,
) -> FileReport:
    """Apply one official file through the importer, then re-cite the cells it confirms.

    The file's own as-of date (UNTC "Status as at", the OHCHR timestamp) is the cells' new
    ``source_date``; ``as_of`` is used only for a file that states none.
    """
    from tracker.importers import parse
    from tracker.importers.apply import import_file

    report = FileReport(path=str(path))
    found = identify(path)
    if found is None:
        report.skipped = "not a tracked instrument (by its published file name)"
        return report
    report.source, report.instrument = found
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ValidationError("file", f"cannot read {path}: {err.strerror}") from None
    url = OHCHR_DASHBOARD if report.source == "ohchr" else None
    # The file's own date wins; ``as_of`` only dates a file that states none. Known before
    # anything is written: the importer holds back rows that would move a newer cell backwards.
    stated = parse(report.source, data, instrument=report.instrument).last_update
    report.as_of = as_of_date(stated) or _file_day(as_of)
    if not report.as_of:
        raise ValidationError(
            "as_of", f"{path.name} states no as-of date; give the date the file describes"
        )
    plan, applied = import_file(
        db,
        data,
        source=report.source,
        instrument=report.instrument,
        actor=actor,
        name=path.name,
        source_url=url,
        reason=f"{reason}; file {path.name} sha256 {hashlib.sha256(data).hexdigest()}",
        as_of=report.as_of,
    )
    report.sha256 = applied.snapshot.sha256 if applied.snapshot else ""
    report.source_url = plan.source_url
    report.changed = len(applied.audit_ids)
    report.snapshot = applied.snapshot.id if applied.snapshot else None
    why = (
        f"{reason} (confirmed by {report.source} file {path.name}, snapshot {report.snapshot}, "
        f"sha256 {report.sha256})"
    )
    for row in plan.result.rows:
        cell = load_cell(db, iso3=row.iso3, instrument=report.instrument)
        if not cell["version"] or not _agrees(cell, row.as_dict()):
            report.held += 1  # newer than the file, or held back by the importer
            continue
        newer = parse_partial(cell.get("source_date") or None)
        just_changed = row.iso3 in applied.audit_ids  # cited now, dated by the file below
        if (
            not just_changed
            and newer
            and newer.first > parse_partial(report.as_of).last
            and (cell.get("evidence") == "depositary")
        ):
            continue  # already on a newer depositary record
        try:
            apply_edit(
                db,
                actor=actor,
                iso3=row.iso3,
                instrument=report.instrument,
                changes={"source_date": report.as_of},
                reason=why,
                source_url=plan.source_url,
                action="import",
            )
            report.recited += 1
        except NoChange:
            pass
    return report


_REFERENCE_FIELDS = (
    "status",
    "signature_date",
    "consent_date",
    "consent_kind",
    "denunciation_date",
    "denunciation_kind",
    "note",
)


def refresh_reference(
    db: Database, *, actor: str, reason: str, data_dir: Path = DATA_DIR
) -> dict[str, int]:
    """Apply ``ilo_dates.csv`` and ``un_corrections.csv`` to an existing database, audited.

    A fresh ``init`` gets them from the seed; a database in use gets each corrected cell as an
    edit (action ``import``) in one transaction. A cell that no longer accepts the correction
    (a rule broken, e.g. after a staff edit) is counted and left as it is.
    """
    from tracker.errors import InvalidEdit
    from tracker.seeding.corrections import apply_ilo_dates, apply_un_corrections
    from tracker.seeding.reference import read_csv

    instruments = {r["code"]: r for r in read_csv(data_dir / "instruments.csv")}
    ref = data_dir / "reference"
    stored = [dict(r) for r in db["status"].rows_where(order_by="iso3, instrument")]
    fixed = apply_ilo_dates(stored, read_csv(ref / "ilo_dates.csv"), instruments)
    fixed = apply_un_corrections(fixed, read_csv(ref / "un_corrections.csv"), instruments)
    counts = {"changed": 0, "refused": 0}
    with transaction(db):
        for old, new in zip(stored, fixed, strict=True):
            changes = {
                k: new.get(k) or ""
                for k in _REFERENCE_FIELDS
                if (new.get(k) or "") != (old.get(k) or "")
            }
            if not changes and new["source_url"] == old["source_url"]:
                continue
            try:
                apply_edit(
                    db,
                    actor=actor,
                    iso3=old["iso3"],
                    instrument=old["instrument"],
                    changes={**changes, "source_date": new.get("source_date") or ""},
                    reason=f"{reason} (second collection: ilo_dates.csv, un_corrections.csv)",
                    source_url=new["source_url"],
                    expected_version=old["version"],
                    action="import",
                )
                counts["changed"] += 1
            except InvalidEdit:
                counts["refused"] += 1
            except NoChange:
                pass
    return counts


def refresh(
    db: Database,
    paths: list[Path],
    *,
    actor: str,
    reason: str,
    as_of: str | None = None,
) -> RefreshReport:
    """Refresh from every file in ``paths`` (directories are walked), one file at a time."""
    files: list[Path] = []
    for p in paths:
        files.extend(sorted(q for q in p.rglob("*") if q.is_file()) if p.is_dir() else [p])
    out = RefreshReport()
    for path in files:
        if path.suffix.lower() not in (".xml", ".xls", ".xlsx", ".csv"):
            continue
        with transaction(db):  # one file: all of its changes and re-citations, or none
            out.files.append(refresh_file(db, path, actor=actor, reason=reason, as_of=as_of))
    return out
