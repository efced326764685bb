"""Staff choose a cell's evidence level: never stronger than the cited source is graded to."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from tracker import audit, bulk, edits, merge
from tracker.cli import main
from tracker.db import connect
from tracker.errors import InvalidEdit, NoChange, ValidationError
from tracker.evidence import Evidence, capped_claim, grade

UNTC = "https://treaties.un.org/doc/Publication/MTDSG/Volume%20I/Chapter%20IV/iv-13.en.xml"
ILO_PRESS = "https://www.ilo.org/resource/news/cambodia-ratifies"
NEWS = "https://www.phnompenhpost.com/national/cambodia-ratifies-convention"
MIRROR = "https://lexaris.io/book/version/documentflat/head/229609"
LEVELS = [e.value for e in Evidence]


def edit(db, *, url: str, **changes) -> int:
    return edits.apply_edit(
        db,
        actor="alice",
        iso3="KHM",
        instrument="ICRMW",
        changes=changes,
        reason="checked the source",
        source_url=url,
    )


def cell(db) -> dict:
    return db["status"].get(("KHM", "ICRMW"))


@pytest.mark.parametrize("cap", LEVELS)
@pytest.mark.parametrize("claim", LEVELS)
def test_a_claim_may_lower_the_grade_never_raise_it(claim, cap):
    if LEVELS.index(claim) >= LEVELS.index(cap):
        assert capped_claim(f" {claim.upper()} ", cap=cap) is Evidence(claim)
    else:
        with pytest.raises(ValidationError, match="claims more than the cited source") as err:
            capped_claim(claim, cap=cap)
        assert err.value.field == "evidence"
        assert f"'{claim}'" in err.value.message and f"'{cap}'" in err.value.message


def test_a_word_that_is_no_level_names_the_field_and_the_levels():
    with pytest.raises(ValidationError, match="not an evidence level") as err:
        capped_claim("verified", cap="depositary")
    assert err.value.field == "evidence"


@pytest.mark.parametrize(
    "url,refused",
    [
        (NEWS, ["depositary", "official"]),
        (MIRROR, ["depositary", "official"]),
        (ILO_PRESS, ["depositary"]),
        (UNTC, []),
    ],
)
def test_an_edit_claiming_more_than_its_url_is_refused_and_writes_nothing(db, url, refused):
    for level in LEVELS:
        before = (cell(db), db["audit_log"].count)
        if level in refused:
            with pytest.raises(InvalidEdit) as err:
                edit(db, url=url, evidence=level, note=f"read {level}")
            assert [p.field for p in err.value.problems] == ["evidence"]
            assert (cell(db), db["audit_log"].count) == before
        else:
            edit(db, url=url, evidence=level, note=f"read {level}")
            assert cell(db)["evidence"] == level
    assert grade(NEWS) is Evidence.SECONDARY  # the cap the refusals above rest on


def test_a_chosen_level_is_audited_old_to_new_and_revertible(db):
    stored = cell(db)
    assert stored["evidence"] == "depositary"
    # Only the level changes (same URL, same note): still a change, not a no-op.
    audit_id = edit(db, url=stored["source_url"], evidence="none")
    after = cell(db)
    assert (after["evidence"], after["version"]) == ("none", stored["version"] + 1)
    entry = audit.history_entry(db, audit_id)
    assert (entry["old"]["evidence"], entry["new"]["evidence"]) == ("depositary", "none")
    assert after["checked_on"] == dt.date.today().isoformat()
    edits.revert(db, audit_id=audit_id, actor="bob")
    assert cell(db)["evidence"] == "depositary"
    with pytest.raises(NoChange):  # claiming the stored level changes nothing
        edit(db, url=stored["source_url"], evidence="depositary")


def test_without_a_claim_the_source_is_graded_as_before(db):
    edit(db, url=NEWS, note="a news report")
    assert cell(db)["evidence"] == "secondary"
    edit(db, url=ILO_PRESS, note="ILO press release")
    assert cell(db)["evidence"] == "official"


def test_source_date_is_set_at_its_precision_or_today_for_a_new_source(db):
    edit(db, url=ILO_PRESS, note="press", source_date="2025-06")
    assert (cell(db)["source_date"], cell(db)["checked_on"]) == (
        "2025-06",
        dt.date.today().isoformat(),
    )
    edit(db, url=NEWS, note="news")
    assert cell(db)["source_date"] == dt.date.today().isoformat()
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    for bad, rule in [(tomorrow, "after today"), ("2025-13", "")]:
        with pytest.raises(InvalidEdit) as err:
            edit(db, url=UNTC, note="x", source_date=bad)
        assert [p.field for p in err.value.problems] == ["source_date"]
        assert rule in str(err.value)


def _upload(db, change) -> bytes:
    rows = list(csv.DictReader(io.StringIO(bulk.download(db))))
    for row in rows:
        change(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def test_bulk_takes_a_changed_evidence_value_with_the_same_cap(db):
    def change(row):
        key = (row["iso3"], row["instrument"])
        if key == ("KHM", "ICRMW"):
            row["evidence"] = "none"  # not yet re-checked: allowed
        elif key == ("KHM", "C189"):
            row["evidence"] = "depositary"  # cites a mirror: refused
        elif key == ("PHL", "ICRMW"):
            row["source_url"] = NEWS  # a new, weaker URL; the downloaded level is not a claim

    plan = bulk.diff(db, _upload(db, change))
    rows = {(r.iso3, r.instrument): r for r in plan.rows}
    assert (rows["KHM", "ICRMW"].kind, rows["KHM", "ICRMW"].new["evidence"]) == ("changed", "none")
    assert rows["KHM", "C189"].kind == "rejected"
    assert any("evidence: 'depositary' claims more" in r for r in rows["KHM", "C189"].reasons)
    assert rows["PHL", "ICRMW"].new["evidence"] == "secondary"
    assert plan.counts()["changed"] == 2 and plan.counts()["rejected"] == 1
    ids = bulk.apply(db, plan, actor="alice", reason="re-check", exclude_rejected=True)
    assert len(ids) == 2
    assert cell(db)["evidence"] == "none"
    assert db["status"].get(("KHM", "C189"))["evidence"] == "secondary"
    # The untouched download is still a no-op: the evidence column repeats the stored levels.
    assert bulk.diff(db, bulk.download(db)).counts()["changed"] == 0


def test_a_merge_after_a_conflict_keeps_the_chosen_level_and_source_date(db):
    base = {f: cell(db).get(f) for f in edits.EDITABLE}
    edit(db, url=UNTC, note="bob was faster")
    mine = {**base, "evidence": "secondary", "source_date": "2024"}
    result = merge.rebase(db, iso3="KHM", instrument="ICRMW", base=base, mine=mine)
    assert {"evidence": "secondary", "source_date": "2024"}.items() <= result.changes.items()
    merge.apply(db, result, actor="alice", reason="r", source_url=UNTC)
    assert (cell(db)["evidence"], cell(db)["source_date"], cell(db)["note"]) == (
        "secondary",
        "2024",
        "bob was faster",
    )


def test_cli_set_evidence_is_capped_and_audited(db_file, capsys):
    args = ["set", "KHM", "ICRMW", "--actor", "alice", "--reason", "r", "--note", "read"]
    assert main([*args, "--source", NEWS, "--evidence", "official"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and "evidence: 'official' claims more" in err
    assert connect(db_file)["audit_log"].count == 0
    assert (
        main([*args, "--source", ILO_PRESS, "--evidence", "secondary", "--source-date", "2025"])
        == 0
    )
    assert 'evidence "depositary" → "secondary"' in capsys.readouterr().out
    stored = cell(connect(db_file))
    assert (stored["evidence"], stored["source_date"]) == ("secondary", "2025")
    with pytest.raises(SystemExit):  # argparse: not a level
        main([*args, "--source", ILO_PRESS, "--evidence", "verified"])
