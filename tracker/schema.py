"""The column lists, stated once: status fields, dates, editable fields, exports, groups.

Every other module derives its lists from these; migrations stay literal (append-only).
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.audit import HASHED

# Stored event dates: what the as-of view and "What's new" are computed from.
EVENT_DATES = ("signature_date", "consent_date", "denunciation_date")
# Every date field of a status cell (in_force_date is derived from the consent date).
DATE_FIELDS = ("signature_date", "consent_date", "in_force_date", "denunciation_date")
# What staff may change in a cell (one edit, the bulk upload, the CLI ``set``).
EDITABLE = (
    "status",
    "signature_date",
    "consent_date",
    "consent_kind",
    "in_force_date",
    "denunciation_date",
    "denunciation_kind",
    "note",
    "verified",
)
# Fields recorded in the audit row when they change (provenance alone is not a change).
AUDITED = (*EDITABLE, "source_url", "source_date", "checked_on", "evidence")
# Provenance that follows from an edit; on its own it is not a change.
UNAUDITED_ALONE = frozenset({"checked_on", "source_date", "evidence"})
# The fields an official import owns (staff notes and the verified flag stay).
IMPORT_OWNED = ("status", "signature_date", "consent_date", "consent_kind", "denunciation_date")
# The fields a bulk-edit row may change.
BULK_CHANGE_FIELDS = (
    "status",
    "signature_date",
    "consent_date",
    "consent_kind",
    "in_force_date",
    "denunciation_date",
    "source_date",
)
# Columns a bulk-edit file may carry that say something about the file, not the cell: ignored
# (``verified`` is in downloads made before evidence levels; ``checked_on`` in the export is
# stamped by the edit itself; ``evidence`` is taken from the file only where it differs from the
# stored level, capped by the grade of the row's source: see tracker/bulk.py).
BULK_INFORMATIONAL = ("as_of", "verified")
# Columns of data/status.csv (the reviewable seed), in file order.
STATUS_COLUMNS = [
    "iso3",
    "instrument",
    "status",
    "signature_date",
    "consent_date",
    "consent_kind",
    "in_force_date",
    "denunciation_date",
    "denunciation_kind",
    "source_url",
    "source_date",
    "checked_on",
    "evidence",
    "verified",
    "note",
]
# Columns of data/refresh_log.csv: the audit rows the depositary refresh of the seed produced.
# (the audit log's hashed content, in its frozen order, without the id and the revert link).
REFRESH_LOG_COLUMNS = [c for c in HASHED if c not in ("id", "reverts")]
# Columns of every long-format export (CLI, dashboard download, static site, bulk edit).
EXPORT_COLUMNS = [
    "iso3",
    "country",
    "instrument",
    "status",
    "signature_date",
    "consent_date",
    "consent_kind",
    "in_force_date",
    "denunciation_date",
    "source_url",
    "source_date",
    "checked_on",
    "evidence",
]

REGIONAL_PROCESS = "regional process"
SUBREGIONAL_PROGRAMME = "subregional programme"
UN_SUBREGION = "UN subregion"
MIGRATION_PROFILE = "migration profile"


@dataclass(frozen=True)
class Group:
    """A named set of states (``kind``: regional process, UN subregion, migration profile…)."""

    name: str
    label: str
    column: str
    value: str | int = 1
    kind: str = REGIONAL_PROCESS
    verified: bool = True


GROUPS: dict[str, Group] = {
    g.name: g
    for g in (
        Group("ASEAN", "ASEAN", "asean"),
        Group("SAARC", "SAARC", "saarc"),
        Group("GCC", "Gulf Cooperation Council", "gcc"),
        Group("COLOMBO", "Colombo Process", "colombo_process"),
        Group("ADD", "Abu Dhabi Dialogue", "abu_dhabi_dialogue"),
        Group("GMS", "Greater Mekong Subregion", "gms", kind=SUBREGIONAL_PROGRAMME),
        Group("BALI", "Bali Process (unverified)", "bali_process", verified=False),
        Group("CENTRAL_ASIA", "Central Asia", "un_subregion", "Central Asia", UN_SUBREGION),
        Group("EASTERN_ASIA", "Eastern Asia", "un_subregion", "Eastern Asia", UN_SUBREGION),
        Group(
            "SOUTH_EASTERN_ASIA",
            "South-eastern Asia",
            "un_subregion",
            "South-eastern Asia",
            UN_SUBREGION,
        ),
        Group("SOUTHERN_ASIA", "Southern Asia", "un_subregion", "Southern Asia", UN_SUBREGION),
        Group("WESTERN_ASIA", "Western Asia", "un_subregion", "Western Asia", UN_SUBREGION),
        Group("ORIGIN", "Countries of origin", "migration_profile", "origin", MIGRATION_PROFILE),
        Group(
            "DESTINATION",
            "Countries of destination",
            "migration_profile",
            "destination",
            MIGRATION_PROFILE,
        ),
        Group(
            "ORIGIN_AND_DESTINATION",
            "Both origin and destination",
            "migration_profile",
            "both",
            MIGRATION_PROFILE,
        ),
    )
}
# The confirmed regional processes: a state's peers for campaign targets.
PEER_GROUPS = tuple(g.name for g in GROUPS.values() if g.kind == REGIONAL_PROCESS and g.verified)
# The confirmed regional groupings a state belongs to (profile, presenter): processes + GMS.
REGIONAL_GROUPS = tuple(
    g.name
    for g in GROUPS.values()
    if g.kind in (REGIONAL_PROCESS, SUBREGIONAL_PROGRAMME) and g.verified
)
# Membership flag columns of the countries table (1 = member), one per regional grouping.
GROUP_FLAG_COLUMNS = tuple(g.column for g in GROUPS.values() if g.value == 1)
# The 0/1 columns of the countries table: one per regional grouping, then UN and ILO membership.
COUNTRY_FLAG_COLUMNS = (*GROUP_FLAG_COLUMNS, "un_member", "ilo_member")
