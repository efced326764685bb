"""Bulk CSV versions: a stale row is a conflict showing both values, applied only if chosen."""

from __future__ import annotations

import csv
import io

import pytest

from tracker import audit, bulk, edits
from tracker.errors import NoChange

URL = "https://treaties.un.org/doc/Publication/MTDSG/Volume%20I/Chapter%20IV/iv-13.en.xml"


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def text_of(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def edited(download: str, key: tuple[str, str], **values) -> str:
    rows = rows_of(download)
    for row in rows:
        if (row["iso3"], row["instrument"]) == key:
            row.update(values)
    return text_of(rows)


@pytest.fixture
def stale(db):
    """Alice downloads; Bob then re-dates PSE/ICRMW's source; Alice's file has another date."""
    download = bulk.download(db)
    first = rows_of(download)[0]
    assert list(first)[-1] == "version" and first["version"] == "1"
    edits.apply_edit(
        db,
        actor="bob",
        iso3="PSE",
        instrument="ICRMW",
        changes={"source_date": "2026-11"},
        reason="checked the depositary",
        source_url=URL,
    )
    text = edited(download, ("PSE", "ICRMW"), source_date="2020")
    return edited(text, ("PHL", "C097"), source_date="2020")


def test_a_stale_row_is_a_conflict_with_both_values(db, stale):
    plan = bulk.diff(db, stale)
    assert plan.versioned
    assert plan.counts() == {
        "added": 0,
        "changed": 1,
        "unchanged": 1426,
        "conflict": 1,
        "rejected": 0,
    }
    (conflict,) = plan.of("conflict")
    assert (conflict.iso3, conflict.instrument) == ("PSE", "ICRMW")
    assert (conflict.based_on, conflict.version) == (1, 2)
    shown = {r["field"]: r for r in bulk.conflict_table(plan)}
    assert set(shown) == {"source_date", "source_url"}  # bob also gave a new source
    assert (shown["source_date"]["stored now (theirs)"], shown["source_date"]["in the file"]) == (
        "2026-11",
        "2020",
    )
    assert shown["source_url"]["stored now (theirs)"] == URL
    assert shown["source_date"]["changed by"].startswith("bob at ")


def test_conflicts_are_skipped_unless_chosen_by_line(db, stale):
    plan = bulk.diff(db, stale)
    (conflict,) = plan.of("conflict")
    ids = bulk.apply(db, plan, actor="alice", reason="update")
    assert len(ids) == 1  # only PHL/C097
    assert db["status"].get(("PSE", "ICRMW"))["source_date"] == "2026-11"  # bob's kept
    assert db["status"].get(("PHL", "C097"))["source_date"] == "2020"
    # Choosing the line explicitly overwrites, audited as any bulk row.
    plan = bulk.diff(db, stale)
    assert plan.counts()["conflict"] == 1 and plan.counts()["changed"] == 0
    with pytest.raises(NoChange):
        bulk.apply(db, plan, actor="alice", reason="update")
    bulk.apply(db, plan, actor="alice", reason="file wins", take_conflicts=[conflict.line])
    assert db["status"].get(("PSE", "ICRMW"))["source_date"] == "2020"
    assert audit.history(db, iso3="PSE", instrument="ICRMW")[0]["reason"] == "file wins"


def test_a_file_row_equal_to_the_new_value_is_unchanged_not_a_conflict(db):
    download = bulk.download(db)
    edits.apply_edit(
        db,
        actor="bob",
        iso3="PSE",
        instrument="ICRMW",
        changes={"source_date": "2026-11"},
        reason="r",
        source_url=URL,
    )
    plan = bulk.diff(db, edited(download, ("PSE", "ICRMW"), source_date="2026-11", source_url=URL))
    assert plan.counts()["conflict"] == 0 and plan.counts()["unchanged"] == 1428


@pytest.mark.parametrize("value", ["", "x", "-1", "1" * 12])
def test_a_bad_version_is_rejected(db, value):
    plan = bulk.diff(db, edited(bulk.download(db), ("PSE", "ICRMW"), version=value))
    (rejected,) = plan.of("rejected")
    assert "is not a whole number" in rejected.reasons[0]


def test_a_file_without_versions_still_works_and_says_so(db):
    text = edited(bulk.download(db), ("PSE", "ICRMW"), source_date="2020")
    rows = rows_of(text)
    for row in rows:
        del row["version"]
    plan = bulk.diff(db, text_of(rows))
    assert not plan.versioned and plan.counts()["changed"] == 1
