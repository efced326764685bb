"""tracker.bulk: CSV diff classification, all-or-nothing apply, random files, and SIGKILL."""

from __future__ import annotations

import csv
import io
import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker import audit, bulk, edits
from tracker.db import connect
from tracker.errors import InvalidEdit, NoChange, ParseError, StaleEdit, TrackerError
from tracker.exports.rows import to_csv
from tracker.matrix import EXPORT_COLUMNS, cells
from tracker.seeding.seed import seed

ROOT = Path(__file__).resolve().parent.parent
URL = "https://treaties.un.org/doc/Publication/MTDSG/Volume%20I/Chapter%20IV/iv-13.en.xml"


def export_rows(db) -> list[dict]:
    return list(csv.DictReader(io.StringIO(to_csv(cells(db)))))


def to_text(rows: list[dict], columns=EXPORT_COLUMNS) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def with_changes(db, changes: dict) -> list[dict]:
    rows = export_rows(db)
    for row in rows:
        row.update(changes.get((row["iso3"], row["instrument"]), {}))
    return rows


def snapshot(db):
    return (
        list(db.execute("select * from status order by iso3, instrument")),
        db["audit_log"].count,
    )


def test_the_unchanged_export_round_trips_as_unchanged(db):
    plan = bulk.diff(db, to_csv(cells(db)).encode())
    assert plan.counts() == {
        "added": 0,
        "changed": 0,
        "unchanged": 1428,
        "conflict": 0,
        "rejected": 0,
    }
    with pytest.raises(NoChange):
        bulk.apply(db, plan, actor="a", reason="r")


def test_the_dashboard_download_with_its_as_of_column_uploads_as_is(db):
    import datetime as dt

    text = to_csv(cells(db, instruments="core"), as_of=dt.date(2026, 11, 23))
    assert text.splitlines()[0].endswith(",as_of")
    plan = bulk.diff(db, text.encode())
    assert plan.counts() == {
        "added": 0,
        "changed": 0,
        "unchanged": 51 * 5,
        "conflict": 0,
        "rejected": 0,
    }


def test_rows_are_classified_with_reasons(db):
    db.execute("delete from status where iso3 = 'KHM' and instrument = 'C189'")
    rows = with_changes(
        db,
        {
            ("KHM", "ICRMW"): {"status": "party", "consent_date": "2024-01-10"},
            ("PHL", "C097"): {"status": "signatory"},
            ("JPN", "C189"): {"consent_date": "10/01/2024"},
        },
    )
    added = {c: "" for c in EXPORT_COLUMNS}
    added.update(iso3="KHM", instrument="C189", status="none", source_url=URL)
    rows += [
        added,
        {**added, "iso3": "FRA"},
        {**added, "instrument": "C999"},
        {**added, "iso3": "KHM", "instrument": "ICRMW", "status": "none"},
    ]
    text = to_text(rows) + "VNM,Viet Nam,ICRMW\n"
    text += "VNM,Viet Nam,C097,none,,,,,,https://a.org,,,none,x\n"
    plan = bulk.diff(db, text)
    assert plan.counts() == {
        "added": 1,
        "changed": 1,
        "unchanged": 1424,
        "conflict": 0,
        "rejected": 7,
    }
    reasons = {(r.iso3, r.instrument): " ".join(r.reasons) for r in plan.of("rejected")}
    assert "not allowed for ILO" in reasons["PHL", "C097"]
    assert "YYYY-MM-DD" in reasons["JPN", "C189"]
    assert "not one of the tracked states" in reasons["FRA", "C189"]
    assert "unknown instrument" in reasons["KHM", "C999"]
    assert "duplicate of line" in reasons["KHM", "ICRMW"]
    assert "fewer fields" in reasons["VNM", "ICRMW"]
    assert "more fields" in reasons["VNM", "C097"]
    (changed,) = plan.of("changed")
    assert changed.new["in_force_date"] == "2024-05-01" and changed.version == 1


def test_rejected_rows_block_apply_until_excluded(db):
    rows = with_changes(
        db,
        {("KHM", "ICRMW"): {"source_date": "2026-11"}, ("PHL", "C097"): {"status": "signatory"}},
    )
    plan = bulk.diff(db, to_text(rows))
    before = snapshot(db)
    with pytest.raises(TrackerError, match="1 rejected row"):
        bulk.apply(db, plan, actor="alice", reason="update")
    assert snapshot(db) == before
    ids = bulk.apply(db, plan, actor="alice", reason="update", exclude_rejected=True)
    assert len(ids) == 1
    assert db["status"].get(("KHM", "ICRMW"))["source_date"] == "2026-11"
    assert audit.history(db)[0]["action"] == "bulk"


def test_added_row_is_audited_and_revert_removes_it(db):
    db.execute("delete from status where iso3 = 'KHM' and instrument = 'C189'")
    row = {c: "" for c in EXPORT_COLUMNS}
    row.update(iso3="KHM", instrument="C189", status="none", source_url=URL)
    plan = bulk.diff(db, to_text([row]))
    (audit_id,) = bulk.apply(db, plan, actor="alice", reason="new instrument")
    assert db["status"].get(("KHM", "C189"))["version"] == 1
    assert audit.history_entry(db, audit_id)["action"] == "add"
    edits.revert(db, audit_id=audit_id, actor="bob")
    assert not list(db["status"].rows_where("iso3 = 'KHM' and instrument = 'C189'"))


def test_any_failure_rolls_back_every_row(db):
    rows = with_changes(
        db,
        {("KHM", "ICRMW"): {"source_date": "2026-11"}, ("PHL", "C097"): {"source_date": "2026"}},
    )
    plan = bulk.diff(db, to_text(rows))
    edits.apply_edit(
        db,
        actor="bob",
        iso3="PHL",
        instrument="C097",
        changes={"note": "edited meanwhile"},
        reason="r",
        source_url=URL,
    )
    before = snapshot(db)
    with pytest.raises(StaleEdit):
        bulk.apply(db, plan, actor="alice", reason="update")
    assert snapshot(db) == before
    with pytest.raises(InvalidEdit, match="reason"):
        bulk.apply(db, bulk.diff(db, to_text(rows)), actor="alice", reason=" ")
    assert snapshot(db) == before


@pytest.mark.parametrize(
    "data,message",
    [
        (b"\xff\xfe\x00junk", "not UTF-8"),
        (b"", "empty"),
        (b"iso3,instrument,status\n", "missing: source_url"),
        (b"iso3,instrument,status,source_url,colour\n", "unknown: 'colour'"),
        (b"iso3,iso3,instrument,status,source_url\n", "duplicate column"),
        (b'iso3,instrument,status,source_url\n"KHM,ICRMW\n', "not a valid CSV"),
    ],
)
def test_unusable_files_are_parse_errors(db, data, message):
    with pytest.raises(ParseError, match=message):
        bulk.diff(db, data)


# --- random files ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_db():
    database = connect(memory=True)
    seed(database, history=False)
    return database


@pytest.fixture(scope="module")
def base_rows(shared_db):
    return export_rows(shared_db)


def check_upload(db, data) -> None:
    """diff/apply raise only typed errors; a refused apply writes nothing."""
    before = (db["status"].count, db["audit_log"].count)
    total = db.execute("select total(version) from status").fetchone()[0]
    try:
        plan = bulk.diff(db, data)
    except ParseError:
        assert (db["status"].count, db["audit_log"].count) == before
        return
    assert (db["status"].count, db["audit_log"].count) == before  # diff never writes
    try:
        ids = bulk.apply(db, plan, actor="fuzz", reason="fuzz", exclude_rejected=True)
    except TrackerError:
        assert (db["status"].count, db["audit_log"].count) == before
        assert db.execute("select total(version) from status").fetchone()[0] == total
        assert not db.conn.in_transaction
    else:
        assert len(ids) == len(plan.to_write())
        assert db["audit_log"].count == before[1] + len(ids)


FIELD_VALUES = [
    "",
    "party",
    "signatory",
    "none",
    "denounced",
    "KHM",
    "FRA",
    "C097",
    "ICRMW",
    "2001-01-01",
    "2099-12-31",
    "2024-02-30",
    "true",
    "false",
    "accession",
    URL,
    "javascript:alert(1)",
    '"',
    ",",
    "\n",
    "<script>",
]


def _mutated(rnd: random.Random, base_rows: list[dict]) -> str:
    rows = [dict(r) for r in rnd.sample(base_rows, rnd.randint(0, 6))]
    for row in rows:
        for _ in range(rnd.randint(0, 3)):
            row[rnd.choice(EXPORT_COLUMNS)] = rnd.choice(FIELD_VALUES)
    columns = list(EXPORT_COLUMNS)
    if rnd.random() < 0.1:
        columns = rnd.sample(columns, rnd.randint(1, len(columns)))
    text = to_text(rows, columns)
    if rnd.random() < 0.2:  # break the CSV structure itself
        cut = rnd.randint(0, len(text))
        text = text[:cut] + rnd.choice(['"', ",", "\n", "\x00", "\ufeff", ",,,"]) + text[cut:]
    return text


@settings(max_examples=120, deadline=None)
@given(seed_=st.integers(min_value=0, max_value=2**32))
def test_thousands_of_random_uploads_never_crash_or_write_partially(shared_db, base_rows, seed_):
    """Ten mutated export files per example (a seeded generator): 1,200 uploads."""
    rnd = random.Random(seed_)
    for _ in range(10):
        check_upload(shared_db, _mutated(rnd, base_rows))


@settings(max_examples=300, deadline=None)
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=300)))
def test_random_bytes_and_text_are_parse_errors_or_rejections(shared_db, data):
    check_upload(shared_db, data)


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(
        st.fixed_dictionaries({c: st.sampled_from(FIELD_VALUES) for c in EXPORT_COLUMNS}),
        max_size=4,
    )
)
def test_random_rows_under_the_export_header(shared_db, rows):
    check_upload(shared_db, to_text(rows))


# --- SIGKILL in the middle of a bulk apply -----------------------------------------------

APPLY_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from tracker import bulk
    from tracker.db import connect

    db_path, csv_path, pause_at = sys.argv[1], sys.argv[2], int(sys.argv[3])
    db = connect(db_path)
    plan = bulk.diff(db, open(csv_path, "rb").read())
    print("ROWS", len(plan.to_write()), flush=True)

    def progress(done, total):
        if done == pause_at:
            print("READY", done, flush=True)
            time.sleep(120)

    bulk.apply(db, plan, actor="kill-test", reason="bulk", progress=progress)
    print("DONE", flush=True)
    """
)


def _start(db_file: Path, csv_file: Path, pause_at: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", APPLY_SCRIPT, str(db_file), str(csv_file), str(pause_at)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )


def _outcome(db_file: Path) -> tuple[str, int, int]:
    db = connect(db_file)
    integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    flipped = db.execute("select count(*) from status where source_date = '2001'").fetchone()[0]
    return integrity, flipped, db["audit_log"].count


@pytest.fixture
def flip_all(db_file, tmp_path) -> tuple[Path, int]:
    """A CSV flipping ``source_date`` on every cell: one bulk apply of 1,428 rows."""
    db = connect(db_file)
    rows = export_rows(db)
    for row in rows:
        row["source_date"] = "2002" if row["source_date"] == "2001" else "2001"
    path = tmp_path / "flip.csv"
    path.write_text(to_text(rows))
    unverified = db.execute("select count(*) from status where source_date = '2001'").fetchone()[0]
    return path, unverified


def test_sigkill_mid_transaction_leaves_nothing_applied(db_file, flip_all):
    csv_file, unverified = flip_all
    proc = _start(db_file, csv_file, pause_at=700)
    try:
        assert proc.stdout.readline().split() == ["ROWS", "1428"]
        assert proc.stdout.readline().split() == ["READY", "700"]
        # 700 rows and 700 audit rows are written but not committed: kill now.
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert _outcome(db_file) == ("ok", unverified, 0)


def test_sigkill_at_random_moments_applies_all_or_nothing(db_file, flip_all):
    csv_file, _ = flip_all
    rnd = random.Random(20261123)
    for attempt in range(2):
        before = _outcome(db_file)
        proc = _start(db_file, csv_file, pause_at=-1)
        assert proc.stdout.readline().startswith("ROWS")
        try:
            proc.wait(timeout=rnd.uniform(0.0, 0.6))
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        integrity, flipped, audits = _outcome(db_file)
        assert integrity == "ok"
        assert audits in (before[2], before[2] + 1428), attempt
        if audits == before[2]:
            assert flipped == before[1]
        else:
            assert flipped == 1428 - before[1]
        # The next run flips back from whatever state was reached; regenerate the file.
        rows = export_rows(connect(db_file))
        for row in rows:
            row["source_date"] = "2002" if row["source_date"] == "2001" else "2001"
        csv_file.write_text(to_text(rows))
