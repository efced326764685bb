"""Formula-injection guard for every CSV and XLSX cell the tracker writes (OWASP rule).

A spreadsheet treats a cell that begins with ``=``, ``+``, ``-``, ``@``, tab or carriage
return as a formula. Every *text* cell that begins with one of them is prefixed with ``'``,
which spreadsheets read as "this is text". Typed numbers, booleans and dates are written as
values, not text, so they pass unchanged: a negative score stays a number. ISO dates
(``2024-01-10``) and http(s) URLs begin with a digit or a letter and are never touched.
"""

from __future__ import annotations

import pandas as pd

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """``value`` with a leading ``'`` when it is text that a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell (and column name) passed through safe_cell."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column].dtype):
            out[column] = out[column].map(safe_cell)
    out.columns = [safe_cell(c) for c in out.columns]
    return out


def unquote_cell(value: str) -> str:
    """Undo :func:`safe_cell` for a value read back from a downloaded CSV (bulk upload)."""
    if value.startswith("'") and value[1:].startswith(TRIGGERS):
        return value[1:]
    return value
