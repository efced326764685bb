"""After an edit conflict: apply my values on top of the new version (a three-way merge).

``base`` is the cell as the editor loaded it, ``theirs`` the cell stored now, ``mine`` the
editor's form values. The fields I changed (mine differs from base) are applied on top of
theirs; every other field keeps theirs. Where both changed the same field differently, mine
wins and the row is marked ``clash`` so the editor sees it. Saving goes through
:func:`tracker.edits.apply_edit` (the usual validation, version check and audit row).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlite_utils import Database

from tracker import edit_plan, edits
from tracker.errors import ValidationError

# Provenance an editor may state in the form besides the editable fields (optional).
CLAIMS = ("source_date", "evidence")


@dataclass(frozen=True)
class Merge:
    """My changes re-based onto the stored cell, and the three-way view of every field."""

    iso3: str
    instrument: str
    version: int
    changes: dict
    rows: list[dict]

    @property
    def clashes(self) -> list[str]:
        """Fields both editors changed to different values (mine wins)."""
        return [r["field"] for r in self.rows if r["clash"]]


def _stored(field: str, value: object) -> object:
    try:
        return edit_plan.normalise(field, value)
    except ValidationError:
        return value  # shown as typed; apply_edit reports the rule


def rebase(
    db: Database,
    *,
    iso3: str,
    instrument: str,
    base: Mapping[str, object],
    mine: Mapping[str, object],
) -> Merge:
    """The merge of ``mine`` (form values, edited from ``base``) onto the cell stored now."""
    theirs = edits.load_cell(db, iso3=iso3, instrument=instrument)
    changes: dict = {}
    rows: list[dict] = []
    for field, typed in mine.items():
        if field in CLAIMS and typed not in (None, ""):
            changes[field] = typed  # a chosen level or source date: checked again at save
            now, was = theirs.get(field), base.get(field, theirs.get(field))
            rows.append(
                {
                    "field": field,
                    "loaded": was,
                    "theirs": now,
                    "mine": typed,
                    "result": typed,
                    "clash": now != was and now != typed,
                }
            )
            continue
        if field not in edits.EDITABLE:
            continue
        value = _stored(field, typed)
        now = theirs.get(field)
        was = base[field] if field in base else now
        mine_changed = value != was
        if mine_changed:
            changes[field] = typed
        rows.append(
            {
                "field": field,
                "loaded": was,
                "theirs": now,
                "mine": value,
                "result": value if mine_changed else now,
                "clash": mine_changed and now != was and now != value,
            }
        )
    return Merge(
        iso3=theirs["iso3"],
        instrument=theirs["instrument"],
        version=int(theirs["version"]),
        changes=changes,
        rows=rows,
    )


def apply(db: Database, merge: Merge, *, actor: str, reason: str, source_url: str) -> int:
    """Save the merge result as a normal audited edit of the version it was based on."""
    return edits.apply_edit(
        db,
        actor=actor,
        iso3=merge.iso3,
        instrument=merge.instrument,
        changes=merge.changes,
        reason=reason,
        source_url=source_url,
        expected_version=merge.version,
    )
