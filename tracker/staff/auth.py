"""Staff accounts: argon2 password hashes in the database (or secrets), throttled logins."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import threading
from collections.abc import Mapping

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlite_utils import Database

from tracker.errors import DatabaseBusy, LoginBusy, ValidationError
from tracker.staff import sessions

MAX_FAILURES = 5  # one name from one client
MAX_CLIENT_FAILURES = 20  # one client, any names
MAX_NAME_FAILURES = 100  # one name, all clients (slow distributed guessing)
MAX_NAME = 64
MAX_CHECKS = 2  # argon2 checks at once (64 MiB each)
CHECK_WAIT = 10.0  # seconds a login waits for a free check
WINDOW = dt.timedelta(minutes=15)
MIN_PASSWORD = 10
# A short name, or an email address (the name of an account used through ``st.login``).
USERNAME = re.compile(r"^(?=.{2,64}$)[a-z0-9][a-z0-9._+-]*(?:@[a-z0-9][a-z0-9.-]*)?$")
# Stored instead of a hash for an account that logs in only through the identity provider.
NO_PASSWORD = "!oidc-only"

_hasher = PasswordHasher()  # argon2id, RFC 9106 low-memory profile
_checks = threading.BoundedSemaphore(MAX_CHECKS)


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
    """Lower-cased, stripped user name; ValidationError unless 2–64 of a-z 0-9 . _ - (+ @).

    An email address (``alice@example.org``) is a valid name: the account of a staff member
    who logs in through the identity provider.
    """
    name = str(username or "").strip().lower()
    if not USERNAME.match(name):
        raise ValidationError(
            "username",
            f"{username!r} must be 2-64 characters of a-z, 0-9, '.', '_', '-' "
            "(or an email address)",
        )
    return name


def hash_password(password: str) -> str:
    """An argon2id hash of the password (for the database or secrets.toml)."""
    if len(password or "") < MIN_PASSWORD:
        raise ValidationError("password", f"must be at least {MIN_PASSWORD} characters")
    return _hasher.hash(password)


def add_user(
    db: Database,
    username: str,
    password: str | None,
    *,
    now: dt.datetime | None = None,
) -> str:
    """Create a staff account; returns the normalised name. ValidationError if it exists.

    ``password=None`` makes an account with no usable password: it logs in only through the
    identity provider (``st.login``), so its name must be an email address.
    """
    name = normalise_username(username)
    if password is None and "@" not in name:
        raise ValidationError("username", "an account without a password must be an email")
    hashed = NO_PASSWORD if password is None else hash_password(password)
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
    if disabled:
        sessions.end_all(db, name)


def _key(db: Database, kind: str, text: str) -> str:
    return sessions.keyed(db, f"{kind}:{text}")


def _since_success(db: Database, column: str, key: str, since: str) -> str:
    last_ok = db.execute(
        f"select max(at) from login_attempts where {column} = ? and ok = 1", [key]
    ).fetchone()[0]
    return max(since, last_ok or "")


def _blocked_until(db: Database, column: str, key: str, limit: int, moment: dt.datetime):
    since = _since_success(db, column, key, _stamp(moment - WINDOW))
    rows = db.execute(
        f"select at from login_attempts where {column} = ? and ok = 0 and at > ? "
        "order by at desc limit ?",
        [key, since, limit],
    ).fetchall()
    if len(rows) < limit:
        return None
    return dt.datetime.strptime(rows[0][0], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC) + WINDOW


def _pair(name: str, client: str) -> str:
    return f"{name}\n{client}"


def throttled_until(
    db: Database, username: str, *, client: str = "", now: dt.datetime | None = None
) -> dt.datetime | None:
    """When this client may try this name again, or None when it may now.

    Limits within 15 minutes since the last success: 5 failures for one name from one client,
    20 failures from one client (any names), 100 failures for one name from all clients.
    A stranger therefore locks out only their own client, not the staff member.
    """
    moment = _now(now)
    name = str(username or "").strip().lower()
    limits = (
        ("name_key", _key(db, "pair", _pair(name, client)), MAX_FAILURES),
        ("client_key", _key(db, "client", client), MAX_CLIENT_FAILURES),
        ("name_key", _key(db, "name", name), MAX_NAME_FAILURES),
    )
    ends = [
        until
        for column, key, limit in limits
        if (until := _blocked_until(db, column, key, limit, moment)) is not None
    ]
    return max(ends) if ends else None


def _check(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _record(db: Database, name: str, client: str, moment: dt.datetime, known: bool) -> list[int]:
    """Record a failed attempt under every key BEFORE the password is checked; returns row ids."""
    ids = []
    for column, key in (
        ("name_key", _key(db, "pair", _pair(name, client))),
        ("client_key", _key(db, "client", client)),
        ("name_key", _key(db, "name", name)),
    ):
        cur = db.execute(
            f"insert into login_attempts (username, at, ok, {column}) values (?, ?, 0, ?)",
            [name if known else "", _stamp(moment), key],
        )
        ids.append(int(cur.lastrowid))
    return ids


def _begin_immediate(db: Database) -> None:
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as err:
        raise DatabaseBusy(f"the database is busy ({err}); try again") from None


def verify(
    db: Database,
    username: str,
    password: str,
    *,
    client: str = "",
    now: dt.datetime | None = None,
    extra_users: Mapping[str, str] | None = None,
) -> bool:
    """True when the password matches an enabled account and this client is not throttled.

    Accounts come from the ``users`` table, then ``extra_users`` (name → argon2 hash, e.g.
    from ``.streamlit/secrets.toml``). ``client`` identifies the caller (e.g. its IP address).
    Checking the limits and recording the attempt happen in one write transaction, so parallel
    attempts cannot all slip under the limit; at most :data:`MAX_CHECKS` passwords are checked
    at once (each argon2 check costs 64 MiB), further callers wait up to :data:`CHECK_WAIT`
    seconds and then get :class:`LoginBusy`. Names longer than 64 characters raise
    ValidationError. Failed names are stored only as keyed hashes unless they are accounts.
    Unknown names cost the same time as known ones.
    """
    moment = _now(now)
    name = str(username or "").strip().lower()
    if len(name) > MAX_NAME:
        raise ValidationError("username", f"is longer than {MAX_NAME} characters")
    if not name:
        return False
    client = str(client or "")[:200]
    if not _checks.acquire(timeout=CHECK_WAIT):
        raise LoginBusy("too many logins are being checked right now; try again in a moment")
    try:
        row = db.execute(
            "select password_hash, disabled from users where username = ?", [name]
        ).fetchone()
        _begin_immediate(db)
        try:
            blocked = throttled_until(db, name, client=client, now=moment) is not None
            ids = [] if blocked else _record(db, name, client, moment, row is not None)
        except BaseException:
            db.conn.execute("ROLLBACK")
            raise
        db.conn.execute("COMMIT")
        if blocked:
            return False
        if row is not None and row[0] == NO_PASSWORD:  # same time, never a match
            hashed, usable = _dummy_hash(), False
        elif row is not None:
            hashed, usable = row[0], not row[1]
        else:
            secret = {str(k).lower(): str(v) for k, v in (extra_users or {}).items()}.get(name)
            hashed, usable = (secret, True) if secret else (_dummy_hash(), False)
        ok = _check(hashed, str(password or "")) and usable
    finally:
        _checks.release()
    if ok:
        with db.atomic():
            db.execute(
                "update login_attempts set ok = 1, username = ? "
                "where id in (select value from json_each(?))",
                [name, json.dumps(ids)],
            )
    return ok
