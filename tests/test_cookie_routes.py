"""HttpOnly staff cookie: one-time login handoffs, the /staff/session and /staff/logout routes."""

from __future__ import annotations

import ast
import asyncio
from pathlib import Path

import pytest
from starlette.routing import Router

from tracker.db import connect
from tracker.staff import auth, sessions
from tracker.staff import cookie_routes as routes
from tracker.staff.handoff import Handoffs, client_address

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1:8501"


def call(
    method: str,
    path: str,
    *,
    body: bytes = b"",
    headers: dict | None = None,
    client: str = "127.0.0.1",
) -> tuple[int, dict[str, list[str]], bytes]:
    """One HTTP request through the cookie routes (plain ASGI, no server)."""
    app = Router(routes=routes.cookie_routes())
    sent = [{"type": "http.request", "body": body, "more_body": False}]
    raw = [(k.lower().encode(), v.encode()) for k, v in {"host": HOST, **(headers or {})}.items()]
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": raw,
        "scheme": "http",
        "server": ("127.0.0.1", 8501),
        "client": (client, 50000),
        "root_path": "",
        "http_version": "1.1",
    }
    out: dict = {"headers": {}, "body": b""}

    async def receive():
        return sent.pop(0) if sent else {"type": "http.disconnect"}

    async def send(message):
        if message["type"] == "http.response.start":
            out["status"] = message["status"]
            for k, v in message["headers"]:
                out["headers"].setdefault(k.decode().lower(), []).append(v.decode())
        else:
            out["body"] += message.get("body", b"")

    asyncio.run(app(scope, receive, send))
    return out["status"], out["headers"], out["body"]


SAME_ORIGIN = {"origin": f"http://{HOST}", "content-type": "application/x-www-form-urlencoded"}


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "t.db"))
    database = connect()
    auth.add_user(database, "alice", "correct horse battery")
    return database


def test_a_handoff_is_single_use_bound_to_its_client_and_expires():
    store = Handoffs(ttl=30)
    nonce = store.issue("cookie-1", client="", now=0)
    assert store.redeem(nonce, client="10.0.0.9", now=1) is None  # another client: refused
    assert store.redeem(nonce, client="", now=1) is None  # ... and used up by that attempt
    nonce = store.issue("cookie-2", client="", now=0)
    assert store.redeem(nonce, client="", now=31) is None  # expired
    nonce = store.issue("cookie-3", client="", now=0)
    assert store.waiting(nonce, now=29) and not store.waiting(nonce, now=30)
    assert store.redeem(nonce, client="", now=29) == "cookie-3"
    assert not store.waiting(nonce, now=29)
    assert store.redeem(nonce, client="", now=29) is None  # single use
    assert store.redeem("x" * 10_000, client="", now=0) is None
    assert store.redeem(None, client="", now=0) is None


def test_the_handoff_store_is_bounded():
    store = Handoffs(ttl=30, max_pending=8)
    nonces = [store.issue(f"c{i}", client="", now=0) for i in range(50)]
    assert len(store) == 8
    assert store.redeem(nonces[0], client="", now=1) is None  # the oldest were dropped
    assert store.redeem(nonces[-1], client="", now=1) == "c49"


def test_loopback_clients_are_the_empty_address_as_streamlit_reports_them():
    assert client_address("127.0.0.1") == client_address("::1") == client_address(None) == ""
    assert client_address("192.0.2.4") == "192.0.2.4"


def test_the_route_sets_an_httponly_strict_cookie_for_a_live_nonce(db):
    cookie = sessions.start(db, "alice")
    nonce = routes.HANDOFFS.issue(cookie, client="")
    status, headers, _ = call(
        "POST", routes.START_PATH, body=f"handoff={nonce}".encode(), headers=SAME_ORIGIN
    )
    assert status == 204
    (set_cookie,) = headers["set-cookie"]
    attributes = [part.strip().lower() for part in set_cookie.split(";")]
    assert set_cookie.startswith(f"{sessions.COOKIE}={cookie};")
    assert "httponly" in attributes and "samesite=strict" in attributes and "path=/" in attributes
    assert f"max-age={int(sessions.LIFETIME.total_seconds())}" in attributes
    assert "secure" not in attributes  # plain http on loopback
    # The same nonce again (a replay) sets nothing.
    status, headers, body = call(
        "POST", routes.START_PATH, body=f"handoff={nonce}".encode(), headers=SAME_ORIGIN
    )
    assert status == 403 and "set-cookie" not in headers and b"expired" in body


def test_the_cookie_is_secure_behind_an_https_proxy(db):
    nonce = routes.HANDOFFS.issue(sessions.start(db, "alice"), client="")
    _, headers, _ = call(
        "POST",
        routes.START_PATH,
        body=f"handoff={nonce}".encode(),
        headers={**SAME_ORIGIN, "x-forwarded-proto": "https"},
    )
    assert "secure" in [p.strip().lower() for p in headers["set-cookie"][0].split(";")]


@pytest.mark.parametrize(
    "headers",
    [
        {"content-type": "application/x-www-form-urlencoded"},  # no Origin
        {**SAME_ORIGIN, "origin": "http://evil.example"},
        {**SAME_ORIGIN, "origin": "null"},
    ],
)
def test_cross_site_or_originless_posts_are_refused_and_keep_the_nonce(db, headers):
    nonce = routes.HANDOFFS.issue(sessions.start(db, "alice"), client="")
    status, got, _ = call(
        "POST", routes.START_PATH, body=f"handoff={nonce}".encode(), headers=headers
    )
    assert status == 403 and "set-cookie" not in got
    status, _, _ = call(
        "POST", routes.START_PATH, body=f"handoff={nonce}".encode(), headers=SAME_ORIGIN
    )
    assert status == 204  # the refused request did not use the nonce up


def test_forged_oversized_and_get_requests_set_no_cookie(db):
    for body in (b"handoff=forged", b"handoff=" + b"A" * 5000, b""):
        status, headers, _ = call("POST", routes.START_PATH, body=body, headers=SAME_ORIGIN)
        assert status == 403 and "set-cookie" not in headers
    status, headers, _ = call("GET", routes.START_PATH, headers=SAME_ORIGIN)
    assert status == 405 and "set-cookie" not in headers


def test_logout_route_ends_the_server_session_and_clears_the_cookie(db):
    cookie = sessions.start(db, "alice")
    assert sessions.resume(db, cookie) == "alice"
    status, headers, _ = call(
        "POST", routes.END_PATH, headers={**SAME_ORIGIN, "cookie": f"{sessions.COOKIE}={cookie}"}
    )
    assert status == 204
    assert sessions.resume(db, cookie) is None
    (cleared,) = headers["set-cookie"]
    assert cleared.startswith(f'{sessions.COOKIE}="";') and "max-age=0" in cleared.lower()
    # A cross-site logout is refused and ends nothing.
    other = sessions.start(db, "alice")
    status, _, _ = call(
        "POST",
        routes.END_PATH,
        headers={"origin": "http://evil.example", "cookie": f"{sessions.COOKIE}={other}"},
    )
    assert status == 403 and sessions.resume(db, other) == "alice"


def test_serve_py_is_the_asgi_app_streamlit_run_starts_with_the_cookie_routes():
    from streamlit.web.server.app_discovery import discover_asgi_app

    found = discover_asgi_app(ROOT / "serve.py")
    assert found.is_asgi_app and found.app_name == "app"
    tree = ast.parse((ROOT / "serve.py").read_text())
    calls = {ast.unparse(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    assert "routes.cookie_routes" in calls
    assert "serve.py" in (ROOT / "Makefile").read_text()
    assert "serve.py" in (ROOT / "Dockerfile").read_text()
