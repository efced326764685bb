"""One measured benchmark figure (shared by the server and browser benchmarks)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
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


def timed(fn: Callable[[], object], *, runs: int) -> tuple[float, list[float], object]:
    """Run ``fn`` once to warm up, then ``runs`` times; median and samples in ms, last result."""
    samples, result = [], fn()
    for _ in range(max(runs, 1)):
        start = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), samples, result
