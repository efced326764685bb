"""AppTest: every page runs from app.py and shows real content."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest


@pytest.fixture
def app(db_file) -> AppTest:
    return AppTest.from_file("../app.py", default_timeout=60)


def test_matrix_page_shows_all_states_and_footer(app):
    app.run()
    assert not app.exception
    df = app.dataframe[0].value
    assert len(df) == 51
    assert list(df.columns)[:2] == ["gaps", "ICRMW"]
    assert df.loc["Cambodia", "ICRMW"] == "✎ signed"
    assert df.loc["Philippines", "ICRMW"] == "✔ party"
    footer = app.caption[-1].value
    assert "Data as of" in footer and "unverified" in footer


def test_matrix_group_filter(app):
    app.run()
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
