"""Real browser, no network: the Corridors map draws its shapes and corridor bubbles offline."""

from __future__ import annotations

import pytest

from tests.browser import DRAWN_SHAPES_JS, offline_page, require_chromium, streamlit_server

pytestmark = pytest.mark.browser

BUBBLES_JS = "() => document.querySelectorAll('.trace.scattergeo path.point').length"


@pytest.mark.parametrize(("width", "height"), [(1400, 1000), (390, 844)])
def test_corridors_map_draws_offline(db_file, tmp_path, width, height):
    require_chromium()
    with streamlit_server(db_file) as url, offline_page(width=width, height=height) as page:
        page.goto(f"{url}/corridors")
        page.get_by_text("of Nepal's emigrants in tracked states").first.wait_for(timeout=60_000)
        # Nepal's tracked destinations are drawn from the local shapes, each with a bubble.
        page.wait_for_function(f"({DRAWN_SHAPES_JS})() >= 15", timeout=60_000)
        page.wait_for_function(f"({BUBBLES_JS})() >= 15", timeout=30_000)
        assert "people born in Nepal lived abroad" in page.inner_text("body")
        page.screenshot(path=str(tmp_path / f"corridors-{width}.png"), full_page=True)
        assert (tmp_path / f"corridors-{width}.png").stat().st_size > 20_000
