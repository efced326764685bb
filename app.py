"""Ratification Gap Tracker — the router: page config, navigation, shared sidebar, footer."""

import streamlit as st

import ui

st.set_page_config(page_title="Ratification Gap Tracker", page_icon="🗺️", layout="wide")

pages = [
    st.Page(
        "pages/campaign/matrix.py",
        title="Gap matrix",
        icon=":material/table_chart:",
        url_path="matrix",
        default=True,
    ),
]

nav = st.navigation(pages)
ui.sidebar()
nav.run()
ui.footer()
