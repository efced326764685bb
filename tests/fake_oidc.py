"""A tiny OpenID Connect provider on a loopback port, for the st.login browser tests.

Discovery document, an authorize endpoint that redirects straight back with a code and the
state, a token endpoint (client secret and PKCE checked) returning an RS256-signed ID token
with the nonce, and the JWKS. :attr:`FakeProvider.email` is whom the next login is for.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID = "gap-tracker"
CLIENT_SECRET = "fake-provider-client-secret"


class FakeProvider:
    """State of the fake provider: its key, the pending codes, whom it logs in."""

    def __init__(self, issuer: str) -> None:
        self.issuer = issuer
        self.email = "alice@example.org"
        self.email_verified = True
        self.key = RSAKey.generate_key(2048, parameters={"kid": "k1", "use": "sig"}, private=True)
        self.codes: dict[str, dict] = {}
        self.tokens_issued = 0

    def metadata(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        }

    def id_token(self, nonce: str) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": hashlib.sha256(self.email.encode()).hexdigest()[:16],
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 600,
            "nonce": nonce,
            "email": self.email,
            "email_verified": self.email_verified,
            "name": self.email.split("@")[0].title(),
        }
        return jwt.encode({"alg": "RS256", "kid": "k1"}, claims, self.key)


def _handler(provider: FakeProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet
            pass

        def _json(self, body: dict, status: int = 200) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration":
                self._json(provider.metadata())
            elif url.path == "/jwks":
                self._json({"keys": [provider.key.as_dict(private=False)]})
            elif url.path == "/authorize" and query.get("client_id") == CLIENT_ID:
                code = secrets.token_urlsafe(16)
                provider.codes[code] = query
                back = {"code": code, "state": query.get("state", "")}
                self.send_response(302)
                self.send_header("Location", f"{query['redirect_uri']}?{urlencode(back)}")
                self.end_headers()
            else:
                self._json({"error": "not_found"}, 404)

        def do_POST(self) -> None:
            length = min(int(self.headers.get("Content-Length") or 0), 8192)
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            basic = self.headers.get("Authorization", "").removeprefix("Basic ")
            user, _, password = base64.b64decode(basic or b"").decode().partition(":")
            posted = (form.get("client_id"), form.get("client_secret"))
            client = (user, password) if basic else posted
            asked = provider.codes.pop(form.get("code", ""), None)
            challenge = base64.urlsafe_b64encode(
                hashlib.sha256(form.get("code_verifier", "").encode()).digest()
            ).rstrip(b"=")
            if (
                urlparse(self.path).path != "/token"
                or client != (CLIENT_ID, CLIENT_SECRET)
                or asked is None
                or asked.get("redirect_uri") != form.get("redirect_uri")
                or asked.get("code_challenge", "").encode() != challenge
            ):
                self._json({"error": "invalid_grant"}, 400)
                return
            provider.tokens_issued += 1
            self._json(
                {
                    "access_token": secrets.token_urlsafe(16),
                    "token_type": "Bearer",
                    "expires_in": 600,
                    "id_token": provider.id_token(asked.get("nonce", "")),
                }
            )

    return Handler


@contextmanager
def fake_provider():
    """Serve a :class:`FakeProvider` on a free loopback port; yield it; stop it afterwards."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    provider = FakeProvider(f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(provider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
