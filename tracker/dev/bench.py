"""Performance benchmark (``python -m tracker bench``): each figure is a median of several runs.

Server figures come from ``scripts/bench_apptest.py`` (AppTest, in a subprocess: this library
never imports streamlit) and from timing the tracker calls directly; browser figures from
:mod:`tracker.dev.bench_browser`. Targets are reported, never asserted: see docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

from tracker.config import DATA_DIR, PROJECT_DIR
from tracker.db import connect
from tracker.dev.figures import Figure, timed

SYNTHETIC = (250, 200, 100_000)  # states, instruments, audit rows
TINY = (20, 10, 200)
SCALE_SIZES = ((51, 28), (100, 50), (150, 100), (250, 200))
TINY_SCALE_SIZES = ((10, 5), (20, 10))


def _fixture_key() -> str:
    digest = hashlib.sha256()
    for path in (Path(__file__).with_name("fixtures.py"), DATA_DIR / "countries.csv"):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def synthetic_db(states: int, instruments: int, audit: int, *, cache_dir: Path) -> Path:
    """Path of a synthetic database file of that size, built once and kept in ``cache_dir``."""
    from tracker.dev.fixtures import build_synthetic

    path = cache_dir / f"bench-{states}x{instruments}x{audit}-{_fixture_key()}.db"
    if not path.exists():
        partial = path.with_suffix(f".{os.getpid()}.part")
        partial.unlink(missing_ok=True)
        db = connect(partial)
        build_synthetic(db, states=states, instruments=instruments, audit_rows=audit)
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.conn.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)
        partial.replace(path)
    connect(path).conn.close()  # apply any newer migration (indexes) to a cached file
    return path


def shipped_db(cache_dir: Path) -> Path:
    """A fresh database file seeded with the shipped data (51 states × all instruments)."""
    from tracker.seeding.seed import seed

    path = cache_dir / f"bench-shipped-{os.getpid()}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = connect(path)
    seed(db)
    db.conn.close()
    return path


def apptest_figures(label: str, path: Path, *, runs: int) -> list[Figure]:
    """Warm-cache rerun and page-switch times of the map and matrix pages (AppTest)."""
    script = PROJECT_DIR / "scripts" / "bench_apptest.py"
    proc = subprocess.run(
        [sys.executable, str(script), "--runs", str(runs)],
        cwd=PROJECT_DIR,
        env={**os.environ, "TRACKER_DB": str(path)},
        capture_output=True,
        text=True,
        timeout=900,
    )
    if proc.returncode != 0:
        note = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        return [Figure(f"rerun.map.{label}", None, "ms", runs, note=f"failed: {note[0]}")]
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    target = 100.0 if label == "shipped" else 300.0
    return [
        Figure(f"rerun.map.{label}", statistics.median(data["map_rerun_ms"]), "ms", runs, target),
        Figure(
            f"rerun.matrix.{label}", statistics.median(data["matrix_rerun_ms"]), "ms", runs, target
        ),
        Figure(f"switch.map_matrix.{label}", statistics.median(data["switch_ms"]), "ms", runs),
        Figure(f"first_run.{label}", data["first_run_ms"], "ms", 1, note="cold caches"),
    ]


def direct_figures(label: str, path: Path, *, runs: int) -> list[Figure]:
    """The tracker calls behind the pages, timed directly (no caches)."""
    from tracker.exports.rows import to_csv
    from tracker.instruments import CORE
    from tracker.matrix import cells
    from tracker.views.charts import gap_map
    from tracker.views.tables import matrix_labels

    db = connect(path)
    today = dt.date.today()
    ms_now, _, df = timed(lambda: cells(db), runs=runs)
    ms_asof, _, df = timed(lambda: cells(db, as_of=today), runs=runs)
    core = df[df["instrument"].isin(CORE)]
    ms_map, _, _ = timed(lambda: gap_map(core, title="Core gaps"), runs=runs)
    ms_table, _, _ = timed(lambda: matrix_labels(df), runs=runs)
    ms_csv, _, text = timed(lambda: to_csv(df), runs=runs)
    n = len(df)
    return [
        Figure(f"direct.cells.{label}", ms_now, "ms", runs, note=f"{n} cells"),
        Figure(f"direct.cells_as_of.{label}", ms_asof, "ms", runs, note="date change, uncached"),
        Figure(f"direct.gap_map.{label}", ms_map, "ms", runs, note="figure for the core five"),
        Figure(f"direct.matrix_table.{label}", ms_table, "ms", runs, note="all instruments"),
        Figure(f"export.csv.{label}", ms_csv, "ms", runs, note=f"{len(text) // 1024} KiB"),
    ]


def scale_figures(sizes, *, cache_dir: Path, runs: int) -> list[Figure]:
    """Per-cell cost of cells(as_of) + matrix table + CSV export at growing sizes."""
    from tracker.exports.rows import to_csv
    from tracker.matrix import cells
    from tracker.views.tables import matrix_labels

    out: list[Figure] = []
    today = dt.date.today()
    for states, insts in sizes:
        db = connect(synthetic_db(states, insts, 2 * states * insts, cache_dir=cache_dir))

        def work(db=db):
            df = cells(db, as_of=today)
            matrix_labels(df)
            return to_csv(df)

        ms, _, _ = timed(work, runs=runs)
        n = states * insts
        out.append(
            Figure(f"scale.{states}x{insts}", ms * 1000 / n, "µs/cell", runs, note=f"{ms:.0f} ms")
        )
    first, last = out[0].value, out[-1].value
    growth = last / first if first else None
    out.append(
        Figure("scale.growth", growth, "×", runs, 1.5, note="per-cell cost, largest / smallest")
    )
    return out


def untc_table(n: int) -> str:
    """A UNTC status table (tab-separated) with ``n`` dated participants, tracked states first."""
    import pycountry

    from tracker.countries import tracked_iso3
    from tracker.dev.depositary_files import untc_text
    from tracker.importers import ImportRow

    others = sorted(c.alpha_3 for c in pycountry.countries if c.alpha_3 not in tracked_iso3())
    codes = [*sorted(tracked_iso3() - {"TWN"}), *others][:n]
    rows = []
    for i, code in enumerate(codes):
        signed = dt.date(1991, 1, 1) + dt.timedelta(days=37 * i)
        consent = signed + dt.timedelta(days=400 + 11 * i) if i % 4 else None
        rows.append(
            ImportRow(
                code,
                "party" if consent else "signatory",
                signature_date=signed.isoformat(),
                consent_date=consent.isoformat() if consent else None,
                consent_kind="ratification" if consent else None,
            )
        )
    return untc_text(rows, instrument="ICRMW")


def parse_figures(*, runs: int) -> list[Figure]:
    """Parse time of a 200-row UNTC depositary table, per layout (tracker.dev.parse_bench)."""
    from tracker.dev.parse_bench import bench_parse

    medians = bench_parse(rows=200, runs=runs, quiet=True)
    return [
        Figure(f"parse.untc_200.{layout}", ms, "ms", runs, 50.0, note="200 participants")
        for layout, ms in medians.items()
    ]


def render_table(figures: list[Figure]) -> str:
    """The figures as an aligned text table."""
    head = ("figure", "median", "unit", "runs", "target", "met", "note")
    rows = [head]
    for f in figures:
        value = (
            "—" if f.value is None else f"{f.value:,.2f}" if f.value < 100 else f"{f.value:,.0f}"
        )
        met = {None: "", True: "yes", False: "NO"}[f.met]
        target = "" if f.target is None else f"≤ {f.target:g}"
        rows.append((f.name, value, f.unit, str(f.runs), target, met, f.note))
    widths = [max(len(r[i]) for r in rows) for i in range(len(head) - 1)]
    lines = [
        "  ".join([*(c.ljust(w) for c, w in zip(r, widths, strict=False)), r[-1]]) for r in rows
    ]
    return "\n".join(line.rstrip() for line in lines)


def run(args: argparse.Namespace) -> list[Figure]:
    """Every figure the options ask for, in report order."""
    cache_dir = Path(args.cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    big = TINY if args.tiny else SYNTHETIC
    label = "tiny" if args.tiny else "synthetic"
    shipped = shipped_db(cache_dir)
    synthetic = synthetic_db(*big, cache_dir=cache_dir)
    figures: list[Figure] = []
    try:
        for name, path in (("shipped", shipped), (label, synthetic)):
            figures += apptest_figures(name, path, runs=args.runs)
            figures += direct_figures(name, path, runs=args.runs)
        from tracker.dev.bench_corridors import corridor_figures

        figures += corridor_figures(shipped, runs=args.runs)
        sizes = TINY_SCALE_SIZES if args.tiny else SCALE_SIZES
        figures += scale_figures(sizes, cache_dir=cache_dir, runs=args.runs)
        figures += parse_figures(runs=max(args.runs, 5))
        if args.quick:
            figures.append(Figure("browser", None, "", 0, note="skipped (--quick)"))
        else:
            from tracker.dev.bench_browser import browser_figures
            from tracker.dev.bench_map import export_figures

            figures += export_figures(shipped, runs=min(args.runs, 3))
            figures += browser_figures(shipped, synthetic, label=label, runs=args.runs)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{shipped}{suffix}").unlink(missing_ok=True)
    return figures


def cmd_bench(args: argparse.Namespace) -> int:
    """Handler of ``python -m tracker bench``."""
    started = time.perf_counter()
    figures = run(args)
    if args.json:
        payload = [{**asdict(f), "met": f.met} for f in figures]
        print(json.dumps(payload, ensure_ascii=False, indent=1))
        return 0
    print(
        f"tracker bench — medians of {args.runs} runs; {os.cpu_count()} CPUs; "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(render_table(figures))
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


def register(sub) -> None:
    """Add the ``bench`` subcommand to the CLI's subparsers."""
    p = sub.add_parser("bench", help="performance figures (medians) against the targets")
    p.add_argument("--quick", action="store_true", help="skip the browser figures")
    p.add_argument("--tiny", action="store_true", help="tiny synthetic size (for tests)")
    p.add_argument("--runs", type=int, default=7, help="runs per figure (default 7)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument(
        "--cache-dir",
        default=os.environ.get("TMPDIR", "/tmp"),
        help="where synthetic databases are built and kept (default $TMPDIR or /tmp)",
    )
    p.set_defaults(func=cmd_bench)
