"""Plotly figures built from the matrix DataFrames (no streamlit here).

The map uses plotly's ISO-3 country shapes, which ``static/`` serves locally (see
:mod:`tracker.views.geo`); small states get a marker in the same colour so they can be seen and
hovered at Asia scale.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from tracker.evidence import LABELS as EVIDENCE_LABELS
from tracker.evidence import Evidence
from tracker.status import STATUS_COLOURS, STATUS_LABELS, Status
from tracker.views.geo import SMALL_STATES

# Sequential, colour-blind-safe scale for counts (light = few gaps, dark = many).
GAP_SCALE = "Cividis_r"
GEO_LAYOUT = dict(
    scope="world",
    resolution=50,
    projection_type="natural earth",
    fitbounds="locations",
    showcountries=True,
    countrycolor="#FFFFFF",
    showland=True,
    landcolor="#EEEEEE",
    showframe=False,
    bgcolor="rgba(0,0,0,0)",
)


def _fmt(value: object) -> str:
    return str(value) if value not in (None, "") and value == value else "—"


def hover_text(row: dict) -> str:
    """Hover label for one state × instrument cell: status, dates, source, verification."""
    label = STATUS_LABELS[Status(row["status"])]
    lines = [f"<b>{row['country']}</b>", f"{row['instrument']}: {label}"]
    for key, name in (
        ("signature_date", "Signed"),
        ("consent_date", "Ratified/acceded"),
        ("in_force_date", "In force"),
        ("denunciation_date", "Denounced"),
    ):
        if _fmt(row.get(key)) != "—":
            lines.append(f"{name}: {row[key]}")
    source = str(row.get("source_url") or "")
    host = source.split("/")[2] if source.count("/") >= 2 else source
    evidence = Evidence(str(row.get("evidence") or Evidence.NONE.value))
    checked = row.get("checked_on")
    checked_text = f"checked {checked}" if _fmt(checked) != "—" else "never checked"
    lines.append(f"Source: {host} ({checked_text})")
    lines.append(f"Evidence: {EVIDENCE_LABELS[evidence]}")
    return "<br>".join(lines)


def status_map(df: pd.DataFrame, *, instrument: str, height: int = 560) -> go.Figure:
    """Choropleth of one instrument's status per state, one legend entry per status."""
    cells = df[df["instrument"] == instrument].copy()
    cells["hover"] = [hover_text(r) for r in cells.to_dict("records")]
    fig = go.Figure()
    for status in Status:
        part = cells[cells["status"] == status.value]
        if part.empty:
            continue
        colour = STATUS_COLOURS[status]
        fig.add_trace(
            _flat_choropleth(
                part, colour=colour, name=STATUS_LABELS[status], legendgroup=status.value
            )
        )
        small = part[part["iso3"].isin(SMALL_STATES)]
        if not small.empty:
            fig.add_trace(
                _markers(small, colour=colour, name=STATUS_LABELS[status], legendgroup=status.value)
            )
    _layout(fig, height=height)
    fig.update_layout(legend=dict(title=dict(text=instrument), orientation="v", x=0, y=0.02))
    return fig


def gap_map(df: pd.DataFrame, *, height: int = 560, title: str = "Gaps") -> go.Figure:
    """Choropleth of the number of gaps per state among the instruments in ``df``.

    States that cannot join any of the instruments (Taiwan for the core five) are grey, not
    "no gaps": they are out of reach of ratification, not done with it.
    """
    eligible = df[df["status"] != Status.NOT_ELIGIBLE.value]
    counts = eligible.groupby("iso3").agg(gaps=("gap", "sum"), total=("instrument", "count"))
    missing = eligible[eligible["gap"]].groupby("iso3")["instrument"].agg(", ".join)
    counts["missing"] = missing.reindex(counts.index).fillna("")
    per_state = (
        df[["iso3", "country"]].drop_duplicates().merge(counts.reset_index(), on="iso3", how="left")
    )
    per_state["hover"] = [
        f"<b>{r.country}</b><br>{int(r.gaps)} of {int(r.total)} not ratified"
        + (f"<br>Missing: {r.missing}" if r.missing else "")
        if r.total == r.total
        else f"<b>{r.country}</b><br>{STATUS_LABELS[Status.NOT_ELIGIBLE]}"
        for r in per_state.itertuples()
    ]
    top = int(df.groupby("iso3")["instrument"].count().max() or 1)
    reach = per_state[per_state["total"].notna()]
    fig = go.Figure(
        go.Choropleth(
            locations=reach["iso3"],
            locationmode="ISO-3",
            z=reach["gaps"],
            zmin=0,
            zmax=top,
            colorscale=GAP_SCALE,
            colorbar=dict(title=dict(text=title), thickness=14, len=0.6),
            showlegend=False,
            **_hover(reach),
            **_OUTLINE,
        )
    )
    out = per_state[per_state["total"].isna()]
    if not out.empty:
        fig.add_trace(
            _flat_choropleth(
                out,
                colour=STATUS_COLOURS[Status.NOT_ELIGIBLE],
                name=STATUS_LABELS[Status.NOT_ELIGIBLE],
            )
        )
    small = reach[reach["iso3"].isin(SMALL_STATES)]
    fig.add_trace(_markers(small, colour=small["gaps"], cmin=0, cmax=top, colorscale=GAP_SCALE))
    _layout(fig, height=height)
    fig.update_layout(legend=dict(orientation="h", x=0, y=0.02))
    return fig


_OUTLINE = dict(marker_line_color="#FFFFFF", marker_line_width=0.6)


def _hover(part: pd.DataFrame) -> dict:
    """Hover text and click payload (the ISO3 code) shared by every map trace."""
    return dict(text=part["hover"], customdata=part["iso3"], hovertemplate="%{text}<extra></extra>")


def _flat_choropleth(
    part: pd.DataFrame, *, colour: str, name: str, legendgroup: str | None = None
) -> go.Choropleth:
    """States of one category in one colour, with a legend entry naming the category."""
    return go.Choropleth(
        locations=part["iso3"],
        locationmode="ISO-3",
        z=[1] * len(part),
        colorscale=[[0, colour], [1, colour]],
        showscale=False,
        name=name,
        legendgroup=legendgroup,
        showlegend=True,
        **_hover(part),
        **_OUTLINE,
    )


def _markers(
    part: pd.DataFrame,
    *,
    colour: object,
    name: str | None = None,
    legendgroup: str | None = None,
    **marker: object,
) -> go.Scattergeo:
    """Markers for states too small to see or hover at Asia scale (``SMALL_STATES``)."""
    return go.Scattergeo(
        lat=[SMALL_STATES[c][0] for c in part["iso3"]],
        lon=[SMALL_STATES[c][1] for c in part["iso3"]],
        mode="markers",
        marker=dict(size=11, color=colour, line=dict(color="#333333", width=1), **marker),
        name=name,
        legendgroup=legendgroup,
        showlegend=False,
        **_hover(part),
    )


def _layout(fig: go.Figure, *, height: int) -> None:
    fig.update_geos(**GEO_LAYOUT)
    fig.update_layout(
        height=height,
        margin=dict(l=0, r=0, t=10, b=0),
        paper_bgcolor="rgba(0,0,0,0)",
        clickmode="event+select",
        dragmode=False,
        # Tooltips: near-black on white (WCAG AA, about 18:1), whatever the state's colour.
        hoverlabel=dict(bgcolor="#FFFFFF", font_color="#111111", bordercolor="#333333"),
    )


def parties_over_time(df: pd.DataFrame, *, instrument: str) -> go.Figure:
    """Cumulative number of Asian parties by year of consent (ratification/accession)."""
    cells = df[
        (df["instrument"] == instrument) & df["consent_date"].notna() & (df["consent_date"] != "")
    ]
    years = pd.to_datetime(cells["consent_date"]).dt.year.value_counts().sort_index()
    cumulative = years.cumsum()
    fig = go.Figure(
        go.Scatter(
            x=cumulative.index,
            y=cumulative.values,
            mode="lines+markers",
            line=dict(shape="hv", color=STATUS_COLOURS[Status.PARTY]),
            hovertemplate="%{x}: %{y} Asian parties<extra></extra>",
        )
    )
    fig.update_layout(
        height=340,
        margin=dict(l=10, r=10, t=10, b=10),
        xaxis_title="Year",
        yaxis_title="Asian parties (cumulative)",
    )
    return fig
