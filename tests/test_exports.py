"""XLSX, PPTX and PDF exports open with their own libraries and carry states, as-of and sources."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from tracker.countries import group_members
from tracker.errors import ExportError, UnknownCountry
from tracker.exports.brief import country_brief
from tracker.exports.deck import build_deck
from tracker.exports.report import cell_colours, snapshot
from tracker.exports.rows import to_json
from tracker.exports.xlsx import SHEETS, to_xlsx
from tracker.gaps import ask
from tracker.matrix import cells
from tracker.provenance import citation
from tracker.status import STATUS_COLOURS, Status

DAY = dt.date(2010, 12, 18)


def _pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


def _slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [c.text for row in shape.table.rows for c in row.cells]
    return "\n".join(parts)


def test_citation_names_the_date_and_the_depositaries(db):
    text = citation(db, as_of=DAY)
    assert "2010-12-18" in text and "UN Treaty Collection" in text and "ILO NORMLEX" in text


def test_json_export_carries_as_of_and_citation(db):
    snap = snapshot(db, group="GCC", as_of=DAY)
    payload = json.loads(to_json(snap.cells, as_of=snap.as_of.isoformat(), citation=snap.citation))
    assert payload["as_of"] == "2010-12-18"
    assert payload["citation"] == snap.citation
    assert {r["iso3"] for r in payload["rows"]} == set(group_members(db, "GCC"))


def test_snapshot_normalises_the_group_name(db):
    assert snapshot(db, group="asean").scope == "ASEAN"
    assert snapshot(db).scope == "All 51 states"


def test_cell_colours_follow_the_status_palette():
    assert cell_colours("✔ party ⚠") == (STATUS_COLOURS[Status.PARTY], "#FFFFFF")
    assert cell_colours("✎ signed")[0] == STATUS_COLOURS[Status.SIGNATORY]
    assert cell_colours(3) is None and cell_colours("ICRMW") is None


def test_xlsx_has_a_sheet_per_view_and_a_sources_sheet(db):
    snap = snapshot(db, group="ASEAN", as_of=DAY)
    wb = load_workbook(io.BytesIO(to_xlsx(db, snap)))
    assert wb.sheetnames == list(SHEETS)
    cov = wb["Coverage"]
    head = [c.value for c in cov[4]]
    assert head[:6] == [
        "iso3",
        "state",
        "year",
        "emigrants_total",
        "emigrants_tracked",
        "share_tracked",
    ]
    rows = {
        r[0]: dict(zip(head, r, strict=True)) for r in cov.iter_rows(min_row=5, values_only=True)
    }
    assert set(rows) <= {r[0] for r in db.execute("select iso3 from countries where asean = 1")}
    assert rows["IDN"]["year"] == 2010 and 0 <= rows["IDN"]["ICRMW"] <= 1
    assert "UN DESA" in cov["A3"].value
    asean = {r[0] for r in db.execute("select display_name from countries where asean = 1")}
    asean -= {"Timor-Leste"}  # joined ASEAN on 26 Oct 2025, after DAY
    matrix = wb["Matrix"]
    states = {matrix.cell(row=r, column=1).value for r in range(5, matrix.max_row + 1)}
    assert states == asean
    assert "2010-12-18" in matrix["A2"].value
    # Status cells are coloured like the app, with their text label.
    header = [c.value for c in matrix[4]]
    col = header.index("ICRMW") + 1
    for r in range(5, matrix.max_row + 1):
        label = matrix.cell(row=r, column=col).value
        fill = matrix.cell(row=r, column=col).fill.fgColor.rgb
        assert fill.endswith(cell_colours(label)[0].lstrip("#"))
    long = wb["Long list"]
    header = [c.value for c in long[4]]
    assert header[-1] == "as_of" and "source_url" in header
    assert long.max_row - 4 == len(snap.cells)  # one row per cell
    assert {long.cell(row=r, column=len(header)).value for r in range(5, long.max_row + 1)} == {
        "2010-12-18"
    }
    sources = {r[0]: r[1] for r in wb["Sources"].iter_rows(values_only=True) if r[0]}
    assert sources["Data as of"] == "2010-12-18"
    assert sources["Citation"] == snap.citation
    assert "UN DESA Population Division; regional process secretariats" in sources


def test_xlsx_gap_sheet_phrases_each_gap_as_an_ask(db):
    snap = snapshot(db, group="GCC")
    ws = load_workbook(io.BytesIO(to_xlsx(db, snap)))["Gaps per state"]
    header = [c.value for c in ws[4]]
    rows = [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=5, values_only=True)]
    kuwait = next(r for r in rows if r["iso3"] == "KWT")
    gaps = snap.cells[(snap.cells["iso3"] == "KWT") & snap.cells["gap"]]
    assert kuwait["gaps"] == len(gaps)
    for cell in gaps.to_dict("records"):
        assert ask(cell) in kuwait["asks"]


def test_deck_has_title_matrix_a_slide_per_state_and_sources(db):
    snap = snapshot(db, group="ASEAN", as_of=DAY)
    prs = Presentation(io.BytesIO(build_deck(db, snap)))
    texts = [_slide_text(s) for s in prs.slides]
    members = group_members(db, "ASEAN", as_of=DAY)
    assert "18 December 2010" in texts[0] and "ASEAN" in texts[0]
    assert texts[1].startswith("Gap matrix")
    assert len(prs.slides) == 1 + 1 + len(members) + 1 + 1  # title, matrix, states, coverage, …
    coverage = texts[-2]
    assert coverage.startswith("Protection coverage: where ICRMW binds")
    assert "Indonesia: " in coverage and "UN DESA 2010 stocks" in coverage
    names = {r[0]: r[1] for r in db.execute("select iso3, display_name from countries")}
    for iso3 in members:
        slide = next(t for t in texts[2:-2] if t.startswith(names[iso3]))
        for cell in snap.cells[(snap.cells["iso3"] == iso3) & snap.cells["gap"]].to_dict("records"):
            assert ask(cell) in slide
    assert texts[-1].startswith("Sources") and snap.citation in texts[-1]
    assert all("Data as of 18 December 2010" in t for t in texts)


def test_deck_with_a_map_image_adds_a_picture_slide(db):
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (160, 90), "#0072B2").save(buf, format="PNG")
    prs = Presentation(
        io.BytesIO(build_deck(db, snapshot(db, group="GCC"), map_png=buf.getvalue()))
    )
    pictures = [sh for sh in prs.slides[1].shapes if sh.shape_type == 13]  # PICTURE
    assert len(pictures) == 1


def test_country_brief_is_one_page_with_status_asks_peers_and_sources(db):
    data = country_brief(db, "idn", as_of=DAY)
    pages, text = _pdf_text(data)
    assert pages == 1
    assert "Indonesia" in text and "23 November" not in text and "18 December 2010" in text
    df = cells(db, instruments="migrant", as_of=DAY)
    for cell in df[(df["iso3"] == "IDN") & df["gap"]].to_dict("records"):
        assert ask(cell) in " ".join(text.split())
    assert "Peers that have ratified" in text and "Cite as" in text
    assert "ICRMW" in text and "party" in text  # Indonesia was not yet party in 2010: signed
    assert "signed" in text


@pytest.mark.parametrize("iso3", ["SAU", "PHL", "TWN", "HKG"])
def test_brief_fits_one_page_for_very_different_states(db, iso3):
    pages, text = _pdf_text(country_brief(db, iso3))
    assert pages == 1 and "Sources" in text


def test_brief_without_fonts_says_what_to_install(db, tmp_path):
    with pytest.raises(ExportError, match="fonts-dejavu-core"):
        country_brief(db, "IDN", font_dir=tmp_path)


def test_brief_of_an_unknown_state_is_a_typed_error(db):
    with pytest.raises(UnknownCountry):
        country_brief(db, "XXX")


def test_ask_treats_a_missing_date_read_by_pandas_as_unknown(db):
    # A signatory whose signature date is not recorded: pandas reads it as NaN.
    db["status"].update(("BRN", "CAT"), {"signature_date": None})
    df = cells(db, iso3=["BRN"], instruments="CAT")
    cell = df.to_dict("records")[0]
    assert cell["status"] == "signatory" and cell["signature_date"] != cell["signature_date"]
    assert ask(cell) == "signed CAT Convention against Torture — not yet ratified"
