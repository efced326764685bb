"""What's new: every status change between two dates, from treaty records and the audit log."""

import datetime as dt

import streamlit as st

import ui
from tracker.changes import changes, latest_change, presets, to_csv
from ui import staff as ui_staff

staff = ui_staff.is_staff()
st.title("What's new")
st.caption(
    "Signatures, ratifications, accessions and denunciations dated inside the window — e.g. "
    "everything since the last regional conference."
    + (" Logged in as staff: every edit, import and revert in the audit log too." if staff else "")
)

today = dt.date.today()
windows = presets(today)
left, middle, right = st.columns([2, 1, 1])
with left:
    choice = st.selectbox("Window", [*windows, "Pick dates"], key="changes_window")
default_since, default_until = windows.get(choice, windows["Last 12 months"])
with middle:
    since = st.date_input(
        "From",
        default_since,
        min_value=dt.date(1945, 1, 1),
        max_value=today,
        key=f"changes_since_{choice}",
        format="YYYY-MM-DD",
        disabled=choice != "Pick dates",
    )
with right:
    until = st.date_input(
        "To",
        default_until,
        min_value=dt.date(1945, 1, 1),
        max_value=today,
        key=f"changes_until_{choice}",
        format="YYYY-MM-DD",
        disabled=choice != "Pick dates",
    )
group = ui.group_picker(key="changes_group")

if since > until:
    st.warning("The start date is after the end date.")
    st.stop()

df = ui.localise(
    changes(ui.db(), since=since, until=until, group=group, staff=staff), column="state"
)
st.markdown(f"**{len(df)} changes** from {since:%d %B %Y} to {until:%d %B %Y}.")
if df.empty:
    st.info(
        "Nothing changed in this window. The latest recorded change is "
        f"{latest_change(ui.db(), staff=staff)}."
    )
st.dataframe(
    df.drop(columns=["iso3"] if staff else ["iso3", "actor", "reason", "origin"]),
    hide_index=True,
    width="stretch",
    column_config={"source_url": st.column_config.LinkColumn("source", display_text="source")},
)
st.download_button(
    "Download the changes (CSV)",
    to_csv(df, staff=staff),
    file_name=f"changes-{since}-{until}-{group or 'all'}.csv",
    mime="text/csv",
)
