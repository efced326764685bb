"""The shipped seed includes the depositary refresh: agrees with ../shared/real, history loaded."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from tracker import audit, edits
from tracker.cli import main
from tracker.config import DATA_DIR
from tracker.db import connect
from tracker.importers import parse
from tracker.importers.diff import diff
from tracker.importers.refresh import identify
from tracker.importers.refresh_log import build_refreshed_seed, replay
from tracker.seeding.reference import read_csv
from tracker.seeding.seed import seed

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real"
UNTC_AS_OF = "2018-01-15"  # ../shared/real/README.md: the UNTC XML states no date (≈ Jan 2018)
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real is absent")


def _real_files() -> list[Path]:
    if not REAL.is_dir():
        return []
    return sorted(p for p in REAL.rglob("*") if p.is_file() and identify(p))


@needs_real
@pytest.mark.parametrize("path", _real_files(), ids=lambda p: p.name)
def test_shipped_cells_agree_with_every_real_file_or_are_newer(db, path):
    """Nothing left to import: each row agrees, or the cell rests on newer evidence (held)."""
    source, instrument = identify(path)
    result = parse(source, path.read_bytes(), instrument=instrument)
    plan = diff(db, result, as_of=None if result.last_update else UNTC_AS_OF)
    assert plan.pending() == [], [(e.iso3, e.kind, e.changes) for e in plan.pending()]
    assert plan.of("rejected") == []
    for entry in plan.of("older_than_stored"):  # held: the shipped cell is newer than the file
        cell = db["status"].get((entry.iso3, instrument))
        assert (cell["source_date"] or "") > plan.as_of, (entry.iso3, cell["source_date"])


@needs_real
def test_every_real_file_is_recorded_in_sources_csv_with_its_checksum():
    rows = {r["id"]: r for r in read_csv(DATA_DIR / "sources.csv")}
    for path in _real_files():
        matching = [r for r in rows.values() if (DATA_DIR / r["file"]).resolve() == path.resolve()]
        assert len(matching) == 1, path.name
        (row,) = matching
        assert row["id"].startswith(identify(path)[0] + "-")
        assert row["sha256"] and row["accessed_on"] and "commit" in row["producer"]


def test_refresh_log_is_the_audit_of_refreshed_cells_only():
    log = read_csv(DATA_DIR / "refresh_log.csv")
    assert log, "the shipped seed includes the depositary refresh"
    shipped = {(r["iso3"], r["instrument"]): r for r in read_csv(DATA_DIR / "status.csv")}
    for entry in log:
        assert entry["action"] == "import" and "sha256 " in entry["reason"]
        cell = shipped[(entry["iso3"], entry["instrument"])]
        assert cell["evidence"] == "depositary" and cell["source_url"] == entry["source_url"]
    # Replaying the log on nothing changes nothing: every key names a stored field.
    assert all(set(json.loads(e["new"])) <= set(next(iter(shipped.values()))) for e in log)


def test_init_loads_the_refresh_history_into_an_intact_audit_chain(tmp_path):
    db = connect(tmp_path / "t.db")
    counts = seed(db)
    log = read_csv(DATA_DIR / "refresh_log.csv")
    assert counts["history"] == len(log) == db["audit_log"].count
    assert audit.verify(db) == []
    entry = audit.history(db, iso3="OMN", instrument="CAT")[0]
    assert entry["actor"] == "build-seed" and entry["new"]["consent_date"] == "2020-06-09"
    assert db["status"].get(("OMN", "CAT"))["consent_date"] == "2020-06-09"
    seed(db)  # a re-run loads neither cells nor history again
    assert db["audit_log"].count == len(log)


def test_a_refreshed_cell_can_be_reverted_to_the_reference_value(tmp_path):
    db = connect(tmp_path / "t.db")
    seed(db)
    (entry,) = [
        e for e in audit.history(db, iso3="OMN", instrument="CAT") if "consent_date" in e["new"]
    ]
    edits.revert(db, audit_id=entry["id"], actor="tester", reason="check revert")
    assert db["status"].get(("OMN", "CAT"))["consent_date"] == entry["old"]["consent_date"]


def test_replay_applies_new_values_in_order():
    rows = [{"iso3": "AAA", "instrument": "X", "status": "none", "source_url": "u0"}]
    log = [
        {"iso3": "AAA", "instrument": "X", "new": '{"status": "signatory"}', "source_url": "u1"},
        {"iso3": "AAA", "instrument": "X", "new": '{"status": "party"}', "source_url": ""},
    ]
    assert replay(rows, log) == [
        {"iso3": "AAA", "instrument": "X", "status": "party", "source_url": "u1"}
    ]


@needs_real
def test_build_seed_refresh_is_repeatable(tmp_path, monkeypatch):
    """Rebuilding into a copy of data/ gives the committed status.csv and log (dates aside)."""
    data = tmp_path / "repo" / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("tracker.db*", "snapshots"))
    real = tmp_path / "shared" / "real"
    shutil.copytree(REAL, real)
    monkeypatch.setenv("TRACKER_SNAPSHOTS", str(tmp_path / "snapshots"))
    built = build_refreshed_seed([real], as_of=UNTC_AS_OF, data_dir=data)
    assert built.log_rows == len(read_csv(DATA_DIR / "refresh_log.csv"))
    assert not (data / "snapshots").exists()  # snapshots stay in the temporary folder

    def without_day(path: Path) -> list[dict]:
        """Rows without the build's own timestamps (``at``, and checked_on = the build day)."""
        with open(path, newline="", encoding="utf-8") as f:
            rows = [
                {k: v for k, v in r.items() if k not in ("at", "checked_on")}
                for r in csv.DictReader(f)
            ]
        for r in rows:
            for key in ("old", "new"):
                if key in r:
                    r[key] = {k: v for k, v in json.loads(r[key]).items() if k != "checked_on"}
        return rows

    assert without_day(data / "status.csv") == without_day(DATA_DIR / "status.csv")
    assert without_day(data / "refresh_log.csv") == without_day(DATA_DIR / "refresh_log.csv")
    assert read_csv(data / "sources.csv") == read_csv(DATA_DIR / "sources.csv")


def test_build_seed_refresh_needs_a_path(capsys):
    with pytest.raises(SystemExit):
        main(["build-seed", "--refresh"])
    assert "expected at least one argument" in capsys.readouterr().err
