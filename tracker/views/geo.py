"""Offline map shapes for the choropleth: where the topojson lives and how to point plotly at it.

plotly.js fetches ``{topojsonURL}{scope}_{resolution}m.json`` at run time (default: a CDN).
The files in ``static/`` are copies of those files taken from the plotly.js npm package
(see ``static/README.md``), so the map draws with no network.

Findings that shape the recommended settings (plotly.js 4.1.1 files):

* ``world_50m.json`` has a shape for all 51 entities; ``asia_50m.json`` has no Georgia (GEO).
  Use ``scope="world"`` with ``fitbounds="locations"`` and ``resolution=50``.
* Palestine (PSE) was two features with the same id (Gaza, West Bank) and plotly.js colours
  only the first; ``scripts/merge_split_shapes.py`` merged them into one MultiPolygon.
* Several states are a few pixels wide at Asia scale: draw a marker for them (``SMALL_STATES``).

This module never imports streamlit; plotly is imported only inside
``use_local_topojson_for_static_export``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

TOPOJSON_DIR: Path = Path(__file__).resolve().parents[2] / "static"

# URL under which Streamlit serves ./static when `[server] enableStaticServing = true`.
STREAMLIT_STATIC_URL = "/app/static/"

# Layer of the topojson that plotly uses for locationmode="ISO-3"; its geometry ids are ISO3 codes.
_COUNTRIES_OBJECT = "countries"

# iso3 -> (lat, lon) of the capital (seat of government), for states too small to see or hover
# at Asia scale. PSE: Ramallah, in the West Bank.
SMALL_STATES: dict[str, tuple[float, float]] = {
    "SGP": (1.29, 103.85),  # Singapore
    "BHR": (26.23, 50.59),  # Manama
    "QAT": (25.29, 51.53),  # Doha
    "MDV": (4.18, 73.51),  # Malé
    "BRN": (4.90, 114.94),  # Bandar Seri Begawan
    "HKG": (22.32, 114.17),  # Hong Kong (Kowloon)
    "MAC": (22.20, 113.55),  # Macao
    "TLS": (-8.56, 125.57),  # Dili
    "PSE": (31.90, 35.20),  # Ramallah
    "CYP": (35.17, 33.36),  # Nicosia
    "LBN": (33.89, 35.50),  # Beirut
    "KWT": (29.38, 47.98),  # Kuwait City
}


@lru_cache(maxsize=8)
def _country_ids(path: Path, mtime_ns: int) -> frozenset[str]:
    """Ids of the geometries in the topojson's countries layer (cached per file version)."""
    with path.open(encoding="utf-8") as fh:
        topo = json.load(fh)
    geometries = topo["objects"][_COUNTRIES_OBJECT]["geometries"]
    return frozenset(
        g["id"] for g in geometries if g.get("id") and g.get("type") in ("Polygon", "MultiPolygon")
    )


def missing_shapes(iso3_codes: Iterable[str], *, scope_file: str = "world_50m.json") -> set[str]:
    """Return the ISO3 codes that have no country shape in ``TOPOJSON_DIR / scope_file``."""
    path = TOPOJSON_DIR / scope_file
    ids = _country_ids(path, path.stat().st_mtime_ns)
    return {code for code in iso3_codes if code not in ids}


def plotly_config() -> dict:
    """Return the plotly config for ``st.plotly_chart`` that loads map shapes from ./static."""
    return {
        "topojsonURL": STREAMLIT_STATIC_URL,
        "displaylogo": False,
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
        "scrollZoom": False,
        "responsive": True,
    }


def use_local_topojson_for_static_export() -> str:
    """Point plotly's static image export (kaleido) at ``TOPOJSON_DIR``; return the URL set."""
    import plotly.io as pio

    url = TOPOJSON_DIR.as_uri().rstrip("/") + "/"
    defaults = getattr(pio, "defaults", None)
    if defaults is not None and hasattr(defaults, "topojson"):  # plotly >= 6.1
        defaults.topojson = url
    else:  # plotly 6.0 with kaleido < 1
        pio.kaleido.scope.topojson = url
    return url
