"""Country profile: every instrument with dates and sources, the asks, peers that are ahead."""

import streamlit as st

import ui
from tracker import profile
from tracker.i18n import home_state

df = ui.load_cells(instruments="all")
names = df.drop_duplicates("iso3").set_index("iso3")["country"].sort_values()
iso3 = ui.state_picker(names, default=home_state(ui.language()))

info = profile.country(ui.db(), iso3, as_of=ui.as_of_date())
st.title(names[iso3])
st.markdown(
    f"**{info['profile_label']}** · Groups: {', '.join(info['groups']) or 'none'} · "
    f"UN subregion: {info['un_subregion']}"
)
st.download_button(
    "One-page brief for a meeting (PDF)",
    ui.export_download("brief", iso3=iso3),
    file_name=f"brief-{iso3}-{ui.as_of_date()}.pdf",
    mime="application/pdf",
    key="country_brief",
    on_click="ignore",
    icon=":material/picture_as_pdf:",
)
a, b, c = st.columns(3)
a.metric("Migrants living here (2020)", ui.number(info["migrant_stock"]))
b.metric("Citizens living abroad (2020)", ui.number(info["emigrant_stock"]))
c.metric(
    "Core instruments not ratified",
    int(df[(df["iso3"] == iso3) & df["gap"] & df["instrument"].isin(ui.core_codes())].shape[0]),
)

st.subheader("The asks")
asks = profile.asks(df, iso3)
st.markdown("\n".join(f"- {names[iso3]} {a}" for a in asks) or "No gaps: party to all.")

st.subheader("Peers that have ratified what it has not")
peers = profile.peers_ahead(ui.db(), df, iso3, as_of=ui.as_of_date())
st.dataframe(
    peers.assign(instrument=peers["instrument"].map(ui.instrument_names())),
    hide_index=True,
    width="stretch",
)

st.subheader("Every instrument")
st.dataframe(
    profile.instrument_table(df, iso3),
    hide_index=True,
    width="stretch",
    column_config=ui.SOURCE_COLUMNS,
)
