"""The provenance inputs of the Edit a cell form: evidence level choices, source-date hint."""

from __future__ import annotations

from tracker.evidence import Evidence, evidence_words

__all__ = ["EVIDENCE_CHOICES", "evidence_choice", "source_date_hint"]

# The Evidence level choices of the edit form: "" = graded from the source (the default).
EVIDENCE_CHOICES = ("", *(e.value for e in Evidence))


def evidence_choice(level: str) -> str:
    """A choice of the Evidence level selector in words."""
    if not level:
        return "graded from the source (automatic)"
    return f"{level}: {evidence_words(level)}"


def source_date_hint(cell: dict) -> str:
    """Placeholder of the source-date field: what an empty field means for this cell."""
    stored = cell.get("source_date")
    return f"empty: kept ({stored}) if the URL is unchanged, else today" if stored else "today"
