"""The counts of cases behind every figure of a log, and every sum a reader can make of them.

Each indicator cell rests on one or two counts of cases: a count is itself, a share shows its
base `n` and (through its value) its part, a number of days shows its base `n`. The same count
appears in many places: every view (by unit, by reporter type; month, quarter, year) of one log
is one family of linked tables, and a reader holding all of them can add and subtract across
them. This module names each count once for the whole family and lists the linear relations
between them:

- the groups of a view add up to its total, and the total is the same whichever breakdown;
- months add up to quarters and quarters to years;
- within a cell, reports received = pre-assessments due + pending, investigations opened = due
  + pending, due = closed in time + extended + late, and parts never exceed their bases;
- the reports from schools of every unit add up to the school row of the reporter-type view;
- over the whole log, investigations closed by the period they closed in and by the period they
  were opened in are the same cases.

Suppression (`samverkan.followup.suppression`) and its audit use exactly these relations.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final, Literal

from samverkan.followup.indicators import TOTAL, By, IndicatorTable, Period

__all__ = [
    "Quantity",
    "Role",
    "CountKey",
    "Relation",
    "SOURCES",
    "CELL_QUANTITIES",
    "HIDDEN_FIRST",
    "FamilyCounts",
    "count_key",
    "family_counts",
    "is_count_like",
]

Role = Literal["count", "base", "part"]

# The count behind each (indicator, role): where its value is read from the indicator table.
Quantity = str
SOURCES: Final[dict[Quantity, tuple[str, Role]]] = {
    "received": ("reports_received", "count"),
    "pre_due": ("preassessment_within_14_days", "base"),
    "pre_on_time": ("preassessment_within_14_days", "part"),
    "pre_pending": ("preassessment_not_yet_due", "count"),
    "decided": ("share_opened", "base"),
    "led": ("share_opened", "part"),
    "focus": ("reporter_reports", "count"),
    "meeting": ("report_meeting_share", "part"),
    "feedback": ("feedback_share", "part"),
    "opened": ("investigations_opened", "count"),
    "inv_due": ("investigation_within_4_months", "base"),
    "inv_on_time": ("investigation_within_4_months", "part"),
    "extended": ("investigation_extended_share", "part"),
    "late": ("investigation_late_share", "part"),
    "inv_pending": ("investigation_not_yet_due", "count"),
    "closed_cohort": ("investigation_days_median", "base"),
    "intervention": ("intervention_share", "part"),
    "evaluation": ("evaluation_share", "part"),
    "closed": ("investigations_closed", "count"),
    "not_opened": ("path_not_opened", "count"),
    "path_intervention": ("path_closed_intervention", "count"),
    "path_no_intervention": ("path_closed_no_intervention", "count"),
    "path_extended": ("path_extended", "count"),
    "path_open": ("path_open", "count"),
}

# Which counts each indicator's cell reveals when it is shown, as (role, quantity).
CELL_QUANTITIES: Final[dict[str, tuple[tuple[Role, Quantity], ...]]] = {
    "reports_received": (("count", "received"),),
    "preassessment_within_14_days": (("base", "pre_due"), ("part", "pre_on_time")),
    "preassessment_not_yet_due": (("count", "pre_pending"),),
    "preassessment_days_median": (("base", "decided"),),
    "preassessment_days_p90": (("base", "decided"),),
    "share_opened": (("base", "decided"), ("part", "led")),
    "reporter_reports": (("count", "focus"),),
    "report_meeting_share": (("base", "focus"), ("part", "meeting")),
    "feedback_share": (("base", "focus"), ("part", "feedback")),
    "feedback_days_median": (("base", "feedback"),),
    "investigations_opened": (("count", "opened"),),
    "investigations_closed": (("count", "closed"),),
    "investigation_within_4_months": (("base", "inv_due"), ("part", "inv_on_time")),
    "investigation_extended_share": (("base", "inv_due"), ("part", "extended")),
    "investigation_late_share": (("base", "inv_due"), ("part", "late")),
    "investigation_not_yet_due": (("count", "inv_pending"),),
    "investigation_days_median": (("base", "closed_cohort"),),
    "investigation_days_p90": (("base", "closed_cohort"),),
    "intervention_share": (("base", "opened"), ("part", "intervention")),
    "evaluation_share": (("base", "closed_cohort"), ("part", "evaluation")),
    "path_not_opened": (("count", "not_opened"),),
    "path_closed_intervention": (("count", "path_intervention"),),
    "path_closed_no_intervention": (("count", "path_no_intervention"),),
    "path_extended": (("count", "path_extended"),),
    "path_open": (("count", "path_open"),),
}

# Counts that by unit concern reports from schools only, and by reporter type all reports.
_FOCUS: Final = frozenset({"focus", "meeting", "feedback"})
_SCHOOL: Final = "school"

# (view breakdown or "*" when the same in both, period length, period, group, quantity)
CountKey = tuple[str, str, str, str, Quantity]


def count_key(by: By, length: Period, period: str, group: str, quantity: Quantity) -> CountKey:
    """The one name of a count, whichever view shows it."""
    if by is By.reporter and quantity == "focus":
        quantity = "received"  # by reporter type every report is its own type's report
    if quantity in _FOCUS and by is By.unit and group == TOTAL:
        # All units' reports from schools are the school row of the reporter-type view.
        return (By.reporter.value, length.value, period, _SCHOOL,
                "received" if quantity == "focus" else quantity)
    if group == TOTAL and quantity not in _FOCUS:
        return ("*", length.value, period, TOTAL, quantity)
    return (by.value, length.value, period, group, quantity)


@dataclass(frozen=True)
class Relation:
    """Σ coefficient × count = 0 (`equal`) or ≤ 0."""

    terms: tuple[tuple[CountKey, int], ...]
    equal: bool


@dataclass(frozen=True)
class FamilyCounts:
    """Every count of the family with its true value, and the relations between them."""

    values: dict[CountKey, int]
    relations: tuple[Relation, ...]


def _value(table: IndicatorTable, period: str, group: str, quantity: Quantity) -> int:
    indicator, role = SOURCES[quantity]
    cell = table.cell(period, indicator, group)
    if role == "part":
        return cell.part
    if role == "base":
        return cell.base
    return int(cell.value or 0)


def _quarter_of(month: str) -> str:
    return f"{month[:4]}-Q{(int(month[5:7]) - 1) // 3 + 1}"


def _sum(parts: Iterable[CountKey], whole: CountKey) -> Relation:
    terms: dict[CountKey, int] = {}
    for key in parts:
        terms[key] = terms.get(key, 0) + 1
    terms[whole] = terms.get(whole, 0) - 1
    return Relation(tuple((k, c) for k, c in terms.items() if c), True)


def _at_most(small: CountKey, large: CountKey) -> Relation:
    return Relation(((small, 1), (large, -1)), False)


# The counts of the paths an opened investigation takes: hidden first when a figure must be
# hidden for another's sake, so that the indicators' own figures are spared where a path's
# count does as well. Four small parts of every investigation count would otherwise take the
# investigation counts (and every share resting on them) down with them.
HIDDEN_FIRST: Final = frozenset({"path_intervention", "path_no_intervention", "path_extended",
                                "path_open"})

# Within one cell: (whole, parts) that partition the whole, and (part, base) pairs.
_PARTITIONS: Final = (
    ("received", ("pre_due", "pre_pending")),
    ("opened", ("inv_due", "inv_pending")),
    ("inv_due", ("inv_on_time", "extended", "late")),
    # The paths: a decided report opened an investigation or not; an opened one is closed
    # (with or without an intervention) unextended, extended, or still open unextended.
    ("decided", ("led", "not_opened")),
    ("opened", ("path_intervention", "path_no_intervention", "path_extended", "path_open")),
)
_AT_MOST: Final = (
    ("decided", "pre_due"), ("pre_on_time", "decided"), ("led", "decided"),
    ("meeting", "focus"), ("feedback", "focus"), ("closed_cohort", "inv_due"),
    ("inv_on_time", "closed_cohort"), ("evaluation", "closed_cohort"),
    ("intervention", "opened"),
    # Past four months with an extension is one kind of extended case.
    ("extended", "path_extended"),
)
# Within one cell: Σ parts ≤ the whole, for parts that need not cover it. The unextended
# closed paths are closed cases; every closed case is on a path other than still open.
_WITHIN: Final = (
    (("path_intervention", "path_no_intervention"), "closed_cohort"),
    (("closed_cohort", "path_open"), "opened"),
)


def family_counts(tables: Mapping[tuple[By, Period], IndicatorTable]) -> FamilyCounts:
    """Name every count of every view once, and list every relation between them."""
    values: dict[CountKey, int] = {}
    relations: list[Relation] = []
    for (by, length), table in tables.items():
        targets = (*table.groups, TOTAL)
        for period in table.periods:
            for group in targets:
                key = {q: count_key(by, length, period, group, q) for q in SOURCES}
                for quantity, name in key.items():
                    values[name] = _value(table, period, group, quantity)
                for whole, parts in _PARTITIONS:
                    relations.append(_sum((key[p] for p in parts), key[whole]))
                relations += [_at_most(key[a], key[b]) for a, b in _AT_MOST]
                relations += [Relation((*((key[p], 1) for p in parts), (key[whole], -1)),
                                       False) for parts, whole in _WITHIN]
                if by is By.unit:
                    relations.append(_at_most(key["focus"], key["received"]))
            for quantity in SOURCES:
                relations.append(_sum(
                    (count_key(by, length, period, g, quantity) for g in table.groups),
                    count_key(by, length, period, TOTAL, quantity),
                ))
        for group in targets:
            # Closed by the period they closed in, or by the period they were opened in.
            relations.append(Relation(tuple(
                [(count_key(by, length, p, group, "closed"), 1) for p in table.periods]
                + [(count_key(by, length, p, group, "closed_cohort"), -1)
                   for p in table.periods]
            ), True))
    relations += _time_relations(tables)
    # A relation can name the same count twice over (the school row by reporter type is both
    # a group and, by unit, a total); coefficients are merged so every term is distinct.
    return FamilyCounts(values, tuple(_merged(r) for r in relations))


def _merged(relation: Relation) -> Relation:
    terms: dict[CountKey, int] = {}
    for key, coefficient in relation.terms:
        terms[key] = terms.get(key, 0) + coefficient
    return Relation(tuple((k, c) for k, c in terms.items() if c), relation.equal)


def _time_relations(tables: Mapping[tuple[By, Period], IndicatorTable]) -> list[Relation]:
    """Months add up to quarters, quarters to years; a period a view does not list has none."""
    relations: list[Relation] = []
    for by in By:
        months = tables.get((by, Period.month))
        quarters = tables.get((by, Period.quarter))
        years = tables.get((by, Period.year))
        pairs: list[tuple[IndicatorTable, IndicatorTable, Period, Period, int]] = []
        if months is not None and quarters is not None:
            pairs.append((months, quarters, Period.month, Period.quarter, 0))
        if quarters is not None and years is not None:
            pairs.append((quarters, years, Period.quarter, Period.year, 1))
        elif months is not None and years is not None:
            pairs.append((months, years, Period.month, Period.year, 2))
        for fine, coarse, fine_length, coarse_length, kind in pairs:
            children: dict[str, list[str]] = {p: [] for p in coarse.periods}
            for period in fine.periods:
                parent = _quarter_of(period) if kind == 0 else period[:4]
                children.setdefault(parent, []).append(period)
            for group in (*coarse.groups, TOTAL):
                for parent, kids in children.items():
                    for quantity in SOURCES:
                        relations.append(_sum(
                            (count_key(by, fine_length, k, group, quantity) for k in kids),
                            count_key(by, coarse_length, parent, group, quantity),
                        ))
    return relations


def is_count_like(quantity: Quantity) -> bool:
    """A count shown as a figure or as a base, as opposed to the part of a share."""
    return any(role != "part" for role, q in _roles(quantity))


def _roles(quantity: Quantity) -> list[tuple[Role, Quantity]]:
    return [(role, q) for pairs in CELL_QUANTITIES.values() for role, q in pairs
            if q == quantity]

