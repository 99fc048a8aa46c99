"""The investigation seen from the child's side (seed 000, chapter 6; seed 002).

Staff minutes add up over everyone in a meeting; the child sits there once. So the child's time
in a meeting is the longest time any one person spends in it, not the sum over participants.
Meetings are known per step only, so gaps without a meeting are counted in whole steps.

Two schools mapping the same story are two realisations of "the school": the child goes to one
of them. `child_views` therefore gives one view per realisation (each school with the
organisations of the other groups) rather than one view that counts both schools' meetings.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection
from dataclasses import dataclass

from samverkan.model.case import Case, Task

__all__ = ["ChildMeeting", "ChildView", "MAX_REALISATIONS", "child_view", "child_views",
           "realisations"]


@dataclass(frozen=True)
class ChildMeeting:
    task_id: str
    step: str
    org: str
    name: str
    occasions: int
    minutes: float
    roles: tuple[str, ...]
    adults: float


@dataclass(frozen=True)
class ChildView:
    meetings: tuple[ChildMeeting, ...]
    roles_met: tuple[str, ...]
    organisations_met: tuple[str, ...]
    minutes_in_meetings: float
    longest_gap_weeks: float
    total_weeks: float

    @property
    def meeting_count(self) -> int:
        return sum(m.occasions for m in self.meetings)

    @property
    def adults_met(self) -> int:
        """Distinct staff roles the child meets, a role counted once per organisation."""
        return len({(m.org, role) for m in self.meetings for role in m.roles})


def _meeting_minutes(task: Task) -> float:
    """The child's minutes over all of a task's occasions (minutes are per occasion)."""
    timed = [p.minutes or 0.0 for p in task.participants if p.fte is None]
    return max(timed, default=0.0) * task.occasions


# The combinations multiply with every group: thirty groups of two organisations make a
# thousand million. The first hundred are shown, which every real case stays far below.
MAX_REALISATIONS = 100


def realisations(case: Case) -> tuple[tuple[str, ...], ...]:
    """The sets of organisations one child meets: one organisation from each group; at most
    `MAX_REALISATIONS` of them, in order."""
    # An organisation without tasks is no realisation of its group yet (`Case.counted_in`).
    choices = [[o.id for o in case.counted_in(group)] for group in case.groups]
    return tuple(tuple(combo) for combo in
                 itertools.islice(itertools.product(*choices), MAX_REALISATIONS))


def child_views(case: Case) -> dict[tuple[str, ...], ChildView]:
    """The child's view for each realisation of the case (see the module's docstring)."""
    return {orgs: child_view(case, orgs) for orgs in realisations(case)}


def child_view(case: Case, organisations: Collection[str] | None = None) -> ChildView:
    """Meetings with the child present, whom the child meets, and the waiting in between.

    `organisations` limits the view to one realisation; None takes every organisation.
    """
    meetings: list[ChildMeeting] = []
    gap = longest_gap = 0.0
    if organisations is not None:
        organisations = frozenset(organisations)  # looked up once per task
    for step in case.steps:
        step_meetings = [t for t in step.tasks if t.child_present
                         and (organisations is None or t.org in organisations)]
        for task in step_meetings:
            meetings.append(
                ChildMeeting(
                    task_id=task.id,
                    step=step.id,
                    org=task.org,
                    name=task.name,
                    occasions=task.occasions,
                    minutes=_meeting_minutes(task),
                    roles=tuple(dict.fromkeys(p.role for p in task.participants)),
                    adults=sum(p.people for p in task.participants),
                )
            )
        gap = 0.0 if step_meetings else gap + step.weeks
        longest_gap = max(longest_gap, gap)
    return ChildView(
        meetings=tuple(meetings),
        roles_met=tuple(dict.fromkeys(r for m in meetings for r in m.roles)),
        organisations_met=tuple(dict.fromkeys(m.org for m in meetings)),
        minutes_in_meetings=sum(m.minutes for m in meetings),
        longest_gap_weeks=longest_gap,
        total_weeks=sum(s.weeks for s in case.steps),
    )
