"""What every export carries: the citation, the sources table, the checked-on range, as-of date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from sqlite_utils import Database

from tracker.countries import GROUPS
from tracker.countries import group as find_group
from tracker.errors import TrackerError
from tracker.footer import LICENCE, footer_facts, provenance, source_line
from tracker.matrix import cells
from tracker.status import STATUS_COLOURS, STATUS_SHORT, Status

TITLE = "Ratification Gap Tracker"
SOURCE_COLUMNS = ["producer", "title", "url", "accessed_on", "licence", "sha256"]


class ExportError(TrackerError):
    """An export (image, deck, brief, bundle) that cannot be produced on this machine."""


def checked_range(db: Database) -> str:
    """The checked-on dates of the stored cells: "2026-11-23" or "2026-01-05 to 2026-11-23"."""
    p = provenance(db)
    lo, hi = p["checked_from"], p["checked_to"]
    return str(lo) if lo == hi else f"{lo} to {hi}"


def citation(db: Database, *, as_of: dt.date, levels: Iterable[object] | None = None) -> str:
    """How to cite an export: title, as-of date, the sources its cells rest on, checked-on range.

    ``levels`` are the evidence levels of the exported cells (default: every stored cell); the
    line never claims a stronger source than they hold.
    """
    shown = provenance(db)["levels"] if levels is None else levels
    return (
        f"{TITLE}: ratification of migrant-rights instruments by 51 Asian states, status as of "
        f"{as_of.isoformat()}. {source_line(shown)} (checked on {checked_range(db)}); UN DESA "
        f"International Migrant Stock 2020. {LICENCE}."
    )


def sources_frame(db: Database) -> pd.DataFrame:
    """The ``sources`` table: producer, title, URL, date accessed, licence, checksum."""
    rows = list(db["sources"].rows_where(order_by="id"))
    return pd.DataFrame(rows, columns=["id", *SOURCE_COLUMNS]).drop(columns="id")


@dataclass(frozen=True)
class Snapshot:
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
) -> Snapshot:
    """Load the cells for an export (as of ``as_of``, default today) with their provenance."""
    day = as_of or dt.date.today()
    group = find_group(group).name if group else None
    df = cells(db, instruments=instruments, group=group, as_of=day)
    return Snapshot(
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
