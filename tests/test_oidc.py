"""st.login (OIDC) as a second way in: provider logins map onto enabled staff accounts only."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from argon2 import PasswordHasher
from streamlit.testing.v1 import AppTest

from tests.staff_login import PASSWORD
from tracker.db import connect
from tracker.errors import OidcLoginStale, OidcRefused, ValidationError
from tracker.staff import auth, oidc, sessions
from ui.text import shown

NOW = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a test cookie secret, long enough",
    "google": {
        "client_id": "id",
        "client_secret": "secret",
        "server_metadata_url": "https://accounts.google.com/.well-known/openid-configuration",
    },
    "microsoft": {
        "client_id": "id",
        "client_secret": "secret",
        "server_metadata_url": "https://login.microsoftonline.com/common/v2.0/"
        ".well-known/openid-configuration",
    },
}


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch):
    monkeypatch.setattr(
        auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )


def claims(email="Alice@Example.org", *, at=NOW, **extra) -> dict:
    return {
        "is_logged_in": True,
        "email": email,
        "email_verified": True,
        "iat": int(at.timestamp()),
        "provider": "google",
        **extra,
    }


# --- the pure mapping (tracker/staff/oidc.py) ---------------------------------------------


def test_a_verified_email_of_an_enabled_account_is_that_account(empty_db):
    auth.add_user(empty_db, "alice@example.org", PASSWORD)
    assert oidc.staff_account(empty_db, claims(), now=NOW) == "alice@example.org"
    assert oidc.staff_account(empty_db, claims(email_verified="true"), now=NOW)
    no_flag = {k: v for k, v in claims().items() if k != "email_verified"}
    assert oidc.staff_account(empty_db, no_flag, now=NOW + oidc.FRESH) == "alice@example.org"


@pytest.mark.parametrize(
    "change,reason",
    [
        ({"email": "bob@example.org"}, "no enabled staff account for bob@example.org"),
        ({"email_verified": False}, "has not verified"),
        ({"email_verified": "false"}, "has not verified"),
        ({"email": ""}, "sent no email"),
        ({"is_logged_in": False}, "not logged in"),
        ({"email": "alice"}, "no enabled staff account"),  # a local name is not an email
        ({"email": "<b>x</b>@example.org"}, "no enabled staff account"),
    ],
)
def test_other_provider_logins_are_not_staff(empty_db, change, reason):
    auth.add_user(empty_db, "alice@example.org", PASSWORD)
    auth.add_user(empty_db, "alice", PASSWORD)
    with pytest.raises(OidcRefused, match=reason) as err:
        oidc.staff_account(empty_db, {**claims(), **change}, now=NOW)
    assert not isinstance(err.value, OidcLoginStale)


def test_a_disabled_account_is_not_staff(empty_db):
    auth.add_user(empty_db, "alice@example.org", PASSWORD)
    auth.set_disabled(empty_db, "alice@example.org")
    with pytest.raises(OidcRefused, match="no enabled staff account"):
        oidc.staff_account(empty_db, claims(), now=NOW)


@pytest.mark.parametrize(
    "iat", [NOW - oidc.FRESH - dt.timedelta(seconds=1), NOW + dt.timedelta(hours=1), None, "x"]
)
def test_an_old_or_undated_provider_login_starts_no_session(empty_db, iat):
    auth.add_user(empty_db, "alice@example.org", PASSWORD)
    login = {**claims(), "iat": iat.timestamp() if isinstance(iat, dt.datetime) else iat}
    with pytest.raises(OidcLoginStale):
        oidc.staff_account(empty_db, login, now=NOW)


def test_providers_follow_streamlits_auth_section():
    assert oidc.providers({}) == []
    assert oidc.providers(None) == []
    assert oidc.providers(AUTH) == [("google", "Google"), ("microsoft", "Microsoft")]
    single = {k: v for k, v in AUTH.items() if k not in ("google", "microsoft")}
    assert oidc.providers({**single, **AUTH["microsoft"]}) == [(None, "Microsoft")]
    assert oidc.providers({**single, "okta": {**AUTH["google"], "server_metadata_url": "x"}}) == [
        ("okta", "Okta")
    ]
    assert oidc.providers({"redirect_uri": "x", "cookie_secret": "y"}) == []
    assert oidc.provider_label(AUTH, "microsoft") == "Microsoft"


def test_email_names_are_accounts_and_oidc_only_accounts_have_no_password(empty_db):
    assert auth.normalise_username(" Alice@Example.org ") == "alice@example.org"
    for bad in ("a@", "@example.org", "a@@b", "a b@c", "a@b@c", "x" * 60 + "@example.org"):
        with pytest.raises(ValidationError):
            auth.normalise_username(bad)
    auth.add_user(empty_db, "Dana@Example.org", None)
    assert oidc.staff_account(empty_db, claims("dana@example.org"), now=NOW)
    assert not auth.verify(empty_db, "dana@example.org", auth.NO_PASSWORD)
    assert not auth.verify(empty_db, "dana@example.org", "")
    with pytest.raises(ValidationError, match="must be an email"):
        auth.add_user(empty_db, "erin", None)


def test_cli_adds_an_oidc_only_account(tmp_path):
    path = tmp_path / "t.db"
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(path), "user", "add"]
        + ["Alice@Example.org", "--oidc-only"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "user alice@example.org added" in done.stdout
    row = connect(path).execute("select password_hash, disabled from users").fetchone()
    assert row == (auth.NO_PASSWORD, 0)


# --- the pages (AppTest; st.user set through AppTest.user) --------------------------------


@pytest.fixture
def app(db_file) -> AppTest:
    return AppTest.from_file("../app.py", default_timeout=60)


def buttons(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def login_page(app: AppTest, *, user: dict | None = None, secrets: bool = True) -> AppTest:
    if secrets:
        app.secrets["auth"] = AUTH
    if user is not None:
        app.user = user
    app.run()
    app.switch_page("app_pages/campaign/login.py").run()
    assert not app.exception
    return app


def test_without_an_auth_section_the_login_page_is_as_before(app):
    login_page(app, user=claims("alice@example.org", at=dt.datetime.now(dt.UTC)), secrets=False)
    assert not [b for b in buttons(app) if b.startswith("Log in with")]
    assert "staff_user" not in app.session_state


def test_with_an_auth_section_the_page_offers_each_provider(app):
    login_page(app)
    assert buttons(app)[:2] == ["Log in with Google", "Log in with Microsoft"]
    assert "Log in" in buttons(app)  # the local password form stays
    assert "staff_user" not in app.session_state


def test_a_provider_login_of_an_enabled_account_is_a_staff_session(app, db_file):
    auth.add_user(connect(db_file), "alice@example.org", PASSWORD)
    login_page(app, user=claims(at=dt.datetime.now(dt.UTC)))
    assert app.session_state["staff_user"] == "alice@example.org"
    assert any("Logged in as alice@example.org" in shown(s.value) for s in app.success)
    db = connect(db_file)
    assert db.execute("select username from staff_sessions").fetchall() == [("alice@example.org",)]
    app.switch_page("app_pages/staff/edit.py").run()
    assert [t.value for t in app.title] == ["Edit a cell"]
    # The session is the ordinary one: disabling the account ends it at the next action.
    auth.set_disabled(db, "alice@example.org")
    app.run()
    assert "staff_user" not in app.session_state
    assert [t.value for t in app.title] == ["Staff login"]
    assert "no enabled staff account" in app.error[0].value


def test_logout_ends_the_session_and_logs_out_of_the_provider(app, db_file):
    auth.add_user(connect(db_file), "alice@example.org", PASSWORD)
    login_page(app, user=claims(at=dt.datetime.now(dt.UTC)))
    cookie = app.session_state["staff_session"]
    app.button(key="logout").click().run()
    assert not app.exception
    assert "staff_user" not in app.session_state
    assert sessions.resume(connect(db_file), cookie) is None
    assert app.user == {"is_logged_in": False}  # st.logout() ran
    app.run()
    assert "staff_user" not in app.session_state  # no new session from the old identity


@pytest.mark.parametrize(
    "user",
    [
        claims("bob@example.org"),
        claims(email_verified=False),
        claims("alice@example.org", email_verified="false"),
    ],
)
def test_a_provider_login_without_an_enabled_account_is_told_and_not_staff(app, db_file, user):
    auth.add_user(connect(db_file), "alice@example.org", PASSWORD)
    login_page(app, user={**user, "iat": int(dt.datetime.now(dt.UTC).timestamp())})
    assert "staff_user" not in app.session_state
    assert connect(db_file)["staff_sessions"].count == 0
    (error,) = app.error
    assert "so you are not logged in as staff" in error.value
    assert f"as {user['email']}," in shown(error.value)
    assert "Log out of Google" in buttons(app)
    app.button(key="oidc_logout").click().run()
    assert app.user == {"is_logged_in": False}
    app.run()  # the page the browser loads after /auth/logout
    assert not app.error


def test_an_old_provider_login_asks_to_log_in_again(app, db_file):
    auth.add_user(connect(db_file), "alice@example.org", PASSWORD)
    login_page(app, user=claims(at=dt.datetime.now(dt.UTC) - 2 * oidc.FRESH))
    assert "staff_user" not in app.session_state
    assert any("Log in with Google again" in i.value for i in app.info)
    assert connect(db_file)["staff_sessions"].count == 0
