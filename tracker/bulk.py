"""Bulk edits from a CSV in the export format: parse, diff against the database, apply atomically.

Every row is checked with the same rules as a single edit (:func:`tracker.edits.prepare`) and
classified as ``added``, ``changed``, ``unchanged``, ``conflict`` or ``rejected`` (with reasons).
A row carrying the ``version`` it was downloaded at (:func:`download`) whose cell has changed
since is a ``conflict``: it is applied only when its line is chosen explicitly. Applying writes
every added/changed (and chosen conflict) row and its audit row in ONE transaction; a plan with
rejected rows applies nothing unless the caller explicitly excludes them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlite_utils import Database

from tracker import edits
from tracker.errors import InvalidEdit, NoChange, ParseError, TrackerError, ValidationError
from tracker.exports.rows import to_csv
from tracker.matrix import cells
from tracker.schema import BULK_CHANGE_FIELDS, BULK_INFORMATIONAL, EXPORT_COLUMNS

REQUIRED = ("iso3", "instrument", "status", "source_url")
INFORMATIONAL = BULK_INFORMATIONAL
# The cell version a row was downloaded at (staff download): a changed cell is a conflict.
VERSION = "version"
CHANGE_FIELDS = BULK_CHANGE_FIELDS
MAX_ROWS = 20_000
KINDS = ("added", "changed", "unchanged", "conflict", "rejected")


@dataclass
class BulkRow:
    """One CSV row and what applying it would do."""

    line: int
    iso3: str
    instrument: str
    kind: str
    changes: dict = field(default_factory=dict)
    source_url: str = ""
    version: int = 0
    old: dict = field(default_factory=dict)
    new: dict = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)
    based_on: int | None = None
    changed_by: str = ""


@dataclass
class BulkPlan:
    """Every row of an upload, classified."""

    rows: list[BulkRow]
    versioned: bool = False

    def of(self, kind: str) -> list[BulkRow]:
        """Rows of one kind (added, changed, unchanged, rejected)."""
        return [r for r in self.rows if r.kind == kind]

    def counts(self) -> dict[str, int]:
        """Number of rows of each kind."""
        return {k: len(self.of(k)) for k in KINDS}

    def to_write(self, chosen: Iterable[int] = ()) -> list[BulkRow]:
        """Rows applying would write: added, changed, and conflicts whose line is chosen."""
        lines = {int(n) for n in chosen}
        return [
            r
            for r in self.rows
            if r.kind in ("added", "changed") or (r.kind == "conflict" and r.line in lines)
        ]


def download(db: Database) -> str:
    """The matrix as CSV for editing: the export columns plus each cell's ``version``."""
    df = cells(db)
    rows = csv.reader(io.StringIO(to_csv(df), newline=""))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*next(rows), VERSION])
    for row, version in zip(rows, df["version"], strict=True):
        writer.writerow([*row, int(version)])
    return out.getvalue()


def parse(data: bytes | str) -> list[dict[str, str]]:
    """CSV rows (with ``_line``) from an upload; ParseError if it is not a usable CSV."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise ParseError(f"the file is not UTF-8 text ({err.reason})") from None
    data = data.lstrip("\ufeff")
    try:
        reader = csv.DictReader(io.StringIO(data, newline=""), strict=True)
        header = [h.strip() for h in (reader.fieldnames or [])]
        if not header:
            raise ParseError("the file is empty")
        known = (*EXPORT_COLUMNS, *INFORMATIONAL, VERSION)
        unknown = [h for h in header if h not in known]
        missing = [h for h in REQUIRED if h not in header]
        if unknown or missing or len(set(header)) != len(header):
            raise ParseError(
                "the header must use the export columns "
                f"({', '.join(EXPORT_COLUMNS)}); "
                + (f"unknown: {', '.join(map(repr, unknown))} " if unknown else "")
                + (f"missing: {', '.join(missing)}" if missing else "")
                + ("duplicate column names" if len(set(header)) != len(header) else "")
            )
        reader.fieldnames = header
        rows = []
        for row in reader:
            row["_line"] = reader.line_num
            rows.append(row)
            if len(rows) > MAX_ROWS:
                raise ParseError(f"more than {MAX_ROWS} rows; split the file")
    except csv.Error as err:
        raise ParseError(f"not a valid CSV file: {err}") from None
    return rows


def _classify(db: Database, row: dict, today: dt.date) -> BulkRow:
    line = int(row.pop("_line"))
    extra = row.pop(None, None)
    iso3 = str(row.get("iso3") or "").strip().upper()
    code = str(row.get("instrument") or "").strip().upper()
    out = BulkRow(line=line, iso3=iso3, instrument=code, kind="rejected")
    if extra is not None:
        out.reasons.append(f"more fields than columns ({len(extra)} extra)")
    if any(v is None for v in row.values()):
        out.reasons.append("fewer fields than columns")
    if out.reasons:
        return out
    out.changes = {f: row[f] for f in CHANGE_FIELDS if f in row}
    if VERSION in row:
        text = str(row[VERSION] or "").strip()
        if not text.isdigit() or len(text) > 9:
            out.reasons.append(f"version {text!r} is not a whole number")
            return out
        out.based_on = int(text)
    out.source_url = str(row.get("source_url") or "").strip()
    try:
        _evidence_claim(db, out, str(row.get("evidence") or ""))
        plan = edits.prepare(
            db,
            iso3=iso3,
            instrument=code,
            changes=out.changes,
            source_url=out.source_url,
            today=today,
        )
    except NoChange:
        out.kind = "unchanged"
    except InvalidEdit as err:
        out.reasons = [str(p) for p in err.problems]
    except TrackerError as err:
        out.reasons = [str(err)]
    else:
        out.kind = "changed" if plan.exists else "added"
        out.version, out.old, out.new = plan.version, plan.old, plan.new
        if out.based_on is not None and out.based_on != plan.version:
            out.kind = "conflict"
            out.changed_by = _last_change(db, iso3, code)
    return out


def _evidence_claim(db: Database, out: BulkRow, text: str) -> None:
    """A changed ``evidence`` value is a claim (capped like an edit's); the downloaded one is not.

    An empty value, or the level stored now, lets the edit grade the cited source itself, so a
    row citing a new URL is graded by it instead of keeping a level that URL may not support.
    """
    claim = text.strip().lower()
    if claim and claim != edits.load_cell(db, iso3=out.iso3, instrument=out.instrument).get(
        "evidence"
    ):
        out.changes["evidence"] = claim


def _last_change(db: Database, iso3: str, code: str) -> str:
    row = db.execute(
        "select actor, at from audit_log where iso3 = ? and instrument = ? "
        "order by id desc limit 1",
        [iso3, code],
    ).fetchone()
    return f"{row[0]} at {row[1]}" if row else ""


def diff(db: Database, data: bytes | str, *, today: dt.date | None = None) -> BulkPlan:
    """Parse an upload and classify every row against the database (writes nothing)."""
    today = today or dt.date.today()
    rows: list[BulkRow] = []
    seen: dict[tuple[str, str], int] = {}
    parsed = parse(data)
    versioned = bool(parsed) and VERSION in parsed[0]
    for raw in parsed:
        row = _classify(db, raw, today)
        key = (row.iso3, row.instrument)
        if key in seen:
            row.kind = "rejected"
            row.reasons.append(f"duplicate of line {seen[key]} for {row.iso3}/{row.instrument}")
        else:
            seen[key] = row.line
        rows.append(row)
    return BulkPlan(rows, versioned=versioned)


def apply(
    db: Database,
    plan: BulkPlan,
    *,
    actor: str,
    reason: str,
    exclude_rejected: bool = False,
    take_conflicts: Iterable[int] = (),
    progress: Callable[[int, int], None] | None = None,
) -> list[int]:
    """Write every added/changed row with its audit row in one transaction; return audit ids.

    Refuses (writing nothing) while the plan has rejected rows, unless ``exclude_rejected``.
    Conflict rows are skipped unless their line is in ``take_conflicts`` (then the file's values
    overwrite the version seen at the diff). Any failure (e.g. a cell edited since the diff)
    rolls back every row.
    """
    rejected = plan.of("rejected")
    if rejected and not exclude_rejected:
        lines = ", ".join(str(r.line) for r in rejected[:10])
        raise ValidationError(
            "rows",
            f"{len(rejected)} rejected row(s) (lines {lines}); fix them or exclude them",
        )
    todo = plan.to_write(take_conflicts)
    if not todo:
        raise NoChange("no row adds or changes anything")
    ids: list[int] = []
    with edits.transaction(db):
        for i, row in enumerate(todo, start=1):
            ids.append(
                edits.apply_edit(
                    db,
                    actor=actor,
                    iso3=row.iso3,
                    instrument=row.instrument,
                    changes=row.changes,
                    reason=reason,
                    source_url=row.source_url,
                    expected_version=row.version,
                    action="bulk",
                )
            )
            if progress is not None:
                progress(i, len(todo))
    return ids


def plan_table(plan: BulkPlan) -> list[dict]:
    """One display row per CSV row: line, key, kind, what changes, why rejected."""
    return [
        {
            "line": r.line,
            "iso3": r.iso3,
            "instrument": r.instrument,
            "result": r.kind,
            "changes": "; ".join(f"{k}: {r.old.get(k)} → {r.new.get(k)}" for k in r.new),
            "reasons": "; ".join(r.reasons),
        }
        for r in plan.rows
    ]


def conflict_table(plan: BulkPlan) -> list[dict]:
    """One display row per field of each conflict: stored now (theirs) next to the file's value."""
    return [
        {
            "line": r.line,
            "iso3": r.iso3,
            "instrument": r.instrument,
            "field": f,
            "stored now (theirs)": "" if r.old.get(f) is None else str(r.old.get(f)),
            "in the file": "" if r.new.get(f) is None else str(r.new.get(f)),
            "changed by": r.changed_by,
            "downloaded version": r.based_on,
            "version now": r.version,
        }
        for r in plan.of("conflict")
        for f in r.new
        # stamped and graded by the edit itself, unless the row chose the level
        if f != "checked_on" and (f != "evidence" or "evidence" in r.changes)
    ]
