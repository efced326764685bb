"""AppTest: staff pages refuse without login; with a login, edit/revert/bulk work end to end."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from streamlit.testing.v1 import AppTest

from tests.staff_login import PASSWORD, logged_in
from tracker import audit, edits
from tracker.db import connect
from tracker.exports.rows import to_csv
from tracker.matrix import EXPORT_COLUMNS, cells
from tracker.staff import auth
from ui import staff as ui_staff
from ui.text import shown

URL = "https://treaties.un.org/doc/Publication/MTDSG/Volume%20I/Chapter%20IV/iv-13.en.xml"
STAFF_PAGES = ["app_pages/staff/edit.py", "app_pages/staff/history.py", "app_pages/staff/bulk.py"]


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch):
    monkeypatch.setattr(
        auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )


@pytest.fixture
def app(db_file) -> AppTest:
    return AppTest.from_file("../app.py", default_timeout=60)


def staff_app(app: AppTest, page: str = "app_pages/staff/edit.py") -> AppTest:
    logged_in(app)
    app.run()
    app.switch_page(page).run()
    assert not app.exception
    return app


def labels(at: AppTest) -> set[str]:
    widgets = [*at.text_input, *at.text_area, *at.date_input, *at.selectbox, *at.button]
    return {w.label for w in widgets}


def by_label(widgets, label):
    return next(w for w in widgets if w.label == label)


def test_staff_pages_are_not_routable_when_logged_out(app):
    app.run()
    assert not app.exception
    for page in STAFF_PAGES:
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            app.switch_page(page)


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_staff_page_without_login_shows_no_editing_controls(db_file, page):
    # Defence in depth: even run directly, each staff page shows only the login form.
    at = AppTest.from_file(f"../{page}", default_timeout=60).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Staff login"]
    assert labels(at) == {"User name", "Password", "Log in"}
    assert not at.file_uploader and not at.dataframe


def test_login_form_with_a_database_user_then_edit_page_is_routable(app, db_file):
    auth.add_user(connect(db_file), "alice", PASSWORD)
    app.run()
    app.switch_page("app_pages/campaign/login.py").run()
    by_label(app.text_input, "User name").input("alice")
    by_label(app.text_input, "Password").input("wrong password")
    by_label(app.button, "Log in").click().run()
    assert "Wrong user name or password" in app.error[0].value
    assert "staff_user" not in app.session_state
    by_label(app.text_input, "User name").input("Alice")
    by_label(app.text_input, "Password").input(PASSWORD)
    by_label(app.button, "Log in").click().run()
    assert not app.exception
    assert app.session_state["staff_user"] == "alice"
    app.switch_page("app_pages/staff/edit.py").run()
    assert [t.value for t in app.title] == ["Edit a cell"]


def test_login_refuses_a_long_name_and_logout_ends_the_session(app, db_file):
    auth.add_user(connect(db_file), "alice", PASSWORD)
    app.run()
    app.switch_page("app_pages/campaign/login.py").run()
    by_label(app.text_input, "User name").input("alice" + "x" * 64)
    by_label(app.text_input, "Password").input(PASSWORD)
    by_label(app.button, "Log in").click().run()
    assert "longer than 64 characters" in app.error[0].value
    assert connect(db_file)["login_attempts"].count == 0
    by_label(app.text_input, "User name").input("alice")
    by_label(app.text_input, "Password").input(PASSWORD)
    by_label(app.button, "Log in").click().run()
    assert connect(db_file)["staff_sessions"].count == 1
    by_label(app.button, "Log out alice").click().run()
    assert connect(db_file)["staff_sessions"].count == 0
    assert "staff_user" not in app.session_state


@pytest.mark.parametrize("served", [False, True])
def test_a_login_hands_its_cookie_to_the_route_only_when_serve_py_runs(
    app, db_file, monkeypatch, served
):
    from tracker.staff import cookie_routes as routes
    from tracker.staff.handoff import HANDOFFS

    if served:
        monkeypatch.setenv(routes.ENV_FLAG, "1")
    else:
        monkeypatch.delenv(routes.ENV_FLAG, raising=False)
    auth.add_user(connect(db_file), "alice", PASSWORD)
    app.run()
    app.switch_page("app_pages/campaign/login.py").run()
    told = any("lasts until the page is reloaded" in c.value for c in app.caption)
    assert told is not served
    pending = len(HANDOFFS)
    by_label(app.text_input, "User name").input("alice")
    by_label(app.text_input, "Password").input(PASSWORD)
    by_label(app.button, "Log in").click().run()
    assert app.session_state["staff_user"] == "alice"
    # Served: a nonce waits for the browser's POST to /staff/session. Not served: none.
    assert len(HANDOFFS) == pending + served
    if served:  # offered on every run until the route redeems it, then dropped
        nonce = app.session_state["staff_cookie_op"]
        app.run()
        assert app.session_state["staff_cookie_op"] == nonce and HANDOFFS.waiting(nonce)
        assert HANDOFFS.redeem(nonce, client="") == app.session_state["staff_session"]
        app.run()
    assert "staff_cookie_op" not in app.session_state


def fill(at, *, status=None, consent=None, source=URL, reason="ratification deposited", note=None):
    if status:
        by_label(at.selectbox, "Status").set_value(status)
    if consent:
        by_label(at.date_input, "Ratification / accession date").set_value(consent)
    if note is not None:
        by_label(at.text_area, "Note").input(note)
    by_label(at.text_input, "Source URL (required)").input(source)
    by_label(at.text_input, "Reason for the change (required)").input(reason)
    by_label(at.button, "Save").click().run()
    assert not at.exception
    return at


def pick(at, iso3="KHM", code="ICRMW"):
    at.selectbox(key="edit_iso3").set_value(iso3)
    at.selectbox(key="edit_instrument").set_value(code)
    return at.run()


def test_edit_end_to_end(app, db_file):
    at = pick(staff_app(app))
    assert "signatory" in at.dataframe[0].value["value"].tolist()
    fill(at, status="party", consent=dt.date(2024, 1, 10))
    assert any("Saved KHM/ICRMW as audit entry #1" in shown(s.value) for s in at.success)
    db = connect(db_file)
    cell = db["status"].get(("KHM", "ICRMW"))
    assert (cell["status"], cell["consent_date"], cell["in_force_date"], cell["version"]) == (
        "party",
        "2024-01-10",
        "2024-05-01",
        2,
    )
    (entry,) = audit.history(db)
    assert (entry["actor"], entry["reason"], entry["source_url"]) == (
        "alice",
        "ratification deposited",
        URL,
    )
    # The page now shows the new version and this cell's history.
    assert "Current values (version 2)" in [e.label for e in at.expander]
    assert any("alice  edit  KHM/ICRMW" in t.value for t in at.text)


def test_query_params_preselect_the_cell(app):
    app.query_params["iso3"] = "phl"
    app.query_params["instrument"] = "C097"
    at = staff_app(app)
    assert at.selectbox(key="edit_iso3").value == "PHL"
    assert at.selectbox(key="edit_instrument").value == "C097"
    # ILO conventions: no signatory status and no signature date field.
    assert "signatory" not in by_label(at.selectbox, "Status").options
    assert "Signature date" not in labels(at)


def test_stale_save_is_refused_showing_both_versions(app, db_file):
    at = pick(staff_app(app))
    edits.apply_edit(
        connect(db_file),
        actor="bob",
        iso3="KHM",
        instrument="ICRMW",
        changes={"note": "bob was faster"},
        reason="r",
        source_url=URL,
    )
    fill(at, note="alice's careful note")
    assert any("you edited version 1, it is now version 2" in e.value for e in at.error)
    conflict = at.dataframe[-1].value
    columns = ["field", "result from", "result", "theirs (version 2)", "mine"]
    assert list(conflict.columns) == columns
    row = conflict.set_index("field").loc["note"]
    assert row.tolist() == [
        "mine (both changed)",
        "alice's careful note",
        "bob was faster",
        "alice's careful note",
    ]
    # Nothing is lost: the form keeps alice's values; the database keeps bob's.
    assert by_label(at.text_area, "Note").value == "alice's careful note"
    assert connect(db_file)["status"].get(("KHM", "ICRMW"))["note"] == "bob was faster"
    by_label(at.button, "Discard my values and load version 2").click().run()
    assert by_label(at.text_area, "Note").value == "bob was faster"


def test_after_a_conflict_my_values_apply_on_top_of_the_new_version(app, db_file):
    at = pick(staff_app(app))
    edits.apply_edit(
        connect(db_file),
        actor="bob",
        iso3="KHM",
        instrument="ICRMW",
        changes={"note": "bob was faster"},
        reason="r",
        source_url=URL,
    )
    fill(at, status="party", consent=dt.date(2024, 1, 10), reason="ratification deposited")
    view = at.dataframe[-1].value.set_index("field")
    assert view.loc["status"].tolist() == ["mine", "party", "signatory", "party"]
    assert view.loc["note", "result"] == view.loc["note", "theirs (version 2)"] == "bob was faster"
    assert view.loc["note", "result from"] == "theirs"
    by_label(at.button, "Apply my values on top of version 2").click().run()
    assert not at.exception and not at.error
    cell = connect(db_file)["status"].get(("KHM", "ICRMW"))
    assert (cell["status"], cell["note"], cell["version"]) == ("party", "bob was faster", 3)
    entry = audit.history(connect(db_file), iso3="KHM", instrument="ICRMW", limit=1)[0]
    assert (entry["actor"], entry["reason"]) == ("alice", "ratification deposited")
    assert any("(merged) as audit entry" in shown(s.value) for s in at.success)
    assert any("(merged) as audit entry" in shown(t.value) for t in at.toast)


def test_a_disabled_account_open_session_is_refused_at_save(app, db_file):
    at = pick(staff_app(app))
    before = connect(db_file)["audit_log"].count
    auth.set_disabled(connect(db_file), "alice")
    fill(at, note="written after being disabled")
    assert connect(db_file)["audit_log"].count == before
    assert "staff_user" not in at.session_state
    # The staff pages are gone from the navigation at once.
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/staff/edit.py")


def test_a_deleted_account_session_ends_at_its_next_action(app, db_file):
    at = staff_app(app)
    connect(db_file).execute("delete from users where username = 'alice'")
    at.run()
    assert "staff_user" not in at.session_state
    assert any(t.value == "Staff login" for t in at.title)


@pytest.mark.parametrize(
    "kwargs,field,rule",
    [
        ({"status": "party", "consent": dt.date(2001, 1, 1)}, "consent\\_date", "before the"),
        ({"note": "x", "source": "javascript:alert(1)"}, "source\\_url", "not an http"),
        ({"note": "x", "reason": ""}, "reason", "required"),
    ],
)
def test_rule_errors_name_field_and_rule_and_write_nothing(app, db_file, kwargs, field, rule):
    at = fill(pick(staff_app(app)), **kwargs)
    assert any(field in e.value and rule in e.value for e in at.error), [e.value for e in at.error]
    assert connect(db_file)["audit_log"].count == 0


def test_script_note_and_urls_render_as_text(app, db_file):
    edits.apply_edit(
        connect(db_file),
        actor="bob",
        iso3="KHM",
        instrument="ICRMW",
        changes={"note": "<script>alert(1)</script> [x](javascript:alert(2))"},
        reason="<img src=x onerror=alert(3)>",
        source_url="https://example.org/?q=%3Cscript%3E",  # a raw < is refused (issue 15)
    )
    at = pick(staff_app(app))
    texts = "\n".join(t.value for t in at.text)
    assert "<script>alert(1)</script> [x](javascript:alert(2))" in texts
    assert "reason: <img src=x onerror=alert(3)>" in texts
    shown = [m.value for m in [*at.markdown, *at.caption, *at.success, *at.error, *at.info]]
    assert not any("<script>" in v or "javascript:" in v or "<img" in v for v in shown)
    assert not any(m.proto.allow_html for m in at.markdown)


def test_history_page_reverts_an_entry(app, db_file):
    db = connect(db_file)
    before = db["status"].get(("KHM", "ICRMW"))
    first = edits.apply_edit(
        db,
        actor="bob",
        iso3="KHM",
        instrument="ICRMW",
        changes={"status": "party", "consent_date": "2024-01-10"},
        reason="r",
        source_url=URL,
    )
    at = staff_app(app, "app_pages/staff/history.py")
    at.button(key=f"revert_{first}").click().run()
    assert not at.exception
    assert any(f"Reverted #{first}" in shown(s.value) for s in at.success)
    after = connect(db_file)["status"].get(("KHM", "ICRMW"))
    assert {k: v for k, v in after.items() if k != "version"} == {
        k: v for k, v in before.items() if k != "version"
    }
    assert audit.history(connect(db_file))[0]["reverts"] == first


def export_with(db_file, edits_by_key: dict, extra: list[dict] = ()) -> bytes:
    """The full export CSV with some rows changed and some appended."""
    rows = list(csv.DictReader(io.StringIO(to_csv(cells(connect(db_file))))))
    for row in rows:
        row.update(edits_by_key.get((row["iso3"], row["instrument"]), {}))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows([*rows, *extra])
    return out.getvalue().encode()


def test_bulk_upload_blocks_on_rejected_rows_until_excluded(app, db_file):
    data = export_with(
        db_file,
        {
            ("KHM", "ICRMW"): {"status": "party", "consent_date": "2024-01-10"},
            ("THA", "C097"): {"status": "signatory"},
        },
    )
    at = staff_app(app, "app_pages/staff/bulk.py")
    at.file_uploader[0].upload("gaps.csv", data, "text/csv").run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric} == {
        "added": "0",
        "changed": "1",
        "unchanged": "1426",
        "conflict": "0",
        "rejected": "1",
    }
    table = at.dataframe[0].value
    assert "not allowed for ILO" in table.set_index("iso3").loc["THA", "reasons"]
    apply = at.button(key="bulk_apply")
    assert apply.disabled
    at.checkbox(key="bulk_exclude").check()
    at.text_input(key="bulk_reason").input("UNTC update")
    at.run()
    at.button(key="bulk_apply").click().run()
    assert not at.exception
    assert any("Applied 1 row(s) in one transaction" in shown(s.value) for s in at.success)
    db = connect(db_file)
    assert db["status"].get(("KHM", "ICRMW"))["status"] == "party"
    assert [(e["action"], e["reason"]) for e in audit.history(db)] == [("bulk", "UNTC update")]


def test_bulk_cancel_writes_nothing(app, db_file):
    at = staff_app(app, "app_pages/staff/bulk.py")
    data = export_with(db_file, {("KHM", "ICRMW"): {"source_date": "2026-11"}})
    at.file_uploader[0].upload("gaps.csv", data, "text/csv").run()
    assert {m.label: m.value for m in at.metric}["changed"] == "1"
    at.button(key="bulk_cancel").click().run()
    assert not at.exception
    assert not at.metric
    assert connect(db_file)["audit_log"].count == 0


def test_login_with_a_secrets_toml_user(app):
    app.secrets["staff"] = {"users": {"carol": auth.hash_password(PASSWORD)}}
    app.run()
    app.switch_page("app_pages/campaign/login.py").run()
    by_label(app.text_input, "User name").input("carol")
    by_label(app.text_input, "Password").input(PASSWORD)
    by_label(app.button, "Log in").click().run()
    assert not app.exception
    assert app.session_state["staff_user"] == "carol"
    assert any("Logged in as carol" in s.value for s in app.success)
    app.button(key="logout").click().run()
    assert "staff_user" not in app.session_state


def test_every_staff_page_guards_itself_and_its_url_shows_the_login_form():
    root = Path(__file__).resolve().parent.parent
    for page in sorted((root / "app_pages" / "staff").glob("*.py")):
        code = [
            line
            for line in page.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith(("import", "from", '"""', "#"))
        ]
        assert code[0] == "ui_staff.require_staff()", page.name
    app_py = (root / "app.py").read_text(encoding="utf-8")
    pages = re.findall(r'st\.Page\(\s*"app_pages/staff/([^"]+)"((?:[^"]|"[^"]*")*?)\)', app_py)
    assert len(pages) == len(list((root / "app_pages" / "staff").glob("*.py")))
    paths = [re.search(r'url_path="([^"]+)"', args).group(1) for _, args in pages]
    assert set(paths) <= set(ui_staff.STAFF_PATHS), paths


def test_bulk_stale_row_is_shown_as_a_conflict_and_applied_only_when_ticked(app, db_file):
    from tracker import bulk

    download = bulk.download(connect(db_file))
    edits.apply_edit(
        connect(db_file),
        actor="bob",
        iso3="PSE",
        instrument="ICRMW",
        changes={"source_date": "2026-11"},
        reason="checked",
        source_url=URL,
    )
    # The old download still has PSE/ICRMW's earlier source date; MMR/ICESCR is a real edit.
    rows = list(csv.DictReader(io.StringIO(download)))
    for line, row in enumerate(rows, start=2):
        if (row["iso3"], row["instrument"]) == ("MMR", "ICESCR"):
            row["source_date"] = "2020"
        if (row["iso3"], row["instrument"]) == ("PSE", "ICRMW"):
            stale_line = line
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    at = staff_app(app, "app_pages/staff/bulk.py")
    at.file_uploader[0].upload("mine.csv", out.getvalue().encode(), "text/csv").run()
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["changed"], metrics["conflict"]) == ("1", "1")
    conflicts = at.dataframe[1].value.set_index("field")
    assert conflicts.loc["source_date", "stored now (theirs)"] == "2026-11"
    assert conflicts.loc["source_date", "in the file"] == "2020-09-16"
    at.text_input(key="bulk_reason").input("signatures").run()
    assert by_label(at.button, "Apply 1 row(s)")
    at.checkbox(key=f"bulk_take_{stale_line}").check().run()
    assert by_label(at.button, "Apply 2 row(s)")
    at.checkbox(key=f"bulk_take_{stale_line}").uncheck().run()
    by_label(at.button, "Apply 1 row(s)").click().run()
    assert not at.exception
    db = connect(db_file)
    assert db["status"].get(("PSE", "ICRMW"))["source_date"] == "2026-11"  # bob's is kept
    assert db["status"].get(("MMR", "ICESCR"))["source_date"] == "2020"
