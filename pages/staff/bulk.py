"""Bulk edit: upload a CSV in the export format, review the diff, apply all valid rows at once."""

import pandas as pd
import streamlit as st

import ui
from tracker import bulk
from tracker.errors import ParseError, TrackerError
from ui import staff as ui_staff

ui_staff.require_staff()
st.title("Bulk edit from a CSV")
ui_staff.flash()
st.caption(
    "Download the matrix as CSV, change rows, upload it here. Columns: "
    + ", ".join(bulk.EXPORT_COLUMNS)
    + ". `country` and `checked_on` are ignored; `in_force_date` is derived from the consent date."
)
n = st.session_state.setdefault("bulk_upload_n", 0)
upload = st.file_uploader("CSV in the export format", type=["csv"], key=f"bulk_upload_{n}")
plan = None
if upload is not None:
    try:
        plan = bulk.diff(ui.db(), upload.getvalue())
    except ParseError as err:
        st.error(ui_staff.md_escape(err))
        plan = None
if plan is not None:
    counts = plan.counts()
    for column, (kind, count) in zip(st.columns(4), counts.items(), strict=True):
        column.metric(kind, count)
    table = pd.DataFrame(bulk.plan_table(plan))
    st.dataframe(table[table["result"] != "unchanged"], hide_index=True, width="stretch")
    exclude = False
    if counts["rejected"]:
        st.warning(
            f"{counts['rejected']} row(s) are rejected; nothing is applied until they are "
            "fixed in the file or explicitly excluded."
        )
        exclude = st.checkbox(
            f"Exclude the {counts['rejected']} rejected row(s)", key="bulk_exclude"
        )
    reason = st.text_input("Reason for these changes (required)", key="bulk_reason")
    todo = len(plan.to_write())
    left, right = st.columns(2)
    blocked = todo == 0 or (counts["rejected"] > 0 and not exclude)
    if left.button(f"Apply {todo} row(s)", type="primary", disabled=blocked, key="bulk_apply"):
        try:
            ids = bulk.apply(
                ui.db(), plan, actor=ui_staff.actor(), reason=reason, exclude_rejected=exclude
            )
        except TrackerError as err:
            st.error(ui_staff.md_escape(err))
        else:
            ui.clear_caches()
            st.session_state["bulk_upload_n"] = n + 1
            ui_staff.flash(
                f"Applied {len(ids)} row(s) in one transaction (audit #{ids[0]}–#{ids[-1]})."
            )
            st.rerun()
    if right.button("Cancel", key="bulk_cancel"):
        st.session_state["bulk_upload_n"] = n + 1
        st.rerun()
