"""Instrument page: Asian parties over time, the list with dates, worldwide context."""

import streamlit as st

import ui
from tracker import profile
from tracker.instruments import instrument, list_instruments
from tracker.views.charts import parties_over_time

codes = [i["code"] for i in list_instruments(ui.db())]
default = st.query_params.get("code", "ICRMW")
code = st.selectbox(
    "Instrument",
    codes,
    index=codes.index(default) if default in codes else 0,
    key="instrument_pick",
)
st.query_params["code"] = code
meta = instrument(ui.db(), code)

st.title(meta["short_title"])
st.markdown(
    f"*{meta['full_title']}* · {meta['body']} · adopted {meta['adopted']} · "
    f"in force {meta['entry_into_force']} · [official text and status]({meta['url']})"
)

df = ui.load_cells(instruments="all")
table = profile.instrument_parties(df, code)
parties = int((df[df["instrument"] == code]["status"] == "party").sum())
a, b = st.columns(2)
a.metric("Asian parties (of 51)", parties)
if meta["worldwide_parties"]:
    b.metric(f"Parties worldwide (as of {meta['worldwide_as_of']})", meta["worldwide_parties"])

st.subheader("Asian parties over time")
st.plotly_chart(parties_over_time(df, instrument=code), config={"displaylogo": False})
st.subheader("Every Asian state")
st.dataframe(table, hide_index=True, width="stretch", column_config=ui.SOURCE_COLUMNS)
