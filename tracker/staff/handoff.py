"""One-time handoffs of a session cookie from the page script to the HTTP cookie route.

A Streamlit page cannot send ``Set-Cookie``; the ``/staff/session`` route can, but it must not
take a user name and password of its own. After a login the page script deposits the new
session's cookie value here and hands the browser only a random single-use nonce; the route
redeems the nonce (same client address, within :data:`TTL`) and sets the cookie HttpOnly.
The store lives in the server process, holds at most :data:`MAX_PENDING` handoffs, and never
writes a cookie value to disk.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from dataclasses import dataclass

TTL = 30.0  # seconds between the login and the browser's call of the route
MAX_PENDING = 512
_LOOPBACK = frozenset({"127.0.0.1", "::1", ""})


def client_address(host: str | None) -> str:
    """A client's address as both sides see it: "" for loopback (as ``st.context`` reports)."""
    return "" if (host or "") in _LOOPBACK else str(host)


@dataclass(frozen=True)
class _Pending:
    cookie: str
    client: str
    expires: float


class Handoffs:
    """A bounded, thread-safe store of pending handoffs, keyed by a hash of their nonce."""

    def __init__(self, *, ttl: float = TTL, max_pending: int = MAX_PENDING) -> None:
        self._ttl = ttl
        self._max = max_pending
        self._pending: dict[str, _Pending] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _key(nonce: str) -> str:
        return hashlib.sha256(nonce[:100].encode("utf-8", "replace")).hexdigest()

    def _purge(self, now: float) -> None:
        for key in [k for k, p in self._pending.items() if p.expires <= now]:
            del self._pending[key]
        while len(self._pending) >= self._max:  # oldest first (dicts keep insertion order)
            del self._pending[next(iter(self._pending))]

    def issue(self, cookie: str, *, client: str, now: float | None = None) -> str:
        """A new nonce that :meth:`redeem` turns into ``cookie`` once, for the same client."""
        moment = time.monotonic() if now is None else now
        nonce = secrets.token_urlsafe(32)
        with self._lock:
            self._purge(moment)
            self._pending[self._key(nonce)] = _Pending(cookie, client, moment + self._ttl)
        return nonce

    def redeem(self, nonce: object, *, client: str, now: float | None = None) -> str | None:
        """The cookie for a live nonce from the client it was issued to; the nonce is used up."""
        if not isinstance(nonce, str) or not nonce:
            return None
        moment = time.monotonic() if now is None else now
        with self._lock:
            pending = self._pending.pop(self._key(nonce), None)
        if pending is None or pending.expires <= moment or pending.client != client:
            return None
        return pending.cookie

    def waiting(self, nonce: object, *, now: float | None = None) -> bool:
        """True while a nonce is issued, live, and not yet redeemed."""
        if not isinstance(nonce, str) or not nonce:
            return False
        moment = time.monotonic() if now is None else now
        with self._lock:
            pending = self._pending.get(self._key(nonce))
        return pending is not None and pending.expires > moment

    def __len__(self) -> int:
        with self._lock:
            return len(self._pending)


# The one store of this server process, shared by the page scripts and the cookie route.
HANDOFFS = Handoffs()
