"""The tornado: a planted dominant task comes first, and each bar moves one thing alone."""

from __future__ import annotations

import pytest

from samverkan.formats.case_io import load_case
from samverkan.model import compute, tornado
from tests.conftest import CASES


def test_the_planted_dominant_task_is_ranked_first():
    case = load_case(CASES / "tornado.yaml")
    bars = tornado(case)
    assert (bars[0].kind, bars[0].id) == ("task", "dominant")
    # Socialsekreterare at 4 kr a minute: 120 → 60 and → 900 minutes.
    total = compute(case).total.cost
    assert bars[0].low_total == pytest.approx(total - 60 * 4)
    assert bars[0].high_total == pytest.approx(total + 780 * 4)
    assert [b.swing for b in bars] == sorted((b.swing for b in bars), reverse=True)


def test_a_role_cost_bar_is_ten_percent_of_what_the_role_carries():
    case = load_case(CASES / "tornado.yaml")
    bar = next(b for b in tornado(case) if b.kind == "role_cost" and b.id == "a")
    teacher_cost = 60 * 39000 / 130 / 60  # the teacher's 60 minutes at 5 kr
    assert bar.swing == pytest.approx(2 * 0.10 * teacher_cost)


def test_exact_tasks_have_no_bar(small):
    assert all(b.kind == "role_cost" for b in tornado(small))


# --- the tornado against a brute-force recomputation -------------------------------------------

def _brute_force_tornado(case, cost_step=0.10):
    """Every bar the slow way: the whole case recomputed with one item moved, as the tornado
    was first written. Returns {(kind, id): (low_total, high_total)}."""
    from dataclasses import replace

    def moved(end, applies):
        steps = tuple(
            replace(step, tasks=tuple(
                replace(task, participants=tuple(
                    replace(p, minutes=p.minutes_low if end == "low" else p.minutes_high)
                    if p.is_uncertain and applies(task, p) else p
                    for p in task.participants))
                for task in step.tasks))
            for step in case.steps)
        return compute(replace(case, steps=steps)).total.cost

    bars = {}
    for task in case.tasks:
        if any(p.is_uncertain for p in task.participants):
            def this(t, _p, wanted=task.id):
                return t.id == wanted
            bars[("task", task.id)] = (moved("low", this), moved("high", this))
    for role in case.roles:
        if any(p.is_uncertain and p.role == role.id for t in case.tasks for p in t.participants):
            def of_role(_t, p, wanted=role.id):
                return p.role == wanted
            bars[("role_minutes", role.id)] = (moved("low", of_role), moved("high", of_role))
        # The role's monthly cost 10 % down and up, recomputed rather than taken as a share.
        def with_cost(factor, wanted=role.id):
            roles = tuple(replace(r, monthly_cost=r.monthly_cost * factor) if r.id == wanted
                          else r for r in case.roles)
            return compute(replace(case, roles=roles)).total.cost
        bars[("role_cost", role.id)] = (with_cost(1 - cost_step), with_cost(1 + cost_step))
    return bars


def _random_case(seed):
    import numpy as np

    from samverkan.model import (
        Case,
        Category,
        CostConventions,
        Organisation,
        Participant,
        Role,
        Step,
        Task,
    )
    rng = np.random.default_rng(seed)
    organisations = (Organisation("a", "Skola A", "school"), Organisation("b", "Skola B", "school"),
                     Organisation("c", "Skola C", "school"),
                     Organisation("soc", "Socialtjänsten", "social_services"))
    roles = tuple(Role(f"r{i}", f"Roll {i}", float(rng.integers(30_000, 90_000)))
                  for i in range(5))  # r4 may take part in nothing
    steps = []
    for s in range(4):
        tasks = []
        for t in range(5):
            people = []
            for _ in range(int(rng.integers(1, 4))):
                role = f"r{rng.integers(0, 4)}"
                kind = rng.integers(0, 3)
                if kind == 0:
                    people.append(Participant(role, float(rng.integers(10, 200)),
                                              people=float(rng.integers(1, 3))))
                elif kind == 1:
                    likely = float(rng.integers(10, 200))
                    people.append(Participant(role, likely, people=float(rng.integers(1, 3)),
                                              minutes_low=likely * rng.uniform(0.2, 1),
                                              minutes_high=likely * rng.uniform(1, 4)))
                else:
                    people.append(Participant(role, fte=0.25, weeks=2.0))
            exchange = f"x{t}" if t % 2 else None
            tasks.append(Task(f"s{s}t{t}", organisations[(s + t) % 4].id, f"Uppgift {s}.{t}",
                              category=Category.COLLABORATION if exchange else Category.INTERNAL,
                              exchange=exchange, participants=tuple(people)))
        steps.append(Step(f"s{s}", f"Steg {s}", 2.0, tuple(tasks)))
    return Case("Slumpat", organisations, roles, tuple(steps),
                conventions=CostConventions(overhead_share=0.2, productive_share=0.8))


@pytest.mark.parametrize("seed", range(6))
def test_every_bar_equals_the_case_recomputed_with_that_item_moved(seed):
    case = _random_case(seed)
    expected = _brute_force_tornado(case)
    bars = {(b.kind, b.id): (b.low_total, b.high_total) for b in tornado(case)}
    assert bars.keys() == expected.keys()
    for key, (low, high) in expected.items():
        assert bars[key] == pytest.approx((low, high), rel=1e-12, abs=1e-9), key


def test_a_group_of_three_schools_weighs_a_school_minute_a_third():
    # One school's uncertain task among three schools: the group is their mean, so the
    # 60 → 30 / 150 minutes at 40 000 / 165 / 60 kr a minute move the total by a third.
    from samverkan.model import Case, Organisation, Participant, Role, Step, Task
    orgs = (Organisation("a", "A", "school"), Organisation("b", "B", "school"),
            Organisation("c", "C", "school"), Organisation("s", "S", "social_services"))
    role = Role("r", "R", 40_000.0)
    tasks = (Task("t", "a", "T", participants=(Participant("r", 60.0, minutes_low=30.0,
                                                            minutes_high=150.0),)),
             *(Task(f"u{o.id}", o.id, "U", participants=(Participant("r", 10.0),))
               for o in orgs[1:]))
    case = Case("x", orgs, (role,), (Step("s1", "S1", 1.0, tasks),))
    per_minute = 40_000 / 165 / 60
    total = compute(case).total.cost
    bar = next(b for b in tornado(case) if b.kind == "task")
    assert bar.low_total == pytest.approx(total - 30 * per_minute / 3)
    assert bar.high_total == pytest.approx(total + 90 * per_minute / 3)


def test_a_tornado_from_a_result_already_computed_is_the_same() -> None:
    case = load_case(CASES / "tornado.yaml")
    assert tornado(case, result=compute(case)) == tornado(case)
