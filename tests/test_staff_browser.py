"""Real browser (Playwright + Debian chromium, offline): staff URLs refuse without a login."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.browser import offline_page, require_chromium
from tracker import auth
from tracker.db import connect
from tracker.dev.offline_browser import app_server
from tracker.seed import seed

PASSWORD = "correct horse battery"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_chromium()
    db_path = tmp_path_factory.mktemp("staff") / "tracker.db"
    db = connect(db_path)
    seed(db)
    auth.add_user(db, "alice", PASSWORD)
    with app_server(db_path, timeout=90) as (base, _proc, _seconds):
        yield base, db_path


@pytest.fixture
def page(server):
    with offline_page() as tab:
        yield tab


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
