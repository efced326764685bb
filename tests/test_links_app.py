"""AppTest: pages start from the view in the link and write it back; bad values fall back."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest


@pytest.fixture
def app(db_file) -> AppTest:
    return AppTest.from_file("../app.py", default_timeout=60)


def test_matrix_link_restores_group_date_set_and_order(app):
    app.query_params.update({"group": "ASEAN", "date": "2010-12-18", "set": "all", "order": "name"})
    app.switch_page("app_pages/campaign/matrix.py").run()
    assert not app.exception
    assert app.selectbox(key="matrix_group").value == "ASEAN"
    assert app.radio(key="instrument_set").value == "all"
    assert app.radio(key="matrix_order").value == "name"
    assert app.session_state["as_of"] == dt.date(2010, 12, 18)
    wide = app.dataframe[0].value
    assert len(wide) == 10 and "Timor-Leste" not in wide.index
    assert "18 December 2010" in app.caption[0].value
    # a widget change goes into the address
    app.selectbox(key="matrix_group").set_value("GCC").run()
    assert app.query_params["group"] == "GCC"
    assert app.query_params["date"] == "2010-12-18"


@pytest.mark.parametrize(
    ("params", "page"),
    [
        ({"group": "NOPE"}, "app_pages/campaign/matrix.py"),
        ({"date": "2999-01-01"}, "app_pages/campaign/matrix.py"),
        ({"iso3": "<script>"}, "app_pages/campaign/country.py"),
        ({"view": "C999"}, "app_pages/campaign/map.py"),
        ({"code": "x" * 5000}, "app_pages/campaign/instrument.py"),
    ],
)
def test_bad_values_fall_back_with_a_notice(app, params, page):
    app.query_params.update(params)
    app.switch_page(page).run()
    assert not app.exception
    notices = [w.value for w in app.warning]
    assert any(n.startswith(f"Ignored {next(iter(params))}=") for n in notices)
    assert all("<script>" not in n for n in notices)
    name, raw = next(iter(params.items()))
    assert app.query_params.get(name) != raw  # the address now holds the default (or nothing)


def test_country_link_language_heading_and_asks(app):
    app.query_params.update({"iso3": "KHM", "lang": "th"})
    app.switch_page("app_pages/campaign/country.py").run()
    assert not app.exception
    assert app.selectbox(key="lang").value == "th"
    assert app.title[0].value == "กัมพูชา"
    assert app.query_params["iso3"] == "KHM" and app.query_params["lang"] == "th"


def test_a_language_opens_the_profile_on_its_own_state(app):
    app.query_params["lang"] = "th"
    app.switch_page("app_pages/campaign/country.py").run()
    assert app.selectbox(key="country_pick").value == "THA"


def test_map_view_and_instrument_code_links(app):
    app.query_params["view"] = "C097"
    app.run()
    assert not app.exception
    assert app.selectbox(key="map_view").value == "C097"
    app.query_params.clear()
    app.query_params["code"] = "SOM2000"
    app.switch_page("app_pages/campaign/instrument.py").run()
    assert app.selectbox(key="instrument_pick").value == "SOM2000"


def test_home_map_is_drawn_from_the_link_before_the_sidebar_and_follows_its_widgets(app):
    from tests.test_app import drawn_map

    app.query_params.update({"date": "2010-12-18", "lang": "th", "view": "C097"})
    app.run()
    assert not app.exception
    assert "18 December 2010" in app.caption[0].value
    body = drawn_map(app)
    assert "กัมพูชา" in body and "C097 Migration for Employment" in body  # Thai, C097 view
    assert app.selectbox(key="as_of_preset").value == "International Migrants Day (18 Dec)"
    assert (
        app.selectbox(key="as_of_imd_year").value == 2010
        and app.selectbox(key="lang").value == "th"
    )
    app.selectbox(key="as_of_preset").set_value("Today").run()  # the widget drawn after the map
    assert f"{dt.date.today():%d %B %Y}" in app.caption[0].value
    assert "date=2010-12-18" in body  # a state's link keeps the shared date...
    assert "date=2010-12-18" not in drawn_map(app)  # ...and the one chosen in this run
    assert app.session_state["as_of"] == dt.date.today()
