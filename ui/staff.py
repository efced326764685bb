"""The staff edge of the UI: login session, page guards, and renderers shared by staff pages.

Passwords are checked by :mod:`tracker.staff.auth`; the login is a server-side session
(:mod:`ui_session`) re-checked on every run and before every write. Every staff page calls
:func:`require_staff` first, even though ``app.py`` only routes staff pages for a logged-in
session.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlparse

import pandas as pd
import streamlit as st
from sqlite_utils import Database

import ui
from tracker import audit, edits, merge
from tracker.catalogue import instrument_codes, states_by_name
from tracker.errors import NoChange, RevertConflict, StaleEdit, TrackerError, ValidationError
from ui import session as ui_session
from ui.text import md_escape

STAFF_KEY = ui_session.STAFF_KEY
# URL paths of the staff pages (app.py); logged out, they show the login form instead.
# A new staff page adds its url_path here (tests/test_staff_pages.py checks app.py against it).
STAFF_PATHS = ("edit", "history", "bulk", "import")
SHOWN_FIELDS = (*edits.EDITABLE, "source_url", "source_date", "checked_on", "evidence", "version")
EARLIEST = dt.date(1900, 1, 1)


def is_staff() -> bool:
    """True when this browser has a live staff session (account still enabled)."""
    return ui_session.current_user() is not None


def actor() -> str:
    """The logged-in user name (recorded in the audit log)."""
    return str(st.session_state.get(STAFF_KEY) or "")


login_form = ui_session.login_form
provider_login = ui_session.provider_login
oidc_providers = ui_session.oidc_providers
keeps_login = ui_session.keeps_login
ensure_session = ui_session.ensure_session


def require_staff() -> None:
    """Show the login form and stop the page unless this session is logged in."""
    if is_staff():
        return
    st.title("Staff login")
    st.info("This page is for staff who keep the tracker current. Log in to continue.")
    provider_login()
    login_form()
    st.stop()


def logout_button() -> None:
    """A button that ends the staff session."""
    if st.button(f"Log out {md_escape(actor())}", key="logout"):
        ui_session.logout()
        st.rerun()


def flash(message: str | None = None) -> None:
    """Store a success message for the next run, or show (and drop) the stored one.

    Shown twice so it is seen wherever the eye is: a toast (fixed on screen) and a success box
    where the page calls this (the Edit page calls it right below its form).
    """
    if message is not None:
        st.session_state["staff_flash"] = message
    elif "staff_flash" in st.session_state:
        text = st.session_state.pop("staff_flash")
        st.toast(md_escape(text), icon=":material/check_circle:")
        st.success(md_escape(text))


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
        key=field + widget_suffix(cell),
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


def widget_suffix(cell: dict) -> str:
    """Form-widget key suffix: new widgets (showing the stored values) for each loaded version.

    A browser keeps a widget's typed value across reruns even when its state key is deleted,
    so after a save, merge or discard the form gets fresh widgets instead.
    """
    return f"{suffix(cell)}_v{loaded_version(cell)}"


def loaded_version(cell: dict) -> int:
    """The version the editor loaded (kept until a save or an explicit reload).

    The loaded values are kept too: they are the base of a merge after a conflict.
    """
    st.session_state.setdefault("base" + suffix(cell), {f: cell.get(f) for f in edits.EDITABLE})
    return st.session_state.setdefault("loaded" + suffix(cell), int(cell["version"]))


def _text(value: object) -> str:
    return "" if value is None else str(value)


def three_way_frame(result: merge.Merge, mine: dict, theirs_url: object) -> pd.DataFrame:
    """Theirs (stored now), mine (the form) and the result of applying mine on top, per field."""
    rows = [
        {
            "field": r["field"],
            "result from": "mine (both changed)"
            if r["clash"]
            else "mine"
            if r["mine"] != r["loaded"]
            else "theirs",
            "result": _text(r["result"]),
            f"theirs (version {result.version})": _text(r["theirs"]),
            "mine": _text(r["mine"]),
        }
        for r in result.rows
    ]
    rows.append(
        {
            "field": "source_url",
            "result from": "mine",
            "result": _text(mine.get("source_url")),
            f"theirs (version {result.version})": _text(theirs_url),
            "mine": _text(mine.get("source_url")),
        }
    )
    return pd.DataFrame(rows)


def _forget_cell(cell: dict) -> None:
    for key in [k for k in st.session_state if str(k).endswith(suffix(cell))]:
        del st.session_state[key]


def show_conflict(cell: dict) -> None:
    """After a refused stale save: theirs, mine and the merge, to apply on top or discard."""
    conflict = st.session_state.get("conflict" + suffix(cell))
    if not conflict:
        return
    database = ui.db()
    mine = conflict["mine"]
    result = merge.rebase(
        database,
        iso3=cell["iso3"],
        instrument=cell["instrument"],
        base=st.session_state.get("base" + suffix(cell), {}),
        mine=mine,
    )
    with st.container(border=True):
        st.error(md_escape(conflict["message"] + _last_change(database, cell)))
        st.caption(
            "Theirs is the cell as stored now; mine is your form; the result keeps theirs and "
            "applies only the fields you changed."
        )
        st.dataframe(three_way_frame(result, mine, cell.get("source_url")), hide_index=True)
        if result.clashes:
            st.warning(
                "You both changed " + md_escape(", ".join(result.clashes)) + ": the result "
                "keeps yours."
            )
        left, right = st.columns(2)
        if left.button(
            f"Apply my values on top of version {result.version}", type="primary", key="merge"
        ):
            _save_merge(cell, result, mine)
        if right.button(f"Discard my values and load version {result.version}", key="reload"):
            _forget_cell(cell)
            st.rerun()


def _last_change(database: Database, cell: dict) -> str:
    """Who changed the cell last, when and why (user-provided text: shown escaped)."""
    entries = audit.history(database, iso3=cell["iso3"], instrument=cell["instrument"], limit=1)
    if not entries:
        return ""
    last = entries[0]
    return f". Last changed by {last['actor']} at {last['at']} (reason: {last['reason']})"


def _save_merge(cell: dict, result: merge.Merge, mine: dict) -> None:
    ui_session.ensure_session()
    try:
        audit_id = merge.apply(
            ui.db(),
            result,
            actor=actor(),
            reason=str(mine.get("reason") or ""),
            source_url=str(mine.get("source_url") or ""),
        )
    except StaleEdit as err:
        st.session_state["conflict" + suffix(cell)] = _conflict(err, mine)
        st.rerun()
    except ValidationError as err:
        show_problems(err)
        return
    except NoChange:
        st.info("Your values equal the stored ones; nothing was saved.")
        return
    except TrackerError as err:
        st.error(md_escape(str(err)))
        return
    ui.clear_caches()
    _forget_cell(cell)
    flash(f"Saved {cell['iso3']}/{cell['instrument']} (merged) as audit entry #{audit_id}.")
    st.rerun()


def _conflict(err: StaleEdit, mine: dict) -> dict:
    return {
        "message": str(err),
        "expected": err.expected,
        "stored": err.stored,
        "current": err.current,
        "mine": mine,
    }


def save_edit(cell: dict, *, changes: dict, source_url: str, reason: str) -> None:
    """Apply the edit with optimistic locking; keep conflicts and show rule errors in place."""
    ui_session.ensure_session()
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
        mine = {**changes, "source_url": source_url, "reason": reason}
        st.session_state["conflict" + suffix(cell)] = _conflict(err, mine)
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
    for key in ("loaded", "conflict", "base"):
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
            ui_session.ensure_session()
            try:
                new_id = edits.revert(ui.db(), audit_id=entry["id"], actor=actor(), force=force)
            except RevertConflict as err:
                st.error(md_escape(str(err)))
                return
            ui.clear_caches()
            flash(f"Reverted #{entry['id']} (audit entry #{new_id}).")
            st.rerun()
