"""Real browser, offline: shared links restore the view, deep links open cleanly, phones fit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser import DRAWN_SHAPES_JS, offline_page, require_chromium, streamlit_server

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("TRACKER_SHOTS")  # a folder: save what the tests saw, to look at


def _shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / name), full_page=False)


def _main_text(page) -> str:
    return page.inner_text("[data-testid='stMain']")


def test_first_deep_link_opens_cleanly_and_asks_name_c097(db_file):
    require_chromium()
    with streamlit_server(db_file) as url, offline_page() as page:
        page.goto(f"{url}/country?iso3=KHM")  # the first request after the server started
        page.get_by_text("The asks").first.wait_for(timeout=60_000)
        page.wait_for_timeout(1500)
        assert page.get_by_text("Page not found").count() == 0
        assert page.get_by_role("heading", name="Cambodia").count() >= 1
        text = _main_text(page)
        assert "C097 Migration for Employment (Revised), 1949" in text
        assert "iso3=KHM" in page.url
        _shot(page, "country-1400.png")


def test_matrix_link_shows_that_days_members_and_the_map_keeps_the_date(db_file):
    require_chromium()
    with streamlit_server(db_file) as url, offline_page() as page:
        page.goto(f"{url}/matrix?group=ASEAN&date=2010-12-18")
        page.get_by_text("18 December 2010").first.wait_for(timeout=60_000)
        page.get_by_text("10 states,").first.wait_for(timeout=30_000)
        assert "Timor" not in _main_text(page)
        _shot(page, "matrix-asean-2010-1400.png")
        page.get_by_role("link", name="Map").first.click()
        page.wait_for_function(f"({DRAWN_SHAPES_JS})() >= 45", timeout=60_000)
        # The map can draw before the run ends; the shared date and group reach the address then.
        page.wait_for_function(
            "() => ['date=2010-12-18', 'group=ASEAN'].every(p => location.search.includes(p))",
            timeout=30_000,
        )
        assert "/matrix" not in page.url
        assert "18 December 2010" in _main_text(page)


def test_thai_link_shows_thai_names(db_file):
    require_chromium()
    with streamlit_server(db_file) as url, offline_page() as page:
        page.goto(f"{url}/?lang=th")
        page.wait_for_function(f"({DRAWN_SHAPES_JS})() >= 45", timeout=60_000)
        page.get_by_text("The map as a table").first.click()
        page.locator("table").get_by_text("กัมพูชา").first.wait_for(timeout=30_000)  # Cambodia
        assert "lang=th" in page.url


@pytest.mark.parametrize("path", ["/", "/country?iso3=PHL", "/matrix?group=ASEAN"])
def test_phone_width_no_sideways_scroll(db_file, path):
    require_chromium()
    with streamlit_server(db_file) as url, offline_page(width=390, height=844) as page:
        page.goto(url + path)
        if path == "/":
            page.wait_for_function(f"({DRAWN_SHAPES_JS})() >= 45", timeout=60_000)
            box = page.locator("svg.gapmap").first.bounding_box()
            assert box and box["width"] <= 390 and box["width"] >= 300  # the map fills the width
        else:
            page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=60_000)
        page.wait_for_timeout(1000)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390
        _shot(page, f"phone{path.replace('/', '_').replace('?', '_')}.png")
