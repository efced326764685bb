"""The inline SVG map: every state drawn and linked, hover text is plain data, markers apart."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from pathlib import Path

import pytest
from PIL import Image

from tracker.exports.map_image import map_image
from tracker.exports.report import snapshot
from tracker.matrix import cells
from tracker.status import STATUS_LABELS, Status
from tracker.views import presenter, svgmap
from tracker.views.geo import SMALL_STATES

ROOT = Path(__file__).resolve().parent.parent


def test_asset_has_a_shape_and_a_box_inside_the_map_for_every_tracked_state():
    codes = {r["iso3"] for r in csv.DictReader((ROOT / "data" / "countries.csv").open())}
    geo = svgmap.shapes()
    assert set(geo["states"]) == codes and set(geo["boxes"]) == codes
    for code, (x0, y0, x1, y1) in geo["boxes"].items():
        assert 0 <= x0 <= x1 <= geo["width"] and 0 <= y0 <= y1 <= geo["height"], code
        assert re.fullmatch(r"(M[-\d. ]+l[-\d. ]*z)+", geo["states"][code]), code
    assert svgmap.ASSET.stat().st_size < 120_000


def test_every_state_is_a_linked_path_with_its_hover(db):
    core = cells(db, instruments="core")
    out = svgmap.svg(svgmap.view_for(core))
    assert out.count("<path data-iso3=") == 51
    assert out.count('<a href="country?iso3=') == 51 + len(SMALL_STATES)
    assert "<script" not in out
    armenia = re.search(r'data-iso3="ARM" d="[^"]+" fill="[^"]+"><title>([^<]*)</title>', out)
    lines = armenia.group(1).split("\n")
    assert lines[0] == "Armenia" and lines[1] == "2 of 5 not ratified"
    assert "ICRMW: Signed, not ratified, signed 2013-09-26 · treaties.un.org" in lines
    assert "<a " not in svgmap.svg(svgmap.view_for(core), link=None)


def test_hover_text_is_data_a_url_or_note_never_adds_lines_or_markup(db):
    core = cells(db, instruments="core")
    row = core[(core["iso3"] == "KHM") & (core["instrument"] == "ICRMW")].index[0]
    core.loc[row, "source_url"] = "https://treaties.un.org<br><b>Fake</b>\nline\u2028two"
    core.loc[row, "signature_date"] = "2004-09-27\r\nInjected: yes"
    view = svgmap.status_view(core, instrument="ICRMW")
    cambodia = next(a for a in view.areas if a.iso3 == "KHM")
    out = svgmap.svg(view)
    title = re.search(r'data-iso3="KHM"[^>]*><title>([^<]*)</title>', out).group(1)
    assert len(title.split("\n")) == len(cambodia.lines) == 3
    assert "· treaties.un.org" in title and "Fake" not in title
    assert "<br>" not in out and "<b>" not in out
    assert "2004-09-27 Injected: yes" in title  # kept as text, on its own line's end


def test_small_state_markers_never_overlap_and_hong_kong_and_macao_are_apart():
    placed = svgmap.marker_positions(list(SMALL_STATES))
    centres = [m for _, m in placed.values()]
    for i, a in enumerate(centres):
        for b in centres[i + 1 :]:
            assert math.dist(a, b) >= 2 * svgmap.MARKER_R
    (hk_true, hk), (mo_true, mo) = placed["HKG"], placed["MAC"]
    assert math.dist(hk_true, mo_true) < 2 * svgmap.MARKER_R  # they would overlap in place
    assert math.dist(hk, hk_true) < 20 and math.dist(mo, mo_true) < 20  # near their cities


def test_status_view_names_the_instrument_and_the_statuses_in_words(db):
    core = cells(db, instruments="core")
    view = svgmap.status_view(core, instrument="C097")
    assert view.title == "C097 Migration for Employment"
    present = {Status(s) for s in core[core["instrument"] == "C097"]["status"]}
    assert [w for _, w in view.legend] == [STATUS_LABELS[s] for s in Status if s in present]
    gaps = svgmap.gap_view(core)
    words = [w for _, w in gaps.legend]
    assert words[0] == "No gaps: party to all 5" and words[-1] == "Cannot join"
    taiwan = next(a for a in gaps.areas if a.iso3 == "TWN")
    assert taiwan.fill == gaps.legend[-1][0]


@pytest.mark.parametrize(
    ("code", "title", "label"),
    [
        ("C097", "Migration for Employment (C097)", "C097 Migration for Employment"),
        ("ICRMW", "Migrant Workers Convention", "ICRMW Migrant Workers Convention"),
        ("CEDAW", "CEDAW", "CEDAW"),
        ("C181", None, "C181"),
    ],
)
def test_instrument_label(code, title, label):
    assert svgmap.instrument_label(code, title) == label


def test_presenter_map_crops_to_the_group_and_outlines_the_state(db):
    df = cells(db, instruments="core", group="ASEAN")
    step = next(s for s in presenter.sequence(df) if s.highlight == "BRN")
    html = presenter.map_block(step, df, focus=sorted(set(df["iso3"])))
    box = [float(v) for v in re.search(r'viewBox="([^"]+)"', html).group(1).split()]
    assert box[2] < 500  # Southeast Asia, not the whole continent
    assert 'class="highlight"' in html and 'data-iso3="BRN"' in html
    assert (
        step.lines[0].startswith("Brunei has not") and "Migrant Workers Convention" in step.lines[0]
    )


def test_map_png_is_drawn_without_a_browser(db):
    png = map_image(snapshot(db, instruments="core"), "gaps", width=1600, height=900)
    img = Image.open(io.BytesIO(png)).convert("RGB")
    assert img.size == (1600, 900)
    raw = img.resize((320, 180)).tobytes()
    dark = sum(1 for r, g, b in zip(raw[0::3], raw[1::3], raw[2::3], strict=True) if b > 70 > r)
    assert dark > 2_000  # the states are drawn (4–5 gaps are dark blue)


def test_drawn_by_script_carries_the_markup_as_data_with_no_tag_in_the_script():
    markup = '<svg class="gapmap"><title>A "b" &amp; \u2028 é</title></svg></script><!--'
    body = svgmap.drawn_by_script(markup)
    host, script = body.split("<script>", 1)
    assert host == '<div class="gapmap-host"></div>'
    assert script.endswith(";</script>") and script.count("</script>") == 1
    code = script.removesuffix("</script>")
    assert "<" not in code and "\u2028" not in code  # nothing can end the script or add a tag
    assert json.loads(code.split("innerHTML = ", 1)[1].removesuffix(";")) == markup
