"""ILO NORMLEX ratification records: the per-convention table and the per-country page.

``Ratifications of C097 - …``: rows ``Country | Date | Status | Note`` such as
``Philippines 21 Apr 2009 In Force``. ``Ratifications for Philippines``: rows such as
``C097 - Migration for Employment Convention (Revised), 1949 (No. 97) 21 Apr 2009 In Force``.
ILO "In Force" and "Not in force" both mean ``party`` (registered); a denunciation, also an
automatic one, means ``denounced`` with its date. ILO conventions have no signature.
"""

from __future__ import annotations

import re

from tracker.errors import ParseError
from tracker.importers import ImportRow, ParseResult
from tracker.importers.common import (
    DATE_TEXT,
    Collector,
    check_treaty,
    decode,
    flatten_markup,
    instrument_meta,
    parse_date,
    try_iso3,
)

TERRITORIES = {"HKG", "MAC"}  # apply ILO conventions through China's declarations
_DATE = rf"(?:{DATE_TEXT}|\d{{1,2}}/\d{{1,2}}/\d{{4}})"
_STATUS = (
    rf"(?P<status>In\s+force|Not\s+in\s+force|Denounced(?:\s+on\s+(?P<den>{_DATE}))?"
    rf"|Automatic(?:ally)?\s+denunciation(?:\s+on\s+(?P<auto>{_DATE}))?)"
)
ROW_RE = re.compile(
    rf"^[|\s]*(?P<name>.*?)[|\t ]*(?P<date>{_DATE})[|\t ]*{_STATUS}(?P<note>.*)$",
    re.IGNORECASE,
)
CODE_ROW_RE = re.compile(
    rf"^[|\s]*(?P<code>[CP]\d{{2,3}})\s*-\s*(?P<title>.*?)[|\t ]*(?P<date>{_DATE})[|\t ]*"
    rf"{_STATUS}(?P<note>.*)$",
    re.IGNORECASE,
)
AUTO_RE = re.compile(
    rf"automatic(?:ally)?\s+de(?:nounc|nunc)\w*(?:\s+on\s+(?P<date>{_DATE}))?(?:\s+by\s+(?P<by>[CP]\d+))?",
    re.IGNORECASE,
)
OF_RE = re.compile(r"Ratifications\s+of\s+([CP])\s*0*(\d{1,3})\b", re.IGNORECASE)
FOR_RE = re.compile(r"Ratifications\s+for\s+(.+)", re.IGNORECASE)


MAX_LINE = 2_000  # a NORMLEX row is under 300 characters; longer lines are not a table


def _check_lines(text: str) -> None:
    """ParseError for a line no NORMLEX table has (keeps the row patterns linear in the file)."""
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE:
            raise ParseError(
                f"line {number} has {len(line):,} characters (a NORMLEX row has under 300): "
                "not a ratification table"
            )


def _code(prefix: str, number: str) -> str:
    return f"{prefix.upper()}{int(number):03d}"


def parse(data: str | bytes, *, instrument: str) -> ParseResult:
    """Parse a NORMLEX ratification table or country page for ``instrument`` (e.g. ``C097``)."""
    meta = instrument_meta(instrument, body="ILO")
    result = ParseResult(source="normlex", instrument=meta["code"])
    text = flatten_markup(decode(data))
    _check_lines(text)
    of = OF_RE.search(text)
    if of and _code(*of.groups()) != meta["code"]:
        raise ParseError(
            f"wrong convention: the file lists ratifications of {_code(*of.groups())}, "
            f"not {meta['code']}"
        )
    country = FOR_RE.search(text)
    if country and not of:
        _parse_country_page(text, country.group(1), meta, result)
    else:
        header = re.search(r"^.*\bCountry\b.*\bDate\b.*$", text, re.IGNORECASE | re.MULTILINE)
        preamble = text[: header.start()] if header else text[:2000]
        result.title = check_treaty(preamble, "", instrument=meta["code"]) or (
            meta["full_title"] if of else None
        )
        _parse_table(text, result)
    return result


def _row(iso3: str, match: re.Match, extra_note: str = "") -> ImportRow:
    status = " ".join(match.group("status").split()).lower()
    note = " ".join(f"{match.group('note')} {extra_note}".replace("|", " ").split()) or None
    consent = parse_date(match.group("date"))
    if iso3 in TERRITORIES:
        return ImportRow(iso3, "territory", consent_date=consent, note=_join("declaration", note))
    auto = AUTO_RE.search(f"{status} {note or ''}")
    den = match.group("den") or match.group("auto") or (auto.group("date") if auto else None)
    if status.startswith("denounced") or status.startswith("automatic") or (auto and den):
        if not den:
            raise ParseError(f"{iso3}: denounced without a date")
        by = auto.group("by") if auto else None
        kind = "automatic denunciation" + (f" by {by}" if by else "")
        return ImportRow(
            iso3,
            "denounced",
            consent_date=consent,
            consent_kind="ratification",
            denunciation_date=parse_date(den),
            note=_join(kind if auto else None, AUTO_RE.sub("", note or "").strip(" ;,") or None),
        )
    in_force = "not in force" if status.startswith("not") else None
    return ImportRow(
        iso3, "party", consent_date=consent, consent_kind="ratification", note=_join(in_force, note)
    )


def _join(*parts: str | None) -> str | None:
    return "; ".join(p for p in parts if p) or None


def _incomplete(line: str) -> bool:
    head = re.split(r"[\d|\t]", line.strip(" |"), maxsplit=1)[0]
    return bool(re.search(r"\d", line)) and try_iso3(head) is not None


def _parse_table(text: str, result: ParseResult) -> None:
    out = Collector(result)
    pending: list[tuple[str | None, re.Match, list[str]]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = ROW_RE.match(line)
        if match and match.group("name").strip(" |"):
            pending.append((out.resolve(match.group("name").strip(" |")), match, []))
        elif pending and AUTO_RE.search(line):
            pending[-1][2].append(line.strip())
        elif _incomplete(line):
            raise ParseError(f"line {number}: incomplete row {line.strip()[:50]!r} (truncated?)")
        elif pending and line.strip():
            result.warnings.append(f"line {number} not understood: {line.strip()[:50]!r}")
    for iso3, match, notes in pending:
        if iso3 is not None:
            out.add(_row(iso3, match, " ".join(notes)))
    if not pending:
        raise ParseError("no ratification rows like 'Philippines 21 Apr 2009 In Force' found")


def _parse_country_page(text: str, name: str, meta: dict, result: ParseResult) -> None:
    name = re.split(r"[\t|]| {2,}", name.strip())[0].strip()
    out = Collector(result)
    iso3 = out.resolve(name)
    result.title = f"Ratifications for {name}"
    result.scope = frozenset({iso3} if iso3 else ())
    rows = 0
    lines = text.split("\n")
    for number, line in enumerate(lines):
        match = CODE_ROW_RE.match(line)
        if not match:
            if re.match(r"^[|\s]*[CP]\d{2,3}\s*-", line):
                raise ParseError(f"line {number + 1}: incomplete row {line.strip()[:50]!r}")
            continue
        rows += 1
        if match.group("code").upper() != meta["code"] or iso3 is None:
            continue
        title = " ".join(match.group("title").split()).rstrip(" ,")
        if title and not meta["full_title"].lower().startswith(title.lower()[:25]):
            raise ParseError(f"{meta['code']} is listed as {title!r}, not {meta['full_title']!r}")
        following = lines[number + 1] if number + 1 < len(lines) else ""
        extra = following if AUTO_RE.search(following) and not CODE_ROW_RE.match(following) else ""
        out.add(_row(iso3, match, extra))
    if not rows:
        raise ParseError(f"no convention rows found on the page for {name!r}")
