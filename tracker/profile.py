"""Country and instrument profiles: what a campaigner reads behind a cell."""

from __future__ import annotations

import datetime as dt

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


def country(db: Database, iso3: str, *, as_of: dt.date | None = None) -> dict:
    """The ``countries`` row of a tracked state, its groups (on ``as_of``) and profile in words."""
    code = require_tracked(iso3)
    row = db["countries"].get(code)
    row["groups"] = [
        GROUPS[g].label for g in REGIONAL_GROUPS if code in group_members(db, g, as_of=as_of)
    ]
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


def peers_ahead(
    db: Database, cells: pd.DataFrame, iso3: str, *, as_of: dt.date | None = None
) -> pd.DataFrame:
    """Peers in the state's regional groups (on ``as_of``) party to what it has not ratified."""
    code = require_tracked(iso3)
    gaps = set(cells[(cells["iso3"] == code) & cells["gap"]]["instrument"])
    rows = []
    for g in REGIONAL_GROUPS:
        members = set(group_members(db, g, as_of=as_of))
        if code not in members:
            continue
        members -= {code}
        ahead = cells[
            cells["iso3"].isin(members)
            & cells["instrument"].isin(gaps)
            & (cells["status"] == Status.PARTY.value)
        ]
        for instrument, part in ahead.groupby("instrument", sort=False):
            rows.append(
                {
                    "group": GROUPS[g].label,
                    "instrument": instrument,
                    "peers that are party": ", ".join(sorted(part["country"])),
                    "count": len(part),
                    "of": len(members),
                }
            )
    return pd.DataFrame(
        rows, columns=["group", "instrument", "peers that are party", "count", "of"]
    )


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
