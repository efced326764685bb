"""Plotly figures for the Corridors page: the other end's map and coverage over time.

The map is one function, :func:`corridor_map`, built on the offline helpers of
:mod:`tracker.views.charts` (shapes served from ``static/``), so it can be swapped for another map.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from tracker.corridors import people
from tracker.status import STATUS_COLOURS, Status
from tracker.views.charts import status_map


def corridor_map(
    cells: pd.DataFrame, stock: pd.Series, *, instrument: str, noun: str, height: int = 520
) -> go.Figure:
    """States at the other end coloured by ``instrument`` status, a bubble sized by ``stock``.

    ``cells`` are the instrument's status cells (the states shown); ``stock`` maps ISO3 to the
    corridor size; ``noun`` completes the hover line ("people born in Nepal").
    """
    shown = cells[cells["iso3"].isin(stock.index)]
    fig = status_map(shown, instrument=instrument, height=height)
    sizes = stock.reindex(shown["iso3"]).fillna(0)
    top = float(sizes.max() or 1)
    fig.add_trace(
        go.Scattergeo(
            locations=shown["iso3"],
            locationmode="ISO-3",
            mode="markers",
            marker=dict(
                size=[6 + 34 * (v / top) ** 0.5 for v in sizes],
                color="rgba(0,0,0,0.15)",
                line=dict(color="#000000", width=1),
            ),
            text=[
                f"<b>{c}</b><br>{people(int(v))} {noun}"
                for c, v in zip(shown["country"], sizes, strict=True)
            ],
            customdata=shown["iso3"],
            hovertemplate="%{text}<extra></extra>",
            name="corridor size",
            showlegend=True,
        )
    )
    return fig


def coverage_over_time(series: pd.DataFrame, *, instrument: str) -> go.Figure:
    """Coverage (0..1) per DESA year as a line, 1990–2019."""
    fig = go.Figure(
        go.Scatter(
            x=series["year"],
            y=series["coverage"],
            mode="lines+markers",
            line=dict(color=STATUS_COLOURS[Status.PARTY]),
            hovertemplate=f"%{{x}}: %{{y:.0%}} live where {instrument} binds<extra></extra>",
        )
    )
    fig.update_layout(
        height=300,
        margin=dict(l=10, r=10, t=10, b=10),
        xaxis_title="UN DESA year (statuses on 1 July)",
        yaxis=dict(title="coverage", tickformat=".0%", range=[0, 1]),
    )
    return fig
