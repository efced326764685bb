"""Offline headless Chromium and a live dashboard server, for browser tests, benchmarks and
screenshots.

One place for the Debian chromium path and flags, the route handler that aborts every request
leaving the machine, the "map drawn" probe, and ``streamlit run`` on a free loopback port.
Playwright is imported by the callers; nothing here imports streamlit.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

from tracker.config import PROJECT_DIR

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags chromium keeps trying hosts this machine cannot reach.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOOPBACK = ("localhost", "127.0.0.1", "::1")

# Number of map states really drawn (a path with a non-trivial outline): plotly choropleth
# countries, or the states of the inline SVG map (tracker.views.svgmap).
DRAWN_SHAPES_JS = (
    "() => [...document.querySelectorAll('path.choroplethlocation, svg.gapmap path[data-iso3]')]"
    ".filter(e => (e.getAttribute('d') || '').length > 10).length"
)


def offline_only(route) -> None:
    """Playwright route handler: let loopback, data: and blob: through, abort the rest."""
    url = route.request.url
    if (urlparse(url).hostname or "") in LOOPBACK or url.startswith(("data:", "blob:")):
        route.continue_()
    else:
        route.abort()


def offline_context(browser, **options):
    """A browser context with no way off the machine that keeps the HTTP cache.

    Every non-loopback request goes to a proxy that is not there and fails; loopback goes
    direct. ``page.route`` (``offline_only``) blocks as well but turns the HTTP cache off, so
    every lazily loaded Streamlit chunk would come from the server again, six at a time.
    """
    proxy = {"server": f"http://127.0.0.1:{free_port()}", "bypass": ",".join(LOOPBACK)}
    return browser.new_context(proxy=proxy, **options)


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def app_server(
    db_path: Path,
    *,
    timeout: float = 120,
    env: dict[str, str] | None = None,
    script: str = "serve.py",
    port: int | None = None,
) -> Iterator[tuple[str, subprocess.Popen, float]]:
    """``streamlit run SCRIPT`` against ``db_path``: yields (url, process, seconds to healthy).

    ``port`` is a free loopback port chosen beforehand (e.g. named in a secrets file); by
    default one is picked here.
    """
    port = port or free_port()
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port)]
        + ["--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=PROJECT_DIR,
        env={**os.environ, "TRACKER_DB": str(db_path), **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError(f"streamlit did not start within {timeout:.0f} s") from None
                time.sleep(0.05)
        yield url, proc, time.perf_counter() - started
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
