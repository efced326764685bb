"""Merge country shapes that plotly's topojson stores as several features with one id.

plotly.js colours only the first feature of an id, so Palestine's West Bank (the second PSE
feature after Gaza) stays uncoloured. This rewrites such features as one MultiPolygon, leaving
every arc untouched. Usage: python scripts/merge_split_shapes.py static/world_50m.json
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict


def merge(topo: dict, obj: str = "countries") -> list[str]:
    """Merge same-id geometries of ``topo['objects'][obj]`` in place; return the merged ids."""
    geoms = topo["objects"][obj]["geometries"]
    by_id: dict[str, list[dict]] = defaultdict(list)
    for g in geoms:
        if g.get("id"):
            by_id[g["id"]].append(g)
    merged = []
    for gid, parts in by_id.items():
        if len(parts) < 2:
            continue
        polygons = []
        for p in parts:
            polygons.extend([p["arcs"]] if p["type"] == "Polygon" else p["arcs"])
        first = parts[0]
        first["type"], first["arcs"] = "MultiPolygon", polygons
        for p in parts[1:]:
            geoms.remove(p)
        merged.append(gid)
    return sorted(merged)


if __name__ == "__main__":
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            topo = json.load(f)
        ids = merge(topo)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(topo, f, separators=(",", ":"))
        print(path, "merged:", ", ".join(ids) or "none")
