"""PNG/PDF export of the map and charts with kaleido and the local Chromium, offline."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.browser import require_chromium
from tracker.errors import ExportError
from tracker.exports.images import chart_figure, chart_image, figure_bytes, renderer
from tracker.exports.report import snapshot

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def rendered():
    """Render the gap map (PNG, PDF) and the ICRMW timeline once for the whole module."""
    require_chromium()
    from tracker.db import connect
    from tracker.seeding.seed import seed

    db = connect(memory=True)
    seed(db)
    snap = snapshot(db)
    with renderer():
        return {
            "png": chart_image(snap, "gaps", width=1200, height=700),
            "pdf": chart_image(snap, "gaps", fmt="pdf", width=1200, height=700),
            "timeline": chart_image(snap, "timeline", width=800, height=400),
        }


def test_map_png_is_a_real_image_of_the_requested_size_with_the_map_drawn(rendered):
    img = Image.open(io.BytesIO(rendered["png"]))
    assert img.format == "PNG" and img.size == (1200, 700)
    assert len(rendered["png"]) > 50_000  # an empty frame with a legend is ~20 kB
    # The countries were drawn: the darkest gap colour (4–5 gaps) covers many pixels.
    rgb = img.convert("RGB").resize((300, 175))
    raw = rgb.tobytes()
    pixels = zip(raw[0::3], raw[1::3], raw[2::3], strict=True)
    dark_blue = sum(1 for r, g, b in pixels if b > 70 and r < 80 and g < 90)
    assert dark_blue > 2_000


def test_map_pdf_is_a_one_page_pdf(rendered):
    assert rendered["pdf"].startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(rendered["pdf"])).pages) == 1


def test_timeline_png(rendered):
    assert Image.open(io.BytesIO(rendered["timeline"])).size == (800, 400)


def test_unknown_format_and_chart_are_typed_errors(db):
    snap = snapshot(db)
    with pytest.raises(ExportError, match="format"):
        figure_bytes(chart_figure(snap, "gaps"), fmt="gif")
    with pytest.raises(ExportError, match="unknown chart"):
        chart_figure(snap, "C999")
