"""Round trip: a treaty exported from the seeded database, rendered in each official layout,
parses back to the same rows."""

from __future__ import annotations

import pytest

from tracker.dev import depositary_files as r
from tracker.importers import ImportRow, parse
from tracker.matrix import cells, export_frame

UN = [
    "ICRMW",
    "CEDAW",
    "ICCPR",
    "ICESCR",
    "ICERD",
    "CAT",
    "CRC",
    "CRPD",
    "CPED",
    "REFUGEE1951",
    "PROTOCOL1967",
    "TIP2000",
    "SOM2000",
]
ILO = [
    "C097",
    "C143",
    "C181",
    "C189",
    "C029",
    "P029",
    "C087",
    "C098",
    "C100",
    "C105",
    "C111",
    "C138",
    "C182",
    "C155",
    "C187",
]


def exported(db, code: str) -> list[ImportRow]:
    """The instrument's cells as the CSV export gives them, as the rows a depositary shows.

    A depositary table gives every date to the day: cells the tracker knows only to the month
    or year (from other sources) are left out of the rendered table.
    """
    records = export_frame(cells(db, instruments=code)).to_dict("records")
    dated = ("signature_date", "consent_date", "denunciation_date")
    return r.rows_from_cells([c for c in records if all(len(c[k]) in (0, 10) for k in dated)])


def key(rows):
    return sorted(rows, key=lambda row: row.iso3)


@pytest.mark.parametrize("code", UN)
@pytest.mark.parametrize("layout", ["tab", "pipe", "aligned", "run", "html", "xml"])
def test_untc_layouts_round_trip(db, code, layout):
    rows = exported(db, code)
    if layout == "run":
        # Run-together text cannot tell a lone ratification date from a signature: UNTC always
        # shows the signature of a ratifying state, so only seed rows lacking it are left out.
        rows = [x for x in rows if x.signature_date or x.consent_kind != "ratification"]
    render = {
        "tab": lambda: r.untc_text(rows, instrument=code),
        "pipe": lambda: r.untc_text(rows, instrument=code, sep=" | "),
        "aligned": lambda: r.untc_text(rows, instrument=code, sep="aligned"),
        "run": lambda: r.untc_text(rows, instrument=code, sep="run"),
        "html": lambda: r.untc_html(rows, instrument=code),
        "xml": lambda: r.untc_xml(rows, instrument=code),
    }[layout]
    assert len(rows) >= 5
    result = parse("untc", render(), instrument=code)
    assert key(result.rows) == key(rows)
    assert result.unknown_names == [] and result.skipped_outside == 0


@pytest.mark.parametrize("code", UN)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_ohchr_exports_round_trip(db, code, fmt):
    rows = exported(db, code) + [ImportRow("TWN", "none")]
    data = (r.ohchr_csv if fmt == "csv" else r.ohchr_xlsx)(rows, instrument=code)
    result = parse("ohchr", data, instrument=code)
    # The export does not say how consent was given: consent_kind comes back empty.
    expected = [ImportRow(**{**x.as_dict(), "consent_kind": None}) for x in rows]
    assert key(result.rows) == key(expected)
    assert result.last_update == "2026-11-21"


@pytest.mark.parametrize("code", ILO)
def test_normlex_layouts_round_trip(db, code):
    rows = exported(db, code)
    if not rows:
        pytest.skip(f"no dated {code} ratification among the tracked states")
    assert key(parse("normlex", r.normlex_table(rows, instrument=code), instrument=code).rows) == (
        key(rows)
    )
    for row in rows:
        page = parse("normlex", r.normlex_country(row, instrument=code), instrument=code)
        assert page.rows == [row] and page.scope == frozenset({row.iso3})


def test_the_round_trip_covers_the_seed_statuses_and_consent_kinds(db):
    statuses = {x.status for code in UN + ILO for x in exported(db, code)}
    kinds = {x.consent_kind for code in UN for x in exported(db, code)}
    assert statuses == {"party", "signatory"}  # the seed has no dated denunciation
    assert kinds >= {"ratification", "accession", "succession"}
    assert sum(len(exported(db, code)) for code in UN + ILO) > 500
