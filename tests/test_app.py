"""AppTest: every page runs from app.py and shows real content."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest


@pytest.fixture
def app(db_file) -> AppTest:
    return AppTest.from_file("../app.py", default_timeout=60)


def test_matrix_page_shows_all_states_and_footer(app):
    app.switch_page("app_pages/campaign/matrix.py").run()
    assert not app.exception
    df = app.dataframe[0].value
    assert len(df) == 51
    assert list(df.columns)[:2] == ["gaps", "ICRMW"]
    assert list(df["gaps"]) == sorted(df["gaps"], reverse=True)  # most gaps first
    app.radio(key="matrix_order").set_value("name").run()
    assert list(app.dataframe[0].value.index) == sorted(df.index)
    download = app.get("download_button")[0]
    assert download.proto.label == "Download what is shown (CSV)"
    # The cell cites the archived UNTC status XML (depositary evidence): no ⚠.
    assert df.loc["Cambodia", "ICRMW"] == "✎ signed"
    assert df.loc["Philippines", "ICRMW"] == "✔ party"  # the OHCHR export (refreshed seed)
    assert df.loc["Philippines", "C097"] == "✔ party ⚠"  # cites a third-party legal database
    footer = app.caption[-1].value
    assert "Data as of" in footer and "⚠ = secondary source or not checked" in footer
    # Counts per evidence level are stated once, in the source line.
    assert footer.count("on secondary sources") == 1 and footer.count("secondary") == 2
    assert "Compiled from the depositary records" not in footer


def test_matrix_group_filter(app):
    app.switch_page("app_pages/campaign/matrix.py").run()
    app.selectbox(key="matrix_group").set_value("GCC").run()
    assert not app.exception
    assert set(app.dataframe[0].value.index) == {
        "Bahrain",
        "Kuwait",
        "Oman",
        "Qatar",
        "Saudi Arabia",
        "United Arab Emirates",
    }


def drawn_map(app: AppTest) -> str:
    """The map block the home page's one-line script puts in place (its JSON payload)."""
    body = next(h.proto.body for h in app.get("html") if "gapmap-host" in h.proto.body)
    script = body.split("<script>", 1)[1].removesuffix("</script>")
    assert "<" not in script  # no tag inside the script: the sanitiser keeps it, data cannot end it
    return json.loads(script.split("innerHTML = ", 1)[1].removesuffix(";"))


def test_map_page_is_home_and_draws_the_inline_svg_map(app):
    app.run()
    assert not app.exception
    assert not app.get("plotly_chart")  # no plotly.js on the home page
    body = drawn_map(app)
    assert 'class="gapmap"' in body
    assert body.count("<path data-iso3=") == 51 and "<script" not in body
    assert 'href="country?iso3=HKG"' in body and "Gaps in the core five" in body
    assert app.selectbox(key="map_view").value == "gaps"
    app.selectbox(key="map_view").set_value("C097").run()
    assert not app.exception
    body = drawn_map(app)
    assert "C097 Migration for Employment" in body  # instrument named, not only coded
    assert "Party (ratified)" in body and "Not ratified" in body  # legend in words


def test_country_page_shows_asks_peers_and_sources(app):
    app.query_params["iso3"] = "KHM"
    app.switch_page("app_pages/campaign/country.py").run()
    assert not app.exception
    assert app.title[0].value == "Cambodia"
    asks = app.markdown[1].value
    assert (
        "Cambodia signed ICRMW Migrant Workers Convention on 27 Sep 2004 — not yet ratified" in asks
    )
    peers = app.dataframe[0].value
    named = peers["instrument"] == "ICRMW Migrant Workers Convention"
    icrmw = peers[(peers["group"] == "ASEAN") & named].iloc[0]
    assert (
        "Indonesia" in icrmw["peers that are party"]
        and "Philippines" in icrmw["peers that are party"]
    )
    table = app.dataframe[1].value
    assert len(table) == 28 and table["source"].str.startswith("http").all()


def test_instrument_page_lists_parties_with_dates(app):
    app.query_params["code"] = "ICRMW"
    app.switch_page("app_pages/campaign/instrument.py").run()
    assert not app.exception
    assert app.title[0].value == "Migrant Workers Convention"
    table = app.dataframe[0].value
    bgd = table[table["state"] == "Bangladesh"].iloc[0]
    assert bgd["ratified / acceded"] == "2011-08-24" and bgd["status"] == "Party (ratified)"
    assert app.metric[0].value == str((table["status"] == "Party (ratified)").sum())


def test_as_of_preset_recomputes_the_matrix(app):
    app.switch_page("app_pages/campaign/matrix.py").run()
    app.selectbox(key="as_of_preset").set_value("Pick a date").run()
    import datetime as dt

    app.date_input(key="as_of_pick").set_value(dt.date(2010, 12, 18)).run()
    assert not app.exception
    df = app.dataframe[0].value
    assert df.loc["Bangladesh", "ICRMW"] == "✎ signed"
    assert "Data as of 2010-12-18" in app.caption[-1].value


def test_international_migrants_day_preset(app):
    app.switch_page("app_pages/campaign/matrix.py").run()
    app.selectbox(key="as_of_preset").set_value("International Migrants Day (18 Dec)").run()
    app.selectbox(key="as_of_imd_year").set_value(2011).run()
    assert not app.exception
    assert app.dataframe[0].value.loc["Bangladesh", "ICRMW"] == "✔ party"
    app.selectbox(key="as_of_imd_year").set_value(2010).run()
    assert app.dataframe[0].value.loc["Bangladesh", "ICRMW"] == "✎ signed"
    assert "Data as of 2010-12-18" in app.caption[-1].value
