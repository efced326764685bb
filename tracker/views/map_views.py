"""What the map shows, as plain data: per state a fill and hover lines, and a legend in words.

Views are built from the matrix DataFrames (core gaps, or one instrument's status). Hover text
is data, never markup: :func:`plain` reduces every value to one bounded line, so a source URL
or a note can never add lines. Colours and words come from :mod:`tracker.status` (one entry per
status), so a new status needs no change here.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

import pandas as pd

from tracker.evidence import LABELS as EVIDENCE_LABELS
from tracker.evidence import WEAK, Evidence
from tracker.status import STATUS_COLOURS, STATUS_LABELS, Status

FALLBACK_COLOUR = "#999999"  # a status with no colour of its own yet (never expected)
MAX_TEXT = 160  # characters per hover line
DATE_FIELDS = (
    ("signature_date", "signed"),
    ("consent_date", "ratified/acceded"),
    ("in_force_date", "in force"),
    ("denunciation_date", "denounced"),
)


@dataclass(frozen=True)
class Area:
    """One state on the map: its fill and its hover lines (plain text, first = name)."""

    iso3: str
    fill: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class View:
    """What one map shows: a title, a fill and hover per state, and a legend in words."""

    title: str
    areas: tuple[Area, ...]
    legend: tuple[tuple[str, str], ...]  # (colour, words)


def plain(value: object) -> str:
    """One line of plain text: control and line-separator characters become spaces; bounded."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in str(value)
    )
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def source_host(url: object) -> str:
    """The host of a source URL (``treaties.un.org``), or "unknown source"."""
    try:
        host = urlsplit(plain(url)).hostname
    except ValueError:
        host = None
    host = re.match(r"[a-z0-9.-]*", host or "").group(0).strip(".-")
    return host or "unknown source"


def instrument_label(code: str, short_title: object = None) -> str:
    """Code and name, e.g. "C097 Migration for Employment" (the title without its "(C097)")."""
    title = plain(short_title).removesuffix(f"({code})").strip()
    return code if not title or title == code else f"{code} {title}"


def _dates(row: dict) -> str:
    parts = [f"{word} {plain(row.get(key))}" for key, word in DATE_FIELDS if plain(row.get(key))]
    return ", ".join(parts)


def cell_line(row: dict) -> str:
    """One instrument for one state: status, dates (signature for signatories) and source host."""
    label = STATUS_LABELS.get(Status(row["status"]), plain(row["status"]))
    dates = _dates(row)
    text = f"{plain(row['instrument'])}: {label}" + (f", {dates}" if dates else "")
    text += f" · {source_host(row.get('source_url'))}"
    evidence = Evidence(plain(row.get("evidence")) or Evidence.NONE.value)
    return text + (f" · {EVIDENCE_LABELS[evidence]}" if evidence in WEAK else "")


def status_view(df: pd.DataFrame, *, instrument: str) -> View:
    """One instrument's status per state, a legend entry per status present."""
    cells = df[df["instrument"] == instrument]
    title = instrument_label(instrument, cells["short_title"].iloc[0] if len(cells) else None)
    areas, seen = [], set()
    for row in cells.to_dict("records"):
        status = Status(row["status"])
        seen.add(status)
        lines = (
            plain(row["country"]),
            cell_line(row),
            _checked([row]),
        )
        areas.append(Area(row["iso3"], STATUS_COLOURS.get(status, FALLBACK_COLOUR), lines))
    legend = tuple(
        (STATUS_COLOURS.get(s, FALLBACK_COLOUR), STATUS_LABELS.get(s, s.value))
        for s in Status
        if s in seen
    )
    return View(title, tuple(areas), legend)


@cache
def gap_colours(top: int) -> tuple[str, ...]:
    """``top + 1`` colours from light (no gaps) to dark (``top`` gaps), colour-blind safe."""
    from plotly.colors import sample_colorscale

    points = [i / top for i in range(top + 1)] if top else [0.0]
    rgb = sample_colorscale("Cividis_r", points, colortype="tuple")
    return tuple("#{:02X}{:02X}{:02X}".format(*(round(c * 255) for c in t)) for t in rgb)


def _gaps_words(n: int, total: int) -> str:
    if n == 0:
        return f"No gaps: party to all {total}" if total > 1 else "No gap"
    return f"{n} gap" + ("s" if n > 1 else "") + (f" of {total}" if total else "")


def _checked(rows: list[dict]) -> str:
    days = sorted({plain(r.get("checked_on")) for r in rows} - {""})
    if not days:
        return "Checked: never"
    return f"Checked {days[0]}" + (f" to {days[-1]}" if len(days) > 1 else "")


def gap_view(df: pd.DataFrame, *, title: str = "Gaps in the core five") -> View:
    """Number of gaps per state among the instruments in ``df``; hover lists every instrument.

    States that cannot join any of them (Taiwan for the core five) are grey, not "no gaps".
    """
    top = int(df.groupby("iso3")["instrument"].count().max() or 1) if len(df) else 1
    colours = gap_colours(top)
    grey = STATUS_COLOURS[Status.NOT_ELIGIBLE]
    areas, counts = [], set()
    for iso3, mine in df.sort_values("sort_order").groupby("iso3", sort=False):
        rows = mine.to_dict("records")
        eligible = [r for r in rows if r["status"] != Status.NOT_ELIGIBLE.value]
        gaps = sum(bool(r["gap"]) for r in eligible)
        unknown = sum(r["status"] == Status.UNKNOWN.value for r in eligible)
        head = (
            f"{gaps} of {len(eligible)} not ratified" + (f", {unknown} unknown" if unknown else "")
            if eligible
            else STATUS_LABELS[Status.NOT_ELIGIBLE]
        )
        lines = (
            plain(rows[0]["country"]),
            head,
            *(cell_line(r) for r in rows),
            _checked(rows),
        )
        fill = colours[min(gaps, top)] if eligible else grey
        if eligible:
            counts.add(gaps)
        areas.append(Area(str(iso3), fill, lines))
    legend = [(colours[n], _gaps_words(n, top)) for n in range(top + 1)]
    legend.append((grey, STATUS_LABELS[Status.NOT_ELIGIBLE]))
    return View(title, tuple(areas), tuple(legend))


def view_for(df: pd.DataFrame, *, instrument: str | None = None) -> View:
    """The home map's view: core-five gaps (``instrument`` None) or one instrument's status."""
    from tracker.instruments import CORE

    if instrument is None:
        return gap_view(df[df["instrument"].isin(CORE)])
    return status_view(df, instrument=instrument)
