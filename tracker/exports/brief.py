"""A one-page country brief (PDF, fpdf2) for a lobbying meeting: status, asks, peers, sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace
from sqlite_utils import Database

from tracker import profile, provenance
from tracker.countries import require_tracked
from tracker.errors import ExportError
from tracker.exports.report import cell_colours, snapshot
from tracker.views.tables import cell_label

# Debian's fonts-dejavu-core: Unicode coverage for ✔ ✎ ✗ ⚠ and every display name.
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
INK, MUTED = (34, 34, 34), (90, 90, 90)
MAX_PEER_LINES = 6


def _hex(colour: str) -> tuple[int, int, int]:
    c = colour.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def _pdf(font_dir: Path) -> FPDF:
    missing = [n for n in FONT_FILES.values() if not (font_dir / n).is_file()]
    if missing:
        raise ExportError(
            f"the country brief needs the DejaVu fonts ({', '.join(missing)} not in {font_dir}); "
            "install them with: apt-get install fonts-dejavu-core"
        )
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(14, 12, 14)
    pdf.set_auto_page_break(True, margin=12)
    for style, name in FONT_FILES.items():
        pdf.add_font("DejaVu", style, str(font_dir / name))
    return pdf


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(2)
    pdf.set_font("DejaVu", "B", 11.5)
    pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)


def country_brief(
    db: Database,
    iso3: str,
    *,
    as_of: dt.date | None = None,
    instruments: str = "migrant",
    font_dir: Path = FONT_DIR,
) -> bytes:
    """PDF bytes of a one-page brief for ``iso3``: status table, asks, peers ahead, sources."""
    code = require_tracked(iso3)
    snap = snapshot(db, instruments=instruments, as_of=as_of)
    info = profile.country(db, code, as_of=snap.as_of)
    pdf = _pdf(font_dir)
    pdf.set_title(f"{info['display_name']}: ratification brief, as of {snap.as_of.isoformat()}")
    pdf.add_page()
    pdf.set_text_color(*INK)

    pdf.set_font("DejaVu", "B", 20)
    pdf.cell(0, 10, info["display_name"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(
        0,
        5,
        f"Ratification brief · data as of {snap.as_of:%d %B %Y} · {info['profile_label']} · "
        f"groups: {', '.join(info['groups']) or 'none'}",
        align="L",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    stocks = [
        f"migrants living here: {int(v):,}"
        if k == "migrant_stock"
        else f"citizens abroad: {int(v):,}"
        for k in ("migrant_stock", "emigrant_stock")
        if (v := info.get(k)) not in (None, "")
    ]
    if stocks:
        pdf.set_text_color(*MUTED)
        pdf.cell(0, 5, "UN DESA 2020 — " + "; ".join(stocks), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)

    _heading(pdf, "The asks")
    asks = profile.asks(snap.cells, code)
    pdf.set_font("DejaVu", "", 10)
    for text in asks or [
        "Party to every migrant-relevant instrument tracked: ask for implementation."
    ]:
        pdf.multi_cell(
            0, 5.2, f"•  {info['display_name']} {text}", align="L", new_x="LMARGIN", new_y="NEXT"
        )

    _heading(pdf, "Status of the migrant-relevant instruments")
    table = profile.instrument_table(snap.cells, code)
    mine = snap.cells[snap.cells["iso3"] == code].sort_values("sort_order")
    labels = [cell_label(s, v) for s, v in zip(mine["status"], mine["verified"], strict=True)]
    pdf.set_font("DejaVu", "", 8.5)
    widths = (28, 62, 32, 20, 20, 20)
    with pdf.table(
        col_widths=widths, line_height=4.6, text_align="LEFT", headings_style=FontFace(emphasis="B")
    ) as t:
        t.row(["code", "instrument", "status", "signed", "ratified", "in force"])
        for row, label in zip(table.to_dict("records"), labels, strict=True):
            back, text = cell_colours(label) or ("#FFFFFF", "#222222")
            r = t.row()
            r.cell(row["instrument"])
            r.cell(row["title"])
            r.cell(label, style=FontFace(color=_hex(text), fill_color=_hex(back)))
            for key in ("signed", "ratified / acceded", "in force"):
                r.cell(str(row[key]))

    peers = profile.peers_ahead(db, snap.cells, code, as_of=snap.as_of)
    _heading(pdf, "Peers that have ratified what it has not")
    pdf.set_font("DejaVu", "", 9)
    if peers.empty:
        pdf.multi_cell(
            0, 4.8, "None in its regional groups.", align="L", new_x="LMARGIN", new_y="NEXT"
        )
    ranked = peers.sort_values("count", ascending=False).head(MAX_PEER_LINES)
    for r in ranked.to_dict("records"):
        line = (
            f"{r['instrument']} — {r['group']}: {r['count']} of {r['of']} "
            f"({r['peers that are party']})"
        )
        pdf.multi_cell(0, 4.8, f"•  {line}", align="L", new_x="LMARGIN", new_y="NEXT")
    if len(peers) > MAX_PEER_LINES:
        pdf.cell(
            0, 4.8, f"   … and {len(peers) - MAX_PEER_LINES} more", new_x="LMARGIN", new_y="NEXT"
        )

    _heading(pdf, "Sources")
    pdf.set_font("DejaVu", "", 7.5)
    pdf.set_text_color(*MUTED)
    hosts = sorted({str(u).split("/")[2] for u in table["source"] if str(u).count("/") >= 2})
    mine_levels = list(mine["evidence"])
    pdf.multi_cell(
        0,
        3.6,
        f"Status cells from {', '.join(hosts)}; checked on {snap.checked}. "
        f"{provenance.source_line(mine_levels)}. Evidence of the cells above: "
        f"{provenance.evidence_summary(mine_levels)} (⚠ = secondary source or not checked).\n"
        f"Cite as: {provenance.citation(db, as_of=snap.as_of, levels=mine_levels)}",
        align="L",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())
