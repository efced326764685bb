"""Protection coverage along migration corridors (pure functions over DataFrames).

Definitions (also in the README):

**coverage(origin, instrument, date)** = migrants from ``origin`` living in tracked
destinations bound by the instrument on ``date`` (``party`` or ``territory``, by the as-of
rules of :func:`tracker.asof.statuses_on`), divided by all migrants from ``origin`` in tracked
destinations. The stock is UN DESA's for the latest DESA year (1990, 1995, …, 2015, 2019; each
a mid-year estimate, 1 July) on or before the date, 1990 for earlier dates.
**share_tracked** = migrants from ``origin`` in tracked destinations ÷ its emigrants in every
destination DESA reports, so that nobody reads 2% as "of everyone".
**Destination view**: a destination's migrants by origin, flagging those from origins bound
by the instrument when the destination is not.

Caveats: a stock is not a flow; DESA counts migrants by country of birth or, where that is not
recorded, by citizenship; Taiwan is not in the DESA table (no corridor to or from it).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from tracker.asof import statuses_on
from tracker.corridors.data import WORLD, YEARS

BOUND = frozenset({"party", "territory"})
COVERAGE_COLUMNS = [
    "iso3",
    "instrument",
    "as_of",
    "year",
    "coverage",
    "emigrants_tracked",
    "emigrants_total",
]
CORRIDOR_COLUMNS = [
    "destination",
    "state",
    "stock",
    "share",
    "origin_status",
    "destination_status",
    "ask",
]
ORIGIN_COLUMNS = ["origin", "state", "stock", "origin_status", "destination_status", "argument"]


def reference_day(year: int) -> dt.date:
    """The day a DESA estimate describes: mid-year (1 July)."""
    return dt.date(year, 7, 1)


def desa_year(day: dt.date) -> int:
    """The latest DESA year whose mid-year estimate is on or before ``day``; 1990 before that."""
    usable = [y for y in YEARS if reference_day(y) <= day]
    return usable[-1] if usable else YEARS[0]


def status_series(cells: pd.DataFrame, day: dt.date) -> pd.Series:
    """One instrument's cells → status on ``day`` by ISO3 (the as-of rules of tracker.asof)."""
    return pd.Series(statuses_on(cells, day).to_numpy(), index=cells["iso3"].to_numpy())


def coverage(
    corridors: pd.DataFrame, statuses: pd.Series, *, year: int, origin: str | None = None
) -> pd.DataFrame:
    """Coverage of every origin (or one) in ``year`` given destination statuses by ISO3.

    Columns: ``iso3``, ``year``, ``coverage`` (0..1, NaN with no tracked emigrants),
    ``emigrants_bound``, ``emigrants_tracked``, ``emigrants_total``, ``share_tracked``.
    """
    rows = corridors[corridors["year"].to_numpy() == year]
    if origin is not None:
        rows = rows[rows["origin"].to_numpy() == origin]
    world = rows["destination"].to_numpy() == WORLD
    totals = pd.Series(rows["stock"].to_numpy()[world], index=rows["origin"].to_numpy()[world])
    pairs = rows[~world]
    stock = pairs["stock"].to_numpy(dtype="int64")
    bound = pairs["destination"].map(statuses).isin(BOUND).to_numpy()
    by = pairs["origin"].to_numpy()
    tracked = pd.Series(stock).groupby(by).sum()
    covered = pd.Series(stock * bound).groupby(by).sum()
    out = pd.DataFrame({"emigrants_total": totals})
    out["emigrants_tracked"] = tracked.reindex(out.index, fill_value=0)
    out["emigrants_bound"] = covered.reindex(out.index, fill_value=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["coverage"] = out["emigrants_bound"] / out["emigrants_tracked"].replace(0, np.nan)
        out["share_tracked"] = out["emigrants_tracked"] / out["emigrants_total"]
    out = out.rename_axis("iso3").reset_index().sort_values("iso3", ignore_index=True)
    out.insert(1, "year", year)
    return out[
        [
            "iso3",
            "year",
            "coverage",
            "emigrants_bound",
            "emigrants_tracked",
            "emigrants_total",
            "share_tracked",
        ]
    ]


def coverage_on(
    corridors: pd.DataFrame,
    cells: pd.DataFrame,
    *,
    instrument: str,
    day: dt.date,
    origin: str | None = None,
) -> pd.DataFrame:
    """:func:`coverage` on ``day`` from the instrument's stored cells, with the CLI columns."""
    out = coverage(corridors, status_series(cells, day), year=desa_year(day), origin=origin)
    out.insert(1, "instrument", instrument)
    out.insert(2, "as_of", day.isoformat())
    return out[[*COVERAGE_COLUMNS, "emigrants_bound", "share_tracked"]]


def coverage_over_time(
    corridors: pd.DataFrame, cells: pd.DataFrame, *, origin: str
) -> pd.DataFrame:
    """Coverage of one origin for every DESA year, statuses as of that year's 1 July."""
    parts = [
        coverage(corridors, status_series(cells, reference_day(y)), year=y, origin=origin)
        for y in YEARS
    ]
    return pd.concat(parts, ignore_index=True)


def people(n: int) -> str:
    """A stock in words: 578,000; 1.23 million; 4,200; 730 (rounded, as DESA estimates are)."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.2f} million"
    if n >= 10_000:
        return f"{round(n, -3):,}"
    if n >= 1_000:
        return f"{round(n, -2):,}"
    return f"{n:,}"


def ask(host: str, stock: int, origin: str, *, year: int, code: str, status: str) -> str:
    """The corridor phrased for a campaign, e.g. "Malaysia hosts 578,000 people born in Nepal
    (UN DESA 2019) and has not ratified C189"."""
    head = f"{host} hosts {people(stock)} people born in {origin} (UN DESA {year})"
    if status in BOUND:
        how = "is bound by" if status == "party" else "is covered (territory) by"
        return f"{head} and {how} {code}"
    if status == "not_eligible":
        return f"{head} and cannot become party to {code}"
    if status == "signatory":
        return f"{head} and has signed but not ratified {code}"
    if status == "denounced":
        return f"{head} and has denounced {code}"
    if status in ("none", ""):
        return f"{head} and has not ratified {code}"
    return f"{head}; its status for {code} is not known"  # e.g. an `unknown` status


def corridor_table(
    corridors: pd.DataFrame,
    statuses: pd.Series,
    *,
    origin: str,
    year: int,
    code: str,
    names: dict[str, str],
) -> pd.DataFrame:
    """An origin's tracked destinations, largest first: stock, status at both ends, the ask."""
    rows = corridors[
        (corridors["year"].to_numpy() == year)
        & (corridors["origin"].to_numpy() == origin)
        & (corridors["destination"].to_numpy() != WORLD)
    ].sort_values(["stock", "destination"], ascending=[False, True])
    total = rows["stock"].sum()
    dest_status = rows["destination"].map(statuses).fillna("none")
    origin_name = names.get(origin, origin)
    return pd.DataFrame(
        {
            "destination": rows["destination"].to_numpy(),
            "state": [names.get(d, d) for d in rows["destination"]],
            "stock": rows["stock"].to_numpy(),
            "share": (rows["stock"] / total).to_numpy() if total else np.nan,
            "origin_status": statuses.get(origin, "none"),
            "destination_status": dest_status.to_numpy(),
            "ask": [
                ask(names.get(d, d), int(s), origin_name, year=year, code=code, status=st)
                for d, s, st in zip(rows["destination"], rows["stock"], dest_status, strict=True)
            ],
        },
        columns=CORRIDOR_COLUMNS,
    )


def destination_view(
    corridors: pd.DataFrame,
    statuses: pd.Series,
    *,
    destination: str,
    year: int,
    code: str,
    names: dict[str, str],
) -> pd.DataFrame:
    """A destination's migrants by tracked origin, largest first, with the "your workers' own
    governments ratified" argument where the origin is bound and the destination is not."""
    rows = corridors[
        (corridors["year"].to_numpy() == year)
        & (corridors["destination"].to_numpy() == destination)
    ].sort_values(["stock", "origin"], ascending=[False, True])
    here = statuses.get(destination, "none")
    origin_status = rows["origin"].map(statuses).fillna("none")
    host = names.get(destination, destination)
    arguments = [
        f"{people(int(s))} people born in {names.get(o, o)} live in {host}; "
        f"{names.get(o, o)} is bound by {code}, {host} is not"
        if st in BOUND and here not in BOUND
        else ""
        for o, s, st in zip(rows["origin"], rows["stock"], origin_status, strict=True)
    ]
    return pd.DataFrame(
        {
            "origin": rows["origin"].to_numpy(),
            "state": [names.get(o, o) for o in rows["origin"]],
            "stock": rows["stock"].to_numpy(),
            "origin_status": origin_status.to_numpy(),
            "destination_status": here,
            "argument": arguments,
        },
        columns=ORIGIN_COLUMNS,
    )


def bound_origin_stock(corridors: pd.DataFrame, statuses: pd.Series, *, year: int) -> pd.Series:
    """Per destination: migrants it hosts from tracked origins bound by the instrument."""
    rows = corridors[
        (corridors["year"].to_numpy() == year) & (corridors["destination"].to_numpy() != WORLD)
    ]
    bound = rows["origin"].map(statuses).isin(BOUND).to_numpy()
    stock = rows["stock"].to_numpy(dtype="int64") * bound
    return pd.Series(stock).groupby(rows["destination"].to_numpy()).sum()
