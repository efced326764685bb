"""Helpers for real-browser tests: a live `streamlit run` on a free port, offline chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tracker.dev.offline_browser import (
    CHROMIUM,
    DRAWN_SHAPES_JS,
    FLAGS,
    app_server,
    offline_only,
)

__all__ = [
    "DRAWN_SHAPES_JS",
    "cookies_named",
    "offline_page",
    "require_chromium",
    "streamlit_server",
]


def require_chromium() -> None:
    """Skip when Debian chromium is absent, except in CI where its absence is a failure."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} missing in CI: .ci/run must install Debian chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")


@contextmanager
def streamlit_server(db_path: Path, *, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run the dashboard against ``db_path``; yield its base URL; stop it afterwards."""
    with app_server(db_path, env=env) as (url, _proc, _seconds):
        yield url


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


def cookies_named(page, *names: str, present: bool = True, seconds: float = 30) -> list[dict]:
    """The page's cookies called ``names``, once any is there (``present``) or none is left.

    Polls every 0.5 s for up to ``seconds``; returns what is there at the end either way.
    """
    found: list[dict] = []
    for _ in range(int(seconds * 2)):
        found = [c for c in page.context.cookies() if c["name"] in names]
        if bool(found) == present:
            break
        page.wait_for_timeout(500)
    return found
