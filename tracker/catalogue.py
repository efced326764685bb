"""What the database holds: the stored states and instruments (for pickers and the map)."""

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


def states_by_name(db: Database) -> dict[str, str]:
    """iso3 → display name of every stored state, A–Z by display name."""
    return {
        r["iso3"]: r["display_name"] for r in db["countries"].rows_where(order_by="display_name")
    }


def instrument_codes(db: Database) -> list[str]:
    """Codes of every stored instrument, in display order."""
    return [r["code"] for r in db["instruments"].rows_where(order_by="sort_order")]
