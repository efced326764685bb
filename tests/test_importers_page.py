"""AppTest: the staff Import page — login required, paste, review the diff, apply, junk."""

from __future__ import annotations

import pytest
from importer_helpers import fixture
from streamlit.testing.v1 import AppTest

from tracker.db import connect
from tracker.staff import auth, sessions
from ui.text import shown

PAGE = "app_pages/staff/import.py"


@pytest.fixture
def snapshots(tmp_path, monkeypatch):
    root = tmp_path / "snapshots"
    monkeypatch.setenv("TRACKER_SNAPSHOTS", str(root))
    return root


def by_label(widgets, label):
    return next(w for w in widgets if w.label.startswith(label))


def staff_import_page() -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=60)
    db = connect()
    auth.add_user(db, "alice", "correct horse battery")
    at.session_state["staff_session"] = sessions.start(db, "alice")
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def paste(at: AppTest, source: str, instrument: str, text: str) -> AppTest:
    at.radio(key="imp_source").set_value(source).run()
    by_label(at.selectbox, "Instrument").set_value(instrument).run()
    by_label(at.text_area, "Text copied").set_value(text).run()
    assert not at.exception
    return at


def test_logged_out_the_page_shows_only_the_login_form(db_file):
    at = AppTest.from_file(f"../{PAGE}", default_timeout=60).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Staff login"]
    assert not at.file_uploader and not at.dataframe and not at.text_area


def test_paste_review_and_apply(db_file, snapshots):
    at = paste(staff_import_page(), "normlex", "C097", fixture("normlex_c097.txt").decode())
    assert [h.value for h in at.subheader] == ["Status changes", "Changed dates"]
    changes = at.dataframe[0].value
    assert set(changes["iso3"]) == {"TUR", "LKA"}
    apply = by_label(at.button, "Apply 4 change(s)")
    assert apply.disabled  # a reason is required
    by_label(at.text_input, "Reason").set_value("monthly NORMLEX refresh").run()
    by_label(at.button, "Apply 4 change(s)").click().run()
    assert not at.exception
    db = connect(db_file)
    assert db["status"].get(("TUR", "C097"))["status"] == "denounced"
    audits = list(db["audit_log"].rows_where("action = 'import'"))
    assert len(audits) == 4 and all(a["actor"] == "alice" for a in audits)
    assert all("monthly NORMLEX refresh" in a["reason"] for a in audits)
    assert len(list((snapshots / "normlex").glob("*-pasted.txt"))) == 1
    assert any("Applied 4 change(s)" in shown(s.value) for s in at.success)


def test_junk_shows_an_error_and_writes_nothing(db_file, snapshots):
    before = connect(db_file)["audit_log"].count
    at = paste(staff_import_page(), "untc", "ICRMW", fixture("untc_cedaw.html").decode())
    assert any("wrong treaty" in shown(e.value) for e in at.error)
    assert not at.dataframe and not any(b.label.startswith("Apply") for b in at.button)
    assert connect(db_file)["audit_log"].count == before and not snapshots.exists()


def test_unknown_names_block_the_apply_button(db_file, snapshots):
    text = (
        fixture("untc_icrmw_tabular.txt")
        .decode()
        .replace("Cambodia\t27 Sep 2004\t", "Kampuchea\t27 Sep 2004\t 1 Mar 2026")
    )
    at = paste(staff_import_page(), "untc", "ICRMW", text)
    assert any("Kampuchea" in shown(e.value) for e in at.error)
    by_label(at.text_input, "Reason").set_value("x").run()
    assert all(b.disabled for b in at.button if b.label.startswith("Apply"))
