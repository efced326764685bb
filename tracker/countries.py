"""Country identity (ISO 3166-1 alpha-3), display names, groups and migration profile."""

from __future__ import annotations

import csv
import unicodedata
from functools import cache

import pycountry
from sqlite_utils import Database

from tracker.config import DATA_DIR
from tracker.errors import UnknownCountry, UnknownGroup
from tracker.schema import GROUPS, Group

# A state is a destination when its immigrant stock is at least this many times its emigrant
# stock, an origin when the reverse holds, and both otherwise (UN DESA stocks, 2020).
PROFILE_RATIO = 2.0


def migration_profile(migrant_stock: int | None, emigrant_stock: int | None) -> str | None:
    """Classify a state as ``origin``, ``destination`` or ``both`` from its migrant stocks."""
    if not migrant_stock or not emigrant_stock:
        return None
    if migrant_stock >= PROFILE_RATIO * emigrant_stock:
        return "destination"
    if emigrant_stock >= PROFILE_RATIO * migrant_stock:
        return "origin"
    return "both"


def group(name: str) -> Group:
    """Look up a group by name (case-insensitive; label accepted too)."""
    key = name.strip().upper().replace(" ", "_").replace("-", "_")
    if key in GROUPS:
        return GROUPS[key]
    for g in GROUPS.values():
        if g.label.lower() == name.strip().lower():
            return g
    raise UnknownGroup(f"unknown group {name!r}; known: {', '.join(GROUPS)}")


def group_members(db: Database, name: str) -> list[str]:
    """ISO3 codes of the states in a group, sorted."""
    g = group(name)
    rows = db.execute(
        f"select iso3 from countries where [{g.column}] = ? order by iso3", [g.value]
    ).fetchall()
    return [r[0] for r in rows]


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).strip().casefold()
    return " ".join(text.replace("\u2019", "'").split())


@cache
def _aliases() -> dict[str, str]:
    with open(DATA_DIR / "country_aliases.csv", newline="", encoding="utf-8") as f:
        return {_fold(row["alias"]): row["iso3"] for row in csv.DictReader(f)}


@cache
def tracked_iso3() -> frozenset[str]:
    """The 51 tracked entities, from the committed override file."""
    with open(DATA_DIR / "country_overrides.csv", newline="", encoding="utf-8") as f:
        return frozenset(row["iso3"] for row in csv.DictReader(f))


@cache
def display_names() -> dict[str, str]:
    """ISO3 → display name used in the UI ("Burma/Myanmar", "Hong Kong SAR", …)."""
    with open(DATA_DIR / "country_overrides.csv", newline="", encoding="utf-8") as f:
        return {row["iso3"]: row["display_name"] for row in csv.DictReader(f)}


def to_iso3(name: str) -> str:
    """Resolve a country name (depositary spelling, ISO name or code) to ISO3; never guesses.

    Raises :class:`UnknownCountry` when the name is not an exact alias, ISO name or code.
    """
    folded = _fold(name)
    if not folded:
        raise UnknownCountry("empty country name")
    aliases = _aliases()
    if folded in aliases:
        return aliases[folded]
    if len(folded) == 3 and folded.upper() in tracked_iso3():
        return folded.upper()
    code = _iso_names().get(folded)
    if code is None:
        raise UnknownCountry(f"unknown country name {name!r}")
    return code


@cache
def _iso_names() -> dict[str, str]:
    """Folded ISO name → code; short names win over official, official over common names."""
    index: dict[str, str] = {}
    for attr in ("name", "official_name", "common_name"):
        for c in pycountry.countries:
            value = getattr(c, attr, None)
            if value:
                index.setdefault(_fold(value), c.alpha_3)
    return index


def iso_name(iso3: str) -> str:
    """The ISO 3166 short name for a code ("Korea, Republic of")."""
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        raise UnknownCountry(f"unknown ISO3 code {iso3!r}")
    return country.name


def require_tracked(iso3: str) -> str:
    """Return the upper-cased code if it is one of the tracked entities, else raise."""
    code = iso3.strip().upper()
    if code not in tracked_iso3():
        raise UnknownCountry(f"{iso3!r} is not one of the {len(tracked_iso3())} tracked states")
    return code
