"""UN Treaty Collection status tables: tabular text, run-together text, HTML and XML.

Columns: Participant | Signature | Ratification, Accession(a), Succession(d). Dates read like
`` 7 Oct 1998`` with an optional suffix (``a`` accession, ``d`` succession, ``A`` acceptance,
``AA`` approval); footnote numbers may be glued to names; bracketed participants have withdrawn.
"""

from __future__ import annotations

import re

from tracker.errors import ParseError
from tracker.importers import ImportRow, ParseResult
from tracker.importers.common import (
    Collector,
    check_treaty,
    decode,
    instrument_meta,
    parse_date,
)
from tracker.importers.markup import html_tables, looks_like_html, looks_like_xml, xml_document

SUFFIX_KIND = {
    None: ("ratification", None),
    "a": ("accession", None),
    "d": ("succession", None),
    "A": ("ratification", "acceptance"),
    "AA": ("ratification", "approval"),
}
_DATE = r"\d{1,2}\s[A-Z][a-z]{2,8}\.?\s\d{4}"
RUN_DATE_RE = re.compile(_DATE)
CELL_RE = re.compile(rf"^\s*({_DATE})\s*(AA|A|a|d)?\s*$")
SUFFIX_RE = re.compile(r"^\s*(AA|A|a|d)(?=[\s\[A-Z]|$)")
HEADER_RE = re.compile(
    r"Participants?(?:[\s,]*(?:Signature|Succession to signature|Ratification|Accession"
    r"|Acceptance|Approval|Succession|Definitive signature|Formal confirmation"
    r"|Consent to be bound|\((?:AA|A|a|d|s|c)\)))*"
)
STATUS_AT_RE = re.compile(r"Status as at\s*:?\s*(\d{1,2})-(\d{1,2})-(\d{4})", re.IGNORECASE)
HEAD_FIND_RE = re.compile(r"participants?[\s|,:]*(?:signature|ratification)", re.IGNORECASE)
SECTION_RE = re.compile(
    r"\b(?:Declarations|Reservations|Objections|Notes:|End ?notes|Territorial Application)\b"
)
_WIDE_RE = re.compile(r"\t| {2,}")


def split_cells(line: str) -> list[str]:
    """Cells of one table line: split at ``|``, tabs or 2+ spaces (linear, no backtracking)."""
    if "|" not in line:
        return _WIDE_RE.split(line)
    return [cell for part in line.split("|") for cell in _WIDE_RE.split(part.strip(" "))]


def parse(data: str | bytes, *, instrument: str) -> ParseResult:
    """Parse a UNTC status table for ``instrument`` (a UN treaty code such as ``ICRMW``)."""
    meta = instrument_meta(instrument, body="UN")
    result = ParseResult(source="untc", instrument=meta["code"])
    text = decode(data)
    if looks_like_xml(text) or looks_like_html(text):
        own_title = None
        if looks_like_xml(text):
            doc = xml_document(text)
            preamble, tables, own_title = doc.preamble, doc.tables, doc.title
            result.warnings.extend(f"XML repaired: {note}" for note in doc.recovered)
        else:
            preamble, tables = html_tables(text)
        table = next((t for t in tables if t and "participant" in " ".join(t[0]).lower()), None)
        if table is None:
            raise ParseError("no UNTC status table (a 'Participant' header) in the markup")
        result.title = check_treaty(preamble, preamble, instrument=meta["code"], title=own_title)
        _rows_from_cells(table[0], table[1:], Collector(result))
    else:
        header = HEAD_FIND_RE.search(text)
        start = header.start() if header else text.lower().find("participant")
        if start < 0:
            raise ParseError("no 'Participant' header: is this a UNTC status table?")
        line_start = text.rfind("\n", 0, start) + 1
        result.title = check_treaty(text[:line_start], text, instrument=meta["code"])
        header_line = text[line_start:].split("\n", 1)[0]
        cells = split_cells(header_line.strip(" |"))
        if len(cells) >= 2 and not RUN_DATE_RE.search(header_line):
            _parse_tabular(text[line_start:], Collector(result))
        else:
            _parse_run_together(text[start:], Collector(result))
    if not result.rows and not result.skipped_outside and not result.unknown_names:
        raise ParseError("the status table has no participants")
    status_as_at = STATUS_AT_RE.search(text[:5000])
    if status_as_at:
        day, month, year = status_as_at.groups()
        try:
            result.last_update = parse_date(f"{day}/{month}/{year}")
        except ParseError:  # not day-month-year: keep what the page says
            result.last_update = f"{day}-{month}-{year}"
    return result


def _make_row(iso3: str, signature: tuple[str, str | None] | None, consent) -> ImportRow:
    notes = []
    if signature and signature[1] == "d":
        notes.append("succession to signature")
    if consent is None:
        if signature is None:
            raise ParseError(f"{iso3}: a participant with no dates")
        return ImportRow(iso3, "signatory", signature_date=signature[0], note=_note(notes))
    if consent[1] not in SUFFIX_KIND:
        raise ParseError(f"{iso3}: unknown suffix {consent[1]!r}")
    kind, extra = SUFFIX_KIND[consent[1]]
    if extra:
        notes.append(extra)
    return ImportRow(
        iso3,
        "party",
        signature_date=signature[0] if signature else None,
        consent_date=consent[0],
        consent_kind=kind,
        note=_note(notes),
    )


def _note(notes: list[str]) -> str | None:
    return "; ".join(notes) or None


def _dated(cell: str, where: str) -> tuple[str, str | None] | None:
    if not cell.strip():
        return None
    match = CELL_RE.match(cell.replace("\u00a0", " "))
    if match is None:
        raise ParseError(
            f"{where}: {cell.strip()[:40]!r} is not a date like '7 Oct 1998 a' (truncated?)"
        )
    return parse_date(match.group(1)), match.group(2)


CONSENT_WORDS = ("ratification", "accession", "consent", "acceptance", "approval")


def columns(header: list[str]) -> tuple[int | None, int]:
    """(signature column or None, consent column) read from the header cells, never assumed.

    A table without a signature column (accession-only protocols) has none: its dates are
    consent dates. ParseError when no column holds ratification/accession dates.
    """
    sig: int | None = None
    consent: int | None = None
    for i, cell in enumerate(header):
        low = cell.lower()
        if not i:
            continue
        if any(w in low for w in CONSENT_WORDS) or ("succession" in low and "signature" not in low):
            consent = i if consent is None else consent
        elif "signature" in low and sig is None:
            sig = i
    if consent is None:
        raise ParseError(
            f"no ratification/accession column in the header {' | '.join(header)[:80]!r}"
        )
    return sig, consent


def _rows_from_cells(header: list[str], rows: list[list[str]], out: Collector) -> None:
    sig_col, consent_col = columns(header)
    width = max(sig_col or 0, consent_col) + 1
    for cells in rows:
        if not cells or not "".join(cells).strip():
            continue
        name = cells[0]
        where = f"row {name.strip()[:40]!r}"
        cells = cells + [""] * (width - len(cells))
        signature = _dated(cells[sig_col], where) if sig_col is not None else None
        consent = _dated(cells[consent_col], where)
        if signature is None and consent is None:
            out.result.warnings.append(f"{name.strip()[:40]!r} is listed without dates; ignored")
            continue
        iso3 = out.resolve(name)
        if iso3 is not None:
            out.add(_make_row(iso3, signature, consent))


def _parse_tabular(text: str, out: Collector) -> None:
    lines = text.split("\n")
    header_line = lines[0].strip().strip("|")
    header = [c.strip() for c in split_cells(header_line)]
    found = [i for i in (lines[0].find(w) for w in ("Ratification", "Accession")) if i >= 0]
    consent_at = min(found, default=-1)
    rows: list[list[str]] = []
    for number, line in enumerate(lines[1:], start=2):
        body = line.strip()
        if not body or re.fullmatch(r"[|\-:+= ]+", body):
            continue
        if SECTION_RE.match(body):
            break
        pipes = "|" in body
        if "\t" in line:
            cells = [c.strip() for c in line.strip("\r\n ").split("\t")]
        else:
            cells = [c.strip() for c in split_cells(body.strip("|").strip())]
        if "\t" not in line and not pipes and len(cells) == 2 and consent_at > 0:
            # Space-aligned columns lose empty cells: place the one date by its offset.
            offset = line.find(cells[1])
            cells = [cells[0], "", cells[1]] if offset >= consent_at - 2 else cells + [""]
        elif len(cells) == 2 and not pipes and "\t" not in line and _looks_like_consent(cells[1]):
            cells = [cells[0], "", cells[1]]
        if len(cells) >= 2 and cells[-1] in SUFFIX_KIND and len(cells) > 2:
            cells = cells[:-2] + [f"{cells[-2]} {cells[-1]}"]
        if len(cells) == 1:
            if RUN_DATE_RE.search(body):
                raise ParseError(f"line {number}: cannot split {body[:50]!r} into columns")
            if out.resolve(body) is not None:
                raise ParseError(f"line {number}: {body[:40]!r} has no dates (truncated file?)")
            continue
        rows.append(cells)
    _rows_from_cells(header, rows, out)


def _looks_like_consent(cell: str) -> bool:
    match = CELL_RE.match(cell)
    return bool(match and match.group(2))


def _parse_run_together(text: str, out: Collector) -> None:
    header = HEADER_RE.match(text)
    has_signature = header is None or "signature" in header.group(0).lower()
    body = " ".join(text[header.end() if header else 0 :].split("\n"))
    section = SECTION_RE.search(body)
    if section:
        body = body[: section.start()]
    entries: list[tuple[str, list[list]]] = []
    pos = 0
    for match in RUN_DATE_RE.finditer(body):
        gap = body[pos : match.start()]
        if entries:
            suffix = SUFFIX_RE.match(gap)
            if suffix:
                entries[-1][1][-1][1] = suffix.group(1)
                gap = gap[suffix.end() :]
        if gap.strip():
            entries.append((gap, []))
        elif not entries:
            raise ParseError("the table starts with a date, not a participant")
        entries[-1][1].append([match.group(0), None])
        pos = match.end()
    tail = body[pos:]
    if entries:
        suffix = SUFFIX_RE.match(tail)
        if suffix:
            entries[-1][1][-1][1] = suffix.group(1)
            tail = tail[suffix.end() :]
    if tail.strip():
        raise ParseError(f"text after the last row: {tail.strip()[:40]!r} (truncated file?)")
    for name, dates in entries:
        where = f"participant {name.strip()[:40]!r}"
        if len(dates) > 2:
            raise ParseError(f"{where} has {len(dates)} dates; expected at most 2")
        parsed = [(parse_date(d), s) for d, s in dates]
        if len(parsed) == 2:
            signature, consent = parsed
        elif parsed[0][1] is not None or not has_signature:  # a suffix marks consent
            signature, consent = None, parsed[0]
        else:
            signature, consent = parsed[0], None
        iso3 = out.resolve(name)
        if iso3 is not None:
            out.add(_make_row(iso3, signature, consent))
