"""Presenter mode: large type, full-width map, no sidebar; step with ← → (or the buttons)."""

import streamlit as st

import ui
from tracker.corridors.summary import coverage_table, presenter_step
from tracker.provenance import checked_range
from tracker.schema import REGIONAL_GROUPS
from tracker.views import presenter

ui.presenter_mode()
st.html(presenter.SLIDE_CSS)
bar, prev, where, nxt = st.columns([5, 1, 1, 1], vertical_alignment="center")
with bar.expander("Presenter settings", expanded=False):
    mode = st.radio(
        "Step through",
        list(presenter.MODES),
        format_func=presenter.MODES.get,
        key="present_mode",
        horizontal=True,
    )
    group = ui.group_picker(
        key="present_group", options=REGIONAL_GROUPS, everyone=False, disabled=mode != "group"
    )
    st.markdown("Keys: → next, ← previous. The date is the one chosen on the other pages.")
    st.page_link("app_pages/campaign/map.py", label="Leave presenter mode", icon=":material/close:")

chosen = group if mode == "group" else None
df = ui.load_cells(instruments="core", group=chosen)
steps = presenter.sequence(df, mode=mode, scope=presenter.group_scope(chosen))
table = coverage_table(ui.db(), as_of=ui.as_of_date(), iso3=set(df["iso3"]))
if not table.empty:  # the coverage slide closes either sequence (UN DESA corridors)
    steps.append(presenter_step(table))
key = f"present_step_{mode}_{chosen}"
index = ui.step_index(len(steps), key=key)
step = steps[index]

prev.button(
    "Back",
    icon=":material/arrow_back:",
    shortcut="Left",
    on_click=ui.step_by,
    args=(key, -1, len(steps)),
    disabled=index == 0,
    width="stretch",
    key="present_prev",
)
where.markdown(f"<p class='present-count'>{index + 1} / {len(steps)}</p>", unsafe_allow_html=True)
nxt.button(
    "Next",
    icon=":material/arrow_forward:",
    shortcut="Right",
    on_click=ui.step_by,
    args=(key, 1, len(steps)),
    disabled=index == len(steps) - 1,
    width="stretch",
    key="present_next",
    type="primary",
)

words, picture = st.columns([1, 1], gap="medium")
with words:
    st.markdown(f"# {step.title}")
    st.markdown(f"<p class='present-sub'>{step.subtitle}</p>", unsafe_allow_html=True)
    st.markdown("\n".join(f"- {line}" for line in step.lines))
    st.markdown(presenter.legend_block(step, df), unsafe_allow_html=True)
focus = sorted(set(df["iso3"])) if chosen else None
with picture:
    map_html = presenter.map_block(step, df, focus=focus)
    st.markdown(f'<div class="present-map">\n{map_html}\n</div>', unsafe_allow_html=True)

source = presenter.source_line(
    as_of=ui.as_of_date(), checked=checked_range(ui.db()), levels=list(df["evidence"])
)
st.markdown(f"<p class='present-source'>{source}</p>", unsafe_allow_html=True)
