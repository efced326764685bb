"""The states × instruments matrix: one long table of cells, optionally as of a past date."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

import pandas as pd
from sqlite_utils import Database

from tracker.asof import statuses_on
from tracker.countries import group_members
from tracker.evidence import WEAK, Evidence
from tracker.instruments import display_names, resolve_codes
from tracker.schema import EXPORT_COLUMNS
from tracker.status import GAP_STATUSES

_CELLS_SQL = """
select s.iso3, c.display_name as country, s.instrument, s.status, s.signature_date,
       s.consent_date, s.consent_kind, s.in_force_date, s.denunciation_date,
       s.denunciation_kind, s.source_url, s.source_date, s.checked_on, s.evidence, s.note,
       s.version,
       i.body, i.short_title, i.sort_order
from status s
join countries c on c.iso3 = s.iso3
join instruments i on i.code = s.instrument
"""

_NUMBER_COLUMNS = {"version", "sort_order"}


def cells(
    db: Database,
    *,
    instruments: str | Iterable[str] | None = None,
    group: str | None = None,
    iso3: Iterable[str] | None = None,
    as_of: dt.date | None = None,
) -> pd.DataFrame:
    """Status cells as a DataFrame, filtered by instrument set/codes, group or states.

    With ``as_of`` the ``status`` column is recomputed as the world stood on that date (the
    stored current status is kept in ``current_status``); ``gap`` is True for gap statuses.
    """
    codes = resolve_codes(db, instruments)
    states = set(group_members(db, group, as_of=as_of)) if group else None
    if iso3 is not None:
        wanted = {c.upper() for c in iso3}
        states = wanted if states is None else states & wanted
    where, params = ["s.instrument in (select value from json_each(?))"], [json.dumps(codes)]
    if states is not None:
        where.append("s.iso3 in (select value from json_each(?))")
        params.append(json.dumps(sorted(states)))
    sql = f"{_CELLS_SQL} where {' and '.join(where)}"
    df = pd.read_sql_query(sql, db.conn, params=params)
    # Text columns as pandas strings (missing = NaN) however few rows the filter kept.
    text = [c for c in df.columns if c not in _NUMBER_COLUMNS]
    df[text] = df[text].astype("str")
    df = df.sort_values(["country", "sort_order"]).reset_index(drop=True)
    df["instrument_name"] = df["instrument"].map(display_names(db))
    df["current_status"] = df["status"]
    if as_of is not None:
        df["status"] = statuses_on(df, as_of)
    df["gap"] = df["status"].isin({s.value for s in GAP_STATUSES})
    df["evidence"] = df["evidence"].fillna(Evidence.NONE.value)
    # Shown without ⚠ only when the cell rests on a depositary or official source.
    df["verified"] = ~df["evidence"].isin({e.value for e in WEAK})
    return df


def export_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The export columns only, dates as ISO strings, empty where unknown."""
    out = df[EXPORT_COLUMNS].copy()
    for col in EXPORT_COLUMNS:
        out[col] = out[col].fillna("").astype(str)
    return out


def gap_counts(df: pd.DataFrame) -> pd.DataFrame:
    """Per state: number of gaps, parties and instruments considered, most gaps first."""
    flags = pd.DataFrame(
        {
            "iso3": df["iso3"],
            "country": df["country"],
            "gaps": df["gap"].astype("int64"),
            "parties": df["status"].eq("party").astype("int64"),
            "unknown": df["status"].eq("unknown").astype("int64"),
            "instruments": 1,
            "unverified": (~df["verified"].astype(bool)).astype("int64"),
        }
    )
    grouped = flags.groupby(["iso3", "country"], as_index=False).sum()
    return grouped.sort_values(["gaps", "country"], ascending=[False, True]).reset_index(drop=True)


def pivot(df: pd.DataFrame) -> pd.DataFrame:
    """States as rows, instruments as columns, status values in the cells."""
    order = df.drop_duplicates("instrument").sort_values("sort_order")["instrument"].tolist()
    wide = df.pivot(index="country", columns="instrument", values="status")
    return wide[order]
