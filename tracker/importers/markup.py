"""Tables out of saved HTML pages and XML files (stdlib parsers only, no network, no DTDs)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser

from tracker.errors import ParseError

Table = list[list[str]]
_HTML_RE = re.compile(r"<\s*(html|table|body|!doctype html|tr|td|div)\b", re.IGNORECASE)
_SKIP = {"script", "style", "head", "noscript"}


def looks_like_html(text: str) -> bool:
    """True when the text is (or contains) HTML markup."""
    return bool(_HTML_RE.search(text[:20000]))


def looks_like_xml(text: str) -> bool:
    """True when the text starts like an XML document that is not HTML."""
    head = text.lstrip()[:200].lower()
    return head.startswith("<?xml") and "<html" not in text[:2000].lower()


def _clean(text: str) -> str:
    return " ".join(unescape(text).replace("\u00a0", " ").split())


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[Table] = []
        self.tables: list[tuple[str, Table]] = []
        self.text: list[str] = []
        self.row: list[list[str]] = []
        self.cell: list[list[str]] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag == "table":
            self.stack.append([])
            self.tables.append((" ".join(self.text), self.stack[-1]))
            self.row.append([])
            self.cell.append([])
        elif tag == "tr" and self.stack:
            self.row[-1] = []
        elif tag in ("td", "th") and self.stack:
            self.cell[-1] = []
        elif tag == "br":
            self._text(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th") and self.stack:
            self.row[-1].append(_clean("".join(self.cell[-1])))
            self.cell[-1] = []
        elif tag == "tr" and self.stack:
            if self.row[-1]:
                self.stack[-1].append(self.row[-1])
            self.row[-1] = []
        elif tag == "table" and self.stack:
            self.stack.pop()
            self.row.pop()
            self.cell.pop()

    def _text(self, data: str) -> None:
        if self.stack:
            self.cell[-1].append(data)
        self.text.append(data)

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self._text(data)


def html_tables(text: str) -> tuple[str, list[Table]]:
    """(text before the first table with a 'Participant'/'Country' header, every table)."""
    parser = _TableParser()
    try:
        parser.feed(text)
        parser.close()
    except (AssertionError, ValueError) as err:  # malformed markup
        raise ParseError(f"unreadable HTML: {err}") from None
    tables = [t for _, t in parser.tables if t]
    for preamble, table in parser.tables:
        if table and re.search(r"participant|country", " ".join(table[0]), re.IGNORECASE):
            return _clean(preamble), tables
    return _clean(" ".join(parser.text)), tables


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].lower()


def xml_tables(text: str) -> tuple[str, list[Table]]:
    """(title text before the table, tables of Row/Entry or tr/td elements) from XML."""
    if "<!DOCTYPE" in text[:2000].upper() or "<!ENTITY" in text.upper():
        raise ParseError("XML with a DTD or entities is not accepted")
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as err:
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
