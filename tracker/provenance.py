"""Provenance of the stored data: sources, checked-on range, citation and the footer line.

Every line is built from the evidence the shown cells actually hold, never claiming more.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

import pandas as pd
from sqlite_utils import Database

from tracker.evidence import Evidence

TITLE = "Ratification Gap Tracker"
SOURCE_COLUMNS = ["producer", "title", "url", "accessed_on", "licence", "sha256"]
LICENCE = "Compilation: Ratification Gap Tracker, CC BY 4.0; facts from public records"

# What each level rests on, in the words of the source line.
_SOURCE_WORDS: dict[Evidence, str] = {
    Evidence.DEPOSITARY: "the depositary records (UN Treaty Collection, ILO NORMLEX)",
    Evidence.OFFICIAL: "other official UN, ILO or government pages",
    Evidence.SECONDARY: "secondary sources (mirrors, scrapes, encyclopedias, news) ⚠",
    Evidence.NONE: "no source (not yet checked) ⚠",
}
_SHORT: dict[Evidence, str] = {
    Evidence.DEPOSITARY: "depositary",
    Evidence.OFFICIAL: "official",
    Evidence.SECONDARY: "secondary ⚠",
    Evidence.NONE: "not checked ⚠",
}


def evidence_counts(levels: Iterable[object]) -> dict[Evidence, int]:
    """Number of cells per evidence level, strongest first (levels with no cell left out)."""
    counts = Counter(Evidence(str(v) if v else Evidence.NONE.value) for v in levels)
    return {e: counts[e] for e in Evidence if counts[e]}


def evidence_summary(levels: Iterable[object]) -> str:
    """Counts per level in a few words: "46 depositary · 275 official · 993 secondary ⚠"."""
    return " · ".join(f"{n} {_SHORT[e]}" for e, n in evidence_counts(levels).items())


def source_line(levels: Iterable[object]) -> str:
    """Where the given cells come from, claiming no more than the weakest of them holds.

    Only when every cell rests on the depositary record does the line say "compiled from the
    depositary records"; otherwise it says how many cells rest on each kind of source.
    """
    counts = evidence_counts(levels)
    if not counts:
        return "No cells shown."
    if set(counts) == {Evidence.DEPOSITARY}:
        return f"Compiled from {_SOURCE_WORDS[Evidence.DEPOSITARY]}"
    total = sum(counts.values())
    parts = [f"{n} on {_SOURCE_WORDS[e]}" for e, n in counts.items()]
    return f"Of {total} cells: " + "; ".join(parts)


def provenance(db: Database) -> dict[str, object]:
    """Checked-on range, evidence levels, weak-cell count and source titles of the stored data."""
    lo, hi, total = db.execute(
        "select min(nullif(checked_on, '')), max(checked_on), count(*) from status"
    ).fetchone()
    levels = [r[0] for r in db.execute("select evidence from status").fetchall()]
    counts = evidence_counts(levels)
    sources = [r["title"] for r in db["sources"].rows_where(order_by="id")]
    return {
        "checked_from": lo,
        "checked_to": hi,
        "unverified": counts.get(Evidence.SECONDARY, 0) + counts.get(Evidence.NONE, 0),
        "cells": int(total),
        "evidence": counts,
        "levels": levels,
        "sources": sources,
    }


def footer_facts(db: Database, *, as_of: dt.date, levels: Iterable[object] | None = None) -> str:
    """One line: sources (with cell counts) by evidence level, checked-on range, as-of date.

    ``levels`` are the evidence levels of the cells shown (default: every stored cell).
    """
    p = provenance(db)
    shown = list(p["levels"] if levels is None else levels)
    checked = (
        p["checked_from"]
        if p["checked_from"] == p["checked_to"]
        else f"{p['checked_from']} to {p['checked_to']}"
    )
    return (
        f"{source_line(shown)}; UN DESA International Migrant Stock 2020. Checked on {checked}. "
        f"Data as of {as_of.isoformat()}. ⚠ = secondary source or not checked. {LICENCE}."
    )


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
