"""Minutes are per person and per occasion: the task's occasions multiply them (issue 12).

The small case's kronor per minute are a 5, b 10 and c 4 (130 hours a month); every figure
below is worked out by hand from those.
"""

from __future__ import annotations

from dataclasses import replace

from pytest import approx

from samverkan.model import (
    Case,
    Participant,
    child_view,
    compute,
    participant_minutes,
    simulate,
    tornado,
)


def _with_occasions(case: Case, task_id: str, occasions: int) -> Case:
    steps = tuple(
        replace(step, tasks=tuple(replace(t, occasions=occasions) if t.id == task_id else t
                                  for t in step.tasks))
        for step in case.steps
    )
    return replace(case, steps=steps)


def test_four_occasions_of_sixty_minutes_are_four_hours() -> None:
    assert participant_minutes(Participant("a", minutes=60), 130, 4) == 240
    # Two people, three occasions of 45 minutes: 2 × 3 × 45.
    assert participant_minutes(Participant("a", minutes=45, people=2), 130, 3) == 270


def test_a_share_of_full_time_is_not_multiplied_by_occasions() -> None:
    # 0.5 of full time for 2 weeks at 130 h/month (30 h a week): 0.5 × 2 × 30 × 60 minutes.
    assert participant_minutes(Participant("a", fte=0.5, weeks=2), 130, 4) == approx(1800)


def test_occasions_multiply_task_organisation_and_total(small: Case) -> None:
    # t1 (Skola A): a 60 min at 5 kr, b 30 min at 10 kr = 90 min, 600 kr; three occasions.
    result = compute(_with_occasions(small, "t1", 3))
    assert result.task("t1").figures.minutes == approx(270)
    assert result.task("t1").figures.cost == approx(1800)
    # Skola A was 1 920 min and 9 750 kr; now 2 × 90 min and 2 × 600 kr more.
    assert result.organisations["sa"].figures.minutes == approx(1920 + 180)
    assert result.organisations["sa"].figures.cost == approx(9750 + 1200)
    # The schools' mean grows by half of that, and so does the total.
    assert result.total.cost == approx(6225 + 600)


def test_occasions_of_an_exchange_count_as_collaboration(small: Case) -> None:
    # x-soc: c 50 min at 4 kr; two occasions give 100 collaboration minutes, 400 kr.
    result = compute(_with_occasions(small, "x-soc", 2))
    assert result.task("x-soc").figures.collaboration_minutes == approx(100)
    assert result.organisations["soc"].figures.collaboration_share == approx(100 / 200)


def test_the_child_sits_in_every_occasion(small: Case) -> None:
    # t2: two teachers for 120 minutes; three occasions give the child 3 × 120 minutes.
    view = child_view(_with_occasions(small, "t2", 3))
    assert view.meeting_count == 3
    assert view.minutes_in_meetings == approx(360)


def test_uncertain_minutes_are_per_occasion_too(small: Case) -> None:
    # t1's teacher: 40–60–100 minutes per occasion, two occasions.
    steps = tuple(
        replace(step, tasks=tuple(
            replace(t, occasions=2, participants=(
                Participant("a", minutes=60, minutes_low=40, minutes_high=100),
                *t.participants[1:])) if t.id == "t1" else t
            for t in step.tasks))
        for step in small.steps
    )
    case = replace(small, steps=steps)
    simulation = simulate(case, draws=4000, seed=3)
    sa = simulation.organisations["sa"].cost
    # Skola A without t1 is 9 750 − 600 kr; t1's rektor twice is 2 × 30 min × 10 kr = 600 kr,
    # and the teacher adds 2 × 5 kr × 40…100 minutes = 400…1 000 kr.
    assert 9750 + 400 <= sa.p10 <= sa.p90 <= 9750 + 1000
    bar = next(b for b in tornado(case) if b.kind == "task" and b.id == "t1")
    # The total moves by half of Skola A's change (the schools' mean): the low end is 20
    # minutes under the likely 60 on each of 2 occasions at 5 kr, the high end 40 over.
    base = compute(case).total.cost
    assert base - bar.low_total == approx(2 * 5 * 20 / 2)
    assert bar.high_total - base == approx(2 * 5 * 40 / 2)
