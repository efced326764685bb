"""OHCHR ratification dashboard exports (CSV, XLSX or the published legacy XLS) for one treaty.

The published ``.xls`` (read with xlrd) starts with one cell ``<treaty title> [Last Updated:
dd/mm/yyyy hh:mm:ss]``: the title decides the instrument, the timestamp is the as-of date.
Otherwise a title/last-update header. Then ``Country | Date of signature | Date of
ratification/accession`` (dd/mm/yyyy), then footer rows with definitions and the source,
which are ignored. A state
listed with no dates is ``none``. The export does not say how consent was given, so
``consent_kind`` is only set when a date carries a UNTC-style ``a``/``d`` suffix. Dates typed
as text ``m/d/yy`` (a US-locale re-save) are ambiguous and refused, never guessed.
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
_CELL_RE = re.compile(r"^(?P<date>\S(?:[^ ]| (?! *[ad]$))*)(?: (?P<suffix>[ad]))?$")
_SHORT_YEAR_RE = re.compile(r"^\d{1,2}/\d{1,2}/\d{2}$")
Cell = str | dt.date | dt.datetime | float | int | None
MAX_ROWS = 5_000  # real exports have ~200 rows
MAX_XLSX_UNPACKED = 5_000_000  # bytes of XML inside an .xlsx; real exports are ~100 KB
MAX_XLS_BYTES = 2_000_000  # real .xls exports are ~28 KB
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
LAST_UPDATED = "[last updated"


def parse(data: str | bytes, *, instrument: str) -> ParseResult:
    """Parse an OHCHR dashboard export (CSV text/bytes or XLSX bytes) for ``instrument``."""
    meta = instrument_meta(instrument, body="UN")
    result = ParseResult(source="ohchr", instrument=meta["code"])
    if isinstance(data, bytes) and data[:4] == b"PK\x03\x04":
        rows = _xlsx_rows(data)
    elif isinstance(data, bytes) and data[:4] == OLE2_MAGIC:
        rows = _xls_rows(data)
    else:
        rows = _csv_rows(decode(data))
    if len(rows) > MAX_ROWS:
        raise ParseError(f"the export has more than {MAX_ROWS} rows; a real one has about 200")
    header_at = next(
        (i for i, r in enumerate(rows) if r and _text(r[0]).lower().startswith("country")),
        None,
    )
    if header_at is None:
        raise ParseError("no 'Country' column header: is this an OHCHR dashboard export?")
    preamble = " ".join(" ".join(_text(c) for c in r) for r in rows[:header_at])
    own_title, stamp = _title_stamp(_text(rows[0][0]) if rows and rows[0] else "")
    result.title = check_treaty(preamble, preamble, instrument=meta["code"], title=own_title)
    update = UPDATE_RE.search(preamble) if stamp is None else None
    if stamp is not None or update:
        result.last_update = _last_update(stamp if stamp is not None else update.group(2))
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
    if isinstance(cell, float | int) and not isinstance(cell, bool):
        raise ParseError(f"{cell!r} is a number, not a date (was the column re-formatted?)")
    text = _text(cell)
    if not text or text in ("-", "–", "—"):
        return None
    if _SHORT_YEAR_RE.match(text):
        raise ParseError(
            f"{text!r} is a two-digit-year date typed as text (m/d/yy, a US-locale re-save): "
            "ambiguous, not read; export again with dd/mm/yyyy dates"
        )
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


def _title_stamp(first: str) -> tuple[str | None, str | None]:
    """(title, timestamp) of a first cell ``<title> [Last Updated: <stamp>]``, else Nones."""
    at = first.lower().rfind(LAST_UPDATED)
    if at <= 0 or not first.endswith("]"):
        return None, None
    stamp = first[at + len(LAST_UPDATED) : -1].strip(" :d")
    return first[:at].strip(" -–"), stamp


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
    _check_unpacked_size(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True, max_col=50):
            rows.append(list(row))
            if len(rows) > MAX_ROWS:
                break
        book.close()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError, TypeError) as err:
        raise ParseError(f"unreadable XLSX file: {err}") from None
    except Exception as err:  # openpyxl raises assorted errors on damaged workbooks
        raise ParseError(f"unreadable XLSX file: {type(err).__name__}: {err}") from None
    return rows


def _check_unpacked_size(data: bytes) -> None:
    """ParseError when the .xlsx would unpack beyond what a real export reaches (zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise ParseError(f"unreadable XLSX file: {err}") from None
    unpacked = sum(max(i.file_size, 0) for i in infos)
    if len(infos) > 200 or unpacked > MAX_XLSX_UNPACKED:
        raise ParseError(
            f"the .xlsx would unpack to {unpacked:,} bytes in {len(infos)} parts "
            f"(a real export is about 100 KB): refused"
        )


def _xls_rows(data: bytes) -> list[list[Cell]]:
    """Rows of the first sheet of a legacy Excel 97-2003 file (xlrd), dates as datetimes."""
    if len(data) > MAX_XLS_BYTES:
        raise ParseError(f"the .xls file is larger than {MAX_XLS_BYTES // 1_000_000} MB")
    try:
        import xlrd
    except ImportError:  # pragma: no cover - xlrd is in requirements.txt
        raise ParseError("reading .xls needs xlrd (pip install xlrd)") from None
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True, logfile=io.StringIO())
        sheet = book.sheet_by_index(0)
        if sheet.nrows > MAX_ROWS:
            raise ParseError(f"the export has {sheet.nrows} rows; a real one has about 200")
        rows = [
            [_xls_cell(sheet.cell(r, c), book.datemode) for c in range(min(sheet.ncols, 50))]
            for r in range(sheet.nrows)
        ]
        book.release_resources()
    except ParseError:
        raise
    except Exception as err:  # xlrd raises assorted errors on damaged workbooks
        raise ParseError(f"unreadable XLS file: {type(err).__name__}: {err}") from None
    return rows


def _xls_cell(cell, datemode: int) -> Cell:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        return xlrd.xldate_as_datetime(cell.value, datemode)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    return cell.value
