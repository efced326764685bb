"""Real browser (Playwright + Debian chromium, offline): staff URLs refuse without a login."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.browser import cookies_named, offline_page, require_chromium
from tracker.db import connect
from tracker.dev.offline_browser import app_server
from tracker.seeding.seed import seed
from tracker.staff import auth, sessions

PASSWORD = "correct horse battery"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_chromium()
    db_path = tmp_path_factory.mktemp("staff") / "tracker.db"
    db = connect(db_path)
    seed(db, history=False)
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


def dismiss_first_load_notice(page) -> None:
    """Close the first-load "Page not found" notice (README, Known limitations) if it shows."""
    try:
        page.get_by_text("Page not found").wait_for(timeout=10_000)
    except Exception:  # Playwright's TimeoutError: no notice this time
        return
    page.keyboard.press("Escape")


def test_login_survives_a_reload_until_logout(server, page):
    base, db_path = server
    page.goto(f"{base}/login")
    dismiss_first_load_notice(page)
    page.get_by_role("textbox", name="User name", exact=True).fill("alice", timeout=90_000)
    page.locator("input[type=password]").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_text("Logged in as alice").wait_for(timeout=90_000)
    assert page.get_by_text("a login lasts until the page is reloaded").count() == 0
    # The page posts its one-time handoff to /staff/session.
    (cookie,) = cookies_named(page, "rgt_staff")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["expires"] > 0
    assert "rgt_staff" not in page.evaluate("document.cookie")  # script in the page cannot read it
    token = cookie["value"].partition(".")[0]
    assert token and token not in "\n".join(connect(db_path).conn.iterdump())
    page.goto(f"{base}/edit?iso3=KHM&instrument=ICRMW")  # a full reload: a new Streamlit session
    page.get_by_role("button", name="Save").wait_for(timeout=90_000)
    nav = page.locator("[data-testid=stSidebarNav]")
    for title in ("Edit a cell", "Recent changes", "Bulk edit (CSV)", "Import official records"):
        assert nav.get_by_text(title, exact=True).is_visible()  # no "View 3 more" to click
    page.goto(f"{base}/login")
    page.get_by_role("button", name="Log out alice").click(timeout=90_000)
    page.get_by_role("button", name="Log in").wait_for(timeout=60_000)
    # The page posts to /staff/logout, which clears the cookie.
    assert not cookies_named(page, "rgt_staff", present=False)
    assert sessions.resume(connect(db_path), cookie["value"]) is None  # ended on the server
    page.goto(f"{base}/edit?iso3=KHM&instrument=ICRMW")
    page.locator("input[type=password]").wait_for(timeout=90_000)
    assert page.get_by_role("button", name="Save").count() == 0
