"""The provenance line shown under every page and carried by exports."""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

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
