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


def map_text(df: pd.DataFrame, *, instrument: str | None = None) -> pd.DataFrame:
    """The map's facts as a table (its text alternative): one row per state, A–Z.

    Core-gaps view (``instrument`` None): gaps of the instruments in ``df`` and which ones;
    one instrument: its status in words and the dates behind it.
    """
    if instrument is not None:
        mine = df[df["instrument"] == instrument].sort_values("country")
        return pd.DataFrame(
            {
                "state": mine["country"],
                "status": [
                    cell_label(s, v) for s, v in zip(mine["status"], mine["verified"], strict=True)
                ],
                "signed": mine["signature_date"].fillna(""),
                "ratified / acceded": mine["consent_date"].fillna(""),
                "denounced": mine["denunciation_date"].fillna(""),
            }
        ).reset_index(drop=True)
    rows = []
    for (_, country), part in df.groupby(["iso3", "country"], sort=False):
        eligible = part[part["status"] != Status.NOT_ELIGIBLE.value]
        missing = ", ".join(eligible.loc[eligible["gap"], "instrument"])
        rows.append(
            {
                "state": country,
                "gaps": f"{int(eligible['gap'].sum())} of {len(eligible)}"
                if len(eligible)
                else "cannot join",
                "not ratified": missing or "—",
            }
        )
    out = pd.DataFrame(rows, columns=["state", "gaps", "not ratified"])
    return out.sort_values("state").reset_index(drop=True)
