"""Map (home): Asia map of gaps or of one instrument's status, as inline SVG; click a profile."""

import streamlit as st

import ui

st.title("Ratification gaps in Asia")
st.caption(
    f"As of {ui.as_of_date():%d %B %Y}. Hover a state for its status, dates and source; click "
    "it (or pick it below) to open its profile."
)

codes, names = ui.map_options()
labels = ui.instrument_labels()
choices = ["Gaps in the core five", *codes]
view = st.selectbox("Show", choices, key="map_view", format_func=lambda c: labels.get(c, c))
st.markdown(ui.map_html(instrument=None if view == choices[0] else view), unsafe_allow_html=True)

pick = st.selectbox(
    "Open a country profile",
    [None, *names.index],
    key="map_pick",
    format_func=lambda c: "Choose a state…" if c is None else names[c],
)
if pick:
    ui.open_country(pick)
