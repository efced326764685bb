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
