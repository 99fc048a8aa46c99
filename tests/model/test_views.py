"""Exchange occasions, salary equivalents and the child's view on the small case."""

from __future__ import annotations

from pytest import approx

from samverkan.model import Case, child_view, compute, exchange_occasions, salary_equivalents


def test_exchange_occasions_name_everyone_taking_part(small: Case) -> None:
    (m1,) = exchange_occasions(compute(small))
    assert m1.id == "m1" and m1.steps == ("s2",)
    assert m1.minutes_by_organisation == approx({"sa": 30, "sb": 30, "soc": 50})
    assert m1.cost_by_organisation == approx({"sa": 150, "sb": 300, "soc": 200})
    assert m1.spans_groups


def test_salary_equivalents_are_total_over_annual_cost(small: Case) -> None:
    shares = salary_equivalents(small, 6225)
    assert shares["a"] == approx(6225 / (39000 * 12))
    assert shares["b"] == approx(6225 / (78000 * 12))


def test_child_view(small: Case) -> None:
    view = child_view(small)
    assert [m.task_id for m in view.meetings] == ["t2"]
    assert view.meeting_count == 1
    # Two teachers for 120 minutes each: the child sits there 120 minutes, not 240.
    assert view.minutes_in_meetings == 120
    assert view.roles_met == ("a",) and view.organisations_met == ("sb",)
    assert view.adults_met == 1
    # No meeting with the child in step 2, which lasts 3 weeks.
    assert view.longest_gap_weeks == 3
    assert view.total_weeks == 5


def test_one_child_view_per_school_the_child_could_attend(small: Case) -> None:
    from samverkan.model import child_views, realisations

    assert realisations(small) == (("sa", "soc"), ("sb", "soc"))
    views = child_views(small)
    assert views[("sa", "soc")].meeting_count == 0
    assert views[("sa", "soc")].longest_gap_weeks == 5
    assert views[("sb", "soc")].meeting_count == 1
    assert views[("sb", "soc")].longest_gap_weeks == 3
