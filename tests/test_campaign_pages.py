"""AppTest: the Campaign targets and What's new pages, reached from app.py."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.staff_login import logged_in
from tracker.targets import DEFAULT_WEIGHTS, FACTORS


@pytest.fixture
def app(db_file) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.run()
    return at


def test_targets_page_ranks_states_with_factors(app):
    app.switch_page("app_pages/campaign/targets.py").run()
    assert not app.exception
    assert app.title[0].value == "Campaign targets"
    df = app.dataframe[0].value
    assert list(df.columns) == ["rank", "iso3", "state", "status", "score", *FACTORS, "why"]
    assert len(df) == 40
    assert "Philippines" not in set(df["state"])
    khm = df[df["state"] == "Cambodia"].iloc[0]
    assert khm["signed"] == 1.0 and "signed 27 Sep 2004" in khm["why"]
    assert list(df["score"]) == sorted(df["score"], reverse=True)
    for row in df.to_dict("records"):
        expected = sum(DEFAULT_WEIGHTS[f] * row[f] for f in FACTORS) / sum(DEFAULT_WEIGHTS.values())
        assert row["score"] == pytest.approx(expected)
    assert "Download the ranking (CSV)" in [b.label for b in app.get("download_button")]


def test_targets_page_weights_group_and_instrument(app):
    app.switch_page("app_pages/campaign/targets.py").run()
    app.slider(key="weight_signed").set_value(0.0).run()
    app.selectbox(key="targets_group").set_value("ASEAN").run()
    assert not app.exception
    df = app.dataframe[0].value
    assert len(df) == 8
    assert "signed" not in df[df["state"] == "Cambodia"].iloc[0]["why"]
    app.selectbox(key="targets_instrument").set_value("C189").run()
    df = app.dataframe[0].value
    assert "Philippines" not in set(df["state"]) and "Indonesia" in set(df["state"])
    for f in FACTORS:
        app.slider(key=f"weight_{f}").set_value(0.0)
    app.run()
    assert not app.exception
    assert "at least one factor" in app.warning[0].value


def test_targets_page_in_thai(app):
    import gettext

    import pycountry

    thai = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["th"])
    app.switch_page("app_pages/campaign/targets.py").run()
    app.selectbox(key="lang").set_value("th").run()
    assert not app.exception
    assert thai.gettext("Cambodia") in set(app.dataframe[0].value["state"])


def test_changes_page_default_window_and_custom_dates(app, db_file):
    from tracker.db import connect

    connect(db_file)["audit_log"].insert(
        {
            "at": f"{dt.date.today():%Y-%m-%d}T08:00:00Z",
            "actor": "staff@example.org",
            "action": "edit",
            "iso3": "KHM",
            "instrument": "ICRMW",
            "old": json.dumps({"status": "signatory"}),
            "new": json.dumps({"status": "party"}),
            "reason": "depositary notification",
            "source_url": "https://treaties.un.org/x",
        }
    )
    app.switch_page("app_pages/campaign/changes.py").run()
    assert not app.exception
    assert app.title[0].value == "What's new"
    public = app.dataframe[0].value
    # The public sees the world's treaty actions, never staff edits or who made them.
    assert {"actor", "reason", "origin"}.isdisjoint(public.columns)
    assert "staff@example.org" not in public.to_csv()
    assert "status: signatory → party" not in set(public["change"])

    logged_in(app).run()
    df = app.dataframe[0].value
    edit = df[df["origin"].str.startswith("audit")].iloc[0]
    assert (edit["state"], edit["change"], edit["reason"]) == (
        "Cambodia",
        "status: signatory → party",
        "depositary notification",
    )
    year_ago = dt.date.today() - dt.timedelta(days=366)
    assert all(d >= f"{year_ago}" for d in df["date"])

    app.selectbox(key="changes_window").set_value("Pick dates").run()
    app.date_input(key="changes_since_Pick dates").set_value(dt.date(2011, 1, 1))
    app.date_input(key="changes_until_Pick dates").set_value(dt.date(2012, 1, 1)).run()
    assert not app.exception
    df = app.dataframe[0].value
    bgd = df[(df["state"] == "Bangladesh") & (df["instrument"] == "ICRMW")]
    assert bgd["event"].tolist() == ["ratified"] and bgd["date"].tolist() == ["2011-08-24"]
    assert "Download the changes (CSV)" in [b.label for b in app.get("download_button")]


def test_changes_page_migrants_day_preset(app):
    app.switch_page("app_pages/campaign/changes.py").run()
    year = dt.date.today().year - 1
    app.selectbox(key="changes_window").set_value(f"Since International Migrants Day {year}").run()
    assert not app.exception
    df = app.dataframe[0].value
    assert all(d >= f"{year}-12-18" for d in df["date"])
    assert f"18 December {year}" in app.markdown[0].value
