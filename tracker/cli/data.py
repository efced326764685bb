"""CLI commands on the data itself: init, build-seed, export, gaps, check."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from tracker import config
from tracker.cli.common import date_arg, open_db


def cmd_init(args: argparse.Namespace) -> int:
    from tracker.db import connect
    from tracker.seeding.seed import seed

    db = connect(args.db)
    counts = seed(db)
    path = args.db or config.db_path()
    print(
        f"{path}: {db['countries'].count} states, {db['instruments'].count} instruments, "
        f"{db['status'].count} status cells ({counts['status']} loaded now)"
    )
    return 0


def cmd_build_seed(args: argparse.Namespace) -> int:
    from tracker.seeding.reference import build_seed

    counts = build_seed()
    if not args.refresh:
        print(
            f"wrote data/status.csv ({counts['status']} rows), data/countries.csv "
            f"({counts['countries']} rows); without --refresh the depositary refresh is not "
            "applied (data/refresh_log.csv no longer matches until it is)"
        )
        return 0
    from tracker.importers.refresh_log import build_refreshed_seed

    built = build_refreshed_seed([Path(p) for p in args.refresh], as_of=args.as_of)
    for line in built.report.lines():
        print(line)
    print(
        f"wrote data/status.csv ({built.cells} cells), data/refresh_log.csv "
        f"({built.log_rows} audit rows), data/sources.csv ({built.sources} official files), "
        f"data/countries.csv ({counts['countries']} rows)"
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from tracker.exports import rows as export
    from tracker.matrix import cells
    from tracker.provenance import citation

    db = open_db(args)
    df = cells(db, instruments=args.instruments, group=args.group, as_of=args.as_of)
    day = args.as_of or dt.date.today()
    if args.format == "csv":
        sys.stdout.write(export.to_csv(df, as_of=day if args.with_as_of else None))
    else:
        cite = citation(db, as_of=day, levels=df["evidence"])
        sys.stdout.write(export.to_json(df, as_of=day.isoformat(), citation=cite) + "\n")
    return 0


def cmd_gaps(args: argparse.Namespace) -> int:
    from tracker.gaps import gap_table_text
    from tracker.matrix import cells

    db = open_db(args)
    df = cells(db, instruments=args.instruments or "core", group=args.group, as_of=args.as_of)
    print(gap_table_text(df))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from tracker import audit
    from tracker.integrity.check import check

    db = open_db(args)
    problems = check(db)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return 1
    print(f"ok: {db['status'].count} cells checked, no problems")
    print(f"audit log: {db['audit_log'].count} entries, chain head {audit.head(db)}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add init, build-seed, export, gaps and check."""
    p = sub.add_parser("init", help="create/migrate the database and load seed data if empty")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser(
        "build-seed",
        help="rebuild data/status.csv from data/reference/ (and the depositary refresh)",
        description="Rebuild the seed from data/reference/ and the second collection's "
        "corrections; with --refresh, apply the official files through the importer in a "
        "temporary database and write the refreshed cells, data/refresh_log.csv (the audit "
        "rows) and one data/sources.csv row per file.",
    )
    p.add_argument(
        "--refresh",
        nargs="+",
        metavar="PATH",
        help="official files or folders, e.g. ../shared/real (the shipped seed uses it)",
    )
    p.add_argument("--as-of", help="date the files describe, if they do not state it")
    p.set_defaults(func=cmd_build_seed)

    p = sub.add_parser("export", help="export the matrix in long format to stdout")
    p.add_argument("--format", choices=["csv", "json"], default="csv")
    p.add_argument("--instruments", help="comma-separated codes, or core / migrant / all")
    p.add_argument("--group", help="ASEAN, SAARC, GCC, COLOMBO, ADD, GMS, …")
    p.add_argument("--as-of", type=date_arg, help="status as it stood on this date")
    p.add_argument(
        "--with-as-of",
        action="store_true",
        help="CSV: add an as_of column (the default is exactly the export columns)",
    )
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("gaps", help="readable table of gaps per state")
    p.add_argument("--instruments", help="comma-separated codes, or core / migrant / all")
    p.add_argument("--group", help="ASEAN, SAARC, GCC, COLOMBO, ADD, GMS, …")
    p.add_argument("--as-of", type=date_arg, help="gaps as they stood on this date")
    p.set_defaults(func=cmd_gaps)

    p = sub.add_parser("check", help="integrity report; exits 1 on any problem")
    p.set_defaults(func=cmd_check)
