"""CLI: ``python -m tracker import untc|normlex|ohchr FILE --instrument CODE [--dry-run]``.

Exit codes: 0 read (and applied unless --dry-run); 2 refused (one ``error:`` line, or a JSON
``{"error": …}`` object with ``--format json``), nothing written; 3 dry run that found names
the tracker cannot resolve (listed), nothing written.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from tracker.cli.common import open_db
from tracker.errors import TrackerError, UnreadableFile
from tracker.importers import SOURCES

UNKNOWN_NAMES_EXIT = 3

KIND_LABELS = {
    "new_party": "New parties",
    "status_change": "Status changes",
    "changed_dates": "Changed dates",
    "not_mentioned": "Not in the file (proposed: none; apply with --include-not-mentioned)",
    "older_than_stored": "File older than the stored record (not proposed; never applied)",
    "rejected": "Rejected (break a validation rule; never applied)",
}


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``import`` subcommand."""
    p = sub.add_parser(
        "import",
        help="refresh one instrument from an official file (UNTC, NORMLEX, OHCHR export)",
        description="Parse an official status file, show the differences with the database "
        "and, unless --dry-run, apply them in one transaction with audit rows citing a "
        "snapshot of the file (kept in data/snapshots/).",
    )
    p.add_argument("source", choices=SOURCES, help="who published the file")
    p.add_argument("file", help="the file as downloaded or pasted ('-' reads stdin)")
    p.add_argument("--instrument", required=True, help="instrument code, e.g. ICRMW or C097")
    p.add_argument("--dry-run", action="store_true", help="show rows and diff; write nothing")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--actor", help="who applies the import (default: cli:<login name>)")
    p.add_argument("--source-url", help="official URL of the file (default: instrument URL)")
    p.add_argument("--reason", help="why (added to every audit row with the snapshot id)")
    p.add_argument(
        "--as-of",
        help="the file's own date (YYYY-MM-DD) when it states none or states it wrongly",
    )
    p.add_argument(
        "--include-not-mentioned",
        action="store_true",
        help="also set states the file does not list to 'none' (off by default)",
    )
    p.set_defaults(func=cmd_import)


def _read(path: str) -> tuple[bytes, str]:
    if path == "-":
        return sys.stdin.buffer.read(), "stdin.txt"
    return Path(path).read_bytes(), Path(path).name


def cmd_import(args: argparse.Namespace) -> int:
    """Parse, diff and (unless --dry-run) apply one official file; errors as text or JSON."""
    try:
        return _run(args)
    except TrackerError as err:
        if args.format != "json":
            raise
        error = {"error": str(err), "type": type(err).__name__, "written": False}
        print(json.dumps(error, ensure_ascii=False))
        return 2


def _as_of(value: str | None) -> str | None:
    from tracker.errors import ValidationError
    from tracker.importers.evidence import as_of_date

    if value is None:
        return None
    iso = as_of_date(value)
    if iso is None or len(value.strip()) != 10:
        raise ValidationError("as_of", f"{value!r} is not a date like 2026-12-01")
    return iso


def _run(args: argparse.Namespace) -> int:
    from tracker.importers import parse
    from tracker.importers.apply import check_applicable, import_file
    from tracker.importers.diff import diff

    as_of = _as_of(args.as_of)
    try:
        data, name = _read(args.file)
    except OSError as err:
        raise UnreadableFile(f"cannot read {args.file}: {err.strerror or err}") from None
    result = parse(args.source, data, instrument=args.instrument)
    db = open_db(args)
    plan = diff(db, result, source_url=args.source_url, as_of=as_of)
    payload: dict = {"rows": [r.as_dict() for r in result.rows], "diff": plan.as_dict()}
    if not args.dry_run:
        check_applicable(result)
        plan, report = import_file(
            db,
            data,
            source=args.source,
            instrument=args.instrument,
            actor=args.actor or f"cli:{getpass.getuser()}",
            name=name,
            source_url=args.source_url,
            reason=args.reason,
            include_not_mentioned=args.include_not_mentioned,
            as_of=as_of,
        )
        payload["applied"] = report.as_dict()
    if args.format == "json":
        print(json.dumps(payload, ensure_ascii=False, indent=1))
    else:
        print(describe(payload, dry_run=args.dry_run))
    if result.unknown_names:
        names = ", ".join(result.unknown_names)
        print(f"error: unknown country name(s), nothing written: {names}", file=sys.stderr)
        return UNKNOWN_NAMES_EXIT
    return 0


def _fields(values: dict) -> str:
    return ", ".join(f"{k}={v if v is not None else '∅'}" for k, v in values.items()) or "-"


def describe(payload: dict, *, dry_run: bool) -> str:
    """Readable report of a parsed file, its diff and what was applied."""
    d = payload["diff"]
    lines = [
        f"{d['source']} {d['instrument']}: {d['rows']} tracked state(s) read, "
        f"{d['skipped_outside']} outside the tracked set skipped"
        + (f"; title: {d['title']}" if d["title"] else "")
        + (f"; file as of {d['as_of']}" if d.get("as_of") else "; the file states no date"),
    ]
    if d["unknown_names"]:
        lines.append(
            f"ERROR unknown names (add to data/country_aliases.csv): "
            f"{', '.join(d['unknown_names'])}"
        )
    if d["withdrawn"]:
        lines.append(f"withdrawn participants skipped: {', '.join(d['withdrawn'])}")
    lines += [f"warning: {w}" for w in d["warnings"]]
    counts = d["counts"]
    lines.append("diff: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    for kind, label in KIND_LABELS.items():
        entries = [e for e in d["entries"] if e["kind"] == kind]
        if not entries:
            continue
        lines.append(f"\n{label}:")
        for e in entries:
            detail = _fields(e["changes"]) if e["changes"] else (e["note"] or "")
            problems = f"  !! {'; '.join(e['problems'])}" if e["problems"] else ""
            if kind == "older_than_stored":
                detail = _fields(e["changes"])
            lines.append(f"  {e['iso3']} {e['country']}: {detail}{problems}")
    if dry_run:
        lines.append("\ndry run: nothing written")
    else:
        a = payload["applied"]
        lines.append(
            f"\napplied: {a['changed']} cell(s) changed, snapshot {a['snapshot']} "
            f"({a['snapshot_path']})"
        )
    return "\n".join(lines)
