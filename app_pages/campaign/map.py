"""Map (home): Asia map of gaps or of one instrument's status, as inline SVG; click a profile."""

import streamlit as st

import ui

st.title("Ratification gaps in Asia")
st.caption(
    f"As of {ui.as_of_date():%d %B %Y}. Hover a state for its status, dates and source; click "
    "it (or pick it below) to open its profile."
)

codes, names = ui.map_options()
labels = {"gaps": "Gaps in the core five", **ui.instrument_names()}
ui.bind("view", "map_view")
view = st.selectbox("Show", ["gaps", *codes], key="map_view", format_func=labels.__getitem__)
ui.keep("view", view)
ui.inline_map(ui.map_html(instrument=None if view == "gaps" else view))

pick = st.selectbox(
    "Open a country profile",
    [None, *names.index],
    key="map_pick",
    format_func=lambda c: "Choose a state…" if c is None else names[c],
)
if pick:
    ui.open_country(pick)

ui.map_text_alternative(instrument=None if view == "gaps" else view)
