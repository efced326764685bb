"""Edit one cell: current values and history, a validated form with source and reason."""

import streamlit as st

import ui
from tracker import audit, edits
from tracker.status import ALLOWED_CONSENT_KINDS, Body
from ui import evidence as ui_evidence
from ui import staff as ui_staff

ui_staff.require_staff()
st.title("Edit a cell")

db = ui.db()
iso3, code = ui_staff.pick_cell(db)
cell = edits.load_cell(db, iso3=iso3, instrument=code)
ui_staff.loaded_version(cell)
k = ui_staff.widget_suffix(cell)
with st.expander(f"Current values (version {cell['version']})", expanded=True):
    st.dataframe(ui_staff.cell_frame(cell), hide_index=True, width="stretch", height=528)
    ui_staff.source_link(cell.get("source_url"))
ui_staff.show_conflict(cell)

with st.form("edit" + k):
    statuses = edits.allowed_statuses(cell["body"])
    current = cell.get("status")
    status = st.selectbox(
        "Status",
        statuses,
        index=statuses.index(current) if current in statuses else 0,
        key="status" + k,
    )
    left, middle, right = st.columns(3)
    dates = {
        "consent_date": ui_staff.date_field(
            middle, "Ratification / accession date", cell, "consent_date"
        )
    }
    if cell["body"] == Body.UN:  # ILO conventions have no signature stage
        dates["signature_date"] = ui_staff.date_field(
            left, "Signature date", cell, "signature_date"
        )
    dates["denunciation_date"] = ui_staff.date_field(
        right, "Denunciation date", cell, "denunciation_date"
    )
    kinds = ["", *sorted(ALLOWED_CONSENT_KINDS[Body(cell["body"])])]
    kind = st.selectbox(
        "Consent kind",
        kinds,
        index=kinds.index(cell["consent_kind"]) if cell.get("consent_kind") in kinds else 0,
        format_func=lambda x: x or "—",
        key="consent_kind" + k,
    )
    note = st.text_area("Note", cell.get("note") or "", key="note" + k)
    source = st.text_input("Source URL (required)", key="source" + k, placeholder="https://…")
    left, right = st.columns(2)
    evidence = left.selectbox(
        "Evidence level",
        ui_evidence.EVIDENCE_CHOICES,
        format_func=ui_evidence.evidence_choice,
        key="evidence" + k,
        help="Graded from the source URL and note unless you choose a level. A level may be "
        "lower than that grade (e.g. 'not checked' until you compared the cell with the "
        "source), never higher: a news site or a mirror is never a depositary record.",
    )
    source_date = right.text_input(
        "Source's own date (YYYY, YYYY-MM or YYYY-MM-DD)",
        key="source_date" + k,
        placeholder=ui_evidence.source_date_hint(cell),
        help="The date as of which the source describes the record (UNTC's 'status as at', a "
        "press release's date). Empty: today for a new source URL, else the stored one stays. "
        "'checked_on' becomes today when you save.",
    )
    reason = st.text_input("Reason for the change (required)", key="reason" + k)
    submitted = st.form_submit_button("Save", type="primary")
if submitted:
    changes = {"status": status, "consent_kind": kind or None, "note": note, **dates}
    changes |= {"evidence": evidence or None, "source_date": source_date.strip() or None}
    ui_staff.save_edit(cell, changes=changes, source_url=source, reason=reason)
ui_staff.flash()  # the save confirmation, right below the form where the eye is

st.subheader("History of this cell")
entries = audit.history(db, iso3=iso3, instrument=code, limit=20)
for entry in entries:
    ui_staff.show_entry(entry)
if not entries:
    st.caption("No changes recorded for this cell yet.")
