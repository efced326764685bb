"""The synthetic fixture builder: deterministic, the requested size, and valid data."""

from __future__ import annotations

import pytest

from tracker.countries import tracked_iso3
from tracker.db import connect
from tracker.dev.fixtures import build_synthetic
from tracker.integrity.check import check
from tracker.matrix import cells


def _dump(db) -> dict[str, list[tuple]]:
    tables = ("countries", "instruments", "status", "audit_log")
    return {t: db.execute(f"select * from {t} order by rowid").fetchall() for t in tables}


def _build(**kwargs):
    db = connect(memory=True)
    counts = build_synthetic(db, **kwargs)
    return db, counts


def test_same_seed_same_rows_and_other_seed_other_rows():
    a, _ = _build(states=30, instruments=35, audit_rows=200, seed=3)
    b, _ = _build(states=30, instruments=35, audit_rows=200, seed=3)
    c, _ = _build(states=30, instruments=35, audit_rows=200, seed=4)
    assert _dump(a) == _dump(b)
    assert _dump(a)["status"] != _dump(c)["status"]
    assert _dump(a)["audit_log"] != _dump(c)["audit_log"]


def test_counts_are_what_was_asked_for():
    db, counts = _build(states=60, instruments=40, audit_rows=321)
    assert counts == {"countries": 60, "instruments": 40, "status": 2400, "audit_log": 321}
    assert db["countries"].count == 60
    assert db["instruments"].count == 40
    assert db["status"].count == 60 * 40
    assert db["audit_log"].count == 321
    ids = [r[0] for r in db.execute("select id from audit_log order by id")]
    assert ids == list(range(1, 322))
    ats = [r[0] for r in db.execute("select at from audit_log order by id")]
    assert ats == sorted(ats)


def test_real_codes_first_then_user_assigned_codes():
    db, _ = _build(states=260, instruments=3, audit_rows=0)
    codes = [r[0] for r in db.execute("select iso3 from countries order by rowid")]
    assert set(codes[:51]) == tracked_iso3()
    assert len(set(codes)) == 260
    assert all(len(c) == 3 and c.isupper() for c in codes)
    synthetic = [c for c in codes if c.startswith("X")]
    assert synthetic[0] == "XAA" and len(synthetic) >= 10
    shipped = [r[0] for r in db.execute("select code from instruments order by sort_order")]
    assert shipped == ["ICRMW", "C097", "C143"]


def test_check_passes_on_a_small_build_covering_every_kind_of_row():
    db, _ = _build(states=70, instruments=40, audit_rows=500, seed=7)
    assert check(db) == []
    bodies = {r[0] for r in db.execute("select body from instruments where code like 'X%'")}
    assert bodies == {"UN", "ILO"}
    statuses = {r[0] for r in db.execute("select distinct status from status")}
    assert {"party", "signatory", "denounced", "none", "not_eligible"} <= statuses
    ilo_signatories = db.execute(
        "select count(*) from status s join instruments i on i.code = s.instrument "
        "where i.body = 'ILO' and (s.status = 'signatory' or s.signature_date is not null)"
    ).fetchone()[0]
    assert ilo_signatories == 0


def test_the_matrix_reads_a_synthetic_build_as_of_a_date():
    import datetime as dt

    db, _ = _build(states=55, instruments=30, audit_rows=10)
    now = cells(db)
    then = cells(db, as_of=dt.date(1960, 1, 1))
    assert len(now) == len(then) == 55 * 30
    assert then["gap"].sum() > now["gap"].sum()


def test_refuses_a_database_that_already_has_data(db):
    with pytest.raises(ValueError, match="empty database"):
        build_synthetic(db, states=5, instruments=5, audit_rows=0)
