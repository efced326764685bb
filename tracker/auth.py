"""Staff accounts: argon2 password hashes in the database (or secrets), throttled logins."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlite_utils import Database

from tracker.errors import ValidationError

MAX_FAILURES = 5
WINDOW = dt.timedelta(minutes=15)
MIN_PASSWORD = 10
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")

_hasher = PasswordHasher()  # argon2id, RFC 9106 low-memory profile


def _dummy_hash() -> str:
    """Verified against when the user is unknown, so timing does not reveal which names exist."""
    global _DUMMY
    if _DUMMY is None or _DUMMY[0] is not _hasher:
        _DUMMY = (_hasher, _hasher.hash("not a real password, only used to spend the same time"))
    return _DUMMY[1]


_DUMMY: tuple[PasswordHasher, str] | None = None


def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def normalise_username(username: str) -> str:
    """Lower-cased, stripped user name; ValidationError unless 2–64 of a-z 0-9 . _ -."""
    name = str(username or "").strip().lower()
    if not USERNAME.match(name):
        raise ValidationError(
            "username", f"{username!r} must be 2-64 characters of a-z, 0-9, '.', '_' or '-'"
        )
    return name


def hash_password(password: str) -> str:
    """An argon2id hash of the password (for the database or secrets.toml)."""
    if len(password or "") < MIN_PASSWORD:
        raise ValidationError("password", f"must be at least {MIN_PASSWORD} characters")
    return _hasher.hash(password)


def add_user(db: Database, username: str, password: str, *, now: dt.datetime | None = None) -> str:
    """Create a staff account; returns the normalised name. ValidationError if it exists."""
    name = normalise_username(username)
    hashed = hash_password(password)
    if db.execute("select 1 from users where username = ?", [name]).fetchone():
        raise ValidationError("username", f"user {name!r} already exists")
    with db.atomic():
        db.execute(
            "insert into users (username, password_hash, created_at, disabled) values (?, ?, ?, 0)",
            [name, hashed, _stamp(_now(now))],
        )
    return name


def set_disabled(db: Database, username: str, *, disabled: bool = True) -> None:
    """Disable (or re-enable) an account; ValidationError if there is no such user."""
    name = normalise_username(username)
    cur = db.execute("update users set disabled = ? where username = ?", [int(disabled), name])
    if cur.rowcount != 1:
        raise ValidationError("username", f"there is no user {name!r}")


def throttled_until(
    db: Database, username: str, *, now: dt.datetime | None = None
) -> dt.datetime | None:
    """When logins for this name are allowed again, or None when they are allowed now.

    Counts failures in the last 15 minutes since the last successful login.
    """
    moment = _now(now)
    name = str(username or "").strip().lower()
    since = _stamp(moment - WINDOW)
    last_ok = db.execute(
        "select max(at) from login_attempts where username = ? and ok = 1", [name]
    ).fetchone()[0]
    rows = db.execute(
        "select at from login_attempts where username = ? and ok = 0 and at > ? "
        "order by at desc limit ?",
        [name, max(since, last_ok or ""), MAX_FAILURES],
    ).fetchall()
    if len(rows) < MAX_FAILURES:
        return None
    last = dt.datetime.strptime(rows[0][0], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)
    return last + WINDOW


def _check(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def verify(
    db: Database,
    username: str,
    password: str,
    *,
    now: dt.datetime | None = None,
    extra_users: Mapping[str, str] | None = None,
) -> bool:
    """True when the password matches an enabled account and the name is not throttled.

    Accounts come from the ``users`` table, then ``extra_users`` (name → argon2 hash, e.g.
    from ``.streamlit/secrets.toml``). After 5 failures within 15 minutes a name is refused
    for 15 minutes. Unknown names cost the same time as known ones.
    """
    moment = _now(now)
    name = str(username or "").strip().lower()[:64]
    if not name or throttled_until(db, name, now=moment) is not None:
        return False
    row = db.execute(
        "select password_hash, disabled from users where username = ?", [name]
    ).fetchone()
    if row is not None:
        hashed, usable = row[0], not row[1]
    else:
        secret = {str(k).lower(): str(v) for k, v in (extra_users or {}).items()}.get(name)
        hashed, usable = (secret, True) if secret else (_dummy_hash(), False)
    ok = _check(hashed, str(password or "")) and usable
    with db.atomic():
        db.execute(
            "insert into login_attempts (username, at, ok) values (?, ?, ?)",
            [name, _stamp(moment), int(ok)],
        )
    return ok
