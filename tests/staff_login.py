"""A logged-in staff session for AppTest, as the login form would leave it."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tracker.db import connect
from tracker.staff import auth, sessions

PASSWORD = "correct horse battery"


def logged_in(at: AppTest, name: str = "alice") -> AppTest:
    """A live server-side session for an enabled account (created if missing)."""
    db = connect()
    if not db["users"].count_where("username = ?", [name]):
        auth.add_user(db, name, PASSWORD)
    at.session_state["staff_session"] = sessions.start(db, name)
    return at
