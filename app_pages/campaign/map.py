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
views = ["gaps", *codes]
ui.bind("view", "map_view")
if st.session_state.get("map_view") not in views:
    st.session_state["map_view"] = "gaps"
# The map is sent first and its picker drawn above it afterwards: a fresh page draws the map
# before it loads the widgets' code (docs/performance.md).
picker = st.container(key="map_view_picker").empty()  # its height kept by ui.base_style
view = st.session_state["map_view"]
ui.inline_map(ui.map_html(instrument=None if view == "gaps" else view))
ui.let_the_map_draw()
picker.selectbox("Show", views, key="map_view", format_func=labels.__getitem__)
ui.keep("view", view)

pick = st.selectbox(
    "Open a country profile",
    [None, *names.index],
    key="map_pick",
    format_func=lambda c: "Choose a state…" if c is None else names[c],
)
if pick:
    ui.open_country(pick)

ui.map_text_alternative(instrument=None if view == "gaps" else view)
