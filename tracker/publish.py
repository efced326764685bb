"""A self-contained static site (HTML, plotly.js, map shapes, data) for file:// or any server.

Every asset is local: ``plotly.min.js`` is copied from the python plotly package and
``geo-assets.js`` sets ``window.PlotlyGeoAssets.topojson.world_50m``, which plotly.js reads
before it would fetch the shapes (a page opened from file:// cannot fetch them).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import shutil
from pathlib import Path

import pandas as pd
import plotly
import plotly.io as pio
from sqlite_utils import Database

from tracker import profile
from tracker.charts import gap_map, status_map
from tracker.export import to_csv, to_json
from tracker.export_xlsx import to_xlsx
from tracker.geo import TOPOJSON_DIR
from tracker.instruments import CORE
from tracker.matrix import gap_counts
from tracker.report import ExportError, Snapshot, cell_colours, snapshot, sources_frame
from tracker.tables import cell_label, matrix_labels

PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
TOPOJSON = "world_50m"
CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0;
color:#1a1a1a;background:#fff}
main{max-width:1280px;margin:0 auto;padding:1rem 1.5rem}
h1{margin:.2rem 0}.asof{font-size:1.15rem;font-weight:600}
#map{width:100%;height:620px}
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


def _script_json(obj: object) -> str:
    """JSON safe to put inside a <script> element."""
    return json.dumps(obj, ensure_ascii=False).replace("</", "<\\/")


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


def _page(title: str, body: str, snap: Snapshot, *, root: str = "") -> str:
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


def _figures(snap: Snapshot) -> dict[str, dict]:
    core = snap.cells[snap.cells["instrument"].isin(CORE)]
    figs = {"gaps": gap_map(core, height=620, title="Core gaps")}
    for code in CORE:
        if code in set(core["instrument"]):
            figs[code] = status_map(core, instrument=code, height=620)
    return {k: json.loads(pio.to_json(f, validate=False)) for k, f in figs.items()}


_MAP_JS = """
const config = {displaylogo: false, responsive: true, scrollZoom: false,
  modeBarButtonsToRemove: ["select2d", "lasso2d"]};
const mapDiv = document.getElementById("map");
function show(key) {
  const f = FIGURES[key];
  return Plotly.react(mapDiv, f.data, f.layout, config);
}
document.getElementById("view").addEventListener("change", e => show(e.target.value));
show("gaps").then(() => mapDiv.on("plotly_click", d => {
  const p = d.points[0]; const code = p.location || p.customdata;
  if (code) location.href = "countries/" + code + ".html";
}));
"""


def _index(db: Database, snap: Snapshot) -> str:
    core = snap.cells[snap.cells["instrument"].isin(CORE)]
    scope = snap.scope
    wide = matrix_labels(core)
    codes = core.drop_duplicates("country").set_index("country")["iso3"]
    counts = gap_counts(core)
    options = '<option value="gaps">Gaps in the core five</option>' + "".join(
        f'<option value="{c}">{c}: status</option>' for c in CORE if c in set(core["instrument"])
    )
    body = f"""<h1>Ratification gaps in Asia — {_esc(scope)}</h1>
<p class="asof">Data as of {snap.as_of:%d %B %Y}</p>
<p>Which states have not ratified the five core instruments that protect migrant workers
(ICRMW, ILO C097, C143, C181, CEDAW). Hover a state for dates and source; click it for its
page. ⚠ marks a cell resting on a secondary source or on none.</p>
<label>Show <select id="view">{options}</select></label>
<div id="map"></div>
<h2>Gap matrix</h2>
<p><strong>{len(counts)} states, {int(counts["gaps"].sum())} gaps</strong> in the core five\
{_unknown(counts)}.</p>
{_table(wide, link={n: f"countries/{c}.html" for n, c in codes.items()})}
{_sources_html(db)}
<script src="plotly.min.js"></script><script src="geo-assets.js"></script>
<script>const FIGURES = {_script_json(_figures(snap))};</script>
<script>{_MAP_JS}</script>"""
    return _page(f"Ratification gaps in Asia, as of {snap.as_of.isoformat()}", body, snap)


def _country(db: Database, snap: Snapshot, iso3: str) -> str:
    info = profile.country(db, iso3)
    mine = snap.cells[(snap.cells["iso3"] == iso3)].sort_values("sort_order")
    table = profile.instrument_table(mine, iso3).drop(columns=["verified", "note", "title"])
    table["status"] = [
        cell_label(s, v) for s, v in zip(mine["status"], mine["verified"], strict=True)
    ]
    asks = "".join(
        f"<li>{_esc(info['display_name'])} {_esc(a)}</li>" for a in profile.asks(mine, iso3)
    )
    peers = profile.peers_ahead(db, snap.cells, iso3)
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
    if not PLOTLY_JS.is_file():
        raise ExportError(f"plotly.js not found at {PLOTLY_JS}; reinstall plotly")
    snap = snapshot(db, instruments="all", group=group, as_of=as_of)
    out = Path(out_dir)
    (out / "countries").mkdir(parents=True, exist_ok=True)
    topo = (TOPOJSON_DIR / f"{TOPOJSON}.json").read_text(encoding="utf-8")
    files = {
        "index.html": _index(db, snap),
        "geo-assets.js": (
            "window.PlotlyGeoAssets = window.PlotlyGeoAssets || {};\n"
            "window.PlotlyGeoAssets.topojson = window.PlotlyGeoAssets.topojson || {};\n"
            f"window.PlotlyGeoAssets.topojson[{json.dumps(TOPOJSON)}] = {topo};\n"
        ),
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
    shutil.copyfile(PLOTLY_JS, out / "plotly.min.js")
    return [*written, out / "data.xlsx", out / "plotly.min.js"]
