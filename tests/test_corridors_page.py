"""AppTest: the Corridors page (origin and destination views), reached from app.py."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest


@pytest.fixture
def app(db_file) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.run()
    at.switch_page("pages/campaign/corridors.py").run()
    assert not at.exception
    return at


def test_origin_view_coverage_map_and_asks(app):
    assert app.title[0].value == "Corridors"
    app.selectbox(key="corridor_instrument").set_value("C097").run()
    assert not app.exception
    heads = [m.value for m in app.markdown]
    assert any(h.startswith("### 30% of Nepal's emigrants") for h in heads)  # issue 16: 30%
    table = app.dataframe[0].value
    assert table["destination"].iloc[0] == "MYS" and table["stock"].iloc[0] == 578_082
    assert table["ask"].iloc[0].startswith("Malaysia hosts 578,000 people born in Nepal")
    assert len(app.get("plotly_chart")) == 2  # the map and coverage over time
    asks = [m.value for m in app.markdown if m.value.startswith("- ")]
    # Malaysia is party to C097: the asks start with the largest corridor into a non-party
    assert asks and asks[0].startswith("- India hosts 534,000 people born in Nepal")
    assert "Malaysia" not in asks[0]
    assert "Download the table (CSV)" in [b.label for b in app.get("download_button")]


def test_origin_and_instrument_change(app):
    app.selectbox(key="corridor_state").set_value("IDN").run()
    app.selectbox(key="corridor_instrument").set_value("ICRMW").run()
    assert not app.exception
    assert any(m.value.startswith("### 4% of Indonesia's") for m in app.markdown)


def test_destination_view_names_bound_origins(app):
    app.radio(key="corridor_side").set_value("Destination").run()
    app.selectbox(key="corridor_state").set_value("MYS").run()
    app.selectbox(key="corridor_instrument").set_value("ICRMW").run()
    assert not app.exception
    assert any(m.value.startswith("### Malaysia hosts") for m in app.markdown)
    table = app.dataframe[0].value
    assert table["origin"].iloc[0] == "IDN"
    bound = table[table["argument"] != ""]
    assert not bound.empty and set(bound["origin_status"]) <= {"party", "territory"}
    assert len(app.get("plotly_chart")) == 1  # no coverage-over-time for a destination
