"""Small-count suppression: nothing shown or exported can point to one child's case.

Primary suppression: a count of 1–4 is shown as "<5"; a share or a number of days that rests on
fewer than 5 cases is hidden. Secondary suppression works line by line (one period, one
indicator, every group and the municipality's total): as long as any hidden count could be
worked out from the total and the visible counts, the smallest visible count is hidden too, and
when no count is left to hide, the total is. For shares, a single hidden share in a line takes
the share with the next smallest base with it, so that the total's numerator cannot be split.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from samverkan.followup.indicators import TOTAL, Cell, IndicatorTable, Kind

__all__ = ["THRESHOLD", "Status", "Shown", "SuppressedTable", "suppress", "hidden_is_derivable"]

THRESHOLD: Final = 5


class Status(StrEnum):
    VALUE = "value"  # shown as it is
    SMALL = "small"  # a count of 1–4, shown as "<5"
    HIDDEN = "hidden"  # rests on fewer than 5 cases
    SECONDARY = "secondary"  # hidden so that another hidden figure cannot be worked out
    EMPTY = "empty"  # no case to compute it from


@dataclass(frozen=True)
class Shown:
    """A figure as it may be shown: the value only when the status is VALUE."""

    status: Status
    value: float | None = None
    base: int | None = None

    @property
    def visible(self) -> bool:
        return self.status is Status.VALUE


@dataclass(frozen=True)
class SuppressedTable:
    source: IndicatorTable
    cells: dict[tuple[str, str, str], Shown]
    threshold: int

    def cell(self, period: str, indicator: str, group: str) -> Shown:
        return self.cells.get((period, indicator, group), Shown(Status.EMPTY))


def _primary(cell: Cell, kind: Kind, threshold: int) -> Shown:
    if kind is Kind.COUNT:
        n = int(cell.value or 0)
        if 0 < n < threshold:
            return Shown(Status.SMALL)
        return Shown(Status.VALUE, float(n), n)
    if cell.base == 0 or cell.value is None:
        return Shown(Status.EMPTY)
    if cell.base < threshold:
        return Shown(Status.HIDDEN)
    return Shown(Status.VALUE, cell.value, cell.base)


def hidden_is_derivable(hidden: list[tuple[int, int]], total: int, visible_sum: int) -> bool:
    """Whether any hidden count is pinned down by the total and the visible counts.

    `hidden` holds (low, high) bounds that a reader knows for each hidden count: 1–4 for "<5",
    5 and up for a secondary suppression. The hidden counts sum to `total - visible_sum`.
    """
    remainder = total - visible_sum
    lows = sum(low for low, _ in hidden)
    highs = sum(high for _, high in hidden)
    for low, high in hidden:
        least = max(low, remainder - (highs - high))
        most = min(high, remainder - (lows - low))
        if least == most:
            return True
    return False


def _suppress_counts(
    line: dict[str, Shown], raw: dict[str, int], threshold: int
) -> dict[str, Shown]:
    line = dict(line)
    total_shown = line.get(TOTAL, Shown(Status.EMPTY)).visible
    while total_shown:
        hidden = [
            (1, threshold - 1) if s.status is Status.SMALL else (threshold, math.inf)
            for g, s in line.items() if g != TOTAL and not s.visible
        ]
        if not hidden:
            break
        bounds = [(int(low), int(high) if high != math.inf else 10**12) for low, high in hidden]
        visible_sum = sum(raw[g] for g, s in line.items() if g != TOTAL and s.visible)
        if not hidden_is_derivable(bounds, raw[TOTAL], visible_sum):
            break
        candidates = [g for g, s in line.items() if g != TOTAL and s.visible and raw[g] > 0]
        if candidates:
            smallest = min(candidates, key=lambda g: (raw[g], g))
            line[smallest] = Shown(Status.SECONDARY)
        else:
            line[TOTAL] = Shown(Status.SECONDARY)
            total_shown = False
    return line


def _suppress_shares(line: dict[str, Shown], bases: dict[str, int]) -> dict[str, Shown]:
    line = dict(line)
    groups = [g for g in line if g != TOTAL]
    hidden = [g for g in groups if line[g].status in (Status.HIDDEN, Status.SECONDARY)]
    if len(hidden) == 1 and line.get(TOTAL, Shown(Status.EMPTY)).visible:
        candidates = [g for g in groups if line[g].visible]
        if candidates:
            smallest = min(candidates, key=lambda g: (bases[g], g))
            line[smallest] = Shown(Status.SECONDARY)
        else:
            line[TOTAL] = Shown(Status.SECONDARY)
    return line


def suppress(table: IndicatorTable, *, threshold: int = THRESHOLD) -> SuppressedTable:
    """The table as it may be shown: primary and secondary suppression on every line."""
    cells: dict[tuple[str, str, str], Shown] = {}
    targets = (*table.groups, TOTAL)
    for period in table.periods:
        for indicator in table.indicators:
            raw = {g: table.cell(period, indicator.id, g) for g in targets}
            line = {g: _primary(c, indicator.kind, threshold) for g, c in raw.items()}
            if indicator.kind is Kind.COUNT:
                line = _suppress_counts(line, {g: int(c.value or 0) for g, c in raw.items()},
                                        threshold)
            elif indicator.kind is Kind.SHARE:
                line = _suppress_shares(line, {g: c.base for g, c in raw.items()})
            for group, shown in line.items():
                cells[(period, indicator.id, group)] = shown
    return SuppressedTable(table, cells, threshold)
