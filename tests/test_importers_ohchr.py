"""OHCHR ratification dashboard exports: CSV and XLSX."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from importer_helpers import by_iso3, fixture
from openpyxl import Workbook

from tracker.dev.depositary_files import ohchr_xlsx
from tracker.errors import ParseError
from tracker.importers import ImportRow, parse


def test_csv_export_with_header_and_footer():
    result = parse("ohchr", fixture("ohchr_icrmw.csv"), instrument="ICRMW")
    rows = by_iso3(result)
    assert result.last_update == "2026-11-21"
    assert rows["BGD"] == ImportRow("BGD", "party", "1998-10-07", "2011-08-24")
    assert rows["ARM"] == ImportRow("ARM", "signatory", "2013-09-26")
    assert rows["JPN"] == ImportRow("JPN", "none")  # listed without dates
    assert rows["TUR"].consent_date == "2004-09-27"
    assert result.skipped_outside == 2  # Albania, Chile; the footer is not a country
    assert result.unknown_names == []
    assert len(rows) == 15


def test_xlsx_export_with_real_excel_dates():
    rows = [ImportRow("PHL", "party", "1993-11-15", "1995-07-05"), ImportRow("JPN", "none")]
    result = parse("ohchr", ohchr_xlsx(rows, instrument="ICRMW"), instrument="ICRMW")
    assert result.rows == rows
    assert result.last_update == "2026-11-21"


def test_xlsx_with_text_dates_and_semicolon_csv():
    book = Workbook()
    sheet = book.active
    sheet.append(["Convention on the Rights of the Child"])
    sheet.append(["Country", "Date of Signature (dd/mm/yyyy)", "Date of Ratification/Accession"])
    sheet.append(["Viet Nam", "26/01/1990", dt.datetime(1990, 2, 28)])
    buf = io.BytesIO()
    book.save(buf)
    assert parse("ohchr", buf.getvalue(), instrument="CRC").rows == [
        ImportRow("VNM", "party", "1990-01-26", "1990-02-28")
    ]
    text = "Country;Date of signature;Date of ratification/accession\nNepal;;14/09/1990\n"
    assert parse("ohchr", text, instrument="CRC").rows == [
        ImportRow("NPL", "party", None, "1990-09-14")
    ]


_TITLE = (
    b"International Convention on the Protection of the Rights of All Migrant Workers and "
    b"Members of Their Families"
)


def _csv() -> bytes:
    return fixture("ohchr_icrmw.csv")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_csv().replace(_TITLE, b"Convention on the Rights of Persons with Disabilities"), "wrong"),
        (_csv()[: _csv().index(b"27/09/2004") + 5], "row 10 .Cambodia.*not a date"),
        (fixture("junk_empty.txt"), "empty"),
        (fixture("junk_binary.bin"), "binary"),
        (fixture("junk_page.html"), "no 'Country' column"),
        (b"PK\x03\x04" + b"\x00" * 50, "unreadable XLSX"),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 50, "unreadable XLS"),
        (
            b"Country,Date of signature,Date of ratification/accession\nNepal,31/02/1990,\n",
            "valid date",
        ),
    ],
)
def test_junk_gives_a_clear_parse_error(data, message):
    with pytest.raises(ParseError, match=message):
        parse("ohchr", data, instrument="ICRMW")
