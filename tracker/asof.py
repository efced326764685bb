"""Status of a cell as the world stood on a given date, from its stored dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd

from tracker.dates import parse_partial
from tracker.schema import EVENT_DATES
from tracker.status import Status

_AFTER, _BEFORE, _UNSURE = "after", "before", "unknown"


def _horizon(cell: Mapping[str, object]) -> dt.date:
    """First day the cell's source speaks for: its source date (or checked-on, or today)."""
    for key in ("source_date", "checked_on"):
        found = parse_partial(_text(cell.get(key)))
        if found is not None:
            return found.first
    return dt.date.today()


def _text(value: object) -> object:
    if isinstance(value, float) and value != value:
        return None  # pandas' missing value
    return value


def _stage(value: object, day: dt.date, horizon: dt.date) -> str:
    """Whether ``day`` is after, before or (inside the precision window) unsure of a date.

    With no date at all, the source can only vouch for days from its own date on.
    """
    window = parse_partial(_text(value))
    if window is None:
        return _AFTER if day >= horizon else _UNSURE
    if day < window.first:
        return _BEFORE
    if day > window.last or window.first == window.last:
        return _AFTER
    return _UNSURE


def status_on(cell: Mapping[str, object], day: dt.date) -> Status:
    """The cell's status on ``day``, derived from signature, consent and denunciation dates.

    Never invents history: a day inside a partial date's window (``YYYY`` or ``YYYY-MM``) is
    ``unknown``, and so is a day before the source date of a bound cell with no date.
    """
    current = Status(str(cell["status"]))
    horizon = _horizon(cell)
    if current in (Status.NOT_ELIGIBLE, Status.NONE):
        return current
    consent = _stage(cell.get("consent_date"), day, horizon)
    if current is Status.DENOUNCED:
        denounced = _stage(cell.get("denunciation_date"), day, horizon)
        if denounced == _AFTER:
            return Status.DENOUNCED
        if denounced == _UNSURE and consent != _BEFORE:
            return Status.UNKNOWN
        current = Status.PARTY
    if current in (Status.PARTY, Status.TERRITORY):
        if consent == _AFTER:
            return current
        if consent == _UNSURE:
            return Status.UNKNOWN
        current = Status.SIGNATORY
    # signatory (now, or on this day because consent came later)
    if parse_partial(_text(cell.get("signature_date"))) is None:
        return Status.SIGNATORY if cell["status"] == Status.SIGNATORY.value else Status.NONE
    signed = _stage(cell.get("signature_date"), day, horizon)
    return {_AFTER: Status.SIGNATORY, _BEFORE: Status.NONE}.get(signed, Status.UNKNOWN)


MIGRANTS_DAY_FIRST_YEAR = 1990  # the ICRMW was adopted on 18 December 1990


def migrants_day(year: int) -> dt.date:
    """International Migrants Day (18 December) of ``year``."""
    return dt.date(year, 12, 18)


def migrants_day_years(today: dt.date) -> list[int]:
    """Years whose 18 December has passed by ``today``, newest first, back to 1990."""
    last = today.year if today >= migrants_day(today.year) else today.year - 1
    return list(range(last, MIGRANTS_DAY_FIRST_YEAR - 1, -1))


_ISO_PARTIAL = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_FIRST_PAD = {4: "-01-01", 7: "-01", 10: ""}
_LAST_PAD = {4: "-12-31", 7: "-31", 10: ""}


def _bounds(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """First and last day of each partial date, as ISO strings that compare like dates."""
    width = text.str.len()
    first = text + width.map(_FIRST_PAD).fillna("")
    last = text + width.map(_LAST_PAD).fillna("")
    return first, last


def statuses_on(cells: pd.DataFrame, day: dt.date) -> pd.Series:
    """:func:`status_on` for every row of ``cells`` at once (vectorised; same answers).

    ISO dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) compare as strings; a frame with an
    unknown status or a date in another form falls back to the row-wise :func:`status_on`,
    which raises as it always has.
    """
    status = cells["status"].astype(object)
    iso = day.isoformat()
    texts = {}
    for col in EVENT_DATES:
        values = cells[col] if col in cells.columns else pd.Series(None, index=cells.index)
        known = values.notna() & (values.astype(str) != "")
        text = values.where(known, "").astype(str)
        stored = {s.value for s in Status} - {Status.UNKNOWN.value}
        if not text[known].str.match(_ISO_PARTIAL).all() or not status.isin(stored).all():
            rows = cells.to_dict("records")
            return pd.Series([status_on(r, day).value for r in rows], index=cells.index)
        texts[col] = (known, text)
    horizon = pd.Series(dt.date.today().isoformat(), index=cells.index)
    for col in ("checked_on", "source_date"):  # source_date wins where both are given
        if col in cells.columns:
            values = cells[col]
            known = values.notna() & (values.astype(str) != "")
            horizon = horizon.where(~known, _bounds(values.where(known, "").astype(str))[0])

    def stage(col: str) -> tuple[pd.Series, pd.Series, pd.Series]:
        known, text = texts[col]
        first, last = _bounds(text)
        after = known & ((iso > last) | ((first == last) & (iso >= first)))
        before = known & (iso < first)
        after = after | (~known & (iso >= horizon))
        return after, before, ~after & ~before

    sig_known = texts["signature_date"][0]
    con_after, con_before, con_unsure = stage("consent_date")
    den_after, den_before, den_unsure = stage("denunciation_date")
    sig_after, sig_before, _ = stage("signature_date")

    out = status.copy()
    denounced = status.eq(Status.DENOUNCED)
    out[denounced & den_after] = Status.DENOUNCED.value
    out[denounced & den_unsure & ~con_before] = Status.UNKNOWN.value
    # A denounced cell is a party before its denunciation date.
    as_party = status.eq(Status.PARTY) | (denounced & ~den_after & (den_before | con_before))
    bound = as_party | status.eq(Status.TERRITORY)
    out[as_party & con_after] = Status.PARTY.value
    out[status.eq(Status.TERRITORY) & con_after] = Status.TERRITORY.value
    out[bound & con_unsure] = Status.UNKNOWN.value
    # Signatory now, or on this day because consent came later.
    earlier = (bound & con_before) | status.eq(Status.SIGNATORY)
    no_sig = earlier & ~sig_known
    out[no_sig & status.eq(Status.SIGNATORY)] = Status.SIGNATORY.value
    out[no_sig & ~status.eq(Status.SIGNATORY)] = Status.NONE.value
    dated = earlier & sig_known
    out[dated & sig_after] = Status.SIGNATORY.value
    out[dated & sig_before] = Status.NONE.value
    out[dated & ~sig_after & ~sig_before] = Status.UNKNOWN.value
    return out.astype(str)
