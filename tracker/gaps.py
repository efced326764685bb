"""Gaps phrased for campaigners: per-state lists, asks and peers."""

from __future__ import annotations

import pandas as pd

from tracker.dates import human
from tracker.matrix import gap_counts


def _known(value: object) -> bool:
    return bool(value) and value == value  # NaN (a missing date read by pandas) is not known


def _fmt(value: object) -> str:
    return human(value) if _known(value) else ""


def ask(cell: dict) -> str:
    """One gap phrased as an ask: "signed ICRMW Migrant Workers Convention on 27 Sep 2004 — …".

    The instrument is named by ``instrument_name`` when the cell has one, else by its code.
    """
    status = cell["status"]
    name = cell.get("instrument_name")
    code = name if isinstance(name, str) and name else cell["instrument"]
    if status == "signatory":
        when = (
            f" on {_fmt(cell.get('signature_date'))}" if _known(cell.get("signature_date")) else ""
        )
        return f"signed {code}{when} — not yet ratified"
    if status == "denounced":
        when = (
            f" on {_fmt(cell.get('denunciation_date'))}"
            if _known(cell.get("denunciation_date"))
            else ""
        )
        return f"denounced {code}{when} — re-ratify"
    if status == "none":
        return (
            f"has not ratified {code}"
            if cell.get("body") == "ILO"
            else (f"has not signed or ratified {code}")
        )
    raise ValueError(f"{cell['instrument']}: status {status!r} is not a gap")


def gap_table_text(df: pd.DataFrame) -> str:
    """Plain-text table: one line per state with its gap count and the gaps themselves."""
    counts = gap_counts(df)
    lines = [f"{'state':<24} {'gaps':>4}  missing"]
    for row in counts.itertuples():
        state_cells = df[(df["iso3"] == row.iso3) & df["gap"]]
        missing = ", ".join(
            f"{c.instrument}{' (signed)' if c.status == 'signatory' else ''}"
            f"{' (denounced)' if c.status == 'denounced' else ''}"
            for c in state_cells.itertuples()
        )
        lines.append(f"{row.country:<24} {row.gaps:>4}  {missing or '—'}")
    total = int(counts["gaps"].sum())
    lines.append(f"{len(counts)} states, {total} gaps")
    return "\n".join(lines)
