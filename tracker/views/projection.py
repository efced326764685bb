"""The map projection of the SVG map (Natural Earth, centred on Asia), shared by the build
script that pre-projects the shapes and by :mod:`tracker.views.svgmap` for marker positions."""

from __future__ import annotations

import math

CENTRAL_MERIDIAN = 90.0  # degrees east: Asia in the middle, no shape crosses the cut


def natural_earth(lon: float, lat: float) -> tuple[float, float]:
    """Natural Earth projection (Šavrič et al. 2011) of a point, in unit-sphere radians; y up."""
    lam = math.radians(((lon - CENTRAL_MERIDIAN + 180.0) % 360.0) - 180.0)
    phi = math.radians(lat)
    p2 = phi * phi
    p4 = p2 * p2
    x = lam * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)))
    y = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)))
    return x, y


def to_view(lon: float, lat: float, frame: dict) -> tuple[float, float]:
    """A point in the SVG's coordinates, given the asset's ``frame`` (origin and scale)."""
    x, y = natural_earth(lon, lat)
    return (x - frame["x0"]) * frame["scale"], (frame["y0"] - y) * frame["scale"]
