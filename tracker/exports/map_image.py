"""The map as a dated image (PNG or SVG) without a browser: the SVG map rendered by resvg.

Same shapes, colours, markers and legend as the dashboard (:mod:`tracker.views.svgmap`), with a
line carrying the as-of date and a source line; about a second for 1600×900.
"""

from __future__ import annotations

import html

from tracker.errors import ExportError
from tracker.exports.report import Report
from tracker.views import svgmap

TITLES = {"gaps": "Core ratification gaps"}


def document(
    view: svgmap.View, *, title: str, source: str, width: int = 1600, height: int = 900
) -> str:
    """A standalone SVG: title line, the map with its legend, source line; white background."""
    geo = svgmap.shapes()
    top, bottom = 56, 36
    room_h = height - top - bottom
    scale = min(width / geo["width"], room_h / geo["height"])
    map_w, map_h = geo["width"] * scale, geo["height"] * scale
    x, y = (width - map_w) / 2, top + (room_h - map_h) / 2
    inner = svgmap.svg(view, link=None, legend=True)
    inner = inner.replace(
        "<svg ", f'<svg x="{x:.1f}" y="{y:.1f}" width="{map_w:.1f}" height="{map_h:.1f}" ', 1
    )
    font = 'font-family="DejaVu Sans, Noto Sans, sans-serif"'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><rect width="100%" height="100%" fill="#FFFFFF"/>'
        f'<text x="16" y="38" font-size="26" font-weight="700" {font}>{html.escape(title)}</text>'
        f"{inner}"
        f'<text x="{width - 16}" y="{height - 12}" font-size="15" text-anchor="end" '
        f'fill="#444444" {font}>{html.escape(source)}</text></svg>'
    )


def snapshot_view(snap: Report, chart: str) -> svgmap.View:
    """The view for ``chart`` (``gaps`` or an instrument code) of a snapshot."""
    if chart == "gaps":
        return svgmap.view_for(snap.cells)
    if chart in set(snap.cells["instrument"]):
        return svgmap.status_view(snap.cells, instrument=chart)
    raise ExportError(f"unknown map {chart!r}; use gaps or an instrument code")


def map_image(
    snap: Report, chart: str = "gaps", *, fmt: str = "png", width: int = 1600, height: int = 900
) -> bytes:
    """The dated map of ``chart`` as PNG or SVG bytes (raises :class:`ExportError`)."""
    view = snapshot_view(snap, chart)
    label = TITLES.get(chart, view.title)
    text = document(
        view,
        title=f"{label} — as of {snap.as_of:%d %B %Y}",
        source=f"Source: UN Treaty Collection, ILO NORMLEX (checked {snap.checked})",
        width=width,
        height=height,
    )
    if fmt == "svg":
        return text.encode("utf-8")
    if fmt != "png":
        raise ExportError(f"the SVG map renders png or svg, not {fmt!r}")
    try:
        import resvg_py
    except ImportError as err:  # pragma: no cover - a runtime requirement
        raise ExportError("map images need resvg-py (pip install resvg-py)") from err
    try:
        return bytes(resvg_py.svg_to_bytes(svg_string=text, background="#ffffff"))
    except ValueError as err:
        raise ExportError(f"could not render the map: {err}") from err
