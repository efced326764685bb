"""Benchmark figure for protection coverage (part of ``python -m tracker bench``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tracker.db import connect
from tracker.dev.figures import Figure, timed

COVERAGE_TARGET_MS = 50.0


def corridor_figures(path: Path, *, runs: int) -> list[Figure]:
    """Coverage of every origin × one instrument × one date, from the database (shipped size)."""
    from tracker.corridors import coverage_on
    from tracker.corridors.data import frame
    from tracker.matrix import cells

    db = connect(path)
    corridors = frame(db)
    today = dt.date.today()

    def work():
        return coverage_on(corridors, cells(db, instruments=["C189"]), instrument="C189", day=today)

    ms, _, out = timed(work, runs=runs)
    stored = cells(db, instruments=["C189"])
    pure, _, _ = timed(
        lambda: coverage_on(corridors, stored, instrument="C189", day=today), runs=runs
    )
    note = f"{len(out)} origins, {len(corridors)} corridor rows; {pure:.1f} ms without the query"
    return [Figure("coverage.all_origins.shipped", ms, "ms", runs, COVERAGE_TARGET_MS, note=note)]
