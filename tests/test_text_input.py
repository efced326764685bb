"""Control characters and markup in every stored text: refused, or stored as plain text."""

from __future__ import annotations

import sqlite3

import pytest
from importer_helpers import FIXTURES

from tracker import bulk
from tracker.cli import main
from tracker.edits import apply_edit, revert
from tracker.errors import InvalidEdit, ValidationError
from tracker.exports.rows import to_csv
from tracker.matrix import cells
from tracker.validation import check_text, check_url

URL = "https://treaties.un.org/doc/Publication/MTDSG/Volume%20I/Chapter%20IV/iv-13.en.xml"
CONTROLS = ["\x00", "\x07", "\x1b[31m", "\x7f", "\x9b", "\t", "\r", "\u202e", "\x08"]
BAD_URLS = [
    'https://x.org/"onmouseover="alert(1)',
    "https://x.org/<script>",
    "https://x.org/a b",
    "https://x.org/\x1b",
    "https://x.org/'x",
    "https://x.org/`x`",
    "javascript:alert(1)",
    "data:text/html,<b>x</b>",
    "http:///nohost",
    "http://[::1",
    "https://" + "a" * 2100 + ".org",
]


def _audit_count(db) -> int:
    return db.execute("select count(*) from audit_log").fetchone()[0]


def _edit(db, **kw):
    args = {
        "actor": "alice",
        "iso3": "KHM",
        "instrument": "ICRMW",
        "changes": {"note": "checked"},
        "reason": "r",
        "source_url": URL,
    }
    return apply_edit(db, **{**args, **kw})


@pytest.mark.parametrize("char", CONTROLS)
@pytest.mark.parametrize(
    "where",
    ["actor", "reason", "note", "consent_kind", "denunciation_kind", "status", "source_url"],
)
def test_control_characters_are_refused_in_every_edited_text(db, char, where):
    before = list(db["status"].rows)
    count = _audit_count(db)
    value = f"x{char}y"
    if where in ("actor", "reason", "source_url"):
        kw = {where: URL + value if where == "source_url" else value}
    else:
        kw = {"changes": {where: value}}
    with pytest.raises(InvalidEdit) as err:
        _edit(db, **kw)
    assert where in {p.field for p in err.value.problems}
    assert list(db["status"].rows) == before and _audit_count(db) == count


def test_newlines_are_allowed_only_in_notes(db):
    _edit(db, changes={"note": "line one\r\nline two\n"})
    assert db["status"].get(("KHM", "ICRMW"))["note"] == "line one\nline two"
    with pytest.raises(InvalidEdit, match="reason"):
        _edit(db, changes={"note": "other"}, reason="two\nlines")
    with pytest.raises(InvalidEdit, match="actor"):
        _edit(db, changes={"note": "other"}, actor="al\nice")


@pytest.mark.parametrize("url", BAD_URLS)
def test_urls_with_markup_quotes_spaces_or_other_schemes_are_refused(db, url):
    with pytest.raises(ValidationError, match="source_url"):
        check_url("source_url", url)
    with pytest.raises(InvalidEdit, match="source_url"):
        _edit(db, source_url=url)


@pytest.mark.parametrize(
    "url", [URL, "http://example.org", "https://normlex.ilo.org/dyn/nrmlx_en/f?p=1000:11300:0::NO"]
)
def test_real_urls_pass(url):
    assert check_url("source_url", url) == url


def test_markup_in_free_text_is_stored_as_text(db):
    markup = '<img src=x onerror="alert(1)"> & <b>bold</b>'
    _edit(db, changes={"note": markup}, reason=markup, actor="<i>al</i>")
    row = db.execute("select actor, reason from audit_log order by id desc").fetchone()
    assert row == ("<i>al</i>", markup)
    assert db["status"].get(("KHM", "ICRMW"))["note"] == markup


def test_revert_reason_is_checked(db):
    entry = _edit(db)
    with pytest.raises(InvalidEdit, match="reason"):
        revert(db, audit_id=entry, actor="bob", reason="undo\x1b[2J")


def test_check_text_names_the_character():
    with pytest.raises(ValidationError, match="U\\+001B"):
        check_text("reason", "a\x1bb")
    assert check_text("note", "a\nb", multiline=True) == "a\nb"


@pytest.mark.parametrize(
    "field,value", [("consent_kind", "ratification\x1b"), ("status", "party\x00")]
)
def test_bulk_rows_with_control_characters_are_rejected(db, field, value):
    text = to_csv(cells(db, instruments="core"))
    header, *rows = text.splitlines()
    columns = header.split(",")
    khm = next(r for r in rows if r.startswith("KHM,") and ",ICRMW," in r)
    values = khm.split(",")
    values[columns.index(field)] = value
    plan = bulk.diff(db, "\n".join([header, ",".join(values)]) + "\n")
    rejected = [r for r in plan.rows if r.kind == "rejected"]
    assert rejected and any(field in reason for reason in rejected[0].reasons)


@pytest.mark.parametrize(
    "option,value",
    [
        ("--actor", "cli\x07bot"),
        ("--reason", "refresh\x1b[31m"),
        ("--source-url", 'https://x.org/"><script>'),
    ],
)
def test_import_cli_refuses_control_characters_and_bad_urls(
    db_file, tmp_path, monkeypatch, capsys, option, value
):
    monkeypatch.setenv("TRACKER_SNAPSHOTS", str(tmp_path / "snapshots"))
    before = sqlite3.connect(db_file).execute("select count(*) from audit_log").fetchone()[0]
    fixture = FIXTURES / "normlex_c097.txt"
    argv = ["import", "normlex", str(fixture), "--instrument", "C097", option, value]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    after = sqlite3.connect(db_file).execute("select count(*) from audit_log").fetchone()[0]
    assert after == before
    assert not (tmp_path / "snapshots").exists()  # no snapshot file kept either


def test_set_cli_refuses_a_control_character(db_file, capsys):
    argv = ["set", "KHM", "ICRMW", "--note", "x", "--source", URL, "--actor", "a\x1bb"]
    assert main([*argv, "--reason", "r"]) == 2
    assert capsys.readouterr().err.startswith("error: actor: contains the control character")
