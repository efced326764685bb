"""The view in the address: widgets start from the link and write their value back into it.

Parsing and validation live in :mod:`tracker.views.state`; this edge only moves values between
``st.query_params``, the session and the widgets. A value in the address that differs from the
one this session last wrote there (a shared link, ``switch_page(query_params=…)``) wins over
the widget; otherwise the widget does. ``date``, ``group`` and ``lang`` are remembered for the
session and written on every page, so moving to another page keeps them.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from tracker import config
from tracker.audit import data_version
from tracker.catalogue import instrument_codes_in_use
from tracker.countries import tracked_iso3
from tracker.db import connect
from tracker.views.state import SHARED, Choices, encode, page_names, parse

_STORE = "_view"  # name → value, kept across pages
_WRITTEN = "_view_written"  # name → text this session last put in the address
_PENDING = "_view_pending"  # name → value from the link, not yet given to its widget


@st.cache_data(show_spinner=False, max_entries=8)
def _codes(path: str, version: int) -> tuple[str, ...]:
    return tuple(instrument_codes_in_use(connect(path)))


def _choices() -> Choices:
    from ui.cached import db

    path = str(config.db_path())
    return Choices(
        today=dt.date.today(),
        instruments=_codes(path, data_version(db())),
        states=tracked_iso3(),
    )


def _state(name: str) -> dict:
    return st.session_state.setdefault(name, {})


def read_address(page: str) -> None:
    """Take the values new in the address for ``page``; a short notice for each bad one."""
    names = page_names(page)
    written = _state(_WRITTEN)
    fresh = {
        n: st.query_params[n]
        for n in names
        if n in st.query_params and st.query_params[n] != written.get(n)
    }
    if not fresh:
        return
    view = parse(fresh, choices=_choices(), names=names)
    _state(_STORE).update(view.values)
    _state(_PENDING).update(view.values)
    for name in fresh:
        if name not in view.values:
            del st.query_params[name]
            written[name] = None
    for notice in view.notices:
        st.warning(notice, icon=":material/link_off:")


def linked(name: str, *, default: object = None) -> object:
    """The value for ``name`` from the link (if new) or remembered for the session."""
    pending = _state(_PENDING)
    if name in pending:
        return pending[name]
    return _state(_STORE).get(name, default)


def pending() -> dict:
    """The values taken from the link that no widget has used yet."""
    return _state(_PENDING)


def consume(name: str) -> None:
    """Mark the link's value for ``name`` as used."""
    _state(_PENDING).pop(name, None)


def bind(name: str, key: str) -> None:
    """Before a widget: give it the link's value, or the session's when it starts afresh."""
    pending = _state(_PENDING)
    if name in pending:
        st.session_state[key] = pending.pop(name)
    elif key not in st.session_state and name in _state(_STORE):
        st.session_state[key] = _state(_STORE)[name]


def keep(name: str, value: object) -> None:
    """After a widget: remember its value and put it in the address (defaults left out)."""
    _state(_PENDING).pop(name, None)
    _state(_STORE)[name] = value
    text = encode(name, value, today=dt.date.today())
    if text is None:
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get(name) != text:
        st.query_params[name] = text
    _state(_WRITTEN)[name] = text


def write_shared() -> None:
    """Write date, group and language into the address of whichever page is shown."""
    store = _state(_STORE)
    for name in SHARED:
        if name in store:
            keep(name, store[name])
