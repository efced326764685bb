"""Importers for official ratification records: UN Treaty Collection, ILO NORMLEX, OHCHR.

Each source module has a pure ``parse(data, *, instrument) -> ParseResult``; :func:`parse`
dispatches by source name. Snapshots, the diff against the database and apply live in
``snapshot.py`` and ``diff.py``.
"""

from __future__ import annotations

import importlib
from dataclasses import asdict, dataclass, field

from tracker.errors import ImportBlocked, ParseError

__all__ = ["ImportBlocked", "ImportRow", "ParseResult", "parse"]

SOURCES = ("untc", "normlex", "ohchr")
# A status file is tens of kilobytes (the largest real one: 50 KB); every parser is linear, so
# this bound also bounds the time one upload can take (well under a second).
MAX_BYTES = 2_000_000
SOURCE_LABELS = {
    "untc": "UN Treaty Collection status table (text, HTML, XML)",
    "normlex": "ILO NORMLEX ratifications (convention table or country page)",
    "ohchr": "OHCHR dashboard export (CSV, XLSX, XLS)",
}


@dataclass(frozen=True)
class ImportRow:
    """One state's status for one instrument as the official record states it (ISO dates)."""

    iso3: str
    status: str
    signature_date: str | None = None
    consent_date: str | None = None
    consent_kind: str | None = None
    denunciation_date: str | None = None
    note: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        """The row as a plain dict, in the documented column order."""
        return asdict(self)


@dataclass
class ParseResult:
    """What a parser read: rows for tracked states, plus what it skipped or could not resolve."""

    source: str
    instrument: str
    rows: list[ImportRow] = field(default_factory=list)
    skipped_outside: int = 0
    unknown_names: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    title: str | None = None
    last_update: str | None = None
    scope: frozenset[str] | None = None
    warnings: list[str] = field(default_factory=list)

    def metadata(self) -> dict[str, object]:
        """Everything except the rows, JSON-ready."""
        return {
            "source": self.source,
            "instrument": self.instrument,
            "rows": len(self.rows),
            "skipped_outside": self.skipped_outside,
            "unknown_names": list(self.unknown_names),
            "withdrawn": list(self.withdrawn),
            "title": self.title,
            "last_update": self.last_update,
            "scope": sorted(self.scope) if self.scope is not None else "all tracked states",
            "warnings": list(self.warnings),
        }


def parse(source: str, data: str | bytes, *, instrument: str) -> ParseResult:
    """Parse ``data`` with the named source's parser (``untc``, ``normlex`` or ``ohchr``)."""
    if source not in SOURCES:
        raise ParseError(f"unknown source {source!r}; known: {', '.join(SOURCES)}")
    if len(data) > MAX_BYTES:
        raise ParseError(f"the file is larger than {MAX_BYTES // 1_000_000} MB")
    module = importlib.import_module(f"tracker.importers.{source}")
    return module.parse(data, instrument=instrument)
