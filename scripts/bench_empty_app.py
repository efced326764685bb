"""The empty one-line Streamlit page the benchmark compares the home map with."""

import streamlit as st

st.write("Ratification gaps in Asia")
