"""Invariants of the model, for any case hypothesis can think of."""

from __future__ import annotations

import math
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
from pytest import approx

from samverkan.model import (
    Case,
    Category,
    Organisation,
    Participant,
    Role,
    Step,
    Task,
    compute,
)

ROLES = ("r1", "r2", "r3")
ORGS = (("o1", "school"), ("o2", "school"), ("o3", "social_services"), ("o4", "health"))


@st.composite
def participants(draw: st.DrawFn) -> Participant:
    role = draw(st.sampled_from(ROLES))
    if draw(st.booleans()):
        return Participant(role, fte=draw(st.floats(0.05, 1)), weeks=draw(st.floats(0, 20)))
    return Participant(role, minutes=draw(st.floats(0, 2000)),
                       people=draw(st.integers(1, 4)))


@st.composite
def cases(draw: st.DrawFn) -> Case:
    n_orgs = draw(st.integers(1, len(ORGS)))
    orgs = tuple(Organisation(i, i.upper(), g) for i, g in ORGS[:n_orgs])
    roles = tuple(Role(r, r, draw(st.floats(20_000, 100_000))) for r in ROLES)
    steps = []
    counter = 0
    for s in range(draw(st.integers(1, 4))):
        tasks = []
        for _ in range(draw(st.integers(0, 5))):
            counter += 1
            exchange = draw(st.sampled_from([None, None, "x1", "x2"]))
            category = (Category.COLLABORATION if exchange
                        else draw(st.sampled_from([c for c in Category
                                                   if c is not Category.COLLABORATION])))
            tasks.append(Task(
                id=f"t{counter}", org=draw(st.sampled_from(orgs)).id, name=f"t{counter}",
                category=category, exchange=exchange,
                participants=tuple(draw(st.lists(participants(), min_size=1, max_size=3))),
            ))
        steps.append(Step(f"s{s}", f"s{s}", draw(st.floats(0, 10)), tuple(tasks)))
    return Case("fall", orgs, roles, tuple(steps))


def scaled(case: Case, factor: float) -> Case:
    def participant(p: Participant) -> Participant:
        if p.fte is not None:
            return replace(p, fte=p.fte * factor)
        return replace(p, minutes=(p.minutes or 0.0) * factor)

    steps = tuple(replace(s, tasks=tuple(
        replace(t, participants=tuple(participant(p) for p in t.participants)) for t in s.tasks
    )) for s in case.steps)
    return replace(case, steps=steps)


@settings(max_examples=60, deadline=None)
@given(cases(), st.floats(0.1, 10))
def test_cost_is_linear_in_minutes(case: Case, factor: float) -> None:
    base, more = compute(case), compute(scaled(case, factor))
    assert more.total.cost == approx(base.total.cost * factor, rel=1e-9, abs=1e-6)
    assert more.total.minutes == approx(base.total.minutes * factor, rel=1e-9, abs=1e-6)


@settings(max_examples=60, deadline=None)
@given(cases(), st.floats(0.1, 10))
def test_cost_is_linear_in_monthly_cost(case: Case, factor: float) -> None:
    dearer = replace(case, roles=tuple(replace(r, monthly_cost=r.monthly_cost * factor)
                                       for r in case.roles))
    base, more = compute(case), compute(dearer)
    assert more.total.cost == approx(base.total.cost * factor, rel=1e-9, abs=1e-6)
    assert more.total.minutes == approx(base.total.minutes)


@settings(max_examples=60, deadline=None)
@given(cases())
def test_shares_lie_between_zero_and_one(case: Case) -> None:
    result = compute(case)
    figures = [result.total, *(g.figures for g in result.groups.values()),
               *(o.figures for o in result.organisations.values())]
    assert all(0.0 <= f.collaboration_share <= 1.0 + 1e-12 for f in figures)


@settings(max_examples=60, deadline=None)
@given(cases())
def test_a_group_of_one_organisation_equals_that_organisation(case: Case) -> None:
    result = compute(case)
    for group in result.groups.values():
        if len(group.organisations) == 1:
            assert group.figures == result.organisations[group.organisations[0]].figures


@settings(max_examples=60, deadline=None)
@given(cases(), st.randoms(use_true_random=False))
def test_totals_do_not_depend_on_task_order(case: Case, rnd: object) -> None:
    import random

    assert isinstance(rnd, random.Random)
    shuffled = replace(case, steps=tuple(
        replace(s, tasks=tuple(rnd.sample(list(s.tasks), len(s.tasks)))) for s in case.steps))
    a, b = compute(case), compute(shuffled)
    assert b.total.cost == approx(a.total.cost, rel=1e-12, abs=1e-9)
    assert b.total.collaboration_minutes == approx(a.total.collaboration_minutes)
    for org_id, org in a.organisations.items():
        assert b.organisations[org_id].figures.cost == approx(org.figures.cost, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(cases())
def test_steps_add_up_to_the_total(case: Case) -> None:
    result = compute(case)
    assert math.fsum(f.cost for f in result.total_by_step.values()) == approx(
        result.total.cost, abs=1e-6)
