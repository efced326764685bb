"""Exports of the matrix in long format (CSV, JSON), carrying provenance per row."""

from __future__ import annotations

import datetime as dt
import io
import json

import pandas as pd

from tracker.exports.cells import safe_frame
from tracker.matrix import EXPORT_COLUMNS, export_frame


def to_csv(df: pd.DataFrame, *, as_of: dt.date | None = None) -> str:
    """Long-format CSV text with exactly :data:`EXPORT_COLUMNS` (plus ``as_of`` when given)."""
    buf = io.StringIO()
    frame = export_frame(df)
    if as_of is not None:
        frame = frame.assign(as_of=as_of.isoformat())
    safe_frame(frame).to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def to_json(df: pd.DataFrame, *, as_of: str | None = None, citation: str | None = None) -> str:
    """JSON object with ``rows`` (export columns) plus the as-of date and citation."""
    rows = export_frame(df).to_dict("records")
    payload = {"as_of": as_of, "citation": citation, "columns": EXPORT_COLUMNS, "rows": rows}
    return json.dumps(payload, ensure_ascii=False, indent=1)
