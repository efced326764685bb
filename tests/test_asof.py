"""Status as the world stood on a date."""

import datetime as dt

from tracker.asof import status_on
from tracker.matrix import cells

D = dt.date


def test_bangladesh_icrmw_signatory_in_2010_party_in_2011(db):
    df = cells(db, instruments="ICRMW", iso3=["BGD"], as_of=D(2010, 12, 18))
    assert df.loc[0, "status"] == "signatory"
    df = cells(db, instruments="ICRMW", iso3=["BGD"], as_of=D(2011, 12, 18))
    assert df.loc[0, "status"] == "party"


def test_before_signature_is_none():
    cell = {"status": "party", "signature_date": "1998-10-07", "consent_date": "2011-08-24"}
    assert status_on(cell, D(1998, 10, 6)) == "none"
    assert status_on(cell, D(1998, 10, 7)) == "signatory"


def test_accession_without_signature_goes_straight_from_none_to_party():
    cell = {"status": "party", "consent_date": "2003-09-29", "consent_kind": "accession"}
    assert status_on(cell, D(2003, 9, 28)) == "none"
    assert status_on(cell, D(2003, 9, 29)) == "party"


def test_denunciation_timeline():
    cell = {"status": "denounced", "consent_date": "1958-01-01", "denunciation_date": "1990-01-10"}
    assert status_on(cell, D(1957, 1, 1)) == "none"
    assert status_on(cell, D(1980, 1, 1)) == "party"
    assert status_on(cell, D(1990, 1, 10)) == "denounced"


def test_unknown_dates_keep_the_current_status():
    assert status_on({"status": "party"}, D(1950, 1, 1)) == "party"
    assert status_on({"status": "signatory"}, D(1950, 1, 1)) == "signatory"
    assert status_on({"status": "not_eligible"}, D(1950, 1, 1)) == "not_eligible"


def test_gap_count_changes_with_the_date(db):
    now = cells(db, instruments="core")
    then = cells(db, instruments="core", as_of=D(2000, 1, 1))
    assert then["gap"].sum() > now["gap"].sum()


def test_migrants_day_years_only_include_past_days():
    from tracker.asof import migrants_day, migrants_day_years

    assert migrants_day_years(D(2026, 11, 23))[:2] == [2025, 2024]
    assert migrants_day_years(D(2026, 12, 18))[0] == 2026
    assert migrants_day_years(D(2026, 11, 23))[-1] == 1990
    assert migrants_day(2011) == D(2011, 12, 18)
