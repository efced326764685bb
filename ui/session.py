"""Staff login sessions in the UI: the login form, an HttpOnly session cookie, checks per action.

A login starts a server-side session (:mod:`tracker.staff.sessions`); the browser keeps its
signed token in the ``rgt_staff`` cookie (HttpOnly, SameSite=Strict, Secure over https, 12 h
lifetime) so a reload stays logged in. A page cannot send ``Set-Cookie``, so after the login
the page hands the browser a one-time nonce (:mod:`tracker.staff.handoff`) that it posts to the
``/staff/session`` route of ``serve.py`` (:mod:`tracker.staff.cookie_routes`), which sets the
cookie; script in the page never sees the token. The session expires (12 h, or 60 min idle),
logout ends it on the server, and it dies at the next action once the account is disabled or
deleted. Under ``streamlit run app.py`` (no cookie routes) a login lasts until a reload.
"""

from __future__ import annotations

import json

import streamlit as st
import streamlit.components.v1 as components

import ui
from tracker.errors import LoginBusy, ValidationError
from tracker.staff import auth, sessions
from tracker.staff import cookie_routes as routes
from tracker.staff.handoff import HANDOFFS
from ui.text import md_escape

STAFF_KEY = "staff_user"
TOKEN_KEY = "staff_session"
_COOKIE_OP = "staff_cookie_op"


def secret_users() -> dict[str, str]:
    """``[staff.users] name = "argon2 hash"`` from .streamlit/secrets.toml, if present."""
    try:
        users = st.secrets.get("staff", {}).get("users", {})
        return {str(k): str(v) for k, v in dict(users).items()}
    except Exception:  # no secrets file, or not a table: no secret users
        return {}


def _client() -> str:
    """This browser's address as Streamlit sees it (the proxy's, behind a reverse proxy)."""
    try:
        return str(st.context.ip_address or "")
    except Exception:  # no client context (AppTest)
        return ""


def _sync_cookie() -> None:
    """Ask the cookie route to set or clear the HttpOnly cookie (pending from the last run)."""
    op = st.session_state.pop(_COOKIE_OP, None)
    if op is None:
        return
    path, body = (routes.START_PATH, f"handoff={op}") if op else (routes.END_PATH, "")
    components.html(
        f"<script>window.parent.fetch({json.dumps(path)}, {{method: 'POST', "
        "credentials: 'same-origin', headers: {'Content-Type': "
        f"'application/x-www-form-urlencoded'}}, body: {json.dumps(body)}}});</script>",
        height=0,
    )


def keeps_login() -> bool:
    """True when a login survives a reload (the server was started from ``serve.py``)."""
    return routes.enabled()


def current_user() -> str | None:
    """The user of this browser's live session, checked against the database on every call."""
    _sync_cookie()
    cookie = st.session_state.get(TOKEN_KEY)
    if not cookie:
        try:
            cookie = st.context.cookies.get(sessions.COOKIE)
        except Exception:  # no client context (AppTest)
            cookie = None
    user = sessions.resume(ui.db(), cookie, extra_users=secret_users()) if cookie else None
    if user is None:
        st.session_state.pop(STAFF_KEY, None)
        st.session_state.pop(TOKEN_KEY, None)
        return None
    st.session_state[STAFF_KEY] = user
    st.session_state[TOKEN_KEY] = cookie
    return user


def ensure_session() -> str:
    """The live user before a write; else an error, logged out, and the page stops."""
    user = current_user()
    if user is None:
        st.error(
            "Your staff session has ended (expired, logged out, or the account was disabled). "
            "Nothing was saved. Log in again."
        )
        st.stop()
    return user


def login_form() -> None:
    """User name + password form; on success start a session, set the cookie and rerun."""
    with st.form("staff_login", clear_on_submit=True):
        username = st.text_input("User name", key="login_user")
        password = st.text_input("Password", type="password", key="login_password")
        submitted = st.form_submit_button("Log in", type="primary")
    if not submitted:
        return
    database, client = ui.db(), _client()
    try:
        ok = auth.verify(database, username, password, client=client, extra_users=secret_users())
    except ValidationError as err:
        st.error(f"User name {md_escape(err.message)}.")
        return
    except LoginBusy as err:
        st.warning(f"{md_escape(err)}.")
        return
    if ok:
        name = username.strip().lower()
        cookie = sessions.start(database, name)
        st.session_state.update({STAFF_KEY: name, TOKEN_KEY: cookie})
        if routes.enabled():  # the browser trades this nonce for the HttpOnly cookie
            st.session_state[_COOKIE_OP] = HANDOFFS.issue(cookie, client=client)
        st.rerun()
    until = auth.throttled_until(database, username, client=client)
    if until is not None:
        st.error(f"Too many failed logins from here. Try again after {until:%H:%M} UTC.")
    else:
        st.error("Wrong user name or password.")


def logout() -> None:
    """End this browser's session on the server and clear its cookie."""
    sessions.end(ui.db(), st.session_state.get(TOKEN_KEY))
    st.session_state.pop(STAFF_KEY, None)
    st.session_state.pop(TOKEN_KEY, None)
    if routes.enabled():
        st.session_state[_COOKIE_OP] = ""
