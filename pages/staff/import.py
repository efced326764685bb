"""Import from official sources: upload or paste a depositary file, review the diff, apply."""

import streamlit as st

import ui
from tracker.errors import TrackerError
from tracker.importers import SOURCE_LABELS, parse
from tracker.importers.apply import import_file
from tracker.importers.diff import KIND_LABELS, diff
from tracker.instruments import list_instruments
from ui import staff as ui_staff

ui_staff.require_staff()
st.title("Import from official sources")
ui_staff.flash()
source = st.radio("Source", list(SOURCE_LABELS), format_func=SOURCE_LABELS.get, key="imp_source")
body = "ILO" if source == "normlex" else "UN"
options = {i["code"]: i["short_title"] for i in list_instruments(ui.db()) if i["body"] == body}
code = st.selectbox("Instrument", list(options), format_func=lambda c: f"{c} — {options[c]}")
n = st.session_state.setdefault("imp_n", 0)
upload_tab, paste_tab = st.tabs(["Upload a file", "Paste text"])
upload = upload_tab.file_uploader("File as downloaded", key=f"imp_file_{n}")
pasted = paste_tab.text_area("Text copied from the status page", key=f"imp_text_{n}", height=150)
data = upload.getvalue() if upload is not None else pasted.encode() if pasted.strip() else None
url = st.text_input("Official URL of this file (default: the instrument's page)", key="imp_url")
as_of = st.date_input(
    "Date of the file (default: the date it states)", value=None, key=f"imp_as_of_{n}"
)


@st.cache_data(max_entries=8, show_spinner="Reading the file…")
def _parsed(source: str, data: bytes, code: str):
    """Parse once per file (bounded in size, linear): reruns reuse the result."""
    return parse(source, data, instrument=code)


if data is not None:
    try:
        result = _parsed(source, data, code)
        plan = diff(ui.db(), result, source_url=url or None, as_of=as_of)
    except TrackerError as err:
        st.error(f"Cannot import: {ui_staff.md_escape(err)}")
        st.stop()
    st.caption(ui_staff.md_escape(plan.summary()))
    if plan.as_of is None:
        st.warning(
            "The file states no date: changes that would move a cell backwards are held "
            "until you give the file's date above."
        )
    if plan.result.unknown_names:
        names = ui_staff.md_escape(", ".join(plan.result.unknown_names))
        st.error(f"Unknown country names (add them to data/country_aliases.csv): {names}")
    for warning in plan.result.warnings:
        st.warning(ui_staff.md_escape(warning))
    counts = plan.counts()
    for column, (kind, count) in zip(st.columns(len(counts)), counts.items(), strict=True):
        column.metric(kind.replace("_", " "), count)
    for kind, label in KIND_LABELS.items():
        if plan.of(kind):
            st.subheader(label)
            st.dataframe(plan.table(kind), hide_index=True, width="stretch")
    absent = len(plan.pending(include_not_mentioned=True)) - len(plan.pending())
    extra = bool(absent) and st.checkbox(f"Also set {absent} state(s) to 'none'", key="imp_extra")
    reason = st.text_input("Reason (added to every audit row)", key="imp_reason")
    todo = len(plan.pending(include_not_mentioned=extra))
    blocked = not todo or bool(plan.result.unknown_names) or not reason.strip()
    left, right = st.columns(2)
    if left.button(f"Apply {todo} change(s)", type="primary", disabled=blocked, key="imp_apply"):
        ui_staff.ensure_session()
        try:
            _, report = import_file(
                ui.db(),
                data,
                source=source,
                instrument=code,
                actor=ui_staff.actor(),
                name=upload.name if upload is not None else "pasted.txt",
                source_url=url or None,
                reason=reason,
                include_not_mentioned=extra,
                expected_fingerprint=plan.fingerprint(),
                as_of=as_of,
            )
        except TrackerError as err:
            st.error(ui_staff.md_escape(err))
        else:
            ui.clear_caches()
            st.session_state["imp_n"] = n + 1
            snap = report.snapshot
            ui_staff.flash(f"Applied {len(report.audit_ids)} change(s); snapshot {snap.id}.")
            st.rerun()
    if right.button("Cancel", key="imp_cancel"):
        st.session_state["imp_n"] = n + 1
        st.rerun()
