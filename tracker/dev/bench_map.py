"""Map and export figures for ``python -m tracker bench``: page drawn against two baselines.

One browser, one run, alternating loads: an empty one-line Streamlit page
(``scripts/bench_empty_app.py``), the home map, a plain plotly HTML page of the same map and the
static site's ``index.html`` (``python -m tracker publish``), all served from loopback with every
other request aborted. The deck and map PNG downloads are timed as the first click makes them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

from tracker.dev.figures import Figure, timed
from tracker.dev.offline_browser import (
    DRAWN_SHAPES_JS,
    LOOPBACK,
    app_server,
    offline_context,
    offline_only,
)
from tracker.dev.plain_page import serve_directory, static_server

EMPTY_APP = "scripts/bench_empty_app.py"
EMPTY_TEXT = "Ratification gaps in Asia"
EMPTY_DRAWN_JS = (
    "() => [...document.querySelectorAll('[data-testid=stMarkdownContainer]')]"
    f".some(e => e.innerText.includes({EMPTY_TEXT!r})) ? 1 : 0"
)


@contextlib.contextmanager
def site_server(db_path: Path) -> Iterator[str]:
    """The static site of ``db_path`` served from a loopback HTTP server; yields index URL."""
    from tracker.db import connect
    from tracker.exports.publish import publish

    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        publish(connect(db_path), Path(tmp))
        with serve_directory(tmp) as base:
            yield f"{base}/index.html"


def time_to(
    context, url: str, probe: str, *, timeout_ms: int = 120_000, route: bool = True
) -> float:
    """Milliseconds from requesting ``url`` in a new tab until ``probe`` returns true.

    ``route=False`` for an :func:`offline_context` (blocked by proxy, HTTP cache kept).
    """
    page = context.new_page()
    escaped: list[str] = []
    if route:
        page.route("**/*", offline_only)
    else:
        page.on("requestfinished", lambda r: escaped.append(r.url) if _outside(r.url) else None)
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=timeout_ms)
        page.wait_for_function(probe, timeout=timeout_ms)
        took = (time.perf_counter() - start) * 1000
    finally:
        page.close()
    if escaped:
        raise RuntimeError(f"a request left the machine: {escaped[0]}")
    return took


def _outside(url: str) -> bool:
    return url.startswith("http") and (urlparse(url).hostname or "") not in LOOPBACK


def page_figures(
    browser, shipped: Path, *, runs: int, shapes: int = 45, http_cache: bool = True
) -> list[Figure]:
    """Warm time to drawn: empty page, home map, plain plotly page, static site; alternating.

    ``http_cache=False`` blocks the network with ``page.route`` as the browser tests do, which
    also turns the HTTP cache off (the figures before 2026-12-02 were taken that way).
    """
    drawn = f"() => ({DRAWN_SHAPES_JS})() >= {shapes}"
    viewport = {"width": 1400, "height": 1000}
    context = (
        offline_context(browser, viewport=viewport)
        if http_cache
        else browser.new_context(viewport=viewport)
    )
    route = not http_cache
    samples: dict[str, list[float]] = {"empty": [], "app": [], "plain": [], "site": []}
    with (
        app_server(shipped, script=EMPTY_APP) as (empty_url, _, _),
        app_server(shipped) as (app_url, _, _),
        static_server(shipped) as plain_url,
        site_server(shipped) as site_url,
    ):
        pages = {
            "empty": (empty_url, EMPTY_DRAWN_JS),
            "app": (app_url, drawn),
            "plain": (plain_url, drawn),
            "site": (site_url, drawn),
        }
        for url, probe in pages.values():  # warm the servers and the browser cache
            time_to(context, url, probe, route=route)
        for _ in range(runs):
            for key, (url, probe) in pages.items():
                samples[key].append(time_to(context, url, probe, route=route))
    context.close()
    m = {k: statistics.median(v) for k, v in samples.items()}
    return [
        Figure("browser.empty_page", m["empty"], "ms", runs, note="one-line Streamlit page"),
        Figure("browser.map_drawn.app", m["app"], "ms", runs, note="home map, warm caches"),
        Figure("browser.map_drawn.static", m["plain"], "ms", runs, note="plain plotly HTML"),
        Figure("browser.map_drawn.site", m["site"], "ms", runs, note="publish index.html"),
        Figure("browser.map_drawn.ratio_empty", m["app"] / m["empty"], "×", runs, 1.15),
        Figure("browser.map_drawn.ratio", m["app"] / m["plain"], "×", runs, 1.0, "app / plain"),
        Figure("browser.site_map.ratio", m["site"] / m["plain"], "×", runs, 1.0, "site / plain"),
    ]


def export_figures(shipped: Path, *, runs: int) -> list[Figure]:
    """Seconds to make the map PNG and the deck downloads (as the dashboard makes them)."""
    from tracker.db import connect
    from tracker.exports import deck, images, report

    db = connect(shipped)
    snap = report.snapshot(db, instruments="core", as_of=dt.date.today())
    try:
        png_ms, _, png = timed(
            lambda: images.chart_image(snap, "gaps", width=1600, height=900), runs=runs
        )
        deck_ms, _, _ = timed(
            lambda: deck.build_deck(
                db, snap, map_png=images.chart_image(snap, "gaps", width=1600, height=900)
            ),
            runs=runs,
        )
    except Exception as err:  # no Chromium, no renderer: say so, keep the other figures
        return [Figure("export.map_png", None, "s", 0, note=f"failed: {type(err).__name__}")]
    return [
        Figure("export.map_png", png_ms / 1000, "s", runs, 3.0, note=f"{len(png) // 1024} KiB"),
        Figure("export.deck", deck_ms / 1000, "s", runs, 3.0, note="with the map"),
    ]
