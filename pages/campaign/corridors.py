"""Corridors: where a state's emigrants live, and whether the instrument protects them there."""

import datetime as dt

import pandas as pd
import streamlit as st

import ui
from tracker import config, corridors
from tracker.corridors import data as corridor_data
from tracker.countries import display_names
from tracker.instruments import list_instruments
from tracker.matrix import cells
from tracker.views.corridor_charts import corridor_map, coverage_over_time
from tracker.views.geo import plotly_config


@st.cache_data(show_spinner=False, max_entries=8)
def _corridors(path: str) -> pd.DataFrame:
    return corridor_data.frame(ui.db())


@st.cache_data(show_spinner=False, max_entries=32)
def _stored(path: str, version: int, code: str) -> pd.DataFrame:
    return cells(ui.db(), instruments=[code])


st.title("Corridors")
day: dt.date = ui.as_of_date()
st.caption(
    "Where migrants from each state live, and whether the instrument binds the state they live "
    f"in, as of {day:%d %B %Y}. Stocks: UN DESA International Migrant Stock 2019 (people living "
    "abroad, not yearly flows; by country of birth or, where not recorded, citizenship). "
    "Taiwan is not in the DESA table."
)

database = ui.db()
path = str(config.db_path())
names = display_names()
codes = [i["code"] for i in list_instruments(database)]
left, mid, right = st.columns([1, 1.4, 1])
with left:
    side = st.radio("View", ["Origin", "Destination"], horizontal=True, key="corridor_side")
flows = _corridors(path)
available = sorted(set(flows["origin"]), key=lambda c: names.get(c, c))
with mid:
    default = available.index("NPL") if "NPL" in available else 0
    state = st.selectbox(
        "State", available, index=default, key="corridor_state", format_func=names.get
    )
with right:
    code = st.selectbox("Instrument", codes, index=codes.index("ICRMW"), key="corridor_instrument")

stored = _stored(path, ui.data_version(database), code)
statuses = corridors.status_series(stored, day)
year = corridors.desa_year(day)
name = names.get(state, state)

if side == "Origin":
    cov = corridors.coverage(flows, statuses, year=year, origin=state).iloc[0]
    if cov["emigrants_tracked"]:
        st.markdown(
            f"### {cov['coverage']:.0%} of {name}'s emigrants in tracked states "
            f"live where {code} binds"
        )
    st.markdown(
        f"UN DESA {year}: **{corridors.people(int(cov['emigrants_total']))}** people born in "
        f"{name} lived abroad; **{corridors.people(int(cov['emigrants_tracked']))}** of them "
        f"({cov['share_tracked']:.0%}) in the tracked Asian states and "
        f"**{corridors.people(int(cov['emigrants_bound']))}** in states bound by {code} (party, or "
        f"territory through another state) on {day:%d %b %Y}. Emigrants elsewhere in the "
        "world are not counted in the coverage."
    )
    table = corridors.corridor_table(
        flows, statuses, origin=state, year=year, code=code, names=names
    )
    stock = table.set_index("destination")["stock"]
    noun = f"people born in {name}"
else:
    table = corridors.destination_view(
        flows, statuses, destination=state, year=year, code=code, names=names
    )
    stock = table.set_index("origin")["stock"]
    total = int(table["stock"].sum())
    from_bound = int(table.loc[table["origin_status"].isin(corridors.BOUND), "stock"].sum())
    here = statuses.get(state, "none")
    st.markdown(
        f"### {name} hosts {corridors.people(total)} people born in tracked states (UN DESA {year})"
    )
    verdict = "is bound" if here in corridors.BOUND else "is not"
    st.markdown(
        f"**{corridors.people(from_bound)}** of them ({from_bound / total:.0%}) come from states "
        f"bound by {code}; {name} {verdict}."
        if total
        else "No tracked origin reported."
    )

st.plotly_chart(
    corridor_map(
        ui.localise(stored),
        stock,
        instrument=code,
        noun=noun if side == "Origin" else f"people living in {name}",
    ),
    config=plotly_config(),
    key="corridor_map",
)

if side == "Origin":
    st.subheader(f"Coverage over time, {code}")
    series = corridors.coverage_over_time(flows, stored, origin=state)
    series = series[series["year"] <= year]  # not beyond the as-of date
    st.plotly_chart(coverage_over_time(series, instrument=code), key="corridor_time")

if side == "Origin":  # the asks: corridors into states the instrument does not bind
    texts = table.loc[~table["destination_status"].isin(corridors.BOUND), "ask"]
else:
    texts = table["argument"]
texts = [t for t in texts if t][:5]
if texts:
    st.subheader("The asks" if side == "Origin" else "Their own governments are bound")
    st.markdown("\n".join(f"- {t}" for t in texts))

st.subheader("Corridors" if side == "Origin" else f"Migrants in {name} by origin")
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    column_config={
        "stock": st.column_config.NumberColumn("stock", format="localized"),
        "share": st.column_config.NumberColumn("share", format="percent"),
    },
)
st.download_button(
    "Download the table (CSV)",
    table.to_csv(index=False, lineterminator="\n"),
    file_name=f"corridors-{side.lower()}-{state}-{code}-{day}.csv",
    mime="text/csv",
)
