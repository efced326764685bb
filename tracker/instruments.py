"""Instrument metadata and the instrument sets the UI offers."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlite_utils import Database

from tracker.errors import UnknownInstrument

CORE = ("ICRMW", "C097", "C143", "C181", "CEDAW")

INSTRUMENT_SETS: dict[str, str] = {
    "core": "Core five (ICRMW, C097, C143, C181, CEDAW)",
    "migrant": "All migrant-relevant",
    "all": "Everything",
}


def list_instruments(db: Database) -> list[dict]:
    """All instruments, in display order."""
    return list(db["instruments"].rows_where(order_by="sort_order"))


def instrument(db: Database, code: str) -> dict:
    """One instrument's metadata; raises :class:`UnknownInstrument`."""
    key = code.strip().upper()
    rows = list(db["instruments"].rows_where("code = ?", [key]))
    if not rows:
        raise UnknownInstrument(f"unknown instrument {code!r}")
    return rows[0]


def instrument_set(db: Database, name: str) -> list[str]:
    """Codes in a named set: ``core``, ``migrant`` (migrant-relevant) or ``all``."""
    if name == "core":
        where = "core = 1"
    elif name == "migrant":
        where = "migrant_relevant = 1"
    elif name == "all":
        where = "1 = 1"
    else:
        raise UnknownInstrument(
            f"unknown instrument set {name!r}; known: {', '.join(INSTRUMENT_SETS)}"
        )
    return [r["code"] for r in db["instruments"].rows_where(where, order_by="sort_order")]


def resolve_codes(db: Database, codes: str | Iterable[str] | None) -> list[str]:
    """Turn ``"ICRMW,C097"``, a set name, or a list of codes into validated codes.

    ``None`` means every instrument. Raises :class:`UnknownInstrument` naming the bad code.
    """
    if codes is None:
        return instrument_set(db, "all")
    if isinstance(codes, str):
        if codes.strip().lower() in INSTRUMENT_SETS:
            return instrument_set(db, codes.strip().lower())
        codes = [c for c in codes.split(",") if c.strip()]
    known = {r["code"] for r in db["instruments"].rows}
    wanted = [c.strip().upper() for c in codes]
    bad = [c for c in wanted if c not in known]
    if bad:
        raise UnknownInstrument(f"unknown instrument code(s): {', '.join(bad)}")
    order = {code: i for i, code in enumerate(instrument_set(db, "all"))}
    return sorted(dict.fromkeys(wanted), key=order.__getitem__)


# Names read better than the stored short titles for these (UN short titles are abbreviations).
NAME_OVERRIDES: dict[str, str] = {
    "TIP2000": "Trafficking in Persons Protocol",
    "SOM2000": "Smuggling of Migrants Protocol",
    "REFUGEE1951": "Refugee Convention, 1951",
    "PROTOCOL1967": "Refugee Protocol, 1967",
    "P029": "Protocol of 2014 to the Forced Labour Convention",
}
_ILO_TITLE = re.compile(r"(?P<name>.+?) Convention(?P<rest>[^,]*), (?P<year>\d{4}) \(No\. \d+\)")


def display_name(code: str, *, short_title: str, full_title: str) -> str:
    """Code and name as a person reads them: "C097 Migration for Employment (Revised), 1949"."""
    if code in NAME_OVERRIDES:
        return f"{code} {NAME_OVERRIDES[code]}"
    ilo = _ILO_TITLE.fullmatch(full_title)
    if ilo:
        return f"{code} {ilo['name']}{ilo['rest']}, {ilo['year']}"
    name = full_title if short_title == code else short_title
    return f"{code} {name}"


def display_names(db: Database) -> dict[str, str]:
    """Instrument code → :func:`display_name`, for every stored instrument."""
    return {
        r["code"]: display_name(r["code"], short_title=r["short_title"], full_title=r["full_title"])
        for r in db["instruments"].rows
    }
