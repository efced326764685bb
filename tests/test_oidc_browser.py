"""Real browser (Playwright + Debian chromium, offline): st.login against a fake OIDC provider.

The provider runs on a loopback port inside the test; the server reads a temporary
secrets.toml (``STREAMLIT_SECRETS_FILES``) naming it, so nothing is written into the repo.
"""

from __future__ import annotations

import re
import secrets

import pytest

from tests.browser import cookies_named, offline_page, require_chromium
from tests.fake_oidc import CLIENT_ID, CLIENT_SECRET, fake_provider
from tracker.db import connect
from tracker.dev.offline_browser import app_server, free_port
from tracker.seeding.seed import seed
from tracker.staff import auth, sessions

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_chromium()
    folder = tmp_path_factory.mktemp("oidc")
    db_path = folder / "tracker.db"
    db = connect(db_path)
    seed(db, history=False)
    auth.add_user(db, "alice@example.org", None)  # an account without a password
    port = free_port()
    with fake_provider() as provider:
        toml = folder / "secrets.toml"
        toml.write_text(
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            f'cookie_secret = "{secrets.token_hex(16)}"\n'
            "[auth.testidp]\n"
            f'client_id = "{CLIENT_ID}"\n'
            f'client_secret = "{CLIENT_SECRET}"\n'
            f'server_metadata_url = "{provider.issuer}/.well-known/openid-configuration"\n',
            encoding="utf-8",
        )
        env = {"STREAMLIT_SECRETS_FILES": str(toml)}
        with app_server(db_path, timeout=90, env=env, port=port) as (base, _proc, _seconds):
            yield base, db_path, provider


@pytest.fixture
def page(server):
    with offline_page() as tab:
        yield tab


def provider_login(page, base: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_role("button", name="Log in with Testidp").click(timeout=90_000)
    page.wait_for_url(f"{base}/", timeout=60_000)  # back from the provider, on the home page


def test_a_provider_login_of_an_account_is_an_httponly_staff_session(server, page):
    base, db_path, provider = server
    provider.email = "Alice@Example.org"
    issued = provider.tokens_issued
    provider_login(page, base)
    assert provider.tokens_issued == issued + 1
    found = cookies_named(page, sessions.COOKIE)
    assert found, "no rgt_staff cookie after the provider login"
    cookie = found[0]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert sessions.COOKIE not in page.evaluate("document.cookie")
    assert sessions.resume(connect(db_path), cookie["value"]) == "alice@example.org"
    page.goto(f"{base}/edit?iso3=KHM&instrument=ICRMW")  # a reload: the cookie carries it
    page.get_by_role("button", name="Save").wait_for(timeout=90_000)
    page.goto(f"{base}/login")
    page.get_by_role("button", name=re.compile(r"^Log out alice")).click(timeout=90_000)
    page.wait_for_url(f"{base}/", timeout=60_000)  # st.logout() went through /auth/logout
    # The reloaded page has the browser drop the dead rgt_staff cookie.
    assert not cookies_named(page, sessions.COOKIE, "_streamlit_user", present=False)
    assert sessions.resume(connect(db_path), cookie["value"]) is None
    page.goto(f"{base}/edit?iso3=KHM&instrument=ICRMW")
    page.get_by_role("button", name="Log in with Testidp").wait_for(timeout=90_000)
    assert page.get_by_role("button", name="Save").count() == 0
    assert page.locator("input[type=password]").count() == 1


def test_a_provider_login_without_an_account_is_refused(server, page):
    base, db_path, provider = server
    provider.email = "bob@example.org"
    before = connect(db_path)["staff_sessions"].count
    provider_login(page, base)
    page.goto(f"{base}/login")
    refusal = page.get_by_text("so you are not logged in as staff")
    refusal.wait_for(timeout=90_000)
    text = refusal.inner_text().replace("\u2060", "")  # word joiners keep the email unlinked
    assert "as bob@example.org, but there is no enabled staff account for bob@example.org" in text
    page.get_by_role("button", name="Log out of Testidp").wait_for(timeout=30_000)
    assert page.get_by_role("button", name=re.compile(r"^Log out bob")).count() == 0
    assert not [c for c in page.context.cookies() if c["name"] == sessions.COOKIE]
    assert connect(db_path)["staff_sessions"].count == before
    page.goto(f"{base}/edit?iso3=KHM&instrument=ICRMW")
    page.locator("input[type=password]").wait_for(timeout=90_000)
    assert page.get_by_role("button", name="Save").count() == 0
