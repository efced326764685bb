"""CLI commands for migration corridors: ``build-corridors``, ``coverage``, ``corridors``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from tracker.cli.common import date_arg, open_db
from tracker.countries import display_names, require_tracked
from tracker.errors import UnknownCountry


def cmd_build_corridors(args: argparse.Namespace) -> int:
    """Handler of ``build-corridors``: DESA table → data/corridors.csv."""
    from pathlib import Path

    from tracker.corridors.data import DESA_FILE, build_corridors

    n = build_corridors(Path(args.source) if args.source else DESA_FILE)
    print(f"wrote data/corridors.csv ({n} rows)")
    return 0


def _inputs(db, code: str):
    from tracker.corridors.data import frame
    from tracker.instruments import instrument
    from tracker.matrix import cells

    code = instrument(db, code)["code"]
    return code, frame(db), cells(db, instruments=[code])


def _write(df, fmt: str, text: str) -> None:
    if fmt == "csv":
        sys.stdout.write(df.to_csv(index=False, lineterminator="\n", float_format="%.4f"))
    elif fmt == "json":
        sys.stdout.write(df.to_json(orient="records", force_ascii=False, indent=1) + "\n")
    else:
        print(text)


def cmd_coverage(args: argparse.Namespace) -> int:
    """Handler of ``coverage``: one row per origin with the protection coverage."""
    from tracker.corridors import COVERAGE_COLUMNS, coverage_on

    db = open_db(args)
    code, corridors, cells = _inputs(db, args.instrument)
    origin = require_tracked(args.origin) if args.origin else None
    day = args.as_of or dt.date.today()
    out = coverage_on(corridors, cells, instrument=code, day=day, origin=origin)
    if origin and out.empty:
        raise UnknownCountry(f"{origin} is not in the UN DESA table (Taiwan is not reported)")
    names = display_names()
    lines = [f"{code} coverage as of {day} (UN DESA {out['year'].iloc[0]} stocks)"]
    for r in out.itertuples():
        share = "—" if r.coverage != r.coverage else f"{r.coverage:.0%}"
        lines.append(
            f"{names.get(r.iso3, r.iso3):<22} {share:>4} of {r.emigrants_tracked:>10,} emigrants "
            f"in tracked destinations ({r.share_tracked:.0%} of {r.emigrants_total:,})"
        )
    _write(out[COVERAGE_COLUMNS], args.format, "\n".join(lines))
    return 0


def cmd_corridors(args: argparse.Namespace) -> int:
    """Handler of ``corridors``: an origin's tracked destinations with stock, statuses, ask."""
    from tracker.corridors import corridor_table, desa_year, status_series

    db = open_db(args)
    code, corridors, cells = _inputs(db, args.instrument)
    origin = require_tracked(args.origin)
    day = args.as_of or dt.date.today()
    year = desa_year(day)
    table = corridor_table(
        corridors,
        status_series(cells, day),
        origin=origin,
        year=year,
        code=code,
        names=display_names(),
    )
    table.insert(0, "origin", origin)
    table.insert(1, "instrument", code)
    table.insert(2, "as_of", day.isoformat())
    table.insert(3, "year", year)
    text = "\n".join(table["ask"]) or f"no tracked destination reports migrants from {origin}"
    _write(table, args.format, text)
    return 0


def register(sub) -> None:
    """Add the corridor commands to the CLI's subparsers."""
    p = sub.add_parser("build-corridors", help="rebuild data/corridors.csv from the UN DESA table")
    p.add_argument("--source", help="the DESA table (default ../shared/reference/…)")
    p.set_defaults(func=cmd_build_corridors)

    p = sub.add_parser("coverage", help="protection coverage of each origin's emigrants")
    p.add_argument("--instrument", required=True, help="instrument code, e.g. ICRMW or C189")
    p.add_argument("--origin", help="one origin (ISO3); default every tracked origin")
    p.add_argument("--as-of", type=date_arg, help="statuses and DESA year as of this date")
    p.add_argument("--format", choices=["text", "csv", "json"], default="text")
    p.set_defaults(func=cmd_coverage)

    p = sub.add_parser("corridors", help="an origin's corridors: stock, statuses, the ask")
    p.add_argument("--origin", required=True, help="origin state (ISO3)")
    p.add_argument("--instrument", default="ICRMW", help="instrument code (default ICRMW)")
    p.add_argument("--as-of", type=date_arg, help="statuses and DESA year as of this date")
    p.add_argument("--format", choices=["text", "csv", "json"], default="text")
    p.set_defaults(func=cmd_corridors)
