"""Diff, snapshot and apply: provenance, idempotence, opt-in 'not mentioned', notes kept."""

from __future__ import annotations

import json

import pytest
from importer_helpers import fixture

from tracker.edits import apply_edit
from tracker.errors import ParseError, StaleEdit
from tracker.importers import ImportBlocked, ImportRow, ParseResult, parse
from tracker.importers.apply import apply_diff, import_file
from tracker.importers.diff import diff
from tracker.importers.snapshot import save_snapshot

ICRMW_URL = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=IV-13&chapter=4"


@pytest.fixture(autouse=True)
def snapshots(tmp_path, monkeypatch):
    """Snapshots go to a temporary directory, never into data/."""
    root = tmp_path / "snapshots"
    monkeypatch.setenv("TRACKER_SNAPSHOTS", str(root))
    return root


def _edited_icrmw() -> bytes:
    """The ICRMW fixture, as at 1 Dec 2026, with Cambodia ratifying, Armenia gone and more."""
    text = "Status as at : 01-12-2026\n" + fixture("untc_icrmw_tabular.txt").decode()
    text = text.replace("Cambodia\t27 Sep 2004\t", "Cambodia\t27 Sep 2004\t 1 Mar 2026")
    text = text.replace("Armenia\t26 Sep 2013\t\n", "")
    text = text.replace("31 May 2012", "30 May 2012")
    text = text.replace(
        "Tajikistan\t 7 Sep 2000\t 8 Jan 2002", "Tajikistan\t 7 Sep 2000\t 8 Jan 1999"
    )
    return text.encode()


def _cell(db, iso3, code="ICRMW"):
    return db["status"].get((iso3, code))


def test_diff_classifies_every_kind_and_writes_nothing(db):
    before = db["audit_log"].count
    plan = diff(db, parse("untc", _edited_icrmw(), instrument="ICRMW"))
    kinds = {e.iso3: e.kind for e in plan.entries}
    assert kinds["KHM"] == "new_party"
    assert plan.of("new_party")[0].changes == {
        "status": "party",
        "consent_date": "2026-03-01",
        "consent_kind": "ratification",
    }
    assert kinds["IDN"] == "changed_dates"
    assert kinds["ARM"] == "not_mentioned"
    assert plan.of("not_mentioned")[0].changes["status"] == "none"
    assert kinds["TJK"] == "rejected"  # consent before signature
    assert "before the signature date" in plan.of("rejected")[0].problems[0]
    assert kinds["PHL"] == "unchanged"
    assert plan.counts()["unchanged"] == 8
    assert db["audit_log"].count == before and _cell(db, "KHM")["status"] == "signatory"


def test_ilo_signatory_is_rejected(db):
    result = ParseResult("ohchr", "C097", rows=[ImportRow("NPL", "signatory", "2020-01-01")])
    entry = next(e for e in diff(db, result).entries if e.iso3 == "NPL")
    assert entry.kind == "rejected"
    assert any("not allowed for ILO" in p for p in entry.problems)


def test_apply_writes_one_audit_row_per_cell_citing_the_snapshot(db, snapshots):
    data = _edited_icrmw()
    plan, report = import_file(
        db, data, source="untc", instrument="ICRMW", actor="tester", name="status.txt"
    )
    assert set(report.audit_ids) == {"KHM", "IDN"}  # not ARM (opt-in), not TJK (rejected)
    assert report.rejected == ["TJK"]
    khm = _cell(db, "KHM")
    assert (khm["status"], khm["consent_date"], khm["in_force_date"]) == (
        "party",
        "2026-03-01",
        "2026-07-01",  # art. 87(2): first day of the month after three months
    )
    assert khm["source_url"] == ICRMW_URL and khm["version"] == 2
    audits = list(db["audit_log"].rows_where("action = 'import'"))
    assert len(audits) == 2
    assert all(report.snapshot.id in a["reason"] for a in audits)
    assert all(a["source_url"] == ICRMW_URL and a["actor"] == "tester" for a in audits)
    assert json.loads(audits[0]["new"])["status"] == "party"
    # The snapshot: bytes as received, sidecar, sources row.
    path = next((snapshots / "untc").glob("*-status.txt"))
    assert path.read_bytes() == data
    sidecar = json.loads(path.with_name(path.name + ".json").read_text())
    assert sidecar["sha256"] == report.snapshot.sha256 and sidecar["size"] == len(data)
    assert sidecar["origin_url"] == ICRMW_URL and sidecar["instrument"] == "ICRMW"
    assert db["sources"].get(report.snapshot.id)["sha256"] == sidecar["sha256"]


def test_applying_twice_changes_nothing_the_second_time(db):
    data = fixture("normlex_c097.txt")
    _, first = import_file(db, data, source="normlex", instrument="C097", actor="a")
    assert len(first.audit_ids) == 4
    audits, cells = db["audit_log"].count, list(db["status"].rows)
    plan, second = import_file(db, data, source="normlex", instrument="C097", actor="a")
    assert second.audit_ids == {} and plan.pending() == []
    assert db["audit_log"].count == audits and list(db["status"].rows) == cells


def test_staff_notes_and_verified_flag_are_never_overwritten(db):
    apply_edit(
        db,
        actor="staff",
        iso3="KHM",
        instrument="ICRMW",
        changes={"note": "Cabinet approved ratification bill", "verified": True},
        reason="briefing",
        source_url="https://example.org/briefing",
    )
    import_file(db, _edited_icrmw(), source="untc", instrument="ICRMW", actor="importer")
    khm = _cell(db, "KHM")
    assert khm["status"] == "party"
    assert khm["note"] == "Cabinet approved ratification bill" and khm["verified"] == 1


def test_not_mentioned_is_applied_only_on_request(db):
    import_file(db, _edited_icrmw(), source="untc", instrument="ICRMW", actor="a")
    assert _cell(db, "ARM")["status"] == "signatory"
    _, report = import_file(
        db,
        _edited_icrmw(),
        source="untc",
        instrument="ICRMW",
        actor="a",
        include_not_mentioned=True,
    )
    assert set(report.audit_ids) == {"ARM"}
    arm = _cell(db, "ARM")
    assert (arm["status"], arm["signature_date"]) == ("none", None)


def test_country_page_only_speaks_for_its_country(db):
    plan = diff(db, parse("normlex", fixture("normlex_philippines.txt"), instrument="C181"))
    assert [(e.iso3, e.kind) for e in plan.entries] == []  # PHL is none for C181 already
    plan = diff(db, parse("normlex", fixture("normlex_philippines.txt"), instrument="C189"))
    assert [(e.iso3, e.kind) for e in plan.entries] == [("PHL", "unchanged")]


def test_unknown_names_block_apply_and_nothing_is_written(db, snapshots):
    text = fixture("untc_icrmw_tabular.txt").replace(b"Kyrgyzstan", b"Kirgizia")
    audits, sources = db["audit_log"].count, db["sources"].count
    with pytest.raises(ImportBlocked, match="Kirgizia"):
        import_file(db, text, source="untc", instrument="ICRMW", actor="a")
    assert db["audit_log"].count == audits and db["sources"].count == sources
    assert not snapshots.exists()


@pytest.mark.parametrize(
    "name",
    [
        "junk_empty.txt",
        "junk_binary.bin",
        "junk_page.html",
        "junk_truncated_untc.txt",
        "junk_wrong_treaty_untc.txt",
    ],
)
def test_junk_writes_nothing(db, snapshots, name):
    cells, audits = list(db["status"].rows), db["audit_log"].count
    with pytest.raises(ParseError):
        import_file(db, fixture(name), source="untc", instrument="ICRMW", actor="a")
    assert list(db["status"].rows) == cells and db["audit_log"].count == audits
    assert not snapshots.exists()


def test_a_failure_mid_apply_rolls_back_every_cell(db):
    plan = diff(db, parse("untc", _edited_icrmw(), instrument="ICRMW"))
    # Someone edits Indonesia after the diff was shown: its version no longer matches.
    apply_edit(
        db,
        actor="staff",
        iso3="IDN",
        instrument="ICRMW",
        changes={"note": "x"},
        reason="r",
        source_url=ICRMW_URL,
    )
    audits = db["audit_log"].count
    snap = save_snapshot(
        db, b"x", source="untc", instrument="ICRMW", name="x", origin_url=ICRMW_URL
    )
    with pytest.raises(StaleEdit):
        apply_diff(db, plan, actor="a", reason="r", snapshot=snap)
    assert _cell(db, "KHM")["status"] == "signatory"  # applied before IDN, rolled back
    assert db["audit_log"].count == audits


def test_a_dateless_row_never_downgrades_a_territory_or_not_eligible_cell(db):
    stored = _cell(db, "HKG", "CEDAW")["status"]
    assert stored == "territory"
    result = ParseResult("ohchr", "CEDAW", rows=[ImportRow("HKG", "none")], scope=frozenset())
    entry = diff(db, result).entries[0]
    assert (entry.kind, entry.changes) == ("unchanged", {})
    assert "kept as territory" in entry.note
