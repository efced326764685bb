"""Evidence levels, honest dates and the known corrections in the shipped seed."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from tracker.asof import status_on
from tracker.cli import main
from tracker.config import DATA_DIR
from tracker.dates import parse_partial
from tracker.evidence import Evidence, grade, url_level
from tracker.exports.report import snapshot
from tracker.matrix import cells
from tracker.provenance import footer_facts, source_line
from tracker.seeding.reference import read_csv

REF = DATA_DIR / "reference"
SCRAPE = "https://github.com/zmjones/untreaties/blob/003ce13/treaties/4-13.csv"
NORMLEX_COUNTRY = "http://ilo.org/dyn/normlex/en/f?p=1000%3A11200%3A0%3A%3ANO%3A11200%3AP11200_COUNTRY_ID%3A102923"
CEACR = "http://ilo.org/dyn/normlex/en/f?p=1000%3A13100%3A0%3A%3ANO%3A13100%3AP13100_COMMENT_ID"


def shipped() -> dict[tuple[str, str], dict[str, str]]:
    return {(r["iso3"], r["instrument"]): r for r in read_csv(DATA_DIR / "status.csv")}


def test_grading_from_url_and_note():
    assert grade(SCRAPE, "UNTC status via zmjones/untreaties scrape") is Evidence.SECONDARY
    assert grade(NORMLEX_COUNTRY, "NORMLEX country page") is Evidence.DEPOSITARY
    assert grade(CEACR, "CEACR heading 2001") is Evidence.OFFICIAL
    assert url_level("https://treaties.un.org/Pages/ViewDetails.aspx?mtdsg_no=IV-13") == (
        Evidence.DEPOSITARY
    )
    assert url_level("https://en.wikipedia.org/wiki/C189") is Evidence.SECONDARY
    assert url_level("https://www.hyab.gov.hk/file_manager/en/documents/x.pdf") is Evidence.OFFICIAL
    # A NORMLEX page never checked is not evidence; a kind never lifts a mirror.
    note = "unverified: status from background knowledge; not yet checked there"
    assert grade(NORMLEX_COUNTRY, note) is Evidence.NONE
    assert grade("https://gyjob.org/x", "copy of ILO News", kind="ilo_press") is Evidence.SECONDARY
    assert grade(NORMLEX_COUNTRY, "reprint on a mirror", kind="normlex_country") is (
        Evidence.SECONDARY
    )


def test_no_shipped_cell_claims_more_than_its_source_can_give():
    for cell in shipped().values():
        level = Evidence(cell["evidence"])
        assert level.value in ("depositary", "official", "secondary", "none")
        if level is not Evidence.NONE:
            assert Evidence(cell["evidence"]) is grade(cell["source_url"], "") or (
                list(Evidence).index(level) > list(Evidence).index(url_level(cell["source_url"]))
            ), cell
        if "github.com" in cell["source_url"] or "wikipedia" in cell["source_url"]:
            assert level in (Evidence.SECONDARY, Evidence.NONE), cell
        if "not yet checked" in cell["note"] and "2026-12-01:" not in cell["note"]:
            assert level is Evidence.NONE and cell["checked_on"] == "", cell


def test_checked_on_is_the_day_of_the_check_never_the_build_day():
    days = {c["checked_on"] for c in shipped().values()}
    assert days == {"2026-11-23", "2026-12-01", ""}
    for cell in shipped().values():
        assert (cell["checked_on"] == "") == (cell["evidence"] == "none")
        if cell["evidence"] != "none":
            assert parse_partial(cell["source_date"]) is not None, cell


def test_known_wrong_facts_are_fixed():
    s = shipped()
    are = s[("ARE", "P029")]
    assert (are["status"], are["consent_date"], are["in_force_date"]) == (
        "party",
        "2026-01-15",
        "2027-01-15",
    )
    syr = s[("SYR", "C155")]
    assert (syr["status"], syr["consent_date"], syr["evidence"]) == (
        "party",
        "2009-05-19",
        "depositary",
    )
    afg = s[("AFG", "SOM2000")]
    assert (afg["status"], afg["consent_date"], afg["consent_kind"]) == (
        "party",
        "2017-02-02",
        "accession",
    )
    assert s[("AFG", "TIP2000")]["consent_date"] == "2014-08-15"
    assert s[("LKA", "TIP2000")]["signature_date"] == "2000-12-13"


def test_ilo_dates_are_stored_at_their_precision_never_padded():
    s = shipped()
    for fix in read_csv(REF / "ilo_dates.csv"):
        cell = s[(fix["iso3"], fix["instrument"])]
        if fix["precision"] == "year" and not fix["remark"].startswith("extra:"):
            assert cell["consent_date"] == fix["date"], (fix, cell)
            assert cell["in_force_date"] == "" or len(cell["in_force_date"]) <= 7
    assert s[("HKG", "C097")]["consent_date"] == "1997"
    mys = s[("MYS", "C105")]
    assert (mys["consent_date"], mys["denunciation_date"]) == ("1958", "1990")
    bound = [c for c in s.values() if c["status"] in ("party", "territory", "denounced")]
    assert sum(1 for c in bound if c["consent_date"]) / len(bound) > 0.97


def test_export_as_of_2010_shows_no_cell_bound_before_its_date(db_file, capsys):
    assert main(["export", "--format", "csv", "--as-of", "2010-12-18"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    day = dt.date(2010, 12, 18)
    statuses = {r["status"] for r in rows}
    assert "unknown" in statuses
    for r in rows:
        if r["status"] in ("party", "territory", "denounced"):
            consent = parse_partial(r["consent_date"])
            if consent is None:
                assert parse_partial(r["source_date"] or r["checked_on"]).first <= day, r
            else:
                assert consent.last <= day or consent.first == consent.last <= day, r
    syr = next(r for r in rows if (r["iso3"], r["instrument"]) == ("SYR", "C155"))
    assert syr["status"] == "party"
    are = next(r for r in rows if (r["iso3"], r["instrument"]) == ("ARE", "P029"))
    assert are["status"] == "none"


def test_source_line_is_built_from_the_shown_cells(db):
    assert source_line(["depositary", "depositary"]).startswith("Compiled from the depositary")
    weaker = source_line(["depositary", "official"])
    assert "Compiled from the depositary" not in weaker and "1 on other official" in weaker
    snap = snapshot(db, instruments="core", as_of=dt.date(2025, 12, 18))
    levels = set(snap.cells["evidence"])
    assert levels - {"depositary"}  # the seed holds weaker cells than the depositary record
    for text in (snap.citation, snap.footer, footer_facts(db, as_of=dt.date(2025, 12, 18))):
        assert "depositary records" not in text.split(";")[0] or "Of " in text


@pytest.mark.parametrize("level", ["secondary", "none"])
def test_a_single_weak_cell_drops_the_depositary_claim(db, level):
    db.execute("update status set evidence = 'depositary'")
    only = snapshot(db, instruments="ICRMW", as_of=dt.date(2025, 12, 18))
    assert only.citation.count("Compiled from the depositary records") == 1
    db.execute(
        "update status set evidence = ? where iso3 = 'IDN' and instrument = 'ICRMW'", [level]
    )
    weaker = snapshot(db, instruments="ICRMW", as_of=dt.date(2025, 12, 18))
    for text in (weaker.citation, weaker.footer):
        assert "Compiled from the depositary records" not in text
        assert "50 on the depositary records" in text
    assert not weaker.cells.set_index("iso3").loc["IDN", "verified"]  # shown with ⚠


def test_as_of_never_invents_history_for_a_year_only_cell(db):
    df = cells(db, instruments="C097", iso3=["HKG"], as_of=dt.date(1997, 12, 18))
    assert df.loc[0, "status"] == "unknown"
    assert status_on(df.loc[0].to_dict() | {"status": "territory"}, dt.date(1998, 1, 1)) == (
        "territory"
    )
