"""Every figure of the small case, computed by hand (kronor per minute: a 5, b 10, c 4)."""

from __future__ import annotations

from pytest import approx

from samverkan.model import Case, Category, compute, minute_cost, participant_minutes
from samverkan.model.case import Participant

# t4: 0.5 of full time for 2 weeks at 130 h/month = 30 h/week → 0.5 × 2 × 30 × 60 minutes.
FTE_MINUTES = 0.5 * 2 * 30 * 60


def test_minute_cost_is_monthly_cost_over_hours_and_sixty(small: Case) -> None:
    assert [minute_cost(r, small) for r in small.roles] == approx([5.0, 10.0, 4.0])


def test_participant_minutes_multiply_people_and_convert_fte() -> None:
    assert participant_minutes(Participant("a", minutes=120, people=2), 130) == 240
    assert participant_minutes(Participant("a", fte=0.5, weeks=2), 130) == approx(FTE_MINUTES)


def test_task_figures(small: Case) -> None:
    result = compute(small)
    t1 = result.task("t1")
    assert (t1.figures.minutes, t1.figures.cost) == approx((90, 600))
    assert t1.by_role["a"].cost == approx(300) and t1.by_role["b"].cost == approx(300)
    assert result.task("t2").figures.cost == approx(1200)
    assert result.task("t4").figures.minutes == approx(1800)
    assert result.task("t4").figures.cost == approx(9000)
    assert result.task("x-soc").figures.collaboration_minutes == approx(50)
    assert result.task("t3").figures.collaboration_minutes == 0


def test_organisation_figures(small: Case) -> None:
    orgs = compute(small).organisations
    assert (orgs["sa"].figures.minutes, orgs["sa"].figures.cost) == approx((1920, 9750))
    assert (orgs["sb"].figures.minutes, orgs["sb"].figures.cost) == approx((270, 1500))
    assert (orgs["soc"].figures.minutes, orgs["soc"].figures.cost) == approx((150, 600))
    assert orgs["sa"].figures.collaboration_share == approx(30 / 1920)
    assert orgs["soc"].figures.collaboration_share == approx(50 / 150)


def test_groups_are_means_and_total_is_sum_of_group_means(small: Case) -> None:
    result = compute(small)
    school = result.groups["school"]
    assert school.organisations == ("sa", "sb")
    assert (school.figures.minutes, school.figures.cost) == approx((1095, 5625))
    assert school.figures.collaboration_share == approx(30 / 1095)
    assert (result.total.minutes, result.total.cost) == approx((1245, 6225))
    assert result.total.collaboration_minutes == approx(80)
    assert result.total.collaboration_share == approx(80 / 1245)


def test_figures_per_step(small: Case) -> None:
    result = compute(small)
    assert result.organisations["sa"].by_step["s1"].cost == approx(600)
    assert result.organisations["sa"].by_step["s2"].cost == approx(9150)
    assert result.groups["school"].by_step["s1"].cost == approx(900)
    assert result.total_by_step["s1"].cost == approx(1300)
    assert result.total_by_step["s1"].cost + result.total_by_step["s2"].cost == approx(6225)


def test_time_use_by_category(small: Case) -> None:
    sa = compute(small).organisations["sa"].by_category
    assert sa[Category.INTERNAL] == approx(90)
    assert sa[Category.COLLABORATION] == approx(30)
    assert sa[Category.DIRECT_CHILD] == approx(1800)
    assert sa[Category.GUARDIAN] == 0 and sa[Category.DOCUMENTATION] == 0


def test_by_role_per_organisation(small: Case) -> None:
    sa = compute(small).organisations["sa"].by_role
    assert sa["a"].minutes == approx(60 + 30 + 1800)
    assert sa["b"].cost == approx(300)
