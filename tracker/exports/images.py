"""Static images (PNG, PDF, SVG) of the map and charts via kaleido and the local Chromium.

Offline by construction: the map shapes come from ``static/`` (see
:func:`tracker.views.geo.use_local_topojson_for_static_export`), plotly.js from the python plotly
package, and MathJax (fetched from a CDN by default) is switched off.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import plotly.graph_objects as go

from tracker.errors import ExportError
from tracker.exports.report import Report
from tracker.views.charts import gap_map, parties_over_time, status_map
from tracker.views.geo import use_local_topojson_for_static_export

FORMATS = ("png", "pdf", "svg")
_KOPTS = {"mathjax": False}
_NO_CHROMIUM = "image export needs Chromium (apt-get install chromium) at /usr/bin/chromium"
_server = {"open": False}  # set by renderer(); kopts must not be passed while it runs


def figure_bytes(
    fig: go.Figure, *, fmt: str = "png", width: int = 1400, height: int = 800, scale: float = 1
) -> bytes:
    """Render a plotly figure to ``fmt`` bytes with kaleido (raises :class:`ExportError`)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown image format {fmt!r}; known: {', '.join(FORMATS)}")
    try:
        import kaleido
        from kaleido.errors import ChromeNotFoundError
    except ImportError as err:  # pragma: no cover - kaleido is a runtime requirement
        raise ExportError("image export needs kaleido (pip install 'kaleido>=1.0')") from err
    topojson = use_local_topojson_for_static_export()
    opts = {"format": fmt, "width": width, "height": height, "scale": scale}
    try:
        kopts = {} if _server["open"] else {"kopts": _KOPTS}
        return kaleido.calc_fig_sync(fig.to_dict(), opts=opts, topojson=topojson, **kopts)
    except ChromeNotFoundError as err:
        raise ExportError(_NO_CHROMIUM) from err


@contextmanager
def renderer() -> Iterator[None]:
    """Keep one Chromium open while several images are rendered (first ~3 s, then ~1 s each)."""
    import kaleido

    if _server["open"]:  # nested: the outer renderer owns the browser
        yield
        return
    from kaleido.errors import ChromeNotFoundError

    try:
        kaleido.start_sync_server(silence_warnings=True, **_KOPTS)
    except ChromeNotFoundError as err:
        raise ExportError(_NO_CHROMIUM) from err
    _server["open"] = True
    try:
        yield
    finally:
        _server["open"] = False
        kaleido.stop_sync_server(silence_warnings=True)


def chart_figure(snap: Report, chart: str = "gaps", *, height: int = 800) -> go.Figure:
    """The figure for ``chart``: the gap map, an instrument's status map or its timeline."""
    df = snap.cells
    if chart == "gaps":
        return gap_map(df, height=height, title="Gaps")
    if chart == "timeline":
        return parties_over_time(df, instrument="ICRMW")
    if chart in set(df["instrument"]):
        return status_map(df, instrument=chart, height=height)
    raise ExportError(f"unknown chart {chart!r}; use gaps, timeline or an instrument code")


def chart_image(
    snap: Report, chart: str = "gaps", *, fmt: str = "png", width: int = 1400, height: int = 800
) -> bytes:
    """A dated image of one chart: title line with the as-of date, source line underneath.

    Maps as PNG or SVG come from the SVG map (:mod:`tracker.exports.map_image`, no browser, ~1 s).
    """
    if fmt in ("png", "svg") and chart != "timeline":
        from tracker.exports.map_image import map_image

        return map_image(snap, chart, fmt=fmt, width=width, height=height)
    fig = chart_figure(snap, chart, height=height)
    label = {"gaps": "Core ratification gaps", "timeline": "ICRMW: Asian parties over time"}
    fig.update_layout(
        title=dict(text=f"{label.get(chart, chart)} — as of {snap.as_of:%d %B %Y}", x=0.01),
        margin=dict(l=10, r=10, t=50, b=40),
        paper_bgcolor="#FFFFFF",
    )
    fig.add_annotation(
        text=f"Source: UN Treaty Collection, ILO NORMLEX (checked {snap.checked})",
        xref="paper",
        yref="paper",
        x=1,
        y=-0.04,
        xanchor="right",
        showarrow=False,
        font=dict(size=12, color="#444444"),
    )
    return figure_bytes(fig, fmt=fmt, width=width, height=height)
