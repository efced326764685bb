"""Command-line interface: ``python -m tracker <command> --help``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tracker.cli import campaign, corridors, data, edits, exports, importing, refresh
from tracker.dev import bench
from tracker.errors import TrackerError


def build_parser() -> argparse.ArgumentParser:
    """The argparse parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="python -m tracker", description=__doc__)
    parser.add_argument("--db", help="SQLite file (default: $TRACKER_DB or data/tracker.db)")
    sub = parser.add_subparsers(dest="command", required=True)

    data.register(sub)  # init, build-seed, export, gaps, check
    campaign.register(sub)  # targets, changes
    edits.register(sub)  # set, history, revert, user, backup, restore
    exports.register(sub)  # xlsx, image, deck, brief, publish
    bench.register(sub)  # performance figures against the targets
    importing.register(sub)  # import untc|normlex|ohchr FILE --instrument CODE
    corridors.register(sub)  # build-corridors, coverage, corridors
    refresh.register(sub)  # refresh FILES [--reference]

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; typed tracker errors become a one-line message and exit code 2."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except TrackerError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
