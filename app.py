"""Ratification Gap Tracker — the router: page config, navigation, shared sidebar, footer."""

import streamlit as st

import ui
from ui import staff as ui_staff

st.set_page_config(page_title="Ratification Gap Tracker", page_icon="🗺️", layout="wide")

# Campaign pages: open to everyone, no login.
campaign = [
    st.Page("app_pages/campaign/map.py", title="Map", icon=":material/public:", default=True),
    st.Page(
        "app_pages/campaign/matrix.py",
        title="Gap matrix",
        icon=":material/table_chart:",
        url_path="matrix",
    ),
    st.Page(
        "app_pages/campaign/country.py",
        title="Country profile",
        icon=":material/flag:",
        url_path="country",
    ),
    st.Page(
        "app_pages/campaign/instrument.py",
        title="Instrument",
        icon=":material/gavel:",
        url_path="instrument",
    ),
    st.Page(
        "app_pages/campaign/targets.py",
        title="Campaign targets",
        icon=":material/track_changes:",
        url_path="targets",
    ),
    st.Page(
        "app_pages/campaign/corridors.py",
        title="Corridors",
        icon=":material/flight_takeoff:",
        url_path="corridors",
    ),
    st.Page(
        "app_pages/campaign/changes.py",
        title="What's new",
        icon=":material/update:",
        url_path="changes",
    ),
    st.Page(
        "app_pages/campaign/present.py",
        title="Presenter mode",
        icon=":material/slideshow:",
        url_path="present",
    ),
]

campaign.append(
    st.Page(
        "app_pages/campaign/login.py",
        title="Staff login",
        icon=":material/login:",
        url_path="login",
    )
)

# Staff pages: only listed (and only routable) for a logged-in session.
staff: list = []
if ui_staff.is_staff():
    staff = [
        st.Page(
            "app_pages/staff/edit.py", title="Edit a cell", icon=":material/edit:", url_path="edit"
        ),
        st.Page(
            "app_pages/staff/history.py",
            title="Recent changes",
            icon=":material/history:",
            url_path="history",
        ),
        st.Page(
            "app_pages/staff/bulk.py",
            title="Bulk edit (CSV)",
            icon=":material/upload_file:",
            url_path="bulk",
        ),
        st.Page(
            "app_pages/staff/import.py",
            title="Import official records",
            icon=":material/cloud_download:",
            url_path="import",
        ),
    ]
else:
    # Logged out, the staff URLs exist only as hidden aliases of the login form.
    campaign += [
        st.Page(
            "app_pages/campaign/login.py", title="Staff login", url_path=path, visibility="hidden"
        )
        for path in ui_staff.STAFF_PATHS
    ]

# Logged in, all 13 pages are listed (collapsed, Streamlit would hide three staff pages).
nav = st.navigation(
    {"Campaign": campaign, **({"Staff": staff} if staff else {})}, expanded=bool(staff)
)
ui.base_style()
ui.read_address(nav.url_path or "map")
ui.shared_view()
# The home map reaches the browser before the sidebar's widgets (docs/performance.md).
home = not nav.url_path
if not home:
    ui.sidebar()
nav.run()
if home:
    ui.sidebar()
ui.write_shared()
ui.footer()
