"""Parse-time benchmark: a 200-row UNTC status table (target ≤ 50 ms per parse).

Run ``python -m tracker.dev.parse_bench``; the global benchmark calls :func:`bench_parse`.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

import pycountry

from tracker.countries import tracked_iso3
from tracker.dev.depositary_files import untc_html, untc_text
from tracker.importers import ImportRow, parse

TARGET_MS = 50.0


def table_rows(n: int = 200) -> list[ImportRow]:
    """``n`` deterministic participants: the tracked states first, then other ISO states."""
    tracked = sorted(tracked_iso3() - {"TWN"})
    others = sorted(c.alpha_3 for c in pycountry.countries if c.alpha_3 not in tracked_iso3())
    rows = []
    for i, iso3 in enumerate((tracked + others)[:n]):
        signature = dt.date(1980, 1, 1) + dt.timedelta(days=97 * i)
        consent = signature + dt.timedelta(days=400 + i)
        if i % 3 == 0:
            rows.append(ImportRow(iso3, "signatory", signature.isoformat()))
        else:
            kind = ("ratification", "accession", "succession")[i % 3]
            sig = signature.isoformat() if kind == "ratification" else None
            rows.append(ImportRow(iso3, "party", sig, consent.isoformat(), kind))
    return rows


def bench_parse(*, rows: int = 200, runs: int = 9, quiet: bool = False) -> dict[str, float]:
    """Median parse time (ms) of a ``rows``-row UNTC table per layout; prints unless quiet."""
    table = table_rows(rows)
    layouts = {
        "tabular": untc_text(table, instrument="ICRMW"),
        "run-together": untc_text(table, instrument="ICRMW", sep="run"),
        "html": untc_html(table, instrument="ICRMW"),
    }
    figures: dict[str, float] = {}
    for name, text in layouts.items():
        parse("untc", text, instrument="ICRMW")  # warm caches (aliases, instrument metadata)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            parse("untc", text, instrument="ICRMW")
            times.append((time.perf_counter() - start) * 1000)
        figures[name] = statistics.median(times)
        if not quiet:
            verdict = "ok" if figures[name] <= TARGET_MS else "SLOW"
            print(
                f"parse UNTC {name} table, {rows} rows: median {figures[name]:.1f} ms "
                f"over {runs} runs (target ≤ {TARGET_MS:.0f} ms) {verdict}"
            )
    return figures


if __name__ == "__main__":
    from tracker.dev.bench_real import bench_real

    bench_parse()
    bench_real()
