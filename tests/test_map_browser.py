"""Real browser, no network: the map draws from local shapes, hovers, a click opens a profile."""

from __future__ import annotations

import pytest

from tests.browser import DRAWN_SHAPES_JS, offline_page, require_chromium, streamlit_server

pytestmark = pytest.mark.browser


def test_map_draws_offline_hovers_and_click_opens_profile(db_file):
    require_chromium()
    with streamlit_server(db_file) as url, offline_page() as page:
        page.goto(url)
        page.wait_for_function(f"({DRAWN_SHAPES_JS})() >= 45", timeout=60_000)
        assert page.evaluate(DRAWN_SHAPES_JS) >= 45
        # Small states have their own markers.
        assert page.locator(".trace.scattergeo path.point").count() >= 9

        # The largest drawn shape is China; hover and click at its centre.
        box = page.evaluate(
            """() => {
              let best = null;
              for (const e of document.querySelectorAll('path.choroplethlocation')) {
                const b = e.getBoundingClientRect();
                if (!best || b.width * b.height > best.width * best.height) best = b;
              }
              return {x: best.x + best.width / 2, y: best.y + best.height / 2};
            }"""
        )
        page.mouse.move(box["x"], box["y"])
        hover = page.locator(".hoverlayer .hovertext")
        hover.first.wait_for(timeout=10_000)
        assert "China" in hover.first.text_content()

        page.mouse.click(box["x"], box["y"])
        page.wait_for_url("**/country?iso3=CHN", timeout=30_000)
        page.get_by_role("heading", name="China").first.wait_for(timeout=30_000)
        page.get_by_text("The asks").first.wait_for(timeout=30_000)
        assert "China has not" in page.inner_text("body")
