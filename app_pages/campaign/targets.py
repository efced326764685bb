"""Campaign targets: states ranked for an instrument by an open, adjustable score."""

import streamlit as st

import ui
from tracker.instruments import list_instruments
from tracker.targets import DEFAULT_WEIGHTS, FACTOR_HELP, FACTORS, rank_targets, to_csv

st.title("Campaign targets")
st.caption(
    "Where to push next: every state that has not joined the instrument, as of "
    f"{ui.as_of_date():%d %B %Y}, ranked by score = Σ weight × factor ÷ Σ weights. Each factor "
    "runs from 0 to 1 and is shown below; move a slider to change its weight (0 removes it)."
)

left, right = st.columns(2)
with left:
    codes = [i["code"] for i in list_instruments(ui.db())]
    names = ui.instrument_names()
    code = st.selectbox(
        "Instrument", codes, key="targets_instrument", format_func=names.__getitem__
    )
with right:
    group = ui.group_picker(key="targets_group")

with st.expander("Weights", expanded=True):
    columns = st.columns(len(FACTORS))
    weights = {
        f: col.slider(f, 0.0, 5.0, DEFAULT_WEIGHTS[f], 0.5, key=f"weight_{f}", help=FACTOR_HELP[f])
        for f, col in zip(FACTORS, columns, strict=True)
    }

if sum(weights.values()) == 0:
    st.warning("Give at least one factor a weight above 0.")
    st.stop()

df = ui.localise(
    rank_targets(
        ui.db(), instrument_code=code, group=group, as_of=ui.as_of_date(), weights=weights
    ),
    column="state",
)
st.markdown(f"**{len(df)} states** have not joined {names[code]}. The top five and why:")
st.markdown(
    "\n".join(f"{r.rank}. **{r.state}** ({r.score:.2f}): {r.why}" for r in df.head(5).itertuples())
)
factor_format = {f: st.column_config.NumberColumn(f, format="%.2f", width="small") for f in FACTORS}
st.dataframe(
    df,
    hide_index=True,
    width="stretch",
    height="content",  # every ranked state shown: the count above and the list agree
    column_order=["rank", "state", "score", "why", *FACTORS],
    column_config={
        "rank": st.column_config.NumberColumn("#", width="small"),
        "score": st.column_config.ProgressColumn(
            "score", min_value=0.0, max_value=1.0, format="%.2f", width="small"
        ),
        "why": st.column_config.TextColumn("why", width="medium"),
        **factor_format,
    },
)
st.download_button(
    "Download the ranking (CSV)",
    to_csv(df, as_of=ui.as_of_date(), weights=weights),
    file_name=f"targets-{code}-{group or 'all'}-{ui.as_of_date()}.csv",
    mime="text/csv",
)
