"""What the database holds: instrument codes and state names that have status cells."""

from __future__ import annotations

from sqlite_utils import Database


def instrument_codes_in_use(db: Database) -> list[str]:
    """Codes of the instruments that have status cells, in display order."""
    rows = db.execute(
        "select code from instruments where code in (select distinct instrument from status) "
        "order by sort_order"
    ).fetchall()
    return [c for (c,) in rows]


def state_names_in_use(db: Database) -> dict[str, str]:
    """iso3 → display name of the states that have status cells."""
    rows = db.execute(
        "select iso3, display_name from countries where iso3 in (select distinct iso3 from status)"
    ).fetchall()
    return dict(rows)


def stored_display_names(db: Database) -> dict[str, str]:
    """iso3 → display name of every stored state."""
    return dict(db.execute("select iso3, display_name from countries").fetchall())
