"""Browser figures for ``python -m tracker bench``: map drawn, cold start, server memory.

Headless Debian chromium via Playwright; every non-loopback request is aborted, so the figures
are those of an offline conference room. The static page draws the same plotly figure with
plotly.min.js and the topojson served from a loopback HTTP server.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from tracker.dev.figures import Figure
from tracker.dev.offline_browser import (
    CHROMIUM,
    DRAWN_SHAPES_JS,
    FLAGS,
    app_server,
    offline_only,
)
from tracker.dev.plain_page import static_server

MIN_SHAPES = 45
SESSIONS = 20


def rss_kib(pid: int) -> tuple[int, int]:
    """Current and peak resident set size (VmRSS, VmHWM) of a process, in KiB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0])
    return fields["VmRSS"], fields["VmHWM"]


def _new_page(context):
    page = context.new_page()
    page.route("**/*", offline_only)
    return page


def shapes_expected(db_path: Path) -> int:
    """How many drawn shapes mean "the map is drawn": 45, or fewer for a tiny database."""
    from tracker.db import connect
    from tracker.views.geo import missing_shapes

    codes = [r[0] for r in connect(db_path).execute("select iso3 from countries")]
    return min(MIN_SHAPES, len(codes) - len(missing_shapes(codes)))


def time_to_map(context, url: str, *, shapes: int = MIN_SHAPES, timeout_ms: int = 120_000) -> float:
    """Milliseconds from requesting ``url`` in a new tab until the map has drawn its shapes."""
    page = _new_page(context)
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=timeout_ms)
        page.wait_for_function(f"({DRAWN_SHAPES_JS})() >= {shapes}", timeout=timeout_ms)
        return (time.perf_counter() - start) * 1000
    finally:
        page.close()


def map_figures(browser, shipped: Path, *, runs: int) -> list[Figure]:
    """Warm time to map drawn: the app against a static plotly page, alternating, same run."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    app_ms, static_ms = [], []
    with app_server(shipped) as (url, _, _), static_server(shipped) as static_url:
        time_to_map(context, url)  # warm the server caches and the browser cache
        time_to_map(context, static_url)
        for _ in range(runs):
            app_ms.append(time_to_map(context, url))
            static_ms.append(time_to_map(context, static_url))
    context.close()
    app, static = statistics.median(app_ms), statistics.median(static_ms)
    return [
        Figure("browser.map_drawn.app", app, "ms", runs, note="warm server and browser cache"),
        Figure("browser.map_drawn.static", static, "ms", runs, note="plain plotly HTML"),
        Figure("browser.map_drawn.ratio", app / static, "×", runs, 1.5, note="app / static"),
    ]


def cold_start_figure(browser, shipped: Path, *, runs: int) -> Figure:
    """Seconds from ``streamlit run`` to the map drawn in a fresh browser profile."""
    samples = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        started = time.perf_counter()
        with app_server(shipped) as (url, _, healthy):
            time_to_map(context, url)
            samples.append(time.perf_counter() - started)
        context.close()
    return Figure("cold_start.map_drawn", statistics.median(samples), "s", runs, note="new server")


def memory_figures(browser, db_path: Path, *, label: str, runs: int) -> list[Figure]:
    """Server RSS idle, with one session, with 20 concurrent sessions; peak; growth/session."""
    idle, one, many, peak = [], [], [], []
    shapes = shapes_expected(db_path)
    for _ in range(runs):
        with app_server(db_path) as (url, proc, _):
            time.sleep(1.0)
            idle.append(rss_kib(proc.pid)[0])
            context = browser.new_context(viewport={"width": 1200, "height": 900})
            time_to_map(context, url, shapes=shapes, timeout_ms=300_000)
            one.append(rss_kib(proc.pid)[0])
            pages = [_new_page(context) for _ in range(SESSIONS)]
            for page in pages:
                page.goto(url, wait_until="commit", timeout=300_000)
            for page in pages:
                page.wait_for_function(f"({DRAWN_SHAPES_JS})() >= {shapes}", timeout=300_000)
            current, high = rss_kib(proc.pid)
            many.append(current)
            peak.append(high)
            context.close()
    mib = 1024
    growth = (statistics.median(many) - statistics.median(one)) / SESSIONS / mib
    return [
        Figure(f"memory.idle.{label}", statistics.median(idle) / mib, "MiB", runs),
        Figure(f"memory.1_session.{label}", statistics.median(one) / mib, "MiB", runs),
        Figure(f"memory.{SESSIONS}_sessions.{label}", statistics.median(many) / mib, "MiB", runs),
        Figure(f"memory.peak.{label}", statistics.median(peak) / mib, "MiB", runs, note="VmHWM"),
        Figure(f"memory.per_session.{label}", growth, "MiB", runs, note="growth per session"),
    ]


def browser_figures(shipped: Path, synthetic: Path, *, label: str, runs: int) -> list[Figure]:
    """Every browser figure, or one figure saying why they were skipped."""
    if not Path(CHROMIUM).exists():
        return [Figure("browser", None, "", 0, note=f"skipped: {CHROMIUM} not installed")]
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return [Figure("browser", None, "", 0, note="skipped: playwright not installed")]
    from tracker.dev.bench_map import page_figures

    figures: list[Figure] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        parts = [
            ("browser.map_drawn", lambda: page_figures(browser, shipped, runs=runs)),
            ("cold_start", lambda: [cold_start_figure(browser, shipped, runs=min(runs, 3))]),
            ("memory.shipped", lambda: memory_figures(browser, shipped, label="shipped", runs=1)),
            (f"memory.{label}", lambda: memory_figures(browser, synthetic, label=label, runs=1)),
        ]
        try:
            for name, part in parts:
                try:
                    figures += part()
                except Exception as err:  # one failed part must not lose the other figures
                    first = str(err).strip().splitlines()[0] if str(err).strip() else ""
                    note = f"failed: {type(err).__name__}: {first}"[:160]
                    figures.append(Figure(name, None, "", 0, note=note))
        finally:
            browser.close()
    return figures
