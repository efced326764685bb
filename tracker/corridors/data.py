"""UN DESA bilateral migrant stock 2019 → the compact, reviewable ``data/corridors.csv``.

The third-party cleaned copy of the DESA table (``../shared/reference/desa_bilateral_2019.csv``:
one row per (Year, Dest), one column per origin) is never copied into the repository.
:func:`build_rows` keeps tracked origins × tracked destinations with a stock above 0, plus one
row per tracked origin and year with destination :data:`WORLD`: its emigrants in every
destination of the table. ``python -m tracker build-corridors`` writes the file; the seed
loads it into the ``corridors`` table.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
from sqlite_utils import Database

from tracker.config import DATA_DIR, PROJECT_DIR
from tracker.countries import to_iso3, tracked_iso3
from tracker.errors import ParseError, UnknownCountry
from tracker.seeding.reference import read_csv, write_csv

DESA_FILE = PROJECT_DIR.parent / "shared" / "reference" / "desa_bilateral_2019.csv"
CORRIDORS_CSV = DATA_DIR / "corridors.csv"
COLUMNS = ["year", "origin", "destination", "stock"]
WORLD = "WORLD"  # destination of the rows holding an origin's emigrants in all destinations
YEARS = (1990, 1995, 2000, 2005, 2010, 2015, 2019)
SOURCE_ID = "desa_bilateral_2019"
MAX_BYTES = 20_000_000

# Destination rows of the table that are sums of other rows (checked: Polynesia = Tonga +
# French Polynesia for India 2019; South America = the sum of its countries); never counted.
AGGREGATES = frozenset({"Caribbean", "Melanesia", "Micronesia", "Polynesia", "South America"})
# Areas with no ISO 3166-1 code of their own: counted in the totals, never tracked.
UNCODED = frozenset({"Channel Islands"})
_COUNT = re.compile(r"\d{1,10}")


def _code(name: str) -> str | None:
    """ISO3 of a DESA name; None for an uncoded area; fails loudly on anything else."""
    if name in UNCODED:
        return None
    try:
        return to_iso3(name)
    except UnknownCountry as err:
        raise UnknownCountry(
            f"{err} in the DESA table; add it to data/country_aliases.csv"
        ) from None


def _count(value: str, where: str) -> int:
    text = value.strip()
    if text in ("", "-", ".."):
        return 0  # the cleaned table writes 0 or "-" where DESA had ".."
    if not _COUNT.fullmatch(text):
        raise ParseError(f"{where}: {value!r} is not a count of persons")
    return int(text)


def build_rows(path: Path = DESA_FILE) -> Iterator[dict[str, object]]:
    """Corridor rows (tracked × tracked, stock > 0) and each tracked origin's WORLD total."""
    if path.stat().st_size > MAX_BYTES:
        raise ParseError(f"{path.name}: larger than {MAX_BYTES // 1_000_000} MB")
    tracked = tracked_iso3()
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if not header or header[:2] != ["Year", "Dest"]:
            raise ParseError(f"{path.name}: expected a header starting Year,Dest")
        origins = [_code(name) for name in header[2:]]
        wanted = [(i, o) for i, o in enumerate(origins) if o in tracked]
        pairs: dict[tuple[int, str, str], int] = {}
        totals: dict[tuple[int, str], int] = {}
        for line, row in enumerate(reader, start=2):
            if len(row) != len(header):
                raise ParseError(f"{path.name} line {line}: {len(row)} fields, not {len(header)}")
            year = _count(row[0], f"line {line} Year")
            if year not in YEARS:
                raise ParseError(f"{path.name} line {line}: unexpected year {row[0]!r}")
            if row[1] in AGGREGATES:
                continue
            dest = _code(row[1])
            for i, origin in wanted:
                stock = _count(row[2 + i], f"line {line} {header[2 + i]}")
                if stock == 0 or dest == origin:
                    continue
                totals[(year, origin)] = totals.get((year, origin), 0) + stock
                if dest in tracked:
                    pairs[(year, origin, dest)] = stock
    for (year, origin), total in sorted(totals.items()):
        yield {"year": year, "origin": origin, "destination": WORLD, "stock": total}
    for (year, origin, dest), stock in sorted(pairs.items()):
        yield {"year": year, "origin": origin, "destination": dest, "stock": stock}


def build_corridors(path: Path = DESA_FILE, out: Path = CORRIDORS_CSV) -> int:
    """Write ``data/corridors.csv`` from the DESA table; returns the number of rows."""
    if not path.exists():
        raise ParseError(f"{path} not found (the UN DESA table lives in ../shared/reference/)")
    rows = list(build_rows(path))
    write_csv(out, rows, COLUMNS)
    return len(rows)


def load(db: Database, *, data_dir: Path = DATA_DIR) -> int:
    """Replace the ``corridors`` table with ``corridors.csv`` (reference data owned by the seed)."""
    path = data_dir / "corridors.csv"
    if not path.exists() or "corridors" not in db.table_names():
        return 0
    rows = [{**r, "year": int(r["year"]), "stock": int(r["stock"])} for r in read_csv(path)]
    db.execute("delete from corridors")
    db["corridors"].insert_all(rows)
    return len(rows)


def frame(db: Database) -> pd.DataFrame:
    """The ``corridors`` table as a DataFrame (``year``, ``origin``, ``destination``, ``stock``)."""
    if "corridors" not in db.table_names():
        return pd.DataFrame(
            {c: pd.Series(dtype="int64" if c in ("year", "stock") else object) for c in COLUMNS}
        )
    return pd.read_sql_query(f"select {', '.join(COLUMNS)} from corridors", db.conn)
