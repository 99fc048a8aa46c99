"""Units side by side: the suppressed table and the spread between units as equal treatment.

The spread of a share or a number of days is the lowest and highest value among the units and
the coefficient of variation (standard deviation over the mean, the units taken as the whole
population, not a sample). It is computed from the figures that are shown only, so that the
spread cannot give away a hidden one; with fewer than two shown units there is none.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from samverkan.followup.indicators import IndicatorTable, Kind
from samverkan.followup.suppression import THRESHOLD, SuppressedTable, suppress

__all__ = ["Spread", "UnitComparison", "spread", "compare_units"]


@dataclass(frozen=True)
class Spread:
    minimum: float
    maximum: float
    cv: float | None  # None when the mean is 0
    units: int


@dataclass(frozen=True)
class UnitComparison:
    table: SuppressedTable
    spreads: dict[tuple[str, str], Spread]  # (period, indicator id)

    def spread(self, period: str, indicator: str) -> Spread | None:
        return self.spreads.get((period, indicator))


def spread(values: list[float]) -> Spread | None:
    """Lowest, highest and coefficient of variation of at least two values."""
    if len(values) < 2:
        return None
    mean = statistics.fmean(values)
    cv = statistics.pstdev(values) / mean if mean else None
    return Spread(min(values), max(values), cv, len(values))


def compare_units(table: IndicatorTable, *, suppressed: SuppressedTable | None = None,
                  threshold: int = THRESHOLD) -> UnitComparison:
    """Measure the spread between the units that remain visible.

    `suppressed` is the table as the whole family of a log's views hides it
    (`samverkan.followup.family.compare_log`); without it the table is suppressed on its own.
    """
    if suppressed is None:
        suppressed = suppress(table, threshold=threshold)
    spreads: dict[tuple[str, str], Spread] = {}
    for period in table.periods:
        for indicator in table.indicators:
            if indicator.kind is Kind.COUNT:
                continue  # counts follow the units' size, not how equally children are treated
            shown = [suppressed.cell(period, indicator.id, g) for g in table.groups]
            values = [s.value for s in shown if s.visible and s.value is not None]
            found = spread(values)
            if found is not None:
                spreads[(period, indicator.id)] = found
    return UnitComparison(suppressed, spreads)
