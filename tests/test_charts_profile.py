"""Chart builders and profile helpers on the seeded database."""

from __future__ import annotations

from tracker import profile
from tracker.matrix import cells
from tracker.views.charts import gap_map, hover_text, parties_over_time, status_map
from tracker.views.geo import SMALL_STATES


def test_status_map_has_one_legend_entry_per_status_and_markers_for_small_states(db):
    df = cells(db)
    fig = status_map(df, instrument="ICRMW")
    choropleths = [t for t in fig.data if t.type == "choropleth"]
    located = [c for t in choropleths for c in t.locations]
    assert sorted(located) == sorted(df["iso3"].unique())
    names = {t.name for t in choropleths}
    assert {"Party (ratified)", "Signed, not ratified", "Not ratified"} <= names
    markers = [c for t in fig.data if t.type == "scattergeo" for c in t.customdata]
    assert sorted(markers) == sorted(SMALL_STATES)


def test_gap_map_counts_gaps_and_greys_out_states_that_cannot_join(db):
    df = cells(db, instruments="core")
    fig = gap_map(df)
    main = fig.data[0]
    z = dict(zip(main.locations, main.z, strict=True))
    assert z["PHL"] == 1  # C181 only
    assert z["IRN"] == 5
    assert "TWN" not in z  # cannot join any core instrument
    grey = next(t for t in fig.data if t.type == "choropleth" and t.name == "Cannot join")
    assert list(grey.locations) == ["TWN"]


def test_hover_text_names_dates_source_and_unverified():
    text = hover_text(
        {
            "country": "Bangladesh",
            "instrument": "ICRMW",
            "status": "party",
            "signature_date": "1998-10-07",
            "consent_date": "2011-08-24",
            "in_force_date": "2011-12-01",
            "source_url": "https://treaties.un.org/x",
            "checked_on": "2026-11-23",
            "verified": False,
        }
    )
    assert "Signed: 1998-10-07" in text and "Ratified/acceded: 2011-08-24" in text
    assert "treaties.un.org" in text and "⚠" in text


def test_parties_over_time_is_cumulative(db):
    df = cells(db, instruments="ICRMW")
    fig = parties_over_time(df, instrument="ICRMW")
    y = list(fig.data[0].y)
    assert y == sorted(y)
    dated = df[(df["status"] == "party") & df["consent_date"].notna()]
    assert y[-1] == len(dated)


def test_peers_ahead_and_asks(db):
    df = cells(db)
    peers = profile.peers_ahead(db, df, "KHM")
    row = peers[(peers["group"] == "ASEAN") & (peers["instrument"] == "ICRMW")].iloc[0]
    parties = set(df[(df["instrument"] == "ICRMW") & (df["status"] == "party")]["iso3"])
    asean = {r[0] for r in db.execute("select iso3 from countries where asean = 1")}
    assert row["count"] == len((parties & asean) - {"KHM"})
    asks = profile.asks(df, "KHM")
    assert asks[0] == "signed ICRMW Migrant Workers Convention on 27 Sep 2004 — not yet ratified"
    assert profile.country(db, "TWN")["profile_label"].startswith("Migration profile not reported")


def test_peers_and_asks_of_every_state_at_once_match_a_direct_filter(db):
    import datetime as dt

    from tracker.countries import GROUPS, group_members
    from tracker.schema import REGIONAL_GROUPS

    day = dt.date(2015, 6, 1)
    df = cells(db, as_of=day)
    peers = profile.Peers(db, df, as_of=day)
    asks = profile.asks_by_state(df)
    seen = 0
    for iso3 in sorted(set(df["iso3"])):
        assert asks.get(iso3, []) == profile.asks(df, iso3)
        got = peers.ahead(iso3)
        gaps = set(df[(df["iso3"] == iso3) & df["gap"]]["instrument"])
        want = set()
        for g in REGIONAL_GROUPS:
            members = set(group_members(db, g, as_of=day))
            if iso3 not in members:
                continue
            others = members - {iso3}
            party = df[df["iso3"].isin(others) & df["instrument"].isin(gaps)]
            for code, part in party[party["status"] == "party"].groupby("instrument"):
                names = ", ".join(sorted(part["country"]))
                want.add((GROUPS[g].label, code, names, len(part), len(others)))
        assert set(got.itertuples(index=False, name=None)) == want
        assert len(got) == len(want)
        seen += len(got)
    assert seen > 0
