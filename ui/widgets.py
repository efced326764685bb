"""Widgets shared by the pages: the sidebar, pickers, footer and small formatters."""

from __future__ import annotations

import datetime as dt
import time

import pandas as pd
import streamlit as st

from tracker.asof import migrants_day, migrants_day_years
from tracker.countries import GROUPS
from tracker.i18n import LANGUAGES
from tracker.instruments import INSTRUMENT_SETS
from tracker.views import svgmap
from tracker.views.state import EARLIEST
from tracker.views.tables import map_text
from ui import links
from ui.cached import (
    footer_text,
    instrument_names,
    language,
    load_cells,
    localise,
    map_options,
)

_PRESETS = ["Today", "International Migrants Day (18 Dec)", "Pick a date"]


def _bind_date(today: dt.date) -> None:
    """Set the date widgets from a linked ``date=`` (Migrants Day presets where it is one)."""
    if "as_of" in st.session_state and "date" not in links.pending():
        return
    day = links.linked("date")
    links.consume("date")
    if not isinstance(day, dt.date) or day == today:
        st.session_state["as_of_preset"] = _PRESETS[0]
    elif (day.month, day.day) == (12, 18) and day.year in migrants_day_years(today):
        st.session_state["as_of_preset"] = _PRESETS[1]
        st.session_state["as_of_imd_year"] = day.year
    else:
        st.session_state["as_of_preset"] = _PRESETS[2]
        st.session_state["as_of_pick"] = day


def shared_view() -> None:
    """Before the page: the as-of date and language, from the link or the sidebar's widgets.

    The widgets themselves are drawn by :func:`sidebar` (after the home map: its value is known
    here already, from the link or from the widgets' state of the last run).
    """
    today = dt.date.today()
    _bind_date(today)
    links.bind("lang", "lang")
    choice = st.session_state.get("as_of_preset", _PRESETS[0])
    if choice == _PRESETS[1]:
        years = migrants_day_years(today)
        year = st.session_state.get("as_of_imd_year")
        st.session_state["as_of"] = migrants_day(year if year in years else years[0])
    elif choice == _PRESETS[2]:
        st.session_state["as_of"] = st.session_state.get("as_of_pick", today)
    else:
        st.session_state["as_of"] = today
    # Into the address now: the page's links (the map's) carry the date and language chosen.
    links.keep("date", st.session_state["as_of"])
    links.keep("lang", language())


def sidebar() -> None:
    """Controls shared by every page: the as-of date and the language of country names."""
    with st.sidebar:
        today = dt.date.today()
        choice = st.selectbox("Show the world as it stood on", _PRESETS, key="as_of_preset")
        if choice == _PRESETS[1]:
            st.selectbox("Year", migrants_day_years(today), key="as_of_imd_year")
        elif choice == _PRESETS[2]:
            if "as_of_pick" not in st.session_state:
                st.session_state["as_of_pick"] = today
            st.date_input(
                "Date",
                min_value=EARLIEST,
                max_value=today,
                key="as_of_pick",
                format="YYYY-MM-DD",
            )
        # The address already carries the chosen date and language (shared_view, every run).
        st.selectbox(
            "Country names in", list(LANGUAGES), key="lang", format_func=LANGUAGES.__getitem__
        )


def group_picker(
    *,
    key: str,
    options: tuple[str, ...] | None = None,
    everyone: bool = True,
    disabled: bool = False,
) -> str | None:
    """The group filter (``None`` = all 51 states), carried in the link as ``group=``."""
    names = [*([None] if everyone else []), *(options or GROUPS)]
    links.bind("group", key)
    if st.session_state.get(key) not in names:
        st.session_state[key] = names[0]
    group = st.selectbox(
        "Group",
        names,
        key=key,
        format_func=lambda g: "All 51 states" if g is None else GROUPS[g].label,
        disabled=disabled,
    )
    links.keep("group", group)
    return group


def instrument_set_picker(default: str = "core", *, key: str = "instrument_set") -> str:
    """Radio to choose core five / migrant-relevant / everything."""
    names = list(INSTRUMENT_SETS)
    links.bind("set", key)
    if key not in st.session_state:
        st.session_state[key] = default
    chosen = st.radio(
        "Instruments", names, key=key, horizontal=True, format_func=INSTRUMENT_SETS.__getitem__
    )
    links.keep("set", chosen)
    return chosen


def footer() -> None:
    """Sources, checked-on range, as-of date and unverified count, on every page."""
    facts = footer_text()
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


def open_country(iso3: str) -> None:
    """Switch to the country profile page for ``iso3``."""
    st.switch_page("app_pages/campaign/country.py", query_params={"iso3": iso3})


def state_picker(names: pd.Series, *, default: str | None, key: str = "country_pick") -> str:
    """The state shown on the profile (``iso3=`` in the link), ``default`` when none is given."""
    links.bind("iso3", key)
    if st.session_state.get(key) not in names.index:
        st.session_state[key] = default if default in names.index else str(names.index[0])
    iso3 = st.selectbox("State", list(names.index), format_func=names.__getitem__, key=key)
    links.keep("iso3", iso3)
    return iso3


def inline_map(markup: str) -> None:
    """Draw an SVG map block (``ui.map_html``) with the browser's own HTML parser.

    ``st.markdown`` would run it through Streamlit's Markdown and HTML parsers in JavaScript;
    see :func:`tracker.views.svgmap.drawn_by_script`.
    """
    st.html(svgmap.drawn_by_script(markup), unsafe_allow_javascript=True)


_MAP_FIRST_S = 0.15


def let_the_map_draw() -> None:
    """On a session's first run only, wait a moment after the map before the widgets follow.

    The whole run takes ~20 ms, so without a gap the browser receives the map and the widgets
    together and reveals the map only with the widgets, after their code has loaded (and after
    React's 500 ms throttle on revealing suspended elements). A new tab sees the map ~0.3 s
    sooner; reruns and later visits in the session never wait (docs/performance.md).
    """
    if not st.session_state.get("_map_drawn"):
        st.session_state["_map_drawn"] = True
        time.sleep(_MAP_FIRST_S)


def map_text_alternative(*, instrument: str | None) -> None:
    """The map's facts as a table below it, for screen readers and small screens.

    Lazy: the table is built and sent only while the expander is open (the home page draws
    faster without 51 hidden rows).
    """
    title = "core gaps" if instrument is None else instrument_names().get(instrument, instrument)
    _, names = map_options()
    box = st.expander(
        f"The map as a table: {title}, {len(names)} states", key="map_table", on_change="rerun"
    )
    if box.open:
        df = localise(load_cells(instruments="core" if instrument is None else instrument))
        box.table(map_text(df, instrument=instrument).set_index("state"))


# Readable everywhere: captions at AA contrast; on phones, less padding and no sideways scroll.
_BASE_CSS = """
<style>
[data-testid="stCaptionContainer"] {opacity: 1 !important;}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {color: #4B4F5C;}
[data-testid="stWidgetLabel"] p {color: #262730;}
/* The home map's picker is drawn after the map: its place is kept so the map never moves. */
.st-key-map_view_picker {min-height: 68px;}
@media (max-width: 640px) {
  .block-container {padding-left: 0.75rem !important; padding-right: 0.75rem !important;}
  .stApp h1 {font-size: 1.7rem;}
  [data-testid="stMain"] {overflow-x: hidden;}
}
</style>
"""


def base_style() -> None:
    """Apply the shared style (caption contrast, phone layout) to every page."""
    st.html(_BASE_CSS)
