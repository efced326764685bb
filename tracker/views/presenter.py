"""Presenter mode: the sequence of slides (a group's states or the core instruments) and their text.

A step is plain data — title, subtitle, bullet lines and which map to draw — so the page only
renders it and the tests can check it without a browser.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from tracker import provenance
from tracker.countries import GROUPS
from tracker.countries import group as find_group
from tracker.gaps import ask
from tracker.instruments import CORE
from tracker.status import Status
from tracker.views.svgmap import block, status_view, view_for

MODES = {"group": "The states of a group", "instruments": "The core instruments"}
FONT_SIZE = 20  # map legend and hover text on a projector


@dataclass(frozen=True)
class Step:
    """One slide: what to say and which map to show (``instrument`` None = core gaps map)."""

    title: str
    subtitle: str
    lines: list[str] = field(default_factory=list)
    instrument: str | None = None
    highlight: str | None = None  # ISO3 of the state this slide is about


def _names(states: pd.Series) -> str:
    names = sorted(states)
    return ", ".join(names) if names else "none"


def _overview(core: pd.DataFrame, scope: str) -> Step:
    per_state = core.groupby("country")["gap"].sum()
    full = per_state[per_state == 0]
    worst = per_state[per_state == per_state.max()]
    return Step(
        title=f"Ratification gaps: {scope}",
        subtitle=f"{len(per_state)} states × the core five instruments",
        lines=[
            f"{int(per_state.sum())} gaps in all",
            f"Party to all five: {_names(full.index)}",
            f"Most gaps ({int(per_state.max())}): {_names(worst.index)}",
        ],
    )


def _instrument_step(core: pd.DataFrame, code: str) -> Step:
    mine = core[core["instrument"] == code]
    named = "instrument_name" in mine.columns and not mine.empty
    title = mine["instrument_name"].iloc[0] if named else code
    party = mine[mine["status"] == Status.PARTY.value]
    signed = mine[mine["status"] == Status.SIGNATORY.value]
    eligible = mine[mine["status"] != Status.NOT_ELIGIBLE.value]
    lines = [f"{len(party)} of {len(eligible)} states are party"]
    if not signed.empty:
        lines.append(f"Signed, not yet ratified: {_names(signed['country'])}")
    dated = party[party["consent_date"].fillna("") != ""].sort_values("consent_date")
    if not dated.empty:
        last = dated.iloc[-1]
        lines.append(f"Most recent: {last['country']} ({last['consent_date']})")
    return Step(title=title, subtitle="Who has joined", lines=lines, instrument=code)


def _state_step(core: pd.DataFrame, iso3: str) -> Step:
    mine = core[core["iso3"] == iso3].sort_values("sort_order")
    name = mine["country"].iloc[0]
    gaps = mine[mine["gap"]]
    party = core[(core["iso3"] != iso3) & (core["status"] == Status.PARTY.value)]
    lines = []
    for cell in gaps.to_dict("records"):
        peers = party[party["instrument"] == cell["instrument"]]["country"]
        ahead = f" (peers party: {_names(peers)})" if not peers.empty else ""
        lines.append(f"{name} {ask(cell)}{ahead}")  # ask() names the instrument in words
    return Step(
        title=name,
        subtitle=f"{len(gaps)} of {len(mine)} core instruments not ratified",
        lines=lines or ["Party to all five core instruments"],
        highlight=iso3,
    )


def sequence(df: pd.DataFrame, *, mode: str = "group", scope: str = "Asia") -> list[Step]:
    """The slides: an overview, then one per state in ``df`` or one per core instrument.

    For a group, pass the group's cells (``cells(..., group=...)``): peers are the states in ``df``.
    """
    core = df[df["instrument"].isin(CORE)]
    if mode == "instruments":
        return [_overview(core, scope), *(_instrument_step(core, c) for c in CORE)]
    if mode != "group":
        raise ValueError(f"unknown presenter mode {mode!r}; known: {', '.join(MODES)}")
    order = core.drop_duplicates("iso3").sort_values("country")["iso3"]
    return [_overview(core, scope), *(_state_step(core, c) for c in order)]


def group_scope(name: str | None) -> str:
    """Words for the states covered: a group's label or "all 51 states in Asia"."""
    return GROUPS[find_group(name).name].label if name else "all 51 states in Asia"


def map_block(step: Step, df: pd.DataFrame, *, focus: list[str] | None = None) -> str:
    """The slide's map as inline SVG: its instrument's status, or core gaps with its state
    outlined; ``focus`` crops to those states (the group being presented)."""
    core = df[df["instrument"].isin(CORE)]
    view = status_view(core, instrument=step.instrument) if step.instrument else view_for(core)
    return block(view, highlight=step.highlight, focus=focus)


# Slide layout: text beside the map, everything inside one screen above the fixed source line.
SLIDE_CSS = """
<style>
.stApp h1 {font-size: clamp(2rem, 6vh, 3.4rem) !important;}
.stApp li, .stApp li p {font-size: clamp(1.4rem, min(3.4vh, 2.3vw), 1.9rem) !important;
  line-height: 1.22;}
.stApp li {margin: 0 0 .25rem 0 !important;}
.present-sub {font-size: clamp(1.4rem, min(3.4vh, 2.3vw), 1.8rem) !important;}
.present-map svg.gapmap {max-height: calc(100vh - 10.5rem) !important; width: 100%;}
.present-map .gapmap-legend {display: none;}
.present-legend ul {list-style: none; padding: 0; margin: .3rem 0; display: flex;
  flex-wrap: wrap; gap: .1rem 1rem;}
.present-legend li, .present-legend li p {font-size: clamp(1.1rem, min(2.7vh, 1.8vw), 1.5rem)
  !important;}
.present-legend strong {font-size: clamp(1.2rem, 2.8vh, 1.5rem);}
.present-legend .swatch {display: inline-block; width: 1.1em; height: .8em; margin-right: .3em;
  border: 1px solid #000; vertical-align: -.05em;}
.block-container {padding-top: .6rem !important; padding-bottom: 3.2rem !important;}
.present-source {font-size: clamp(1rem, 2.4vh, 1.3rem) !important;
  padding: .3rem 2.5rem !important;}
</style>
"""


def legend_block(step: Step, df: pd.DataFrame) -> str:
    """The slide map's legend in words, for the text column."""
    from tracker.views.svgmap import legend_html

    core = df[df["instrument"].isin(CORE)]
    view = status_view(core, instrument=step.instrument) if step.instrument else view_for(core)
    return f'<div class="present-legend">{legend_html(view)}</div>'


def source_line(*, as_of: dt.date, checked: str, levels: Iterable[object]) -> str:
    """The line on every slide: as-of date and the sources the shown cells rest on."""
    return (
        f"Data as of {as_of:%d %B %Y} · {provenance.source_line(levels)}, checked {checked} · "
        f"{provenance.evidence_summary(levels)} · ⚠ = secondary source or not checked"
    )


def clamp(index: int, count: int) -> int:
    """Keep a step index inside ``0 .. count-1``."""
    return max(0, min(index, count - 1))
