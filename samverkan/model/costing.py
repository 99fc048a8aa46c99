"""Time and cost of a case, from participant up to the total (seed 000, chapters 4 and 5.1).

Cost per minute = monthly cost incl. employer contributions ÷ hours per month ÷ 60. A group's
figures are the *means* over its organisations (two schools mapping the same story are two
realisations of "the school"; one with no tasks yet is not a realisation and is left out);
the total is the sum of the group means. Shares are ratios of those means, which is how the
published Lucas shares (6 %, 2 %, 3 %) agree with each other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from samverkan.model.case import Case, Category, Participant, Role, full_time_hours_per_week

__all__ = [
    "Figures",
    "TaskResult",
    "OrganisationResult",
    "GroupResult",
    "CaseResult",
    "minute_cost",
    "participant_minutes",
    "compute",
]


@dataclass(frozen=True)
class Figures:
    """Minutes, cost and collaboration minutes; the share is derived so it always agrees."""

    minutes: float = 0.0
    cost: float = 0.0
    collaboration_minutes: float = 0.0

    @property
    def collaboration_share(self) -> float:
        return self.collaboration_minutes / self.minutes if self.minutes else 0.0

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.minutes + other.minutes,
            self.cost + other.cost,
            self.collaboration_minutes + other.collaboration_minutes,
        )

    @staticmethod
    def total(items: Iterable[Figures]) -> Figures:
        result = Figures()
        for item in items:
            result = result + item
        return result

    @staticmethod
    def mean(items: Iterable[Figures]) -> Figures:
        items = list(items)
        if not items:
            return Figures()
        summed = Figures.total(items)
        n = len(items)
        return Figures(summed.minutes / n, summed.cost / n, summed.collaboration_minutes / n)


@dataclass(frozen=True)
class TaskResult:
    task_id: str
    org: str
    step: str
    figures: Figures
    by_role: dict[str, Figures]


@dataclass(frozen=True)
class OrganisationResult:
    id: str
    group: str
    figures: Figures
    by_role: dict[str, Figures]
    by_category: dict[Category, float]
    by_step: dict[str, Figures]


@dataclass(frozen=True)
class GroupResult:
    group: str
    organisations: tuple[str, ...]
    figures: Figures
    by_step: dict[str, Figures]
    # The members the mean is taken over: those with tasks (see `Case.counted_in`).
    counted: tuple[str, ...] = ()

    @property
    def left_out(self) -> tuple[str, ...]:
        """Members without tasks, which the group's mean leaves out."""
        return tuple(o for o in self.organisations if o not in self.counted)


@dataclass(frozen=True)
class CaseResult:
    case: Case
    tasks: tuple[TaskResult, ...]
    organisations: dict[str, OrganisationResult]
    groups: dict[str, GroupResult]
    total: Figures
    total_by_step: dict[str, Figures] = field(default_factory=dict)

    def task(self, task_id: str) -> TaskResult:
        return self._tasks_by_id[task_id]

    @cached_property
    def _tasks_by_id(self) -> dict[str, TaskResult]:
        # Indexed once: the timeline and the tables look up every task.
        return {t.task_id: t for t in self.tasks}


def minute_cost(role: Role, case: Case) -> float:
    """Kronor per working minute of a role, with the case's optional cost conventions."""
    conventions = case.conventions
    hourly = role.monthly_cost / (case.hours_per_month * conventions.productive_share)
    return hourly / 60.0 * (1.0 + conventions.overhead_share)


def participant_minutes(
    participant: Participant, hours_per_month: float, occasions: int = 1
) -> float:
    """Minutes of a participation: minutes × people × occasions, or fte × weeks × people.

    Minutes are per person and per occasion, as people write them on the mapping form ("four
    meetings of an hour" is 4 × 60). A share of full time already covers a span of weeks, so
    the task's occasions do not multiply it.
    """
    if participant.fte is not None:
        weekly_hours = full_time_hours_per_week(hours_per_month)
        return participant.fte * (participant.weeks or 0.0) * weekly_hours * 60.0 * (
            participant.people)
    return (participant.minutes or 0.0) * participant.people * occasions


def compute(case: Case) -> CaseResult:
    """Every deterministic figure of a case."""
    role_cost = {role.id: minute_cost(role, case) for role in case.roles}
    org_group = {org.id: org.group for org in case.organisations}

    tasks: list[TaskResult] = []
    org_role: dict[str, dict[str, Figures]] = {o.id: {} for o in case.organisations}
    org_category: dict[str, dict[Category, float]] = {
        o.id: {c: 0.0 for c in Category} for o in case.organisations
    }
    org_step: dict[str, dict[str, Figures]] = {
        o.id: {s.id: Figures() for s in case.steps} for o in case.organisations
    }

    for step in case.steps:
        for task in step.tasks:
            by_role: dict[str, Figures] = defaultdict(Figures)
            for participant in task.participants:
                minutes = participant_minutes(participant, case.hours_per_month, task.occasions)
                collaboration = minutes if task.is_collaboration else 0.0
                by_role[participant.role] += Figures(
                    minutes, minutes * role_cost[participant.role], collaboration
                )
            figures = Figures.total(by_role.values())
            tasks.append(TaskResult(task.id, task.org, step.id, figures, dict(by_role)))
            roles_of_org = org_role[task.org]
            for role_id, role_figures in by_role.items():
                roles_of_org[role_id] = roles_of_org.get(role_id, Figures()) + role_figures
            org_category[task.org][task.category] += figures.minutes
            org_step[task.org][step.id] += figures

    organisations = {
        org.id: OrganisationResult(
            id=org.id,
            group=org.group,
            figures=Figures.total(org_step[org.id].values()),
            by_role=org_role[org.id],
            by_category=org_category[org.id],
            by_step=org_step[org.id],
        )
        for org in case.organisations
    }

    groups: dict[str, GroupResult] = {}
    for group in case.groups:
        members = [o.id for o in case.organisations if org_group[o.id] == group]
        counted = [o.id for o in case.counted_in(group)]
        groups[group] = GroupResult(
            group=group,
            organisations=tuple(members),
            figures=Figures.mean(organisations[m].figures for m in counted),
            by_step={
                s.id: Figures.mean(organisations[m].by_step[s.id] for m in counted)
                for s in case.steps
            },
            counted=tuple(counted),
        )

    total = Figures.total(g.figures for g in groups.values())
    total_by_step = {
        s.id: Figures.total(g.by_step[s.id] for g in groups.values()) for s in case.steps
    }
    return CaseResult(case, tuple(tasks), organisations, groups, total, total_by_step)
