"""Gap matrix: states × instruments coloured by status, filterable, downloadable."""

import functools

import streamlit as st

import ui
from tracker.exports.rows import to_csv
from tracker.matrix import gap_counts
from tracker.views.tables import matrix_labels, style_matrix

st.title("Gap matrix")
st.caption(
    "Which states have not ratified which instruments, as of "
    f"{ui.as_of_date():%d %B %Y}. ⚠ marks a cell resting on a secondary source or on none."
)

left, middle, right = st.columns([2, 1, 1])
with left:
    instrument_set = ui.instrument_set_picker("core")
with right:
    group = ui.group_picker(key="matrix_group")

with middle:
    ui.bind("order", "matrix_order")
    order = st.radio(
        "Order",
        ["gaps", "name"],
        key="matrix_order",
        format_func={"gaps": "Most gaps first", "name": "A–Z"}.__getitem__,
    )
    ui.keep("order", order)

df = ui.load_cells(instruments=instrument_set, group=group)
wide = matrix_labels(df, order=order)
names = ui.instrument_names()
st.dataframe(
    style_matrix(wide),
    height="content",  # every state listed is shown (the count below agrees)
    width="stretch",
    column_config={c: st.column_config.Column(help=names.get(c, c)) for c in wide.columns},
)

counts = gap_counts(df)
unknown = int(counts["unknown"].sum())
st.markdown(
    f"**{len(counts)} states, {int(counts['gaps'].sum())} gaps** in the instruments shown"
    + (
        f"; {unknown} unknown on this date (? — a date known only to the year or month)"
        if unknown
        else ""
    )
    + "."
)
name = f"gaps-{instrument_set}-{group or 'all'}-{ui.as_of_date()}"
csv_col, xlsx_col, deck_col, png_col = st.columns(4)
csv_col.download_button(
    "Download what is shown (CSV)",
    functools.partial(to_csv, df, as_of=ui.as_of_date()),  # made on click, not every rerun
    file_name=f"{name}.csv",
    mime="text/csv",
    key="matrix_csv",
    on_click="ignore",
)
xlsx_col.download_button(
    "Excel workbook (XLSX)",
    ui.export_download("xlsx", instruments=instrument_set, group=group),
    file_name=f"{name}.xlsx",
    key="matrix_xlsx",
    on_click="ignore",
)
deck_col.download_button(
    "Slide deck (PPTX)",
    ui.export_download("pptx", group=group),
    file_name=f"gaps-{group or 'all'}-{ui.as_of_date()}.pptx",
    key="matrix_pptx",
    on_click="ignore",
    help="Title, map, gap matrix, one slide per state with its asks, sources (core five)",
)
png_col.download_button(
    "Map of core gaps (PNG)",
    ui.export_download("png", group=group),
    file_name=f"map-{group or 'all'}-{ui.as_of_date()}.png",
    key="matrix_png",
    on_click="ignore",
)
