"""Status vocabulary, per-body rules and entry-into-force dates."""

import datetime as dt

import pytest

from tracker.status import ALLOWED_STATUSES, Body, Status, add_months, in_force_date, is_gap

D = dt.date


def test_gaps_are_signatory_none_and_denounced_only():
    assert {s for s in Status if is_gap(s)} == {Status.SIGNATORY, Status.NONE, Status.DENOUNCED}


def test_ilo_has_no_signature_stage():
    assert Status.SIGNATORY not in ALLOWED_STATUSES[Body.ILO]
    assert Status.SIGNATORY in ALLOWED_STATUSES[Body.UN]


@pytest.mark.parametrize(
    "start, months, expected",
    [
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2025, 11, 20), 12, D(2026, 11, 20)),
        (D(2011, 8, 24), 3, D(2011, 11, 24)),
    ],
)
def test_add_months_clamps_to_month_end(start, months, expected):
    assert add_months(start, months) == expected


def test_ilo_enters_into_force_twelve_months_after_registration():
    assert in_force_date(D(2025, 11, 20), rule="months:12") == D(2026, 11, 20)


def test_icrmw_first_day_of_month_after_three_months():
    # Bangladesh deposited 24 Aug 2011: in force 1 Dec 2011 (art. 87(2)).
    assert in_force_date(D(2011, 8, 24), rule="first_of_month_after:3") == D(2011, 12, 1)


def test_not_before_the_instrument_itself_is_in_force():
    # Philippines ratified ICRMW in 1995; the Convention entered into force on 1 Jul 2003.
    got = in_force_date(
        D(1995, 7, 5), rule="first_of_month_after:3", instrument_in_force=D(2003, 7, 1)
    )
    assert got == D(2003, 7, 1)


def test_other_rules():
    assert in_force_date(D(2020, 1, 1), rule="days:30") == D(2020, 1, 31)
    assert in_force_date(D(2020, 1, 1), rule="deposit") == D(2020, 1, 1)
    assert in_force_date(None, rule="days:30") is None
    with pytest.raises(ValueError):
        in_force_date(D(2020, 1, 1), rule="weeks:2")
