"""The view carried in a link: parse, validate and encode the address's query parameters.

Names (stated once here; the README lists them): ``date``, ``group``, ``lang`` are shared by
every page; ``view`` (map), ``set`` and ``order`` (matrix), ``iso3`` (profile) and ``code``
(instrument page) belong to one page. A bad value never raises out of :func:`parse`: it is
dropped (the page shows its default) with a short notice naming the parameter. Every value is
bounded in length before it is looked at, and each check is linear in it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from tracker.errors import ValidationError
from tracker.i18n import LANGUAGES
from tracker.instruments import INSTRUMENT_SETS
from tracker.schema import GROUPS

# Parameter → what it holds (README "Sharing a view" lists the same).
PARAMS: dict[str, str] = {
    "date": "as-of date, YYYY-MM-DD (omitted = today)",
    "group": "group of states: " + "|".join(GROUPS),
    "lang": "language of country names: " + "|".join(LANGUAGES),
    "view": "map view: gaps (core five) or an instrument code",
    "set": "matrix instruments: " + "|".join(INSTRUMENT_SETS),
    "order": "matrix order: gaps|name",
    "iso3": "country profile: ISO 3166-1 alpha-3 code of a tracked state",
    "code": "instrument page: instrument code",
}
SHARED = ("date", "group", "lang")
PAGE_PARAMS: dict[str, tuple[str, ...]] = {
    "map": ("view",),
    "matrix": ("set", "order"),
    "country": ("iso3",),
    "instrument": ("code",),
}
ORDERS = ("gaps", "name")
GAPS_VIEW = "gaps"
EARLIEST = dt.date(1945, 1, 1)
MAX_VALUE = 32  # longer values are refused before they are read
# Short language codes accepted in links for the catalogue names (zh → zh_CN).
LANG_ALIASES = {"zh": "zh_CN"}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SHOWN = re.compile(r"[^A-Za-z0-9_.:-]")


@dataclass(frozen=True)
class Choices:
    """What a link may name: today's date, the instrument codes and the tracked states."""

    today: dt.date
    instruments: Collection[str] = ()
    states: Collection[str] = ()


@dataclass
class View:
    """Parsed parameters (only the valid ones) and a notice per refused one."""

    values: dict[str, object] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)


def shown(raw: str) -> str:
    """A refused value made safe to echo in a notice (at most 20 safe characters)."""
    text = _SHOWN.sub("?", raw[:20])
    return text + ("…" if len(raw) > 20 else "")


def parse_value(name: str, raw: str, *, choices: Choices) -> object:
    """One parameter's value; raises :class:`ValidationError` naming it when it is not valid."""
    if name not in PARAMS:
        raise ValidationError(name, f"unknown parameter {name!r}")
    text = raw.strip()
    if not text or len(text) > MAX_VALUE:
        raise ValidationError(name, "empty or too long")
    if name == "date":
        return _date(text, choices.today)
    if name == "group":
        key = text.upper()
        if key not in GROUPS:
            raise ValidationError(name, "unknown group")
        return key
    if name == "lang":
        lang = LANG_ALIASES.get(text, text)
        if lang not in LANGUAGES:
            raise ValidationError(name, "unknown language")
        return lang
    if name == "set":
        if text.lower() not in INSTRUMENT_SETS:
            raise ValidationError(name, "unknown instrument set")
        return text.lower()
    if name == "order":
        if text.lower() not in ORDERS:
            raise ValidationError(name, "unknown order")
        return text.lower()
    if name == "iso3":
        if text.upper() not in choices.states:
            raise ValidationError(name, "not a tracked state")
        return text.upper()
    if name == "view" and text.lower() == GAPS_VIEW:
        return GAPS_VIEW
    if text.upper() not in choices.instruments:  # view (one instrument) or code
        raise ValidationError(name, "unknown instrument")
    return text.upper()


def _date(text: str, today: dt.date) -> dt.date:
    if not _DATE.fullmatch(text):
        raise ValidationError("date", "not a YYYY-MM-DD date")
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError("date", "no such day") from None
    if not EARLIEST <= day <= today:
        raise ValidationError("date", f"outside {EARLIEST} to today")
    return day


def parse(params: Mapping[str, str], *, choices: Choices, names: Collection[str]) -> View:
    """The valid values among ``names`` in ``params``; a notice for each refused value."""
    view = View()
    for name in names:
        raw = params.get(name)
        if raw is None:
            continue
        try:
            view.values[name] = parse_value(name, str(raw)[: MAX_VALUE + 1], choices=choices)
        except ValidationError as error:
            view.notices.append(
                f"Ignored {name}={shown(str(raw))} in the link ({error.message}); "
                "showing the default."
            )
    return view


def encode(name: str, value: object, *, today: dt.date) -> str | None:
    """The address text for a value, or None when it is the default (left out of the link)."""
    if value is None or value == "":
        return None
    if name == "date":
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        return None if day == today else day.isoformat()
    if name == "lang":
        if value == "en":
            return None
        return next((short for short, full in LANG_ALIASES.items() if full == value), str(value))
    if (name, value) in {("view", GAPS_VIEW), ("set", "core"), ("order", "gaps")}:
        return None
    return str(value)


def page_names(page: str) -> tuple[str, ...]:
    """The parameters a page reads and writes: the shared ones plus its own."""
    return SHARED + PAGE_PARAMS.get(page, ())
