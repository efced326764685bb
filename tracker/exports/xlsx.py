"""The matrix as an Excel workbook: a sheet per view plus a "Sources" sheet (openpyxl)."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlite_utils import Database

from tracker.corridors.summary import NOTE, coverage_table, sheet_frame
from tracker.exports.cells import safe_cell
from tracker.exports.report import Report, cell_colours
from tracker.gaps import ask
from tracker.matrix import export_frame, gap_counts
from tracker.provenance import evidence_summary, sources_frame
from tracker.views.tables import matrix_labels

SHEETS = ("Matrix", "Long list", "Gaps per state", "Coverage", "Sources")
_BOLD = Font(bold=True)


def _fill_for(label: object) -> tuple[PatternFill, Font] | None:
    colours = cell_colours(label)
    if colours is None:
        return None
    back, text = (c.lstrip("#") for c in colours)
    return PatternFill("solid", fgColor=back), Font(color=text)


def _write(ws: Worksheet, frame: pd.DataFrame, *, start_row: int = 1) -> None:
    for col, name in enumerate(frame.columns, start=1):
        cell = ws.cell(row=start_row, column=col, value=safe_cell(str(name)))
        cell.font = _BOLD
    for r, values in enumerate(frame.itertuples(index=False), start=start_row + 1):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c, value=None if value != value else safe_cell(value))
    ws.freeze_panes = ws.cell(row=start_row + 1, column=2)
    for col, name in enumerate(frame.columns, start=1):
        longest = max([len(str(name)), *(len(str(v)) for v in frame.iloc[:, col - 1])], default=8)
        ws.column_dimensions[get_column_letter(col)].width = min(max(10, longest + 2), 60)


def _heading(ws: Worksheet, snap: Report, title: str) -> None:
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([safe_cell(f"Data as of {snap.as_of.isoformat()} · {snap.citation}")])
    ws.append([])


def _matrix_sheet(ws: Worksheet, snap: Report) -> None:
    _heading(
        ws, snap, "Gap matrix: states × instruments (⚠ = resting on a secondary source or on none)"
    )
    wide = matrix_labels(snap.cells).reset_index().rename(columns={"country": "state"})
    _write(ws, wide, start_row=4)
    for row in ws.iter_rows(min_row=5, min_col=3):
        for cell in row:
            style = _fill_for(cell.value)
            if style:
                cell.fill, cell.font = style
                cell.alignment = Alignment(horizontal="center")


def _gaps_frame(df: pd.DataFrame) -> pd.DataFrame:
    counts = gap_counts(df)
    asks = {
        iso3: "; ".join(ask(r) for r in part.sort_values("sort_order").to_dict("records"))
        for iso3, part in df[df["gap"]].groupby("iso3")
    }
    counts["asks"] = counts["iso3"].map(asks).fillna("")
    return counts.rename(columns={"country": "state"})


def to_xlsx(db: Database, snap: Report) -> bytes:
    """Workbook bytes: Matrix, Long list, Gaps per state and Sources sheets, each dated."""
    wb = Workbook()
    matrix = wb.active
    matrix.title = SHEETS[0]
    _matrix_sheet(matrix, snap)

    long = wb.create_sheet(SHEETS[1])
    _heading(long, snap, "Every state × instrument cell with its source and checked-on date")
    _write(long, export_frame(snap.cells).assign(as_of=snap.as_of.isoformat()), start_row=4)

    gaps = wb.create_sheet(SHEETS[2])
    _heading(gaps, snap, "Gaps per state, phrased as asks")
    _write(gaps, _gaps_frame(snap.cells), start_row=4)

    coverage = wb.create_sheet(SHEETS[3])
    _heading(coverage, snap, "Protection coverage of each origin's emigrants (core five)")
    table = coverage_table(db, as_of=snap.as_of, iso3=set(snap.cells["iso3"]))
    coverage.cell(row=3, column=1, value=NOTE)
    _write(coverage, sheet_frame(table), start_row=4)

    sources = wb.create_sheet(SHEETS[4])
    for label, value in (
        ("Citation", snap.citation),
        ("Data as of", snap.as_of.isoformat()),
        ("Checked on", snap.checked),
        ("Evidence of the cells in this export", evidence_summary(snap.cells["evidence"])),
        ("Secondary or unchecked cells (⚠)", snap.unverified),
        ("Instruments", snap.instruments),
        ("Group", snap.group or "All 51 states"),
    ):
        sources.append([label, safe_cell(value)])
        sources.cell(row=sources.max_row, column=1).font = _BOLD
    sources.column_dimensions["A"].width = 32
    _write(sources, sources_frame(db), start_row=sources.max_row + 2)
    sources.freeze_panes = None

    wb.properties.title = f"Ratification gaps, as of {snap.as_of.isoformat()}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
