"""Campaign targets: a transparent score ranking the states that have not joined an instrument.

Only states with a gap for the instrument (``signatory``, ``none`` or ``denounced`` on the as-of
date) are candidates; parties, territories and states that cannot join are left out. Each
candidate gets five factors, each between 0 and 1:

``signed``
    1 if the state has signed the instrument (UN treaties only: ILO conventions have no
    signature stage, so this factor is 0 for every ILO candidate), else 0.
``related``
    Share of the instrument's related instruments (:data:`RELATED`) that bind the state
    (``party``, or ``territory`` when they apply through another state). Instruments a state
    cannot join still count in the denominator: one ratification out of one possible is weaker
    evidence than five out of five.
``peers``
    Share of the state's peers in the regional processes (:data:`PEER_GROUPS`: ASEAN, SAARC, GCC,
    Colombo Process, Abu Dhabi Dialogue) that are party to the instrument. Peers are the distinct
    other members of every process the state belongs to; 0 for a state in none.
``size``
    Weight of the migration at stake: the migrant stock for destinations, the emigrant stock for
    origins, the larger of the two for "both" (UN DESA 2020). Log-scaled:
    ``log10(stock / SIZE_FLOOR) / log10(largest / SIZE_FLOOR)``, clipped to 0..1, where
    *largest* is the largest stock among all candidates for the instrument (not just the group
    shown, so a state's score does not change with the view). 0 when the stock is unknown.
``core_gaps``
    Share of the other four core instruments (:data:`tracker.instruments.CORE`) that are gaps
    for the state (``signatory``, ``none``, ``denounced``; ``not_eligible`` is not a gap).
    **More gaps score higher** ("more to gain"): ``related`` already rewards states that are
    close to full ratification, so rewarding few gaps again would count the same evidence
    twice; this factor instead measures, like ``size``, what an engagement can win.
``corridor``
    Migrants the state hosts from tracked origins that are bound by the instrument (``party``
    or ``territory`` on the as-of date): UN DESA bilateral stock for the latest DESA year on or
    before the date (:mod:`tracker.corridors`), log-scaled like ``size`` against the largest
    such stock among the candidates. A destination whose migrants' own governments already
    ratified scores higher ("your workers' governments ratified"). 0 when none (Taiwan: no data).

The score is the weighted mean ``sum(weight * factor) / sum(weights)``, between 0 and 1, with
:data:`DEFAULT_WEIGHTS` unless other weights are given. No other input enters the score.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Mapping

import pandas as pd
from sqlite_utils import Database

from tracker.corridors import data as corridor_data
from tracker.corridors import desa_year
from tracker.countries import GROUPS, group_members
from tracker.dates import human
from tracker.errors import ValidationError
from tracker.exports.cells import safe_frame
from tracker.instruments import CORE, instrument
from tracker.matrix import cells
from tracker.schema import PEER_GROUPS
from tracker.status import GAP_STATUSES

FACTORS = ("signed", "related", "peers", "size", "core_gaps", "corridor")

# Signed is the strongest signal: the state has already committed in principle.
DEFAULT_WEIGHTS: dict[str, float] = {
    "signed": 3.0,
    "related": 2.0,
    "peers": 1.5,
    "size": 1.0,
    "core_gaps": 0.5,
    "corridor": 1.0,
}

FACTOR_HELP: dict[str, str] = {
    "signed": "1 if the state signed the instrument but has not ratified it",
    "related": "share of related instruments the state is bound by",
    "peers": "share of its ASEAN/SAARC/GCC/Colombo/Abu Dhabi peers that are party",
    "size": "migrant stock (destinations) or emigrant stock (origins), log-scaled",
    "core_gaps": "share of the other core instruments still gaps (more to gain)",
    "corridor": "migrants it hosts from origins bound by the instrument, log-scaled",
}

# Related instruments per core instrument: those whose ratification shows a state is ready.
RELATED: dict[str, tuple[str, ...]] = {
    "ICRMW": ("C097", "C143", "C181", "C189", "CEDAW"),
    "C097": ("C143", "ICRMW", "C181", "C189"),
    "C143": ("C097", "ICRMW", "C181", "C189"),
    "C181": ("C097", "C143", "C189", "ICRMW"),
    "CEDAW": ("ICRMW", "C189", "TIP2000", "C100", "C111"),
}


# Stocks at or below this count as size 0 on the log scale.
SIZE_FLOOR = 10_000

COLUMNS = ["rank", "iso3", "state", "status", "score", *FACTORS, "why"]

_BOUND = {"party", "territory"}


def related_instruments(code: str) -> tuple[str, ...]:
    """Related instruments for ``code``: :data:`RELATED`, else the core five minus itself."""
    key = code.upper()
    return RELATED.get(key, tuple(c for c in CORE if c != key))


def check_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    """Defaults overlaid with ``weights``; rejects unknown names, negatives and an all-zero set."""
    merged = dict(DEFAULT_WEIGHTS)
    for name, value in (weights or {}).items():
        if name not in DEFAULT_WEIGHTS:
            raise ValidationError(
                "weights", f"unknown factor {name!r}; known: {', '.join(FACTORS)}"
            )
        value = float(value)
        if value < 0 or math.isnan(value):
            raise ValidationError("weights", f"{name} must be a number >= 0, got {value}")
        merged[name] = value
    if sum(merged.values()) == 0:
        raise ValidationError("weights", "at least one weight must be above 0")
    return merged


def score(factors: Mapping[str, float], weights: Mapping[str, float]) -> float:
    """The documented formula: ``sum(weight * factor) / sum(weights)``."""
    total = sum(weights[f] for f in FACTORS)
    return sum(weights[f] * factors[f] for f in FACTORS) / total


def size_factor(stock: float | None, largest: float | None) -> float:
    """Log-scaled size in 0..1 against the largest stock; 0 when unknown or at the floor."""
    if not stock or not largest or largest <= SIZE_FLOOR:
        return 0.0
    value = math.log10(max(stock, SIZE_FLOOR) / SIZE_FLOOR) / math.log10(largest / SIZE_FLOOR)
    return min(1.0, max(0.0, value))


def _stock(row: Mapping[str, object]) -> int | None:
    profile = row.get("migration_profile")
    immigrants, emigrants = row.get("migrant_stock"), row.get("emigrant_stock")
    if profile == "destination":
        return immigrants
    if profile == "origin":
        return emigrants
    if profile == "both":
        return max(immigrants or 0, emigrants or 0) or None
    return None


def _day(value: object) -> str:
    return human(value)


def _millions(n: int) -> str:
    return f"{n / 1e6:.1f}M" if n >= 1e6 else f"{n / 1e3:.0f}k"


def _bound_origins(
    db: Database, target: pd.DataFrame, day: dt.date
) -> dict[str, tuple[int, list[str]]]:
    """Per destination: migrants from bound tracked origins and the two largest such origins."""
    flows = corridor_data.frame(db)
    if flows.empty:
        return {}
    statuses = pd.Series(target["status"].to_numpy(), index=target["iso3"].to_numpy())
    names = dict(zip(target["iso3"], target["country"], strict=True))
    rows = flows[
        (flows["year"] == desa_year(day))
        & (flows["destination"] != corridor_data.WORLD)
        & flows["origin"].map(statuses).isin(_BOUND)
    ].sort_values("stock", ascending=False)
    out: dict[str, tuple[int, list[str]]] = {}
    for dest, part in rows.groupby("destination", sort=False):
        top = [names.get(o, o) for o in part["origin"].head(2)]
        out[str(dest)] = (int(part["stock"].sum()), top + (["…"] if len(part) > 2 else []))
    return out


def rank_targets(
    db: Database,
    *,
    instrument_code: str = "ICRMW",
    group: str | None = None,
    as_of: dt.date | None = None,
    weights: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Candidate states for an instrument ranked by score, with every factor and a "why" text.

    ``group`` only filters the result (factors are computed over all candidates); ``as_of``
    ranks the world as it stood on that day; ``weights`` overrides :data:`DEFAULT_WEIGHTS`.
    """
    code = instrument(db, instrument_code)["code"]
    w = check_weights(weights)
    related = related_instruments(code)
    others = tuple(c for c in CORE if c != code)
    df = cells(db, instruments=sorted({code, *related, *others}), as_of=as_of)
    status = {(r.iso3, r.instrument): r.status for r in df.itertuples()}
    target = df[df["instrument"] == code]
    gap_values = {s.value for s in GAP_STATUSES}
    candidates = target[target["status"].isin(gap_values)]

    countries = {r["iso3"]: r for r in db["countries"].rows}
    members = {g: set(group_members(db, g, as_of=as_of)) for g in PEER_GROUPS}
    parties = set(target.loc[target["status"] == "party", "iso3"])
    stocks = {iso: _stock(countries[iso]) for iso in candidates["iso3"]}
    largest = max((s for s in stocks.values() if s), default=None)
    hosted = _bound_origins(db, target, as_of or dt.date.today())
    most_hosted = max((hosted[i][0] for i in candidates["iso3"] if i in hosted), default=None)

    rows = []
    for cell in candidates.to_dict("records"):
        iso = cell["iso3"]
        f: dict[str, float] = {}
        why: list[tuple[str, str]] = []

        f["signed"] = 1.0 if cell["status"] == "signatory" else 0.0
        if f["signed"]:
            when = cell.get("signature_date")
            why.append(("signed", f"signed {_day(when)}" if when else "signed"))

        bound = [c for c in related if status.get((iso, c)) in _BOUND]
        f["related"] = len(bound) / len(related)
        if bound:
            names = [c + (" (territory)" if status[(iso, c)] == "territory" else "") for c in bound]
            why.append(("related", f"party to {', '.join(names)}"))

        peers: set[str] = set()
        parts = []
        for g in PEER_GROUPS:
            if iso in members[g]:
                mates = members[g] - {iso}
                peers |= mates
                joined = len(mates & parties)
                if joined:
                    parts.append(f"{joined} of {len(mates)} {GROUPS[g].label} peers party")
        f["peers"] = len(peers & parties) / len(peers) if peers else 0.0
        if parts:
            why.append(("peers", "; ".join(parts)))

        f["size"] = size_factor(stocks[iso], largest)
        if stocks[iso]:
            profile = countries[iso]["migration_profile"]
            noun = {"destination": "migrants", "origin": "emigrants"}.get(
                profile, "migrants/emigrants"
            )
            why.append(("size", f"{profile}, {_millions(stocks[iso])} {noun}"))

        missing = [c for c in others if status.get((iso, c)) in gap_values]
        f["core_gaps"] = len(missing) / len(others)
        if missing:
            plural = "s" if len(missing) > 1 else ""
            why.append(("core_gaps", f"{len(missing)} other core gap{plural}"))

        bound_stock, origins = hosted.get(iso, (0, []))
        f["corridor"] = size_factor(bound_stock, most_hosted)
        if bound_stock:
            why.append(
                (
                    "corridor",
                    f"hosts {_millions(bound_stock)} migrants from states party "
                    f"({', '.join(origins)})",
                )
            )

        order = sorted(why, key=lambda item: -w[item[0]] * f[item[0]])
        text = "; ".join(t for name, t in order if w[name] * f[name] > 0) or "no factor applies"
        rows.append(
            {
                "iso3": iso,
                "state": cell["country"],
                "status": cell["status"],
                "score": score(f, w),
                **f,
                "why": text,
            }
        )

    out = pd.DataFrame(rows, columns=[c for c in COLUMNS if c != "rank"])
    if group:
        out = out[out["iso3"].isin(group_members(db, group, as_of=as_of))]
    # order and rank on the score rounded to 9 places, so equal sums reached in another order tie
    key = out["score"].round(9)
    out = out.assign(_key=key).sort_values(["_key", "state"], ascending=[False, True])
    out = out.drop(columns="_key").reset_index(drop=True)
    out.insert(0, "rank", out["score"].round(9).rank(method="min", ascending=False).astype(int))
    return out


def to_csv(df: pd.DataFrame, *, as_of: dt.date, weights: Mapping[str, float]) -> str:
    """The ranking as CSV, preceded by comment lines with the as-of date and the weights."""
    buf = io.StringIO()
    buf.write(f"# as of {as_of.isoformat()}; score = sum(weight * factor) / sum(weights)\n")
    buf.write("# weights: " + ", ".join(f"{k}={v:g}" for k, v in weights.items()) + "\n")
    safe_frame(df[COLUMNS]).to_csv(buf, index=False, lineterminator="\n", float_format="%.4f")
    return buf.getvalue()
