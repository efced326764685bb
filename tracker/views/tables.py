"""Styled tables (pandas Styler) for the matrix: colour plus text, never colour alone."""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

from tracker.matrix import pivot
from tracker.status import STATUS_COLOURS, STATUS_SHORT, Status

_TEXT_ON = {
    Status.NOT_ELIGIBLE: "#222222",
    Status.SIGNATORY: "#222222",
    Status.TERRITORY: "#222222",
    Status.UNKNOWN: "#222222",
}


def cell_label(status: str, verified: bool = True) -> str:
    """Text shown in a matrix cell: symbol and words, ⚠ when unverified."""
    label = STATUS_SHORT[Status(status)]
    return label if verified else f"{label} ⚠"


def _css(label: object) -> str:
    if not isinstance(label, str):
        return ""
    for status, short in STATUS_SHORT.items():
        if label.startswith(short):
            text = _TEXT_ON.get(status, "#FFFFFF")
            return f"background-color: {STATUS_COLOURS[status]}; color: {text}"
    return ""


def matrix_labels(df: pd.DataFrame, *, order: str = "gaps") -> pd.DataFrame:
    """Pivot of cell labels (states × instruments), with a leading gap-count column.

    ``order="gaps"`` puts the states with most gaps first (then by name); ``"name"`` sorts A–Z.
    """
    labels = [cell_label(s, v) for s, v in zip(df["status"], df["verified"], strict=True)]
    labelled = df.assign(label=labels)
    wide = pivot(labelled.assign(status=labelled["label"]))
    gaps = df.groupby("country")["gap"].sum().astype(int)
    wide.insert(0, "gaps", gaps.reindex(wide.index))
    if order == "gaps":
        wide = wide.assign(_name=wide.index).sort_values(["gaps", "_name"], ascending=[False, True])
        wide = wide.drop(columns="_name")
    elif order != "name":
        raise ValueError(f"unknown order {order!r}")
    return wide


def style_matrix(wide: pd.DataFrame) -> Styler:
    """Colour each status cell; the gap-count column stays plain."""
    cols = [c for c in wide.columns if c != "gaps"]
    return wide.style.map(_css, subset=cols)
