"""A slide deck for a regional meeting (python-pptx): title, map, matrix, one slide per state."""

from __future__ import annotations

import io

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt
from sqlite_utils import Database

from tracker import profile
from tracker.corridors.summary import coverage_table, slide_text
from tracker.exports.report import Report, cell_colours
from tracker.provenance import TITLE, evidence_summary, sources_frame
from tracker.views.tables import matrix_labels

WIDE, HIGH = Inches(13.333), Inches(7.5)  # 16:9
ROWS_PER_TABLE = 12  # at most; rows are spread evenly over the matrix slides
ROW_HEIGHT = Inches(0.4)
_DARK = RGBColor(0x22, 0x22, 0x22)
_MUTED = RGBColor(0x44, 0x44, 0x44)
COVERAGE_CODE = "ICRMW"  # the coverage slide speaks of one instrument


def _hex(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def _text(slide: Slide, text: str, *, top: Emu, size: int, bold: bool = False, height=None):
    box = slide.shapes.add_textbox(Inches(0.5), top, WIDE - Inches(1.0), height or Inches(0.8))
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.text = line
        font = para.font  # one lookup of the paragraph's run properties
        font.size = Pt(size)
        font.bold = bold
        font.color.rgb = _DARK
    return box


def _footer(slide: Slide, snap: Report) -> None:
    box = _text(
        slide,
        f"Data as of {snap.as_of:%d %B %Y} · Sources: UN Treaty Collection, ILO NORMLEX "
        f"(checked {snap.checked}) · ⚠ = resting on a secondary source or on none",
        top=HIGH - Inches(0.55),
        size=11,
    )
    box.text_frame.paragraphs[0].font.color.rgb = _MUTED


def _title_slide(prs: Presentation, snap: Report, scope: str) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _text(slide, "Ratification gaps in Asia", top=Inches(2.2), size=44, bold=True)
    _text(slide, f"{scope} · migrant workers' rights instruments", top=Inches(3.3), size=26)
    _text(slide, f"As of {snap.as_of:%d %B %Y}", top=Inches(4.1), size=26, bold=True)
    _footer(slide, snap)


def _map_slide(prs: Presentation, snap: Report, png: bytes) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _text(slide, "Where the core five are not ratified", top=Inches(0.3), size=30, bold=True)
    slide.shapes.add_picture(io.BytesIO(png), Inches(0.5), Inches(1.1), height=Inches(5.8))
    _footer(slide, snap)


def _matrix_slides(prs: Presentation, snap: Report) -> None:
    wide = matrix_labels(snap.cells)
    slides = -(-len(wide) // ROWS_PER_TABLE)
    per = -(-len(wide) // slides)
    chunks = [wide.iloc[i : i + per] for i in range(0, len(wide), per)]
    for n, part in enumerate(chunks, start=1):
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        more = f" ({n}/{len(chunks)})" if len(chunks) > 1 else ""
        _text(slide, f"Gap matrix{more}", top=Inches(0.3), size=30, bold=True)
        cols = ["state", *part.columns]
        shape = slide.shapes.add_table(
            len(part) + 1, len(cols), Inches(0.5), Inches(1.1), WIDE - Inches(1.0), Inches(0.4)
        )
        table = shape.table
        table.columns[0].width = Inches(2.8)
        table.columns[1].width = Inches(0.8)
        for c in range(2, len(cols)):
            table.columns[c].width = int((WIDE - Inches(4.6)) / (len(cols) - 2))
        for row in table.rows:
            row.height = ROW_HEIGHT
        for c, name in enumerate(cols):
            table.cell(0, c).text = str(name)
        for r, (state, row) in enumerate(part.iterrows(), start=1):
            for c, value in enumerate([state, *row.tolist()]):
                cell = table.cell(r, c)
                cell.text = str(value)
                para = cell.text_frame.paragraphs[0]
                para.font.size = Pt(13)
                colours = cell_colours(value) if c > 1 else None
                if colours:
                    cell.fill.solid()
                    cell.fill.fore_color.rgb = _hex(colours[0])
                    para.font.color.rgb = _hex(colours[1])
        _footer(slide, snap)


def _state_slide(
    prs: Presentation, info: dict, asks: list[str], peers: pd.DataFrame, snap: Report
) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _text(slide, info["display_name"], top=Inches(0.3), size=34, bold=True)
    _text(slide, f"{info['profile_label']} · {', '.join(info['groups'])}", top=Inches(1.0), size=18)
    lines = [f"• {info['display_name']} {a}" for a in asks] or ["• Party to every instrument shown"]
    _text(slide, "\n".join(lines), top=Inches(1.7), size=24, height=Inches(3.2))
    if not peers.empty:
        best = peers.sort_values("count", ascending=False).drop_duplicates("instrument").head(3)
        said = [
            f"{r.instrument}: {r.count} of {r.of} {r.group} peers are party"
            for r in best.itertuples()
        ]
        _text(
            slide, "Peers ahead — " + "; ".join(said), top=Inches(5.3), size=16, height=Inches(1.2)
        )
    _footer(slide, snap)


def _sources_slide(prs: Presentation, db: Database, snap: Report) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _text(slide, "Sources", top=Inches(0.3), size=30, bold=True)
    lines = [
        f"• {r.producer}: {r.title} — {r.url} (accessed {r.accessed_on})"
        for r in sources_frame(db).itertuples()
    ]
    lines += [
        "",
        f"Cite as: {snap.citation}",
        f"Evidence of the cells in this deck: {evidence_summary(snap.cells['evidence'])} "
        "(⚠ = secondary source or not checked).",
    ]
    _text(slide, "\n".join(lines), top=Inches(1.1), size=16, height=Inches(5.5))
    _footer(slide, snap)


def _lines_slide(prs: Presentation, snap: Report, title: str, lines: list[str]) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _text(slide, title, top=Inches(0.3), size=30, bold=True)
    _text(slide, "\n".join(f"• {x}" for x in lines), top=Inches(1.2), size=20, height=Inches(5))
    _footer(slide, snap)


def build_deck(
    db: Database, snap: Report, *, states: list[str] | None = None, map_png: bytes | None = None
) -> bytes:
    """PPTX bytes: title, map (when ``map_png`` is given), matrix, a slide per state, sources."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDE, HIGH
    scope = snap.scope
    _title_slide(prs, snap, scope)
    if map_png:
        _map_slide(prs, snap, map_png)
    _matrix_slides(prs, snap)
    groups = profile.group_sets(db, as_of=snap.as_of)  # read once for every state slide
    infos = {c: profile.country(db, c, groups=groups) for c in states or set(snap.cells["iso3"])}
    peers = profile.Peers(db, snap.cells, groups=groups)
    asks = profile.asks_by_state(snap.cells)
    for iso3 in states or sorted(infos, key=lambda c: infos[c]["display_name"]):
        _state_slide(prs, infos[iso3], asks.get(iso3, []), peers.ahead(iso3), snap)
    coverage = coverage_table(
        db, as_of=snap.as_of, iso3=set(snap.cells["iso3"]), instruments=[COVERAGE_CODE]
    )
    if not coverage.empty:
        _lines_slide(prs, snap, *slide_text(coverage, code=COVERAGE_CODE))
    _sources_slide(prs, db, snap)
    prs.core_properties.title = f"{TITLE} — {scope}, as of {snap.as_of.isoformat()}"
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
