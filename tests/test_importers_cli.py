"""``python -m tracker import``: dry run writes nothing, apply audits, errors are one line."""

from __future__ import annotations

import json

import pytest
from importer_helpers import FIXTURES

from tracker.cli import main
from tracker.db import connect

ROW_KEYS = [
    "iso3",
    "status",
    "signature_date",
    "consent_date",
    "consent_kind",
    "denunciation_date",
    "note",
]


@pytest.fixture
def snapshots(tmp_path, monkeypatch):
    root = tmp_path / "snapshots"
    monkeypatch.setenv("TRACKER_SNAPSHOTS", str(root))
    return root


def _state(path):
    db = connect(path)
    return list(db["status"].rows), db["audit_log"].count, db["sources"].count


def test_dry_run_json_prints_rows_and_diff_and_writes_nothing(db_file, snapshots, capsys):
    before = _state(db_file)
    fixture = FIXTURES / "normlex_c097.txt"
    code = main(
        ["import", "normlex", str(fixture), "--instrument", "C097", "--dry-run", "--format", "json"]
    )
    assert code == 0
    payload = json.loads(capsys.readouterr().out)
    assert list(payload["rows"][0]) == ROW_KEYS
    tur = next(r for r in payload["rows"] if r["iso3"] == "TUR")
    assert (tur["status"], tur["denunciation_date"]) == ("denounced", "2020-06-12")
    assert payload["diff"]["counts"]["status_change"] == 2
    assert {e["iso3"] for e in payload["diff"]["entries"]} == {"TUR", "LKA", "HKG", "TJK"}
    assert "applied" not in payload
    assert _state(db_file) == before and not snapshots.exists()


def test_apply_then_apply_again(db_file, snapshots, capsys):
    fixture = str(FIXTURES / "normlex_c097.txt")
    args = [
        "import",
        "normlex",
        fixture,
        "--instrument",
        "C097",
        "--actor",
        "ana",
        "--reason",
        "monthly refresh",
        "--format",
        "json",
    ]
    assert main(args) == 0
    applied = json.loads(capsys.readouterr().out)["applied"]
    assert applied["changed"] == 4 and applied["snapshot"].startswith("normlex-")
    db = connect(db_file)
    audit = next(db["audit_log"].rows_where("iso3 = 'TUR' and instrument = 'C097'"))
    assert audit["actor"] == "ana" and audit["action"] == "import"
    assert "monthly refresh" in audit["reason"] and applied["snapshot"] in audit["reason"]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["applied"]["changed"] == 0
    assert len(list(snapshots.glob("normlex/*-normlex_c097.txt"))) == 1


def test_text_report_lists_changes(db_file, snapshots, capsys):
    fixture = str(FIXTURES / "normlex_c097.txt")
    assert main(["import", "normlex", fixture, "--instrument", "C097", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Status changes:" in out and "TUR" in out and "dry run: nothing written" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["untc", "junk_binary.bin", "--instrument", "ICRMW"], "binary"),
        (["untc", "junk_wrong_treaty_untc.txt", "--instrument", "ICRMW"], "wrong treaty"),
        (["untc", "untc_icrmw_tabular.txt", "--instrument", "NOPE"], "unknown instrument"),
        (["untc", "missing.txt", "--instrument", "ICRMW"], "cannot read"),
        (
            ["untc", "untc_icrmw_tabular.txt", "--instrument", "ICRMW", "--source-url", "ftp://x"],
            "not an http(s) URL",
        ),
    ],
)
def test_errors_are_one_line_non_zero_and_write_nothing(db_file, snapshots, capsys, args, message):
    before = _state(db_file)
    args = [*args[:1], str(FIXTURES / args[1]), *args[2:]]
    assert main(["import", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert _state(db_file) == before and not snapshots.exists()
