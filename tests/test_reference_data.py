"""The shipped seed data agree with the research reference files on every row."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tracker.config import DATA_DIR
from tracker.importers.refresh_log import replay
from tracker.seeding.reference import (
    build_country_rows,
    ilo_status,
    read_csv,
    seed_status_rows,
    sha256,
    un_status,
)

SHARED = DATA_DIR.parent.parent / "shared" / "reference"
REF = DATA_DIR / "reference"


def test_snapshot_checksums_match_sources_csv():
    for row in read_csv(DATA_DIR / "sources.csv"):
        path = DATA_DIR / row["file"]
        if not path.exists() and row["file"].startswith("../"):
            continue  # a third-party copy beside the repo (../shared/), absent outside CI
        assert sha256(path) == row["sha256"], row["file"]


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/reference not beside the repo")
@pytest.mark.parametrize(
    "name",
    [
        "un_treaties.csv",
        "ilo_conventions.csv",
        "country_context.csv",
        "ilo_dates.csv",
        "un_corrections.csv",
    ],
)
def test_snapshot_is_the_shared_reference(name):
    assert (REF / name).read_bytes() == (SHARED / name).read_bytes()


def test_status_csv_is_rebuilt_exactly_from_the_snapshot_and_the_refresh_log():
    """data/status.csv = the reference rows (with corrections) + data/refresh_log.csv replayed."""
    instruments = {r["code"]: r for r in read_csv(DATA_DIR / "instruments.csv")}
    rebuilt = replay(seed_status_rows(REF, instruments), read_csv(DATA_DIR / "refresh_log.csv"))
    shipped = read_csv(DATA_DIR / "status.csv")
    assert rebuilt == shipped


def test_every_reference_row_agrees_with_the_shipped_cell():
    """Cells the second collection did not touch are the research rows as received."""
    shipped = {(r["iso3"], r["instrument"]): r for r in read_csv(DATA_DIR / "status.csv")}
    un = read_csv(REF / "un_treaties.csv")
    ilo = read_csv(REF / "ilo_conventions.csv")
    assert len(shipped) == len(un) + len(ilo) == 51 * 28
    corrected = {
        (r["iso3"], r["instrument"])
        for name in ("ilo_dates.csv", "un_corrections.csv")
        for r in read_csv(REF / name)
    } | {(r["iso3"], r["instrument"]) for r in read_csv(DATA_DIR / "refresh_log.csv")}
    for r in un:
        if (r["iso3"], r["treaty"]) in corrected:
            continue
        cell = shipped[(r["iso3"], r["treaty"])]
        assert cell["status"] == un_status(r["iso3"], r["status"]).value
        assert cell["signature_date"] == r["signature_date"]
        # A party with no day in the research row gets the year its note gives ("wpd year").
        year_only = r["consent_date"] == "" and f"wpd year {cell['consent_date']}" in r["note"]
        assert cell["consent_date"] == r["consent_date"] or year_only
        assert cell["consent_kind"] == r["consent_kind"]
        assert cell["source_url"] == r["source_url"]
        assert cell["verified"] == ("0" if "unverified" in r["note"].lower() else "1")
    for r in ilo:
        if (r["iso3"], r["convention"]) in corrected:
            continue
        cell = shipped[(r["iso3"], r["convention"])]
        assert cell["status"] == ilo_status(r["status"]).value
        assert cell["consent_date"] == r["ratification_date"]
        assert cell["denunciation_date"] == r["denunciation_date"]
        assert cell["signature_date"] == ""
        assert cell["source_url"] == r["source_url"]
    for cell in shipped.values():
        assert cell["source_url"].startswith(("http://", "https://"))
        checked = {"none": {""}}.get(cell["evidence"], {"2026-11-23", "2026-12-01"})
        assert cell["checked_on"] in checked, cell


def test_status_mapping_is_honest_about_territories_and_non_members():
    shipped = {(r["iso3"], r["instrument"]): r["status"] for r in read_csv(DATA_DIR / "status.csv")}
    assert shipped[("HKG", "CEDAW")] == "territory"
    assert shipped[("HKG", "C097")] == "territory"
    assert shipped[("TWN", "CEDAW")] == "not_eligible"
    assert shipped[("TWN", "C097")] == "not_eligible"  # not an ILO member
    assert shipped[("PSE", "CEDAW")] == "party"
    assert shipped[("MYS", "C105")] == "denounced"
    assert shipped[("KHM", "ICRMW")] == "signatory"


def test_countries_csv_is_rebuilt_exactly_and_has_51_entities():
    overrides = {r["iso3"]: r for r in read_csv(DATA_DIR / "country_overrides.csv")}
    rebuilt = list(build_country_rows(read_csv(REF / "country_context.csv"), overrides))
    shipped = read_csv(DATA_DIR / "countries.csv")
    assert [{k: str(v) for k, v in r.items()} for r in rebuilt] == shipped
    assert len(shipped) == 51
    by_iso = {r["iso3"]: r for r in shipped}
    assert by_iso["MMR"]["display_name"] == "Burma/Myanmar"
    assert by_iso["SAU"]["migration_profile"] == "destination"
    assert by_iso["NPL"]["migration_profile"] == "origin"
    assert by_iso["TWN"]["migration_profile"] == ""  # not reported by UN DESA


def test_instrument_catalogue_is_complete():
    with open(DATA_DIR / "instruments.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    codes = {r["code"] for r in rows}
    assert {"ICRMW", "C097", "C143", "C181", "CEDAW"} == {
        r["code"] for r in rows if r["core"] == "1"
    }
    assert {"C189", "REFUGEE1951", "PROTOCOL1967", "TIP2000", "SOM2000", "CPED", "P029"} <= codes
    assert {r["body"] for r in rows} == {"UN", "ILO"}
    assert all(r["url"].startswith("https://") for r in rows)
    assert Path(DATA_DIR / "instruments.csv").exists()
