"""Staff login sessions in the UI: the login form, an HttpOnly session cookie, checks per action.

A login starts a server-side session (:mod:`tracker.staff.sessions`); the browser keeps its
signed token in the ``rgt_staff`` cookie (HttpOnly, SameSite=Strict, Secure over https, 12 h
lifetime) so a reload stays logged in. A page cannot send ``Set-Cookie``, so after the login
the page hands the browser a one-time nonce (:mod:`tracker.staff.handoff`) that it posts to the
``/staff/session`` route of ``serve.py`` (:mod:`tracker.staff.cookie_routes`), which sets the
cookie; script in the page never sees the token. The session expires (12 h, or 60 min idle),
logout ends it on the server, and it dies at the next action once the account is disabled or
deleted. Under ``streamlit run app.py`` (no cookie routes) a login lasts until a reload.

With an ``[auth]`` section in secrets.toml, Streamlit's own ``st.login`` (OIDC: Google,
Microsoft, …) is a second way in: a fresh provider login whose verified email names an
enabled account (:mod:`tracker.staff.oidc`) starts the same server-side session through the
same handoff; logout then ends it and calls ``st.logout()`` as well.
"""

from __future__ import annotations

import json

import streamlit as st
import streamlit.components.v1 as components

import ui
from tracker.errors import LoginBusy, OidcLoginStale, OidcRefused, ValidationError
from tracker.staff import auth, oidc, sessions
from tracker.staff import cookie_routes as routes
from tracker.staff.handoff import HANDOFFS
from ui.text import md_escape

STAFF_KEY = "staff_user"
TOKEN_KEY = "staff_session"
_COOKIE_OP = "staff_cookie_op"
_CLEARED = "staff_cookie_cleared"  # a dead browser cookie already asked to be cleared
OIDC_NOTE = "staff_oidc_note"  # why the identity-provider login did not make this user staff
_OIDC_TOLD = "staff_oidc_told"  # the landing toast about it was shown in this session


def secret_users() -> dict[str, str]:
    """``[staff.users] name = "argon2 hash"`` from .streamlit/secrets.toml, if present."""
    try:
        users = st.secrets.get("staff", {}).get("users", {})
        return {str(k): str(v) for k, v in dict(users).items()}
    except Exception:  # no secrets file, or not a table: no secret users
        return {}


def auth_section() -> dict:
    """The ``[auth]`` section of .streamlit/secrets.toml (st.login's settings), or {}."""
    try:
        section = st.secrets.get("auth", {})
        return dict(section.to_dict() if hasattr(section, "to_dict") else section)
    except Exception:  # no secrets file, or not a table: no identity provider
        return {}


def oidc_providers() -> list[tuple[str | None, str]]:
    """``(argument for st.login, label)`` per configured identity provider ([] without)."""
    return oidc.providers(auth_section())


def identity() -> dict:
    """``st.user`` as a dict when an identity provider is configured, else {}."""
    if not oidc_providers():
        return {}
    try:
        return dict(st.user.to_dict())
    except Exception:  # no script-run context
        return {}


def _client() -> str:
    """This browser's address as Streamlit sees it (the proxy's, behind a reverse proxy)."""
    try:
        address = st.context.ip_address
    except Exception:  # no client context
        return ""
    return address if isinstance(address, str) else ""  # AppTest gives a mock object


def _sync_cookie() -> None:
    """Ask the cookie route to set or clear the HttpOnly cookie (pending from the last run).

    A login's nonce is offered again on every run until the route has redeemed it (or it
    expired), so a run cut short by a rerun before the browser posted it loses nothing.
    """
    op = st.session_state.get(_COOKIE_OP)
    if op is None:
        return
    live = bool(op) and HANDOFFS.waiting(op)  # a login's nonce the route has not redeemed yet
    if not live:  # a logout is asked once; a used or expired nonce needs nothing more
        st.session_state.pop(_COOKIE_OP, None)
        if op:
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
        if cookie and routes.enabled() and st.session_state.get(_CLEARED) != cookie:
            st.session_state[_CLEARED] = cookie  # a dead cookie: the browser drops it
            st.session_state[_COOKIE_OP] = ""
            _sync_cookie()
        return _from_identity()
    st.session_state[STAFF_KEY] = user
    st.session_state[TOKEN_KEY] = cookie
    return user


def _begin(name: str) -> None:
    """Start a server-side session for ``name`` in this browser; queue its cookie handoff."""
    cookie = sessions.start(ui.db(), name)
    st.session_state.update({STAFF_KEY: name, TOKEN_KEY: cookie})
    if routes.enabled():  # the browser trades this nonce for the HttpOnly cookie
        st.session_state[_COOKIE_OP] = HANDOFFS.issue(cookie, client=_client())


def _from_identity() -> str | None:
    """Start a staff session for a fresh provider login of an enabled account, else None."""
    claims = identity()
    if claims.get("is_logged_in") is not True:
        st.session_state.pop(OIDC_NOTE, None)
        return None
    database = ui.db()
    try:
        name = oidc.staff_account(database, claims)
    except OidcRefused as err:
        stale = isinstance(err, OidcLoginStale)
        st.session_state[OIDC_NOTE] = {"message": str(err), "stale": stale}
        if not stale and not st.session_state.get(_OIDC_TOLD):
            st.session_state[_OIDC_TOLD] = True
            st.toast(f"Not logged in as staff: {md_escape(err)}.", icon=":material/block:")
        return None
    st.session_state.pop(OIDC_NOTE, None)
    _begin(name)
    _sync_cookie()  # no rerun follows: hand the cookie over in this run
    label = oidc.provider_label(auth_section(), claims.get("provider"))
    st.toast(f"Logged in as {md_escape(name)} with {md_escape(label)}.", icon=":material/login:")
    return name


def oidc_note() -> dict | None:
    """Why this browser's identity-provider login is not staff (message, stale), or None."""
    return st.session_state.get(OIDC_NOTE)


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


def provider_login() -> None:
    """ "Log in with <provider>" buttons (only with an ``[auth]`` section), and why not staff."""
    found = oidc_providers()
    if not found:
        return
    claims, note = identity(), oidc_note()
    label = oidc.provider_label(auth_section(), claims.get("provider"))
    if note and note["stale"]:
        st.info(f"Your staff session has ended. Log in with {md_escape(label)} again.")
    elif note:
        email = claims.get("email") or "an unnamed user"
        st.error(
            f"You are logged in with {md_escape(label)} as {md_escape(email)}, but "
            f"{md_escape(note['message'])}, so you are not logged in as staff. An administrator "
            "can add the account with `python -m tracker user add EMAIL`."
        )
        if st.button(f"Log out of {md_escape(label)}", key="oidc_logout"):
            logout_provider()
    for provider, name in found:
        if st.button(f"Log in with {name}", key=f"oidc_login_{provider or 'default'}"):
            st.login(provider)
    st.caption("Or log in with a local account:")


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
        _begin(username.strip().lower())
        st.rerun()
    until = auth.throttled_until(database, username, client=client)
    if until is not None:
        st.error(f"Too many failed logins from here. Try again after {until:%H:%M} UTC.")
    else:
        st.error("Wrong user name or password.")


def logout() -> None:
    """End this browser's session on the server and clear its cookie (and ``st.logout()``).

    After a provider login ``st.logout()`` reloads the page at once (this run stops there); the
    reloaded page sees the now dead cookie and has the browser drop it (:func:`current_user`).
    """
    sessions.end(ui.db(), st.session_state.get(TOKEN_KEY))
    st.session_state.pop(STAFF_KEY, None)
    st.session_state.pop(TOKEN_KEY, None)
    if routes.enabled():
        st.session_state[_COOKIE_OP] = ""
    if identity().get("is_logged_in") is True:
        st.logout()
        st.stop()  # the browser now leaves for /auth/logout: a rerun could cancel that


def logout_provider() -> None:
    """Log out of the identity provider only (a provider login that is not staff)."""
    st.session_state.pop(OIDC_NOTE, None)
    st.logout()
    st.stop()  # the browser now leaves for /auth/logout: a rerun could cancel that
