"""The shipped seed's depositary refresh: a repeatable build step with a reviewable log.

:func:`build_refreshed_seed` rebuilds ``data/status.csv`` from ``data/reference/`` (plus the
second collection's corrections), seeds a temporary database from it, applies every official
file through the product's own refresh (importer, audited edits, snapshots kept in the
temporary folder only), then writes the refreshed cells back to ``data/status.csv``, the audit
rows the refresh produced to ``data/refresh_log.csv`` and one ``data/sources.csv`` row per
file (origin, date, sha256; the raw files are never copied into the repository).
:func:`replay` re-derives the shipped cells from the reference rows and the log, so a reviewer
(and a test) can check the two committed files agree without the official files at hand.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tracker.config import DATA_DIR
from tracker.importers.refresh import FileReport, RefreshReport, refresh
from tracker.schema import REFRESH_LOG_COLUMNS, STATUS_COLUMNS
from tracker.seeding.reference import build_seed, read_csv, write_csv

ACTOR = "build-seed"
REASON = "Depositary refresh of the shipped seed (python -m tracker build-seed --refresh)"
SOURCE_COLUMNS = ["id", "producer", "title", "url", "accessed_on", "licence", "sha256", "file"]
# Where the official copies come from (../shared/real/README.md): repository and commit.
ORIGINS = {
    "untc": (
        "UN Treaty Collection, MTDSG status XML (third-party copy: repository allucinaria/XML, "
        "commit 9682127411a97c811e67eb2110739334c2b67f10)"
    ),
    "ohchr": (
        "OHCHR ratification dashboard, underlying data export (third-party copy: repository "
        "gmas-code/treaty_ratifications, commit 85dfee13a8341c8b0865b169776906d99626d792)"
    ),
}
LICENCE = "Public depositary record (facts); copied byte for byte, not redistributed here"


@dataclass(frozen=True)
class SeedRefresh:
    """What the build wrote: the per-file report, cells, audit rows and source rows."""

    report: RefreshReport
    cells: int
    log_rows: int
    sources: int


@contextlib.contextmanager
def _snapshots_in(folder: Path) -> Iterator[None]:
    """Keep the refresh's snapshots in ``folder`` (temporary), not in data/snapshots."""
    before = os.environ.get("TRACKER_SNAPSHOTS")
    os.environ["TRACKER_SNAPSHOTS"] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TRACKER_SNAPSHOTS", None)
        else:
            os.environ["TRACKER_SNAPSHOTS"] = before


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _source_row(f: FileReport, data_dir: Path) -> dict[str, str]:
    return {
        "id": f.snapshot or "",
        "producer": ORIGINS.get(f.source, f.source),
        "title": f"{f.instrument} status as at {f.as_of} ({Path(f.path).name})",
        "url": f.source_url,
        "accessed_on": f.as_of,
        "licence": LICENCE,
        "sha256": f.sha256,
        "file": os.path.relpath(os.path.abspath(f.path), os.path.abspath(data_dir)),
    }


def _write_sources(files: Iterable[FileReport], data_dir: Path) -> int:
    """Replace the refresh's rows of data/sources.csv (one per imported file); keep the rest."""
    path = data_dir / "sources.csv"
    kept = [r for r in read_csv(path) if not r["id"].startswith(tuple(f"{s}-" for s in ORIGINS))]
    fresh = [_source_row(f, data_dir) for f in files if f.snapshot]
    write_csv(path, kept + sorted(fresh, key=lambda r: r["id"]), SOURCE_COLUMNS)
    return len(fresh)


def build_refreshed_seed(
    paths: list[Path], *, as_of: str | None = None, data_dir: Path = DATA_DIR
) -> SeedRefresh:
    """Rebuild the seed, refresh it from the official files in ``paths``, write the results."""
    from tracker.db import connect
    from tracker.seeding.seed import seed

    build_seed(data_dir)
    keys = [(r["iso3"], r["instrument"]) for r in read_csv(data_dir / "status.csv")]
    with tempfile.TemporaryDirectory(prefix="seed-refresh-") as tmp:
        db = connect(Path(tmp) / "seed.db")
        seed(db, data_dir=data_dir, history=False)
        with _snapshots_in(Path(tmp) / "snapshots"):
            report = refresh(db, paths, actor=ACTOR, reason=REASON, as_of=as_of)
        cells = {(r["iso3"], r["instrument"]): r for r in db["status"].rows}
        rows = [{c: _text(cells[k].get(c)) for c in STATUS_COLUMNS} for k in keys]
        log = [
            {c: _text(r.get(c)) for c in REFRESH_LOG_COLUMNS}
            for r in db["audit_log"].rows_where(order_by="id")
        ]
        db.close()
    write_csv(data_dir / "status.csv", rows, STATUS_COLUMNS)
    write_csv(data_dir / "refresh_log.csv", log, REFRESH_LOG_COLUMNS)
    sources = _write_sources(report.files, data_dir)
    return SeedRefresh(report=report, cells=len(rows), log_rows=len(log), sources=sources)


def replay(rows: Iterable[dict], log: Iterable[dict]) -> list[dict[str, str]]:
    """The cells after applying each logged row's ``new`` values, in log order (pure)."""
    cells = {(r["iso3"], r["instrument"]): {k: _text(v) for k, v in r.items()} for r in rows}
    for entry in log:
        cell = cells[(entry["iso3"], entry["instrument"])]
        for field, value in json.loads(entry["new"] or "{}").items():
            cell[field] = _text(value)
        if entry.get("source_url"):
            cell["source_url"] = entry["source_url"]
    return list(cells.values())
