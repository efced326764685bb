"""tracker.staff.auth: argon2 accounts, throttled logins, secrets users, the `user` CLI."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from argon2 import PasswordHasher

from tracker.cli import main
from tracker.db import connect
from tracker.errors import ValidationError
from tracker.staff import auth

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch):
    """Cheap argon2 parameters: the tests are about the logic, not the cost."""
    monkeypatch.setattr(
        auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )


T0 = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)


def test_add_user_stores_an_argon2_hash_not_the_password(empty_db):
    assert auth.add_user(empty_db, " Alice ", PASSWORD) == "alice"
    row = empty_db["users"].get("alice")
    assert row["password_hash"].startswith("$argon2id$")
    assert PASSWORD not in row["password_hash"]
    assert row["disabled"] == 0
    assert auth.verify(empty_db, "ALICE", PASSWORD)
    assert not auth.verify(empty_db, "alice", PASSWORD + "x")


@pytest.mark.parametrize(
    "name,password,field",
    [("a", PASSWORD, "username"), ("bad name", PASSWORD, "username"), ("bob", "short", "password")],
)
def test_add_user_rejects_bad_names_and_short_passwords(empty_db, name, password, field):
    with pytest.raises(ValidationError) as err:
        auth.add_user(empty_db, name, password)
    assert err.value.field == field
    assert empty_db["users"].count == 0


def test_duplicate_user_refused(empty_db):
    auth.add_user(empty_db, "alice", PASSWORD)
    with pytest.raises(ValidationError, match="already exists"):
        auth.add_user(empty_db, "Alice", PASSWORD + "2")


def test_failed_logins_are_throttled_for_fifteen_minutes(empty_db):
    auth.add_user(empty_db, "alice", PASSWORD)
    for i in range(5):
        assert not auth.verify(empty_db, "alice", "wrong", now=T0 + dt.timedelta(seconds=i))
    # Even the right password is refused while throttled.
    assert not auth.verify(empty_db, "alice", PASSWORD, now=T0 + dt.timedelta(minutes=5))
    until = auth.throttled_until(empty_db, "alice", now=T0 + dt.timedelta(minutes=5))
    assert until == T0 + dt.timedelta(seconds=4, minutes=15)
    assert auth.verify(empty_db, "alice", PASSWORD, now=T0 + dt.timedelta(minutes=16))
    # Another name is not affected.
    auth.add_user(empty_db, "bob", PASSWORD)
    for i in range(5):
        auth.verify(empty_db, "mallory", "x", now=T0 + dt.timedelta(seconds=i))
    assert auth.verify(empty_db, "bob", PASSWORD, now=T0 + dt.timedelta(seconds=6))


def test_a_success_resets_the_failure_count(empty_db):
    auth.add_user(empty_db, "alice", PASSWORD)
    for i in range(4):
        auth.verify(empty_db, "alice", "wrong", now=T0 + dt.timedelta(seconds=i))
    assert auth.verify(empty_db, "alice", PASSWORD, now=T0 + dt.timedelta(seconds=10))
    assert not auth.verify(empty_db, "alice", "wrong", now=T0 + dt.timedelta(seconds=11))
    assert auth.verify(empty_db, "alice", PASSWORD, now=T0 + dt.timedelta(seconds=12))


def test_unknown_and_disabled_users_are_refused(empty_db):
    assert not auth.verify(empty_db, "nobody", PASSWORD)
    assert not auth.verify(empty_db, "", PASSWORD)
    auth.add_user(empty_db, "alice", PASSWORD)
    auth.set_disabled(empty_db, "alice")
    assert not auth.verify(empty_db, "alice", PASSWORD)
    auth.set_disabled(empty_db, "alice", disabled=False)
    assert auth.verify(empty_db, "alice", PASSWORD)
    with pytest.raises(ValidationError):
        auth.set_disabled(empty_db, "nobody")


def test_secrets_users_are_accepted(empty_db):
    users = {"carol": auth.hash_password(PASSWORD), "dave": "not-a-hash"}
    assert auth.verify(empty_db, "carol", PASSWORD, extra_users=users)
    assert not auth.verify(empty_db, "carol", "wrong password", extra_users=users)
    assert not auth.verify(empty_db, "dave", "not-a-hash", extra_users=users)


def test_user_add_cli_with_password_stdin_and_prompt(db_file, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["user", "add", "Alice", "--password-stdin"]) == 0
    assert "user alice added" in capsys.readouterr().out
    prompts = iter([PASSWORD + "!", PASSWORD + "!"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(prompts))
    assert main(["user", "add", "bob"]) == 0
    mismatch = iter([PASSWORD, PASSWORD + "?"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(mismatch))
    assert main(["user", "add", "carol"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "error: password: the two passwords differ"
    db = connect(db_file)
    assert {r["username"] for r in db["users"].rows} == {"alice", "bob"}
    assert auth.verify(db, "bob", PASSWORD + "!")


def test_user_hash_prints_a_secrets_line_that_verifies(empty_db, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["user", "hash", "Carol", "--password-stdin"]) == 0
    name, _, quoted = capsys.readouterr().out.strip().partition(" = ")
    assert name == "carol" and quoted.startswith('"$argon2id$')
    assert auth.verify(empty_db, "carol", PASSWORD, extra_users={name: quoted.strip('"')})
