"""Pre-project and simplify the 51 Asian shapes once, into ``static/asia_map.json``.

Source: ``static/world_50m.json`` (plotly.js 4.1.1 topojson from Natural Earth 50m, public
domain data, MIT packaging; see static/README.md). Arcs are decoded, projected with
:func:`tracker.views.projection.natural_earth` (centred on 90° E), simplified per arc with
Douglas–Peucker (so shared borders stay shared) and written as SVG path data per ISO3 code,
plus one grey path for the neighbouring land. Run: ``python scripts/build_asia_map.py``.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.views.projection import CENTRAL_MERIDIAN, natural_earth  # noqa: E402

SOURCE = ROOT / "static" / "world_50m.json"
TARGET = ROOT / "static" / "asia_map.json"
WIDTH = 1000.0  # viewBox width; height follows the shapes' extent
PAD = 12.0  # px around the states
TOLERANCE = 0.45  # px, Douglas–Peucker, for the 51 states
CONTEXT_TOLERANCE = 2.0  # px, for the grey neighbours (background only: coarser)
MIN_RING = 0.6  # px: rings smaller than this (both sides) are dropped, except a state's largest


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """The topojson arcs as lists of (lon, lat)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas–Peucker, iterative, keeping both ends."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, far = -1.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            d = (
                abs(dy * (px - ax) - dx * (py - ay)) / norm
                if norm
                else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            )
            if d > best:
                best, far = d, i
        if best > tol:
            keep[far] = True
            stack += [(a, far), (far, b)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def rings(geometry: dict) -> list[list[int]]:
    """Every ring (list of arc indices) of a Polygon or MultiPolygon."""
    if geometry["type"] == "Polygon":
        return geometry["arcs"]
    return [ring for polygon in geometry["arcs"] for ring in polygon]


def path_data(polys: list[list[tuple[float, float]]]) -> str:
    """SVG path data: absolute move, relative lines, one decimal."""
    parts = []
    for ring in polys:
        x0, y0 = round(ring[0][0], 1), round(ring[0][1], 1)
        out, px, py = [f"M{x0:g} {y0:g}l"], x0, y0
        for x, y in ring[1:]:
            x, y = round(x, 1), round(y, 1)
            dx, dy = round(x - px, 1), round(y - py, 1)
            if dx or dy:
                out.append(f"{dx:g} {dy:g}")
                px, py = x, y
        parts.append(" ".join(out).replace("l ", "l") + "z")
    return "".join(parts)


def extent(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def main() -> None:
    topo = json.loads(SOURCE.read_text(encoding="utf-8"))
    wanted = [r["iso3"] for r in csv.DictReader((ROOT / "data" / "countries.csv").open())]
    geoms = {g["id"]: g for g in topo["objects"]["countries"]["geometries"] if g.get("id")}
    lonlat = decode_arcs(topo)
    projected = [[natural_earth(lon, lat) for lon, lat in arc] for arc in lonlat]
    # Frame: the 51 states' extent in projected units, mapped to WIDTH px with padding.
    state_points = [
        p
        for c in wanted
        for r in rings(geoms[c])
        for i in r
        for p in projected[abs(i) if i >= 0 else ~i]
    ]
    x0, y0, x1, y1 = extent(state_points)
    scale = (WIDTH - 2 * PAD) / (x1 - x0)
    frame = {"x0": x0 - PAD / scale, "y0": y1 + PAD / scale, "scale": scale}
    height = round((y1 - y0) * scale + 2 * PAD, 1)

    def px(arc):
        return [((x - frame["x0"]) * scale, (frame["y0"] - y) * scale) for x, y in arc]

    cache: dict[tuple[int, float], list] = {}

    def arc_px(i: int, tol: float):
        if (i, tol) not in cache:
            cache[(i, tol)] = simplify(px(projected[i]), tol)
        return cache[(i, tol)]

    def shape(geometry: dict, tol: float, *, keep_largest: bool) -> list[list[tuple[float, float]]]:
        out = []
        for ring in rings(geometry):
            pts: list[tuple[float, float]] = []
            for i in ring:
                arc = arc_px(i, tol) if i >= 0 else arc_px(~i, tol)[::-1]
                pts += arc if not pts else arc[1:]
            out.append(pts)
        sized = [(max(e[2] - e[0], e[3] - e[1]), r) for r in out for e in [extent(r)]]
        biggest = max(s for s, _ in sized)
        return [r for s, r in sized if s >= MIN_RING or (keep_largest and s == biggest)]

    polys = {c: shape(geoms[c], TOLERANCE, keep_largest=True) for c in wanted}
    states = {c: path_data(p) for c, p in polys.items()}
    boxes = {c: [round(v, 1) for v in extent([q for r in p for q in r])] for c, p in polys.items()}
    context = []
    for code, g in geoms.items():
        if code in states or g.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        for ring in rings(g):
            lons = [p[0] for i in ring for p in lonlat[i if i >= 0 else ~i]]
            if min(lons) < CENTRAL_MERIDIAN - 170 or max(lons) > CENTRAL_MERIDIAN + 170:
                continue  # across the cut (far side of the globe): not in view
            pts = []
            for i in ring:
                arc = (
                    arc_px(i, CONTEXT_TOLERANCE) if i >= 0 else arc_px(~i, CONTEXT_TOLERANCE)[::-1]
                )
                pts += arc if not pts else arc[1:]
            ex = extent(pts)
            inside = ex[2] > -50 and ex[0] < WIDTH + 50 and ex[3] > -50 and ex[1] < height + 50
            if inside and max(ex[2] - ex[0], ex[3] - ex[1]) >= 3.0:
                context.append(pts)
    asset = {
        "source": "static/world_50m.json (plotly.js 4.1.1 topojson, Natural Earth 50m)",
        "projection": f"Natural Earth, central meridian {CENTRAL_MERIDIAN:g}° E",
        "tolerance_px": TOLERANCE,
        "width": WIDTH,
        "height": height,
        "frame": frame,
        "states": states,
        "boxes": boxes,
        "context": path_data(context),
    }
    TARGET.write_text(
        json.dumps(asset, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    print(
        f"{TARGET.name}: {len(states)} states, {TARGET.stat().st_size // 1024} KiB, "
        f"{WIDTH:g}×{height:g}"
    )


if __name__ == "__main__":
    main()
