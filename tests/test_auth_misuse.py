"""Login misuse: parallel guessing, per-client throttling, bounded checks, names, sessions."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from argon2 import PasswordHasher

from tracker.db import connect
from tracker.errors import ValidationError
from tracker.staff import auth, sessions

PASSWORD = "correct horse battery"
T0 = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)


class CountingHasher(PasswordHasher):
    """Cheap argon2 that counts verify calls and the most running at once."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=1024, parallelism=1)
        self.lock = threading.Lock()
        self.calls = self.running = self.peak = 0

    def verify(self, hash, password):  # noqa: A002 - argon2's signature
        with self.lock:
            self.calls += 1
            self.running += 1
            self.peak = max(self.peak, self.running)
        try:
            threading.Event().wait(0.02)  # long enough for the threads to overlap
            return super().verify(hash, password)
        finally:
            with self.lock:
                self.running -= 1


@pytest.fixture
def hasher(monkeypatch) -> CountingHasher:
    counting = CountingHasher()
    monkeypatch.setattr(auth, "_hasher", counting)
    monkeypatch.setattr(auth, "_DUMMY", None)
    return counting


@pytest.fixture
def accounts(tmp_path, hasher):
    path = tmp_path / "auth.db"
    auth.add_user(connect(path), "alice", PASSWORD)
    return path


def test_twenty_parallel_wrong_logins_then_the_right_one(accounts, hasher):
    def attempt(i: int) -> bool:
        return auth.verify(connect(accounts), "alice", f"wrong {i}", client="203.0.113.9")

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(attempt, range(20)))
    assert results == [False] * 20
    # Check and record are atomic: only the first five were checked at all ...
    assert hasher.calls == auth.MAX_FAILURES
    # ... never more than MAX_CHECKS at once.
    assert hasher.peak <= auth.MAX_CHECKS
    db = connect(accounts)
    # The guessing client is now refused even with the right password, without a check.
    assert not auth.verify(db, "alice", PASSWORD, client="203.0.113.9")
    assert hasher.calls == auth.MAX_FAILURES
    # The stranger did not lock alice out: from her own machine she logs in.
    assert auth.verify(db, "alice", PASSWORD, client="198.51.100.7")


def test_one_client_guessing_many_names_is_throttled_as_a_client(accounts):
    db = connect(accounts)
    for i in range(auth.MAX_CLIENT_FAILURES):
        assert not auth.verify(db, f"name{i}", "x", client="203.0.113.9", now=T0)
    assert auth.throttled_until(db, "alice", client="203.0.113.9", now=T0) == T0 + auth.WINDOW
    assert not auth.verify(db, "alice", PASSWORD, client="203.0.113.9", now=T0)
    assert auth.verify(db, "alice", PASSWORD, client="198.51.100.7", now=T0)


def test_too_many_checks_at_once_wait_then_give_up(accounts, monkeypatch):
    monkeypatch.setattr(auth, "CHECK_WAIT", 0.01)
    for _ in range(auth.MAX_CHECKS):
        auth._checks.acquire()
    try:
        with pytest.raises(auth.LoginBusy):
            auth.verify(connect(accounts), "alice", PASSWORD)
    finally:
        for _ in range(auth.MAX_CHECKS):
            auth._checks.release()
    assert connect(accounts)["login_attempts"].count == 0  # nothing checked, nothing recorded


def test_long_names_are_refused_not_truncated(accounts):
    db = connect(accounts)
    with pytest.raises(ValidationError, match="longer than 64"):
        auth.verify(db, "alice" + "x" * 64, PASSWORD)
    # Truncating would have let "alice" + 59 characters match a 64-character account.
    auth.add_user(db, "a" * 64, PASSWORD)
    with pytest.raises(ValidationError):
        auth.verify(db, "a" * 65, PASSWORD)
    assert db["login_attempts"].count == 0


def test_a_password_typed_into_the_name_field_is_not_stored(accounts):
    db = connect(accounts)
    assert not auth.verify(db, PASSWORD, "", client="10.0.0.1")
    assert not auth.verify(db, "alice", "wrong", client="10.0.0.1")
    dump = "\n".join(db.conn.iterdump())
    assert PASSWORD.lower() not in dump.lower()
    assert "10.0.0.1" not in dump  # client addresses are keyed hashes too
    names = {r["username"] for r in db["login_attempts"].rows}
    assert names == {"", "alice"}  # only real account names appear in plain text


def test_sessions_expire_idle_and_end_with_their_account(accounts):
    db = connect(accounts)
    cookie = sessions.start(db, "alice", now=T0)
    assert sessions.resume(db, cookie, now=T0 + dt.timedelta(minutes=30)) == "alice"
    # Each use restarts the idle clock; a tampered signature or token is refused.
    assert sessions.resume(db, cookie, now=T0 + dt.timedelta(minutes=80)) == "alice"
    token, _, sig = cookie.partition(".")
    assert sessions.resume(db, f"{token}.{'0' * len(sig)}", now=T0) is None
    assert sessions.resume(db, f"x{token[1:]}.{sig}", now=T0) is None
    # Idle too long: over, and stays over.
    assert sessions.resume(db, cookie, now=T0 + dt.timedelta(minutes=141)) is None
    assert sessions.resume(db, cookie, now=T0 + dt.timedelta(minutes=81)) is None
    # Lifetime: even a session in constant use ends.
    other = sessions.start(db, "alice", now=T0)
    moment = T0
    while moment < T0 + sessions.LIFETIME - dt.timedelta(minutes=30):
        moment += dt.timedelta(minutes=30)
        assert sessions.resume(db, other, now=moment) == "alice"
    assert sessions.resume(db, other, now=T0 + sessions.LIFETIME) is None
    # Disabling the account ends its open sessions; so does deleting it.
    live = sessions.start(db, "alice")
    auth.set_disabled(db, "alice")
    assert sessions.resume(db, live) is None
    auth.set_disabled(db, "alice", disabled=False)
    live = sessions.start(db, "alice")
    db.execute("delete from users where username = 'alice'")
    assert sessions.resume(db, live) is None
    # Secrets users stay valid only while they are listed.
    carol = sessions.start(db, "carol")
    assert sessions.resume(db, carol, extra_users=["carol"]) == "carol"
    assert sessions.resume(db, carol, extra_users=[]) is None


def test_the_session_table_holds_no_usable_token(accounts):
    db = connect(accounts)
    cookie = sessions.start(db, "alice")
    token = cookie.partition(".")[0]
    assert token not in "\n".join(db.conn.iterdump())
    sessions.end(db, cookie)
    assert sessions.resume(db, cookie) is None
