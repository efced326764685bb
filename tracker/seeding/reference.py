"""Turn the research reference files into the reviewable long-format seed CSVs in ``data/``.

Snapshot → parse → load: the reference files are kept as received in ``data/reference/``
(with SHA-256 in ``data/sources.csv``); :func:`build_status_rows` and
:func:`build_country_rows` are pure functions from them to normalised rows; ``seed.py`` loads
the result. Run ``python -m tracker build-seed`` after a new reference drop.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from tracker.config import DATA_DIR
from tracker.countries import display_names, iso_name, migration_profile
from tracker.evidence import Evidence, grade
from tracker.schema import COUNTRY_FLAG_COLUMNS, STATUS_COLUMNS
from tracker.seeding.corrections import apply_ilo_dates, apply_un_corrections
from tracker.status import Status, derived_in_force

CHECKED_ON = "2026-11-23"  # reference/SOURCES.md: the checked-on date of the research rows


COUNTRY_COLUMNS = [
    "iso3",
    "name",
    "display_name",
    "un_subregion",
    *COUNTRY_FLAG_COLUMNS,
    "migrant_stock",
    "migrant_stock_year",
    "emigrant_stock",
    "emigrant_stock_year",
    "migration_profile",
    "source_url",
    "checked_on",
    "note",
]

# Entities that are not separate participants: a "party" row means the treaty applies there.
TERRITORIES = frozenset({"HKG", "MAC"})
# Entities that cannot deposit instruments with the UN Secretary-General.
CANNOT_DEPOSIT_UN = frozenset({"TWN"})

ILO_STATUS_MAP = {
    "in_force": Status.PARTY,
    "not_in_force": Status.PARTY,
    "denounced": Status.DENOUNCED,
    "not_ratified": Status.NONE,
    "not_member": Status.NOT_ELIGIBLE,
    "territorial_declaration": Status.TERRITORY,
}


def read_csv(path: Path) -> list[dict[str, str]]:
    """Read a UTF-8 CSV file into a list of dicts."""
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write_csv(path: Path, rows: Iterable[dict[str, object]], columns: list[str]) -> None:
    """Write rows to a CSV file with a fixed column order and Unix line endings."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def un_status(iso3: str, reference_status: str) -> Status:
    """Map a reference UN status (party / signatory / none) to the tracker vocabulary."""
    if iso3 in TERRITORIES and reference_status == "party":
        return Status.TERRITORY
    if iso3 in CANNOT_DEPOSIT_UN and reference_status == "none":
        return Status.NOT_ELIGIBLE
    return Status(reference_status)


def ilo_status(reference_status: str) -> Status:
    """Map a reference ILO status (in_force, not_member, …) to the tracker vocabulary."""
    return ILO_STATUS_MAP[reference_status]


def _parse(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


_WPD_YEAR = re.compile(r"wpd year (\d{4})")


def _year_only(status: Status, note: str) -> str:
    """The year of consent the May-2022 depositary-derived dataset gives (note "wpd year Y")."""
    found = _WPD_YEAR.search(note) if status is Status.PARTY else None
    return found.group(1) if found else ""


def _in_force(consent: str, inst: dict[str, str]) -> str:
    return derived_in_force(
        consent, rule=inst["in_force_rule"], instrument_in_force=_parse(inst["entry_into_force"])
    )


def _verified(note: str) -> int:
    return 0 if "unverified" in note.lower() else 1


_SCRAPE_DATE = re.compile(r"file last changed (\d{4}-\d{2}-\d{2})")


def provenance_fields(url: str, note: str, *, checked_on: str = CHECKED_ON) -> dict[str, str]:
    """``source_date``, ``checked_on`` and ``evidence`` of a research row (pure).

    A scrape's source date is the day its file last changed (from the note); any other page
    (live, or an undated archived copy) is dated by the day it was read (checked on). A cell
    whose status was never compared with a source (evidence ``none``) has no source date and
    no checked-on date.
    """
    level = grade(url, note)
    if level is Evidence.NONE:
        return {"source_date": "", "checked_on": "", "evidence": level.value}
    found = _SCRAPE_DATE.search(note) if "github.com/zmjones" in url else None
    return {
        "source_date": found.group(1) if found else checked_on,
        "checked_on": checked_on,
        "evidence": level.value,
    }


def build_status_rows(
    un_rows: Iterable[dict[str, str]],
    ilo_rows: Iterable[dict[str, str]],
    instruments: dict[str, dict[str, str]],
) -> Iterator[dict[str, object]]:
    """Normalise reference UN and ILO rows into status cells (pure)."""
    for r in un_rows:
        inst = instruments[r["treaty"]]
        status = un_status(r["iso3"], r["status"])
        consent = r["consent_date"] or _year_only(status, r["note"])
        yield {
            "iso3": r["iso3"],
            "instrument": r["treaty"],
            "status": status.value,
            "signature_date": r["signature_date"],
            "consent_date": consent,
            "consent_kind": r["consent_kind"],
            "in_force_date": _in_force(consent, inst),
            "denunciation_date": "",
            "denunciation_kind": "",
            "source_url": r["source_url"],
            **provenance_fields(r["source_url"], r["note"]),
            "verified": _verified(r["note"]),
            "note": r["note"],
        }
    for r in ilo_rows:
        inst = instruments[r["convention"]]
        status = ilo_status(r["status"])
        ratified = status in (Status.PARTY, Status.DENOUNCED)
        yield {
            "iso3": r["iso3"],
            "instrument": r["convention"],
            "status": status.value,
            "signature_date": "",
            "consent_date": r["ratification_date"],
            "consent_kind": "ratification" if ratified else "",
            "in_force_date": _in_force(r["ratification_date"], inst),
            "denunciation_date": r["denunciation_date"],
            "denunciation_kind": "denunciation" if status is Status.DENOUNCED else "",
            "source_url": r["source_url"],
            **provenance_fields(r["source_url"], r["note"]),
            "verified": _verified(r["note"]),
            "note": r["note"],
        }


def build_country_rows(
    context_rows: Iterable[dict[str, str]], overrides: dict[str, dict[str, str]]
) -> Iterator[dict[str, object]]:
    """Normalise reference country context rows into ``countries`` rows (pure)."""
    names = display_names()
    for r in context_rows:
        iso3 = r["iso3"]
        migrant = int(r["migrant_stock"]) if r["migrant_stock"] else None
        emigrant = int(r["emigrant_stock"]) if r["emigrant_stock"] else None
        yield {
            "iso3": iso3,
            "name": iso_name(iso3),
            "display_name": names[iso3],
            "un_subregion": overrides[iso3]["un_subregion"],
            **{col: int(r[col]) if r[col] else "" for col in COUNTRY_FLAG_COLUMNS},
            "migrant_stock": migrant if migrant is not None else "",
            "migrant_stock_year": r["migrant_stock_year"],
            "emigrant_stock": emigrant if emigrant is not None else "",
            "emigrant_stock_year": r["emigrant_stock_year"],
            "migration_profile": migration_profile(migrant, emigrant) or "",
            "source_url": r["source_urls"].split()[0] if r["source_urls"] else "",
            "checked_on": CHECKED_ON,
            "note": r["note"],
        }


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def seed_status_rows(ref: Path, instruments: dict[str, dict[str, str]]) -> list[dict]:
    """Research rows, then the second collection's ILO dates and UN corrections applied."""
    rows = build_status_rows(
        read_csv(ref / "un_treaties.csv"), read_csv(ref / "ilo_conventions.csv"), instruments
    )
    rows = apply_ilo_dates(rows, read_csv(ref / "ilo_dates.csv"), instruments)
    return apply_un_corrections(rows, read_csv(ref / "un_corrections.csv"), instruments)


def build_seed(data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Rebuild ``data/countries.csv`` and ``data/status.csv`` from ``data/reference/``."""
    ref = data_dir / "reference"
    instruments = {r["code"]: r for r in read_csv(data_dir / "instruments.csv")}
    overrides = {r["iso3"]: r for r in read_csv(data_dir / "country_overrides.csv")}
    status_rows = seed_status_rows(ref, instruments)
    country_rows = list(build_country_rows(read_csv(ref / "country_context.csv"), overrides))
    write_csv(data_dir / "status.csv", status_rows, STATUS_COLUMNS)
    write_csv(data_dir / "countries.csv", country_rows, COUNTRY_COLUMNS)
    return {"status": len(status_rows), "countries": len(country_rows)}
