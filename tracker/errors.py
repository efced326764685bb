"""Typed errors raised by the tracker library."""

from __future__ import annotations


class TrackerError(Exception):
    """Base class for every error the tracker reports to a user."""


class UnknownCountry(TrackerError, ValueError):
    """A country name or code that is not one of the tracked entities."""


class UnknownInstrument(TrackerError, ValueError):
    """An instrument code that the tracker does not know."""


class UnknownGroup(TrackerError, ValueError):
    """A group name (ASEAN, GCC, …) that the tracker does not know."""


class ValidationError(TrackerError, ValueError):
    """Input that breaks a rule; ``field`` names the offending field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class ParseError(TrackerError, ValueError):
    """A source file that cannot be parsed."""


class UnreadableFile(TrackerError):
    """A file named on the command line that cannot be read."""


class InvalidEdit(ValidationError):
    """An edit that breaks one or more rules; ``problems`` holds every ValidationError."""

    def __init__(self, problems: list[ValidationError]) -> None:
        first = problems[0]
        super().__init__(first.field, first.message)
        self.problems = problems
        self.args = ("; ".join(str(p) for p in problems),)

    def __str__(self) -> str:
        return "; ".join(str(p) for p in self.problems)


class StaleEdit(TrackerError):
    """The cell changed since the editor loaded it (optimistic locking on ``status.version``)."""

    def __init__(self, *, expected: int, stored: int, current: dict | None = None) -> None:
        super().__init__(
            f"the cell changed since you loaded it (you edited version {expected}, "
            f"it is now version {stored}); nothing was saved"
        )
        self.expected = expected
        self.stored = stored
        self.current = current or {}


class NoChange(TrackerError):
    """An edit whose values equal the stored ones: nothing to write."""


class RevertConflict(TrackerError):
    """A revert refused because the cell changed after the audit entry (``later`` ids)."""

    def __init__(self, audit_id: int, later: list[int]) -> None:
        shown = ", ".join(f"#{i}" for i in later)
        super().__init__(
            f"audit entry #{audit_id} cannot be reverted: the cell changed since ({shown}); "
            "revert those first or force"
        )
        self.audit_id = audit_id
        self.later = later


class BackupError(TrackerError):
    """A backup that cannot be written or a file that is not a tracker database."""


class DatabaseBusy(TrackerError):
    """Another process held the database's write lock for too long; nothing was written."""


class ExportError(TrackerError):
    """An export (image, deck, brief, bundle) that cannot be produced on this machine."""


class ImportBlocked(TrackerError):
    """An import that must not be applied as it stands (e.g. unknown country names)."""


class OutputPathError(TrackerError):
    """A path the tracker refuses to write: the database, a system folder, a foreign file."""


class LoginBusy(TrackerError):
    """Too many password checks are running at once; the login was not checked."""


class OidcRefused(TrackerError):
    """An identity-provider login that does not make its user staff (no such account, …)."""


class OidcLoginStale(OidcRefused):
    """The identity-provider login is too old to start a new staff session: log in again."""
