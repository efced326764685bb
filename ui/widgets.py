"""Widgets shared by the pages: the sidebar, pickers, footer and small formatters."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from tracker.asof import migrants_day, migrants_day_years
from tracker.i18n import LANGUAGES
from tracker.instruments import INSTRUMENT_SETS
from ui.cached import footer_text


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
