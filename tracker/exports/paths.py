"""Guards for every path the CLI writes to: never the database, never a system folder.

Each guard raises :class:`~tracker.errors.OutputPathError` (a one-line ``error:`` in the
CLI, exit code 2) before anything is written.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from tracker.errors import OutputPathError

PUBLISH_MARKER = ".tracker-publish"
# Folders that are never a publish target (besides / and every home directory itself).
SYSTEM_DIRS = (
    "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib64", "/opt", "/proc", "/root",
    "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/usr/local", "/var", "/Users",
    "/System", "/Library", "/Applications",
)  # fmt: skip
_DB_SUFFIXES = ("", "-wal", "-shm", "-journal")


def same_file(a: str | Path, b: str | Path) -> bool:
    """True when ``a`` and ``b`` name one file: same resolved path, or same inode (hard link)."""
    a, b = Path(a), Path(b)
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def is_database(path: str | Path, database: str | Path) -> bool:
    """True when ``path`` is the database file or one of its -wal/-shm/-journal files."""
    db = Path(database)
    return any(same_file(path, db.with_name(db.name + s)) for s in _DB_SUFFIXES)


def refuse_database(path: str | Path, database: str | Path, *, what: str = "output") -> None:
    """Raise OutputPathError when ``path`` resolves to the live database (even with --force)."""
    if is_database(path, database):
        raise OutputPathError(f"{path} is the live database; choose another {what} file")


def output_file(path: str | Path, *, database: str | Path | None, force: bool = False) -> Path:
    """Check an ``-o`` file: not the database, not a folder, and new unless ``force``."""
    target = Path(path)
    if database is not None:
        refuse_database(target, database)
    if target.is_dir():
        raise OutputPathError(f"{target} is a folder; give a file name")
    if target.exists() and not force:
        raise OutputPathError(f"{target} already exists (use --force to overwrite)")
    return target


def _system(folder: Path) -> bool:
    roots = {Path(p).resolve() for p in SYSTEM_DIRS} | {Path("/").resolve()}
    homes = {Path.home().resolve()}
    home_root = Path("/home")
    if home_root.is_dir():
        homes |= {p.resolve() for p in home_root.iterdir()}
    return folder in roots or folder in homes


def publish_dir(path: str | Path, *, database: str | Path | None) -> Path:
    """Check a publish folder: new, empty, or made by an earlier publish (it holds the marker)."""
    folder = Path(path)
    resolved = folder.resolve()
    if _system(resolved):
        raise OutputPathError(f"{folder} is a system or home folder; publish into a new folder")
    if database is not None:
        db = Path(database).resolve()
        if resolved in db.parents or is_database(folder, database):
            raise OutputPathError(f"{folder} holds the database; publish into a new folder")
    if folder.exists() and not folder.is_dir():
        raise OutputPathError(f"{folder} is a file, not a folder")
    if folder.is_dir() and any(folder.iterdir()) and not (folder / PUBLISH_MARKER).is_file():
        raise OutputPathError(
            f"{folder} is not empty and was not made by `tracker publish`; "
            "publish into a new or empty folder"
        )
    return folder


def remove_previous_publish(folder: Path) -> None:
    """Delete the files an earlier publish listed in its marker (so no stale page stays)."""
    marker = folder / PUBLISH_MARKER
    if not marker.is_file():
        return
    root = folder.resolve()
    for line in marker.read_text(encoding="utf-8").splitlines()[1:]:
        old = (folder / line).resolve()
        if line and root in old.parents and old.is_file() and not old.is_symlink():
            old.unlink()


def write_publish_marker(folder: Path, files: list[Path]) -> None:
    """Record the files a publish wrote, marking the folder as the tracker's own."""
    names = sorted(str(f.relative_to(folder)) for f in files)
    text = "\n".join(["written by `python -m tracker publish`; files:", *names]) + "\n"
    (folder / PUBLISH_MARKER).write_text(text, encoding="utf-8")


def database_file(conn: sqlite3.Connection) -> Path | None:
    """The main database file of an open connection (None for an in-memory database)."""
    for _, name, file in conn.execute("PRAGMA database_list").fetchall():
        if name == "main" and file:
            return Path(file)
    return None


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (creating its folder); an OS error becomes OutputPathError."""
    blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        raise OutputPathError(f"cannot write {path}: {blocker} is a file, not a folder")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as err:
        raise OutputPathError(f"cannot write {path}: {err.strerror or err}") from None
