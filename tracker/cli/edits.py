"""CLI commands for staff: set, history, revert, user, backup, restore."""

from __future__ import annotations

import argparse
import getpass
import sys

from tracker.cli.common import db_path, open_db
from tracker.errors import ValidationError
from tracker.evidence import Evidence

CHANGE_OPTIONS = {
    "status": "status",
    "signature_date": "signature date (YYYY-MM-DD; empty clears it)",
    "consent_date": "ratification/accession date (in-force date is derived from it)",
    "consent_kind": "ratification, accession or succession",
    "denunciation_date": "denunciation date",
    "note": "free-text note",
    "source_date": "the source's own date, as of which it describes the record (YYYY[-MM[-DD]]; "
    "default: today for a new source, else kept)",
    "evidence": "evidence level (depositary, official, secondary, none); never stronger than the "
    "source's URL and note support (default: graded from them)",
}


def cmd_set(args: argparse.Namespace) -> int:
    from tracker.audit import describe, history_entry
    from tracker.edits import apply_edit

    changes = {k: getattr(args, k) for k in CHANGE_OPTIONS if getattr(args, k) is not None}
    db = open_db(args)
    audit_id = apply_edit(
        db,
        actor=args.actor or "",
        iso3=args.iso3,
        instrument=args.code,
        changes=changes,
        reason=args.reason or "",
        source_url=args.source or "",
        expected_version=args.expected_version,
    )
    print(describe(history_entry(db, audit_id)))
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from tracker.audit import describe, history
    from tracker.edits import load_cell

    db = open_db(args)
    if args.iso3:
        load_cell(db, iso3=args.iso3, instrument=args.code or "ICRMW")  # unknown → error
    for entry in history(db, iso3=args.iso3, instrument=args.code, limit=args.limit):
        print(describe(entry))
    return 0


def cmd_revert(args: argparse.Namespace) -> int:
    from tracker.audit import describe, history_entry
    from tracker.edits import revert

    db = open_db(args)
    audit_id = revert(
        db, audit_id=args.audit_id, actor=args.actor or "", reason=args.reason, force=args.force
    )
    print(describe(history_entry(db, audit_id)))
    return 0


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Repeat password: "):
        raise ValidationError("password", "the two passwords differ")
    return first


def cmd_user(args: argparse.Namespace) -> int:
    from tracker.staff import auth

    if args.user_command == "hash":
        name = auth.normalise_username(args.name)
        print(f'{name} = "{auth.hash_password(_read_password(args))}"')
        return 0
    db = open_db(args)
    if args.user_command == "add":
        password = None if args.oidc_only else _read_password(args)
        name = auth.add_user(db, args.name, password)
        suffix = " (logs in only through the identity provider)" if password is None else ""
        print(f"user {name} added{suffix}")
    else:
        auth.set_disabled(db, args.name, disabled=args.user_command == "disable")
        print(f"user {args.name.strip().lower()} {args.user_command}d")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from tracker.integrity.backup import backup

    open_db(args).close()  # make sure the database exists and is migrated
    target = backup(db_path(args), args.path, overwrite=args.force)
    print(f"backed up {db_path(args)} to {target}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from tracker.db import connect
    from tracker.integrity.backup import restore

    saved = restore(args.path, db_path(args))
    connect(db_path(args)).close()  # bring an older backup up to the current schema
    kept = f"; previous database kept as {saved}" if saved else ""
    print(f"restored {db_path(args)} from {args.path}{kept}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the staff subcommands to the ``python -m tracker`` parser."""
    p = sub.add_parser("set", help="edit one cell (validated, versioned, audited)")
    p.add_argument("iso3", help="state, ISO3 code (e.g. KHM)")
    p.add_argument("code", help="instrument code (e.g. ICRMW, C189)")
    for field, text in CHANGE_OPTIONS.items():
        choices = [e.value for e in Evidence] if field == "evidence" else None
        p.add_argument("--" + field.replace("_", "-"), dest=field, help=text, choices=choices)
    p.add_argument("--source", help="http(s) URL of the source for this change (required)")
    p.add_argument("--actor", help="who makes the change (required)")
    p.add_argument("--reason", help="why (required)")
    p.add_argument("--expected-version", type=int, help="refuse if the cell is not this version")
    p.set_defaults(func=cmd_set)

    p = sub.add_parser("history", help="audit log, newest first")
    p.add_argument("iso3", nargs="?", help="only this state")
    p.add_argument("code", nargs="?", help="only this instrument")
    p.add_argument("--limit", type=int, default=50, help="at most this many entries (50)")
    p.set_defaults(func=cmd_history)

    p = sub.add_parser("revert", help="restore the values an audit entry replaced")
    p.add_argument("audit_id", type=int)
    p.add_argument("--actor", help="who reverts (required)")
    p.add_argument("--reason", help="why (default: 'revert #ID')")
    p.add_argument("--force", action="store_true", help="even if the cell changed since")
    p.set_defaults(func=cmd_revert)

    p = sub.add_parser(
        "user", help="staff accounts: user add|disable|enable NAME; user hash NAME for secrets"
    )
    p.add_argument("user_command", choices=["add", "disable", "enable", "hash"])
    p.add_argument("name")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p.add_argument(
        "--oidc-only",
        action="store_true",
        help="add: no password; NAME is an email that logs in with the identity provider",
    )
    p.set_defaults(func=cmd_user)

    p = sub.add_parser("backup", help="online backup of the database to PATH")
    p.add_argument("path")
    p.add_argument("--force", action="store_true", help="overwrite PATH if it exists")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="replace the database with a checked backup (.bak kept)")
    p.add_argument("path")
    p.set_defaults(func=cmd_restore)
