"""``python -m tracker targets`` and ``changes`` end to end on a temporary database file."""

from __future__ import annotations

import csv
import io

import pytest

from tracker.changes import COLUMNS
from tracker.cli import main
from tracker.cli.campaign import parse_weights
from tracker.errors import ValidationError


def _table_rows(out: str) -> list[str]:
    lines = out.splitlines()
    return lines[3:]


def test_targets_default_icrmw_ranked_with_why(db_file, capsys):
    assert main(["targets"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Campaign targets for ICRMW as of ")
    assert "weights: signed=3, related=2, peers=1.5, size=1, core_gaps=0.5, corridor=1" in out
    rows = _table_rows(out)
    assert len(rows) == 40  # 51 states - 10 parties - Taiwan (cannot join)
    assert rows[0].split()[0] == "1"
    khm = next(r for r in rows if "Cambodia" in r)
    assert "signed 27 Sep 2004" in khm
    states = [r[:27] for r in rows]  # rank and state columns (the "why" may name parties)
    assert not any("Philippines" in r or "Bangladesh" in r for r in states)


def test_targets_group_weight_and_as_of(db_file, capsys):
    assert (
        main(["targets", "--group", "ASEAN", "--weight", "signed=0", "--as-of", "2010-12-18"]) == 0
    )
    out = capsys.readouterr().out
    assert "as of 2010-12-18" in out and "signed=0" in out
    rows = _table_rows(out)
    # in 2010 Indonesia had signed but not ratified; it is a candidate then
    assert any("Indonesia" in r for r in rows)
    assert not any("signed 22 Sep 2004" in r for r in rows)  # weight 0: not a reason any more
    assert not any("Japan" in r for r in rows)


def test_targets_other_instrument(db_file, capsys):
    assert main(["targets", "--instrument", "c189", "--group", "GCC"]) == 0
    out = capsys.readouterr().out
    assert "Campaign targets for C189" in out
    assert len(_table_rows(out)) == 6


def test_targets_errors(db_file, capsys):
    assert main(["targets", "--weight", "charm=2"]) == 2
    assert "unknown factor 'charm'" in capsys.readouterr().err
    assert main(["targets", "--weight", "signed"]) == 2
    assert "NAME=NUMBER" in capsys.readouterr().err
    assert main(["targets", "--instrument", "XYZ"]) == 2


def test_parse_weights():
    assert parse_weights(["signed=3", " size = 0.5"]) == {"signed": 3.0, "size": 0.5}
    assert parse_weights(None) == {}
    with pytest.raises(ValidationError):
        parse_weights(["signed=lots"])


def test_changes_text_and_csv(db_file, capsys):
    assert main(["changes", "--since", "2011-01-01", "--until", "2012-01-01"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Changes from 2011-01-01 to 2012-01-01: ")
    assert any(
        line.startswith("2011-08-24  Bangladesh") and "ICRMW" in line and "ratified" in line
        for line in out.splitlines()
    )
    assert (
        main(["changes", "--since", "2011-01-01", "--until", "2012-01-01", "--format", "csv"]) == 0
    )
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0]) == COLUMNS
    # A year-only date is listed when its year meets the window (here 2012 meets 1 Jan 2012).
    assert {r["date"][:4] for r in rows} == {"2011", "2012"}
    assert all(len(r["date"]) == 4 for r in rows if r["date"].startswith("2012"))
    assert main(["changes", "--since", "2012-01-01", "--until", "2011-01-01"]) == 2
    assert "after" in capsys.readouterr().err
