"""Settings read from the environment at call time (never cached at import)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / "data"
DEFAULT_DB = DATA_DIR / "tracker.db"


def db_path() -> Path:
    """Path of the SQLite database: ``$TRACKER_DB`` or the embedded ``data/tracker.db``."""
    return Path(os.environ.get("TRACKER_DB") or DEFAULT_DB)
