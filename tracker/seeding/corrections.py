"""Second-collection corrections to the seed: ILO dates at their precision, UN depositary fixes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from tracker.evidence import RANK, Evidence, grade
from tracker.status import Status, derived_in_force

SECOND_CHECK = "2026-12-01"  # reference/SOURCES.md: ilo_dates.csv, second collection
UN_CORRECTIONS_AS_OF = "2018-01"  # un_corrections.csv: UNTC status tables c. January 2018
_FOUND_STATUS = {
    "party": Status.PARTY,
    "in force": Status.PARTY,
    "denounced": Status.DENOUNCED,
    "territory (applied)": Status.TERRITORY,
}
_DENOUNCED_YEAR = re.compile(r"denounced (\d{4})")
_SIGNED = re.compile(r"signature (\d{4}-\d{2}-\d{2}) per the same table")


def _in_force(consent: str, inst: dict[str, str]) -> str:
    start = inst["entry_into_force"]
    return derived_in_force(
        consent,
        rule=inst["in_force_rule"],
        instrument_in_force=dt.date.fromisoformat(start) if start else None,
    )


def _note(old: str, remark: str) -> str:
    if remark and remark in old:
        return old  # applied before: applying again changes nothing
    return f"{old} | {SECOND_CHECK}: {remark}" if old else f"{SECOND_CHECK}: {remark}"


def _cite(cell: dict, url: str, level: Evidence, *, source_date: str) -> None:
    cell.update(
        source_url=url, source_date=source_date, checked_on=SECOND_CHECK, evidence=level.value
    )


def _apply_ilo(cell: dict, fix: dict[str, str], inst: dict[str, str]) -> None:
    found = _FOUND_STATUS.get(fix["status_found"])
    date = fix["date"] if fix["precision"] != "none" else ""
    level = grade(fix["source_url"], fix["remark"], kind=fix["source_kind"] or "other")
    cell["note"] = _note(str(cell["note"] or ""), fix["remark"])
    if found is None or (not date and found.value == cell["status"]):
        return  # an open question: the remark is kept, the cell is not changed
    stored = str(cell["consent_date"] or "")
    if stored and date and not (stored.startswith(date) or date.startswith(stored)):
        return  # the sources disagree: keep the seed, the remark says so
    if stored and len(stored) >= len(date):
        # The seed's date is at least as precise: keep it; take the source if it is stronger.
        if date and RANK[level] < RANK[Evidence(str(cell["evidence"]))]:
            _cite(cell, fix["source_url"], level, source_date=SECOND_CHECK)
        return
    cell["consent_date"] = date
    if cell["status"] != Status.TERRITORY.value:  # "in force" for a territory: it applies
        cell["status"] = found.value
    if cell["status"] != Status.TERRITORY.value:
        cell["consent_kind"] = "ratification"
    if found is Status.DENOUNCED and not cell["denunciation_date"]:
        year = _DENOUNCED_YEAR.search(fix["remark"])
        cell["denunciation_date"] = year.group(1) if year else ""
        cell["denunciation_kind"] = "denunciation"
    cell["in_force_date"] = _in_force(date, inst)
    _cite(cell, fix["source_url"], level, source_date=SECOND_CHECK)


def _matched(
    rows: Iterable[dict], fixes: Iterable[dict[str, str]]
) -> tuple[list[dict], list[tuple[dict, dict[str, str]]]]:
    """Copies of ``rows``, and each fix that names one of them paired with that copy (in order)."""
    out = [dict(r) for r in rows]
    index = {(r["iso3"], r["instrument"]): r for r in out}
    keyed = ((index.get((fix["iso3"], fix["instrument"])), fix) for fix in fixes)
    return out, [(cell, fix) for cell, fix in keyed if cell is not None]


def apply_ilo_dates(
    rows: Iterable[dict], fixes: Iterable[dict[str, str]], instruments: dict[str, dict[str, str]]
) -> list[dict]:
    """Apply ``ilo_dates.csv``: each date at its stated precision, its source and evidence."""
    out, matched = _matched(rows, fixes)
    for cell, fix in matched:
        _apply_ilo(cell, fix, instruments[fix["instrument"]])
    return out


def apply_un_corrections(
    rows: Iterable[dict], fixes: Iterable[dict[str, str]], instruments: dict[str, dict[str, str]]
) -> list[dict]:
    """Apply ``un_corrections.csv``: status, dates and the depositary table they come from."""
    out, matched = _matched(rows, fixes)
    for cell, fix in matched:
        cell.update(
            status=fix["status"],
            consent_date=fix["consent_date"],
            consent_kind=fix["consent_kind"],
            in_force_date=_in_force(fix["consent_date"], instruments[fix["instrument"]]),
            source_url=fix["source_url"],
            source_date=UN_CORRECTIONS_AS_OF,
            checked_on=SECOND_CHECK,
            evidence=grade(fix["source_url"], fix["remark"]).value,
            note=_note(str(cell["note"]), fix["remark"]),
        )
        signed = _SIGNED.search(fix["remark"])
        if fix["signature_date"] or signed:
            cell["signature_date"] = fix["signature_date"] or signed.group(1)
    return out
