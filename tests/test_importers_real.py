"""The official files exactly as published (../shared/real/): every one parses, rows match.

Expected values come from the file itself, read by an independent minimal reader (raw XML
``<Row>``/``<Entry>`` text, xlrd cells by header name), plus a few spot checks copied from the
files. Variants (other titles, names, layouts) are built in temporary directories.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tracker.countries import to_iso3, tracked_iso3
from tracker.errors import ParseError, UnknownCountry
from tracker.importers import parse
from tracker.importers.diff import diff
from tracker.importers.evidence import RANK, cell_evidence_date

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real is absent")
UNTC = {"IV-13.en.xml": "ICRMW", "IV-16.en.xml": "CPED"}
OHCHR = {
    f"UnderlyingData_{code}_OHCHR_19_09_2020.xls": code
    for code in ("CAT", "CEDAW", "CPED", "CRC", "CRPD", "ICCPR", "ICERD", "ICESCR", "ICRMW")
}
KIND = {"": "ratification", "a": "accession", "d": "succession"}


def real(name: str) -> bytes:
    """Bytes of one real file, as published."""
    folder = "untc" if name.endswith(".xml") else "ohchr"
    return (REAL / folder / name).read_bytes()


def _iso(name: str) -> str | None:
    name = re.sub(r"<superscript>.*?</superscript>", "", name).strip()
    name = re.sub(r"^St\. ", "Saint ", name)
    try:
        return to_iso3(name)
    except UnknownCountry:
        return None


def _untc_date(text: str) -> tuple[str | None, str | None]:
    text = text.strip()
    if not text:
        return None, None
    day, suffix = re.fullmatch(r"(\d{1,2} \w{3} \d{4})\s*([ad]?)", text).groups()
    return dt.datetime.strptime(day, "%d %b %Y").date().isoformat(), suffix


def xml_oracle(data: bytes) -> dict[str, dict]:
    """ISO3 → expected values, from the raw participant rows of a UNTC XML file."""
    text = data.decode("latin-1")
    table = text[text.index("<Participants>") : text.index("</Participants>")]
    rows = re.findall(r"<Row>(.*?)</Row>", table, re.S)
    out = {}
    for row in rows:
        entries = [e or "" for e in re.findall(r"<Entry\s*/>|<Entry>(.*?)</Entry>", row, re.S)]
        iso3 = _iso(entries[0].replace("&lt;", "<").replace("&gt;", ">"))
        if iso3 in tracked_iso3():
            signature, _ = _untc_date(entries[1])
            consent, suffix = _untc_date(entries[2])
            out[iso3] = {
                "status": "party" if consent else "signatory",
                "signature_date": signature,
                "consent_date": consent,
                "consent_kind": KIND[suffix] if consent else None,
            }
    return out


def xls_oracle(data: bytes) -> dict[str, dict]:
    """ISO3 → expected values, from the cells of an OHCHR .xls (columns found by header)."""
    import xlrd

    book = xlrd.open_workbook(file_contents=data)
    sheet = book.sheet_by_index(0)
    header = sheet.row_values(1)
    sig = header.index("Date of Signature (dd/mm/yyyy)")
    con = header.index("Date of Ratification/Accession")

    def day(r: int, c: int) -> str | None:
        cell = sheet.cell(r, c)
        if cell.ctype != xlrd.XL_CELL_DATE:
            return None
        return xlrd.xldate_as_datetime(cell.value, book.datemode).date().isoformat()

    out = {}
    for r in range(2, sheet.nrows):
        iso3 = _iso(str(sheet.cell_value(r, 0)))
        if iso3 in tracked_iso3():
            signature, consent = day(r, sig), day(r, con)
            status = "party" if consent else "signatory" if signature else "none"
            out[iso3] = {"status": status, "signature_date": signature, "consent_date": consent}
    return out


@pytest.mark.parametrize(("name", "code"), UNTC.items())
def test_untc_xml_parses_as_published_and_matches_its_rows(name, code):
    data = real(name)
    assert b"\x1c" in data or b"\x1d" in data or b"\x02" in data  # the publisher's bytes
    result = parse("untc", data, instrument=code)
    expected = xml_oracle(data)
    assert len(expected) >= 10 and result.unknown_names == [] and result.withdrawn == []
    got = {r.iso3: r for r in result.rows}
    assert set(got) == set(expected)
    for iso3, values in expected.items():
        assert {k: getattr(got[iso3], k) for k in values} == values, iso3
    table = data[data.index(b"<Participants>") : data.index(b"</Participants>")]
    assert result.skipped_outside + len(result.rows) == table.count(b"<Row>")


def test_untc_spot_checks_from_the_files():
    icrmw = {r.iso3: r for r in parse("untc", real("IV-13.en.xml"), instrument="ICRMW").rows}
    bgd = icrmw["BGD"]  # Bangladesh | 7 Oct 1998 | 24 Aug 2011
    assert (bgd.status, bgd.signature_date, bgd.consent_date, bgd.consent_kind) == (
        "party",
        "1998-10-07",
        "2011-08-24",
        "ratification",
    )
    aze = icrmw["AZE"]  # Azerbaijan | | 11 Jan 1999 a
    assert (aze.signature_date, aze.consent_date, aze.consent_kind) == (
        None,
        "1999-01-11",
        "accession",
    )
    assert (icrmw["ARM"].status, icrmw["ARM"].signature_date) == ("signatory", "2013-09-26")
    cped = {r.iso3: r for r in parse("untc", real("IV-16.en.xml"), instrument="CPED").rows}
    khm = cped["KHM"]  # Cambodia | | 27 Jun 2013 a  (header "Accession(a), Ratification")
    assert (khm.signature_date, khm.consent_date, khm.consent_kind) == (
        None,
        "2013-06-27",
        "accession",
    )


@pytest.mark.parametrize(("name", "code"), OHCHR.items())
def test_ohchr_xls_parses_as_published_and_matches_its_cells(name, code):
    data = real(name)
    assert data[:4] == b"\xd0\xcf\x11\xe0"  # legacy OLE2 Excel
    result = parse("ohchr", data, instrument=code)
    assert result.last_update == "2020-09-16"  # "[Last Updated: 16/09/2020 08:5x:xx]"
    assert result.unknown_names == []
    expected = xls_oracle(data)
    got = {r.iso3: r for r in result.rows}
    assert set(got) == set(expected) and len(got) >= 45
    for iso3, values in expected.items():
        assert {k: getattr(got[iso3], k) for k in values} == values, iso3
        assert got[iso3].consent_kind is None  # the export does not say how consent was given


def test_ohchr_spot_checks_from_the_files():
    rows = parse("ohchr", real(next(iter(k for k in OHCHR if "ICRMW" in k))), instrument="ICRMW")
    got = {r.iso3: r for r in rows.rows}
    assert (got["BGD"].signature_date, got["BGD"].consent_date) == ("1998-10-07", "2011-08-24")
    assert (got["AZE"].status, got["AZE"].consent_date) == ("party", "1999-01-11")
    assert got["AFG"].status == "none" and got["ARM"].status == "signatory"


@pytest.mark.parametrize(
    ("source", "name", "instrument", "both"),
    [
        ("untc", "IV-8-b.en.xml", "CEDAW", ("Optional Protocol to the Convention", "CEDAW")),
        ("untc", "IV-13.en.xml", "CPED", ("Migrant Workers", "CPED")),
        ("ohchr", "UnderlyingData_CEDAW_OHCHR_19_09_2020.xls", "ICRMW", ("CEDAW", "ICRMW")),
        ("ohchr", "UnderlyingData_CAT_OHCHR_19_09_2020.xls", "ICCPR", ("Torture", "ICCPR")),
    ],
)
def test_wrong_instrument_is_refused_naming_both(source, name, instrument, both):
    with pytest.raises(ParseError, match="wrong treaty") as err:
        parse(source, real(name), instrument=instrument)
    assert all(part in str(err.value) for part in both)


def _retitled(title: str, note: str = "") -> bytes:
    """IV-13 with another Titlesect (and a note that mentions another treaty)."""
    text = real("IV-13.en.xml").decode("latin-1")
    text = re.sub(r"<Titlesect>.*?</Titlesect>", f"<Titlesect>{title}</Titlesect>", text)
    text = text.replace("<Conclusion>", f"<Conclusion>{note} ", 1)
    return text.encode("latin-1")


REFUGEE_PROTOCOL = "Protocol relating to the Status of Refugees"
SMUGGLING = (
    "Protocol against the Smuggling of Migrants by Land, Sea and Air, supplementing the "
    "United Nations Convention against Transnational Organized Crime"
)


@pytest.mark.parametrize(
    ("title", "note", "wrong", "right"),
    [
        (
            REFUGEE_PROTOCOL,
            "Extends the Convention relating to the Status of Refugees.",
            "REFUGEE1951",
            "PROTOCOL1967",
        ),
        (SMUGGLING, "", "TIP2000", "SOM2000"),
    ],
)
def test_the_files_own_title_decides(title, note, wrong, right):
    data = _retitled(title, note)
    with pytest.raises(ParseError) as err:
        parse("untc", data, instrument=wrong)
    assert right in str(err.value) and wrong in str(err.value)
    assert parse("untc", data, instrument=right).rows  # a mention is not a match


def test_pasted_text_title_is_the_first_one_named(tmp_path):
    body = "Participant\tSignature\tRatification, Accession(a), Succession(d)\n"
    body += "Philippines\t\t22 Jul 1981 a\n"
    text = f"{REFUGEE_PROTOCOL}\nNew York, 31 January 1967 (see the Convention relating to "
    text += f"the Status of Refugees)\n{body}"
    with pytest.raises(ParseError, match="PROTOCOL1967"):
        parse("untc", text, instrument="REFUGEE1951")
    assert parse("untc", text, instrument="PROTOCOL1967").rows[0].iso3 == "PHL"


def test_footnote_markup_and_st_spellings_resolve():
    text = real("IV-13.en.xml").decode("latin-1")
    assert "St. Vincent and the Grenadines" in text
    text = text.replace(
        "<Entry>Bangladesh</Entry>",
        "<Entry>Bangladesh&lt;superscript&gt;6&lt;/superscript&gt;</Entry>",
    )
    result = parse("untc", text.encode("latin-1"), instrument="ICRMW")
    assert result.unknown_names == []
    assert {r.iso3: r for r in result.rows}["BGD"].consent_date == "2011-08-24"


def test_a_table_without_signature_column_reads_consent_dates_only():
    text = real("IV-13.en.xml").decode("latin-1")
    head = text.index("<Thead>")
    table = text[head : text.index("</Participants>")]
    # Keep only the first and last column of every row (an accession-only table).
    rows = re.sub(
        r"(<Row[^>]*>\s*<Entry[^>]*>[^<]*</Entry>)\s*(?:<Entry\s*/>|<Entry[^>]*>[^<]*</Entry>)",
        r"\1",
        table,
    )
    rows = rows.replace("Ratification, Accession(a), Succession(d)", "Accession(a), Succession(d)")
    result = parse(
        "untc",
        (text[:head] + rows + text[text.index("</Participants>") :]).encode("latin-1"),
        instrument="ICRMW",
    )
    got = {r.iso3: r for r in result.rows}
    assert all(r.signature_date is None for r in result.rows)
    assert got["BGD"].consent_date == "2011-08-24" and "ARM" not in got  # Armenia only signed


def test_an_old_file_never_downgrades_a_newer_cell(db):
    data = real("UnderlyingData_CPED_OHCHR_19_09_2020.xls")
    plan = diff(db, parse("ohchr", data, instrument="CPED"))
    assert plan.as_of == "2020-09-16"
    held = plan.of("older_than_stored")
    assert held, "the 2020 export lists states that became parties later"
    pending = {e.iso3 for e in plan.pending(include_not_mentioned=True)}
    for entry in held:
        cell = db["status"].get((entry.iso3, "CPED"))
        assert cell_evidence_date(cell) > "2020-09-16" and entry.iso3 not in pending
        assert RANK[entry.changes.get("status", cell["status"])] <= RANK[cell["status"]]
        assert "file older than the stored record" in entry.problems[0]
    # Told that the file is newer than the evidence, the same rows are proposed again.
    newer = diff(db, parse("ohchr", data, instrument="CPED"), as_of="2026-12-01")
    assert not newer.of("older_than_stored")
    assert {e.iso3 for e in held} <= {e.iso3 for e in newer.pending(include_not_mentioned=True)}


def test_a_file_without_a_date_holds_every_backwards_move(db):
    plan = diff(db, parse("untc", real("IV-16.en.xml"), instrument="CPED"))
    assert plan.as_of is None and plan.of("older_than_stored")
    assert all("no as-of date" in e.problems[0] for e in plan.of("older_than_stored"))
