"""Identity-provider logins (Streamlit's ``st.login``, OIDC) mapped onto staff accounts.

``.streamlit/secrets.toml`` may hold an ``[auth]`` section (one provider, or named ones such
as ``[auth.google]`` and ``[auth.microsoft]``). A user who logged in at the provider is staff
only when the provider vouches for an email address (``email_verified`` is not false) that is
the name of an enabled account in the ``users`` table. The provider's login then starts an
ordinary server-side staff session (:mod:`tracker.staff.sessions`) with the same lifetime,
idle timeout and per-action account check; it can start one only while it is fresh
(:data:`FRESH`), so an old provider cookie cannot renew an expired staff session by itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from urllib.parse import urlparse

from sqlite_utils import Database

from tracker.errors import OidcLoginStale, OidcRefused, ValidationError
from tracker.staff import auth

FRESH = dt.timedelta(minutes=10)  # an IdP login older than this starts no new staff session
# Keys Streamlit (and Authlib) read as a provider's settings.
_PROVIDER_KEYS = frozenset({"client_id", "client_secret", "server_metadata_url"})
_LABELS = {"google": "Google", "microsoft": "Microsoft", "okta": "Okta", "auth0": "Auth0"}
_HOST_LABELS = {"accounts.google.com": "Google", "login.microsoftonline.com": "Microsoft"}


def _label(name: str, section: Mapping) -> str:
    if name in _LABELS:
        return _LABELS[name]
    host = urlparse(str(section.get("server_metadata_url") or "")).hostname or ""
    return _HOST_LABELS.get(host) or (name.replace("-", " ").title() if name else "single sign-on")


def providers(auth_section: Mapping | None) -> list[tuple[str | None, str]]:
    """``(argument for st.login, label)`` per provider of an ``[auth]`` section ([] without).

    The section's own ``client_id`` etc. make the default provider (``st.login()``); each
    sub-table with provider settings is a named one (``st.login("google")``).
    """
    if not auth_section:
        return []
    found: list[tuple[str | None, str]] = []
    if _PROVIDER_KEYS & set(auth_section):
        found.append((None, _label("", auth_section)))
    for name, value in auth_section.items():
        if isinstance(value, Mapping) and _PROVIDER_KEYS & set(value):
            found.append((str(name), _label(str(name), value)))
    return found


def provider_label(auth_section: Mapping | None, provider: object) -> str:
    """The label of the provider a user logged in with (``st.user.provider``)."""
    wanted = None if provider in (None, "", "default") else str(provider)
    return dict(providers(auth_section)).get(wanted, "your identity provider")


def _verified(value: object) -> bool:
    return value is True or str(value).strip().lower() == "true"


def _issued_at(claims: Mapping) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(float(claims["iat"]), dt.UTC)
    except (KeyError, TypeError, ValueError, OverflowError, OSError):
        return None


def staff_account(db: Database, claims: Mapping, *, now: dt.datetime | None = None) -> str:
    """The enabled account named by a provider login's verified email; else OidcRefused.

    ``claims`` is what ``st.user`` holds (the ID token's claims plus ``is_logged_in``).
    Refused: not logged in, no email, ``email_verified`` sent and not true, no account with
    that name (lower-case) or a disabled one. OidcLoginStale when the login was issued more
    than :data:`FRESH` ago (or says not when).
    """
    if claims.get("is_logged_in") is not True:
        raise OidcRefused("you are not logged in with an identity provider")
    email = str(claims.get("email") or "").strip()
    if not email:
        raise OidcRefused("the identity provider sent no email address")
    if "email_verified" in claims and not _verified(claims["email_verified"]):
        raise OidcRefused(f"the identity provider has not verified the email address {email}")
    try:
        name = auth.normalise_username(email)
        if "@" not in name:  # a local account's short name is not an email address
            raise ValidationError("email", "is not an email address")
    except ValidationError:
        raise OidcRefused(f"there is no enabled staff account for {email}") from None
    row = db.execute("select disabled from users where username = ?", [name]).fetchone()
    if row is None or row[0]:
        raise OidcRefused(f"there is no enabled staff account for {email}")
    issued = _issued_at(claims)
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    if issued is None or not moment - FRESH <= issued <= moment + dt.timedelta(minutes=2):
        raise OidcLoginStale("your identity-provider login is too old to start a staff session")
    return name
