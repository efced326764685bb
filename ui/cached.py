"""The Streamlit edge's cached data: database handle, cached queries, figures and downloads.

Pages reach these through ``import ui``; nothing in ``tracker`` imports streamlit.
Cached results are keyed on the database path and its data version, and cleared after writes.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from sqlite_utils import Database

from tracker import config
from tracker.audit import data_version
from tracker.catalogue import instrument_codes_in_use, state_names_in_use, stored_display_names
from tracker.db import connect
from tracker.i18n import LANGUAGES, country_names
from tracker.instruments import display_names
from tracker.matrix import cells
from tracker.provenance import footer_facts
from tracker.seeding.seed import seed


def db() -> Database:
    """Open the database for this run (seeding an empty one), read path per call."""
    database = connect(config.db_path())
    if database["status"].count == 0:
        seed(database)
    return database


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


@st.cache_data(show_spinner=False, max_entries=64)
def _map_html(
    path: str,
    version: int,
    view: str | None,
    as_of: dt.date,
    lang: str,
    highlight: str | None,
    link: str,
) -> str:
    from tracker.views import svgmap

    df = localise(_cells(path, version, "all", None, as_of), lang=lang)
    return svgmap.block(svgmap.view_for(df, instrument=view), highlight=highlight, link=link)


def map_html(
    *, instrument: str | None = None, highlight: str | None = None, as_of: dt.date | None = None
) -> str:
    """The home map as inline SVG + legend (tracker.views.svgmap), cached per data version."""
    path, version = str(config.db_path()), data_version(db())
    # A click opens the profile with the same date, group and language (the shared view).
    shared = {k: st.query_params[k] for k in ("date", "group", "lang") if k in st.query_params}
    link = "country?iso3={iso3}" + (f"&{urlencode(shared)}" if shared else "")
    day = as_of or as_of_date()
    return _map_html(path, version, instrument, day, language(), highlight, link)


@st.cache_data(show_spinner=False, max_entries=32)
def _map_options(path: str, version: int, lang: str) -> tuple[list[str], dict[str, str]]:
    database = connect(path)
    codes = instrument_codes_in_use(database)
    rows = state_names_in_use(database).items()
    local = _names(path, lang) if lang != "en" else {}
    return codes, {iso3: local.get(iso3, name) for iso3, name in rows}


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
    return country_names(lang=lang, display_names=stored_display_names(connect(path)))


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


def as_of_date() -> dt.date:
    """The as-of date chosen in the sidebar (today by default)."""
    return st.session_state.get("as_of", dt.date.today())


@st.cache_data(show_spinner=False, max_entries=32)
def _footer_facts(path: str, version: int, as_of: dt.date) -> str:
    return footer_facts(connect(path), as_of=as_of)


def footer_text() -> str:
    """Cached footer line (sources, checked-on range, as-of date, unverified count)."""
    return _footer_facts(str(config.db_path()), data_version(db()), as_of_date())


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
    from tracker.exports import brief, deck, images, report
    from tracker.exports import xlsx as export_xlsx

    database = connect(path)
    if kind == "brief":
        return brief.country_brief(database, iso3, as_of=as_of)
    snap = report.snapshot(database, instruments=instruments, group=group, as_of=as_of)
    if kind == "xlsx":
        return export_xlsx.to_xlsx(database, snap)
    if kind == "png":
        return images.chart_image(snap, "gaps", width=1600, height=900)
    png = _export(path, version, "png", instruments, group, as_of, iso3)  # the cached map PNG
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


@st.cache_data(show_spinner=False, max_entries=8)
def _instrument_names(path: str, version: int) -> dict[str, str]:
    return display_names(connect(path))


def instrument_names() -> dict[str, str]:
    """Instrument code → "C097 Migration for Employment (Revised), 1949" (cached)."""
    return _instrument_names(str(config.db_path()), data_version(db()))
