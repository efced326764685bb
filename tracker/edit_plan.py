"""An edit plan: normalise and validate proposed changes and merge them into the stored cell.

:func:`prepare` is pure (it reads, never writes); :mod:`tracker.edits` applies the plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlite_utils import Database

from tracker.errors import InvalidEdit, NoChange, UnknownCountry, ValidationError
from tracker.evidence import capped_claim, grade
from tracker.instruments import instrument as instrument_meta
from tracker.schema import AUDITED, DATE_FIELDS, EDITABLE, UNAUDITED_ALONE
from tracker.status import ALLOWED_STATUSES, Body, Status, derived_in_force
from tracker.validation import (
    cell_problems,
    check_text,
    check_url,
    parse_date,
    parse_partial_date,
)

NOTE_MAX = 2000
TEXT_MAX = 200
_TRUE = {"1", "true", "yes", "y", "t"}
_FALSE = {"0", "false", "no", "n", "f", ""}


@dataclass(frozen=True)
class EditPlan:
    """What an edit would write: the merged cell and the changed fields before and after."""

    iso3: str
    instrument: str
    body: str
    version: int
    exists: bool
    cell: dict
    old: dict
    new: dict
    implied: frozenset[str] = frozenset()  # fields that follow from the edit (not a change alone)


def allowed_statuses(body: Body | str) -> list[str]:
    """Statuses allowed for an instrument body, in vocabulary order."""
    allowed = ALLOWED_STATUSES[Body(body)]
    return [s.value for s in Status if s in allowed]


def load_cell(db: Database, *, iso3: object, instrument: object) -> dict:
    """The stored cell plus ``body``; ``version`` 0 and empty values if no cell exists yet.

    Raises :class:`UnknownCountry` / :class:`UnknownInstrument` for keys the tracker lacks.
    """
    code = str(iso3 or "").strip().upper()
    if not db.execute("select 1 from countries where iso3 = ?", [code]).fetchone():
        raise UnknownCountry(f"{iso3!r} is not one of the tracked states")
    meta = instrument_meta(db, str(instrument or ""))
    rows = list(db["status"].rows_where("iso3 = ? and instrument = ?", [code, meta["code"]]))
    cell = rows[0] if rows else {"iso3": code, "instrument": meta["code"], "version": 0}
    return {
        **cell,
        "body": meta["body"],
        "in_force_rule": meta["in_force_rule"],
        "instrument_in_force": meta["entry_into_force"],
    }


def _normalise(field: str, value: object) -> object:
    """One edited value in its stored form; raises ValidationError."""
    if field not in EDITABLE:
        raise ValidationError(field, f"cannot be edited (editable: {', '.join(EDITABLE)})")
    if field in DATE_FIELDS:
        day = parse_partial_date(field, value)
        return day.text if day else None
    if field == "verified":
        text = str(value).strip().lower() if value is not None else ""
        if isinstance(value, bool) or value in (0, 1):
            return int(bool(value))
        if text in _TRUE or text in _FALSE:
            return int(text in _TRUE)
        raise ValidationError(field, f"{value!r} is not true/false")
    text = check_text(field, value, multiline=field == "note").strip()
    if field == "status":
        return text
    limit = NOTE_MAX if field == "note" else TEXT_MAX
    if len(text) > limit:
        raise ValidationError(field, f"is longer than {limit} characters")
    return text or None


def normalise(field: str, value: object) -> object:
    """One edited value in its stored form (as an edit would store it); raises ValidationError."""
    return _normalise(field, value)


def plan_edit(
    db: Database,
    *,
    iso3: object,
    instrument: object,
    changes: Mapping[str, object],
    source_url: object,
    today: dt.date | None = None,
) -> tuple[EditPlan, list[ValidationError]]:
    """The plan of an edit and every rule it breaks (writes nothing).

    ``changes`` may also give ``source_date`` (else today for a new source) and ``evidence``
    (else graded from the source; a chosen level is capped by that grade).
    """
    today = today or dt.date.today()
    stored = load_cell(db, iso3=iso3, instrument=instrument)
    problems: list[ValidationError] = []
    values: dict[str, object] = {}
    changes = dict(changes)
    source_date = changes.pop("source_date", None)
    source_date = source_date.strip() if isinstance(source_date, str) else source_date
    claimed = changes.pop("evidence", None)  # capped by the grade of the cited source
    for field, value in changes.items():
        try:
            values[str(field)] = _normalise(str(field), value)
        except ValidationError as err:
            problems.append(err)
    try:
        url = check_url("source_url", source_url)
    except ValidationError as err:
        problems.append(err)
        url = None if source_url is None else str(source_url).strip()
    wanted_in_force = values.pop("in_force_date", None)
    merged = {k: stored.get(k) for k in (*AUDITED, "iso3", "instrument")}
    merged.update(values)
    merged["source_url"] = url
    merged["checked_on"] = today.isoformat()
    # The cited page describes the record as of the day it was read, unless its date is given.
    if source_date not in (None, ""):
        try:
            day = parse_partial_date("source_date", source_date)
            merged["source_date"] = day.text
            if day.first > today:
                raise ValidationError(
                    "source_date",
                    f"{day.text} is after today, the day the cell is checked against the source",
                )
        except ValidationError as err:
            problems.append(err)
    elif url != stored.get("source_url") or not stored.get("source_date"):
        merged["source_date"] = today.isoformat()
    # The note speaks about the source only if it was written for it: edited now, or the
    # stored grade (same URL, same note) stands; a new URL is graded by itself. A form sends
    # the note unchanged: that is not a note written now.
    if "note" in values and values["note"] != stored.get("note"):
        merged["evidence"] = grade(url or "", str(merged.get("note") or "")).value
    elif url == stored.get("source_url") and stored.get("evidence"):
        merged["evidence"] = stored["evidence"]
    else:
        same = url == stored.get("source_url")
        merged["evidence"] = grade(url or "", str(merged.get("note") or "") if same else "").value
    if claimed not in (None, ""):
        try:
            merged["evidence"] = capped_claim(claimed, cap=merged["evidence"]).value
        except ValidationError as err:
            problems.append(err)
    if not stored["version"] and merged.get("verified") is None:
        merged["verified"] = 0
    consent_changed = merged.get("consent_date") != stored.get("consent_date")
    if consent_changed or wanted_in_force not in (None, stored.get("in_force_date")):
        try:
            parse_partial_date("consent_date", merged.get("consent_date"))
            derived_text = (
                derived_in_force(
                    merged.get("consent_date"),
                    rule=stored["in_force_rule"],
                    instrument_in_force=parse_date(
                        "entry_into_force", stored["instrument_in_force"]
                    ),
                )
                or None
            )
        except ValidationError:
            derived_text = None  # the bad consent date is reported by cell_problems
        if wanted_in_force is not None and wanted_in_force != derived_text:
            problems.append(
                ValidationError(
                    "in_force_date",
                    f"{wanted_in_force} is not the date derived from the consent date and "
                    f"the instrument's rule {stored['in_force_rule']} ({derived_text or 'none'})",
                )
            )
        merged["in_force_date"] = derived_text
    problems.extend(cell_problems(merged, body=stored["body"], today=today))
    old = {f: stored.get(f) for f in AUDITED if merged.get(f) != stored.get(f)}
    new = {f: merged.get(f) for f in old}
    plan = EditPlan(
        iso3=merged["iso3"],
        instrument=merged["instrument"],
        body=stored["body"],
        version=int(stored["version"]),
        exists=bool(stored["version"]),
        cell=merged,
        old=old,
        new=new,
        implied=UNAUDITED_ALONE
        - ({"source_date"} if source_date not in (None, "") else set())
        - ({"evidence"} if claimed not in (None, "") else set()),
    )
    return plan, _dedupe(problems)


def _dedupe(problems: list[ValidationError]) -> list[ValidationError]:
    seen: dict[str, ValidationError] = {}
    for p in problems:
        seen.setdefault(str(p), p)
    return list(seen.values())


def prepare(
    db: Database,
    *,
    iso3: object,
    instrument: object,
    changes: Mapping[str, object],
    source_url: object,
    today: dt.date | None = None,
) -> EditPlan:
    """Validate an edit without writing; raises the errors :func:`apply_edit` would raise."""
    plan, problems = plan_edit(
        db, iso3=iso3, instrument=instrument, changes=changes, source_url=source_url, today=today
    )
    if problems:
        raise InvalidEdit(problems)
    if not set(plan.old) - plan.implied:
        raise NoChange(f"{plan.iso3}/{plan.instrument}: nothing to change")
    return plan


def required(field: str, value: object, what: str) -> list[ValidationError]:
    if value is None or not str(value).strip():
        return [ValidationError(field, f"{what} is required")]
    try:
        check_text(field, value)
    except ValidationError as err:
        return [err]
    if len(str(value)) > NOTE_MAX:
        return [ValidationError(field, f"is longer than {NOTE_MAX} characters")]
    return []
