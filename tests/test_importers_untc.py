"""UN Treaty Collection status tables: every layout and the tricky cases."""

from __future__ import annotations

import pytest
from importer_helpers import by_iso3, fixture

from tracker.errors import ParseError
from tracker.importers import ImportRow, parse
from tracker.importers.untc import parse as parse_untc

ICRMW_ASIA = {
    "ARM": ImportRow("ARM", "signatory", "2013-09-26"),
    "AZE": ImportRow("AZE", "party", None, "1999-01-11", "accession"),
    "BGD": ImportRow("BGD", "party", "1998-10-07", "2011-08-24", "ratification"),
    "KHM": ImportRow("KHM", "signatory", "2004-09-27"),
    "IDN": ImportRow("IDN", "party", "2004-09-22", "2012-05-31", "ratification"),
    "KGZ": ImportRow("KGZ", "party", None, "2003-09-29", "accession"),
    "PHL": ImportRow("PHL", "party", "1993-11-15", "1995-07-05", "ratification"),
    "LKA": ImportRow("LKA", "party", None, "1996-03-11", "accession"),
    "SYR": ImportRow("SYR", "party", None, "2005-06-02", "accession"),
    "TJK": ImportRow("TJK", "party", "2000-09-07", "2002-01-08", "ratification"),
    "TLS": ImportRow("TLS", "party", None, "2004-01-30", "accession"),
    "TUR": ImportRow("TUR", "party", "1999-01-13", "2004-09-27", "ratification"),
}


@pytest.mark.parametrize(
    ("name", "outside"), [("untc_icrmw_tabular.txt", 6), ("untc_icrmw_runtogether.txt", 4)]
)
def test_tabular_and_run_together_give_the_same_rows(name, outside):
    result = parse("untc", fixture(name), instrument="ICRMW")
    assert by_iso3(result) == ICRMW_ASIA
    assert result.skipped_outside == outside  # Albania, Algeria, Argentina, Chile, …
    assert result.withdrawn == ["Serbia and Montenegro"]
    assert result.unknown_names == []
    assert result.title.startswith("International Convention on the Protection")


def test_layout_sample_run_together_icrmw():
    result = parse("untc", fixture("untc_icrmw_layout_sample.txt"), instrument="ICRMW")
    assert by_iso3(result) == ICRMW_ASIA


def test_a_preamble_mentioning_participants_is_not_the_header():
    text = (
        "Status of participants as at 1 November 2026\n"
        "Participant\tSignature\tRatification, Accession(a)\nNepal\t\t14 Sep 1990\n"
    )
    assert parse_untc(text, instrument="CRC").rows == [
        ImportRow("NPL", "party", None, "1990-09-14", "ratification")
    ]


def test_run_together_date_follows_the_name_directly():
    # "Türkiye13 Jan 1999" is Türkiye signing on 13 Jan, not footnote 1 and 3 Jan.
    text = (
        "International Convention on the Protection of the Rights of All Migrant Workers and "
        "Members of their Families\nParticipantSignatureRatification, Accession(a), "
        "Succession(d)Türkiye13 Jan 1999 27 Sep 2004 China4,5 17 Jul 1980  4 Nov 1980 "
        "Nepal1 5 Feb 1991 Syrian Arab Republic 2 Jun 2005 a"
    )
    rows = by_iso3(parse_untc(text, instrument="ICRMW"))
    assert rows["TUR"].signature_date == "1999-01-13"
    assert (rows["CHN"].signature_date, rows["CHN"].consent_date) == ("1980-07-17", "1980-11-04")
    assert rows["NPL"] == ImportRow("NPL", "signatory", "1991-02-05")
    assert rows["SYR"].consent_kind == "accession"


def test_layout_sample_run_together_cedaw_tabular():
    # Both layout samples from ../shared/reference/layouts, copied into the fixtures.
    result = parse("untc", fixture("untc_cedaw_layout_sample.txt"), instrument="CEDAW")
    rows = by_iso3(result)
    assert len(rows) == 47
    assert rows["KHM"] == ImportRow("KHM", "party", "1980-10-17", "1992-10-15", "accession")
    assert rows["JOR"].signature_date == "1980-12-03"  # " 3 Dec 1980", space-padded
    assert rows["PSE"].consent_kind == "accession" and rows["TUR"].consent_date == "1985-12-20"


def test_html_table_with_footnotes_withdrawn_and_succession():
    result = parse("untc", fixture("untc_cedaw.html"), instrument="CEDAW")
    rows = by_iso3(result)
    assert rows["CHN"] == ImportRow("CHN", "party", "1980-07-17", "1980-11-04", "ratification")
    assert rows["LAO"].consent_date == "1981-08-14"
    assert rows["PSE"] == ImportRow("PSE", "party", None, "2014-04-02", "accession")
    assert result.withdrawn == ["Czechoslovakia"]
    assert result.skipped_outside == 2  # Australia, Montenegro (succession)
    assert any("Iran" in w for w in result.warnings)
    assert "IRN" not in rows


def test_xml_status_file():
    rows = by_iso3(parse("untc", fixture("untc_icrmw.xml"), instrument="ICRMW"))
    assert rows == {k: ICRMW_ASIA[k] for k in ("ARM", "BGD", "KGZ", "TUR")}


def test_space_aligned_columns_place_a_lone_date_by_its_column():
    text = (
        "Participant          Signature       Ratification, Accession(a), Succession(d)\n"
        "Armenia              26 Sep 2013\n"
        "Japan                                13 Sep 1993\n"
        "Kyrgyzstan                           29 Sep 2003 a\n"
    )
    rows = by_iso3(parse_untc(text, instrument="ICRMW"))
    assert rows["ARM"].status == "signatory"
    assert rows["JPN"] == ImportRow("JPN", "party", None, "1993-09-13", "ratification")
    assert rows["KGZ"].consent_kind == "accession"


def test_acceptance_approval_and_succession_to_signature_are_noted():
    text = (
        "Participant\tSignature\tRatification, Acceptance(A), Approval(AA), Accession(a)\n"
        "Japan\t17 Jul 1980\t25 Jun 1985 A\n"
        "China\t17 Jul 1980\t 4 Nov 1980 AA\n"
        "Armenia\t 1 Feb 1993 d\t\n"
    )
    rows = by_iso3(parse_untc(text, instrument="CEDAW"))
    assert (rows["JPN"].consent_kind, rows["JPN"].note) == ("ratification", "acceptance")
    assert rows["CHN"].note == "approval"
    assert (rows["ARM"].status, rows["ARM"].note) == ("signatory", "succession to signature")


def test_unknown_names_are_listed_never_guessed():
    text = "Participant\tSignature\tRatification\nPhilipines\t15 Nov 1993\t 5 Jul 1995\n"
    result = parse_untc(text, instrument="ICRMW")
    assert result.rows == [] and result.unknown_names == ["Philipines"]


@pytest.mark.parametrize(
    ("name", "instrument", "message"),
    [
        ("untc_cedaw.html", "ICRMW", "wrong treaty"),
        ("untc_icrmw_tabular.txt", "CEDAW", "wrong treaty"),
        ("junk_wrong_treaty_untc.txt", "ICRMW", "wrong treaty"),
        ("junk_truncated_untc.txt", "ICRMW", "truncated"),
        ("junk_truncated_run.txt", "ICRMW", "truncated"),
        ("junk_empty.txt", "ICRMW", "empty"),
        ("junk_binary.bin", "ICRMW", "binary"),
        ("junk_page.html", "ICRMW", "no UNTC status table"),
        ("untc_icrmw_tabular.txt", "C097", "ILO instrument"),
    ],
)
def test_junk_gives_a_clear_parse_error(name, instrument, message):
    with pytest.raises(ParseError, match=message):
        parse("untc", fixture(name), instrument=instrument)


def test_a_protocol_is_not_its_convention():
    text = (
        "Optional Protocol to the Convention on the Elimination of All Forms of Discrimination "
        "against Women\nParticipant\tSignature\tRatification\nThailand\t14 Jun 2000\t14 Jun 2000\n"
    )
    with pytest.raises(ParseError, match="protocol"):
        parse_untc(text, instrument="CEDAW")


def test_mtdsg_reference_of_another_treaty_is_rejected():
    text = (
        "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=IV-8&chapter=4\n"
        "Participant\tSignature\tRatification\nThailand\t\t 9 Aug 1985 a\n"
    )
    with pytest.raises(ParseError, match="IV-8"):
        parse_untc(text, instrument="ICRMW")


def test_xml_with_a_bogus_encoding_declaration_is_read_from_the_decoded_text():
    # Found by hypothesis: a damaged declaration once escaped as LookupError.
    data = fixture("untc_icrmw.xml").replace(b'encoding="UTF-8"', b'encoding="TF-8"')
    assert len(parse("untc", data, instrument="ICRMW").rows) == 4


def test_status_as_at_is_the_last_update():
    text = (
        "Status as at : 23-11-2026 05:00:20 EDT\n"
        "Participant\tSignature\tRatification\nNepal\t\t14 Sep 1990\n"
    )
    assert parse_untc(text, instrument="CRC").last_update == "2026-11-23"
    odd = text.replace("23-11-2026", "11-23-2026")
    assert parse_untc(odd, instrument="CRC").last_update == "11-23-2026"


def test_absurdly_large_input_is_refused():
    with pytest.raises(ParseError, match="larger than"):
        parse("untc", b"x" * 20_000_001, instrument="ICRMW")
