"""The Streamlit edge: database handle, cached queries, shared sidebar and footer.

Pages import from here and from ``tracker``; nothing in ``tracker`` imports streamlit.
Cached results are keyed on the database path and its data version, and cleared after writes.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from sqlite_utils import Database

from tracker import config
from tracker.asof import migrants_day, migrants_day_years
from tracker.charts import gap_map, status_map
from tracker.db import connect
from tracker.footer import footer_facts
from tracker.i18n import LANGUAGES, country_names
from tracker.instruments import INSTRUMENT_SETS
from tracker.matrix import cells
from tracker.seed import seed


def db() -> Database:
    """Open the database for this run (seeding an empty one), read path per call."""
    database = connect(config.db_path())
    if database["status"].count == 0:
        seed(database)
    return database


def data_version(database: Database) -> int:
    """A number that changes whenever status cells change (for cache keys)."""
    row = database.execute("select coalesce(max(id), 0) from audit_log").fetchone()
    return int(row[0])


@st.cache_data(show_spinner=False, max_entries=64)
def _cells(path: str, version: int, instruments: str, group: str | None, as_of: dt.date):
    return cells(connect(path), instruments=instruments, group=group, as_of=as_of)


def load_cells(
    *, instruments: str = "all", group: str | None = None, as_of: dt.date | None = None
) -> pd.DataFrame:
    """Cached :func:`tracker.matrix.cells` for the current database and as-of date.

    The ``country`` column is in the language chosen in the sidebar (see :func:`localise`).
    """
    database = db()
    day = as_of or as_of_date()
    return localise(_cells(str(config.db_path()), data_version(database), instruments, group, day))


@st.cache_resource(show_spinner=False, max_entries=64)
def _map_figure(path: str, version: int, view: str | None, as_of: dt.date, lang: str) -> go.Figure:
    df = localise(_cells(path, version, "all", None, as_of), lang=lang)
    if view is None:
        return gap_map(df[df["instrument"].isin(core_codes())], title="Core gaps")
    return status_map(df, instrument=view)


def map_figure(*, instrument: str | None = None, as_of: dt.date | None = None) -> go.Figure:
    """The home map: core-five gaps, or one instrument's status; cached, so never mutate it.

    Shared by every session (``st.cache_resource``: plotly figures are slow to build and to
    copy), keyed on the database, its data version, the date, the view and the language.
    """
    path, version = str(config.db_path()), data_version(db())
    return _map_figure(path, version, instrument, as_of or as_of_date(), language())


@st.cache_data(show_spinner=False, max_entries=32)
def _map_options(path: str, version: int, lang: str) -> tuple[list[str], dict[str, str]]:
    database = connect(path)
    codes = database.execute(
        "select code from instruments where code in (select distinct instrument from status) "
        "order by sort_order"
    ).fetchall()
    rows = database.execute(
        "select iso3, display_name from countries where iso3 in (select distinct iso3 from status)"
    ).fetchall()
    local = _names(path, lang) if lang != "en" else {}
    return [c for (c,) in codes], {iso3: local.get(iso3, name) for iso3, name in rows}


def map_options() -> tuple[list[str], pd.Series]:
    """Instrument codes in display order, and state names (iso3 → name, A–Z) for the map page.

    Small and cached: the map page never copies the whole matrix on a rerun.
    """
    path, version = str(config.db_path()), data_version(db())
    codes, names = _map_options(path, version, language())
    return codes, pd.Series(names, dtype=object).sort_values()


def language() -> str:
    """The language for country names chosen in the sidebar (``en`` by default)."""
    lang = st.session_state.get("lang", "en")
    return lang if lang in LANGUAGES else "en"


@st.cache_data(show_spinner=False, max_entries=32)
def _names(path: str, lang: str) -> dict[str, str]:
    rows = connect(path).execute("select iso3, display_name from countries").fetchall()
    return country_names(lang=lang, display_names=dict(rows))


def localise(df: pd.DataFrame, *, column: str = "country", lang: str | None = None) -> pd.DataFrame:
    """A copy of ``df`` with ``column`` (keyed by ``iso3``) in the chosen language."""
    lang = lang or language()
    if lang == "en" or column not in df.columns or "iso3" not in df.columns:
        return df
    names = _names(str(config.db_path()), lang)
    return df.assign(**{column: df["iso3"].map(names).fillna(df[column])})


def clear_caches() -> None:
    """Drop every cached query result and figure (call after a write)."""
    st.cache_data.clear()
    _map_figure.clear()


def as_of_date() -> dt.date:
    """The as-of date chosen in the sidebar (today by default)."""
    return st.session_state.get("as_of", dt.date.today())


def sidebar() -> None:
    """Controls shared by every page: the as-of date and the language of country names."""
    with st.sidebar:
        today = dt.date.today()
        choice = st.selectbox(
            "Show the world as it stood on",
            ["Today", "International Migrants Day (18 Dec)", "Pick a date"],
            key="as_of_preset",
        )
        if choice == "International Migrants Day (18 Dec)":
            year = st.selectbox("Year", migrants_day_years(today), key="as_of_imd_year")
            st.session_state["as_of"] = migrants_day(year)
        elif choice == "Pick a date":
            st.date_input(
                "Date",
                value=today,
                min_value=dt.date(1945, 1, 1),
                max_value=today,
                key="as_of_pick",
                format="YYYY-MM-DD",
            )
            st.session_state["as_of"] = st.session_state.get("as_of_pick", today)
        else:
            st.session_state["as_of"] = today
        st.selectbox(
            "Country names in", list(LANGUAGES), key="lang", format_func=LANGUAGES.__getitem__
        )


def instrument_set_picker(default: str = "core", *, key: str = "instrument_set") -> str:
    """Radio to choose core five / migrant-relevant / everything."""
    names = list(INSTRUMENT_SETS)
    return st.radio(
        "Instruments",
        names,
        index=names.index(default),
        key=key,
        horizontal=True,
        format_func=INSTRUMENT_SETS.__getitem__,
    )


@st.cache_data(show_spinner=False, max_entries=32)
def _footer_facts(path: str, version: int, as_of: dt.date) -> str:
    return footer_facts(connect(path), as_of=as_of)


def footer() -> None:
    """Sources, checked-on range, as-of date and unverified count, on every page."""
    facts = _footer_facts(str(config.db_path()), data_version(db()), as_of_date())
    st.divider()
    st.caption(facts)


SOURCE_COLUMNS = {
    "source": st.column_config.LinkColumn("source", display_text="open source"),
    "verified": st.column_config.CheckboxColumn(
        "verified", help="rests on a depositary or official source (no ⚠)"
    ),
}


def core_codes() -> tuple[str, ...]:
    """The five core instruments of the mission."""
    from tracker.instruments import CORE

    return CORE


def number(value: object) -> str:
    """A population figure for a metric ("2,115,408"), or "not reported"."""
    return f"{int(value):,}" if value not in (None, "") and value == value else "not reported"


def clicked_iso3(event: object) -> str | None:
    """The ISO3 code of the state clicked on a map (plotly selection event), if any."""
    points = getattr(getattr(event, "selection", None), "points", None) or []
    for point in points:
        code = point.get("location") or point.get("customdata")
        if isinstance(code, list):
            code = code[0] if code else None
        if code:
            return str(code)
    return None


def open_country(iso3: str) -> None:
    """Switch to the country profile page for ``iso3``."""
    st.switch_page("pages/campaign/country.py", query_params={"iso3": iso3})


def country_from_query(names: pd.Series) -> str:
    """The ISO3 code in ``?iso3=`` if it is a tracked state, else the first state."""
    code = str(st.query_params.get("iso3", "")).upper()
    return code if code in names.index else str(names.index[0])


# Presenter mode: projector-friendly type and contrast, no sidebar or toolbar.
_PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"] {display: none !important;}
.block-container {max-width: 100% !important; padding: 1rem 2.5rem 0.5rem !important;}
.stApp, .stApp p, .stApp li {color: #000000;}
.stApp h1 {font-size: 3.4rem !important; font-weight: 800; line-height: 1.1; padding: 0;}
.stApp li, .stApp li p {font-size: 1.75rem !important; line-height: 1.3;}
.present-sub {font-size: 1.6rem !important; color: #222222 !important; margin: 0;}
.present-count {font-size: 1.5rem !important; text-align: center; font-weight: 700; margin: 0;}
.block-container {padding-bottom: 3.5rem !important;}
.present-source {position: fixed; left: 0; right: 0; bottom: 0; z-index: 999990; margin: 0;
  background: #FFFFFF; font-size: 1.15rem !important; color: #000000 !important;
  border-top: 2px solid #000000; padding: 0.45rem 2.5rem;}
.stButton button p {font-size: 1.4rem !important; font-weight: 700;}
.stApp hr, [data-testid="stCaptionContainer"] {display: none !important;}
</style>
"""


def presenter_mode() -> None:
    """Apply the presenter style to this page (large type, high contrast, sidebar hidden)."""
    st.html(_PRESENTER_CSS)


def step_index(count: int, *, key: str) -> int:
    """The current presenter step for ``key`` (0 on first view), kept inside the sequence."""
    from tracker.presenter import clamp

    st.session_state[key] = clamp(int(st.session_state.get(key, 0)), count)
    return st.session_state[key]


def step_by(key: str, delta: int, count: int) -> None:
    """Button callback: move the presenter step for ``key`` by ``delta``."""
    from tracker.presenter import clamp

    st.session_state[key] = clamp(int(st.session_state.get(key, 0)) + delta, count)


@st.cache_data(show_spinner=False, max_entries=16)
def _export(
    path: str,
    version: int,
    kind: str,
    instruments: str,
    group: str | None,
    as_of: dt.date,
    iso3: str,
) -> bytes:
    from tracker import brief, deck, export_xlsx, images, report

    database = connect(path)
    if kind == "brief":
        return brief.country_brief(database, iso3, as_of=as_of)
    snap = report.snapshot(database, instruments=instruments, group=group, as_of=as_of)
    if kind == "xlsx":
        return export_xlsx.to_xlsx(database, snap)
    if kind == "png":
        return images.chart_image(snap, "gaps", width=1600, height=900)
    png = images.chart_image(snap, "gaps", width=1600, height=900)  # one image: no renderer()
    return deck.build_deck(database, snap, map_png=png)


def export_download(
    kind: str, *, instruments: str = "core", group: str | None = None, iso3: str = ""
) -> Callable[[], bytes]:
    """A zero-argument callable for ``st.download_button(data=...)``: made on click, cached.

    ``kind`` is ``xlsx`` (of ``instruments``), ``pptx`` (deck with map), ``png`` (core-gaps
    map) or ``brief`` (of ``iso3``); the deck and map always show the core five.
    """
    path, version, day = str(config.db_path()), data_version(db()), as_of_date()
    shown = instruments if kind == "xlsx" else "core"
    return functools.partial(_export, path, version, kind, shown, group, day, iso3)
