"""What campaigners read: instruments named in words, the map as text, readable tooltips."""

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
    from tracker.views.tables import map_text

    core = cells(db, instruments="core")
    table = map_text(core)
    assert len(table) == 51 and list(table["state"]) == sorted(table["state"])
    khm = table[table["state"] == "Cambodia"].iloc[0]
    gaps = core[(core["iso3"] == "KHM") & core["gap"]]
    assert khm["gaps"] == f"{len(gaps)} of 5" and "ICRMW" in khm["not ratified"]
    one = map_text(cells(db, instruments="ICRMW"), instrument="ICRMW")
    assert one[one["state"] == "Cambodia"]["signed"].iloc[0] == "2004-09-27"
    assert one[one["state"] == "Philippines"]["status"].iloc[0].startswith("✔ party")


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #RRGGBB colours."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_map_tooltips_meet_wcag_aa(db):
    from tracker.views.charts import gap_map, status_map

    df = cells(db)
    for fig in (
        gap_map(df[df["instrument"].isin(["ICRMW", "C097"])]),
        status_map(df, instrument="C097"),
    ):
        label = fig.layout.hoverlabel
        assert contrast(label.bgcolor, label.font.color) >= 4.5


def test_caption_colour_meets_wcag_aa():
    import re
    from pathlib import Path

    css = (Path(__file__).resolve().parents[1] / "ui" / "widgets.py").read_text(encoding="utf-8")
    colour = re.search(r'stCaptionContainer"\] p \{color: (#[0-9A-Fa-f]{6})', css).group(1)
    assert contrast(colour, "#FFFFFF") >= 4.5 and "opacity: 1" in css
