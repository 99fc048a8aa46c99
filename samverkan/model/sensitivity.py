"""Sensitivity: which estimates move the total cost most — the bars of a tornado diagram.

Each bar moves one thing alone while everything else stays at its most likely value: one task's
three-point times to their low and then their high ends, one role's times across the whole case
likewise, or one role's monthly cost 10 % down and up. Bars are ranked by their swing, the
difference between the two ends, so the estimates most worth checking come first.

The total cost is linear in every participant's minutes: a group is the mean of its
organisations and the total the sum of the groups, so a minute of a participant adds its role's
kronor per minute divided by the number of organisations in its group. A bar's ends are
therefore the total plus the low and high differences of its own participants, each weighted so
— one pass over the case for every bar together, never a recomputation per bar, so a case of
thousands of tasks takes as long as costing it once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from samverkan.model.case import Case, Participant
from samverkan.model.comparison import role_figures
from samverkan.model.costing import CaseResult, compute, minute_cost

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


def _end_differences(p: Participant, occasions: int) -> tuple[float, float]:
    """Minutes the participant's low and high ends add to its most likely time (all people,
    every occasion, as `costing.participant_minutes` counts them).

    A share of full time does not depend on `minutes`, so moving them changes nothing.
    """
    if p.fte is not None or p.minutes_low is None:
        return 0.0, 0.0
    likely = p.minutes or 0.0
    high = p.minutes_high if p.minutes_high is not None else likely
    times = p.people * occasions
    return (p.minutes_low - likely) * times, (high - likely) * times


def tornado(case: Case, *, cost_step: float = 0.10,
            result: CaseResult | None = None) -> list[TornadoBar]:
    """Every bar, largest swing first; items without a range of their own are left out.

    `result` is `compute(case)` when the caller has it already (an analysis does).
    """
    if result is None:
        result = compute(case)
    total = result.total.cost
    rate = {role.id: minute_cost(role, case) for role in case.roles}
    # Kronor that one minute of a role in an organisation adds to the total; an organisation
    # without tasks has no minutes to weigh and is left out of its group's mean.
    counted = [case.counted_in(group) for group in case.groups]
    weight = {org.id: 1.0 / len(members) for members in counted for org in members}
    names = {org.id: org.name for org in case.organisations}

    bars: list[TornadoBar] = []
    role_low: dict[str, float] = {}
    role_high: dict[str, float] = {}
    for step in case.steps:
        for task in step.tasks:
            uncertain = False
            low = high = 0.0
            for p in task.participants:
                if not p.is_uncertain:
                    continue
                uncertain = True
                down, up = _end_differences(p, task.occasions)
                kronor = rate[p.role] * weight[task.org]
                low += down * kronor
                high += up * kronor
                role_low[p.role] = role_low.get(p.role, 0.0) + down * kronor
                role_high[p.role] = role_high.get(p.role, 0.0) + up * kronor
            if uncertain:
                bars.append(TornadoBar("task", task.id, f"{task.name} ({names[task.org]})",
                                       total + low, total + high))
    carried = role_figures(result)
    for role in case.roles:
        if role.id in role_low:
            bars.append(TornadoBar("role_minutes", role.id, role.name,
                                   total + role_low[role.id], total + role_high[role.id]))
        # Cost is linear in a role's monthly cost, so its share of the total gives both ends.
        share = carried[role.id].cost if role.id in carried else 0.0
        bars.append(TornadoBar("role_cost", role.id, role.name,
                               total - cost_step * share, total + cost_step * share))
    # On a tie the task comes first: it is the more specific thing to check.
    order = {"task": 0, "role_minutes": 1, "role_cost": 2}
    return sorted(bars, key=lambda b: (-round(b.swing, 6), order[b.kind], b.id))
