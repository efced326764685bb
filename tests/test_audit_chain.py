"""The audit log cannot be rewritten undetected: triggers, hash chain, check and restore."""

from __future__ import annotations

import sqlite3

import pytest

from tracker import audit
from tracker.cli import main
from tracker.db import connect
from tracker.edits import apply_edit, revert
from tracker.errors import BackupError
from tracker.integrity.backup import check_database
from tracker.integrity.check import check
from tracker.integrity.schema_check import PROTECTIVE_TRIGGERS
from tracker.seeding.seed import seed

URL = "https://treaties.un.org/doc/Publication/MTDSG/Volume%20I/Chapter%20IV/iv-13.en.xml"


def _edits(db, n: int = 3) -> list[int]:
    ids = []
    for i in range(n):
        ids.append(
            apply_edit(
                db,
                actor="alice",
                iso3="KHM",
                instrument="ICRMW",
                changes={"note": f"note {i}"},
                reason=f"reason {i}",
                source_url=URL,
            )
        )
    return ids


def _problems(db, where: str) -> list[str]:
    return [p.message for p in check(db) if p.where == where]


def test_every_written_row_is_chained_and_check_is_clean(db):
    ids = _edits(db)
    ids.append(revert(db, audit_id=ids[-1], actor="bob"))
    rows = db.execute("select id, hash from audit_log order by id").fetchall()
    assert [r[0] for r in rows] == ids
    assert len({r[1] for r in rows}) == len(rows) and all(len(r[1]) == 64 for r in rows)
    assert audit.verify(db) == []
    assert check(db) == []
    assert audit.head(db) == rows[-1][1]


@pytest.mark.parametrize(
    "sql",
    [
        "insert or replace into audit_log (id, at, actor, action, reason) "
        "values (1, '2020-01-01T00:00:00Z', 'mallory', 'edit', 'rewritten')",
        "replace into audit_log (id, at, actor, action, reason) "
        "values (1, '2020-01-01T00:00:00Z', 'mallory', 'edit', 'rewritten')",
        "insert into audit_log (id, at, actor, action, reason) "
        "values (1, '2020-01-01T00:00:00Z', 'mallory', 'edit', 'x') "
        "on conflict(id) do update set reason = 'rewritten'",
        "update audit_log set reason = 'rewritten' where id = 1",
        "delete from audit_log where id = 1",
    ],
)
def test_replace_update_and_delete_are_refused(db, sql):
    _edits(db, 2)
    before = db.execute("select * from audit_log order by id").fetchall()
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute(sql)
    assert db.execute("select * from audit_log order by id").fetchall() == before


def _copy(source, target) -> None:
    """A full copy of a live (WAL) database file."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    src.backup(dst)
    dst.close()
    src.close()


def _tamper(path, sql: str) -> None:
    """What an attacker with the file can do: drop the triggers, rewrite, put them back."""
    conn = sqlite3.connect(path)
    triggers = conn.execute(
        "select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'audit_log'"
    ).fetchall()
    for name, _ in triggers:
        conn.execute(f"drop trigger {name}")
    conn.execute(sql)
    for _, create in triggers:
        conn.execute(create)
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "sql",
    [
        "update audit_log set reason = 'nothing happened' where id = 2",
        "delete from audit_log where id = 2",
        "update audit_log set actor = 'bob', hash = "
        "(select hash from audit_log where id = 1) where id = 2",
    ],
)
def test_tampering_with_a_middle_row_is_found_by_check_and_refused_by_restore(
    db_file, tmp_path, sql, capsys
):
    _edits(connect(db_file), 3)
    copy = tmp_path / "copy.db"
    assert main(["backup", str(copy)]) == 0
    check_database(copy)  # the untouched backup is accepted
    _tamper(copy, sql)
    problems = _problems(connect(copy), "audit_log")
    assert problems and ("#2" in problems[0] or "#3" in problems[0])
    with pytest.raises(BackupError, match="altered"):
        check_database(copy)
    capsys.readouterr()
    assert main(["restore", str(copy)]) == 2
    assert capsys.readouterr().err.startswith("error: ")


@pytest.mark.parametrize("trigger", PROTECTIVE_TRIGGERS)
def test_a_missing_trigger_is_found_by_check_and_refused_by_restore(db_file, tmp_path, trigger):
    copy = tmp_path / "copy.db"
    _copy(db_file, copy)
    conn = sqlite3.connect(copy)
    conn.execute(f"drop trigger {trigger}")
    conn.commit()
    conn.close()
    assert any(trigger in m for m in _problems(connect(copy), "schema"))
    with pytest.raises(BackupError, match=trigger):
        check_database(copy)


def test_an_extra_trigger_or_altered_table_is_refused_by_restore(db_file, tmp_path):
    copy = tmp_path / "copy.db"
    _copy(db_file, copy)
    conn = sqlite3.connect(copy)
    conn.execute(
        "create trigger sneaky after insert on audit_log begin "
        "delete from status where iso3 = 'KHM'; end"
    )
    conn.commit()
    conn.close()
    with pytest.raises(BackupError, match="sneaky"):
        check_database(copy)
    assert main(["--db", str(copy), "check"]) == 1
    assert main(["check"]) == 0  # the live database is untouched and clean


def test_migration_backfills_hashes_of_rows_written_before_it(tmp_path):
    path = tmp_path / "old.db"
    db = connect(path)
    seed(db)
    _edits(db, 2)
    db.conn.close()
    # Rebuild the pre-0003 state: no hash column, 0003 not applied.
    conn = sqlite3.connect(path)
    conn.execute("drop trigger audit_log_no_replace")
    conn.execute("drop trigger audit_log_no_update")
    conn.execute("alter table audit_log drop column hash")
    conn.execute(
        "create trigger audit_log_no_update before update on audit_log "
        "begin select raise(abort, 'audit_log is append-only'); end"
    )
    conn.execute("delete from _sqlite_migrations where name = '0004_audit_hash_chain'")
    conn.commit()
    conn.close()
    db = connect(path)
    assert audit.verify(db) == []
    assert db.execute("select count(*) from audit_log where hash is null").fetchone()[0] == 0
    assert _problems(db, "schema") == []
