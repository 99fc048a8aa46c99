"""The cost of one case that takes a given path through the steps of a mapped case.

A path reaches some of the case's steps (a report that opens no investigation stops after the
pre-assessment). Every participation in minutes counts once per case that reaches its step. A
share of full time (`fte`) runs for weeks, and the weeks a real case spends in a step differ
from the mapped ones: steps are grouped in spans (the investigation, from its opening to its
closing), and an `fte` participation in a span's steps is scaled by the real weeks of the span
over its mapped weeks — an investigation of 20 weeks instead of 15 keeps a resource teacher a
third longer. Steps outside every span keep their mapped weeks.

The price of a path is therefore linear in the real weeks: a fixed part and a part per real week
of each span. It is worked out as `samverkan.model.costing.compute` does — each group's figures
are the mean over its organisations with tasks in the whole case, and the total is the sum of
the groups — so that a case on the full path at its mapped weeks costs exactly the case's total.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from samverkan.model.case import MONTHS_PER_YEAR, Case
from samverkan.model.costing import Figures, minute_cost, participant_minutes

__all__ = ["PATHS", "MILESTONES", "Span", "FlowMapping", "PathPrice", "scaled", "span_weeks",
           "path_price", "path_cost", "flow_prices", "full_time_equivalents"]

# The paths a case takes in an event log, each case on exactly one: a decided report that opened
# no investigation; an investigation closed, unextended, with or without an intervention; one
# extended, closed or still open; one still open and unextended.
PATHS: Final = ("not_opened", "closed_intervention", "closed_no_intervention", "extended", "open")

# Events whose day a span can run from or to: the milestones every case of a log has one of.
MILESTONES: Final = ("report_received", "preassessment_decided", "investigation_opened",
                     "investigation_closed")


@dataclass(frozen=True)
class Span:
    """Steps whose real weeks are the days from one milestone to a later one (or to the day the
    log ends, for a case that has not reached it), over seven."""

    id: str
    start: str
    end: str
    steps: tuple[str, ...]


@dataclass(frozen=True)
class FlowMapping:
    """Which steps of a case each path of an event log reaches, and the spans of real weeks."""

    name: str
    spans: tuple[Span, ...]
    paths: dict[str, tuple[str, ...]]  # every one of PATHS → the steps it reaches


def scaled(figures: Figures, factor: float) -> Figures:
    """Figures times a number: a cost per week times weeks, a case's cost times cases."""
    return Figures(figures.minutes * factor, figures.cost * factor,
                   figures.collaboration_minutes * factor)


@dataclass(frozen=True)
class PathPrice:
    """What one case on a path costs: `fixed`, plus `per_week[span]` for each real week."""

    fixed: Figures
    per_week: dict[str, Figures]

    def cost(self, weeks: Mapping[str, float]) -> Figures:
        """One case whose spans ran the given real weeks."""
        return self.fixed + Figures.total(scaled(f, weeks[span])
                                          for span, f in self.per_week.items())

    def cost_of(self, cases: float, weeks: Mapping[str, float]) -> Figures:
        """`cases` cases whose spans ran the given real weeks in all (summed over the cases)."""
        return scaled(self.fixed, cases) + Figures.total(scaled(f, weeks[span])
                                                         for span, f in self.per_week.items())


def span_weeks(case: Case, steps: Iterable[str]) -> float:
    """The mapped weeks of a span: the sum of its steps' weeks."""
    chosen = set(steps)
    return sum(s.weeks for s in case.steps if s.id in chosen)


def path_price(case: Case, steps: Iterable[str],
               spans: Mapping[str, Sequence[str]]) -> PathPrice:
    """The price of a path reaching `steps`; `spans` names each span's steps (a step in one
    span at most). A span whose steps are mapped to 0 weeks keeps its `fte` at mapped weeks."""
    reached = set(steps)
    span_of = {step: span for span, members in spans.items() for step in members}
    mapped = {span: span_weeks(case, members) for span, members in spans.items()}
    # The weight of an organisation's figures in the total: its share of its group's mean.
    weight: dict[str, float] = {}
    for group in case.groups:
        counted = case.counted_in(group)
        for organisation in counted:
            weight[organisation.id] = 1.0 / len(counted)
    role_cost = {role.id: minute_cost(role, case) for role in case.roles}
    fixed = Figures()
    per_week = {span: Figures() for span in spans}
    for step in case.steps:
        if step.id not in reached:
            continue
        span = span_of.get(step.id)
        for task in step.tasks:
            share = weight.get(task.org, 0.0)
            for participant in task.participants:
                minutes = participant_minutes(participant, case.hours_per_month, task.occasions)
                figures = Figures(minutes * share, minutes * share * role_cost[participant.role],
                                  minutes * share if task.is_collaboration else 0.0)
                if participant.is_fte and span is not None and mapped[span] > 0:
                    per_week[span] += scaled(figures, 1.0 / mapped[span])
                else:
                    fixed += figures
    return PathPrice(fixed, per_week)


def path_cost(case: Case, steps: Iterable[str], spans: Mapping[str, Sequence[str]],
              weeks: Mapping[str, float]) -> Figures:
    """One case on the path reaching `steps`, its spans having run `weeks`."""
    return path_price(case, steps, spans).cost(weeks)


def flow_prices(case: Case, mapping: FlowMapping) -> dict[str, PathPrice]:
    """The price of every path of a mapping, for one case."""
    spans = {span.id: span.steps for span in mapping.spans}
    return {path: path_price(case, mapping.paths[path], spans) for path in PATHS}


def full_time_equivalents(minutes: float, case: Case, months: float) -> float:
    """Full-time posts that `minutes` of work fill over `months`: the hours over one post's
    working hours in that time (paid hours times the productive share)."""
    hours = case.productive_hours_per_year * months / MONTHS_PER_YEAR
    return minutes / 60.0 / hours if hours else 0.0
