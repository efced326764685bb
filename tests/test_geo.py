"""Tests for the offline map shapes in static/ and the helpers in tracker.views.geo."""

from __future__ import annotations

import ast
import json
import math
from collections import Counter
from pathlib import Path

import pytest

from tracker.views import geo

ENTITIES = (
    "KAZ KGZ TJK TKM UZB CHN HKG MAC JPN KOR PRK MNG TWN BRN KHM IDN LAO MYS MMR PHL SGP THA TLS "
    "VNM AFG BGD BTN IND IRN MDV NPL PAK LKA ARM AZE BHR CYP GEO IRQ ISR JOR KWT LBN OMN QAT SAU "
    "PSE SYR TUR ARE YEM"
).split()

# Asia as drawn by the dashboard: Turkey/Cyprus in the west, Japan in the east,
# Timor-Leste in the south, Kazakhstan in the north.
ASIA_LAT = (-12.0, 56.0)
ASIA_LON = (25.0, 150.0)

TOPO_FILES = ["world_50m.json", "asia_50m.json"]


def _load(name: str) -> dict:
    return json.loads((geo.TOPOJSON_DIR / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def world() -> dict:
    return _load("world_50m.json")


def test_entity_list_is_51_distinct_codes() -> None:
    assert len(ENTITIES) == 51
    assert len(set(ENTITIES)) == 51


def test_topojson_dir_is_project_static() -> None:
    assert geo.TOPOJSON_DIR == Path(__file__).resolve().parent.parent / "static"
    assert (geo.TOPOJSON_DIR / "world_50m.json").is_file()


@pytest.mark.parametrize("name", TOPO_FILES)
def test_file_is_valid_topojson(name: str) -> None:
    topo = _load(name)
    assert topo["type"] == "Topology"
    assert isinstance(topo["arcs"], list) and topo["arcs"]
    scale, translate = topo["transform"]["scale"], topo["transform"]["translate"]
    assert len(scale) == 2 and len(translate) == 2
    # The layers plotly.js draws from; "countries" carries the ISO-3 ids.
    for layer in ("countries", "land", "coastlines", "ocean"):
        assert topo["objects"][layer]["type"] == "GeometryCollection", layer
    n_arcs = len(topo["arcs"])
    for arc in topo["arcs"][:: max(1, n_arcs // 200)]:
        assert arc and all(len(pos) == 2 for pos in arc)
    for g in topo["objects"]["countries"]["geometries"]:
        assert g["type"] in ("Polygon", "MultiPolygon")
        rings = g["arcs"] if g["type"] == "Polygon" else [r for p in g["arcs"] for r in p]
        assert rings
        for ring in rings:
            for i in ring:
                assert -n_arcs <= i < n_arcs  # negative = ~index (reversed arc)


@pytest.mark.parametrize("name", TOPO_FILES)
def test_country_ids_are_iso3(name: str) -> None:
    ids = [g["id"] for g in _load(name)["objects"]["countries"]["geometries"]]
    assert all(isinstance(i, str) and len(i) == 3 and i.isupper() and i.isalpha() for i in ids)


def test_every_entity_has_a_world_shape_or_a_marker() -> None:
    missing = geo.missing_shapes(ENTITIES)
    assert missing == set()  # verified for plotly.js 4.1.1
    assert missing <= set(geo.SMALL_STATES)


def test_asia_file_lacks_only_georgia() -> None:
    # Documented reason to use scope="world" + fitbounds instead of scope="asia".
    assert geo.missing_shapes(ENTITIES, scope_file="asia_50m.json") == {"GEO"}


def test_missing_shapes_reports_unknown_codes() -> None:
    assert geo.missing_shapes(["CHN", "XXX", "ZZZ"]) == {"XXX", "ZZZ"}
    assert geo.missing_shapes([]) == set()


def test_no_entity_is_split_across_features(world: dict) -> None:
    # plotly.js colours only the first feature with a given id (PSE's West Bank was lost);
    # scripts/merge_split_shapes.py merged such features into one MultiPolygon.
    counts = Counter(g["id"] for g in world["objects"]["countries"]["geometries"])
    assert {code: n for code, n in counts.items() if n > 1} == {}
    pse = next(g for g in world["objects"]["countries"]["geometries"] if g["id"] == "PSE")
    assert pse["type"] == "MultiPolygon" and len(pse["arcs"]) == 2


def test_small_states_are_entities() -> None:
    assert set(geo.SMALL_STATES) <= set(ENTITIES)
    for code in ("SGP", "BHR", "QAT", "MDV", "BRN", "HKG", "MAC", "TLS", "PSE"):
        assert code in geo.SMALL_STATES


@pytest.mark.parametrize("code", sorted(geo.SMALL_STATES))
def test_small_state_marker_in_asia_bbox(code: str) -> None:
    lat, lon = geo.SMALL_STATES[code]
    assert ASIA_LAT[0] <= lat <= ASIA_LAT[1], (code, lat)
    assert ASIA_LON[0] <= lon <= ASIA_LON[1], (code, lon)


@pytest.mark.parametrize("code", sorted(geo.SMALL_STATES))
def test_small_state_marker_near_its_shape(code: str, world: dict) -> None:
    # Each geometry carries plotly's label point as properties.ct = [lon, lat].
    lat, lon = geo.SMALL_STATES[code]
    cts = [
        g["properties"]["ct"]
        for g in world["objects"]["countries"]["geometries"]
        if g["id"] == code
    ]
    assert cts
    assert min(math.hypot(ct[0] - lon, ct[1] - lat) for ct in cts) < 1.5


def test_plotly_config() -> None:
    cfg = geo.plotly_config()
    assert cfg["topojsonURL"] == "/app/static/"
    assert cfg["displaylogo"] is False
    cfg["displaylogo"] = True
    assert geo.plotly_config()["displaylogo"] is False  # a fresh dict each call


def test_use_local_topojson_for_static_export() -> None:
    pio = pytest.importorskip("plotly.io")
    before = pio.defaults.topojson
    try:
        url = geo.use_local_topojson_for_static_export()
        assert url.startswith("file:///") and url.endswith("/static/")
        assert pio.defaults.topojson == url
        assert Path(url.removeprefix("file://")) == geo.TOPOJSON_DIR
    finally:
        pio.defaults.topojson = before


def test_geo_module_never_imports_streamlit() -> None:
    tree = ast.parse(Path(geo.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert "streamlit" not in imported
