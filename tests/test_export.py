"""Exports carry exactly what is shown plus provenance."""

import csv
import datetime as dt
import io

from tracker.exports.rows import to_csv
from tracker.matrix import EXPORT_COLUMNS, cells


def test_download_is_exactly_the_filtered_cells_with_the_as_of_date(db):
    df = cells(db, instruments="core", group="GCC", as_of=dt.date(2010, 12, 18))
    rows = list(csv.DictReader(io.StringIO(to_csv(df, as_of=dt.date(2010, 12, 18)))))
    assert list(rows[0]) == [*EXPORT_COLUMNS, "as_of"]
    assert len(rows) == 6 * 5
    assert {r["as_of"] for r in rows} == {"2010-12-18"}
    assert {r["instrument"] for r in rows} == {"ICRMW", "C097", "C143", "C181", "CEDAW"}
