"""Shared helpers for the importers: decoding, dates, country names, treaty identity."""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from functools import cache

from tracker.config import DATA_DIR
from tracker.countries import to_iso3, tracked_iso3
from tracker.errors import ParseError, UnknownCountry
from tracker.importers import ImportRow, ParseResult

MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
# Participants that are not states (counted as outside the tracked set, never "unknown").
NON_STATES = {"european union", "european community", "european economic community"}

DATE_TEXT = r"\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}"
_DATE_RE = re.compile(r"^\s*(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})\s*$")
_NUMERIC_RE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
# Unicode category Cc except tab, newline, carriage return and form feed.
_CONTROLS_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_FOOTNOTE_CHARS = " ,*0123456789"
# Depositary abbreviations of a name's first word ("St. Lucia" is Saint Lucia).
ABBREVIATIONS = {"st.": "Saint", "st": "Saint"}


def decode(data: str | bytes) -> str:
    """Text of an uploaded file; binary or empty input raises :class:`ParseError`."""
    if isinstance(data, bytes):
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            try:
                data = data.decode("utf-16")
            except UnicodeDecodeError:
                raise ParseError("the file is not readable text (bad UTF-16)") from None
        else:
            if b"\x00" in data[:8192] or data[:4] == b"PK\x03\x04":
                raise ParseError("the file is binary, not text (for Excel use the OHCHR importer)")
            try:
                data = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                data = data.decode("cp1252", errors="replace")
    text = data.lstrip("\ufeff")
    if not text.strip():
        raise ParseError("the file is empty")
    controls = len(_CONTROLS_RE.findall(text))
    if controls > max(2, len(text) // 200) or text.count("\ufffd") > max(2, len(text) // 50):
        raise ParseError("the file is binary, not text")
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def parse_date(text: str) -> str:
    """``7 Oct 1998`` / ``07 October 1998`` / ``1998-10-07`` / ``07/10/1998`` → ISO date."""
    raw = text.strip()
    match = _DATE_RE.match(raw)
    try:
        if match:
            day, month, year = match.groups()
            key = month.lower()
            if key[:3] not in MONTHS or (len(key) > 3 and key not in MONTH_NAMES + ["sept"]):
                raise ValueError
            return dt.date(int(year), MONTHS[key[:3]], int(day)).isoformat()
        match = _NUMERIC_RE.match(raw)
        if match:
            day, month, year = match.groups()
            return dt.date(int(year), int(month), int(day)).isoformat()
        if len(raw) == 10:
            return dt.date.fromisoformat(raw).isoformat()
    except ValueError:
        raise ParseError(f"{raw!r} is not a valid date") from None
    raise ParseError(f"{raw!r} is not a date like '7 Oct 1998'")


def clean_name(raw: str) -> tuple[str, bool]:
    """Strip footnote numbers and spaces from a participant name; True if it is bracketed."""
    name = _strip_footnotes(" ".join(raw.replace("\u00a0", " ").split()))
    withdrawn = name.startswith("[") or name.endswith("]")
    if withdrawn:
        name = _strip_footnotes(name.strip("[] "))
    return name, withdrawn


def _strip_footnotes(name: str) -> str:
    """Trailing footnote numbers ("China 4,5", "Türkiye13") and stray commas removed (linear)."""
    return name.rstrip(_FOOTNOTE_CHARS).lstrip(" ,*")


def lookup_iso3(name: str) -> str:
    """ISO3 of a cleaned depositary name, expanding "St." to "Saint"; UnknownCountry if none."""
    try:
        return to_iso3(name)
    except UnknownCountry:
        first, _, rest = name.partition(" ")
        if first.casefold() in ABBREVIATIONS and rest:
            return to_iso3(f"{ABBREVIATIONS[first.casefold()]} {rest}")
        raise


class Collector:
    """Accumulates rows into a :class:`ParseResult`, resolving names without guessing."""

    def __init__(self, result: ParseResult) -> None:
        self.result = result
        self.seen: set[str] = set()
        self.tracked = tracked_iso3()

    def resolve(self, raw: str) -> str | None:
        """ISO3 of a tracked state, or None (outside, withdrawn or unknown: recorded)."""
        name, withdrawn = clean_name(raw)
        if not name:
            return None
        if withdrawn:
            self.result.withdrawn.append(name)
            return None
        if name.casefold() in NON_STATES:
            self.result.skipped_outside += 1
            return None
        try:
            iso3 = lookup_iso3(name)
        except UnknownCountry:
            if name not in self.result.unknown_names:
                self.result.unknown_names.append(name)
            return None
        if iso3 not in self.tracked:
            self.result.skipped_outside += 1
            return None
        return iso3

    def add(self, row: ImportRow) -> None:
        """Add a row; a state listed twice keeps its first row and gets a warning."""
        if row.iso3 in self.seen:
            self.result.warnings.append(f"{row.iso3} is listed more than once; first row kept")
            return
        self.seen.add(row.iso3)
        self.result.rows.append(row)


@cache
def instruments() -> dict[str, dict[str, str]]:
    """Instrument metadata from ``data/instruments.csv`` (parsers stay database-free)."""
    with open(DATA_DIR / "instruments.csv", newline="", encoding="utf-8") as f:
        return {row["code"]: row for row in csv.DictReader(f)}


def instrument_meta(code: str, *, body: str | None = None) -> dict[str, str]:
    """Metadata of one instrument; ParseError if unknown or of the wrong body."""
    meta = instruments().get(code.strip().upper())
    if meta is None:
        raise ParseError(f"unknown instrument {code!r}")
    if body is not None and meta["body"] != body:
        raise ParseError(f"{meta['code']} is a {meta['body']} instrument, not {body}")
    return meta


def fold(text: str) -> str:
    """Lower-case words only, for title comparison."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def _title_key(title: str) -> str:
    return fold(re.sub(r"\s*\(\d{4}\)\s*$", "", title))


_MTDSG_RE = re.compile(r"mtdsg_no=([IVXL]+-\d+(?:-[a-z])?)", re.IGNORECASE)


def title_instrument(title: str) -> str | None:
    """Code of the instrument a file's own title names (the longest title it starts with)."""
    folded = fold(title)
    best: tuple[int, str] | None = None
    for code, meta in instruments().items():
        key = _title_key(meta["full_title"])
        if len(key) > 15 and folded.startswith(key) and (best is None or len(key) > best[0]):
            best = (len(key), code)
    return best[1] if best else None


def _wrong(title: str, target: dict[str, str], other: str | None = None) -> ParseError:
    what = "an instrument this tracker does not list"
    if other:
        what = f"{other} ({instruments()[other]['short_title']})"
    return ParseError(
        f"wrong treaty: the file's title is {title[:160]!r}, which is {what}, "
        f"not {target['code']} ({target['full_title']})"
    )


def check_title(title: str, *, instrument: str) -> str:
    """The file's own title decides: ParseError naming both instruments unless it is ours."""
    target = instrument_meta(instrument)
    found = title_instrument(title)
    if found != target["code"]:
        raise _wrong(title, target, found)
    return target["full_title"]


def check_treaty(
    preamble: str, full_text: str, *, instrument: str, title: str | None = None
) -> str | None:
    """Raise ParseError when the text is about another treaty; return the title seen.

    A title the file states itself (``title``, e.g. UNTC XML ``Titlesect``) decides alone.
    Otherwise the first known instrument title in the text before the table is the file's
    title (later mentions of other treaties are not a match), and the whole text is searched
    for UNTC ``mtdsg_no`` references.
    """
    if title:
        return check_title(title, instrument=instrument)
    target = instrument_meta(instrument)
    text = fold(preamble)
    found: list[tuple[int, int, str]] = []
    for code, meta in instruments().items():
        key = _title_key(meta["full_title"])
        pos = text.find(key)
        if len(key) > 15 and pos >= 0:
            found.append((pos, -len(key), code))
    if found:
        pos, _, first = min(found)
        before = text[:pos][-60:]
        protocol = re.search(r"((?:optional )?(?:protocol|amendment)s? to( the)?) $", before)
        if protocol:
            name = f"{protocol.group(1)} {instruments()[first]['full_title']}"
            raise _wrong(name[0].upper() + name[1:], target)
        if first != target["code"]:
            raise _wrong(instruments()[first]["full_title"], target, first)
        return target["full_title"]
    wanted = _MTDSG_RE.search(target.get("url", ""))
    refs = {m.upper() for m in _MTDSG_RE.findall(full_text)}
    if wanted and refs and wanted.group(1).upper() not in refs:
        raise ParseError(
            f"wrong treaty: the file refers to UNTC {', '.join(sorted(refs))}, "
            f"not {wanted.group(1)} ({target['code']})"
        )
    return None


def try_iso3(name: str) -> str | None:
    """ISO3 for an exact known name (footnotes stripped), or None; records nothing."""
    cleaned, _ = clean_name(name)
    try:
        return lookup_iso3(cleaned) if cleaned else None
    except UnknownCountry:
        return None


def flatten_markup(text: str) -> str:
    """Text of saved HTML/XML pages as tab-separated lines (tables) after the page text."""
    from tracker.importers.markup import html_tables, looks_like_html, looks_like_xml, xml_tables

    if looks_like_xml(text):
        preamble, tables = xml_tables(text)
    elif looks_like_html(text):
        preamble, tables = html_tables(text)
    else:
        return text
    lines = [preamble]
    for table in tables:
        lines.extend("\t".join(cells) for cells in table)
    return "\n".join(lines)
