"""Download buttons for XLSX, PPTX, PNG (matrix page) and the brief PDF (country page)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest


@pytest.fixture
def app(db_file) -> AppTest:
    return AppTest.from_file("../app.py", default_timeout=60)


def _labels(at: AppTest) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def test_matrix_page_offers_workbook_deck_and_map(app):
    app.switch_page("app_pages/campaign/matrix.py").run()
    assert not app.exception
    labels = _labels(app)
    for wanted in ("Excel workbook (XLSX)", "Slide deck (PPTX)", "Map of core gaps (PNG)"):
        assert wanted in labels


def test_country_page_offers_the_brief(app):
    app.switch_page("app_pages/campaign/country.py").run()
    assert not app.exception
    assert "One-page brief for a meeting (PDF)" in _labels(app)


def test_deferred_exports_make_real_files(db_file):
    import ui

    day = dt.date(2019, 12, 18)
    xlsx = ui._export(str(db_file), 0, "xlsx", "migrant", "GCC", day, "")
    sources = {
        r[0]: r[1] for r in load_workbook(io.BytesIO(xlsx))["Sources"].iter_rows(values_only=True)
    }
    assert sources["Data as of"] == "2019-12-18" and sources["Instruments"] == "migrant"
    pdf = ui._export(str(db_file), 0, "brief", "core", None, day, "PHL")
    assert "Philippines" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
