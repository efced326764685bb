"""The staff edge of the UI: login session, page guards, and renderers shared by staff pages.

Passwords are checked by :mod:`tracker.auth`; the login lives only in ``st.session_state``
(server side). Every staff page calls :func:`require_staff` first, even though ``app.py`` only
routes staff pages for a logged-in session.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlparse

import pandas as pd
import streamlit as st
from sqlite_utils import Database

import ui
from tracker import auth, edits
from tracker.catalogue import instrument_codes, states_by_name
from tracker.errors import NoChange, RevertConflict, StaleEdit, TrackerError, ValidationError

STAFF_KEY = "staff_user"
# URL paths of the staff pages (app.py); logged out, they show the login form instead.
# A new staff page adds its url_path here (tests/test_staff_pages.py checks app.py against it).
STAFF_PATHS = ("edit", "history", "bulk", "import")
SHOWN_FIELDS = (*edits.EDITABLE, "source_url", "checked_on", "version")
EARLIEST = dt.date(1900, 1, 1)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: object) -> str:
    """Text made safe to embed in markdown: every markup character backslash-escaped."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def _secret_users() -> dict[str, str]:
    """``[staff.users] name = "argon2 hash"`` from .streamlit/secrets.toml, if present."""
    try:
        users = st.secrets.get("staff", {}).get("users", {})
        return {str(k): str(v) for k, v in dict(users).items()}
    except Exception:  # no secrets file, or not a table: no secret users
        return {}


def is_staff() -> bool:
    """True when this browser session has logged in."""
    return bool(st.session_state.get(STAFF_KEY))


def actor() -> str:
    """The logged-in user name (recorded in the audit log)."""
    return str(st.session_state.get(STAFF_KEY) or "")


def login_form() -> None:
    """User name + password form; on success remember the user and rerun."""
    with st.form("staff_login", clear_on_submit=True):
        username = st.text_input("User name", key="login_user")
        password = st.text_input("Password", type="password", key="login_password")
        submitted = st.form_submit_button("Log in", type="primary")
    if not submitted:
        return
    database = ui.db()
    if auth.verify(database, username, password, extra_users=_secret_users()):
        st.session_state[STAFF_KEY] = username.strip().lower()
        st.rerun()
    until = auth.throttled_until(database, username)
    if until is not None:
        st.error(f"Too many failed logins for this name. Try again after {until:%H:%M} UTC.")
    else:
        st.error("Wrong user name or password.")


def require_staff() -> None:
    """Show the login form and stop the page unless this session is logged in."""
    if is_staff():
        return
    st.title("Staff login")
    st.info("This page is for staff who keep the tracker current. Log in to continue.")
    login_form()
    st.stop()


def logout_button() -> None:
    """A button that ends the staff session."""
    if st.button(f"Log out {actor()}", key="logout"):
        st.session_state.pop(STAFF_KEY, None)
        st.rerun()


def flash(message: str | None = None) -> None:
    """Store a success message for the next run, or show (and drop) the stored one."""
    if message is not None:
        st.session_state["staff_flash"] = message
    elif "staff_flash" in st.session_state:
        st.success(st.session_state.pop("staff_flash"))


def pick_cell(database: Database) -> tuple[str, str]:
    """State and instrument pickers, preset from ``?iso3=..&instrument=..`` and kept in the URL."""
    states = states_by_name(database)
    codes = instrument_codes(database)
    want_state = str(st.query_params.get("iso3", "")).upper()
    want_code = str(st.query_params.get("instrument", "")).upper()
    left, right = st.columns(2)
    iso3 = left.selectbox(
        "State",
        list(states),
        index=list(states).index(want_state) if want_state in states else 0,
        format_func=states.__getitem__,
        key="edit_iso3",
    )
    code = right.selectbox(
        "Instrument",
        codes,
        index=codes.index(want_code) if want_code in codes else 0,
        key="edit_instrument",
    )
    st.query_params.update({"iso3": iso3, "instrument": code})
    return iso3, code


def date_field(column, label: str, cell: dict, field: str) -> dt.date | None:
    """An optional date input for one date field of the cell's edit form."""
    stored = cell.get(field)
    return column.date_input(
        label,
        dt.date.fromisoformat(stored) if stored else None,
        min_value=EARLIEST,
        format="YYYY-MM-DD",
        key=field + suffix(cell),
    )


def cell_frame(cell: dict) -> pd.DataFrame:
    """The shown fields of a cell as a two-column text table."""
    return pd.DataFrame(
        {
            "field": list(SHOWN_FIELDS),
            "value": ["" if cell.get(f) is None else str(cell.get(f)) for f in SHOWN_FIELDS],
        }
    )


def source_link(url: object) -> None:
    """A button opening the source, only for an absolute http(s) URL (never javascript: etc.)."""
    parsed = urlparse(str(url or ""))
    if parsed.scheme in ("http", "https") and parsed.netloc:
        st.link_button("Open the source", str(url))


def show_problems(err: ValidationError) -> None:
    """One error box per broken rule, naming the field."""
    for problem in getattr(err, "problems", [err]):
        st.error(f"**{md_escape(problem.field)}**: {md_escape(problem.message)}")


def suffix(cell: dict) -> str:
    """Widget-key suffix for one cell's edit form."""
    return f"__{cell['iso3']}_{cell['instrument']}"


def loaded_version(cell: dict) -> int:
    """The version the editor loaded (kept until a save or an explicit reload)."""
    return st.session_state.setdefault("loaded" + suffix(cell), int(cell["version"]))


def show_conflict(cell: dict) -> None:
    """After a refused stale save: your values next to the stored ones, so nothing is lost."""
    conflict = st.session_state.get("conflict" + suffix(cell))
    if not conflict:
        return
    st.error(md_escape(conflict["message"]))
    mine, current = conflict["mine"], conflict["current"]
    st.dataframe(
        pd.DataFrame(
            {
                "field": list(mine),
                f"yours (from version {conflict['expected']})": [
                    "" if mine[f] is None else str(mine[f]) for f in mine
                ],
                f"stored now (version {conflict['stored']})": [
                    "" if current.get(f) is None else str(current.get(f)) for f in mine
                ],
            }
        ),
        hide_index=True,
    )
    if st.button(f"Discard my values and load version {conflict['stored']}", key="reload"):
        for key in [k for k in st.session_state if str(k).endswith(suffix(cell))]:
            del st.session_state[key]
        st.rerun()


def save_edit(cell: dict, *, changes: dict, source_url: str, reason: str) -> None:
    """Apply the edit with optimistic locking; keep conflicts and show rule errors in place."""
    try:
        audit_id = edits.apply_edit(
            ui.db(),
            actor=actor(),
            iso3=cell["iso3"],
            instrument=cell["instrument"],
            changes=changes,
            reason=reason,
            source_url=source_url,
            expected_version=loaded_version(cell),
        )
    except StaleEdit as err:
        st.session_state["conflict" + suffix(cell)] = {
            "message": str(err),
            "expected": err.expected,
            "stored": err.stored,
            "current": err.current,
            "mine": {**changes, "source_url": source_url, "reason": reason},
        }
        st.rerun()  # show_conflict, above the form, now has something to show
    except ValidationError as err:
        show_problems(err)
        return
    except NoChange:
        st.info("Nothing differs from the stored values; nothing was saved.")
        return
    except TrackerError as err:
        st.error(md_escape(str(err)))
        return
    ui.clear_caches()
    for key in ("loaded", "conflict"):
        st.session_state.pop(key + suffix(cell), None)
    flash(f"Saved {cell['iso3']}/{cell['instrument']} as audit entry #{audit_id}.")
    st.rerun()


def show_entry(entry: dict, *, revert: bool = False, force: bool = False) -> None:
    """One audit entry as plain text (never markup), with an optional Revert button."""
    with st.container(border=True):
        reverts = f" (reverts #{entry['reverts']})" if entry.get("reverts") else ""
        st.text(
            f"#{entry['id']}  {entry['at']}  {entry['actor']}  {entry['action']}{reverts}  "
            f"{entry['iso3']}/{entry['instrument']}"
        )
        lines = [
            f"{f}: {entry['old'].get(f)!s} → {entry['new'].get(f)!s}"
            for f in sorted(set(entry["old"]) | set(entry["new"]))
        ]
        st.text("\n".join(lines) + f"\nreason: {entry['reason']}\nsource: {entry['source_url']}")
        if revert and st.button("Revert", key=f"revert_{entry['id']}"):
            try:
                new_id = edits.revert(ui.db(), audit_id=entry["id"], actor=actor(), force=force)
            except RevertConflict as err:
                st.error(md_escape(str(err)))
                return
            ui.clear_caches()
            flash(f"Reverted #{entry['id']} (audit entry #{new_id}).")
            st.rerun()
