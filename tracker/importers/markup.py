"""Tables out of saved HTML pages and XML files (stdlib parsers only, no network, no DTDs)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape

from tracker.errors import ParseError

Table = list[list[str]]
_HTML_RE = re.compile(r"<\s*(html|table|body|!doctype html|tr|td|div)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """True when the text is (or contains) HTML markup."""
    return bool(_HTML_RE.search(text[:20000]))


def looks_like_xml(text: str) -> bool:
    """True when the text starts like an XML document that is not HTML."""
    head = text.lstrip()[:200].lower()
    return head.startswith("<?xml") and "<html" not in text[:2000].lower()


def _clean(text: str) -> str:
    return " ".join(unescape(text).replace("\u00a0", " ").split())


_DROP_RE = re.compile(r"<(script|style|head|noscript)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_TABLE_RE = re.compile(r"<table\b[^>]*>", re.I)
_ROW_RE = re.compile(r"<tr\b[^>]*>(.*?)(?=<tr\b|</table|\Z)", re.S | re.I)
_CELL_RE = re.compile(r"<t[dh]\b[^>]*>(.*?)(?=<t[dh]\b|</tr|\Z)", re.S | re.I)
_TAG_RE = re.compile(r"<[^>]*>")


def _strip(fragment: str) -> str:
    return _clean(_TAG_RE.sub(" ", fragment))


def html_tables(text: str) -> tuple[str, list[Table]]:
    """(text before the first table with a 'Participant'/'Country' header, every table).

    A tolerant regex reader (saved pages are often malformed; nested tables are flattened).
    """
    text = _DROP_RE.sub(" ", text)
    parts = _TABLE_RE.split(text)
    before, found = parts[0], None
    tables: list[Table] = []
    for part in parts[1:]:
        body = part.split("</table", 1)[0]
        rows = [[_strip(c) for c in _CELL_RE.findall(r)] for r in _ROW_RE.findall(body)]
        rows = [r for r in rows if r]
        if rows:
            tables.append(rows)
            head = " ".join(rows[0])
            if found is None and re.search(r"participant|country", head, re.IGNORECASE):
                found = before
        before += " " + part
    return _strip(found if found is not None else before), tables


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].lower()


def xml_tables(text: str) -> tuple[str, list[Table]]:
    """(title text before the table, tables of Row/Entry or tr/td elements) from XML."""
    if "<!DOCTYPE" in text[:2000].upper() or "<!ENTITY" in text.upper():
        raise ParseError("XML with a DTD or entities is not accepted")
    # The text is already decoded: drop the declaration (its encoding name may be bogus).
    body = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        root = ET.fromstring(body)
    except (ET.ParseError, LookupError, ValueError) as err:
        raise ParseError(f"unreadable XML: {err}") from None
    preamble: list[str] = []
    tables: dict[int, Table] = {}
    for parent in root.iter():
        for child in parent:
            if _local(child.tag) not in ("row", "tr"):
                continue
            cells = [
                _clean("".join(c.itertext()))
                for c in child
                if _local(c.tag) in ("entry", "td", "th", "cell")
            ]
            if cells:
                tables.setdefault(id(parent), []).append(cells)
    for elem in root.iter():
        if _local(elem.tag) in ("row", "tr", "table", "participants"):
            break
        if elem.text:
            preamble.append(elem.text)
    ordered = [t for t in tables.values() if t]
    # A header row may live in its own group (thead/tbody): join tables that follow a header.
    merged: list[Table] = []
    for table in ordered:
        if merged and len(merged[-1]) == 1 and "participant" in " ".join(merged[-1][0]).lower():
            merged[-1].extend(table)
        else:
            merged.append(table)
    return _clean(" ".join(preamble)), merged
