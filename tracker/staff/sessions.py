"""Server-side staff sessions: a random token in a signed cookie, lifetime and idle timeout.

The browser holds only ``token.signature`` (HMAC-SHA256 with the server key); the database holds
a SHA-256 of the token, the user, and when the session was made and last used. A session ends
when its lifetime or idle timeout passes, at logout, or at the next action once its account is
disabled or deleted (:func:`resume` checks the account every time).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Iterable

from sqlite_utils import Database

LIFETIME = dt.timedelta(hours=12)
IDLE = dt.timedelta(minutes=60)
COOKIE = "rgt_staff"
_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime(_FORMAT)


def server_key(db: Database) -> bytes:
    """The server's HMAC key: generated once (32 random bytes) and kept in the database."""
    row = db.execute("select value from server_keys where name = 'hmac'").fetchone()
    if row is None:
        with db.atomic():
            db.execute(
                "insert or ignore into server_keys (name, value) values ('hmac', ?)",
                [secrets.token_hex(32)],
            )
        row = db.execute("select value from server_keys where name = 'hmac'").fetchone()
    return bytes.fromhex(row[0])


def keyed(db: Database, text: str) -> str:
    """HMAC-SHA256 of a text under the server key (hex): stored instead of the text itself."""
    return hmac.new(server_key(db), text.encode("utf-8"), hashlib.sha256).hexdigest()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def account_active(db: Database, username: str, *, extra_users: Iterable[str] = ()) -> bool:
    """True when the name is an enabled database account or one of the secrets.toml users."""
    row = db.execute("select disabled from users where username = ?", [username]).fetchone()
    if row is not None:
        return not row[0]
    return username in {str(u).lower() for u in extra_users}


def start(db: Database, username: str, *, now: dt.datetime | None = None) -> str:
    """A new session for a logged-in user; returns the signed cookie value."""
    moment = _now(now)
    token = secrets.token_urlsafe(32)
    with db.atomic():
        db.execute(
            "delete from staff_sessions where expires_at < ? or last_seen < ?",
            [_stamp(moment), _stamp(moment - IDLE)],
        )
        db.execute(
            "insert into staff_sessions (token_hash, username, created_at, last_seen, expires_at) "
            "values (?, ?, ?, ?, ?)",
            [_digest(token), username, _stamp(moment), _stamp(moment), _stamp(moment + LIFETIME)],
        )
    return f"{token}.{keyed(db, token)}"


def _token(db: Database, cookie: object) -> str | None:
    token, _, signature = str(cookie or "")[:200].partition(".")
    if not token or not hmac.compare_digest(signature, keyed(db, token)):
        return None
    return token


def resume(
    db: Database,
    cookie: object,
    *,
    now: dt.datetime | None = None,
    extra_users: Iterable[str] = (),
) -> str | None:
    """The user of a live session (and mark it used), or None, ending it, if it is over.

    Over means: bad signature, unknown token, past its lifetime, idle too long, or its account
    disabled or deleted.
    """
    token = _token(db, cookie)
    if token is None:
        return None
    moment = _now(now)
    row = db.execute(
        "select username, last_seen, expires_at from staff_sessions where token_hash = ?",
        [_digest(token)],
    ).fetchone()
    if row is None:
        return None
    username, last_seen, expires_at = row
    live = expires_at > _stamp(moment) and last_seen > _stamp(moment - IDLE)
    if not live or not account_active(db, username, extra_users=extra_users):
        end(db, cookie)
        return None
    with db.atomic():
        db.execute(
            "update staff_sessions set last_seen = ? where token_hash = ?",
            [_stamp(moment), _digest(token)],
        )
    return str(username)


def end(db: Database, cookie: object) -> None:
    """End one session (logout); a bad or unknown cookie changes nothing."""
    token = _token(db, cookie)
    if token is not None:
        with db.atomic():
            db.execute("delete from staff_sessions where token_hash = ?", [_digest(token)])


def end_all(db: Database, username: str) -> int:
    """End every session of a user (e.g. when the account is disabled); returns how many."""
    with db.atomic():
        cur = db.execute("delete from staff_sessions where username = ?", [username])
    return cur.rowcount
