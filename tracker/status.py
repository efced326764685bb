"""Status vocabulary shared by UN treaties and ILO conventions, and the per-body rules.

One enum serves both bodies; what differs between them is enforced here:

* UN treaties have a signature stage (``signatory``) and accept reservations.
* ILO conventions have no signature stage: a state is ``party`` from the registration of its
  ratification, and the convention enters into force for it 12 months later. ILO conventions can
  be denounced, also automatically when a revising convention is ratified.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum


class Body(StrEnum):
    """Organisation that holds the instrument."""

    UN = "UN"
    ILO = "ILO"


class Status(StrEnum):
    """Status of one state for one instrument."""

    PARTY = "party"
    SIGNATORY = "signatory"
    DENOUNCED = "denounced"
    NONE = "none"
    TERRITORY = "territory"
    NOT_ELIGIBLE = "not_eligible"
    UNKNOWN = "unknown"  # only as of a past day the stored dates cannot place; never stored


class ConsentKind(StrEnum):
    """How a state expressed its consent to be bound."""

    RATIFICATION = "ratification"
    ACCESSION = "accession"
    SUCCESSION = "succession"


GAP_STATUSES: frozenset[Status] = frozenset({Status.SIGNATORY, Status.NONE, Status.DENOUNCED})

STATUS_LABELS: dict[Status, str] = {
    Status.PARTY: "Party (ratified)",
    Status.SIGNATORY: "Signed, not ratified",
    Status.DENOUNCED: "Denounced",
    Status.NONE: "Not ratified",
    Status.TERRITORY: "Applies via another state",
    Status.NOT_ELIGIBLE: "Cannot join",
    Status.UNKNOWN: "Unknown on this date",
}

# Short cell text, so status never depends on colour alone.
STATUS_SHORT: dict[Status, str] = {
    Status.PARTY: "✔ party",
    Status.SIGNATORY: "✎ signed",
    Status.DENOUNCED: "↩ denounced",
    Status.NONE: "✗ not ratified",
    Status.TERRITORY: "◐ via China",
    Status.NOT_ELIGIBLE: "– cannot join",
    Status.UNKNOWN: "? unknown",
}

# Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
STATUS_COLOURS: dict[Status, str] = {
    Status.PARTY: "#0072B2",  # blue
    Status.SIGNATORY: "#E69F00",  # orange
    Status.DENOUNCED: "#CC79A7",  # reddish purple
    Status.NONE: "#D55E00",  # vermilion
    Status.TERRITORY: "#56B4E9",  # sky blue
    Status.NOT_ELIGIBLE: "#BBBBBB",  # grey
    Status.UNKNOWN: "#F0E442",  # yellow
}

STORED_STATUSES: frozenset[Status] = frozenset(Status) - {Status.UNKNOWN}

ALLOWED_STATUSES: dict[Body, frozenset[Status]] = {
    Body.UN: STORED_STATUSES,
    Body.ILO: STORED_STATUSES - {Status.SIGNATORY},
}

ALLOWED_CONSENT_KINDS: dict[Body, frozenset[ConsentKind]] = {
    Body.UN: frozenset(ConsentKind),
    Body.ILO: frozenset({ConsentKind.RATIFICATION}),
}


def is_gap(status: Status | str) -> bool:
    """True when the status is a gap: signed but not ratified, not ratified, or denounced."""
    return Status(status) in GAP_STATUSES


def add_months(day: dt.date, months: int) -> dt.date:
    """Return the same day ``months`` later, clamped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(f"cannot add {months} months to {day}")  # pragma: no cover


def in_force_date(
    consent: dt.date | None,
    *,
    rule: str,
    instrument_in_force: dt.date | None = None,
) -> dt.date | None:
    """Date the instrument enters into force for a state, from its consent date and the rule.

    Rules (from each instrument's final clauses): ``days:N`` (N-th day after deposit),
    ``months:N`` (N months after deposit or ILO registration), ``first_of_month_after:N``
    (first day of the month after N months, ICRMW art. 87), ``deposit`` (on deposit). Never
    earlier than the instrument's own entry into force.
    """
    if consent is None:
        return None
    kind, _, number = rule.partition(":")
    if kind == "days":
        result = consent + dt.timedelta(days=int(number))
    elif kind == "months":
        result = add_months(consent, int(number))
    elif kind == "first_of_month_after":
        later = add_months(consent, int(number))
        result = add_months(later.replace(day=1), 1)
    elif kind == "deposit":
        result = consent
    else:
        raise ValueError(f"unknown entry-into-force rule {rule!r}")
    if instrument_in_force is not None and result < instrument_in_force:
        return instrument_in_force
    return result


def derived_in_force(
    consent: str | None, *, rule: str, instrument_in_force: dt.date | None = None
) -> str:
    """In-force date (as stored text) from a consent date known to the day, month or year.

    A partial consent date gives a partial in-force date: the finest ``YYYY``/``YYYY-MM`` that
    holds the in-force dates of the window's first and last day (empty when none does).
    """
    from tracker.dates import common_prefix, parse_partial

    window = parse_partial(consent)
    if window is None:
        return ""
    first = in_force_date(window.first, rule=rule, instrument_in_force=instrument_in_force)
    last = in_force_date(window.last, rule=rule, instrument_in_force=instrument_in_force)
    assert first is not None and last is not None
    return common_prefix(first, last)
