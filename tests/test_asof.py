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


def test_a_bound_cell_without_a_date_is_unknown_before_its_source_date():
    cell = {"status": "party", "source_date": "2014-07-10", "checked_on": "2026-11-23"}
    assert status_on(cell, D(1950, 1, 1)) == "unknown"
    assert status_on(cell, D(2014, 7, 9)) == "unknown"
    assert status_on(cell, D(2014, 7, 10)) == "party"
    assert status_on({"status": "party", "checked_on": "2026-11-23"}, D(2026, 1, 1)) == "unknown"
    assert status_on({"status": "signatory"}, D(1950, 1, 1)) == "signatory"
    assert status_on({"status": "not_eligible"}, D(1950, 1, 1)) == "not_eligible"


def test_a_year_only_date_is_unknown_inside_its_year_and_never_padded():
    cell = {"status": "party", "consent_date": "2001", "source_date": "2026-12-01"}
    assert status_on(cell, D(2000, 12, 31)) == "none"
    assert status_on(cell, D(2001, 1, 1)) == "unknown"  # not party from 1 January
    assert status_on(cell, D(2001, 12, 31)) == "unknown"
    assert status_on(cell, D(2002, 1, 1)) == "party"
    month = {"status": "territory", "consent_date": "1997-06", "source_date": "2026-12-01"}
    assert status_on(month, D(1997, 5, 31)) == "none"
    assert status_on(month, D(1997, 6, 30)) == "unknown"
    assert status_on(month, D(1997, 7, 1)) == "territory"
    denounced = {"status": "denounced", "consent_date": "1958", "denunciation_date": "1990"}
    assert status_on(denounced, D(1958, 6, 1)) == "unknown"
    assert status_on(denounced, D(1970, 1, 1)) == "party"
    assert status_on(denounced, D(1990, 6, 1)) == "unknown"
    assert status_on(denounced, D(1991, 1, 1)) == "denounced"


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


DAYS = [D(1950, 1, 1), D(1990, 12, 18), D(2003, 7, 1), D(2010, 12, 18), D(2019, 6, 30), D.today()]


def _row_wise(df, day):
    return [status_on(r, day).value for r in df.to_dict("records")]


def test_vectorised_as_of_agrees_with_status_on_on_the_whole_seed(db):
    from tracker.asof import statuses_on

    df = cells(db)
    for day in DAYS:
        assert list(statuses_on(df, day)) == _row_wise(df, day), day
        assert list(cells(db, as_of=day)["status"]) == _row_wise(df, day), day


def test_vectorised_as_of_agrees_on_a_synthetic_build_and_on_edge_days():
    from tracker.asof import statuses_on
    from tracker.db import connect
    from tracker.dev.fixtures import build_synthetic

    syn = connect(memory=True)
    build_synthetic(syn, states=60, instruments=40, audit_rows=0, seed=11)
    df = cells(syn)
    edges = {
        D.fromisoformat(v)
        for col in ("consent_date", "denunciation_date")
        for v in df[col].dropna().head(20)
    }
    for day in [*DAYS, *sorted(edges)]:
        assert list(statuses_on(df, day)) == _row_wise(df, day), day


def test_vectorised_as_of_agrees_on_random_partial_dates():
    import random

    import pandas as pd

    from tracker.asof import statuses_on

    rng = random.Random(5)

    def date():
        text = f"{rng.randint(1995, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        return rng.choice(["", text[:4], text[:7], text])

    rows = [
        {
            "status": rng.choice(["party", "denounced", "territory", "signatory", "none"]),
            "signature_date": date(),
            "consent_date": date(),
            "denunciation_date": date(),
            "source_date": rng.choice(["", "2000", "2003-04-05"]),
            "checked_on": rng.choice(["", "2026-11-23"]),
        }
        for _ in range(400)
    ]
    df = pd.DataFrame(rows)
    days = [D(y, m, d) for y in range(1994, 2007) for m, d in ((1, 1), (6, 15), (12, 31))]
    for day in days:
        assert list(statuses_on(df, day)) == _row_wise(df, day), day


def test_vectorised_as_of_handles_hand_made_cells():
    import pandas as pd

    from tracker.asof import statuses_on

    rows = [
        {"status": "party", "signature_date": "1998-10-07", "consent_date": "2011-08-24"},
        {"status": "party", "consent_date": "2003-09-29", "consent_kind": "accession"},
        {"status": "denounced", "consent_date": "1958-01-01", "denunciation_date": "1990-01-10"},
        {"status": "denounced", "consent_date": "1958-01-01"},
        {"status": "territory", "consent_date": "1999-12-20"},
        {"status": "territory"},
        {"status": "signatory", "signature_date": "2001-01-01"},
        {"status": "signatory"},
        {"status": "none"},
        {"status": "not_eligible"},
        {"status": "party", "consent_date": ""},
        {"status": "party", "consent_date": "2000", "source_date": "2026-12-01"},
        {"status": "denounced", "consent_date": "1958", "denunciation_date": "1990-01"},
    ]
    df = pd.DataFrame(rows)
    for day in (D(1950, 1, 1), D(1990, 1, 9), D(1990, 1, 10), D(2000, 1, 1), D(2011, 8, 24)):
        assert list(statuses_on(df, day)) == _row_wise(df, day), day


def test_vectorised_as_of_falls_back_to_status_on_for_bad_values():
    import pandas as pd
    import pytest

    from tracker.asof import statuses_on

    for bad in ({"status": "ratified"}, {"status": "party", "consent_date": "24/08/2011"}):
        df = pd.DataFrame([{"status": "none"}, bad])
        with pytest.raises(ValueError):
            status_on(bad, D(2000, 1, 1))
        with pytest.raises(ValueError):
            statuses_on(df, D(2000, 1, 1))
