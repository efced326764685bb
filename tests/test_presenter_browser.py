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
        source.wait_for(timeout=30_000)  # written after the map
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


FIT_JS = """() => {
  const map = document.querySelector('.present-map svg.gapmap').getBoundingClientRect();
  const source = document.querySelector('.present-source').getBoundingClientRect();
  const hl = document.querySelector('.present-map .highlight');
  const h = hl ? hl.getBoundingClientRect() : null;
  const scrollers = [document.scrollingElement, document.querySelector('[data-testid=stMain]')];
  const li = document.querySelector('[data-testid=stMarkdownContainer] li');
  return {
    top: map.top, bottom: map.bottom, left: map.left, right: map.right,
    sourceTop: source.top, width: innerWidth, height: innerHeight,
    overflow: Math.max(...scrollers.filter(Boolean).map(e => e.scrollHeight - e.clientHeight)),
    highlight: h && {top: h.top, bottom: h.bottom, left: h.left, right: h.right},
    li: li ? parseFloat(getComputedStyle(li).fontSize) : null,
  };
}"""


def _assert_fits(box: dict, *, state: bool) -> None:
    assert box["overflow"] <= 1, box  # nothing to scroll
    assert 0 <= box["top"] < box["bottom"] <= box["sourceTop"] + 1, box
    assert 0 <= box["left"] < box["right"] <= box["width"], box
    assert box["bottom"] - box["top"] > box["height"] * 0.45, box  # a map, not a stamp
    if state:
        hl = box["highlight"]
        assert hl and box["top"] <= hl["top"] and hl["bottom"] <= box["bottom"], box
        assert box["left"] <= hl["left"] and hl["right"] <= box["right"], box


def test_every_slide_fits_the_projector_above_the_source_line(db_file):
    require_chromium()
    from playwright.sync_api import sync_playwright

    from tracker.dev.offline_browser import CHROMIUM, FLAGS, offline_only

    with streamlit_server(db_file) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            warm = browser.new_page()  # a cold server can answer /present with "page not found"
            warm.route("**/*", offline_only)
            warm.goto(url)
            warm.wait_for_function(f"({DRAWN_SHAPES_JS})() >= 45", timeout=60_000)
            warm.close()
            for width, height in ((1024, 768), (1280, 720), (1920, 1080)):
                page = browser.new_page(viewport={"width": width, "height": height})
                page.route("**/*", offline_only)
                page.goto(f"{url}/present")
                page.get_by_text("1 / 13").wait_for(timeout=60_000)
                page.wait_for_function(f"({DRAWN_SHAPES_JS})() >= 8", timeout=30_000)
                page.wait_for_timeout(500)
                _assert_fits(page.evaluate(FIT_JS), state=False)
                page.keyboard.press("ArrowRight")
                _wait_title(page, "Brunei")
                page.wait_for_selector(".present-map .highlight", timeout=30_000)
                page.wait_for_timeout(500)
                box = page.evaluate(FIT_JS)
                _assert_fits(box, state=True)
                if (width, height) == (1280, 720):
                    assert box["li"] >= 24, box  # readable from the back of the room
                page.close()
        finally:
            browser.close()
