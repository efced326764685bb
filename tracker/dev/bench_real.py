"""Parse times of the official files as published (``../shared/real/``) and of hostile files.

Run ``python -m tracker.dev.bench_real`` (also printed by ``python -m
tracker.dev.parse_bench``). Prints, per real file: rows recognised, states outside the
tracked set, unknown names, the as-of date and the median parse time; then the time each
hostile file takes to be refused.
"""

from __future__ import annotations

import io
import statistics
import time
import zipfile
from pathlib import Path

from tracker.config import PROJECT_DIR
from tracker.errors import ParseError
from tracker.importers import parse

REAL = PROJECT_DIR.parent / "shared" / "real"
TARGET_MS = 50.0
OHCHR_HEAD = "Country,Date of signature,Date of ratification\n"


def real_files(root: Path = REAL) -> list[tuple[str, Path, str]]:
    """(source, path, instrument) of every real file; the instrument is read from the name."""
    files = []
    untc = {"IV-13": "ICRMW", "IV-16": "CPED", "IV-8-b": "CEDAW"}
    for path in sorted((root / "untc").glob("*.xml")):
        files.append(("untc", path, untc.get(path.name.split(".")[0], "ICRMW")))
    for path in sorted((root / "ohchr").glob("*.xls")):
        files.append(("ohchr", path, path.name.split("_")[1]))
    return files


def _median_ms(source: str, data: bytes | str, instrument: str, runs: int) -> tuple[float, str]:
    times, outcome = [], ""
    try:  # warm up: imports, alias and instrument caches
        parse(source, data, instrument=instrument)
    except ParseError:
        pass
    for _ in range(runs):
        start = time.perf_counter()
        try:
            result = parse(source, data, instrument=instrument)
            outcome = (
                f"{len(result.rows)} rows, {result.skipped_outside} outside, "
                f"unknown {result.unknown_names or 'none'}, as of {result.last_update or '—'}"
            )
        except ParseError as err:
            outcome = f"refused: {str(err)[:90]}"
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), outcome


def _zip_bomb(rows: int = 300_000) -> bytes:
    row = '<row><c t="inlineStr"><is><t>Nepal</t></is></c></row>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", f"<worksheet><sheetData>{row * rows}</sheetData>")
    return out.getvalue()


def hostile_files() -> dict[str, tuple[str, bytes | str]]:
    """Name → (source, data) of the hostile inputs of issue 10."""
    table = "<html><table><tr><td>Participant</td><td>Ratification</td></tr>"
    return {
        "80 KB of unclosed <!--": ("untc", table + "<!--" * 20_000),
        "20,000-digit name (UNTC run-together)": ("untc", "Participant " + "1" * 20_000 + "x"),
        "20,000-digit name (NORMLEX)": ("normlex", "Country Date\n" + "1" * 20_000 + "x"),
        "20,000-digit date (OHCHR CSV)": ("ohchr", OHCHR_HEAD + "Nepal," + "1" * 20_000 + "x"),
        ".xlsx zip bomb (46 KB → 16 MB of sheet XML)": ("ohchr", _zip_bomb()),
        "billion laughs": (
            "untc",
            '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "lol">]><Document>&a;</Document>',
        ),
    }


def bench_real(*, runs: int = 5, quiet: bool = False) -> dict[str, float]:
    """Median parse time (ms) per real file and per hostile file; prints unless quiet."""
    figures: dict[str, float] = {}
    targets = {"untc": "ICRMW", "normlex": "C097", "ohchr": "ICRMW"}
    files = real_files()
    if not files and not quiet:
        print(f"no real files in {REAL} (they live beside the repository)")
    for source, path, instrument in files:
        parse_ms, outcome = _median_ms(source, path.read_bytes(), instrument, runs)
        figures[path.name] = parse_ms
        if not quiet:
            verdict = "ok" if parse_ms <= TARGET_MS else "SLOW"
            print(f"{source} {path.name} as {instrument}: {outcome}; {parse_ms:.1f} ms {verdict}")
    for name, (source, data) in hostile_files().items():
        parse_ms, outcome = _median_ms(source, data, targets[source], max(1, runs // 2))
        figures[name] = parse_ms
        if not quiet:
            print(f"hostile {name}: {outcome}; {parse_ms:.1f} ms")
    return figures


if __name__ == "__main__":
    bench_real()
