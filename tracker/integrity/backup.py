"""Online backups of the tracker database (SQLite backup API) and validated restores."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from tracker.errors import BackupError
from tracker.exports.paths import is_database

REQUIRED_TABLES = frozenset({"countries", "instruments", "status", "audit_log"})


def backup(source: str | Path, target: str | Path, *, overwrite: bool = False) -> Path:
    """Copy the live database at ``source`` to a self-contained file ``target``."""
    target = Path(target)
    if is_database(target, source):
        raise BackupError(f"{target} is the live database; back up to another file")
    if target.is_dir():
        raise BackupError(f"{target} is a folder; give a file name")
    if target.exists() and not overwrite:
        raise BackupError(f"{target} already exists (use --force to overwrite)")
    if not Path(source).is_file():
        raise BackupError(f"{source} does not exist")
    tmp = target.with_name(target.name + ".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        src = sqlite3.connect(str(source), timeout=10)
        dst = sqlite3.connect(str(tmp))
    except (OSError, sqlite3.Error) as err:
        raise BackupError(
            f"cannot write {target}: {getattr(err, 'strerror', None) or err}"
        ) from None
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as err:
        raise BackupError(f"backup of {source} failed: {err}") from None
    finally:
        dst.close()
        src.close()
    try:
        os.replace(tmp, target)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"cannot write {target}: {err.strerror or err}") from None
    return target


def check_database(path: str | Path) -> None:
    """Raise BackupError unless ``path`` is an intact SQLite file with the tracker's tables."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} is not a file" if path.exists() else f"{path} does not exist")
    try:
        conn = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchall()
            tables = {r[0] for r in conn.execute("select name from sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        raise BackupError(f"{path} is not a SQLite database ({err})") from None
    if [r[0] for r in result] != ["ok"]:
        raise BackupError(f"{path} fails integrity_check: {result[0][0]}")
    missing = REQUIRED_TABLES - tables
    if missing:
        raise BackupError(f"{path} is not a tracker database (no {', '.join(sorted(missing))})")
    _check_schema_and_chain(path)


def _check_schema_and_chain(path: Path) -> None:
    """Raise BackupError when ``path``, brought up to date, differs from the migrations' schema.

    Checks a temporary copy (older backups get the pending migrations), so ``path`` is untouched.
    """
    from tracker.audit import verify
    from tracker.db import connect
    from tracker.integrity.schema_check import schema_problems

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "check.db"
        src, dst = sqlite3.connect(str(path)), sqlite3.connect(str(copy))
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        try:
            db = connect(copy)
        except sqlite3.DatabaseError as err:
            raise BackupError(f"{path} cannot be migrated ({err})") from None
        try:
            problems = schema_problems(db.conn) + verify(db)
        finally:
            db.conn.close()
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise BackupError(f"{path} was altered: {problems[0]}{more}")


def restore(source: str | Path, target: str | Path) -> Path | None:
    """Replace the database at ``target`` with ``source`` after checking it; return the .bak.

    The previous database is kept as ``target.bak``; nothing changes if the check fails.
    """
    check_database(source)
    target = Path(target)
    if Path(source).resolve() == target.resolve():
        raise BackupError("cannot restore a database onto itself")
    saved = (
        backup(target, target.with_name(target.name + ".bak"), overwrite=True)
        if (target.is_file())
        else None
    )
    src = sqlite3.connect(str(source))
    dst = sqlite3.connect(str(target), timeout=10)
    try:
        src.backup(dst)
    except sqlite3.Error as err:
        raise BackupError(f"restore into {target} failed: {err}") from None
    finally:
        dst.close()
        src.close()
    return saved
