"""Rules every status cell must satisfy; shared by the integrity check, edits and imports."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from urllib.parse import urlparse

from tracker.dates import PartialDate, parse_partial
from tracker.errors import ValidationError
from tracker.evidence import Evidence
from tracker.schema import DATE_FIELDS
from tracker.status import (
    ALLOWED_CONSENT_KINDS,
    ALLOWED_STATUSES,
    Body,
    ConsentKind,
    Status,
)


def parse_date(field: str, value: object) -> dt.date | None:
    """Parse an ISO ``YYYY-MM-DD`` date; empty means unknown. Raises ValidationError."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(field, f"{text!r} is not a date in the form YYYY-MM-DD") from None


def parse_partial_date(field: str, value: object) -> PartialDate | None:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (empty = unknown). Raises ValidationError."""
    try:
        return parse_partial(value)
    except ValueError:
        text = str(value).strip()[:40]
        raise ValidationError(
            field, f"{text!r} is not a date in the form YYYY-MM-DD (or YYYY-MM, YYYY)"
        ) from None


URL_MAX = 2000
# Characters never allowed in a URL we store: they could close an attribute or open markup.
URL_FORBIDDEN = frozenset("<>\"'`\\{}|^")
# Bidirectional overrides reorder what a reader sees (they are format, not control, characters).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc" or char in BIDI_CONTROLS


def check_text(field: str, value: object, *, multiline: bool = False) -> str:
    """``value`` as text; ValidationError if it holds a control character.

    Control characters (NUL, BEL, ESC, DEL, C1, tab, CR, …) and bidirectional overrides are
    refused; ``multiline`` text (notes) may hold newlines (a CRLF becomes LF).
    """
    text = "" if value is None else str(value)
    if multiline:
        text = text.replace("\r\n", "\n")
    for char in text:
        if _is_control(char) and not (multiline and char == "\n"):
            raise ValidationError(
                field, f"contains the control character U+{ord(char):04X}; remove it"
            )
    return text


def check_url(field: str, value: object) -> str:
    """Return the URL if it is an absolute http(s) URL, else raise ValidationError.

    Refused: other schemes, no host, spaces, control characters, ``< > " ' `` and other
    characters that are not valid unescaped in a URL, and more than URL_MAX characters.
    """
    text = "" if value is None else str(value).strip()
    if not text:
        raise ValidationError(field, "a source URL is required")
    if len(text) > URL_MAX:
        raise ValidationError(field, f"is longer than {URL_MAX} characters")
    shown = text[:80].encode("unicode_escape").decode("ascii")
    if any(c.isspace() or _is_control(c) or c in URL_FORBIDDEN for c in text):
        raise ValidationError(
            field, f"{shown!r} is not an http(s) URL (spaces, quotes, <, > are not allowed)"
        )
    try:
        parsed = urlparse(text)
        host = parsed.hostname
    except ValueError:
        raise ValidationError(field, f"{shown!r} is not an http(s) URL") from None
    if parsed.scheme not in ("http", "https") or not parsed.netloc or not host:
        raise ValidationError(field, f"{shown!r} is not an http(s) URL")
    return text


def cell_problems(
    cell: Mapping[str, object], *, body: Body | str, today: dt.date | None = None
) -> list[ValidationError]:
    """Every rule the cell breaks (empty list when it is valid).

    Rules: known status allowed for the body (no ILO signatory); consent kind allowed for the
    body; dates parse and are not in the future (an ILO in-force date may be, up to 12 months
    after registration); consent not before signature; denunciation not before consent;
    a party has no denunciation date; http(s) source URL; checked-on date present.
    """
    today = today or dt.date.today()
    body = Body(body)
    problems: list[ValidationError] = []

    try:
        status = Status(str(cell.get("status")))
    except ValueError:
        problems.append(
            ValidationError("status", f"{cell.get('status')!r} is not one of {', '.join(Status)}")
        )
        status = None
    if status is not None and status not in ALLOWED_STATUSES[body]:
        problems.append(
            ValidationError(
                "status",
                f"{status} is not allowed for {body} instruments"
                " (ILO conventions have no signature stage)",
            )
        )

    kind = cell.get("consent_kind") or None
    if kind is not None:
        try:
            if ConsentKind(str(kind)) not in ALLOWED_CONSENT_KINDS[body]:
                problems.append(
                    ValidationError(
                        "consent_kind", f"{kind} is not possible for {body} instruments"
                    )
                )
        except ValueError:
            problems.append(
                ValidationError("consent_kind", f"{kind!r} is not one of {', '.join(ConsentKind)}")
            )

    dates: dict[str, PartialDate | None] = {}
    for field in DATE_FIELDS:
        try:
            dates[field] = parse_partial_date(field, cell.get(field))
        except ValidationError as err:
            problems.append(err)
            dates[field] = None
    try:
        checked = parse_date("checked_on", cell.get("checked_on"))
        dates["checked_on"] = (
            PartialDate(checked.isoformat(), checked, checked) if checked else None
        )
    except ValidationError as err:
        problems.append(err)
        dates["checked_on"] = None
    for field in ("signature_date", "consent_date", "denunciation_date", "checked_on"):
        day = dates[field]
        if day is not None and day.first > today:
            problems.append(ValidationError(field, f"{day.text} is in the future"))
    unchecked = str(cell.get("evidence") or "") == Evidence.NONE.value
    if (
        dates["checked_on"] is None
        and not unchecked
        and "checked_on" not in {p.field for p in problems}
    ):
        problems.append(ValidationError("checked_on", "a checked-on date is required"))
    try:
        Evidence(str(cell.get("evidence") or Evidence.NONE.value))
    except ValueError:
        problems.append(
            ValidationError(
                "evidence", f"{cell.get('evidence')!r} is not one of {', '.join(Evidence)}"
            )
        )

    signature, consent, denunciation = (
        dates["signature_date"],
        dates["consent_date"],
        dates["denunciation_date"],
    )
    if body is Body.ILO and signature is not None:
        problems.append(ValidationError("signature_date", "ILO conventions have no signature"))
    if signature and consent and consent.last < signature.first:
        problems.append(
            ValidationError(
                "consent_date", f"{consent.text} is before the signature date {signature.text}"
            )
        )
    if denunciation and consent and denunciation.last <= consent.first:
        problems.append(
            ValidationError(
                "denunciation_date",
                f"{denunciation.text} is not after the consent date {consent.text}",
            )
        )
    if status in (Status.PARTY, Status.SIGNATORY, Status.NONE) and denunciation is not None:
        problems.append(
            ValidationError("denunciation_date", f"a {status} cannot have a denunciation date")
        )
    if status is Status.NONE and (consent or signature):
        problems.append(ValidationError("status", "'none' cannot have signature or consent dates"))
    if status is Status.SIGNATORY and consent is not None:
        problems.append(
            ValidationError("consent_date", "a signatory has no consent date (use 'party')")
        )

    try:
        check_url("source_url", cell.get("source_url"))
    except ValidationError as err:
        problems.append(err)
    return problems
