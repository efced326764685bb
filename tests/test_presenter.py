"""Presenter mode: the slide sequence (unit) and the page stepping through it (AppTest)."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from tracker.countries import group_members
from tracker.gaps import ask
from tracker.instruments import CORE
from tracker.matrix import cells
from tracker.views import presenter


def test_group_sequence_is_an_overview_then_each_member_with_its_asks(db):
    df = cells(db, instruments="core", group="GCC")
    steps = presenter.sequence(df, mode="group", scope="Gulf Cooperation Council")
    members = group_members(db, "GCC")
    assert len(steps) == 1 + len(members)
    assert steps[0].title == "Ratification gaps: Gulf Cooperation Council"
    assert f"{int(df['gap'].sum())} gaps in all" in steps[0].lines
    assert [s.highlight for s in steps[1:]] == list(
        df.drop_duplicates("iso3").sort_values("country")["iso3"]
    )
    for step in steps[1:]:
        gaps = df[(df["iso3"] == step.highlight) & df["gap"]]
        assert len(step.lines) == max(len(gaps), 1)
        for line, cell in zip(step.lines, gaps.to_dict("records"), strict=False):
            assert line.startswith(f"{cell['country']} {ask(cell)}")


def test_peers_named_on_a_state_slide_are_party_to_that_instrument(db):
    df = cells(db, instruments="core", group="ASEAN")
    brunei = next(s for s in presenter.sequence(df) if s.highlight == "BRN")
    icrmw = next(line for line in brunei.lines if "ICRMW" in line)
    parties = df[(df["instrument"] == "ICRMW") & (df["status"] == "party")]["country"]
    assert f"(peers party: {', '.join(sorted(parties))})" in icrmw


def test_instrument_sequence_counts_parties(db):
    df = cells(db, instruments="core")
    steps = presenter.sequence(df, mode="instruments")
    assert [s.instrument for s in steps[1:]] == list(CORE)
    icrmw = df[df["instrument"] == "ICRMW"]
    parties = int((icrmw["status"] == "party").sum())
    eligible = int((icrmw["status"] != "not_eligible").sum())
    assert steps[1].lines[0] == f"{parties} of {eligible} states are party"


def test_unknown_mode_is_refused(db):
    with pytest.raises(ValueError, match="presenter mode"):
        presenter.sequence(cells(db, instruments="core"), mode="slides")


def test_map_block_outlines_the_state_of_the_slide(db):
    df = cells(db, instruments="core", group="SAARC")
    step = next(s for s in presenter.sequence(df) if s.highlight == "NPL")
    html = presenter.map_block(step, df)
    assert html.count('class="highlight"') == 1
    overview = presenter.map_block(presenter.sequence(df)[0], df)
    assert 'class="highlight"' not in overview


def test_source_line_has_date_and_source():
    line = presenter.source_line(
        as_of=dt.date(2025, 12, 18), checked="2026-11-23", levels=["depositary"] * 3
    )
    assert "18 December 2025" in line and "UN Treaty Collection" in line
    assert "Compiled from the depositary records" in line


def test_source_line_never_claims_the_depositary_for_weaker_cells():
    line = presenter.source_line(
        as_of=dt.date(2025, 12, 18), checked="2026-11-23", levels=["depositary", "secondary"]
    )
    assert "Compiled from the depositary records" not in line
    assert "1 on secondary sources" in line and "1 secondary ⚠" in line


def test_clamp():
    assert [presenter.clamp(i, 3) for i in (-1, 0, 2, 3)] == [0, 0, 2, 2]


@pytest.fixture
def app(db_file) -> AppTest:
    return AppTest.from_file("../app.py", default_timeout=60)


def _title(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("# "))


def test_presenter_page_steps_forward_and_back(app):
    app.run()
    app.switch_page("app_pages/campaign/present.py").run()
    assert not app.exception
    assert _title(app) == "# Ratification gaps: ASEAN"
    assert any("Data as of" in m.value and "Of 55 cells" in m.value for m in app.markdown)
    assert any("1 / 13" in m.value for m in app.markdown)  # overview, 11 states, coverage
    assert app.button(key="present_prev").disabled
    app.button(key="present_next").click().run()
    assert _title(app) == "# Brunei"
    app.button(key="present_next").click().run()
    assert _title(app) == "# Burma/Myanmar"
    app.button(key="present_prev").click().run()
    assert _title(app) == "# Brunei"
    assert any("2 / 13" in m.value for m in app.markdown)


def test_presenter_page_steps_through_the_core_instruments(app):
    app.run()
    app.switch_page("app_pages/campaign/present.py").run()
    app.radio(key="present_mode").set_value("instruments").run()
    assert not app.exception
    for code in CORE:
        app.button(key="present_next").click().run()
        assert _title(app).startswith(f"# {code} ")
    app.button(key="present_next").click().run()  # the coverage slide closes the sequence
    assert _title(app) == "# Protection coverage: where ICRMW binds"
    lines = next(m.value for m in app.markdown if m.value.startswith("- "))
    assert "UN DESA 2019 stocks; Taiwan not reported" in lines
    assert lines.startswith("- India: 1% of 11.89 million emigrants in tracked states")
    assert app.button(key="present_next").disabled
