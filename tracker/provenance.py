"""Provenance of the stored data: sources, checked-on range, citation and the footer line."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlite_utils import Database

TITLE = "Ratification Gap Tracker"
SOURCE_COLUMNS = ["producer", "title", "url", "accessed_on", "licence", "sha256"]
LICENCE = "Data compiled from public depositary records (UN Treaty Collection, ILO NORMLEX)"


def provenance(db: Database) -> dict[str, object]:
    """Checked-on range, unverified count and source titles of the stored data."""
    lo, hi, unverified, total = db.execute(
        "select min(checked_on), max(checked_on), sum(verified = 0), count(*) from status"
    ).fetchone()
    sources = [r["title"] for r in db["sources"].rows_where(order_by="id")]
    return {
        "checked_from": lo,
        "checked_to": hi,
        "unverified": int(unverified or 0),
        "cells": int(total),
        "sources": sources,
    }


def footer_facts(db: Database, *, as_of: dt.date) -> str:
    """One line: sources, checked-on range, data-as-of date, unverified cell count."""
    p = provenance(db)
    checked = (
        p["checked_from"]
        if p["checked_from"] == p["checked_to"]
        else f"{p['checked_from']} to {p['checked_to']}"
    )
    return (
        f"Sources: UN Treaty Collection and ILO NORMLEX status records; UN DESA International "
        f"Migrant Stock 2020. Checked on {checked}. Data as of {as_of.isoformat()}. "
        f"{p['unverified']} of {p['cells']} cells are unverified (marked ⚠). {LICENCE}."
    )


def checked_range(db: Database) -> str:
    """The checked-on dates of the stored cells: "2026-11-23" or "2026-01-05 to 2026-11-23"."""
    p = provenance(db)
    lo, hi = p["checked_from"], p["checked_to"]
    return str(lo) if lo == hi else f"{lo} to {hi}"


def citation(db: Database, *, as_of: dt.date) -> str:
    """How to cite an export: title, as-of date, depositary sources and checked-on range."""
    return (
        f"{TITLE}: ratification of migrant-rights instruments by 51 Asian states, status as of "
        f"{as_of.isoformat()}. Compiled from UN Treaty Collection and ILO NORMLEX depositary "
        f"records (checked on {checked_range(db)}); UN DESA International Migrant Stock 2020. "
        f"{LICENCE}."
    )


def sources_frame(db: Database) -> pd.DataFrame:
    """The ``sources`` table: producer, title, URL, date accessed, licence, checksum."""
    rows = list(db["sources"].rows_where(order_by="id"))
    return pd.DataFrame(rows, columns=["id", *SOURCE_COLUMNS]).drop(columns="id")
