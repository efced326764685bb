"""Instruments are named in words wherever a person reads them."""

from tracker import profile
from tracker.instruments import display_name, display_names
from tracker.matrix import cells


def test_names_from_the_stored_titles(db):
    names = display_names(db)
    assert names["C097"] == "C097 Migration for Employment (Revised), 1949"
    assert names["SOM2000"] == "SOM2000 Smuggling of Migrants Protocol"
    assert names["CEDAW"].startswith("CEDAW Convention on the Elimination")
    assert set(names) == {r["code"] for r in db["instruments"].rows}
    assert all(name.startswith(code + " ") for code, name in names.items())


def test_ilo_rule_and_fallback():
    assert (
        display_name(
            "C143",
            short_title="x",
            full_title="Migrant Workers (Supplementary Provisions) Convention, 1975 (No. 143)",
        )
        == "C143 Migrant Workers (Supplementary Provisions), 1975"
    )
    assert display_name("XYZ", short_title="Some Treaty", full_title="") == "XYZ Some Treaty"


def test_asks_name_c097_in_words(db):
    df = cells(db)
    gaps = df[(df["instrument"] == "C097") & df["gap"]]
    iso3 = gaps["iso3"].iloc[0]
    asks = profile.asks(df, iso3)
    assert any("C097 Migration for Employment (Revised), 1949" in a for a in asks)


def test_map_text_alternative_has_the_maps_facts(db):
    from tracker.tables import map_text

    core = cells(db, instruments="core")
    table = map_text(core)
    assert len(table) == 51 and list(table["state"]) == sorted(table["state"])
    khm = table[table["state"] == "Cambodia"].iloc[0]
    gaps = core[(core["iso3"] == "KHM") & core["gap"]]
    assert khm["gaps"] == f"{len(gaps)} of 5" and "ICRMW" in khm["not ratified"]
    one = map_text(cells(db, instruments="ICRMW"), instrument="ICRMW")
    assert one[one["state"] == "Cambodia"]["signed"].iloc[0] == "2004-09-27"
    assert one[one["state"] == "Philippines"]["status"].iloc[0].startswith("✔ party")
