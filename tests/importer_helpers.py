"""Shared helpers for the importer tests: fixture paths and readers."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "importers"


def fixture(name: str) -> bytes:
    """Raw bytes of a committed importer fixture."""
    return (FIXTURES / name).read_bytes()


def by_iso3(result) -> dict:
    """Parsed rows keyed by ISO3."""
    return {r.iso3: r for r in result.rows}
