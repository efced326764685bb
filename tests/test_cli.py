"""The command-line interface end to end, on a temporary database file."""

from __future__ import annotations

import csv
import io
import json

from tracker.cli import main
from tracker.matrix import EXPORT_COLUMNS


def test_init_is_idempotent(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "t.db"))
    assert main(["init"]) == 0
    assert "1428 status cells (1428 loaded now)" in capsys.readouterr().out
    assert main(["init"]) == 0
    assert "1428 status cells (0 loaded now)" in capsys.readouterr().out


def test_export_csv_lists_every_state_and_instrument_with_provenance(db_file, capsys):
    assert main(["export", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0].keys()) == EXPORT_COLUMNS  # exactly the export columns
    assert len({r["iso3"] for r in rows}) == 51
    assert len({r["instrument"] for r in rows}) == 28
    assert len(rows) == 51 * 28
    assert all(r["source_url"].startswith("http") for r in rows)
    # A cell compared with a source says when; a cell never checked says so instead.
    assert all(bool(r["checked_on"]) == (r["evidence"] != "none") for r in rows)
    assert {r["evidence"] for r in rows} == {"depositary", "official", "secondary", "none"}
    bgd = next(r for r in rows if r["iso3"] == "BGD" and r["instrument"] == "ICRMW")
    assert (bgd["status"], bgd["signature_date"], bgd["consent_date"]) == (
        "party",
        "1998-10-07",
        "2011-08-24",
    )
    assert bgd["in_force_date"] == "2011-12-01"


def test_export_filters_and_json(db_file, capsys):
    assert (
        main(["export", "--format", "json", "--instruments", "ICRMW,C189", "--group", "GCC"]) == 0
    )
    payload = json.loads(capsys.readouterr().out)
    assert payload["columns"] == EXPORT_COLUMNS
    assert payload["citation"].startswith("Ratification Gap Tracker") and payload["as_of"]
    assert {r["iso3"] for r in payload["rows"]} == {"BHR", "KWT", "OMN", "QAT", "SAU", "ARE"}
    assert {r["instrument"] for r in payload["rows"]} == {"ICRMW", "C189"}
    assert all(
        r["evidence"] in ("depositary", "official", "secondary", "none") for r in payload["rows"]
    )
    levels = {r["evidence"] for r in payload["rows"]}
    if levels != {"depositary"}:  # the citation claims no more than the rows hold
        assert "Compiled from the depositary records" not in payload["citation"]


def test_export_as_of(db_file, capsys):
    assert main(["export", "--instruments", "ICRMW", "--as-of", "2010-12-18"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert next(r for r in rows if r["iso3"] == "BGD")["status"] == "signatory"


def test_gaps_table(db_file, capsys):
    assert main(["gaps", "--group", "ASEAN"]) == 0
    out = capsys.readouterr().out
    assert "Cambodia" in out and "ICRMW (signed)" in out
    assert "11 states" in out
    assert "Japan" not in out


def test_unknown_instrument_and_group_give_one_line_errors(db_file, capsys):
    assert main(["export", "--instruments", "ICRMW,XYZ"]) == 2
    assert "unknown instrument code(s): XYZ" in capsys.readouterr().err
    assert main(["gaps", "--group", "Atlantis"]) == 2
    assert "unknown group 'Atlantis'" in capsys.readouterr().err


def test_export_csv_can_carry_the_as_of_date(db_file, capsys):
    assert main(["export", "--with-as-of", "--as-of", "2010-12-18", "--instruments", "core"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0].keys()) == [*EXPORT_COLUMNS, "as_of"]
    assert {r["as_of"] for r in rows} == {"2010-12-18"}
