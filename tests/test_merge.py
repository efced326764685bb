"""tracker.merge: after a conflict, my changes applied on top of the new version."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker import edits, merge
from tracker.errors import InvalidEdit, StaleEdit

URL = "https://treaties.un.org/doc/Publication/MTDSG/Volume%20I/Chapter%20IV/iv-13.en.xml"


def form(cell: dict, **values) -> dict:
    """What the Edit page submits: every form field, from the loaded cell unless changed."""
    fields = ("status", "consent_kind", "note", "signature_date", "consent_date")
    out = {f: cell.get(f) for f in fields}
    out["denunciation_date"] = cell.get("denunciation_date")
    out.update(values)
    return out


@pytest.fixture
def conflict(db):
    """Alice loads KHM/ICRMW; Bob then saves a note; Alice's save is refused as stale."""
    base = edits.load_cell(db, iso3="KHM", instrument="ICRMW")
    edits.apply_edit(
        db,
        actor="bob",
        iso3="KHM",
        instrument="ICRMW",
        changes={"note": "bob's note"},
        reason="r",
        source_url=URL,
    )
    mine = form(base, status="party", consent_date=dt.date(2024, 1, 10))
    with pytest.raises(StaleEdit):
        edits.apply_edit(
            db,
            actor="alice",
            iso3="KHM",
            instrument="ICRMW",
            changes=mine,
            reason="ratified",
            source_url=URL,
            expected_version=base["version"],
        )
    return base, mine


def test_my_changes_go_on_top_of_theirs(db, conflict):
    base, mine = conflict
    result = merge.rebase(db, iso3="KHM", instrument="ICRMW", base=base, mine=mine)
    assert result.version == base["version"] + 1
    assert set(result.changes) == {"status", "consent_date"}  # bob's note is not overwritten
    view = {r["field"]: r for r in result.rows}
    assert (view["note"]["theirs"], view["note"]["mine"], view["note"]["result"]) == (
        "bob's note",
        base["note"],
        "bob's note",
    )
    assert view["status"]["result"] == "party" and view["consent_date"]["result"] == "2024-01-10"
    assert result.clashes == []
    audit_id = merge.apply(db, result, actor="alice", reason="ratified", source_url=URL)
    cell = db["status"].get(("KHM", "ICRMW"))
    assert (cell["status"], cell["note"], cell["in_force_date"]) == (
        "party",
        "bob's note",
        "2024-05-01",
    )
    entry = edits.history_entry(db, audit_id)
    assert entry["actor"] == "alice" and entry["new"]["status"] == "party"
    assert "note" not in entry["new"]


def test_a_field_both_changed_is_a_clash_and_mine_wins(db, conflict):
    base, mine = conflict
    mine = {**mine, "note": "alice's note"}
    result = merge.rebase(db, iso3="KHM", instrument="ICRMW", base=base, mine=mine)
    assert result.clashes == ["note"]
    merge.apply(db, result, actor="alice", reason="ratified", source_url=URL)
    assert db["status"].get(("KHM", "ICRMW"))["note"] == "alice's note"


def test_the_merge_is_validated_and_version_checked(db, conflict):
    base, mine = conflict
    bad = {**mine, "consent_date": dt.date(2001, 1, 1)}  # before ICRMW opened
    result = merge.rebase(db, iso3="KHM", instrument="ICRMW", base=base, mine=bad)
    before = db["audit_log"].count
    with pytest.raises(InvalidEdit, match="consent_date"):
        merge.apply(db, result, actor="alice", reason="r", source_url=URL)
    good = merge.rebase(db, iso3="KHM", instrument="ICRMW", base=base, mine=mine)
    edits.apply_edit(
        db,
        actor="carol",
        iso3="KHM",
        instrument="ICRMW",
        changes={"note": "carol too"},
        reason="r",
        source_url=URL,
    )
    with pytest.raises(StaleEdit):  # a third editor in between: refused again, nothing lost
        merge.apply(db, good, actor="alice", reason="r", source_url=URL)
    assert db["audit_log"].count == before + 1
