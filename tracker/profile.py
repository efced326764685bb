"""Country and instrument profiles: what a campaigner reads behind a cell."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd
from sqlite_utils import Database

from tracker.countries import GROUPS, group_members, require_tracked
from tracker.evidence import evidence_words
from tracker.gaps import ask
from tracker.schema import REGIONAL_GROUPS
from tracker.status import STATUS_LABELS, Status

PROFILE_LABELS = {
    "origin": "Mainly a country of origin",
    "destination": "Mainly a country of destination",
    "both": "Both a country of origin and of destination",
}


def group_sets(db: Database, *, as_of: dt.date | None = None) -> dict[str, frozenset[str]]:
    """Members (ISO3) of every regional grouping on ``as_of``: one query per group, reusable."""
    return {g: frozenset(group_members(db, g, as_of=as_of)) for g in REGIONAL_GROUPS}


def country(
    db: Database,
    iso3: str,
    *,
    as_of: dt.date | None = None,
    groups: Mapping[str, frozenset[str]] | None = None,
) -> dict:
    """The ``countries`` row of a tracked state, its groups (on ``as_of``) and profile in words.

    ``groups`` (from :func:`group_sets` for the same date) saves the membership queries.
    """
    code = require_tracked(iso3)
    row = db["countries"].get(code)
    members = groups if groups is not None else group_sets(db, as_of=as_of)
    row["groups"] = [GROUPS[g].label for g in REGIONAL_GROUPS if code in members[g]]
    row["profile_label"] = PROFILE_LABELS.get(
        row.get("migration_profile") or "", "Migration profile not reported (no UN DESA data)"
    )
    return row


def instrument_table(cells: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """One row per instrument for a state: status in words, dates, source, evidence in words."""
    mine = cells[cells["iso3"] == iso3].sort_values("sort_order")
    return pd.DataFrame(
        {
            "instrument": mine["instrument"],
            "title": mine["short_title"],
            "status": [STATUS_LABELS[Status(s)] for s in mine["status"]],
            "signed": mine["signature_date"].fillna(""),
            "ratified / acceded": mine["consent_date"].fillna(""),
            "how": mine["consent_kind"].fillna(""),
            "in force": mine["in_force_date"].fillna(""),
            "denounced": mine["denunciation_date"].fillna(""),
            "source": mine["source_url"],
            "source date": mine["source_date"].fillna(""),
            "checked on": mine["checked_on"].fillna(""),
            "evidence": [evidence_words(e) for e in mine["evidence"]],
            "verified": mine["verified"],
            "note": mine["note"].fillna(""),
        }
    ).reset_index(drop=True)


def asks(cells: pd.DataFrame, iso3: str) -> list[str]:
    """The state's gaps phrased as asks, core instruments first."""
    mine = cells[(cells["iso3"] == iso3) & cells["gap"]].sort_values("sort_order")
    return [ask(r) for r in mine.to_dict("records")]


def asks_by_state(cells: pd.DataFrame) -> dict[str, list[str]]:
    """:func:`asks` of every state in ``cells`` at once (ISO3 → asks; no gap, no key)."""
    gaps = cells[cells["gap"]].sort_values("sort_order", kind="stable")
    out: dict[str, list[str]] = {}
    for r in gaps.to_dict("records"):
        out.setdefault(r["iso3"], []).append(ask(r))
    return out


PEER_COLUMNS = ["group", "instrument", "peers that are party", "count", "of"]


class Peers:
    """Peers ahead of every state of one ``cells`` frame: memberships and parties read once."""

    def __init__(
        self,
        db: Database,
        cells: pd.DataFrame,
        *,
        as_of: dt.date | None = None,
        groups: Mapping[str, frozenset[str]] | None = None,
    ) -> None:
        self.groups = groups if groups is not None else group_sets(db, as_of=as_of)
        gap = cells[cells["gap"]]
        self.gaps: dict[str, set[str]] = {}
        for code, instrument in zip(gap["iso3"], gap["instrument"], strict=True):
            self.gaps.setdefault(code, set()).add(instrument)
        party = cells[cells["status"] == Status.PARTY.value]
        self.party = list(zip(party["iso3"], party["instrument"], party["country"], strict=True))

    def ahead(self, iso3: str) -> pd.DataFrame:
        """Peers in the state's regional groups party to what it has not ratified."""
        code = require_tracked(iso3)
        gaps = self.gaps.get(code, set())
        rows = []
        for g in REGIONAL_GROUPS:
            members = self.groups[g]
            if code not in members:
                continue
            members = members - {code}
            found: dict[str, list[str]] = {}  # instrument → countries, in order of first row
            for state, instrument, name in self.party:
                if state in members and instrument in gaps:
                    found.setdefault(instrument, []).append(name)
            rows += [
                {
                    "group": GROUPS[g].label,
                    "instrument": instrument,
                    "peers that are party": ", ".join(sorted(names)),
                    "count": len(names),
                    "of": len(members),
                }
                for instrument, names in found.items()
            ]
        return pd.DataFrame(rows, columns=PEER_COLUMNS)


def peers_ahead(
    db: Database, cells: pd.DataFrame, iso3: str, *, as_of: dt.date | None = None
) -> pd.DataFrame:
    """Peers in the state's regional groups (on ``as_of``) party to what it has not ratified.

    For many states of one frame, build one :class:`Peers` and call ``ahead`` for each.
    """
    require_tracked(iso3)
    return Peers(db, cells, as_of=as_of).ahead(iso3)


def instrument_parties(cells: pd.DataFrame, code: str) -> pd.DataFrame:
    """Asian states by status for one instrument, parties first with their dates."""
    mine = cells[cells["instrument"] == code].copy()
    order = {s.value: i for i, s in enumerate(Status)}
    mine["rank"] = mine["status"].map(order)
    mine = mine.sort_values(["rank", "consent_date", "country"])
    return pd.DataFrame(
        {
            "state": mine["country"],
            "status": [STATUS_LABELS[Status(s)] for s in mine["status"]],
            "signed": mine["signature_date"].fillna(""),
            "ratified / acceded": mine["consent_date"].fillna(""),
            "how": mine["consent_kind"].fillna(""),
            "in force": mine["in_force_date"].fillna(""),
            "source": mine["source_url"],
            "evidence": [evidence_words(e) for e in mine["evidence"]],
            "verified": mine["verified"],
        }
    ).reset_index(drop=True)
