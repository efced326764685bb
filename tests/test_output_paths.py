"""Paths the CLI writes to: never the live database, never a system or foreign folder."""

from __future__ import annotations

import os
import sqlite3

import pytest

from tracker.cli import main
from tracker.db import connect
from tracker.exports.paths import PUBLISH_MARKER

URL = "https://treaties.un.org/doc/Publication/MTDSG/Volume%20I/Chapter%20IV/iv-13.en.xml"


def _dump(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _one_line_error(capsys, *words: str) -> str:
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err
    for word in words:
        assert word in err
    return err


def _aliases(db_file, tmp_path, kind: str) -> str:
    if kind == "same":
        return str(db_file)
    if kind == "relative":
        os.chdir(db_file.parent)
        return os.path.join(".", "..", db_file.parent.name, db_file.name)
    if kind == "symlink":
        link = tmp_path / "link.db"
        link.symlink_to(db_file)
        return str(link)
    if kind == "hardlink":
        link = tmp_path / "hard.db"
        os.link(db_file, link)
        return str(link)
    return str(db_file) + "-wal"


KINDS = ["same", "relative", "symlink", "hardlink", "wal"]


@pytest.mark.parametrize("force", [[], ["--force"]])
@pytest.mark.parametrize("kind", KINDS)
def test_backup_onto_the_live_database_is_refused(
    db_file, tmp_path, capsys, monkeypatch, kind, force
):
    monkeypatch.chdir(tmp_path)
    db = connect(db_file)  # another open connection with an edit, as the app would hold
    args = ["--status", "party", "--consent-date", "2024-01-10", "--source", URL]
    assert main(["set", "KHM", "ICRMW", *args, "--actor", "a", "--reason", "r"]) == 0
    before = _dump(db_file)
    target = _aliases(db_file, tmp_path, kind)
    capsys.readouterr()
    assert main(["backup", target, *force]) == 2
    _one_line_error(capsys, "live database")
    assert _dump(db_file) == before
    assert db["status"].get(("KHM", "ICRMW"))["status"] == "party"


@pytest.mark.parametrize("command", ["xlsx", "deck", "brief", "image"])
@pytest.mark.parametrize("kind", ["same", "symlink", "hardlink"])
def test_dash_o_onto_the_database_is_refused_even_with_force(
    db_file, tmp_path, capsys, monkeypatch, command, kind
):
    monkeypatch.chdir(tmp_path)
    target = _aliases(db_file, tmp_path, kind)
    before = _dump(db_file)
    argv = [command, *(["KHM"] if command == "brief" else []), "-o", target, "--force"]
    capsys.readouterr()
    assert main(argv) == 2
    _one_line_error(capsys, "live database")
    assert _dump(db_file) == before


@pytest.mark.parametrize("command", ["xlsx", "deck", "brief"])
def test_dash_o_onto_an_existing_file_needs_force(db_file, tmp_path, capsys, command):
    out = tmp_path / "precious.bin"
    out.write_text("precious")
    extra = ["KHM"] if command == "brief" else (["--no-map"] if command == "deck" else [])
    capsys.readouterr()
    assert main([command, *extra, "-o", str(out)]) == 2
    _one_line_error(capsys, "already exists", "--force")
    assert out.read_text() == "precious"
    assert main([command, *extra, "-o", str(out), "--force"]) == 0
    assert out.read_bytes() != b"precious"


def test_dash_o_into_a_folder_or_under_a_file_is_a_one_line_error(db_file, tmp_path, capsys):
    capsys.readouterr()
    assert main(["xlsx", "-o", str(tmp_path)]) == 2
    _one_line_error(capsys, "folder")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["xlsx", "-o", str(blocker / "out.xlsx")]) == 2
    _one_line_error(capsys, "cannot write")


def test_publish_into_a_foreign_folder_is_refused_and_nothing_is_written(db_file, tmp_path, capsys):
    foreign = tmp_path / "site"
    foreign.mkdir()
    (foreign / "index.html").write_text("their page")
    capsys.readouterr()
    assert main(["publish", str(foreign)]) == 2
    _one_line_error(capsys, "not empty")
    assert sorted(p.name for p in foreign.iterdir()) == ["index.html"]
    assert (foreign / "index.html").read_text() == "their page"


def test_publish_again_into_its_own_folder_removes_stale_pages(db_file, tmp_path, capsys):
    out = tmp_path / "site"
    assert main(["publish", str(out)]) == 0
    assert (out / PUBLISH_MARKER).is_file() and (out / "countries" / "SAU.html").is_file()
    assert main(["publish", str(out), "--group", "ASEAN"]) == 0
    assert not (out / "countries" / "SAU.html").exists()  # a GCC state, not in ASEAN
    assert (out / "countries" / "KHM.html").is_file()


@pytest.mark.parametrize("where", ["/", "/usr", "/etc", "~", "db_folder", "db_file"])
def test_publish_into_system_roots_home_or_the_database_is_refused(
    db_file, capsys, where, monkeypatch
):
    target = {"~": os.path.expanduser("~"), "db_folder": str(db_file.parent)}.get(where, where)
    if where == "db_file":
        target = str(db_file)
    before = _dump(db_file)
    capsys.readouterr()
    assert main(["publish", target]) == 2
    _one_line_error(capsys)
    assert _dump(db_file) == before


@pytest.mark.parametrize(
    "argv",
    [
        ["backup", "{tmp}/file/x.db"],
        ["backup", "{tmp}", "--force"],
        ["backup", "/proc/x.db"],
        ["restore", "{tmp}"],
        ["brief", "KHM", "-o", "{tmp}/file/x.pdf"],
        ["publish", "{tmp}/file"],
    ],
)
def test_path_errors_are_one_line_without_traceback(db_file, tmp_path, capsys, argv):
    (tmp_path / "file").write_text("x")
    before = _dump(db_file)
    capsys.readouterr()
    assert main([a.replace("{tmp}", str(tmp_path)) for a in argv]) == 2
    _one_line_error(capsys)
    assert _dump(db_file) == before
    assert (tmp_path / "file").read_text() == "x"
