"""Real browser, no network: the inline SVG map draws, hovers say status, dates and source, and
every state (small-state markers included) opens its own profile."""

from __future__ import annotations

import pytest

from tests.browser import DRAWN_SHAPES_JS, offline_page, require_chromium, streamlit_server

pytestmark = pytest.mark.browser

CENTRE_JS = """code => {
  const b = document.querySelector(`svg.gapmap circle[data-iso3=${code}]`).getBoundingClientRect();
  return {x: b.x + b.width / 2, y: b.y + b.height / 2};
}"""
HIT_JS = """([x, y]) => {
  const e = document.elementFromPoint(x, y);
  return e && e.getAttribute('data-iso3');
}"""


def test_svg_map_draws_offline_hovers_and_markers_open_their_own_profile(db_file):
    require_chromium()
    with streamlit_server(db_file) as url, offline_page() as page:
        page.goto(url)
        page.wait_for_function(f"({DRAWN_SHAPES_JS})() >= 51", timeout=60_000)
        assert page.locator("svg.gapmap circle.marker").count() >= 9
        assert page.locator("script[src*=plotly], .js-plotly-plot").count() == 0
        # The hover (the <title> the browser shows) of a signatory: signature date, source host.
        title = page.locator("svg.gapmap path[data-iso3=ARM] > title").text_content()
        assert title.splitlines()[0] == "Armenia"
        assert "ICRMW: Signed, not ratified, signed 2013-09-26 · treaties.un.org" in title
        assert "<" not in title and "https://" not in title  # data, not markup
        # Hong Kong and Macao: each marker is what the pointer hits at its own centre.
        for code in ("HKG", "MAC"):
            centre = page.evaluate(CENTRE_JS, code)
            assert page.evaluate(HIT_JS, [centre["x"], centre["y"]]) == code
        for code, name in (("HKG", "Hong Kong SAR"), ("MAC", "Macao SAR")):
            centre = page.evaluate(CENTRE_JS, code)
            page.mouse.click(centre["x"], centre["y"])
            page.wait_for_url(f"**/country?iso3={code}", timeout=30_000)
            page.get_by_role("heading", name=name).first.wait_for(timeout=30_000)
            page.go_back()
            page.wait_for_function(f"({DRAWN_SHAPES_JS})() >= 51", timeout=60_000)
        # A shape is a link too: China opens China.
        page.locator("svg.gapmap path[data-iso3=CHN]").click(position={"x": 300, "y": 150})
        page.wait_for_url("**/country?iso3=CHN", timeout=30_000)
        page.get_by_text("The asks").first.wait_for(timeout=30_000)
        # Nothing left the machine (loopback requests cut short by the navigations are fine).
        outside = [u for u in page.blocked if not u.startswith(url)]  # type: ignore[attr-defined]
        assert outside == []
