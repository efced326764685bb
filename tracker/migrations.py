"""Schema of the tracker database, as append-only sqlite-utils migrations.

Never edit a migration that has shipped: add a new one below it.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("tracker")


@migrations(name="0001_initial")
def initial(db: Database) -> None:
    """Countries, instruments, status cells, audit log, sources."""
    db["countries"].create(
        {
            "iso3": str,
            "name": str,
            "display_name": str,
            "un_subregion": str,
            "asean": int,
            "saarc": int,
            "gcc": int,
            "colombo_process": int,
            "abu_dhabi_dialogue": int,
            "gms": int,
            "bali_process": int,
            "un_member": int,
            "ilo_member": int,
            "migrant_stock": int,
            "migrant_stock_year": int,
            "emigrant_stock": int,
            "emigrant_stock_year": int,
            "migration_profile": str,
            "source_url": str,
            "checked_on": str,
            "note": str,
        },
        pk="iso3",
        not_null={"name", "display_name"},
    )
    db["instruments"].create(
        {
            "code": str,
            "short_title": str,
            "full_title": str,
            "body": str,
            "category": str,
            "core": int,
            "migrant_relevant": int,
            "adopted": str,
            "entry_into_force": str,
            "in_force_rule": str,
            "url": str,
            "worldwide_parties": int,
            "worldwide_as_of": str,
            "sort_order": int,
        },
        pk="code",
        not_null={"short_title", "full_title", "body", "in_force_rule"},
    )
    db["status"].create(
        {
            "iso3": str,
            "instrument": str,
            "status": str,
            "signature_date": str,
            "consent_date": str,
            "consent_kind": str,
            "in_force_date": str,
            "denunciation_date": str,
            "denunciation_kind": str,
            "note": str,
            "source_url": str,
            "checked_on": str,
            "verified": int,
            "version": int,
        },
        pk=("iso3", "instrument"),
        foreign_keys=[("iso3", "countries", "iso3"), ("instrument", "instruments", "code")],
        not_null={"status", "source_url", "checked_on", "verified", "version"},
        defaults={"verified": 0, "version": 1},
    )
    db["status"].create_index(["instrument", "status"])
    db["audit_log"].create(
        {
            "id": int,
            "at": str,
            "actor": str,
            "action": str,
            "iso3": str,
            "instrument": str,
            "old": str,
            "new": str,
            "reason": str,
            "source_url": str,
            "reverts": int,
        },
        pk="id",
        not_null={"at", "actor", "action", "reason"},
    )
    db["audit_log"].create_index(["iso3", "instrument"])
    db["audit_log"].create_index(["at"])
    # The audit log is append-only: the database itself refuses updates and deletes.
    db.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )
    db.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )
    db["sources"].create(
        {
            "id": str,
            "producer": str,
            "title": str,
            "url": str,
            "accessed_on": str,
            "licence": str,
            "sha256": str,
            "note": str,
        },
        pk="id",
    )


@migrations(name="0002_staff_users")
def staff_users(db: Database) -> None:
    """Staff accounts (argon2 password hashes) and login attempts for throttling."""
    db["users"].create(
        {"username": str, "password_hash": str, "created_at": str, "disabled": int},
        pk="username",
        not_null={"password_hash", "created_at", "disabled"},
        defaults={"disabled": 0},
    )
    db["login_attempts"].create(
        {"id": int, "username": str, "at": str, "ok": int},
        pk="id",
        not_null={"username", "at", "ok"},
    )
    db["login_attempts"].create_index(["username", "at"])


@migrations(name="0003_corridors")
def corridors(db: Database) -> None:
    """UN DESA bilateral migrant stock between tracked states, and each origin's world total."""
    db["corridors"].create(
        {"year": int, "origin": str, "destination": str, "stock": int},
        pk=("year", "origin", "destination"),
        not_null={"stock"},
    )
    db["corridors"].create_index(["destination", "year"])


@migrations(name="0004_audit_hash_chain")
def audit_hash_chain(db: Database) -> None:
    """Audit rows carry a sha256 hash chain; INSERT OR REPLACE cannot overwrite a row."""
    from tracker.audit import GENESIS, HASHED, row_hash

    db["audit_log"].add_column("hash", str)
    # Backfill: lift the no-update trigger for this one pass, inside the migration.
    db.execute("DROP TRIGGER audit_log_no_update")
    previous = GENESIS
    cur = db.execute(f"select {', '.join(HASHED)} from audit_log order by id")
    for values in cur.fetchall():
        previous = row_hash(previous, dict(zip(HASHED, values, strict=True)))
        db.execute("update audit_log set hash = ? where id = ?", [previous, values[0]])
    db.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )
    # REPLACE deletes the old row without firing delete triggers: refuse an existing id first.
    db.execute(
        "CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log "
        "WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id) "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )


@migrations(name="0005_staff_sessions")
def staff_sessions(db: Database) -> None:
    """Server-side staff sessions, a server key, and keyed (not plain) names in login attempts."""
    db["server_keys"].create({"name": str, "value": str}, pk="name", not_null={"value"})
    db["staff_sessions"].create(
        {
            "token_hash": str,
            "username": str,
            "created_at": str,
            "last_seen": str,
            "expires_at": str,
        },
        pk="token_hash",
        not_null={"username", "created_at", "last_seen", "expires_at"},
    )
    db["staff_sessions"].create_index(["username"])
    db["login_attempts"].add_column("name_key", str, not_null_default="")
    db["login_attempts"].add_column("client_key", str, not_null_default="")
    db["login_attempts"].create_index(["name_key", "at"])
    db["login_attempts"].create_index(["client_key", "at"])


@migrations(name="0006_memberships")
def memberships(db: Database) -> None:
    """Dated group memberships: since when a state belongs to a group (``since`` null = unknown)."""
    db["memberships"].create(
        {"group_name": str, "iso3": str, "since": str, "source_url": str, "note": str},
        pk=("group_name", "iso3"),
        foreign_keys=[("iso3", "countries", "iso3")],
        not_null={"source_url"},
    )


@migrations(name="0007_evidence_levels")
def evidence_levels(db: Database) -> None:
    """Per cell: the source's own date and an evidence level; checked-on may be empty (never).

    ``evidence`` (depositary / official / secondary / none) replaces the bare ``verified`` flag,
    which stays for old readers but is no longer derived from or shown. Existing cells are
    graded from their source URL and note.
    """
    from tracker.evidence import grade

    db["status"].add_column("source_date", str)
    db["status"].add_column("evidence", str)
    for iso3, code, url, note in db.execute(
        "select iso3, instrument, source_url, note from status"
    ).fetchall():
        db.execute(
            "update status set evidence = ?, source_date = checked_on "
            "where iso3 = ? and instrument = ?",
            [grade(url or "", note or "").value, iso3, code],
        )
    db["status"].transform(
        not_null={"checked_on": False, "evidence": True}, defaults={"evidence": "none"}
    )
