"""CLI handlers for campaign work: ``targets`` (ranked states) and ``changes`` (what is new)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

import pandas as pd

from tracker.cli.common import date_arg, open_db
from tracker.errors import ValidationError


def parse_weights(items: list[str] | None) -> dict[str, float]:
    """``["signed=3", "size=0"]`` → ``{"signed": 3.0, "size": 0.0}``; raises ValidationError."""
    weights: dict[str, float] = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        try:
            if not sep:
                raise ValueError
            weights[name.strip()] = float(value)
        except ValueError:
            raise ValidationError("weight", f"{item!r} is not NAME=NUMBER") from None
    return weights


def targets_text(df: pd.DataFrame, *, code: str, as_of: dt.date, weights: dict) -> str:
    """Readable ranked table: rank, state, score, the five factors and the why column."""
    from tracker.targets import FACTORS

    head = f"{'#':>3}  {'state':<22} {'score':>5}  " + " ".join(f"{f:>9}" for f in FACTORS)
    lines = [
        f"Campaign targets for {code} as of {as_of}: {len(df)} states",
        "weights: " + ", ".join(f"{k}={v:g}" for k, v in weights.items()),
        head + "  why",
    ]
    for r in df.to_dict("records"):
        factors = " ".join(f"{r[f]:>9.2f}" for f in FACTORS)
        lines.append(f"{r['rank']:>3}  {r['state']:<22} {r['score']:>5.2f}  {factors}  {r['why']}")
    return "\n".join(lines)


def cmd_targets(args: argparse.Namespace) -> int:
    """``python -m tracker targets``: ranked states for an instrument, with the factors."""
    from tracker.targets import check_weights, rank_targets

    db = open_db(args)
    weights = check_weights(parse_weights(args.weight))
    df = rank_targets(
        db, instrument_code=args.instrument, group=args.group, as_of=args.as_of, weights=weights
    )
    as_of = args.as_of or dt.date.today()
    print(targets_text(df, code=args.instrument.upper(), as_of=as_of, weights=weights))
    return 0


def cmd_changes(args: argparse.Namespace) -> int:
    """``python -m tracker changes``: status changes between two dates, as text or CSV."""
    from tracker.changes import changes, to_csv, to_text

    db = open_db(args)
    until = args.until or dt.date.today()
    df = changes(db, since=args.since, until=until, instruments=args.instruments, group=args.group)
    if args.format == "csv":
        sys.stdout.write(to_csv(df))
    else:
        print(to_text(df, since=args.since, until=until))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add targets and changes."""
    p = sub.add_parser("targets", help="states ranked as campaign targets, with the factors")
    p.add_argument("--instrument", default="ICRMW", help="instrument code (default ICRMW)")
    p.add_argument("--group", help="only states in this group (scores are not changed)")
    p.add_argument("--as-of", type=date_arg, help="rank the world as it stood on this date")
    p.add_argument("--weight", action="append", metavar="FACTOR=N", help="e.g. signed=3 size=0")
    p.set_defaults(func=cmd_targets)

    p = sub.add_parser("changes", help="status changes between two dates (stored dates + audit)")
    p.add_argument("--since", type=date_arg, required=True, help="first day (inclusive)")
    p.add_argument("--until", type=date_arg, help="last day (inclusive; default today)")
    p.add_argument("--format", choices=["text", "csv"], default="text")
    p.add_argument("--instruments", help="comma-separated codes, or core / migrant / all")
    p.add_argument("--group", help="ASEAN, SAARC, GCC, COLOMBO, ADD, GMS, …")
    p.set_defaults(func=cmd_changes)
