"""Presenter mode at the Streamlit edge: projector style and the step controls."""

from __future__ import annotations

import streamlit as st

# Presenter mode: projector-friendly type and contrast, no sidebar or toolbar.
_PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"] {display: none !important;}
.block-container {max-width: 100% !important; padding: 1rem 2.5rem 0.5rem !important;}
.stApp, .stApp p, .stApp li {color: #000000;}
.stApp h1 {font-size: 3.4rem !important; font-weight: 800; line-height: 1.1; padding: 0;}
.stApp li, .stApp li p {font-size: 1.75rem !important; line-height: 1.3;}
.present-sub {font-size: 1.6rem !important; color: #222222 !important; margin: 0;}
.present-count {font-size: 1.5rem !important; text-align: center; font-weight: 700; margin: 0;}
.block-container {padding-bottom: 3.5rem !important;}
.present-source {position: fixed; left: 0; right: 0; bottom: 0; z-index: 999990; margin: 0;
  background: #FFFFFF; font-size: 1.15rem !important; color: #000000 !important;
  border-top: 2px solid #000000; padding: 0.45rem 2.5rem;}
.stButton button p {font-size: 1.4rem !important; font-weight: 700;}
.stApp hr, [data-testid="stCaptionContainer"] {display: none !important;}
</style>
"""


def presenter_mode() -> None:
    """Apply the presenter style to this page (large type, high contrast, sidebar hidden)."""
    st.html(_PRESENTER_CSS)


def step_index(count: int, *, key: str) -> int:
    """The current presenter step for ``key`` (0 on first view), kept inside the sequence."""
    from tracker.views.presenter import clamp

    st.session_state[key] = clamp(int(st.session_state.get(key, 0)), count)
    return st.session_state[key]


def step_by(key: str, delta: int, count: int) -> None:
    """Button callback: move the presenter step for ``key`` by ``delta``."""
    from tracker.views.presenter import clamp

    st.session_state[key] = clamp(int(st.session_state.get(key, 0)) + delta, count)
