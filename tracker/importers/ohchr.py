"""OHCHR ratification dashboard exports (CSV or XLSX) for one UN treaty.

A title/last-update header, then ``Country | Date of signature | Date of ratification/accession``
(dd/mm/yyyy), then footer rows with definitions and the source, which are ignored. A state
listed with no dates is ``none``. The export does not say how consent was given, so
``consent_kind`` is only set when a date carries a UNTC-style ``a``/``d`` suffix.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile

from tracker.errors import ParseError
from tracker.importers import ImportRow, ParseResult
from tracker.importers.common import (
    Collector,
    check_treaty,
    decode,
    instrument_meta,
    parse_date,
    try_iso3,
)

FOOTER_RE = re.compile(r"^\W*(definitions?|source|note|legend|disclaimer|\*|generated)", re.I)
UPDATE_RE = re.compile(
    r"(last\s+updated?|updated\s+on|data\s+as\s+(?:of|at))\s*(?:on)?\s*:?\s*(.+)", re.I
)
_CELL_RE = re.compile(r"^\s*(?P<date>[^ ].*?)\s*(?P<suffix>\b[ad])?\s*$")
Cell = str | dt.date | dt.datetime | float | int | None


def parse(data: str | bytes, *, instrument: str) -> ParseResult:
    """Parse an OHCHR dashboard export (CSV text/bytes or XLSX bytes) for ``instrument``."""
    meta = instrument_meta(instrument, body="UN")
    result = ParseResult(source="ohchr", instrument=meta["code"])
    rows = _xlsx_rows(data) if isinstance(data, bytes) and data[:4] == b"PK\x03\x04" else None
    if rows is None:
        if isinstance(data, bytes) and data[:4] == b"\xd0\xcf\x11\xe0":
            raise ParseError("old .xls files are not supported: save the export as .xlsx or CSV")
        rows = _csv_rows(decode(data))
    header_at = next(
        (i for i, r in enumerate(rows) if r and _text(r[0]).lower().startswith("country")),
        None,
    )
    if header_at is None:
        raise ParseError("no 'Country' column header: is this an OHCHR dashboard export?")
    preamble = " ".join(" ".join(_text(c) for c in r) for r in rows[:header_at])
    result.title = check_treaty(preamble, preamble, instrument=meta["code"])
    update = UPDATE_RE.search(preamble)
    if update:
        result.last_update = _last_update(update.group(2))
    header = [_text(c).lower() for c in rows[header_at]]
    sig_col = next((i for i, h in enumerate(header) if "signature" in h), None)
    con_col = next(
        (i for i, h in enumerate(header) if "ratification" in h or "accession" in h), None
    )
    if sig_col is None or con_col is None:
        raise ParseError("the header needs 'Date of signature' and 'Date of ratification' columns")
    out = Collector(result)
    for number, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        name = _text(row[0]) if row else ""
        if not name:
            continue
        if FOOTER_RE.match(name):
            break
        cells = list(row) + [None] * (max(sig_col, con_col) + 1 - len(row))
        try:
            signature = _date(cells[sig_col])
            consent = _date(cells[con_col])
        except ParseError as err:
            if try_iso3(name) is None and not any(_text(c) for c in cells[1:]):
                break
            raise ParseError(f"row {number} ({name[:40]}): {err}") from None
        iso3 = out.resolve(name)
        if iso3 is not None:
            out.add(_row(iso3, signature, consent))
    if not result.rows and not result.skipped_outside and not result.unknown_names:
        raise ParseError("the export lists no countries")
    return result


def _row(iso3: str, signature, consent) -> ImportRow:
    if consent is not None:
        kind = {"a": "accession", "d": "succession"}.get(consent[1] or "")
        return ImportRow(iso3, "party", signature and signature[0], consent[0], kind)
    if signature is not None:
        return ImportRow(iso3, "signatory", signature_date=signature[0])
    return ImportRow(iso3, "none")


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime | dt.date):
        return cell.strftime("%d/%m/%Y")
    return " ".join(str(cell).replace("\u00a0", " ").split())


def _date(cell: Cell) -> tuple[str, str | None] | None:
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat(), None
    if isinstance(cell, dt.date):
        return cell.isoformat(), None
    text = _text(cell)
    if not text or text in ("-", "–", "—"):
        return None
    match = _CELL_RE.match(text)
    if match is None:
        raise ParseError(f"{text[:40]!r} is not a date like 07/10/1998")
    return parse_date(match.group("date")), match.group("suffix")


def _last_update(text: str) -> str:
    head = text.strip().split()[0] if text.strip() else ""
    for candidate in (head, text.strip()[:11], text.strip()):
        try:
            return parse_date(candidate)
        except ParseError:
            continue
    return text.strip()[:40]


def _csv_rows(text: str) -> list[list[Cell]]:
    sample = text[:4096]
    delimiter = max(",;\t", key=sample.count)
    try:
        return [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as err:
        raise ParseError(f"unreadable CSV: {err}") from None


def _xlsx_rows(data: bytes) -> list[list[Cell]]:
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - openpyxl is in requirements.txt
        raise ParseError("reading .xlsx needs openpyxl (pip install openpyxl)") from None
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        book.close()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError, TypeError) as err:
        raise ParseError(f"unreadable XLSX file: {err}") from None
    except Exception as err:  # openpyxl raises assorted errors on damaged workbooks
        raise ParseError(f"unreadable XLSX file: {type(err).__name__}: {err}") from None
    return rows
