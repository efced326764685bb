"""Evidence levels: how strong the source behind a status cell is, graded from its URL and note."""

from __future__ import annotations

import re
from enum import StrEnum
from urllib.parse import unquote, urlparse

from tracker.errors import ValidationError


class Evidence(StrEnum):
    """What a cell rests on, strongest first."""

    DEPOSITARY = "depositary"  # UNTC status table, ILO ratification record, official export
    OFFICIAL = "official"  # other UN/ILO/government pages: CEACR comments, press, gazettes
    SECONDARY = "secondary"  # encyclopedias, mirrors, scrapes, NGOs, news, third-party data
    NONE = "none"  # status not checked against any source


RANK: dict[Evidence, int] = {e: i for i, e in enumerate(Evidence)}
WEAK: frozenset[Evidence] = frozenset({Evidence.SECONDARY, Evidence.NONE})

LABELS: dict[Evidence, str] = {
    Evidence.DEPOSITARY: "depositary record",
    Evidence.OFFICIAL: "official source",
    Evidence.SECONDARY: "secondary source ⚠",
    Evidence.NONE: "not checked ⚠",
}

# ilo_dates.csv ``source_kind`` → the best level that kind of source can give.
KIND_LEVELS: dict[str, Evidence] = {
    "normlex_country": Evidence.DEPOSITARY,
    "normlex_convention": Evidence.DEPOSITARY,
    "ceacr": Evidence.OFFICIAL,
    "ilo_press": Evidence.OFFICIAL,
    "government": Evidence.OFFICIAL,
    "wikipedia": Evidence.SECONDARY,
    "other": Evidence.SECONDARY,
}

_OFFICIAL_HOSTS = (
    "ilo.org",
    "ilo.ch",
    "ilo.int",
    "oit.org",
    "un.org",
    "ohchr.org",
    "unhcr.org",
    "refworld.org",
    "unescap.org",
    "unodc.org",
    "overheid.nl",
    "admin.ch",
    "loc.gov",
    "mehnat.uz",
)
_GOVERNMENT = re.compile(r"(^|\.)(gov|go|gob|gouv)(\.[a-z]{2})?$|\.gov\.")
# NORMLEX ratification records: by country (11200/11210) and by convention (11300/11310).
_NORMLEX_RECORD = re.compile(r":(11200|11210|11300|11310):")
_UNTC_RECORD = ("participationstatus", "viewdetails", "mtdsg_no=", "/publication/mtdsg/")
_UNCHECKED = ("not yet checked", "background knowledge", "no source found")
_COPY = ("mirror", "scrape", "reprint", " copy", "copy of")
# The note says the cited depositary record itself was read (an archived copy of the UNTC XML).
_RECORD_SEEN = ("confirmed in archived untc", "untc status xml")


def evidence_words(level: object) -> str:
    """The level in words for a table cell ("depositary record", "secondary source ⚠")."""
    text = str(level) if level not in (None, "") and level == level else Evidence.NONE.value
    return LABELS[Evidence(text)]


def is_weak(level: Evidence | str) -> bool:
    """True for secondary or no evidence (shown with ⚠)."""
    return Evidence(level) in WEAK


def weakest(*levels: Evidence | str) -> Evidence:
    """The weakest of the given levels."""
    return max((Evidence(v) for v in levels), key=RANK.__getitem__)


def url_level(url: str) -> Evidence:
    """The best level a page at ``url`` can give (depositary only for the record itself)."""
    text = unquote(unquote(url or "")).lower()
    try:
        host = (urlparse(text).hostname or "").removeprefix("www.")
    except ValueError:  # not a URL at all (e.g. a broken IPv6 literal): refused elsewhere
        return Evidence.SECONDARY
    if host == "treaties.un.org" and any(k in text for k in _UNTC_RECORD):
        return Evidence.DEPOSITARY
    if host.endswith("ilo.org") and "normlex" in text and _NORMLEX_RECORD.search(text):
        return Evidence.DEPOSITARY
    if host == "indicators.ohchr.org":
        return Evidence.DEPOSITARY  # the OHCHR ratification dashboard
    if host.endswith(_OFFICIAL_HOSTS) or _GOVERNMENT.search(host):
        return Evidence.OFFICIAL
    return Evidence.SECONDARY


def grade(url: str, note: str = "", *, kind: str | None = None) -> Evidence:
    """Evidence of a cell from its source URL, its note and (optionally) the source kind.

    A note saying the status was not checked (background knowledge, "not yet checked") gives
    ``none``; a note saying the source is a mirror, scrape or copy caps it at ``secondary``
    (unless the cited depositary record itself was read, e.g. an archived UNTC status XML); a
    source kind never lifts a cell above what its URL can give.
    """
    lowered = (note or "").lower()
    if any(k in lowered for k in _UNCHECKED):
        return Evidence.NONE
    level = url_level(url)
    if kind:
        level = weakest(level, KIND_LEVELS.get(kind, Evidence.SECONDARY))
    confirmed = level is Evidence.DEPOSITARY and any(k in lowered for k in _RECORD_SEEN)
    if any(k in lowered for k in _COPY) and not confirmed:
        level = weakest(level, Evidence.SECONDARY)
    return level


def capped_claim(claim: object, *, cap: Evidence | str) -> Evidence:
    """A level chosen by staff, if the cited source supports it (never stronger than ``cap``).

    ``cap`` is what :func:`grade` gives the cited URL and note. A weaker level than the cap is
    allowed (e.g. ``none`` for "not yet checked"); a stronger one, or a word that is not a level,
    raises :class:`ValidationError` naming the ``evidence`` field and the rule.
    """
    text = str(claim or "").strip().lower()
    try:
        level = Evidence(text)
    except ValueError:
        levels = ", ".join(e.value for e in Evidence)
        raise ValidationError("evidence", f"{text!r} is not an evidence level ({levels})") from None
    limit = Evidence(cap)
    if RANK[level] < RANK[limit]:
        raise ValidationError(
            "evidence",
            f"'{level.value}' claims more than the cited source supports: its URL and note are "
            f"graded '{limit.value}', and a level may be lowered from that grade, never raised",
        )
    return level
