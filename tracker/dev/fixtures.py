"""Deterministic synthetic databases for tests and benchmarks (``build_synthetic``).

The first states are the 51 tracked entities and the first instruments the shipped ones (from
the committed seed CSVs), then every other ISO 3166 code from pycountry, then user-assigned
codes (``XAA``, ``XAB``, …) and synthetic instruments (``XU001`` UN, ``XC001`` ILO). Every
status cell obeys the per-body rules, so :func:`tracker.integrity.check.check` passes on the result.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import string

import pycountry
from sqlite_utils import Database

from tracker.audit import HASHED, append_many
from tracker.config import DATA_DIR
from tracker.schema import STATUS_COLUMNS
from tracker.seeding.reference import read_csv
from tracker.seeding.seed import _typed
from tracker.status import Body, Status, in_force_date

# Every generated date lies on or before this day, so the build never depends on "today".
LAST_DAY = dt.date(2025, 6, 30)
CHECKED_ON = ("2025-03-14", "2025-07-01", "2025-09-30", "2025-11-18")
SUBREGIONS = (
    "Central Asia",
    "Eastern Asia",
    "South-eastern Asia",
    "Southern Asia",
    "Western Asia",
)
GROUP_COLUMNS = ("asean", "saarc", "gcc", "colombo_process", "abu_dhabi_dialogue", "gms")
UN_SOURCE = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no={code}"
ILO_SOURCE = (
    "https://normlex.ilo.org/dyn/normlex/en/f?p=NORMLEXPUB:11300:0::NO::P11300_INSTRUMENT_ID:{code}"
)
ACTORS = ("amina", "bao", "chitra", "dev", "importer:untc", "importer:normlex")
REASONS = (
    "UNTC status page updated",
    "NORMLEX ratification registered",
    "Corrected date after depositary notification",
    "Second source confirms",
    "Typo in consent date",
)
# The seed CSV columns plus the optimistic-locking version.
_STATUS_COLUMNS = (*STATUS_COLUMNS, "version")
# The audit columns an entry supplies: the hashed content without the id the chain assigns.
_AUDIT_COLUMNS = tuple(k for k in HASHED if k != "id")


def _day_between(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=rng.randint(0, max((hi - lo).days, 0)))


def _synthetic_codes() -> itertools.chain[str]:
    """User-assigned ISO 3166 alpha-3 codes: XAA … XZZ, then QMA … QZZ."""
    letters = string.ascii_uppercase
    return itertools.chain(
        (f"X{a}{b}" for a in letters for b in letters),
        (f"Q{a}{b}" for a in letters[12:] for b in letters),
    )


def country_rows(n: int, *, rng: random.Random) -> list[dict]:
    """``n`` country rows: the tracked 51, then other ISO codes, then user-assigned codes."""
    rows = [_typed("countries", r) for r in read_csv(DATA_DIR / "countries.csv")][:n]
    taken = {r["iso3"] for r in rows}
    extra = sorted(c.alpha_3 for c in pycountry.countries if c.alpha_3 not in taken)
    codes = itertools.chain(((c, True) for c in extra), ((c, False) for c in _synthetic_codes()))
    while len(rows) < n:
        code, real = next(codes)
        name = pycountry.countries.get(alpha_3=code).name if real else f"Synthetic state {code}"
        stock, emigrants = rng.randint(10_000, 5_000_000), rng.randint(10_000, 5_000_000)
        ratio = stock / emigrants
        profile = "destination" if ratio >= 2 else "origin" if ratio <= 0.5 else "both"
        member = int(rng.random() > 0.04)
        rows.append(
            {
                "iso3": code,
                "name": name,
                "display_name": name,
                "un_subregion": rng.choice(SUBREGIONS),
                **{col: int(rng.random() < 0.15) for col in GROUP_COLUMNS},
                "bali_process": None,
                "un_member": member,
                "ilo_member": member,
                "migrant_stock": stock,
                "migrant_stock_year": 2020,
                "emigrant_stock": emigrants,
                "emigrant_stock_year": 2020,
                "migration_profile": profile,
                "source_url": "https://www.un.org/development/desa/pd/content/international-migrant-stock",
                "checked_on": rng.choice(CHECKED_ON),
                "note": "synthetic benchmark row",
            }
        )
    return rows


def instrument_rows(n: int, *, rng: random.Random) -> list[dict]:
    """``n`` instrument rows: the shipped ones, then alternating synthetic UN and ILO ones."""
    rows = [_typed("instruments", r) for r in read_csv(DATA_DIR / "instruments.csv")][:n]
    order = max((r["sort_order"] for r in rows), default=0)
    serial = 0
    while len(rows) < n:
        serial += 1
        body = Body.UN if serial % 2 else Body.ILO
        code = f"XU{serial:03d}" if body is Body.UN else f"XC{serial:03d}"
        adopted = _day_between(rng, dt.date(1948, 1, 1), dt.date(2012, 12, 31))
        in_force = adopted + dt.timedelta(days=rng.randint(300, 2000))
        order += 1
        rows.append(
            {
                "code": code,
                "short_title": f"Synthetic {body} instrument {serial}",
                "full_title": f"Synthetic {body} instrument number {serial} (benchmark fixture)",
                "body": body.value,
                "category": rng.choice(("Migrant workers", "Labour standards", "Human rights")),
                "core": 0,
                "migrant_relevant": int(rng.random() < 0.3),
                "adopted": adopted.isoformat(),
                "entry_into_force": in_force.isoformat(),
                "in_force_rule": "months:12" if body is Body.ILO else "days:30",
                "url": (UN_SOURCE if body is Body.UN else ILO_SOURCE).format(code=code),
                "worldwide_parties": rng.randint(0, 190),
                "worldwide_as_of": rng.choice(CHECKED_ON),
                "sort_order": order,
            }
        )
    return rows


def status_cell(country: dict, instrument: dict, *, rng: random.Random) -> dict:
    """One valid status cell for a state × instrument, following the body's rules."""
    body = Body(instrument["body"])
    member = country["ilo_member"] if body is Body.ILO else country["un_member"]
    opens = max(dt.date.fromisoformat(instrument["adopted"]), dt.date(1950, 1, 1))
    cell: dict = dict.fromkeys(_STATUS_COLUMNS)
    cell.update(iso3=country["iso3"], instrument=instrument["code"], version=1)
    draw = rng.random()
    if member == 0:
        status = Status.NOT_ELIGIBLE
    elif body is Body.UN:
        status = (
            Status.PARTY
            if draw < 0.5
            else Status.SIGNATORY
            if draw < 0.62
            else Status.DENOUNCED
            if draw < 0.64
            else Status.NONE
        )
    else:
        status = Status.PARTY if draw < 0.35 else Status.DENOUNCED if draw < 0.4 else Status.NONE
    cell["status"] = status.value
    if status in (Status.PARTY, Status.DENOUNCED, Status.SIGNATORY):
        signed = None
        if body is Body.UN and (status is Status.SIGNATORY or rng.random() < 0.6):
            signed = _day_between(rng, opens, LAST_DAY - dt.timedelta(days=800))
            cell["signature_date"] = signed.isoformat()
        if status is not Status.SIGNATORY:
            consent = _day_between(rng, signed or opens, LAST_DAY - dt.timedelta(days=400))
            kind = (
                "ratification"
                if signed or body is Body.ILO
                else rng.choice(("accession", "accession", "succession"))
            )
            cell.update(consent_date=consent.isoformat(), consent_kind=kind)
            forced = in_force_date(
                consent,
                rule=instrument["in_force_rule"],
                instrument_in_force=dt.date.fromisoformat(instrument["entry_into_force"]),
            )
            cell["in_force_date"] = forced.isoformat() if forced else None
            if status is Status.DENOUNCED:
                left = _day_between(rng, consent + dt.timedelta(days=1), LAST_DAY)
                cell.update(denunciation_date=left.isoformat(), denunciation_kind="denunciation")
    source = UN_SOURCE if body is Body.UN else ILO_SOURCE
    cell["source_url"] = source.format(code=instrument["code"])
    cell["checked_on"] = rng.choice(CHECKED_ON)
    cell["verified"] = int(rng.random() > 0.05)
    cell["source_date"] = cell["checked_on"]
    cell["evidence"] = "depositary" if cell["verified"] else "secondary"
    return cell


def audit_entries(
    n: int, *, keys: list[tuple[str, str]], bodies: dict[str, str], rng: random.Random
) -> list[tuple]:
    """``n`` audit-log rows (edits, imports, reverts) in time order over the given cells."""
    rows: list[tuple] = []
    if not keys:
        return rows
    steps = {Body.UN.value: ("none", "signatory", "party"), Body.ILO.value: ("none", "party")}
    changes = {
        body: [
            (json.dumps({"status": a}), json.dumps({"status": b, "verified": 1}, sort_keys=True))
            for a, b in itertools.permutations(statuses, 2)
        ]
        for body, statuses in steps.items()
    }
    sources = {
        code: (UN_SOURCE if body == Body.UN.value else ILO_SOURCE).format(code=code)
        for code, body in bodies.items()
    }
    start = dt.datetime(2019, 1, 1, 8, 0, 0)
    step = (dt.datetime(2025, 11, 1) - start) / max(n, 1)
    pick = rng.random
    for i in range(n):
        iso3, code = keys[int(pick() * len(keys))]
        at = (start + step * i).replace(microsecond=0).isoformat() + "Z"
        pairs = changes[bodies[code]]
        old, new = pairs[int(pick() * len(pairs))]
        action = "revert" if i and pick() < 0.03 else ("edit", "edit", "import")[int(pick() * 3)]
        reverts = 1 + int(pick() * i) if action == "revert" else None
        actor = ACTORS[int(pick() * len(ACTORS))]
        reason = REASONS[int(pick() * len(REASONS))]
        rows.append((at, actor, action, iso3, code, old, new, reason, sources[code], reverts))
    return rows


def build_synthetic(
    db: Database,
    *,
    states: int = 250,
    instruments: int = 200,
    audit_rows: int = 100_000,
    seed: int = 0,
) -> dict[str, int]:
    """Fill an empty database with ``states`` × ``instruments`` valid cells and audit rows.

    Same arguments, same rows. Returns the row count per table.
    """
    if db["status"].count or db["countries"].count or db["instruments"].count:
        raise ValueError("build_synthetic needs an empty database")
    rng = random.Random(seed)
    countries = country_rows(states, rng=rng)
    insts = instrument_rows(instruments, rng=rng)
    cells = [status_cell(c, i, rng=rng) for c in countries for i in insts]
    keys = [(c["iso3"], c["instrument"]) for c in cells]
    bodies = {i["code"]: i["body"] for i in insts}
    audit = audit_entries(audit_rows, keys=keys, bodies=bodies, rng=rng)
    with db.atomic():
        db["countries"].insert_all(countries, pk="iso3")
        db["instruments"].insert_all(insts, pk="code")
        db.conn.executemany(
            f"insert into status ({', '.join(_STATUS_COLUMNS)}) "
            f"values ({', '.join('?' * len(_STATUS_COLUMNS))})",
            [tuple(c[k] for k in _STATUS_COLUMNS) for c in cells],
        )
        append_many(db, (dict(zip(_AUDIT_COLUMNS, r, strict=True)) for r in audit))
    return {
        "countries": len(countries),
        "instruments": len(insts),
        "status": len(cells),
        "audit_log": len(audit),
    }
