"""Real browser (offline chromium): md_escape'd text renders literally, with no link element."""

from __future__ import annotations

import pytest

from tests.browser import offline_page, require_chromium
from tracker.dev.offline_browser import PROJECT_DIR, app_server
from ui.text import WORD_JOINER

pytestmark = pytest.mark.browser

TEXT = "[click](http://evil) www.evil.org a@evil.org https://x.org/y <b>b</b> *s* `c` :red[x]"
SCRIPT = f"""
import sys
sys.path.insert(0, {{root!r}})
import streamlit as st
from ui.text import md_escape
st.error(md_escape({TEXT!r}))
st.warning({TEXT!r})
"""


def test_escaped_message_shows_the_text_and_no_link(tmp_path):
    require_chromium()
    script = tmp_path / "page.py"
    script.write_text(SCRIPT.format(root=str(PROJECT_DIR)), encoding="utf-8")
    with app_server(tmp_path / "t.db", script=str(script), timeout=90) as (url, _p, _s):
        with offline_page() as page:
            page.goto(url)
            page.wait_for_selector('[data-testid="stAlert"] >> nth=1', timeout=60_000)
            escaped, raw = page.query_selector_all('[data-testid="stAlert"]')
            assert escaped.inner_text().replace(WORD_JOINER, "") == TEXT
            assert escaped.query_selector_all("a") == []
            # The same text unescaped would render links: the check above can fail.
            assert len(raw.query_selector_all("a")) >= 3
