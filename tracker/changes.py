"""What changed between two dates: treaty actions from the stored dates, plus the audit log.

Two kinds of rows, merged and sorted by date:

* ``record`` rows come from the dates stored on each status cell — a signature, consent
  (ratification, accession, succession) or denunciation date inside the window is an event.
  They depend only on the data, so the same window always gives the same rows.
* ``audit`` rows come from the audit log — every edit, import or revert whose timestamp (UTC)
  falls inside the window, with who made it, the old → new values and the reason.

Both ends of the window are inclusive days.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterable

import pandas as pd
from sqlite_utils import Database

from tracker.countries import group_members
from tracker.dates import overlaps
from tracker.errors import ValidationError
from tracker.exports.cells import safe_frame
from tracker.instruments import resolve_codes
from tracker.matrix import cells
from tracker.schema import EVENT_DATES

COLUMNS = [
    "date",
    "iso3",
    "state",
    "instrument",
    "event",
    "change",
    "actor",
    "reason",
    "source_url",
    "origin",
]

DATE_COLUMNS = EVENT_DATES
CONSENT_EVENTS = {
    "ratification": "ratified",
    "accession": "acceded",
    "succession": "succeeded",
}


def _in(value: object, since: dt.date, until: dt.date) -> bool:
    return bool(value) and overlaps(value, since, until)


def record_events(
    db: Database,
    *,
    since: dt.date,
    until: dt.date,
    instruments: str | Iterable[str] | None = None,
    group: str | None = None,
) -> list[dict]:
    """Events whose stored signature, consent or denunciation date lies in the window."""
    rows = []
    frame = cells(db, instruments=instruments, group=group)
    lo, hi = since.isoformat(), until.isoformat()
    # A partial date (YYYY, YYYY-MM) is listed when its window meets the period.
    dated = [frame[col].fillna("").astype(str).str[:10] for col in DATE_COLUMNS]
    ends = [
        d.where(d.str.len() != 4, d + "-12-31").where(d.str.len() != 7, d + "-31") for d in dated
    ]
    frame = frame[
        pd.concat(
            [(d != "") & (e >= lo) & (d <= hi) for d, e in zip(dated, ends, strict=True)], axis=1
        ).any(axis=1)
    ]
    frame = frame.astype(object).where(frame.notna(), None)
    for c in frame.to_dict("records"):
        base = {
            "iso3": c["iso3"],
            "state": c["country"],
            "instrument": c["instrument"],
            "actor": "",
            "reason": "",
            "source_url": c["source_url"] or "",
            "origin": "record",
        }
        signed = bool(c["signature_date"])
        if _in(c["signature_date"], since, until):
            rows.append(
                {
                    **base,
                    "date": c["signature_date"],
                    "event": "signed",
                    "change": "none → signatory",
                }
            )
        if _in(c["consent_date"], since, until):
            event = CONSENT_EVENTS.get(c["consent_kind"] or "", "ratified")
            after = "territory" if c["current_status"] == "territory" else "party"
            before = "signatory" if signed and c["signature_date"] <= c["consent_date"] else "none"
            rows.append(
                {**base, "date": c["consent_date"], "event": event, "change": f"{before} → {after}"}
            )
        if _in(c["denunciation_date"], since, until):
            rows.append(
                {
                    **base,
                    "date": c["denunciation_date"],
                    "event": "denounced",
                    "change": "party → denounced",
                }
            )
    return rows


def _load(text: object) -> dict:
    if not text:
        return {}
    try:
        value = json.loads(str(text))
    except ValueError:
        return {"value": text}
    return value if isinstance(value, dict) else {"value": value}


def describe_change(old: object, new: object) -> str:
    """Old → new JSON values as "status: signatory → party; consent_date: — → 2026-03-01"."""
    before, after = _load(old), _load(new)
    keys = [k for k in dict.fromkeys([*before, *after]) if before.get(k) != after.get(k)]
    if "status" in keys:
        keys.remove("status")
        keys.insert(0, "status")
    return "; ".join(
        f"{k}: {before.get(k) if before.get(k) not in (None, '') else '—'} → "
        f"{after.get(k) if after.get(k) not in (None, '') else '—'}"
        for k in keys
    )


def _cell_keys(
    db: Database, *, instruments: str | Iterable[str] | None, group: str | None
) -> set[tuple[str, str]]:
    """(iso3, instrument) of the stored cells the filters select (the keys of ``cells()``)."""
    codes = set(resolve_codes(db, instruments))
    states = set(group_members(db, group)) if group else None
    return {
        (iso3, code)
        for iso3, code in db.execute("select iso3, instrument from status").fetchall()
        if code in codes and (states is None or iso3 in states)
    }


def audit_events(
    db: Database,
    *,
    since: dt.date,
    until: dt.date,
    instruments: str | Iterable[str] | None = None,
    group: str | None = None,
) -> list[dict]:
    """Audit-log entries (edits, imports, reverts) whose UTC timestamp lies in the window."""
    filtered = instruments is not None or group is not None
    wanted = _cell_keys(db, instruments=instruments, group=group) if filtered else set()
    names = {r["iso3"]: r["display_name"] for r in db["countries"].rows}
    entries = db.execute(
        "select id, at, actor, action, iso3, instrument, old, new, reason, source_url, reverts "
        "from audit_log where at >= ? and at < ? order by at, id",  # uses idx_audit_log_at
        [since.isoformat(), (until + dt.timedelta(days=1)).isoformat()],
    ).fetchall()
    rows = []
    for id_, at, actor, action, iso3, code, old, new, reason, url, reverts in entries:
        if filtered and (iso3, code) not in wanted:
            continue
        event = f"{action} (reverts #{reverts})" if reverts else action
        rows.append(
            {
                "date": str(at)[:10],
                "iso3": iso3 or "",
                "state": names.get(iso3, iso3 or ""),
                "instrument": code or "",
                "event": event,
                "change": describe_change(old, new),
                "actor": actor,
                "reason": reason,
                "source_url": url or "",
                "origin": f"audit #{id_}",
            }
        )
    return rows


def changes(
    db: Database,
    *,
    since: dt.date,
    until: dt.date | None = None,
    instruments: str | Iterable[str] | None = None,
    group: str | None = None,
    staff: bool = True,
) -> pd.DataFrame:
    """Every status change between ``since`` and ``until`` (inclusive; default today), by date.

    ``staff=False`` gives the public view: the world's treaty actions only, no audit entries
    (edits, imports, reverts and who made them are for logged-in staff).
    """
    until = until or dt.date.today()
    if since > until:
        raise ValidationError("since", f"{since} is after {until}")
    options = {"since": since, "until": until, "instruments": instruments, "group": group}
    rows = record_events(db, **options) + (audit_events(db, **options) if staff else [])
    df = pd.DataFrame(rows, columns=COLUMNS)
    df["_audit"] = df["origin"] != "record"
    df = df.sort_values(["date", "_audit", "state", "instrument"], kind="stable")
    return df.drop(columns="_audit").reset_index(drop=True)


def latest_change(db: Database, *, staff: bool = True) -> str | None:
    """The most recent date of any stored treaty action or (for staff) audit entry, if any."""
    audit = "union all select substr(max(at), 1, 10) from audit_log" if staff else ""
    row = db.execute(
        "select max(d) from (select max(signature_date) d from status "
        "union all select max(consent_date) from status "
        f"union all select max(denunciation_date) from status {audit})"
    ).fetchone()
    return row[0]


def presets(today: dt.date) -> dict[str, tuple[dt.date, dt.date]]:
    """Named windows ending today: the last 12 months, since Migrants Day (18 Dec) last year."""
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    return {
        "Last 12 months": (year_ago, today),
        f"Since International Migrants Day {today.year - 1}": (
            dt.date(today.year - 1, 12, 18),
            today,
        ),
        f"Since 1 January {today.year}": (dt.date(today.year, 1, 1), today),
    }


PUBLIC_COLUMNS = [c for c in COLUMNS if c not in ("actor", "reason", "origin")]


def to_csv(df: pd.DataFrame, *, staff: bool = True) -> str:
    """The changes as CSV text with :data:`COLUMNS` (:data:`PUBLIC_COLUMNS` for the public)."""
    buf = io.StringIO()
    shown = df[COLUMNS if staff else PUBLIC_COLUMNS]
    safe_frame(shown).to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def to_text(df: pd.DataFrame, *, since: dt.date, until: dt.date) -> str:
    """Readable lines: date, state, instrument, event, and who/why for audit entries."""
    lines = [f"Changes from {since} to {until}: {len(df)}"]
    for r in df.itertuples():
        line = f"{r.date}  {r.state:<22} {r.instrument:<12} {r.event:<10} {r.change}"
        if r.origin != "record":
            line += f"  [{r.actor}: {r.reason}]"
        lines.append(line)
    return "\n".join(lines)
