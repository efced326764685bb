"""Refresh from official files through the import path: audited, re-cited, repeatable."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.errors import ValidationError
from tracker.importers.refresh import identify, refresh

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "importers"


@pytest.fixture
def ohchr_file(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("TRACKER_SNAPSHOTS", str(tmp_path / "snapshots"))
    path = tmp_path / "UnderlyingData_ICRMW_OHCHR_21_11_2026.csv"
    shutil.copy(FIXTURES / "ohchr_icrmw.csv", path)
    return path


def test_files_are_identified_by_their_published_names():
    assert identify(Path("UnderlyingData_CAT_OHCHR_19_09_2020.xls")) == ("ohchr", "CAT")
    assert identify(Path("IV-13.en.xml")) == ("untc", "ICRMW")
    assert identify(Path("IV-16.en.xml")) == ("untc", "CPED")
    assert identify(Path("IV-8-b.en.xml")) is None  # Optional Protocol to CEDAW: not tracked
    assert identify(Path("notes.txt")) is None


def test_refresh_recites_confirmed_cells_to_the_record_and_is_repeatable(db, ohchr_file):
    before = db["audit_log"].count
    report = refresh(db, [ohchr_file], actor="tester", reason="refresh trial")
    (only,) = report.files
    assert (only.source, only.instrument, only.as_of) == ("ohchr", "ICRMW", "2026-11-21")
    assert only.recited > 0
    phl = db["status"].get(("PHL", "ICRMW"))  # was the 2014 scrape (secondary)
    assert (phl["evidence"], phl["source_date"]) == ("depositary", "2026-11-21")
    assert phl["source_url"] == "https://indicators.ohchr.org/"
    assert phl["consent_date"] == "1995-07-05"
    # Already on a newer depositary record (the UNTC XML read on 2026-11-23): kept as it was.
    bgd = db["status"].get(("BGD", "ICRMW"))
    assert (bgd["evidence"], bgd["source_date"]) == ("depositary", "2026-11-23")
    entries = list(db["audit_log"].rows_where("id > ?", [before], order_by="id"))
    assert len(entries) == only.changed + only.recited
    assert {e["action"] for e in entries} == {"import"} and all(
        "refresh trial" in e["reason"] and "snapshot" in e["reason"] for e in entries
    )
    again = refresh(db, [ohchr_file], actor="tester", reason="refresh trial").files[0]
    assert (again.changed, again.recited) == (0, 0)
    assert db["audit_log"].count == len(entries) + before


def test_refresh_cli_reports_each_file_and_refuses_an_unreadable_one(db_file, ohchr_file, capsys):
    argv = ["refresh", str(ohchr_file), "--actor", "t", "--reason", "r"]
    assert main(argv) == 0
    assert "ohchr ICRMW as of 2026-11-21" in capsys.readouterr().out
    missing = ohchr_file.with_name("UnderlyingData_CAT_OHCHR_x.csv")
    assert main(["refresh", str(missing), "--actor", "t", "--reason", "r"]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_refresh_without_an_as_of_date_writes_nothing(db, ohchr_file):
    text = ohchr_file.read_text().replace("Last update: 21/11/2026 09:30", "")
    ohchr_file.write_text(text)
    rows = list(db.execute("select * from status order by iso3, instrument"))
    with pytest.raises(ValidationError, match="states no as-of date"):
        refresh(db, [ohchr_file], actor="t", reason="r")
    assert list(db.execute("select * from status order by iso3, instrument")) == rows


def test_reference_corrections_reach_a_database_in_use_audited_and_once(db):
    from tracker.importers.refresh import refresh_reference

    assert refresh_reference(db, actor="t", reason="r") == {"changed": 0, "refused": 0}
    # A database seeded before the second collection: UAE P029 as it was shipped.
    db.execute(
        "update status set status = 'none', consent_date = null, consent_kind = null, "
        "in_force_date = null, evidence = 'secondary', "
        "source_url = 'https://www.ilo.org/x' where iso3 = 'ARE' and instrument = 'P029'"
    )
    before = db["audit_log"].count
    assert refresh_reference(db, actor="t", reason="second collection") == {
        "changed": 1,
        "refused": 0,
    }
    are = db["status"].get(("ARE", "P029"))
    assert (are["status"], are["consent_date"], are["in_force_date"]) == (
        "party",
        "2026-01-15",
        "2027-01-15",
    )
    assert are["evidence"] == "secondary"  # a news report: never claimed as the record
    (entry,) = db["audit_log"].rows_where("id > ?", [before])
    assert entry["action"] == "import" and "second collection" in entry["reason"]
    assert refresh_reference(db, actor="t", reason="again") == {"changed": 0, "refused": 0}
