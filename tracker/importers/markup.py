"""Tables out of saved HTML pages and XML files (stdlib parsers only, no network, no DTDs).

Every reader here is linear in its input: tag patterns never cross a ``<`` and unclosed
comments or scripts are cut with ``str.find``, not with lazy regexes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html import unescape

from tracker.errors import ParseError

Table = list[list[str]]
_HTML_RE = re.compile(r"<\s*(html|table|body|!doctype html|tr|td|div)\b", re.IGNORECASE)
# C0 controls that XML 1.0 forbids (the UNTC publisher leaves 0x02, 0x1C, 0x1D in notes).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# An ``&`` that does not start one of XML's own references (bare in UNTC notes).
_BARE_AMP_RE = re.compile(r"&(?!(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)")
_MARKUP_RE = re.compile(r"<[^<>]*>")
_SUPERSCRIPT_RE = re.compile(r"<superscript>[^<>]*</superscript>", re.IGNORECASE)
TITLE_TAGS = ("titlesect", "subtitlesect")


def looks_like_html(text: str) -> bool:
    """True when the text is (or contains) HTML markup."""
    return bool(_HTML_RE.search(text[:20000]))


def looks_like_xml(text: str) -> bool:
    """True when the text starts like an XML document that is not HTML."""
    head = text.lstrip()[:200].lower()
    return head.startswith("<?xml") and "<html" not in text[:2000].lower()


def _clean(text: str) -> str:
    """Cell text: entities decoded, escaped footnote markup (``<superscript>6</…>``) dropped."""
    text = unescape(text)
    if "<" in text:
        text = _MARKUP_RE.sub(" ", _SUPERSCRIPT_RE.sub(" ", text))
    return " ".join(text.replace("\u00a0", " ").split())


_TABLE_RE = re.compile(r"<table\b[^<>]*>", re.I)
_ROW_RE = re.compile(r"<tr\b[^<>]*>(.*?)(?=<tr\b|</table|\Z)", re.S | re.I)
_CELL_RE = re.compile(r"<t[dh]\b[^<>]*>(.*?)(?=<t[dh]\b|</tr|\Z)", re.S | re.I)
_DROP_OPEN_RE = re.compile(r"<!--|<(script|style|head|noscript)\b", re.I)
_CLOSE_RE = {t: re.compile(rf"</{t}[^<>]*>", re.I) for t in ("script", "style", "head", "noscript")}


def drop_hidden(text: str) -> str:
    """Text without comments, scripts, styles and heads (an unclosed one runs to the end)."""
    out: list[str] = []
    pos = 0
    while True:
        match = _DROP_OPEN_RE.search(text, pos)
        if match is None:
            out.append(text[pos:])
            return " ".join(out)
        out.append(text[pos : match.start()])
        if match.group(1) is None:
            end = text.find("-->", match.end())
            pos = len(text) if end < 0 else end + 3
        else:
            closing = _CLOSE_RE[match.group(1).lower()].search(text, match.end())
            pos = len(text) if closing is None else closing.end()


def _strip(fragment: str) -> str:
    return _clean(_MARKUP_RE.sub(" ", fragment))


def html_tables(text: str) -> tuple[str, list[Table]]:
    """(text before the first table with a 'Participant'/'Country' header, every table).

    A tolerant regex reader (saved pages are often malformed; nested tables are flattened).
    """
    parts = _TABLE_RE.split(drop_hidden(text))
    seen, found = [parts[0]], None
    tables: list[Table] = []
    for part in parts[1:]:
        body = part.split("</table", 1)[0]
        rows = [[_strip(c) for c in _CELL_RE.findall(r)] for r in _ROW_RE.findall(body)]
        rows = [r for r in rows if r]
        if rows:
            tables.append(rows)
            head = " ".join(rows[0])
            if found is None and re.search(r"participant|country", head, re.IGNORECASE):
                found = " ".join(seen)
        if found is None:
            seen.append(part)
    return _strip(found if found is not None else " ".join(seen)), tables


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].lower()


@dataclass
class XmlDocument:
    """What an XML status file holds: its own title, the text before the table, the tables."""

    title: str | None = None
    preamble: str = ""
    tables: list[Table] = field(default_factory=list)
    recovered: list[str] = field(default_factory=list)


def refuse_dtd(text: str) -> None:
    """ParseError for any DTD or entity declaration (no XXE, no billion laughs)."""
    upper = text.upper()
    if "<!DOCTYPE" in upper or "<!ENTITY" in upper:
        raise ParseError("XML with a DTD or entities is not accepted")


def _repair(text: str) -> tuple[str, list[str]]:
    """Text with forbidden control characters removed and bare ``&`` escaped; what was done."""
    notes = []
    controls = len(_CONTROL_RE.findall(text))
    if controls:
        text = _CONTROL_RE.sub("", text)
        notes.append(f"{controls} control character(s) removed")
    text, amps = _BARE_AMP_RE.subn("&amp;", text)
    if amps:
        notes.append(f"{amps} bare '&' read as text")
    return text, notes


def _fromstring(body: str) -> ET.Element:
    try:
        return ET.fromstring(body)
    except (ET.ParseError, LookupError, ValueError) as err:
        raise ParseError(f"unreadable XML: {err}") from None


def _region(text: str, tag: str) -> str | None:
    """The first ``<tag …>…</tag>`` region of the text (found with str.find), or None."""
    low = text.lower()
    start = low.find(f"<{tag}")
    end = low.find(f"</{tag}>", start)
    if start < 0 or end < 0:
        return None
    return text[start : end + len(tag) + 3]


def xml_document(text: str) -> XmlDocument:
    """Read an XML status file; recovers from the publisher's stray bytes, never loads DTDs.

    The whole document is read after removing forbidden control characters and escaping bare
    ``&``; if it is still not well-formed, only its header and participant table are read.
    """
    refuse_dtd(text)
    # The text is already decoded: drop the declaration (its encoding name may be bogus).
    body = re.sub(r"^\s*<\?xml[^<>]*\?>", "", text)
    body, notes = _repair(body)
    try:
        roots = [_fromstring(body)]
    except ParseError as err:
        regions = [_region(body, "header"), _region(body, "participants")]
        if regions[1] is None:
            raise err from None
        roots = [_fromstring(r) for r in regions if r is not None]
        notes.append("the document is not well-formed; read its header and participant table")
    doc = XmlDocument(recovered=notes)
    preamble: list[str] = []
    tables: dict[int, Table] = {}
    for root in roots:
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
    for elem in roots[0].iter():
        tag = _local(elem.tag)
        if tag in ("row", "tr", "table", "participants"):
            break
        if tag in TITLE_TAGS and doc.title is None and elem.text and elem.text.strip():
            doc.title = _clean(elem.text)
        if elem.text:
            preamble.append(elem.text)
    doc.preamble = _clean(" ".join(preamble))
    # A header row may live in its own group (thead/tbody): join tables that follow a header.
    for table in (t for t in tables.values() if t):
        last = doc.tables[-1] if doc.tables else None
        if last and len(last) == 1 and "participant" in " ".join(last[0]).lower():
            last.extend(table)
        else:
            doc.tables.append(table)
    return doc


def xml_tables(text: str) -> tuple[str, list[Table]]:
    """(title text before the table, tables of Row/Entry or tr/td elements) from XML."""
    doc = xml_document(text)
    return doc.preamble, doc.tables
