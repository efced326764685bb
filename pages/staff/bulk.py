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
    "Download the matrix for editing here, change rows, upload it. Columns: "
    + ", ".join(bulk.EXPORT_COLUMNS)
    + ", version. `country` and `checked_on` are ignored; `in_force_date` is derived from the "
    "consent date. `version` says which version of each cell the row was based on: a cell "
    "changed since is shown as a conflict and applied only if you choose it."
)
st.download_button(
    "Download the matrix for editing (CSV with versions)",
    lambda: bulk.download(ui.db()),  # made on click: the versions as they are then
    file_name="tracker-matrix-for-editing.csv",
    mime="text/csv",
    key="bulk_download",
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
    for column, (kind, count) in zip(st.columns(len(counts)), counts.items(), strict=True):
        column.metric(kind, count)
    table = pd.DataFrame(bulk.plan_table(plan))
    shown = table[~table["result"].isin(["unchanged", "conflict"])]
    st.dataframe(shown, hide_index=True, width="stretch")
    if not plan.versioned:
        st.warning(
            "This file has no `version` column, so edits made by others since it was "
            "downloaded cannot be detected: its rows would overwrite them. Prefer the download "
            "above."
        )
    chosen = []
    if counts["conflict"]:
        with st.container(border=True):
            st.error(
                f"{counts['conflict']} row(s) are conflicts: their cell changed after the file "
                "was downloaded. They are skipped unless you tick them one by one."
            )
            st.dataframe(pd.DataFrame(bulk.conflict_table(plan)), hide_index=True, width="stretch")
            for row in plan.of("conflict"):
                if st.checkbox(
                    f"Line {row.line} {row.iso3}/{row.instrument}: overwrite version "
                    f"{row.version} with the file's values",
                    key=f"bulk_take_{row.line}",
                ):
                    chosen.append(row.line)
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
    todo = len(plan.to_write(chosen))
    left, right = st.columns(2)
    blocked = todo == 0 or (counts["rejected"] > 0 and not exclude)
    if left.button(f"Apply {todo} row(s)", type="primary", disabled=blocked, key="bulk_apply"):
        ui_staff.ensure_session()
        try:
            ids = bulk.apply(
                ui.db(),
                plan,
                actor=ui_staff.actor(),
                reason=reason,
                exclude_rejected=exclude,
                take_conflicts=chosen,
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
