"""Backups with the SQLite online backup API, validated restores, and the staff CLI."""

from __future__ import annotations

import sqlite3

import pytest

from tracker.cli import main
from tracker.db import connect
from tracker.errors import BackupError
from tracker.integrity.backup import backup, check_database, restore

URL = "https://treaties.un.org/doc/Publication/MTDSG/Volume%20I/Chapter%20IV/iv-13.en.xml"


def status_of(path, iso3="KHM", code="ICRMW"):
    return connect(path)["status"].get((iso3, code))["status"]


def test_backup_then_restore_round_trip_keeps_previous_as_bak(db_file, tmp_path, capsys):
    saved = tmp_path / "saved.db"
    assert main(["backup", str(saved)]) == 0
    check_database(saved)
    args = ["--status", "party", "--consent-date", "2024-01-10", "--source", URL]
    assert main(["set", "KHM", "ICRMW", *args, "--actor", "alice", "--reason", "r"]) == 0
    assert status_of(db_file) == "party"
    assert main(["restore", str(saved)]) == 0
    assert status_of(db_file) == "signatory"
    assert status_of(db_file.with_name(db_file.name + ".bak")) == "party"
    assert "previous database kept" in capsys.readouterr().out


def test_backup_refuses_to_overwrite(db_file, tmp_path, capsys):
    target = tmp_path / "b.db"
    target.write_text("precious")
    assert main(["backup", str(target)]) == 2
    assert capsys.readouterr().err.startswith("error: ")
    assert target.read_text() == "precious"
    assert main(["backup", str(target), "--force"]) == 0
    check_database(target)


def _dump(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.mark.parametrize("kind", ["junk", "other_sqlite", "missing"])
def test_restore_refuses_what_is_not_a_tracker_database(db_file, tmp_path, capsys, kind):
    bad = tmp_path / "bad.db"
    if kind == "junk":
        bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    elif kind == "other_sqlite":
        sqlite3.connect(bad).execute("create table t (x)").connection.commit()
    before = _dump(db_file)
    assert main(["restore", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    # Compare content, not file bytes: in WAL mode a checkpoint rewrites the file unchanged.
    assert _dump(db_file) == before
    assert not db_file.with_name(db_file.name + ".bak").exists()


def test_restore_refuses_a_corrupt_database(db_file, tmp_path):
    copy = backup(db_file, tmp_path / "copy.db")
    data = bytearray(copy.read_bytes())
    page = 4096
    data[page * 3 : page * 3 + 200] = b"\x07" * 200  # scribble over a b-tree page
    copy.write_bytes(bytes(data))
    with pytest.raises(BackupError):
        restore(copy, db_file)
    assert connect(db_file)["status"].count == 1428


def test_set_history_revert_cli(db_file, capsys):
    common = ["--source", URL, "--actor", "alice", "--reason", "ratified"]
    assert (
        main(
            [
                "set",
                "KHM",
                "ICRMW",
                "--status",
                "party",
                "--consent-date",
                "2024-01-10",
                "--expected-version",
                "1",
                *common,
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert out.startswith("#1 ") and '"signatory" → "party"' in out
    assert main(["history", "KHM", "ICRMW"]) == 0
    assert "alice edit KHM/ICRMW" in capsys.readouterr().out
    assert main(["revert", "1", "--actor", "bob"]) == 0
    assert "reverts #1" in capsys.readouterr().out
    assert status_of(db_file) == "signatory"
    assert main(["history"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 2


@pytest.mark.parametrize(
    "argv,message",
    [
        (["set", "KHM", "ICRMW", "--status", "party"], "actor: who made the change is required"),
        (
            [
                "set",
                "XXX",
                "ICRMW",
                "--status",
                "party",
                "--source",
                URL,
                "--actor",
                "a",
                "--reason",
                "r",
            ],
            "not one of the tracked states",
        ),
        (
            [
                "set",
                "PHL",
                "C097",
                "--status",
                "signatory",
                "--source",
                URL,
                "--actor",
                "a",
                "--reason",
                "r",
            ],
            "status: signatory is not allowed for ILO",
        ),
        (
            [
                "set",
                "KHM",
                "ICRMW",
                "--note",
                "x",
                "--source",
                "javascript:alert(1)",
                "--actor",
                "a",
                "--reason",
                "r",
            ],
            "is not an http(s) URL",
        ),
        (
            [
                "set",
                "KHM",
                "ICRMW",
                "--note",
                "x",
                "--source",
                URL,
                "--actor",
                "a",
                "--reason",
                "r",
                "--expected-version",
                "7",
            ],
            "now version 1",
        ),
        (["revert", "42", "--actor", "a"], "no audit entry #42"),
    ],
)
def test_bad_cli_input_is_one_line_error_and_database_unchanged(db_file, capsys, argv, message):
    before = list(connect(db_file).execute("select * from status order by iso3, instrument"))
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and message in err
    db = connect(db_file)
    assert list(db.execute("select * from status order by iso3, instrument")) == before
    assert db["audit_log"].count == 0
