"""An organisation with no tasks yet is not a realisation of its group: its mean leaves it out.

Every figure is made by hand: the one role costs 9 900 kr a month over 165 hours, so one minute
costs 9 900 / 165 / 60 = 1 krona.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from pytest import approx

from samverkan.formats.results_json import result_to_data
from samverkan.model import (
    Case,
    Organisation,
    Participant,
    Role,
    Step,
    Task,
    compare,
    compute,
    realisations,
    simulate,
    tornado,
)
from samverkan.reports.labels import not_counted_notes


def _task(task_id: str, org: str, minutes: float, **extra: float) -> Task:
    return Task(task_id, org, task_id, participants=(
        Participant("kurator", minutes=minutes, **extra),))  # type: ignore[arg-type]


def _case(*tasks: Task) -> Case:
    return Case(
        "Skola B läggs till",
        organisations=(Organisation("a", "Skola A", "school"),
                       Organisation("b", "Skola B", "school"),
                       Organisation("soc", "Socialtjänsten", "social_services")),
        roles=(Role("kurator", "Kurator", 9_900.0),),
        steps=(Step("s1", "Steg 1", 2, tasks),),
    )


BEING_BUILT = _case(_task("a1", "a", 60), _task("soc1", "soc", 30))


def test_a_school_without_tasks_is_left_out_of_the_schools_mean() -> None:
    result = compute(BEING_BUILT)
    school = result.groups["school"]
    # Skola A's 60 kr is the schools' mean, not (60 + 0) / 2 = 30 kr.
    assert school.figures.cost == approx(60)
    assert school.figures.minutes == approx(60)
    assert result.total.cost == approx(60 + 30)
    assert result.total_by_step["s1"].cost == approx(90)
    assert school.organisations == ("a", "b") and school.counted == ("a",)
    assert school.left_out == ("b",)
    assert [o.id for o in BEING_BUILT.left_out_of_means] == ["b"]
    assert result.organisations["b"].figures.cost == 0


def test_once_it_has_a_task_it_is_counted() -> None:
    result = compute(_case(_task("a1", "a", 60), _task("b1", "b", 120), _task("soc1", "soc", 30)))
    assert result.groups["school"].figures.cost == approx((60 + 120) / 2)
    assert result.groups["school"].left_out == ()
    assert result.total.cost == approx(90 + 30)


def test_a_group_with_no_tasks_at_all_is_zero_and_leaves_nobody_out() -> None:
    result = compute(_case(_task("soc1", "soc", 30)))
    assert result.groups["school"].figures.cost == 0
    assert result.groups["school"].left_out == ()
    assert result.total.cost == approx(30)


def test_pages_reports_and_json_say_who_is_left_out() -> None:
    result = compute(BEING_BUILT)
    assert not_counted_notes(result) == [
        "Skola B har inga arbetsuppgifter ännu och räknas inte i medelvärdet."]
    assert not_counted_notes(result, "en") == [
        "Skola B has no tasks yet and is not counted in the average."]
    data = json.loads(json.dumps(result_to_data(result)))
    assert data["groups"]["school"]["organisations"] == ["a", "b"]
    assert data["groups"]["school"]["organisations_without_tasks"] == ["b"]
    assert data["groups"]["school"]["cost"] == approx(60)


def test_the_simulation_tornado_and_child_view_count_the_same_organisations() -> None:
    # Skola A's 60 minutes are 40–100 minutes; a whole krona of the total per minute.
    case = _case(_task("a1", "a", 60, minutes_low=40, minutes_high=100),
                 _task("soc1", "soc", 30))
    simulation = simulate(case, draws=2000, seed=1)
    assert 40 <= simulation.groups["school"].cost.p10 <= simulation.groups["school"].cost.p90 \
        <= 100
    bar = next(b for b in tornado(case) if b.kind == "task" and b.id == "a1")
    total = compute(case).total.cost
    assert (total - bar.low_total, bar.high_total - total) == (approx(20), approx(40))
    assert realisations(case) == (("a", "soc"),)


def test_a_comparison_uses_the_same_means() -> None:
    alternative = replace(BEING_BUILT, steps=(Step("s1", "Steg 1", 2, (
        _task("a1", "a", 30), _task("soc1", "soc", 30))),))
    comparison = compare(compute(BEING_BUILT), compute(alternative))
    assert comparison.by_group["school"].cost == approx(30 - 60)


@pytest.mark.parametrize("minutes", [0.0, 45.0])
def test_a_task_of_zero_minutes_still_makes_a_realisation(minutes: float) -> None:
    result = compute(_case(_task("a1", "a", 60), _task("b1", "b", minutes),
                           _task("soc1", "soc", 30)))
    assert result.groups["school"].figures.cost == approx((60 + minutes) / 2)
