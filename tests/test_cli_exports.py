"""CLI: xlsx, deck, brief, publish, image write files that open and carry the as-of date."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from tests.browser import require_chromium
from tracker.cli import main


def test_xlsx_command(db_file, tmp_path, capsys):
    out = tmp_path / "gcc.xlsx"
    assert main(["xlsx", "--group", "gcc", "--as-of", "2010-12-18", "-o", str(out)]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    sources = {r[0]: r[1] for r in load_workbook(out)["Sources"].iter_rows(values_only=True)}
    assert sources["Data as of"] == "2010-12-18" and sources["Group"] == "GCC"


def test_deck_command_without_map(db_file, tmp_path):
    out = tmp_path / "asean.pptx"
    assert (
        main(["deck", "--group", "ASEAN", "-o", str(out), "--no-map", "--as-of", "2020-12-18"]) == 0
    )
    prs = Presentation(str(out))
    first = "\n".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)
    assert "ASEAN" in first and "18 December 2020" in first
    assert len(prs.slides) == 1 + 1 + 11 + 1 + 1  # … states, coverage, sources


@pytest.mark.slow
def test_deck_command_renders_the_map_slide(db_file, tmp_path):
    require_chromium()
    out = tmp_path / "gcc.pptx"
    assert main(["deck", "--group", "GCC", "-o", str(out)]) == 0
    pictures = [sh for sh in Presentation(str(out)).slides[1].shapes if sh.shape_type == 13]
    assert len(pictures) == 1
    assert len(pictures[0].image.blob) > 50_000  # a drawn map, not an empty frame


def test_brief_command_and_default_name(db_file, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["brief", "npl", "--as-of", "2015-01-01"]) == 0
    out = tmp_path / "brief-NPL-2015-01-01.pdf"
    text = PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()
    assert "Nepal" in text and "1 January 2015" in text


def test_brief_of_an_unknown_state_exits_2(db_file, capsys):
    assert main(["brief", "XYZ", "-o", "/dev/null"]) == 2
    assert "not one of the 51 tracked states" in capsys.readouterr().err


def test_publish_command(db_file, tmp_path, capsys):
    out = tmp_path / "usb"
    assert main(["publish", str(out), "--group", "SAARC"]) == 0
    said = capsys.readouterr().out
    assert "file://" in said and (out / "index.html").is_file()
    assert len(list((out / "countries").glob("*.html"))) == 8


def test_deck_for_selected_states(db_file, tmp_path):
    out = tmp_path / "two.pptx"
    assert main(["deck", "--states", "idn,PHL", "-o", str(out), "--no-map"]) == 0
    titles = [
        next(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        for slide in Presentation(str(out)).slides
    ]
    assert titles[-4:-2] == ["Indonesia", "Philippines"]
    assert titles[-2] == "Protection coverage: where ICRMW binds"
    assert main(["deck", "--states", "IDN,XXX", "-o", str(out), "--no-map"]) == 2
