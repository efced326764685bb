"""Command-line interface: ``python -m tracker <command> --help``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from tracker import bench, cli_campaign, cli_edits, cli_exports, cli_import, config
from tracker.cli_common import date_arg as _date_arg
from tracker.cli_common import open_db as _open
from tracker.errors import TrackerError

Handler = Callable[[argparse.Namespace], int]


def cmd_init(args: argparse.Namespace) -> int:
    from tracker.db import connect
    from tracker.seed import seed

    db = connect(args.db)
    counts = seed(db)
    path = args.db or config.db_path()
    print(
        f"{path}: {db['countries'].count} states, {db['instruments'].count} instruments, "
        f"{db['status'].count} status cells ({counts['status']} loaded now)"
    )
    return 0


def cmd_build_seed(args: argparse.Namespace) -> int:
    from tracker.reference import build_seed

    counts = build_seed()
    print(
        f"wrote data/status.csv ({counts['status']} rows), data/countries.csv "
        f"({counts['countries']} rows)"
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from tracker import export
    from tracker.matrix import cells
    from tracker.report import citation

    db = _open(args)
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

    db = _open(args)
    df = cells(db, instruments=args.instruments or "core", group=args.group, as_of=args.as_of)
    print(gap_table_text(df))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from tracker.check import check

    db = _open(args)
    problems = check(db)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return 1
    print(f"ok: {db['status'].count} cells checked, no problems")
    return 0


def cmd_refresh(args: argparse.Namespace) -> int:
    from tracker.refresh import refresh

    db = _open(args)
    if args.reference:
        from tracker.refresh import refresh_reference

        counts = refresh_reference(db, actor=args.actor, reason=args.reason)
        print(
            f"reference corrections: {counts['changed']} cells changed, "
            f"{counts['refused']} refused by the rules (left as they are)"
        )
    report = refresh(
        db, [Path(p) for p in args.files], actor=args.actor, reason=args.reason, as_of=args.as_of
    )
    for f in report.files:
        if f.skipped:
            print(f"{f.path}: skipped — {f.skipped}")
            continue
        print(
            f"{f.path}: {f.source} {f.instrument} as of {f.as_of}: {f.changed} changed, "
            f"{f.recited} re-cited to the record, {f.held} kept (newer or held back); "
            f"snapshot {f.snapshot}"
        )
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argparse parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="python -m tracker", description=__doc__)
    parser.add_argument("--db", help="SQLite file (default: $TRACKER_DB or data/tracker.db)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("init", help="create/migrate the database and load seed data if empty")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("build-seed", help="rebuild data/status.csv from data/reference/")
    p.set_defaults(func=cmd_build_seed)

    p = sub.add_parser("export", help="export the matrix in long format to stdout")
    p.add_argument("--format", choices=["csv", "json"], default="csv")
    p.add_argument("--instruments", help="comma-separated codes, or core / migrant / all")
    p.add_argument("--group", help="ASEAN, SAARC, GCC, COLOMBO, ADD, GMS, …")
    p.add_argument("--as-of", type=_date_arg, help="status as it stood on this date")
    p.add_argument(
        "--with-as-of",
        action="store_true",
        help="CSV: add an as_of column (the default is exactly the export columns)",
    )
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("gaps", help="readable table of gaps per state")
    p.add_argument("--instruments", help="comma-separated codes, or core / migrant / all")
    p.add_argument("--group", help="ASEAN, SAARC, GCC, COLOMBO, ADD, GMS, …")
    p.add_argument("--as-of", type=_date_arg, help="gaps as they stood on this date")
    p.set_defaults(func=cmd_gaps)

    p = sub.add_parser("check", help="integrity report; exits 1 on any problem")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("targets", help="states ranked as campaign targets, with the factors")
    p.add_argument("--instrument", default="ICRMW", help="instrument code (default ICRMW)")
    p.add_argument("--group", help="only states in this group (scores are not changed)")
    p.add_argument("--as-of", type=_date_arg, help="rank the world as it stood on this date")
    p.add_argument("--weight", action="append", metavar="FACTOR=N", help="e.g. signed=3 size=0")
    p.set_defaults(func=cli_campaign.cmd_targets)

    p = sub.add_parser("changes", help="status changes between two dates (stored dates + audit)")
    p.add_argument("--since", type=_date_arg, required=True, help="first day (inclusive)")
    p.add_argument("--until", type=_date_arg, help="last day (inclusive; default today)")
    p.add_argument("--format", choices=["text", "csv"], default="text")
    p.add_argument("--instruments", help="comma-separated codes, or core / migrant / all")
    p.add_argument("--group", help="ASEAN, SAARC, GCC, COLOMBO, ADD, GMS, …")
    p.set_defaults(func=cli_campaign.cmd_changes)

    p = sub.add_parser(
        "refresh",
        help="apply official files (UNTC XML, OHCHR exports) through the importer, audited",
        description="For each file (directories are walked): import it (changes audited, "
        "snapshot kept), then re-cite every cell the file confirms to the depositary record "
        "with the file's as-of date. Cells newer than the file keep their facts.",
    )
    p.add_argument("files", nargs="*", help="files or folders, e.g. ../shared/real")
    p.add_argument(
        "--reference",
        action="store_true",
        help="first apply data/reference/ilo_dates.csv and un_corrections.csv (audited)",
    )
    p.add_argument("--actor", required=True, help="who runs the refresh")
    p.add_argument("--reason", required=True, help="why (in every audit row)")
    p.add_argument("--as-of", help="date the files describe, if they do not state it")
    p.set_defaults(func=cmd_refresh)

    cli_edits.register(sub)  # set, history, revert, user, backup, restore
    cli_exports.register(sub)  # xlsx, image, deck, brief, publish
    bench.register(sub)  # performance figures against the targets
    cli_import.register(sub)  # import untc|normlex|ohchr FILE --instrument CODE

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; typed tracker errors become a one-line message and exit code 2."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except TrackerError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
