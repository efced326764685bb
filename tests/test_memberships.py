"""Dated group memberships: a view as of a date uses the members of that date."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from tracker import profile
from tracker.countries import group_members, undated_members
from tracker.matrix import cells
from tracker.targets import rank_targets

DATA = Path(__file__).resolve().parents[1] / "data"
FOUNDERS = ["IDN", "MYS", "PHL", "SGP", "THA"]


def test_asean_grows_on_its_dates(db):
    assert group_members(db, "ASEAN", as_of=dt.date(1967, 8, 7)) == []
    assert group_members(db, "ASEAN", as_of=dt.date(1967, 8, 8)) == FOUNDERS
    assert "BRN" in group_members(db, "ASEAN", as_of=dt.date(1984, 1, 7))
    assert "VNM" not in group_members(db, "ASEAN", as_of=dt.date(1995, 7, 27))
    on_migrants_day_2010 = group_members(db, "ASEAN", as_of=dt.date(2010, 12, 18))
    assert len(on_migrants_day_2010) == 10 and "TLS" not in on_migrants_day_2010
    assert "TLS" in group_members(db, "ASEAN", as_of=dt.date(2025, 10, 26))
    assert len(group_members(db, "ASEAN")) == 11


def test_saarc_and_gcc_dates_and_unknown_left_unknown(db):
    assert "AFG" not in group_members(db, "SAARC", as_of=dt.date(2007, 4, 2))
    assert "AFG" in group_members(db, "SAARC", as_of=dt.date(2007, 4, 3))
    assert len(group_members(db, "GCC", as_of=dt.date(1981, 5, 25))) == 6
    assert group_members(db, "GCC", as_of=dt.date(1981, 5, 24)) == []
    # Colombo Process dates are not known: its members count on every date, and say so.
    assert undated_members(db, "COLOMBO") == group_members(db, "COLOMBO", as_of=dt.date(1990, 1, 1))
    assert undated_members(db, "ASEAN") == []


def test_the_file_matches_the_country_flags_and_cites_a_source(db):
    rows = list(csv.DictReader(open(DATA / "memberships.csv", encoding="utf-8")))
    assert all(r["source_url"].startswith("http") for r in rows)
    assert all(r["since"] == "" or dt.date.fromisoformat(r["since"]) for r in rows)
    for column, name in (("asean", "ASEAN"), ("gcc", "GCC"), ("colombo_process", "COLOMBO")):
        flagged = sorted(r["iso3"] for r in db["countries"].rows if r[column] == 1)
        assert flagged == group_members(db, name)


def test_matrix_peers_and_targets_use_the_members_of_the_day(db):
    day = dt.date(2010, 12, 18)
    df = cells(db, instruments="core", group="ASEAN", as_of=day)
    assert df["iso3"].nunique() == 10 and "TLS" not in set(df["iso3"])
    assert "ASEAN" not in profile.country(db, "TLS", as_of=day)["groups"]
    assert "ASEAN" in profile.country(db, "TLS")["groups"]
    peers = profile.peers_ahead(db, cells(db, as_of=day), "KHM", as_of=day)
    assert set(peers[peers["group"] == "ASEAN"]["of"]) <= {9}
    ranked = rank_targets(db, group="ASEAN", as_of=day)
    assert "TLS" not in set(ranked["iso3"])
    why = " ".join(ranked["why"])
    assert "of 10 ASEAN" not in why  # peers of a member are the other 9
