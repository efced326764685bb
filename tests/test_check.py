"""`python -m tracker check` passes on shipped data and fails loudly on broken data."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.cli import main
from tracker.db import connect
from tracker.integrity.check import check


def test_shipped_data_pass(db):
    assert check(db) == []


def _break(path, sql, params=()):
    db = connect(path)
    db.conn.execute("PRAGMA foreign_keys=OFF") if "foreign" in sql else None
    with db.conn:
        db.conn.execute(sql, params)


@pytest.mark.parametrize(
    "sql, expected",
    [
        (
            "update status set status='signatory' where iso3='PHL' and instrument='C097'",
            "PHL/C097: status: signatory is not allowed for ILO",
        ),
        (
            "update status set consent_date='2999-01-01' where iso3='PHL' and instrument='ICRMW'",
            "PHL/ICRMW: consent_date: 2999-01-01 is in the future",
        ),
        (
            "update status set source_url='' where iso3='NPL' and instrument='CEDAW'",
            "NPL/CEDAW: source_url: a source URL is required",
        ),
        (
            "update status set source_url='javascript:alert(1)' "
            "where iso3='NPL' and instrument='CEDAW'",
            "is not an http(s) URL",
        ),
        (
            "update status set consent_date='1990-01-01' where iso3='BGD' and instrument='ICRMW'",
            "BGD/ICRMW: consent_date: 1990-01-01 is before the signature date 1998-10-07",
        ),
        (
            "update status set status='ratified' where iso3='NPL' and instrument='CEDAW'",
            "'ratified' is not one of",
        ),
        ("delete from status where iso3='NPL' and instrument='CEDAW'", "NPL/CEDAW: no status cell"),
    ],
)
def test_check_fails_with_a_clear_message(db_file, capsys, sql, expected):
    _break(db_file, sql)
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert expected in out


def test_check_passes_on_cli(db_file, capsys):
    assert main(["check"]) == 0
    assert "ok: 1428 cells checked" in capsys.readouterr().out


def test_ilo_registration_may_have_a_future_in_force_date(db):
    day = dt.date.today() - dt.timedelta(days=10)
    db["status"].update(
        ("BGD", "C189"),
        {
            "status": "party",
            "consent_date": day.isoformat(),
            "consent_kind": "ratification",
            "in_force_date": (day + dt.timedelta(days=365)).isoformat(),
        },
    )
    assert check(db) == []
