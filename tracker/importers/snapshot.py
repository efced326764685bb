"""Snapshots: the official file exactly as received, with its origin, registered in ``sources``.

Files go to ``data/snapshots/<source>/<sha256[:12]>-<name>`` with a JSON sidecar (origin URL,
date retrieved, sha256, size, instrument). ``$TRACKER_SNAPSHOTS`` moves the directory (tests).
Saving the same bytes twice is a no-op that returns the same snapshot.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlite_utils import Database

from tracker.config import DATA_DIR
from tracker.importers import SOURCES

PRODUCERS = {
    "untc": "United Nations Treaty Collection (depositary)",
    "normlex": "ILO NORMLEX",
    "ohchr": "OHCHR Status of Ratification dashboard",
}


@dataclass(frozen=True)
class Snapshot:
    """One stored official file and where it came from."""

    id: str
    source: str
    instrument: str
    name: str
    path: str
    origin_url: str
    retrieved_on: str
    sha256: str
    size: int


def snapshots_dir() -> Path:
    """Where snapshots are kept: ``$TRACKER_SNAPSHOTS`` or ``data/snapshots``."""
    return Path(os.environ.get("TRACKER_SNAPSHOTS") or DATA_DIR / "snapshots")


def safe_name(name: str | None) -> str:
    """A file name without directories or odd characters (``pasted.txt`` when empty)."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._")[:80]
    return base or "pasted.txt"


def snapshot_id(source: str, data: bytes) -> str:
    """Stable id of a snapshot: source plus the first 12 hex digits of its SHA-256."""
    return f"{source}-{hashlib.sha256(data).hexdigest()[:12]}"


def save_snapshot(
    db: Database,
    data: bytes,
    *,
    source: str,
    instrument: str,
    name: str | None,
    origin_url: str,
    retrieved_on: dt.date | None = None,
    root: Path | None = None,
) -> Snapshot:
    """Store the raw bytes and sidecar, and upsert the ``sources`` row; return the snapshot."""
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}")
    digest = hashlib.sha256(data).hexdigest()
    folder = (root or snapshots_dir()) / source
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{digest[:12]}-{safe_name(name)}"
    sidecar = path.with_name(path.name + ".json")
    if sidecar.exists():
        snap = Snapshot(**json.loads(sidecar.read_text(encoding="utf-8")))
    else:
        snap = Snapshot(
            id=snapshot_id(source, data),
            source=source,
            instrument=instrument,
            name=safe_name(name),
            path=_display(path),
            origin_url=origin_url,
            retrieved_on=(retrieved_on or dt.date.today()).isoformat(),
            sha256=digest,
            size=len(data),
        )
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(path)
        sidecar.write_text(json.dumps(asdict(snap), indent=1, ensure_ascii=False) + "\n")
    db["sources"].upsert(
        {
            "id": snap.id,
            "producer": PRODUCERS[source],
            "title": f"{snap.instrument} status as received ({snap.name})",
            "url": snap.origin_url,
            "accessed_on": snap.retrieved_on,
            "licence": None,
            "sha256": snap.sha256,
            "note": f"snapshot {snap.path} ({snap.size} bytes)",
        },
        pk="id",
    )
    return snap


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(DATA_DIR.parent))
    except ValueError:
        return str(path)
