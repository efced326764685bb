"""Edit a cell: the evidence selector and source date; user text in message boxes stays text."""

from __future__ import annotations

import re

import pytest
from argon2 import PasswordHasher
from streamlit.testing.v1 import AppTest

from tests.staff_login import logged_in
from tracker import edits
from tracker.db import connect
from tracker.staff import auth
from ui.text import md_escape, shown

UNTC = "https://treaties.un.org/doc/Publication/MTDSG/Volume%20I/Chapter%20IV/iv-13.en.xml"
NEWS = "https://www.phnompenhpost.com/national/cambodia-ratifies-convention"
EVIL = "[click](http://evil)"
# Link syntax Markdown reads: [text](url) or <url> (not backslash-escaped).
LINK_SYNTAX = re.compile(r"(?<!\\)\]\(|(?<!\\)<")
# GitHub-flavoured autolinks, which Streamlit's renderer finds in the text *after* reading the
# backslash escapes (so escaping alone does not stop them): bare URLs, www. and e-mail.
AUTOLINK = re.compile(r"https?://|www\.|[-.\w+]@[-\w]+\.", re.IGNORECASE)


def linkish(markdown: str) -> bool:
    """True if the markdown would render a link (escapes read as the renderer reads them)."""
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)  # word joiners kept
    return bool(LINK_SYNTAX.search(markdown) or AUTOLINK.search(text))


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch):
    monkeypatch.setattr(
        auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )


@pytest.fixture
def at(db_file) -> AppTest:
    app = AppTest.from_file("../app.py", default_timeout=60)
    logged_in(app)
    app.run()
    app.switch_page("app_pages/staff/edit.py").run()
    app.selectbox(key="edit_iso3").set_value("KHM")
    app.selectbox(key="edit_instrument").set_value("ICRMW")
    app.run()
    assert not app.exception
    return app


def by_label(widgets, label):
    return next(w for w in widgets if w.label == label)


def save(at, *, source=UNTC, evidence=None, source_date=None, reason="checked the record"):
    if evidence is not None:
        by_label(at.selectbox, "Evidence level").set_value(evidence)
    if source_date is not None:
        by_label(at.text_input, "Source's own date (YYYY, YYYY-MM or YYYY-MM-DD)").input(
            source_date
        )
    by_label(at.text_input, "Source URL (required)").input(source)
    by_label(at.text_input, "Reason for the change (required)").input(reason)
    by_label(at.button, "Save").click().run()
    assert not at.exception
    return at


def messages(at) -> list[str]:
    return [m.value for m in [*at.error, *at.warning, *at.success, *at.info, *at.toast]]


def test_the_form_offers_every_level_after_automatic_grading(at):
    box = by_label(at.selectbox, "Evidence level")
    assert box.options[0] == "graded from the source (automatic)"
    assert [o.split(":")[0] for o in box.options[1:]] == [
        "depositary",
        "official",
        "secondary",
        "none",
    ]
    values = at.dataframe[0].value.set_index("field")["value"]
    assert (values["evidence"], values["source_date"]) == ("depositary", "2026-11-23")


def test_a_lower_level_and_a_source_date_are_saved_and_audited(at, db_file):
    save(at, evidence="none", source_date="2025-06")
    cell = connect(db_file)["status"].get(("KHM", "ICRMW"))
    assert (cell["evidence"], cell["source_date"]) == ("none", "2025-06")
    assert any("evidence: depositary → none" in t.value for t in at.text)
    assert at.dataframe[0].value.set_index("field")["value"]["evidence"] == "none"


def test_a_level_above_the_source_is_refused_naming_field_and_rule(at, db_file):
    save(at, source=NEWS, evidence="depositary")
    assert any(
        "evidence" in shown(e.value) and "claims more than the cited source" in shown(e.value)
        for e in at.error
    ), messages(at)
    assert connect(db_file)["audit_log"].count == 0


def test_link_looking_text_in_error_boxes_is_shown_literally(at, db_file):
    # A colleague (CLI: --actor is self-declared) saves first, with link-looking name and reason.
    edits.apply_edit(
        connect(db_file),
        actor=EVIL,
        iso3="KHM",
        instrument="ICRMW",
        changes={"note": "faster"},
        reason=f"{EVIL} see www.evil.org or mail a@evil.org *now*",
        source_url=UNTC,
    )
    save(at, evidence="secondary")  # stale: the conflict box names who changed it and why
    (box,) = [e.value for e in at.error if "changed since you loaded it" in e.value]
    assert f"Last changed by {EVIL} at" in shown(box)
    assert f"reason: {EVIL} see www.evil.org or mail a@evil.org *now*" in shown(box)
    assert not linkish(box), box
    # A link-looking source URL is echoed in its error literally too.
    by_label(at.button, "Discard my values and load version 2").click().run()
    save(at, source=EVIL)
    (err,) = [e.value for e in at.error if "source" in e.value]
    assert EVIL in shown(err) and not linkish(err), err


@pytest.mark.parametrize(
    "text",
    [EVIL, "http://evil.org/x", "www.evil.org", "a@evil.org", "<b>x</b>", "*a* _b_ `c`", "\\"],
)
def test_md_escape_leaves_nothing_markdown_would_link_or_style(text):
    escaped = md_escape(text)
    assert shown(escaped) == text
    assert not linkish(escaped)
    assert not re.search(r"(?<!\\)[*_`<\[]", escaped.replace("\\\\", ""))


@pytest.mark.parametrize("text", [EVIL, "http://evil.org/x", "www.evil.org", "a@evil.org"])
def test_the_link_check_sees_links_that_backslash_escapes_alone_leave(text):
    assert linkish(text)
    backslashed = re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)
    assert linkish(backslashed)  # GFM autolinks survive plain backslash escapes
