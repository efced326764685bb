"""The home map as an inline SVG: pre-projected Asian shapes, no plotly.js.

Shapes come from ``static/asia_map.json`` (built once by ``scripts/build_asia_map.py``). Every
state is a ``<path data-iso3>`` inside a link to its profile, with a ``<title>`` that browsers
show on hover; states too small to see at Asia scale get a marker of their own (pushed apart,
with a leader line, when two would overlap). Hover text is plain data: every value is reduced
to one line and escaped, so a source URL or a note can never add lines or markup.
"""

from __future__ import annotations

import html
import json
import math
from functools import cache
from pathlib import Path

from tracker.views.geo import SMALL_STATES, TOPOJSON_DIR
from tracker.views.map_views import (  # noqa: F401 - re-exported: the map's one import
    Area,
    View,
    cell_line,
    gap_view,
    instrument_label,
    plain,
    source_host,
    status_view,
    view_for,
)
from tracker.views.projection import to_view

ASSET: Path = TOPOJSON_DIR / "asia_map.json"
HIGHLIGHT = "#000000"
MARKER_R = 6.0  # viewBox units (the map is 1000 wide)
MARKER_GAP = 2.5


@cache
def shapes() -> dict:
    """The pre-projected shapes (width, height, frame, states, context), read once."""
    return json.loads(ASSET.read_text(encoding="utf-8"))


def marker_positions(
    codes: list[str],
) -> dict[str, tuple[tuple[float, float], tuple[float, float]]]:
    """iso3 → (true point, marker centre) for small states, pushed apart so none overlap."""
    frame = shapes()["frame"]
    true = {c: to_view(SMALL_STATES[c][1], SMALL_STATES[c][0], frame) for c in codes}
    pos = {c: list(p) for c, p in true.items()}
    want = 2 * MARKER_R + MARKER_GAP
    order = sorted(pos)
    for _ in range(60):
        moved = False
        for i, a in enumerate(order):
            for b in order[i + 1 :]:
                dx, dy = pos[b][0] - pos[a][0], pos[b][1] - pos[a][1]
                d = math.hypot(dx, dy)
                if d >= want:
                    continue
                ux, uy = (dx / d, dy / d) if d > 1e-6 else (1.0, 0.0)
                push = (want - d) / 2 + 0.01
                pos[a][0] -= ux * push
                pos[a][1] -= uy * push
                pos[b][0] += ux * push
                pos[b][1] += uy * push
                moved = True
        if not moved:
            break
    return {c: (true[c], (pos[c][0], pos[c][1])) for c in codes}


def _title(lines: tuple[str, ...]) -> str:
    text = "\n".join(line for line in map(plain, lines) if line)
    return "<title>" + html.escape(text) + "</title>"


def _link(link: str | None, iso3: str, name: str) -> tuple[str, str]:
    if not link:
        return "", ""
    href = html.escape(link.format(iso3=iso3))
    return f'<a href="{href}" target="_self" aria-label="{html.escape(name)}">', "</a>"


def svg(
    view: View,
    *,
    link: str | None = "country?iso3={iso3}",
    highlight: str | None = None,
    legend: bool = False,
    css_class: str = "gapmap",
    focus: list[str] | None = None,
) -> str:
    """The map as one ``<svg>`` element (links from ``link``, ``{iso3}`` filled in).

    ``focus`` crops the view to those states (a group on a slide); states not in ``view`` are
    drawn as plain land.
    """
    geo = shapes()
    width, height = geo["width"], geo["height"]
    box = focus_box(focus) if focus else (0.0, 0.0, width, height)
    parts = [f'<path class="land" d="{geo["context"]}" fill="#E6E6E6" stroke="#FFFFFF"/>']
    by_code = {a.iso3: a for a in view.areas}
    others = [d for c, d in geo["states"].items() if c not in by_code]
    if others:
        parts.append(f'<path class="land" d="{"".join(others)}" fill="#E6E6E6" stroke="#FFFFFF"/>')
    for area in view.areas:
        d = geo["states"].get(area.iso3)
        if not d:
            continue
        a_open, a_close = _link(link, area.iso3, area.lines[0])
        parts.append(
            f'{a_open}<path data-iso3="{area.iso3}" d="{d}" fill="{area.fill}">'
            f"{_title(area.lines)}</path>{a_close}"
        )
    if highlight and highlight in geo["states"]:
        parts.append(
            f'<path class="highlight" d="{geo["states"][highlight]}" fill="none" '
            f'stroke="{HIGHLIGHT}" stroke-width="3.5" pointer-events="none"/>'
        )
    small = [c for c in SMALL_STATES if c in by_code]
    placed = marker_positions(small)
    for code in small:
        (tx, ty), (mx, my) = placed[code]
        area = by_code[code]
        if math.hypot(mx - tx, my - ty) > 1:
            parts.append(
                f'<line x1="{tx:.1f}" y1="{ty:.1f}" x2="{mx:.1f}" y2="{my:.1f}" '
                'stroke="#333333" stroke-width="1" pointer-events="none"/>'
            )
        ring = code == highlight
        a_open, a_close = _link(link, code, area.lines[0])
        parts.append(
            f'{a_open}<circle class="marker" data-iso3="{code}" cx="{mx:.1f}" cy="{my:.1f}" '
            f'r="{MARKER_R + (2 if ring else 0):g}" fill="{area.fill}" '
            f'stroke="{HIGHLIGHT if ring else "#333333"}" stroke-width="{3 if ring else 1}">'
            f"{_title(area.lines)}</circle>{a_close}"
        )
    if legend:
        parts.append(_svg_legend(view, height))
    label = html.escape(plain(view.title))
    return (
        f'<svg class="{css_class}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="{box[0]:.1f} {box[1]:.1f} {box[2]:.1f} {box[3]:.1f}" role="img" '
        f'aria-label="{label}" '
        f'preserveAspectRatio="xMidYMid meet">' + "".join(parts) + "</svg>"
    )


def focus_box(codes: list[str], *, pad: float = 30.0, least: float = 260.0) -> tuple:
    """The viewBox (x, y, width, height) around ``codes``, padded, at least ``least`` wide."""
    geo = shapes()
    boxes = [geo["boxes"][c] for c in codes if c in geo["boxes"]]
    if not boxes:
        return (0.0, 0.0, geo["width"], geo["height"])
    x0, y0 = min(b[0] for b in boxes) - pad, min(b[1] for b in boxes) - pad
    x1, y1 = max(b[2] for b in boxes) + pad, max(b[3] for b in boxes) + pad
    if x1 - x0 < least:
        x0, x1 = (x0 + x1 - least) / 2, (x0 + x1 + least) / 2
    if y1 - y0 < least * 0.6:
        y0, y1 = (y0 + y1 - least * 0.6) / 2, (y0 + y1 + least * 0.6) / 2
    return (x0, y0, x1 - x0, y1 - y0)


def _svg_legend(view: View, height: float) -> str:
    """The legend drawn inside the SVG (for images, where no HTML surrounds the map)."""
    size, step = 15, 22
    x, y = 18, height - 16 - step * (len(view.legend) + 1)
    box_h = step * (len(view.legend) + 1) + 10
    out = [
        f'<rect x="{x - 10}" y="{y - 20}" width="300" height="{box_h}" fill="#FFFFFF" '
        'fill-opacity="0.9" stroke="#999999"/>',
        f'<text x="{x}" y="{y}" font-size="{size}" font-weight="700" '
        f'font-family="sans-serif">{html.escape(plain(view.title))}</text>',
    ]
    for i, (colour, words) in enumerate(view.legend, start=1):
        yy = y + i * step
        out.append(
            f'<rect x="{x}" y="{yy - 12}" width="22" height="14" fill="{colour}" stroke="#333"/>'
            f'<text x="{x + 30}" y="{yy}" font-size="{size}" font-family="sans-serif">'
            f"{html.escape(plain(words))}</text>"
        )
    return "".join(out)


def legend_html(view: View) -> str:
    """The legend in words as HTML (swatch + words per entry), for pages around the map."""
    items = "".join(
        f'<li><span class="swatch" style="background:{c}"></span>{html.escape(plain(w))}</li>'
        for c, w in view.legend
    )
    return (
        f'<div class="gapmap-legend"><strong>{html.escape(plain(view.title))}</strong>'
        f"<ul>{items}</ul></div>"
    )


CSS = """
svg.gapmap{display:block;width:100%;height:auto;max-height:72vh}
svg.gapmap path[data-iso3]{stroke:#FFFFFF;stroke-width:.6}
svg.gapmap a:hover path[data-iso3],svg.gapmap a:focus path[data-iso3]{stroke:#000;stroke-width:1.6}
svg.gapmap a:hover circle.marker{stroke-width:2.5}
svg.gapmap path.land{stroke-width:.5}
.gapmap-legend{font-size:1rem;margin:.25rem 0}
.gapmap-legend ul{list-style:none;padding:0;margin:.2rem 0;display:flex;flex-wrap:wrap;
gap:.3rem 1.2rem}
.gapmap-legend .swatch{display:inline-block;width:1.1em;height:.8em;margin-right:.35em;
border:1px solid #333;vertical-align:-.05em}
"""


def block(
    view: View,
    *,
    link: str | None = "country?iso3={iso3}",
    highlight: str | None = None,
    focus: list[str] | None = None,
) -> str:
    """Style, map and legend as one HTML block (the app's home map and the static site).

    One ``<div>`` starting a line and no blank line inside: Markdown renderers take it as a raw
    HTML block and never read the hover text as Markdown.
    """
    inner = svg(view, link=link, highlight=highlight, focus=focus)
    inner = f"<style>{CSS}</style>{inner}{legend_html(view)}"
    return '<div class="gapmap-block">\n' + inner.replace("\n\n", "\n") + "\n</div>"


def drawn_by_script(markup: str) -> str:
    """``markup`` as an empty host ``<div>`` and a one-line script that puts it in place.

    For ``st.html(..., unsafe_allow_javascript=True)``: the browser's own HTML parser draws the
    map (``innerHTML``) instead of Streamlit's Markdown pipeline, which first loads a 190 KB
    HTML parser and then runs the ~100 KB block through two JavaScript parsers (Markdown, then
    HTML; docs/performance.md). The markup
    travels as one JSON string with every ``<`` escaped: the script holds no tag, so the
    sanitiser keeps it and nothing in the data can end the script or add markup.
    """
    payload = json.dumps(markup).replace("<", "\\u003c")
    return (
        '<div class="gapmap-host"></div><script>'
        f"document.currentScript.previousElementSibling.innerHTML = {payload};</script>"
    )
