"""The snapshot every export is made from: cells, scope, as-of date and their provenance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlite_utils import Database

from tracker.countries import GROUPS
from tracker.countries import group as find_group
from tracker.matrix import cells
from tracker.provenance import (
    checked_range,
    citation,
    footer_facts,
)
from tracker.status import STATUS_COLOURS, STATUS_SHORT, Status


@dataclass(frozen=True)
class Report:
    """The cells of one export plus the provenance it must carry."""

    cells: pd.DataFrame
    as_of: dt.date
    group: str | None
    instruments: str
    citation: str
    footer: str
    checked: str
    unverified: int

    @property
    def scope(self) -> str:
        """The states covered, in words: a group's label or "All 51 states"."""
        return GROUPS[self.group].label if self.group else "All 51 states"


def snapshot(
    db: Database,
    *,
    instruments: str = "core",
    group: str | None = None,
    as_of: dt.date | None = None,
) -> Report:
    """Load the cells for an export (as of ``as_of``, default today) with their provenance."""
    day = as_of or dt.date.today()
    group = find_group(group).name if group else None
    df = cells(db, instruments=instruments, group=group, as_of=day)
    return Report(
        cells=df,
        as_of=day,
        group=group,
        instruments=instruments,
        citation=citation(db, as_of=day, levels=df["evidence"]),
        footer=footer_facts(db, as_of=day, levels=df["evidence"]),
        checked=checked_range(db),
        unverified=int((~df["verified"]).sum()),
    )


_DARK_TEXT = {Status.NOT_ELIGIBLE, Status.SIGNATORY, Status.TERRITORY, Status.UNKNOWN}


def cell_colours(label: object) -> tuple[str, str] | None:
    """Background and text colour (``#RRGGBB``) of a matrix cell label, as the app shows it."""
    if not isinstance(label, str):
        return None
    for status, short in STATUS_SHORT.items():
        if label.startswith(short):
            return STATUS_COLOURS[status], "#222222" if status in _DARK_TEXT else "#FFFFFF"
    return None
