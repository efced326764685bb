"""One measured benchmark figure (shared by the server and browser benchmarks)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Figure:
    """One measured figure: median of ``runs`` samples, with its target when it has one."""

    name: str
    value: float | None
    unit: str
    runs: int
    target: float | None = None
    note: str = ""

    @property
    def met(self) -> bool | None:
        """Whether the median is within the target (None without a target or value)."""
        if self.target is None or self.value is None:
            return None
        return self.value <= self.target
