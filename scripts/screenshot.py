"""Screenshot dashboard pages in headless Debian chromium with every non-loopback request blocked.

Usage: python scripts/screenshot.py BASE_URL OUT_DIR page[=file] ...
e.g.   python scripts/screenshot.py http://localhost:8501 docs matrix=matrix.png
Staff pages: set SCREENSHOT_USER and SCREENSHOT_PASSWORD to log in first (the server must be
started from serve.py, so the login's HttpOnly cookie carries over to each page).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tracker.dev.offline_browser import CHROMIUM, FLAGS, offline_only  # noqa: E402

# Ready when every plotly chart has drawn, and every map has its country shapes.
PLOTS_READY_JS = """() => {
  const charts = document.querySelectorAll('[data-testid="stPlotlyChart"]');
  if (!charts.length) return true;
  const svgs = document.querySelectorAll('.js-plotly-plot .main-svg');
  if (svgs.length < charts.length) return false;
  if (!document.querySelector('.js-plotly-plot .geo')) return true;
  return [...document.querySelectorAll('path.choroplethlocation')]
    .filter(e => (e.getAttribute("d") || "").length > 10).length > 10;  // corridors: some states
}"""


def log_in(page, base: str, user: str, password: str) -> None:
    """Log in through the staff login form and wait for the session cookie."""
    page.goto(f"{base.rstrip('/')}/login")
    page.get_by_role("textbox", name="User name", exact=True).fill(user, timeout=60000)
    page.locator("input[type=password]").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.get_by_text(f"Logged in as {user}").wait_for(timeout=60000)
    for _ in range(60):
        if any(c["name"] == "rgt_staff" for c in page.context.cookies()):
            return
        page.wait_for_timeout(250)
    raise SystemExit("no session cookie after the login: is the server started from serve.py?")


def main(base: str, out_dir: str, specs: list[str]) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.route("**/*", offline_only)
        if os.environ.get("SCREENSHOT_USER"):
            log_in(page, base, os.environ["SCREENSHOT_USER"], os.environ["SCREENSHOT_PASSWORD"])
        for spec in specs:
            path, _, name = spec.rpartition("=") if spec.endswith(".png") else (spec, "", "")
            page.goto(f"{base.rstrip('/')}/{path.lstrip('/')}")
            page.wait_for_selector("[data-testid='stAppViewContainer']", timeout=30000)
            # Every page ends with the provenance footer: once it is there, the run is complete.
            page.get_by_text("Data as of").first.wait_for(timeout=60000)
            try:  # plotly charts mount lazily, a second or two after the rest of the page
                page.wait_for_selector("[data-testid='stPlotlyChart']", timeout=8000)
            except PlaywrightTimeout:
                pass  # a page without charts
            page.wait_for_function(PLOTS_READY_JS, timeout=60000)
            page.wait_for_timeout(1500)
            page.screenshot(path=str(out / (name or f"{path or 'home'}.png")), full_page=False)
            print(out / (name or f"{path or 'home'}.png"))
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
