"""Real browser (Playwright + Debian chromium, offline): staff URLs refuse without a login."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tracker import auth
from tracker.db import connect
from tracker.seed import seed

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
PASSWORD = "correct horse battery"

pytestmark = pytest.mark.browser


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    reason = f"{CHROMIUM} is not installed (apt-get install chromium); browser tests need it"
    if os.environ.get("CI"):
        pytest.fail(reason + " and CI is set")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def offline_only(route) -> None:
    """Abort any request that leaves the machine."""
    host = urlparse(route.request.url).hostname or ""
    if host in ("localhost", "127.0.0.1", "::1") or route.request.url.startswith(
        ("data:", "blob:")
    ):
        route.continue_()
    else:
        route.abort()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _require_chromium()
    db_path = tmp_path_factory.mktemp("staff") / "tracker.db"
    db = connect(db_path)
    seed(db)
    auth.add_user(db, "alice", PASSWORD)
    port = _free_port()
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
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env={**os.environ, "TRACKER_DB": str(db_path)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("streamlit did not start")
            time.sleep(0.5)
    yield base, db_path
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        tab = browser.new_page(viewport={"width": 1400, "height": 1000})
        tab.route("**/*", offline_only)
        yield tab
        browser.close()


def test_staff_edit_url_without_login_shows_only_the_login_form(server, page):
    base, _ = server
    page.goto(f"{base}/edit?iso3=KHM&instrument=ICRMW")
    page.get_by_role("heading", name="Staff login").wait_for(timeout=90_000)
    page.get_by_text("Data as of").first.wait_for(timeout=60_000)
    page.locator("input[type=password]").wait_for(timeout=30_000)
    assert (
        page.locator("input").count() == 2 + page.locator("[data-testid=stSidebar] input").count()
    )
    assert page.get_by_role("button", name="Save").count() == 0
    assert page.get_by_text("Source URL").count() == 0
    assert page.get_by_text("Edit a cell").count() == 0  # not in the navigation either
    assert urlparse(page.url).path == "/edit"


def test_login_at_the_staff_url_then_the_edit_form_appears(server, page):
    base, db_path = server
    page.goto(f"{base}/edit?iso3=KHM&instrument=ICRMW")
    page.get_by_role("textbox", name="User name", exact=True).fill("alice", timeout=90_000)
    page.locator("input[type=password]").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Edit a cell").wait_for(timeout=90_000)
    page.get_by_role("button", name="Save").wait_for(timeout=30_000)
    assert page.get_by_text("Current values (version 1)").count() == 1
    assert page.get_by_role("combobox", name="State").input_value() == "Cambodia"
    assert connect(db_path)["login_attempts"].count >= 1
