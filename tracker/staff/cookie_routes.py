"""HTTP routes served beside the dashboard (``serve.py``): the HttpOnly staff-session cookie.

``POST /staff/session`` redeems a login's one-time handoff (:mod:`tracker.staff.handoff`) and
sets the session cookie HttpOnly, SameSite=Strict, Secure over https; ``POST /staff/logout``
ends the cookie's server-side session and clears it. Both answer only same-origin requests
(the ``Origin`` header must name this host) and read at most a small form body.
"""

from __future__ import annotations

import os
from urllib.parse import parse_qs, urlparse

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from tracker.db import connect
from tracker.staff import sessions
from tracker.staff.handoff import HANDOFFS, client_address

START_PATH = "/staff/session"
END_PATH = "/staff/logout"
# Set by serve.py in the server process: the page script then hands logins to the cookie route.
ENV_FLAG = "RGT_COOKIE_ROUTES"
_MAX_BODY = 1024


def enabled() -> bool:
    """True in a server started from ``serve.py`` (the cookie routes exist)."""
    return os.environ.get(ENV_FLAG) == "1"


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin", "")
    host = request.headers.get("x-forwarded-host") or request.headers.get("host", "")
    return bool(origin and host) and urlparse(origin).netloc == host


def _secure(request: Request) -> bool:
    forwarded = request.headers.get("x-forwarded-proto", "")
    return request.url.scheme == "https" or forwarded.split(",")[0].strip() == "https"


def _client(request: Request) -> str:
    return client_address(request.client.host if request.client else "")


async def _form_field(request: Request, name: str) -> str:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > _MAX_BODY:
            return ""
    values = parse_qs(body.decode("utf-8", "replace"), max_num_fields=4).get(name, [""])
    return values[0]


async def start_session(request: Request) -> Response:
    """Set the HttpOnly session cookie for a live handoff nonce; 403 otherwise."""
    if not _same_origin(request):
        return PlainTextResponse("refused: not from this site", status_code=403)
    nonce = await _form_field(request, "handoff")
    cookie = HANDOFFS.redeem(nonce, client=_client(request))
    if cookie is None:
        return PlainTextResponse("refused: unknown or expired login handoff", status_code=403)
    response = Response(status_code=204)
    response.set_cookie(
        sessions.COOKIE,
        cookie,
        max_age=int(sessions.LIFETIME.total_seconds()),
        path="/",
        httponly=True,
        samesite="strict",
        secure=_secure(request),
    )
    return response


def end_session(request: Request) -> Response:
    """End the cookie's server-side session (if any) and clear the cookie."""
    if not _same_origin(request):
        return PlainTextResponse("refused: not from this site", status_code=403)
    sessions.end(connect(), request.cookies.get(sessions.COOKIE))
    response = Response(status_code=204)
    response.delete_cookie(
        sessions.COOKIE, path="/", httponly=True, samesite="strict", secure=_secure(request)
    )
    return response


def cookie_routes() -> list[Route]:
    """The routes ``serve.py`` adds to Streamlit's own."""
    return [
        Route(START_PATH, start_session, methods=["POST"]),
        Route(END_PATH, end_session, methods=["POST"]),
    ]
