"""CLI commands for conference material: xlsx, image, deck, brief, publish."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from sqlite_utils import Database

from tracker.cli.common import date_arg, open_db
from tracker.errors import OutputPathError
from tracker.exports.paths import database_file, output_file, write_bytes


def _target(args: argparse.Namespace, db: Database, path: Path) -> Path:
    """The -o file, refused before any work if it is the database or exists (unless --force)."""
    return output_file(path, database=database_file(db.conn), force=args.force)


def _write(path: Path, data: bytes) -> None:
    write_bytes(path, data)
    print(f"wrote {path} ({len(data):,} bytes)")


def cmd_xlsx(args: argparse.Namespace) -> int:
    from tracker.exports.report import snapshot
    from tracker.exports.xlsx import to_xlsx

    db = open_db(args)
    out = _target(args, db, args.output)
    snap = snapshot(db, instruments=args.instruments, group=args.group, as_of=args.as_of)
    _write(out, to_xlsx(db, snap))
    return 0


def cmd_image(args: argparse.Namespace) -> int:
    from tracker.exports.images import chart_image
    from tracker.exports.report import snapshot

    db = open_db(args)
    out = _target(args, db, args.output)
    snap = snapshot(db, instruments=args.instruments, group=args.group, as_of=args.as_of)
    fmt = args.output.suffix.lstrip(".").lower() or "png"
    _write(out, chart_image(snap, args.chart, fmt=fmt, width=args.width, height=args.height))
    return 0


def cmd_deck(args: argparse.Namespace) -> int:
    from tracker.countries import require_tracked
    from tracker.exports.deck import build_deck
    from tracker.exports.images import chart_image
    from tracker.exports.report import snapshot

    db = open_db(args)
    out = _target(args, db, args.output)
    snap = snapshot(db, instruments=args.instruments, group=args.group, as_of=args.as_of)
    png = None
    if not args.no_map:
        png = chart_image(snap, "gaps", width=1600, height=900)
    states = [require_tracked(c) for c in args.states.split(",")] if args.states else None
    _write(out, build_deck(db, snap, states=states, map_png=png))
    return 0


def cmd_brief(args: argparse.Namespace) -> int:
    from tracker.countries import require_tracked
    from tracker.exports.brief import country_brief

    db = open_db(args)
    code = require_tracked(args.iso3)
    out = args.output or Path(f"brief-{code}-{(args.as_of or dt.date.today()).isoformat()}.pdf")
    out = _target(args, db, out)
    _write(out, country_brief(db, code, as_of=args.as_of))
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from tracker.exports.publish import publish

    try:
        files = publish(open_db(args), args.out_dir, group=args.group, as_of=args.as_of)
    except OSError as err:
        raise OutputPathError(f"cannot write {args.out_dir}: {err.strerror or err}") from None
    size = sum(f.stat().st_size for f in files)
    print(f"wrote {len(files)} files ({size / 1e6:.1f} MB) to {args.out_dir}")
    print(f"open {files[0].resolve().as_uri()} (works offline, from a USB stick too)")
    return 0


def _common(p: argparse.ArgumentParser, *, instruments: str = "core") -> None:
    p.add_argument("--group", help="ASEAN, SAARC, GCC, COLOMBO, ADD, GMS, …")
    p.add_argument("--as-of", type=date_arg, help="status as it stood on this date (default today)")
    if instruments:
        p.add_argument("--instruments", default=instruments, help="core / migrant / all / codes")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the export subcommands to the top-level parser."""
    p = sub.add_parser("xlsx", help="Excel workbook: matrix, long list, gaps per state, sources")
    p.add_argument("-o", "--output", type=Path, required=True, help="file.xlsx")
    p.add_argument("--force", action="store_true", help="overwrite the file if it exists")
    _common(p)
    p.set_defaults(func=cmd_xlsx)

    p = sub.add_parser("image", help="PNG/PDF/SVG of the map or a chart (kaleido + Chromium)")
    p.add_argument("-o", "--output", type=Path, required=True, help="file.png, .pdf or .svg")
    p.add_argument("--force", action="store_true", help="overwrite the file if it exists")
    p.add_argument("--chart", default="gaps", help="gaps (default), timeline, or ICRMW/C097/…")
    p.add_argument("--width", type=int, default=1600)
    p.add_argument("--height", type=int, default=900)
    _common(p)
    p.set_defaults(func=cmd_image)

    p = sub.add_parser("deck", help="PPTX slide deck: title, map, matrix, a slide per state")
    p.add_argument("-o", "--output", type=Path, required=True, help="file.pptx")
    p.add_argument("--force", action="store_true", help="overwrite the file if it exists")
    p.add_argument("--no-map", action="store_true", help="skip the map slide (no Chromium)")
    p.add_argument("--states", help="only these states get a slide, e.g. IDN,PHL (default: all)")
    _common(p)
    p.set_defaults(func=cmd_deck)

    p = sub.add_parser("brief", help="one-page country brief (PDF) for a lobbying meeting")
    p.add_argument("iso3", help="ISO 3166-1 alpha-3 code, e.g. IDN")
    p.add_argument("-o", "--output", type=Path, help="file.pdf (default brief-ISO3-DATE.pdf)")
    p.add_argument("--force", action="store_true", help="overwrite the file if it exists")
    p.add_argument("--as-of", type=date_arg, help="status as it stood on this date (default today)")
    p.set_defaults(func=cmd_brief)

    p = sub.add_parser("publish", help="self-contained static site (opens offline from file://)")
    p.add_argument("out_dir", type=Path, help="new or empty folder, or one an earlier publish made")
    _common(p, instruments="")
    p.set_defaults(func=cmd_publish)
