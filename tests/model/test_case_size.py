"""What keeps pages and reports linear in the case's size: lookups by index, occasions grouped in
one pass, and child views that cannot multiply beyond a bound however many groups a case has."""

from __future__ import annotations

import time

from samverkan.model import (
    Case,
    Category,
    Organisation,
    Participant,
    Role,
    Step,
    Task,
    child_views,
    compute,
    exchange_occasions,
    realisations,
)
from samverkan.model.child_view import MAX_REALISATIONS


def _many_groups(groups: int) -> Case:
    """`groups` groups of two organisations, each with one meeting with the child."""
    organisations = tuple(Organisation(f"o{g}{i}", f"O {g}{i}", f"g{g}")
                          for g in range(groups) for i in range(2))
    tasks = tuple(Task(f"t{o.id}", o.id, "Möte", child_present=True,
                       participants=(Participant("r", 30.0),)) for o in organisations)
    return Case("Många grupper", organisations, (Role("r", "R", 49_500.0),),
                (Step("s1", "S1", 1.0, tasks),))


def test_thirty_groups_of_two_give_the_first_hundred_child_views_at_once():
    # 2³⁰ combinations in all; listing them would never finish.
    case = _many_groups(30)
    start = time.perf_counter()
    views = child_views(case)
    elapsed = time.perf_counter() - start
    assert len(views) == MAX_REALISATIONS == 100
    assert elapsed < 5  # generous: the bound is what matters, not the machine
    first = realisations(case)[0]
    assert first == tuple(f"o{g}0" for g in range(30))
    # Each child meets one organisation of each group: thirty meetings of 30 minutes.
    assert views[first].meeting_count == 30 and views[first].minutes_in_meetings == 900


def test_two_schools_and_social_services_still_give_both_realisations():
    case = _many_groups(2)
    assert realisations(case) == (("o00", "o10"), ("o00", "o11"), ("o01", "o10"),
                                  ("o01", "o11"))


def test_exchange_occasions_gather_each_occasions_tasks_from_every_step():
    orgs = (Organisation("a", "A", "school"), Organisation("s", "S", "social_services"))
    role = Role("r", "R", 49_500.0)  # 5 kr a minute

    def meeting(task_id: str, org: str, exchange: str, minutes: float) -> Task:
        return Task(task_id, org, "Möte", category=Category.COLLABORATION, exchange=exchange,
                    participants=(Participant("r", minutes),))

    steps = (Step("s1", "S1", 1.0, (meeting("t1", "a", "x", 10), meeting("t2", "s", "y", 20))),
             Step("s2", "S2", 1.0, (meeting("t3", "s", "x", 30), meeting("t4", "a", "x", 40))))
    occasions = {o.id: o for o in exchange_occasions(compute(Case("c", orgs, (role,), steps)))}
    assert list(occasions) == ["x", "y"]
    assert occasions["x"].tasks == ("t1", "t3", "t4") and occasions["x"].steps == ("s1", "s2")
    assert occasions["x"].minutes_by_organisation == {"a": 50, "s": 30}
    assert occasions["x"].cost_by_organisation == {"a": 250, "s": 150}
    assert occasions["y"].minutes_by_organisation == {"s": 20}


def test_tasks_organisations_and_roles_are_found_by_id():
    case = _many_groups(3)
    result = compute(case)
    assert result.task("to21").figures.minutes == 30
    assert case.organisation("o11").name == "O 11" and case.role("r").monthly_cost == 49_500
