"""Server-side rerun times of the map and gap-matrix pages (AppTest), printed as JSON.

Run by ``python -m tracker bench`` in a subprocess (the tracker library never imports
streamlit), with ``TRACKER_DB`` naming the database to measure:

    TRACKER_DB=/tmp/x.db python scripts/bench_apptest.py --runs 7
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PAGES = {"map": "app_pages/campaign/map.py", "matrix": "app_pages/campaign/matrix.py"}


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def measure(runs: int) -> dict[str, object]:
    """Milliseconds per rerun (warm cache) and per page switch, for each page."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    out: dict[str, object] = {}
    first = _timed(at.run)
    if at.exception:
        raise SystemExit(f"app failed: {at.exception[0].message}")
    out["first_run_ms"] = first
    for name, page in PAGES.items():
        at.switch_page(page).run()  # warm this page's caches
        if at.exception:
            raise SystemExit(f"{name} failed: {at.exception[0].message}")
        out[f"{name}_rerun_ms"] = [_timed(at.run) for _ in range(runs)]
    switches = []
    for i in range(runs):
        page = PAGES["map"] if i % 2 == 0 else PAGES["matrix"]
        switches.append(_timed(at.switch_page(page).run))
    out["switch_ms"] = switches
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    json.dump(measure(args.runs), sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
