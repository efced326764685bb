"""Hostile files: every parser linear in its input, bombs refused before reading, nothing written.

Linearity is a ratio measured in one run (input ×10 ⇒ time well under ×20), not a timer;
the figures themselves are printed by ``python -m tracker.dev.parse_bench``.
"""

from __future__ import annotations

import io
import json
import re
import time
import zipfile

import pytest

from tracker.cli import main
from tracker.db import connect
from tracker.errors import ParseError
from tracker.importers import parse

HEADER = "Participant\tSignature\tRatification, Accession(a), Succession(d)\n"
TABLE = "<html><table><tr><td>Participant</td><td>Signature</td><td>Ratification</td></tr>"
OHCHR_HEAD = "Country,Date of signature,Date of ratification\n"
# case: (source, head, repeated unit, tail); the unit is repeated to reach a size in chars.
GROWING = {
    "html unclosed comments": ("untc", TABLE, "<!--", ""),
    "html unclosed tags": ("untc", TABLE, "<tr <td ", ""),
    "html unclosed scripts": ("untc", "<html>", "<script>", ""),
    "run-together digit name": ("untc", "Participant Signature ", "1", "x"),
    "tabular digit name": ("untc", HEADER, "1", "x\t 7 Oct 1998\t\n"),
    "tabular whitespace run": ("untc", HEADER + "Nepal", " \f", "x\n"),
    "xml bare ampersands": ("untc", "<?xml version='1.0'?><Document>", "&", ""),
    "normlex digit name": ("normlex", "Country Date Status\n", "1", "x"),
    "normlex space run": ("normlex", "Country Date Status\nNepal", " ", "x"),
    "ohchr digit date": ("ohchr", OHCHR_HEAD + "Nepal,", "1", "x,\n"),
    "ohchr space run": ("ohchr", OHCHR_HEAD + "Nepal,1", " ", "x,\n"),
}
TARGET = {"untc": "ICRMW", "normlex": "C097", "ohchr": "ICRMW"}


_PIECES_RE = re.compile(r".{1,5}", re.S)


def _parse_quietly(source: str, text: str) -> None:
    try:
        parse(source, text, instrument=TARGET[source])
    except ParseError:
        pass


def _reference(text: str) -> None:
    """A linear pass that allocates like a parser does (one small string per few chars)."""
    _PIECES_RE.findall(text)


def _best_time(job, *args, runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        job(*args)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("case", GROWING)
def test_every_parser_is_linear_in_its_input(case):
    source, head, unit, tail = GROWING[case]
    small, large = (head + unit * (size // len(unit)) + tail for size in (20_000, 200_000))
    assert len(large) < 2_000_000  # within the size bound, so the parser really runs
    _parse_quietly(source, small)  # warm caches (aliases, instrument metadata)
    # Memory effects make even a linear pass over 10× the text more than 10× slower on a
    # busy machine: allow what a linear reference pass shows in the same run, and measure up
    # to three times (a quadratic parser gives ×100 every time; noise does not repeat).
    figures = []
    for _ in range(3):
        ratio = _best_time(_parse_quietly, source, large) / _best_time(
            _parse_quietly, source, small
        )
        reference = _best_time(_reference, large) / _best_time(_reference, small)
        figures.append(f"×{ratio:.0f} (reference ×{reference:.0f})")
        if ratio < 20 * max(1.0, reference / 10):
            return
    pytest.fail(f"{case}: ×10 input took {', '.join(figures)} time")


def _state(path):
    db = connect(path)
    return list(db["status"].rows), db["audit_log"].count, db["sources"].count


@pytest.fixture
def snapshots(tmp_path, monkeypatch):
    root = tmp_path / "snapshots"
    monkeypatch.setenv("TRACKER_SNAPSHOTS", str(root))
    return root


def _zip_bomb(rows: int) -> bytes:
    """An .xlsx whose sheet XML unpacks to ~``rows`` × 80 bytes from a small file."""
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + (
            '<row><c t="inlineStr"><is><t>Nepal</t></is></c>'
            '<c t="inlineStr"><is><t>x</t></is></c></row>'
        )
        * rows
        + "</sheetData></worksheet>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return out.getvalue()


def _many_rows_xlsx(rows: int) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["Country", "Date of signature", "Date of ratification"])
    for _ in range(rows):
        sheet.append(["Nepal", None, None])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


XXE = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    "<Document><Row><Entry>&x;</Entry></Row></Document>"
)
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><Document>&c;</Document>'
)
# A DTD placed after 3 KB of comment is still refused (not only the first 2 KB are looked at).
LATE_DTD = '<?xml version="1.0"?><!--' + "x" * 3000 + '--><!DOCTYPE d [<!ENTITY x "y">]><d/>'


@pytest.mark.parametrize(
    ("source", "make", "message"),
    [
        ("untc", lambda: XXE.encode(), "DTD or entities"),
        ("untc", lambda: LAUGHS.encode(), "DTD or entities"),
        ("untc", lambda: LATE_DTD.encode(), "DTD or entities"),
        ("untc", lambda: (TABLE + "<!--" * 20_000).encode(), "no participants"),
        ("untc", lambda: ("<html>" + "<script>" * 20_000).encode(), "no UNTC status table"),
        ("normlex", lambda: ("Country Date\n" + "1" * 20_000 + "x").encode(), "characters"),
        ("ohchr", lambda: _zip_bomb(300_000), "would unpack to"),
        ("ohchr", lambda: _many_rows_xlsx(6_000), "more than 5000 rows"),
        ("untc", lambda: b"x" * 2_000_001, "larger than 2 MB"),
    ],
)
@pytest.mark.parametrize("dry_run", [True, False])
def test_hostile_files_end_in_a_clear_error_and_write_nothing(
    db_file, snapshots, tmp_path, capsys, source, make, message, dry_run
):
    path = tmp_path / "upload.bin"
    path.write_bytes(make())
    before = _state(db_file)
    args = ["import", source, str(path), "--instrument", TARGET[source], "--format", "json"]
    assert main(args + (["--dry-run"] if dry_run else [])) == 2
    error = json.loads(capsys.readouterr().out)
    assert message in error["error"] and error["written"] is False
    assert _state(db_file) == before and not snapshots.exists()


def test_a_dry_run_with_unknown_names_exits_3_and_names_them(db_file, snapshots, tmp_path, capsys):
    text = HEADER + "Nepal\t\t 5 Mar 2001 a\nKampuchea\t27 Sep 2004\t\nAtlantis\t\t 1 Jan 2001 a\n"
    path = tmp_path / "status.txt"
    path.write_text(text)
    before = _state(db_file)
    code = main(["import", "untc", str(path), "--instrument", "ICRMW", "--dry-run"])
    captured = capsys.readouterr()
    assert code == 3
    assert "Kampuchea, Atlantis" in captured.err and "nothing written" in captured.err
    assert "Kampuchea" in captured.out  # the report lists them too
    assert (
        main(
            ["import", "untc", str(path), "--instrument", "ICRMW", "--format", "json", "--dry-run"]
        )
        == 3
    )
    assert json.loads(capsys.readouterr().out)["diff"]["unknown_names"] == ["Kampuchea", "Atlantis"]
    assert _state(db_file) == before and not snapshots.exists()


def test_us_locale_text_dates_are_refused_as_ambiguous(db_file, snapshots, tmp_path, capsys):
    path = tmp_path / "export.csv"
    path.write_text(OHCHR_HEAD + "Nepal,3/4/08,9/5/10\n")
    assert main(["import", "ohchr", str(path), "--instrument", "ICRMW", "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "'3/4/08'" in err and "ambiguous" in err and err.count("\n") == 1


def test_as_of_must_be_a_date(db_file, tmp_path, capsys):
    path = tmp_path / "status.txt"
    path.write_text(HEADER + "Nepal\t\t 5 Mar 2001 a\n")
    args = ["import", "untc", str(path), "--instrument", "ICRMW", "--dry-run", "--as-of", "3/4/21"]
    assert main(args) == 2
    assert "as_of" in capsys.readouterr().err
