"""Sensitivity: which estimates move the total cost most — the bars of a tornado diagram.

Each bar moves one thing alone while everything else stays at its most likely value: one task's
three-point times to their low and then their high ends, one role's times across the whole case
likewise, or one role's monthly cost 10 % down and up. Bars are ranked by their swing, the
difference between the two ends, so the estimates most worth checking come first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from samverkan.model.case import Case, Participant
from samverkan.model.costing import Figures, compute

__all__ = ["TornadoBar", "tornado"]

Kind = Literal["task", "role_minutes", "role_cost"]


@dataclass(frozen=True)
class TornadoBar:
    kind: Kind
    id: str
    label: str
    low_total: float  # total cost with this item at its low end
    high_total: float

    @property
    def swing(self) -> float:
        return abs(self.high_total - self.low_total)


def _with_participants(case: Case, change: Callable[[str, Participant], Participant]) -> Case:
    steps = tuple(
        replace(step, tasks=tuple(
            replace(task, participants=tuple(change(task.id, p) for p in task.participants))
            for task in step.tasks
        ))
        for step in case.steps
    )
    return replace(case, steps=steps)


def _at(end: Literal["low", "high"], applies: Callable[[str, Participant], bool]
        ) -> Callable[[str, Participant], Participant]:
    def change(task_id: str, p: Participant) -> Participant:
        if not p.is_uncertain or not applies(task_id, p):
            return p
        return replace(p, minutes=p.minutes_low if end == "low" else p.minutes_high)
    return change


def tornado(case: Case, *, cost_step: float = 0.10) -> list[TornadoBar]:
    """Every bar, largest swing first; items without a range of their own are left out."""
    total = compute(case).total.cost
    bars: list[TornadoBar] = []
    for step in case.steps:
        for task in step.tasks:
            if not any(p.is_uncertain for p in task.participants):
                continue

            def this_task(task_id: str, _p: Participant, wanted: str = task.id) -> bool:
                return task_id == wanted

            low = compute(_with_participants(case, _at("low", this_task))).total.cost
            high = compute(_with_participants(case, _at("high", this_task))).total.cost
            name = case.organisation(task.org).name
            bars.append(TornadoBar("task", task.id, f"{task.name} ({name})", low, high))
    for role in case.roles:
        def this_role(_task_id: str, p: Participant, wanted: str = role.id) -> bool:
            return p.role == wanted

        uncertain = any(p.is_uncertain and p.role == role.id
                        for s in case.steps for t in s.tasks for p in t.participants)
        if uncertain:
            low = compute(_with_participants(case, _at("low", this_role))).total.cost
            high = compute(_with_participants(case, _at("high", this_role))).total.cost
            bars.append(TornadoBar("role_minutes", role.id, role.name, low, high))
        # Cost is linear in a role's monthly cost, so its share of the total gives both ends.
        share = _role_cost(case, role.id)
        bars.append(TornadoBar("role_cost", role.id, role.name,
                               total - cost_step * share, total + cost_step * share))
    # On a tie the task comes first: it is the more specific thing to check.
    order = {"task": 0, "role_minutes": 1, "role_cost": 2}
    return sorted(bars, key=lambda b: (-round(b.swing, 6), order[b.kind], b.id))


def _role_cost(case: Case, role_id: str) -> float:
    """The part of the total cost that a role's monthly cost carries."""
    result = compute(case)
    total = 0.0
    for group in result.groups.values():
        members = group.organisations
        total += sum(
            result.organisations[m].by_role.get(role_id, Figures()).cost for m in members
        ) / len(members)
    return total
