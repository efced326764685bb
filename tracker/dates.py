"""Dates known to the day, the month or only the year (ISO 8601 reduced precision)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

PRECISIONS = ("day", "month", "year", "none")
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    """A date as stored (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) with its first and last day."""

    text: str
    first: dt.date
    last: dt.date

    @property
    def precision(self) -> str:
        """``day``, ``month`` or ``year``."""
        return {10: "day", 7: "month", 4: "year"}[len(self.text)]

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` lies inside the precision window."""
        return self.first <= day <= self.last


def parse_partial(value: object) -> PartialDate | None:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; empty means unknown; ValueError otherwise."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(value.isoformat(), value, value)
    text = str(value).strip()
    match = _PARTIAL.fullmatch(text) if len(text) <= 10 else None
    if match is None:
        raise ValueError(f"{text!r} is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is None:
        return PartialDate(text, dt.date(year, 1, 1), dt.date(year, 12, 31))
    if day is None:
        if not 1 <= month <= 12:
            raise ValueError(f"{text!r} has no month {month}")
        end = calendar.monthrange(year, month)[1]
        return PartialDate(text, dt.date(year, month, 1), dt.date(year, month, end))
    exact = dt.date.fromisoformat(text)
    return PartialDate(text, exact, exact)


def precision(value: object) -> str:
    """Precision of a stored date: ``day``, ``month``, ``year`` or ``none`` (empty)."""
    parsed = parse_partial(value)
    return parsed.precision if parsed else "none"


def common_prefix(first: dt.date, last: dt.date) -> str:
    """The finest reduced-precision date containing both days (``""`` if none does)."""
    if first == last:
        return first.isoformat()
    if (first.year, first.month) == (last.year, last.month):
        return first.isoformat()[:7]
    if first.year == last.year:
        return str(first.year)
    return ""


def human(value: object) -> str:
    """A stored date in words: "27 Sep 2004", "Jun 1997" or "1990" (empty when unknown)."""
    parsed = parse_partial(value)
    if parsed is None:
        return ""
    if parsed.precision == "year":
        return parsed.text
    if parsed.precision == "month":
        return f"{parsed.first:%b %Y}"
    return f"{parsed.first.day} {parsed.first:%b %Y}"


def overlaps(value: object, since: dt.date, until: dt.date) -> bool:
    """Whether a (possibly partial) date's window meets the days ``since`` … ``until``."""
    parsed = parse_partial(value)
    return parsed is not None and parsed.first <= until and parsed.last >= since
