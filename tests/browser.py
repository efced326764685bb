"""Helpers for real-browser tests: a live `streamlit run` on a free port, offline chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_chromium() -> None:
    """Skip when Debian chromium is absent, except in CI where its absence is a failure."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} missing in CI: .ci/run must install Debian chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(db_path: Path, *, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run the dashboard against ``db_path``; yield its base URL; stop it afterwards."""
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env={**os.environ, "TRACKER_DB": str(db_path), **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("streamlit did not start within 60 s")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def offline_only(route) -> None:
    """Let loopback requests through; abort everything that would leave the machine."""
    url = route.request.url
    host = urlparse(url).hostname or ""
    if host in ("localhost", "127.0.0.1", "::1") or url.startswith(("data:", "blob:")):
        route.continue_()
    else:
        route.abort()


@contextmanager
def offline_page(*, width: int = 1400, height: int = 1000):
    """A Playwright page in Debian chromium with every non-loopback request aborted."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        blocked: list[str] = []
        page.on("requestfailed", lambda r: blocked.append(r.url))
        page.route("**/*", offline_only)
        page.blocked = blocked  # type: ignore[attr-defined]
        try:
            yield page
        finally:
            browser.close()


DRAWN_SHAPES_JS = (
    "() => [...document.querySelectorAll('path.choroplethlocation')]"
    ".filter(e => (e.getAttribute('d') || '').length > 10).length"
)
