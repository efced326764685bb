"""The static bundle: every asset local, and it draws the map from file:// with no network."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

from tests.browser import DRAWN_SHAPES_JS, offline_page, require_chromium
from tracker.countries import group_members
from tracker.exports.publish import publish


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """One bundle of all 51 states, written once for the module."""
    from tracker.db import connect
    from tracker.seeding.seed import seed

    db = connect(memory=True)
    seed(db)
    out = tmp_path_factory.mktemp("site")
    publish(db, out)
    return out


def test_bundle_has_every_asset_locally(site):
    names = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert {"index.html", "data.csv", "data.json", "data.xlsx"} <= names
    assert not {"plotly.min.js", "geo-assets.js"} & names  # the maps are inline SVG
    assert len([n for n in names if n.startswith("countries/")]) == 51
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        # No asset is loaded from anywhere but the bundle (links to sources are fine).
        assert not re.search(r'<script[^>]+src="(https?:)?//', text), page
        assert not re.search(r'<link[^>]+href="(https?:)?//', text), page
    index = (site / "index.html").read_text(encoding="utf-8")
    assert index.count('<div data-view="') == 6  # core gaps + each core instrument
    assert 'href="countries/HKG.html"' in index and "C097 Migration for Employment" in index


def test_downloads_carry_the_as_of_date_and_citation(site):
    payload = json.loads((site / "data.json").read_text(encoding="utf-8"))
    assert payload["as_of"] and payload["citation"].startswith("Ratification Gap Tracker")
    rows = list(csv.DictReader(io.StringIO((site / "data.csv").read_text(encoding="utf-8"))))
    assert len(rows) == len(payload["rows"]) == 51 * 28
    assert {r["as_of"] for r in rows} == {payload["as_of"]}
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "Data as of" in index and payload["citation"].split(":")[0] in index


def test_group_bundle_only_has_the_group(db, tmp_path):
    publish(db, tmp_path, group="GCC")
    pages = {p.stem for p in (tmp_path / "countries").glob("*.html")}
    assert pages == set(group_members(db, "GCC"))
    assert "Gulf Cooperation Council" in (tmp_path / "index.html").read_text(encoding="utf-8")


def _file_only(route) -> None:
    if route.request.url.startswith("file://"):
        route.continue_()
    else:
        route.abort()


@pytest.mark.browser
def test_bundle_draws_the_map_from_file_url_with_network_off(site):
    require_chromium()
    with offline_page() as page:
        page.unroute("**/*")
        page.route("**/*", _file_only)  # not even loopback: only the files of the bundle
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((site / "index.html").as_uri())
        page.wait_for_function(f"({DRAWN_SHAPES_JS})() >= 45", timeout=45_000)
        assert page.evaluate(DRAWN_SHAPES_JS) >= 45
        assert page.blocked == [] and errors == []
        # Switch to one instrument's status map: its map and legend in words are shown.
        page.select_option("#view", "ICRMW")
        shown = page.locator("[data-view=ICRMW]")
        assert shown.is_visible() and not page.locator("[data-view=gaps]").is_visible()
        assert "Signed, not ratified" in shown.inner_text()
        assert shown.locator("path[data-iso3]").count() == 51
        # A state on the map links to its own page.
        assert shown.locator("a:has(circle[data-iso3=MAC])").get_attribute("href") == (
            "countries/MAC.html"
        )
        # The matrix links each state to its own page, which opens from file:// too.
        page.locator("table.matrix a", has_text="Indonesia").first.click()
        page.wait_for_load_state()
        assert page.url.endswith("countries/IDN.html")
        assert "The asks" in page.inner_text("body")


def test_index_has_a_coverage_section_for_the_states_shown(db, tmp_path):
    publish(db, tmp_path, group="SAARC", as_of=dt.date(2026, 12, 1))
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    section = index[index.index('<h2 id="coverage">') : index.index("<h2>Sources</h2>")]
    assert "UN DESA International Migrant Stock 2019" in section and "Taiwan" in section
    nepal = section[section.index(">Nepal<") :].split("</tr>")[0]
    assert "<td>2%</td>" in nepal  # ICRMW coverage of Nepal's emigrants (issue 16)
    assert ">Indonesia<" not in section  # only the group's origins
