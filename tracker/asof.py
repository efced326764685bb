"""Status of a cell as the world stood on a given date, from its stored dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd

from tracker.schema import EVENT_DATES
from tracker.status import Status


def _date(value: object) -> dt.date | None:
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return None  # None, empty or NaN (pandas' missing value)
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def status_on(cell: Mapping[str, object], day: dt.date) -> Status:
    """The cell's status on ``day``, derived from signature, consent and denunciation dates.

    Where the current status is known but its date is not (e.g. a party with no recorded
    consent date), the current status is kept: the tracker does not invent a history.
    """
    current = Status(str(cell["status"]))
    signature = _date(cell.get("signature_date"))
    consent = _date(cell.get("consent_date"))
    denunciation = _date(cell.get("denunciation_date"))

    if current in (Status.NOT_ELIGIBLE, Status.NONE):
        return current
    if current is Status.DENOUNCED:
        if denunciation is None or day >= denunciation:
            return Status.DENOUNCED
        current = Status.PARTY
    if current in (Status.PARTY, Status.TERRITORY):
        if consent is None or day >= consent:
            return current
        current = Status.SIGNATORY
    # signatory (now, or on this day because consent came later)
    if signature is not None and day >= signature:
        return Status.SIGNATORY
    if signature is None and cell["status"] == Status.SIGNATORY.value:
        return Status.SIGNATORY
    return Status.NONE


MIGRANTS_DAY_FIRST_YEAR = 1990  # the ICRMW was adopted on 18 December 1990


def migrants_day(year: int) -> dt.date:
    """International Migrants Day (18 December) of ``year``."""
    return dt.date(year, 12, 18)


def migrants_day_years(today: dt.date) -> list[int]:
    """Years whose 18 December has passed by ``today``, newest first, back to 1990."""
    last = today.year if today >= migrants_day(today.year) else today.year - 1
    return list(range(last, MIGRANTS_DAY_FIRST_YEAR - 1, -1))


_ISO_DAY = r"^\d{4}-\d{2}-\d{2}$"


def statuses_on(cells: pd.DataFrame, day: dt.date) -> pd.Series:
    """:func:`status_on` for every row of ``cells`` at once (vectorised; same answers).

    ISO dates compare as strings; a frame with an unknown status or a date not in the form
    ``YYYY-MM-DD`` falls back to the row-wise :func:`status_on`, which raises as it always has.
    """
    status = cells["status"].astype(object)
    dates = {}
    for col in EVENT_DATES:
        values = cells[col] if col in cells.columns else pd.Series(None, index=cells.index)
        known = values.notna() & (values.astype(str) != "")
        text = values.where(known, "").astype(str)
        if (
            not text[known].str.match(_ISO_DAY).all()
            or not status.isin([s.value for s in Status]).all()
        ):
            rows = cells.to_dict("records")
            return pd.Series([status_on(r, day).value for r in rows], index=cells.index)
        dates[col] = (known, text)
    iso = day.isoformat()
    sig_known, sig = dates["signature_date"]
    con_known, con = dates["consent_date"]
    den_known, den = dates["denunciation_date"]

    out = status.copy()
    # A denounced cell is a party before its denunciation date.
    as_party = (status == Status.PARTY) | ((status == Status.DENOUNCED) & den_known & (iso < den))
    consented = status.eq(Status.TERRITORY) | as_party
    before_consent = con_known & (iso < con)
    out[consented & ~before_consent] = Status.PARTY.value
    out[status.eq(Status.TERRITORY) & ~before_consent] = Status.TERRITORY.value
    # Signatory now, or on this day because consent came later.
    earlier = (consented & before_consent) | status.eq(Status.SIGNATORY)
    signed = (sig_known & (iso >= sig)) | (~sig_known & status.eq(Status.SIGNATORY))
    out[earlier & signed] = Status.SIGNATORY.value
    out[earlier & ~signed] = Status.NONE.value
    return out.astype(str)
