"""Timing shared by the benchmarks: the best of several runs, since these machines are noisy."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def best(function: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The shortest time of `repeat` runs, and the last run's result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result
