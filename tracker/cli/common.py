"""Helpers shared by the CLI modules: date arguments and the one way to open the database."""

from __future__ import annotations

import argparse
import datetime as dt

from sqlite_utils import Database


def date_arg(text: str) -> dt.date:
    """argparse type for ``YYYY-MM-DD`` dates."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def open_db(args: argparse.Namespace) -> Database:
    """The database named by ``--db`` (or the default), migrated and seeded if empty."""
    from tracker.db import connect
    from tracker.seeding.seed import seed

    db = connect(args.db)
    if db["status"].count == 0:
        seed(db)
    return db


def db_path(args: argparse.Namespace):
    """The database file named by ``--db`` (or the default path)."""
    from tracker import config

    return args.db or config.db_path()
