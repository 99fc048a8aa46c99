"""The cost of the real flow: every case of an event log priced by the steps of a mapped case.

Each case is on one path (`samverkan.model.flow.PATHS`), counted in the period its report came
in (not opened) or its investigation was opened (every other path), as the indicators count
them. DuckDB adds up, per unit, month and path, the cases and the real weeks of each span of
the mapping: the days from its first milestone to its last, over seven. A case that has not
reached both milestones in the log (an investigation still open when the log ends, extended or
not) counts the span's mapped weeks: how long it will run is not known yet — for an extended
one the mapped weeks are a floor — and the weeks it has run so far would tell which month it
was opened in, which the counts may hide. The model's price of the path
(`samverkan.model.flow.path_price`) turns cases and weeks into hours, kronor and full-time
equivalents.

Small counts. A cost figure is its cases times a price the reader can work out from the case
and the mapping, plus the weeks its closed cases ran: divided by the price, it gives its count
back, and a total less the figures shown gives the hidden ones. A cost figure is therefore
shown only where the count of cases it covers is shown in the indicator tables — the paths'
counts are part of the protected family (`samverkan.followup.quantities`) — and the sum of
the paths only where every path is shown, so that it adds nothing to them. The count beside a
cost is the indicator table's own cell. The attacker test reads the costs too, as bounds on the
hidden counts (each case's cost lies between its path's price at the fewest and at the most
weeks its months allow), and checks the promise still holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from samverkan.followup.indicators import TOTAL, By, Period, period_sql, prepare_cases
from samverkan.followup.suppression import Shown, Status, SuppressedTable, View
from samverkan.formats.eventlog import EventLog
from samverkan.model import Case
from samverkan.model.costing import Figures
from samverkan.model.flow import (
    PATHS,
    FlowMapping,
    PathPrice,
    flow_prices,
    full_time_equivalents,
    span_weeks,
)

__all__ = ["ALL_PATHS", "PATH_INDICATORS", "CostCell", "FlowCost", "flow_cost",
           "month_cells", "months_in", "months_in_period"]

# The key of the sum of every path beside the paths themselves; no path id begins with a space.
ALL_PATHS: Final = " all"

# The indicator counting each path's cases in the protected family.
PATH_INDICATORS: Final[dict[str, str]] = {
    "not_opened": "path_not_opened",
    "closed_intervention": "path_closed_intervention",
    "closed_no_intervention": "path_closed_no_intervention",
    "extended": "path_extended",
    "open": "path_open",
}

_MONTHS: Final = {Period.month: 1.0, Period.quarter: 3.0, Period.year: 12.0}

# The column of the cases' table holding each milestone's day.
_COLUMNS: Final = {"report_received": "received", "preassessment_decided": "decided",
                   "investigation_opened": "opened", "investigation_closed": "closed"}

_PATH_SQL: Final = """
CASE WHEN opened IS NOT NULL THEN
       CASE WHEN extended THEN 'extended'
            WHEN closed IS NULL THEN 'open'
            WHEN closing = 'intervention' THEN 'closed_intervention'
            ELSE 'closed_no_intervention' END
     WHEN received IS NOT NULL AND decided IS NOT NULL AND decision <> 'opened'
       THEN 'not_opened' END
"""


@dataclass(frozen=True)
class CostCell:
    """One cost figure: the cases as the indicator tables show them, and the hours, kronor and
    full-time equivalents only when every count behind them is shown (`figures` else None)."""

    cases: Shown
    figures: Figures | None
    fte: float | None

    @property
    def visible(self) -> bool:
        return self.figures is not None

    @property
    def hours(self) -> float | None:
        return None if self.figures is None else self.figures.minutes / 60.0

    @property
    def kronor(self) -> float | None:
        return None if self.figures is None else self.figures.cost


@dataclass(frozen=True)
class FlowCost:
    case: Case
    mapping: FlowMapping
    period: Period
    as_of: dt.date
    groups: tuple[str, ...]
    periods: tuple[str, ...]
    cells: dict[tuple[str, str, str], CostCell]  # (period, path or ALL_PATHS, unit or TOTAL)
    prices: dict[str, PathPrice]
    mapped_weeks: dict[str, float]  # span id → the case's weeks for it

    def cell(self, period: str, path: str, group: str) -> CostCell:
        return self.cells[(period, path, group)]

    def per_case(self, path: str) -> Figures:
        """One case on the path at the mapped weeks: what the attacker is assumed to know."""
        return self.prices[path].cost(self.mapped_weeks)


# (unit, month, path) → (cases, {span id: real weeks summed over the cases})
Atoms = dict[tuple[str, str, str], tuple[int, dict[str, float]]]


def month_cells(log: EventLog, mapping: FlowMapping, mapped_weeks: Mapping[str, float],
                as_of: dt.date) -> Atoms:
    """Cases and real weeks per unit, month and path, summed in DuckDB."""
    prepare_cases(log, as_of)
    weeks = []
    parameters: dict[str, object] = {}
    for index, span in enumerate(mapping.spans):
        start, end = _COLUMNS[span.start], _COLUMNS[span.end]
        parameters[f"mapped{index}"] = mapped_weeks[span.id]
        weeks.append(
            f"sum(CASE WHEN {start} IS NULL OR {end} IS NULL THEN $mapped{index} "
            f"ELSE greatest({end} - {start}, 0) / 7.0 END) AS w{index}")
    month = period_sql(Period.month, "CASE WHEN path = 'not_opened' THEN received ELSE opened END")
    sql = f"""
        WITH c AS (SELECT *, {_PATH_SQL} AS path FROM followup_cases)
        SELECT unit, {month} AS month, path, count(*) AS n
               {''.join(', ' + w for w in weeks)}
        FROM c WHERE path IS NOT NULL GROUP BY ALL
    """
    found: Atoms = {}
    for row in log.connection.execute(sql, parameters).fetchall():
        unit, month_name, path, n, *spans = row
        found[(str(unit), str(month_name), str(path))] = (
            int(n), {span.id: float(w) for span, w in zip(mapping.spans, spans, strict=True)})
    return found


def months_in_period(month: str, length: Period) -> str:
    """The period of a length that a month (2024-03) falls in: 2024-03, 2024-Q1 or 2024."""
    if length is Period.month:
        return month
    if length is Period.quarter:
        return f"{month[:4]}-Q{(int(month[5:7]) - 1) // 3 + 1}"
    return month[:4]


def months_in(period: str, length: Period, months: Iterable[str]) -> list[str]:
    """The months of `months` that fall in `period` (a month, 2024-Q1 or 2024)."""
    return [m for m in months if months_in_period(m, length) == period]


def flow_cost(log: EventLog, case: Case, mapping: FlowMapping, *, period: Period,
              views: Mapping[View, SuppressedTable]) -> FlowCost:
    """The cost of every path per unit and period, shown as the protected family allows.

    `views` is every by-unit view of the log as it may be shown (`suppressed_views` or a kept
    protection's `protected_views`); the costs are for the same day."""
    shown_view = views[(By.unit, period)]
    as_of = shown_view.source.as_of
    mapped = {span.id: span_weeks(case, span.steps) for span in mapping.spans}
    prices = flow_prices(case, mapping)
    atoms = month_cells(log, mapping, mapped, as_of)
    months = views[(By.unit, Period.month)].source.periods
    groups = shown_view.source.groups
    zero_weeks = {span.id: 0.0 for span in mapping.spans}

    cells: dict[tuple[str, str, str], CostCell] = {}
    for name in shown_view.source.periods:
        inside = months_in(name, period, months)
        for group in (*groups, TOTAL):
            units = groups if group == TOTAL else (group,)
            for path in PATHS:
                cases = shown_view.cell(name, PATH_INDICATORS[path], group)
                keys = [(u, m, path) for u in units for m in inside]
                if not cases.visible:
                    cells[(name, path, group)] = CostCell(cases, None, None)
                    continue
                figures = Figures()
                for unit, month, _ in keys:
                    n, weeks = atoms.get((unit, month, path), (0, zero_weeks))
                    figures += prices[path].cost_of(n, weeks)
                cells[(name, path, group)] = CostCell(
                    cases, figures, full_time_equivalents(figures.minutes, case, _MONTHS[period]))
            # The sum of the paths where every path is shown: it adds nothing to them.
            parts = [cells[(name, path, group)] for path in PATHS]
            total = sum(int(c.cases.value or 0) for c in parts)
            cases = (Shown(Status.VALUE, float(total), total)
                     if all(c.cases.visible for c in parts) else Shown(Status.SECONDARY))
            if all(c.visible for c in parts):
                figures = Figures.total(c.figures for c in parts if c.figures is not None)
                cells[(name, ALL_PATHS, group)] = CostCell(
                    cases, figures, full_time_equivalents(figures.minutes, case, _MONTHS[period]))
            else:
                cells[(name, ALL_PATHS, group)] = CostCell(cases, None, None)
    return FlowCost(case, mapping, period, as_of, groups, shown_view.source.periods, cells,
                    prices, mapped)
