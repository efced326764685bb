"""Presenter mode in a real browser: the arrow keys step the slides, the map draws offline."""

from __future__ import annotations

import pytest

from tests.browser import DRAWN_SHAPES_JS, offline_page, require_chromium, streamlit_server

pytestmark = pytest.mark.browser


def _title(page) -> str:
    return page.locator("h1").first.inner_text().strip()


def _wait_title(page, text: str) -> None:
    """Wait for the slide title: the step counter can repaint before the heading does."""
    from playwright.sync_api import expect

    expect(page.locator("h1").first).to_have_text(text, timeout=30_000)


def test_arrow_keys_step_through_the_slides(db_file):
    require_chromium()
    with streamlit_server(db_file) as url, offline_page(width=1920, height=1080) as page:
        page.goto(f"{url}/present")
        page.get_by_text("1 / 13").wait_for(timeout=60_000)
        page.wait_for_function(f"({DRAWN_SHAPES_JS})() >= 8", timeout=30_000)
        assert _title(page) == "Ratification gaps: ASEAN"
        assert not page.locator("[data-testid='stSidebar']").is_visible()
        source = page.locator(".present-source")
        assert source.is_visible() and "Data as of" in source.inner_text()
        page.keyboard.press("ArrowRight")
        page.get_by_text("2 / 13").wait_for(timeout=30_000)
        _wait_title(page, "Brunei")
        page.keyboard.press("ArrowRight")
        page.get_by_text("3 / 13").wait_for(timeout=30_000)
        page.keyboard.press("ArrowLeft")
        page.get_by_text("2 / 13").wait_for(timeout=30_000)
        _wait_title(page, "Brunei")
        assert _title(page) == "Brunei"
        # The slide's state is outlined on a map that drew with no network.
        page.wait_for_function(f"({DRAWN_SHAPES_JS})() >= 8", timeout=30_000)
        assert page.blocked == []  # type: ignore[attr-defined]
