"""Changes between two dates: treaty actions from stored dates and audit-log entries."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from tracker.changes import COLUMNS, changes, describe_change, to_csv, to_text
from tracker.countries import group_members
from tracker.dates import overlaps
from tracker.errors import ValidationError

D = dt.date


def _audit(
    db, *, at, iso3="KHM", instrument="ICRMW", old, new, reason, action="edit", reverts=None
):
    db["audit_log"].insert(
        {
            "at": at,
            "actor": "staff@example.org",
            "action": action,
            "iso3": iso3,
            "instrument": instrument,
            "old": json.dumps(old),
            "new": json.dumps(new),
            "reason": reason,
            "source_url": "https://treaties.un.org/example",
            "reverts": reverts,
        }
    )


def test_window_2011_has_bangladesh_icrmw_ratification(db):
    df = changes(db, since=D(2011, 1, 1), until=D(2012, 1, 1))
    bgd = df[(df["iso3"] == "BGD") & (df["instrument"] == "ICRMW")]
    assert bgd[["date", "event", "change", "origin"]].values.tolist() == [
        ["2011-08-24", "ratified", "signatory → party", "record"]
    ]
    assert bgd.iloc[0]["source_url"].startswith("http")
    assert list(df["date"]) == sorted(df["date"])
    # A partial date (a year, a month) is listed when its window meets the period.
    assert all(overlaps(d, D(2011, 1, 1), D(2012, 1, 1)) for d in df["date"])
    assert "2012" in set(df["date"])  # a year-only ratification the window may contain


def test_every_event_matches_a_stored_date(db):
    since, until = D(2000, 1, 1), D(2005, 12, 31)
    df = changes(db, since=since, until=until)
    stored = {
        (r["iso3"], r["instrument"], field): r[field]
        for r in db["status"].rows
        for field in ("signature_date", "consent_date", "denunciation_date")
    }
    expected = sum(1 for v in stored.values() if v and overlaps(v, since, until))
    assert len(df) == expected > 0
    field = {"signed": "signature_date", "denounced": "denunciation_date"}
    for r in df.to_dict("records"):
        assert (
            stored[(r["iso3"], r["instrument"], field.get(r["event"], "consent_date"))] == r["date"]
        )
    # accessions are named as such: Timor-Leste acceded to ICRMW on 2004-01-30
    tls = df[(df["iso3"] == "TLS") & (df["instrument"] == "ICRMW")]
    assert tls["event"].tolist() == ["acceded"] and tls["change"].tolist() == ["none → party"]


def test_window_ends_are_inclusive_and_filters_apply(db):
    one_day = changes(db, since=D(2011, 8, 24), until=D(2011, 8, 24))
    assert ("BGD", "ICRMW") in set(zip(one_day["iso3"], one_day["instrument"], strict=True))
    assert changes(db, since=D(2011, 8, 25), until=D(2011, 8, 25)).query("iso3 == 'BGD'").empty
    asean = changes(db, since=D(2004, 1, 1), until=D(2004, 12, 31), group="ASEAN")
    assert set(asean["iso3"]) <= set(group_members(db, "ASEAN"))
    assert "KHM" in set(asean["iso3"])  # Cambodia signed ICRMW on 2004-09-27
    icrmw = changes(db, since=D(1990, 1, 1), until=D(2026, 1, 1), instruments="ICRMW")
    assert set(icrmw["instrument"]) == {"ICRMW"}
    with pytest.raises(ValidationError):
        changes(db, since=D(2012, 1, 1), until=D(2011, 1, 1))


def test_audit_log_entries_appear_with_actor_change_and_reason(db):
    _audit(
        db,
        at="2026-03-02T09:15:00Z",
        old={"status": "signatory", "consent_date": None},
        new={"status": "party", "consent_date": "2026-02-27"},
        reason="UNTC depositary notification",
    )
    _audit(
        db,
        at="2026-03-05T10:00:00Z",
        old={"status": "party", "consent_date": "2026-02-27"},
        new={"status": "signatory", "consent_date": None},
        reason="notification was a draft",
        action="revert",
        reverts=1,
    )
    _audit(db, at="2025-01-01T00:00:00Z", old={}, new={"note": "x"}, reason="outside window")
    df = changes(db, since=D(2026, 3, 1), until=D(2026, 3, 31))
    audit = df[df["origin"].str.startswith("audit")]
    assert audit["event"].tolist() == ["edit", "revert (reverts #1)"]
    first = audit.iloc[0]
    assert (first["date"], first["state"], first["actor"]) == (
        "2026-03-02",
        "Cambodia",
        "staff@example.org",
    )
    assert first["change"] == "status: signatory → party; consent_date: — → 2026-02-27"
    assert first["reason"] == "UNTC depositary notification"
    assert "outside window" not in set(df["reason"])
    # group filters apply to audit rows too
    assert changes(db, since=D(2026, 3, 1), until=D(2026, 3, 31), group="GCC").empty


def test_describe_change_lists_only_changed_fields():
    assert describe_change('{"a": 1, "b": 2}', '{"a": 1, "b": 3}') == "b: 2 → 3"
    assert describe_change(None, '{"status": "party"}') == "status: — → party"


def test_csv_and_text_exports(db):
    _audit(db, at="2011-09-01T12:00:00Z", old={"note": None}, new={"note": "checked"}, reason="r")
    df = changes(db, since=D(2011, 1, 1), until=D(2012, 1, 1))
    rows = list(csv.DictReader(io.StringIO(to_csv(df))))
    assert list(rows[0]) == COLUMNS
    assert len(rows) == len(df)
    assert {"date": "2011-08-24", "iso3": "BGD", "event": "ratified"}.items() <= next(
        r for r in rows if r["iso3"] == "BGD" and r["instrument"] == "ICRMW"
    ).items()
    assert any(r["origin"].startswith("audit #") and r["reason"] == "r" for r in rows)
    text = to_text(df, since=D(2011, 1, 1), until=D(2012, 1, 1))
    assert f"Changes from 2011-01-01 to 2012-01-01: {len(df)}" in text
    assert "2011-08-24  Bangladesh" in text and "[staff@example.org: r]" in text


def test_presets_end_today():
    from tracker.changes import presets

    windows = presets(D(2026, 11, 23))
    assert windows["Last 12 months"] == (D(2025, 11, 23), D(2026, 11, 23))
    assert windows["Since International Migrants Day 2025"] == (D(2025, 12, 18), D(2026, 11, 23))
    assert presets(D(2028, 2, 29))["Last 12 months"][0] == D(2027, 2, 28)


def test_latest_change_covers_records_and_audit(db):
    from tracker.changes import latest_change

    stored = max(
        v
        for r in db["status"].rows
        for v in (r["signature_date"], r["consent_date"], r["denunciation_date"])
        if v
    )
    assert latest_change(db) == stored
    _audit(db, at="2099-01-02T00:00:00Z", old={}, new={"note": "n"}, reason="future test row")
    assert latest_change(db) == "2099-01-02"
