"""tracker.edits: validated, versioned, audited edits; revert; history; random inputs."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import audit, edits
from tracker.db import connect
from tracker.errors import (
    DatabaseBusy,
    InvalidEdit,
    NoChange,
    RevertConflict,
    StaleEdit,
    TrackerError,
    UnknownCountry,
    UnknownInstrument,
    ValidationError,
)
from tracker.exports.rows import to_csv
from tracker.matrix import cells
from tracker.seeding.seed import seed
from tracker.validation import cell_problems

URL = "https://treaties.un.org/doc/Publication/MTDSG/Volume%20I/Chapter%20IV/iv-13.en.xml"
TODAY = dt.date.today()


def edit(db, iso3="KHM", code="ICRMW", **kw):
    args = {"actor": "alice", "reason": "deposit notified", "source_url": URL}
    args.update(kw)
    args.setdefault("changes", {})
    return edits.apply_edit(db, iso3=iso3, instrument=code, **args)


def state(db):
    """Everything a rejected write must leave untouched."""
    return (
        db["status"].count,
        db.execute("select total(version) from status").fetchone()[0],
        db["audit_log"].count,
        list(db.execute("select * from status where iso3 = 'KHM' and instrument = 'ICRMW'")),
    )


def export_row(db, iso3, code):
    rows = csv.DictReader(io.StringIO(to_csv(cells(db))))
    return next(r for r in rows if r["iso3"] == iso3 and r["instrument"] == code)


def test_valid_edit_changes_export_and_adds_one_audit_row(db):
    before = export_row(db, "KHM", "ICRMW")
    assert before["status"] == "signatory"
    audit_id = edit(
        db,
        changes={"status": "party", "consent_date": "2024-01-10", "consent_kind": "ratification"},
        expected_version=1,
    )
    after = export_row(db, "KHM", "ICRMW")
    assert (after["status"], after["consent_date"], after["consent_kind"]) == (
        "party",
        "2024-01-10",
        "ratification",
    )
    # ICRMW art. 87(2): first day of the month after three months.
    assert after["in_force_date"] == "2024-05-01"
    assert after["checked_on"] in {TODAY.isoformat(), dt.date.today().isoformat()}  # midnight-safe
    assert db["audit_log"].count == 1
    (entry,) = audit.history(db)
    assert entry["id"] == audit_id
    assert (entry["actor"], entry["action"], entry["iso3"], entry["instrument"]) == (
        "alice",
        "edit",
        "KHM",
        "ICRMW",
    )
    assert entry["old"]["status"] == "signatory" and entry["new"]["status"] == "party"
    assert entry["new"]["in_force_date"] == "2024-05-01" and entry["old"]["in_force_date"] is None
    assert dt.datetime.strptime(entry["at"], "%Y-%m-%dT%H:%M:%SZ")
    assert db["status"].get(("KHM", "ICRMW"))["version"] == 2
    # Only the edited cell changed.
    assert sum(r["version"] for r in db["status"].rows) == db["status"].count + 1


def test_ilo_ratification_enters_into_force_twelve_months_later(db):
    edit(db, "JPN", "C189", changes={"status": "party", "consent_date": "2025-03-04"})
    assert db["status"].get(("JPN", "C189"))["in_force_date"] == "2026-03-04"


def test_revert_restores_exact_previous_values(db):
    before = db["status"].get(("KHM", "ICRMW"))
    first = edit(
        db,
        changes={"status": "party", "consent_date": "2024-01-10", "note": "<b>new</b>"},
        source_url="https://example.org/a",
    )
    revert_id = edits.revert(db, audit_id=first, actor="bob", reason="wrong state")
    after = db["status"].get(("KHM", "ICRMW"))
    assert {k: v for k, v in after.items() if k != "version"} == {
        k: v for k, v in before.items() if k != "version"
    }
    assert after["version"] == before["version"] + 2
    entry = audit.history_entry(db, revert_id)
    assert (entry["action"], entry["reverts"], entry["actor"], entry["reason"]) == (
        "revert",
        first,
        "bob",
        "wrong state",
    )
    assert entry["old"]["status"] == "party" and entry["new"]["status"] == "signatory"
    # Reverting the revert re-applies the edit.
    edits.revert(db, audit_id=revert_id, actor="bob")
    assert db["status"].get(("KHM", "ICRMW"))["note"] == "<b>new</b>"


def test_revert_refuses_when_the_cell_changed_since_unless_forced(db):
    original = db["status"].get(("KHM", "ICRMW"))["note"]
    first = edit(db, changes={"note": "one"})
    edit(db, changes={"note": "two"})
    snapshot = state(db)
    with pytest.raises(RevertConflict) as err:
        edits.revert(db, audit_id=first, actor="bob")
    assert err.value.later == [first + 1]
    assert state(db) == snapshot
    edits.revert(db, audit_id=first, actor="bob", force=True)
    assert db["status"].get(("KHM", "ICRMW"))["note"] == original


def test_revert_unknown_entry_is_a_validation_error(db):
    with pytest.raises(ValidationError, match="no audit entry #99"):
        edits.revert(db, audit_id=99, actor="bob")


def test_stale_version_is_refused_with_both_versions(db):
    edit(db, changes={"note": "first editor"}, expected_version=1)
    snapshot = state(db)
    with pytest.raises(StaleEdit) as err:
        edit(db, changes={"note": "second editor"}, expected_version=1)
    assert (err.value.expected, err.value.stored) == (1, 2)
    assert err.value.current["note"] == "first editor"
    assert "version 1" in str(err.value) and "version 2" in str(err.value)
    assert state(db) == snapshot


def test_no_change_writes_nothing(db):
    current = db["status"].get(("KHM", "ICRMW"))
    snapshot = state(db)
    with pytest.raises(NoChange):
        edit(db, changes={"status": "signatory"}, source_url=current["source_url"])
    assert state(db) == snapshot


def test_outer_transaction_rolls_back_every_nested_edit(db):
    snapshot = state(db)
    with pytest.raises(InvalidEdit), db.atomic():
        edit(db, changes={"note": "kept only if all succeed"})
        edit(db, "PHL", "C097", changes={"status": "signatory"})
    assert state(db) == snapshot


def test_concurrent_writer_waits_for_the_lock_instead_of_failing_midway(db_file):
    """Two connections to one file: an edit never reads a version another writer then changes."""
    first, second = connect(db_file), connect(db_file)
    second.conn.execute("PRAGMA busy_timeout = 50")
    with edits.transaction(first):
        loaded = edits.load_cell(first, iso3="KHM", instrument="ICRMW")["version"]
        with pytest.raises(DatabaseBusy):
            edit(second, changes={"note": "second"}, expected_version=loaded)
        edit(first, changes={"note": "first"}, expected_version=loaded)
    assert connect(db_file)["audit_log"].count == 1
    # Once the lock is free, the second editor's stale version is refused, not overwritten.
    with pytest.raises(StaleEdit):
        edit(second, changes={"note": "second"}, expected_version=loaded)
    assert connect(db_file)["status"].get(("KHM", "ICRMW"))["note"] == "first"


RULES = [
    # (iso3, code, changes, overrides, field, message fragment)
    ("PHL", "C097", {"status": "signatory"}, {}, "status", "not allowed for ILO"),
    ("KHM", "ICRMW", {"status": "ratified"}, {}, "status", "is not one of"),
    ("PHL", "C097", {"consent_kind": "accession"}, {}, "consent_kind", "not possible for ILO"),
    ("KHM", "ICRMW", {"consent_kind": "signature"}, {}, "consent_kind", "is not one of"),
    ("KHM", "ICRMW", {"signature_date": "27/09/2004"}, {}, "signature_date", "YYYY-MM-DD"),
    ("KHM", "ICRMW", {"signature_date": "2099-01-01"}, {}, "signature_date", "in the future"),
    (
        "KHM",
        "ICRMW",
        {"status": "party", "consent_date": "2001-01-01"},
        {},
        "consent_date",
        "before the signature date",
    ),
    (
        "PHL",
        "ICRMW",
        {"status": "denounced", "denunciation_date": "1990-01-01"},
        {},
        "denunciation_date",
        "not after the consent date",
    ),
    ("PHL", "ICRMW", {"denunciation_date": "2020-01-01"}, {}, "denunciation_date", "a party"),
    ("KHM", "ICRMW", {"status": "none"}, {}, "status", "cannot have signature or consent"),
    ("PHL", "C097", {"signature_date": "2000-01-01"}, {}, "signature_date", "no signature"),
    ("KHM", "ICRMW", {"note": "x"}, {"source_url": ""}, "source_url", "required"),
    ("KHM", "ICRMW", {"note": "x"}, {"source_url": "javascript:alert(1)"}, "source_url", "http"),
    ("KHM", "ICRMW", {"note": "x"}, {"source_url": "ftp://un.org/f"}, "source_url", "http"),
    ("KHM", "ICRMW", {"note": "x"}, {"source_url": "https://a b.org"}, "source_url", "http"),
    ("KHM", "ICRMW", {"note": "x"}, {"actor": "  "}, "actor", "required"),
    ("KHM", "ICRMW", {"note": "x"}, {"reason": ""}, "reason", "required"),
    ("KHM", "ICRMW", {"version": 9}, {}, "version", "cannot be edited"),
    ("KHM", "ICRMW", {"note": "x" * 2001}, {}, "note", "longer than"),
    ("KHM", "ICRMW", {"verified": "maybe"}, {}, "verified", "true/false"),
    (
        "KHM",
        "ICRMW",
        {"status": "party", "consent_date": "2024-01-10", "in_force_date": "2024-01-10"},
        {},
        "in_force_date",
        "derived",
    ),
]


@pytest.mark.parametrize(
    "iso3,code,changes,overrides,field,fragment", RULES, ids=[f"{r[4]}:{r[5]}" for r in RULES]
)
def test_each_rule_is_refused_naming_field_and_rule(
    db, iso3, code, changes, overrides, field, fragment
):
    snapshot = state(db)
    with pytest.raises(ValidationError) as err:
        edit(db, iso3, code, changes=changes, **overrides)
    assert any(p.field == field and fragment in p.message for p in err.value.problems), str(
        err.value
    )
    assert state(db) == snapshot


def test_unknown_state_and_instrument_are_typed_errors(db):
    with pytest.raises(UnknownCountry):
        edit(db, "FRA", "ICRMW", changes={"note": "x"})
    with pytest.raises(UnknownInstrument):
        edit(db, "KHM", "C999", changes={"note": "x"})
    assert db["audit_log"].count == 0


def test_script_note_is_stored_verbatim_and_javascript_url_refused(db):
    edit(db, changes={"note": "<script>alert(1)</script>"})
    assert db["status"].get(("KHM", "ICRMW"))["note"] == "<script>alert(1)</script>"
    with pytest.raises(ValidationError, match="not an http"):
        edit(db, changes={"note": "y"}, source_url="javascript:alert(document.cookie)")


def test_history_filters_newest_first(db):
    edit(db, changes={"note": "a"})
    edit(db, "PHL", "C097", changes={"note": "b"})
    edit(db, changes={"note": "c"})
    assert [e["new"]["note"] for e in audit.history(db)] == ["c", "b", "a"]
    assert [e["new"]["note"] for e in audit.history(db, iso3="khm")] == ["c", "a"]
    assert [e["new"]["note"] for e in audit.history(db, instrument="C097")] == ["b"]
    assert len(audit.history(db, limit=2)) == 2


def test_allowed_statuses_per_body():
    assert "signatory" in edits.allowed_statuses("UN")
    assert "signatory" not in edits.allowed_statuses("ILO")


# --- random inputs -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_db():
    """One seeded database for every generated example (hypothesis reuses it)."""
    database = connect(memory=True)
    seed(database, history=False)
    return database


dates = st.one_of(
    st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(2100, 1, 1)).map(str),
    st.text(max_size=12),
    st.none(),
)
values = st.one_of(
    st.sampled_from(["party", "signatory", "none", "denounced", "territory", "not_eligible"]),
    st.sampled_from(["ratification", "accession", "succession", "", "true", "0"]),
    dates,
    st.text(max_size=30),
    st.integers(),
    st.booleans(),
    st.none(),
)
fields = st.sampled_from([*edits.EDITABLE, "version", "iso3", "<script>", ""])
urls = st.one_of(
    st.just(URL),
    st.sampled_from(["javascript:alert(1)", "data:text/html,x", "http://", "", "ftp://x.org"]),
    st.text(max_size=40),
)


def _random_text(rnd) -> str:
    alphabet = "0123456789-/:. abcxyz<>\"'\u00e9\u202e\x00\n"
    return "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14)))


def _random_value(rnd):
    pools = [
        ["party", "signatory", "none", "denounced", "territory", "not_eligible", "PARTY"],
        ["ratification", "accession", "succession", "", "true", "0", "yes"],
        [str(dt.date(1940, 1, 1) + dt.timedelta(days=rnd.randint(0, 60000))), "2024-02-30"],
        [None, 0, 1, -7, True, 3.5, _random_text(rnd)],
    ]
    return rnd.choice(rnd.choice(pools))


def check_edit(db, *, iso3, code, changes, url, actor, version):
    """apply_edit either writes one edit and one audit row, or raises a typed error and writes
    nothing."""
    before = (db["status"].count, db.execute("select total(version) from status").fetchone()[0])
    audits = db["audit_log"].count
    try:
        audit_id = edits.apply_edit(
            db,
            actor=actor,
            iso3=iso3,
            instrument=code,
            changes=changes,
            reason="fuzz",
            source_url=url,
            expected_version=version,
        )
    except TrackerError:
        after = (db["status"].count, db.execute("select total(version) from status").fetchone()[0])
        assert after == before
        assert db["audit_log"].count == audits
        assert not db.conn.in_transaction
        return False
    assert db["audit_log"].count == audits + 1
    assert db.execute("select total(version) from status").fetchone()[0] == before[1] + 1
    cell = edits.load_cell(db, iso3=iso3, instrument=code)
    assert cell_problems(cell, body=cell["body"]) == []
    assert audit.history_entry(db, audit_id)["actor"] == actor
    return True


ISO3S = ["KHM", "PHL", "JPN", "khm", "FRA", "", "<b>"]
CODES = ["ICRMW", "C097", "CEDAW", "c189", "X", ""]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    iso3=st.sampled_from(ISO3S),
    code=st.sampled_from(CODES),
    changes=st.dictionaries(fields, values, max_size=5),
    url=urls,
    actor=st.sampled_from(["alice", "", "  "]),
    version=st.one_of(st.none(), st.integers(min_value=0, max_value=4)),
)
def test_random_edits_only_raise_typed_errors_and_never_write_partially(
    shared_db, iso3, code, changes, url, actor, version
):
    check_edit(
        shared_db, iso3=iso3, code=code, changes=changes, url=url, actor=actor, version=version
    )


@settings(max_examples=150, deadline=None)
@given(seed_=st.integers(min_value=0, max_value=2**32))
def test_thousands_of_random_edits_batched(shared_db, seed_):
    """Ten cheap random edits per example (a seeded generator): 2,000 inputs in a second."""
    rnd = random.Random(seed_)
    for _ in range(10):
        changes = {
            rnd.choice([*edits.EDITABLE, "note", "note", "verified", "version"]): _random_value(rnd)
            for _ in range(rnd.randint(0, 4))
        }
        check_edit(
            shared_db,
            iso3=rnd.choice(ISO3S[:4] * 3 + ISO3S),
            code=rnd.choice(CODES[:4] * 3 + CODES),
            changes=changes,
            url=rnd.choice([URL] * 6 + ["javascript:alert(1)", "", _random_text(rnd)]),
            actor=rnd.choice(["alice"] * 6 + ["", "bob"]),
            version=rnd.choice([None] * 6 + [1, 2, 3]),
        )


@settings(max_examples=150, deadline=None)
@given(seed_=st.integers(min_value=0, max_value=2**32))
def test_cell_problems_never_crash(seed_):
    rnd = random.Random(seed_)
    for _ in range(10):
        cell = {rnd.choice([*edits.AUDITED, "x"]): _random_value(rnd) for _ in range(8)}
        for body in ("UN", "ILO"):
            problems = cell_problems(cell, body=body)
            assert all(isinstance(p, ValidationError) and p.field for p in problems)
