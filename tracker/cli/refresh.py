"""CLI: ``refresh`` — apply official files (and the reference corrections) through the importer."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracker.cli.common import open_db


def cmd_refresh(args: argparse.Namespace) -> int:
    from tracker.importers.refresh import refresh, refresh_reference

    db = open_db(args)
    if args.reference:
        counts = refresh_reference(db, actor=args.actor, reason=args.reason)
        print(
            f"reference corrections: {counts['changed']} cells changed, "
            f"{counts['refused']} refused by the rules (left as they are)"
        )
    report = refresh(
        db, [Path(p) for p in args.files], actor=args.actor, reason=args.reason, as_of=args.as_of
    )
    for line in report.lines():
        print(line)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``refresh`` subcommand."""
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
