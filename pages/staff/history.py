"""Recent changes across the tracker, newest first, each revertible (the revert is audited)."""

import streamlit as st

import ui
from tracker import audit
from ui import staff as ui_staff

ui_staff.require_staff()
st.title("Recent changes")
ui_staff.flash()
st.caption("Every edit, bulk upload and revert, with who, when (UTC), old → new, reason, source.")

left, right = st.columns([1, 2])
limit = left.selectbox("Show", [25, 50, 100, 500], key="history_limit")
force = right.checkbox(
    "Allow reverting an entry even if its cell changed since (force)", key="history_force"
)
entries = audit.history(ui.db(), limit=limit)
if not entries:
    st.info("No changes recorded yet.")
for entry in entries:
    ui_staff.show_entry(entry, revert=True, force=force)
