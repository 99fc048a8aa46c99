"""The price of a path: the full path at the mapped weeks is the case's total, an investigation
that runs longer keeps the resource teacher longer, and minutes count once per case."""

from __future__ import annotations

import pytest

from samverkan.formats.case_io import load_case
from samverkan.model.case import full_time_hours_per_week
from samverkan.model.costing import compute, minute_cost
from samverkan.model.flow import full_time_equivalents, path_cost, path_price, span_weeks
from tests.conftest import EXAMPLES

LUCAS = load_case(EXAMPLES / "lucas.yaml")
STEPS = [s.id for s in LUCAS.steps]
SPANS = {"forhandsbedomning": ("s2",), "utredning": ("s3", "s4", "s5", "s6")}
MAPPED = {"forhandsbedomning": 1.0, "utredning": 15.0}


@pytest.mark.parametrize("name", ["lucas.yaml", "lucas-samverkan.yaml"])
def test_the_whole_path_at_the_mapped_weeks_is_the_cases_total(name: str):
    case = load_case(EXAMPLES / name)
    weeks = {span: span_weeks(case, steps) for span, steps in SPANS.items()}
    found = path_cost(case, [s.id for s in case.steps], SPANS, weeks)
    total = compute(case).total
    assert found.cost == pytest.approx(total.cost)
    assert found.minutes == pytest.approx(total.minutes)
    assert found.collaboration_minutes == pytest.approx(total.collaboration_minutes)


def test_the_mapped_weeks_are_the_steps_weeks():
    assert span_weeks(LUCAS, SPANS["utredning"]) == 15.0
    assert span_weeks(LUCAS, SPANS["forhandsbedomning"]) == 1.0


def test_an_investigation_of_twenty_weeks_keeps_the_resource_teacher_five_weeks_longer():
    longer = path_cost(LUCAS, STEPS, SPANS, {**MAPPED, "utredning": 20.0})
    standard = path_cost(LUCAS, STEPS, SPANS, MAPPED)
    role = LUCAS.role("resurspedagog")
    # 75 % of full time for five more weeks at school A; the schools' figure is the mean of
    # the two schools that mapped the story, so it counts half.
    minutes = 0.75 * 5 * full_time_hours_per_week(LUCAS.hours_per_month) * 60 / 2
    assert longer.minutes - standard.minutes == pytest.approx(minutes)
    assert longer.cost - standard.cost == pytest.approx(minutes * minute_cost(role, LUCAS))
    # 32 400 kr a month over 165 hours: 196,36 kr an hour; 38,08 hours a week.
    assert longer.cost - standard.cost == pytest.approx(0.75 * 5 * (165 * 12 / 52)
                                                        * 32400 / 165 / 2)


def test_minutes_count_once_whatever_the_weeks():
    # Steps 1 and 2 hold no share of full time: their price does not move with the weeks.
    short = path_cost(LUCAS, ["s1", "s2"], SPANS, {"forhandsbedomning": 0.2, "utredning": 0})
    long = path_cost(LUCAS, ["s1", "s2"], SPANS, {"forhandsbedomning": 9.0, "utredning": 40})
    by_step = compute(LUCAS).total_by_step
    assert short == long
    assert short.cost == pytest.approx(by_step["s1"].cost + by_step["s2"].cost)


def test_the_price_is_linear_in_cases_and_weeks():
    price = path_price(LUCAS, STEPS, SPANS)
    one = price.cost({"forhandsbedomning": 1.0, "utredning": 18.0})
    three = price.cost_of(3, {"forhandsbedomning": 3.0, "utredning": 54.0})
    assert three.cost == pytest.approx(3 * one.cost)
    assert price.per_week["forhandsbedomning"].cost == 0


def test_full_time_equivalents_are_hours_over_a_posts_hours():
    # 165 hours a month: 495 hours of work in a quarter is one post.
    assert full_time_equivalents(495 * 60, LUCAS, 3) == pytest.approx(1.0)
