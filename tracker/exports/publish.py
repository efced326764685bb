"""A self-contained static site (HTML with inline SVG maps, data) for file:// or any server.

Every asset is local and no JavaScript library is needed: the maps are the same inline SVG as
the dashboard's home map (:mod:`tracker.views.svgmap`), one per view, switched by a few lines of JS.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pandas as pd
from sqlite_utils import Database

from tracker import profile
from tracker.corridors.summary import NOTE, coverage_table, sheet_frame
from tracker.exports import paths
from tracker.exports.report import Report, cell_colours, snapshot
from tracker.exports.rows import to_csv, to_json
from tracker.exports.xlsx import to_xlsx
from tracker.instruments import CORE
from tracker.matrix import gap_counts
from tracker.provenance import sources_frame
from tracker.views import svgmap
from tracker.views.tables import cell_label, matrix_labels

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0;
color:#1a1a1a;background:#fff}
main{max-width:1280px;margin:0 auto;padding:1rem 1.5rem}
h1{margin:.2rem 0}.asof{font-size:1.15rem;font-weight:600}
#map{width:100%}#map svg.gapmap{max-height:78vh}
table.matrix{border-collapse:collapse;font-size:.92rem;margin:.5rem 0}
table.matrix th,table.matrix td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left}
table.matrix td.cell{text-align:center;white-space:nowrap}
footer{border-top:1px solid #ccc;margin-top:2rem;padding-top:.5rem;color:#444;font-size:.85rem}
a{color:#0b5394}select{font-size:1rem;padding:.2rem}
"""


def _unknown(counts: pd.DataFrame) -> str:
    n = int(counts["unknown"].sum())
    return f"; {n} unknown on this date (? — a date known only to the year or month)" if n else ""


def _esc(value: object) -> str:
    return html.escape("" if value is None or value != value else str(value))


def _table(frame: pd.DataFrame, *, link: dict[str, str] | None = None) -> str:
    head = "".join(f"<th>{_esc(c)}</th>" for c in [frame.index.name or "", *frame.columns])
    rows = []
    for name, row in frame.iterrows():
        first = f'<a href="{_esc(link[name])}">{_esc(name)}</a>' if link else _esc(name)
        cells = []
        for value in row.tolist():
            colours = cell_colours(value)
            if colours:
                style = f"background:{colours[0]};color:{colours[1]}"
                cells.append(f'<td class="cell" style="{style}">{_esc(value)}</td>')
            elif str(value).startswith(("http://", "https://")):
                host = str(value).split("/")[2]
                cells.append(f'<td><a href="{_esc(value)}">{_esc(host)}</a></td>')
            else:
                cells.append(f"<td>{_esc(value)}</td>")
        rows.append(f"<tr><th>{first}</th>{''.join(cells)}</tr>")
    body = "".join(rows)
    return f'<table class="matrix"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _page(title: str, body: str, snap: Report, *, root: str = "") -> str:
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_esc(title)}</title><style>{CSS}</style></head>
<body><main>{body}
<footer><p>{_esc(snap.footer)}</p><p>Cite as: {_esc(snap.citation)}</p>
<p>Downloads: <a href="{root}data.csv">data.csv</a> · <a href="{root}data.json">data.json</a> ·
<a href="{root}data.xlsx">data.xlsx</a> · generated {dt.date.today().isoformat()} by
<code>python -m tracker publish</code></p></footer></main></body></html>
"""


def _maps(snap: Report) -> str:
    """One inline SVG map per view (core gaps, then each core instrument); the first shown."""
    core = snap.cells[snap.cells["instrument"].isin(CORE)]
    views = {"gaps": svgmap.view_for(core)}
    for code in CORE:
        if code in set(core["instrument"]):
            views[code] = svgmap.status_view(core, instrument=code)
    return "".join(
        f'<div data-view="{key}"{"" if i == 0 else " hidden"}>'
        + svgmap.block(view, link="countries/{iso3}.html")
        + "</div>"
        for i, (key, view) in enumerate(views.items())
    )


_MAP_JS = """
document.getElementById("view").addEventListener("change", e => {
  for (const d of document.querySelectorAll("[data-view]")) {
    d.hidden = d.dataset.view !== e.target.value;
  }
});
"""


def _index(db: Database, snap: Report) -> str:
    core = snap.cells[snap.cells["instrument"].isin(CORE)]
    scope = snap.scope
    wide = matrix_labels(core)
    codes = core.drop_duplicates("country").set_index("country")["iso3"]
    counts = gap_counts(core)
    options = '<option value="gaps">Gaps in the core five</option>' + "".join(
        f'<option value="{c}">{_esc(svgmap.instrument_label(c, t))}</option>'
        for c, t in core.drop_duplicates("instrument")[["instrument", "short_title"]].values
        if c in CORE
    )
    body = f"""<h1>Ratification gaps in Asia — {_esc(scope)}</h1>
<p class="asof">Data as of {snap.as_of:%d %B %Y}</p>
<p>Which states have not ratified the five core instruments that protect migrant workers
(ICRMW, ILO C097, C143, C181, CEDAW). Hover a state for dates and source; click it for its
page. ⚠ marks a cell resting on a secondary source or on none.</p>
<label>Show <select id="view">{options}</select></label>
<div id="map">{_maps(snap)}</div>
<h2>Gap matrix</h2>
<p><strong>{len(counts)} states, {int(counts["gaps"].sum())} gaps</strong> in the core five\
{_unknown(counts)}.</p>
{_table(wide, link={n: f"countries/{c}.html" for n, c in codes.items()})}
{_coverage_html(db, snap)}
{_sources_html(db)}
<script>{_MAP_JS}</script>"""
    return _page(f"Ratification gaps in Asia, as of {snap.as_of.isoformat()}", body, snap)


def _country(db: Database, snap: Report, iso3: str) -> str:
    info = profile.country(db, iso3, as_of=snap.as_of)
    mine = snap.cells[(snap.cells["iso3"] == iso3)].sort_values("sort_order")
    table = profile.instrument_table(mine, iso3).drop(columns=["verified", "note", "title"])
    table["status"] = [
        cell_label(s, v) for s, v in zip(mine["status"], mine["verified"], strict=True)
    ]
    asks = "".join(
        f"<li>{_esc(info['display_name'])} {_esc(a)}</li>" for a in profile.asks(mine, iso3)
    )
    peers = profile.peers_ahead(db, snap.cells, iso3, as_of=snap.as_of)
    peers_html = "".join(
        f"<li>{_esc(r['instrument'])} — {_esc(r['group'])}: {r['count']} of {r['of']} "
        f"({_esc(r['peers that are party'])})</li>"
        for r in peers.to_dict("records")
    )
    body = f"""<p><a href="../index.html">← all states</a></p>
<h1>{_esc(info["display_name"])}</h1>
<p class="asof">Data as of {snap.as_of:%d %B %Y}</p>
<p>{_esc(info["profile_label"])} · Groups: {_esc(", ".join(info["groups"]) or "none")}</p>
<h2>The asks</h2><ul>{asks or "<li>Party to every instrument tracked.</li>"}</ul>
<h2>Peers that have ratified what it has not</h2><ul>{peers_html or "<li>None.</li>"}</ul>
<h2>Every instrument</h2>{_table(table.set_index("instrument"))}"""
    return _page(f"{info['display_name']} — ratification gaps", body, snap, root="../")


def _coverage_html(db: Database, snap: Report) -> str:
    table = coverage_table(db, as_of=snap.as_of, iso3=set(snap.cells["iso3"]))
    shown = sheet_frame(table).set_index("state").drop(columns=["iso3", "year"])
    for col in ("share_tracked", *CORE):
        shown[col] = shown[col].map(lambda v: "—" if v != v else f"{v:.0%}")
    return f'<h2 id="coverage">Protection coverage</h2><p>{_esc(NOTE)}</p>' + _table(
        shown.rename_axis("origin")
    )


def _sources_html(db: Database) -> str:
    rows = "".join(
        f"<li>{_esc(r['producer'])}: {_esc(r['title'])} — {_esc(r['url'])} "
        f"(accessed {_esc(r['accessed_on'])}; {_esc(r['licence'])})</li>"
        for r in sources_frame(db).to_dict("records")
    )
    return f"<h2>Sources</h2><ul>{rows}</ul>"


def publish(
    db: Database, out_dir: Path, *, group: str | None = None, as_of: dt.date | None = None
) -> list[Path]:
    """Write the static site into ``out_dir``; return the files written (index.html first)."""
    out = paths.publish_dir(out_dir, database=paths.database_file(db.conn))
    snap = snapshot(db, instruments="all", group=group, as_of=as_of)
    paths.remove_previous_publish(out)
    (out / "countries").mkdir(parents=True, exist_ok=True)
    files = {
        "index.html": _index(db, snap),
        "data.csv": to_csv(snap.cells, as_of=snap.as_of),
        "data.json": to_json(snap.cells, as_of=snap.as_of.isoformat(), citation=snap.citation),
        "CITATION.txt": f"{snap.citation}\n\n{snap.footer}\n",
    }
    for iso3 in sorted(set(snap.cells["iso3"])):
        files[f"countries/{iso3}.html"] = _country(db, snap, iso3)
    written = []
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
        written.append(out / name)
    (out / "data.xlsx").write_bytes(to_xlsx(db, snap))
    written.append(out / "data.xlsx")
    paths.write_publish_marker(out, written)
    return written
