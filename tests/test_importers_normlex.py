"""ILO NORMLEX: the per-convention table and the per-country page."""

from __future__ import annotations

import pytest
from importer_helpers import by_iso3, fixture

from tracker.errors import ParseError
from tracker.importers import ImportRow, parse


def test_convention_table_maps_in_force_not_in_force_and_denounced():
    result = parse("normlex", fixture("normlex_c097.txt"), instrument="C097")
    rows = by_iso3(result)
    assert rows["PHL"] == ImportRow("PHL", "party", None, "2009-04-21", "ratification")
    assert rows["TJK"].status == "party" and rows["TJK"].note == "not in force"
    assert rows["TUR"] == ImportRow(
        "TUR", "denounced", None, "2014-06-12", "ratification", "2020-06-12"
    )
    assert rows["MYS"].note == "Has excluded the provisions of Annexes I to III."
    assert all(r.signature_date is None for r in result.rows)  # ILO: no signature stage
    assert result.skipped_outside == 2 and result.unknown_names == []
    assert result.title == "Migration for Employment Convention (Revised), 1949 (No. 97)"


def test_automatic_denunciation_on_the_next_line_is_a_dated_denunciation():
    rows = by_iso3(parse("normlex", fixture("normlex_c097.txt"), instrument="C097"))
    assert rows["LKA"].status == "denounced"
    assert rows["LKA"].denunciation_date == "2019-03-14"
    assert rows["LKA"].note == "automatic denunciation by C143"


def test_hong_kong_declaration_is_a_territory_row():
    rows = by_iso3(parse("normlex", fixture("normlex_c097.txt"), instrument="C097"))
    assert rows["HKG"].status == "territory"


def test_space_separated_rows_with_pipes():
    text = (
        "Ratifications of C189 - Domestic Workers Convention, 2011 (No. 189)\n"
        "| Country | Date | Status | Note |\n|---|---|---|---|\n"
        "| Philippines | 05 Sep 2012 | In Force | |\n"
        "Nepal 5 Sep 2025 Not in force\n"
    )
    rows = by_iso3(parse("normlex", text, instrument="C189"))
    assert rows["PHL"].consent_date == "2012-09-05"
    assert rows["NPL"] == ImportRow(
        "NPL", "party", None, "2025-09-05", "ratification", None, "not in force"
    )


def test_country_page_gives_one_row_and_limits_the_scope():
    result = parse("normlex", fixture("normlex_philippines.txt"), instrument="C097")
    assert result.rows == [
        ImportRow(
            "PHL",
            "party",
            None,
            "2009-04-21",
            "ratification",
            None,
            "Has excluded the provisions of Annexes I to III.",
        )
    ]
    assert result.scope == frozenset({"PHL"})


def test_country_page_without_the_convention_has_no_rows_but_the_state_in_scope():
    result = parse("normlex", fixture("normlex_philippines.txt"), instrument="C181")
    assert result.rows == [] and result.scope == frozenset({"PHL"})


@pytest.mark.parametrize(
    ("data", "instrument", "message"),
    [
        (fixture("normlex_c097.txt"), "C143", "wrong convention"),
        (fixture("normlex_c097.txt"), "ICRMW", "UN instrument"),
        (
            fixture("normlex_c097.txt").replace(b"22 Jan 1951\tIn Force", b"22 Jan 19"),
            "C097",
            "truncated",
        ),
        (fixture("junk_empty.txt"), "C097", "empty"),
        (fixture("junk_binary.bin"), "C097", "binary"),
        (fixture("junk_page.html"), "C097", "no ratification rows"),
        (b"Philippines 21 Apr 2009 Ratified", "C097", "incomplete row"),
        (
            b"Ratifications for Philippines\nC097 - Migration for Employment Convention 21 Apr 20",
            "C097",
            "incomplete",
        ),
    ],
)
def test_junk_gives_a_clear_parse_error(data, instrument, message):
    with pytest.raises(ParseError, match=message):
        parse("normlex", data, instrument=instrument)
