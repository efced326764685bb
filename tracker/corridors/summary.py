"""Protection coverage of every origin for the core five: one table and its slide text.

Used by the presenter slide, the deck, the workbook's *Coverage* sheet and the static site, so
every export says the same thing (definitions in :mod:`tracker.corridors`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import pandas as pd
from sqlite_utils import Database

from tracker.corridors import coverage_on, desa_year, people
from tracker.corridors import data as corridor_data
from tracker.countries import display_names
from tracker.instruments import CORE
from tracker.matrix import cells

COLUMNS = ["iso3", "state", "year", "emigrants_total", "emigrants_tracked", "share_tracked"]
NOTE = (
    "Coverage = share of an origin's emigrants in the tracked Asian states who live in a state "
    "bound by the instrument (party or territory). UN DESA International Migrant Stock 2019 "
    "(stocks, not flows; by country of birth or citizenship). Taiwan is not in the DESA table."
)


def coverage_table(
    db: Database,
    *,
    as_of: dt.date,
    iso3: Iterable[str] | None = None,
    instruments: Sequence[str] = CORE,
) -> pd.DataFrame:
    """One row per origin (largest emigrant stock in tracked states first), a column per core
    instrument with its coverage (0..1); ``instruments`` narrows the columns (e.g. one slide)."""
    flows = corridor_data.frame(db)
    stored = cells(db, instruments=list(instruments))
    out: pd.DataFrame | None = None
    for code in instruments:
        part = stored[stored["instrument"] == code]
        cov = coverage_on(flows, part, instrument=code, day=as_of).set_index("iso3")
        if out is None:
            out = cov[["year", "emigrants_total", "emigrants_tracked", "share_tracked"]].copy()
        out[code] = cov["coverage"]
    assert out is not None
    out = out.reset_index()
    if iso3 is not None:
        out = out[out["iso3"].isin(set(iso3))]
    names = display_names()
    out.insert(1, "state", out["iso3"].map(lambda c: names.get(c, c)))
    return out.sort_values(
        ["emigrants_tracked", "iso3"], ascending=[False, True], ignore_index=True
    )


def slide_text(table: pd.DataFrame, *, code: str = "ICRMW", top: int = 7) -> tuple[str, list[str]]:
    """A title and one line per largest origin: "Nepal: 2% of 2.00 million … live where … binds"."""
    year = int(table["year"].iloc[0]) if not table.empty else desa_year(dt.date.today())
    title = f"Protection coverage: where {code} binds"
    lines = [
        f"{r['state']}: {r[code]:.0%} of {people(int(r['emigrants_tracked']))} emigrants in "
        f"tracked states ({r['share_tracked']:.0%} of all its emigrants)"
        for r in table.head(top).to_dict("records")
        if r["emigrants_tracked"]
    ]
    lines.append(f"UN DESA {year} stocks; Taiwan not reported")
    return title, lines


def sheet_frame(table: pd.DataFrame) -> pd.DataFrame:
    """The table for a spreadsheet or web page: shares as rounded fractions, counts as ints."""
    out = table[[*COLUMNS, *CORE]].copy()
    for col in ("share_tracked", *CORE):
        out[col] = out[col].round(4)
    return out


def presenter_step(table: pd.DataFrame, *, code: str = "ICRMW"):
    """The coverage slide for presenter mode (a :class:`tracker.views.presenter.Step`)."""
    from tracker.views.presenter import Step

    title, lines = slide_text(table, code=code, top=5)  # room for the map on a projector
    return Step(
        title=title,
        subtitle="Share of each origin's emigrants in tracked states who live where it binds",
        lines=lines,
        instrument=code,
    )
