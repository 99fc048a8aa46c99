"""The investment case on small cases computed by hand: yearly flows, NPV, ratios and payback."""

from __future__ import annotations

from dataclasses import replace

import pytest

from samverkan.errors import ModelError
from samverkan.model import (
    AvoidedIntervention,
    Case,
    Economics,
    Investment,
    Organisation,
    Outcome,
    Participant,
    Price,
    PriceList,
    Role,
    Step,
    Task,
    ThreePoint,
    compare,
    compute,
    discount_factors,
    investment_case,
    investment_kronor_per_year,
    ledger,
    payback_year,
)

# 99 000 kr a month over 165 hours is 600 kr an hour, 10 kr a minute.
ROLE = Role("r", "R", 99_000.0)
ORGS = (Organisation("skola", "Skola", "school"), Organisation("soc", "Soc", "social_services"))
OUTCOME = Outcome("Barnet har det minst lika bra", "antagande")
PRICES = PriceList((Price("hvb", "HVB", "dygn", 1_000.0, 2024),), {2024: 100.0})


def _case(school_minutes: float, soc_minutes: float, economics: Economics | None = None) -> Case:
    tasks = (Task("a", "skola", "A", participants=(Participant("r", school_minutes),)),
             Task("b", "soc", "B", participants=(Participant("r", soc_minutes),)))
    return Case("x", ORGS, (ROLE,), (Step("s1", "S1", 1.0, tasks),), economics=economics)


# Per case the school saves 50 minutes (500 kr) and social services spends 50 more (500 kr).
ECONOMICS = Economics(
    OUTCOME,
    investments=(Investment("Utbildning", "soc", 1, 1, kronor=20_000.0),),
    avoided=(AvoidedIntervention("hvb", "soc", ThreePoint(0.0, 0.1, 0.2), units=10.0,
                                 years_after=1),),
)


def _invest(years: int, rate: float, economics: Economics = ECONOMICS, cases: float = 10):
    comparison = compare(compute(_case(100, 100)), compute(_case(50, 150, economics)))
    return investment_case(comparison, cases_per_year=cases, years=years, discount_rate=rate,
                           prices=PRICES)


def test_yearly_flows_per_organisation_are_as_computed_by_hand():
    case = _invest(3, 0.10)
    soc = case.organisations["soc"]
    # 10 cases × 500 kr more; 10 cases × 10 % × 10 days × 1 000 kr avoided a year after.
    assert [y.investment for y in soc.years] == [20_000, 0, 0]
    assert [y.case_cost_change for y in soc.years] == pytest.approx([5_000] * 3)
    assert [y.avoided_cost for y in soc.years] == pytest.approx([0, 10_000, 10_000])
    assert [y.net for y in soc.years] == pytest.approx([-25_000, 5_000, 5_000])
    assert [y.cumulative_net for y in soc.years] == pytest.approx([-25_000, -20_000, -15_000])
    school = case.organisations["skola"]
    assert [y.case_cost_change for y in school.years] == pytest.approx([-5_000] * 3)
    assert [y.net for y in school.years] == pytest.approx([5_000] * 3)


def test_npv_ratios_and_payback_by_hand_at_ten_percent():
    case = _invest(3, 0.10)
    soc = case.organisations["soc"]
    # Year 1 is the present; years 2 and 3 are discounted by 1.1 and 1.21.
    assert soc.npv == pytest.approx(-25_000 + 5_000 / 1.1 + 5_000 / 1.21)
    assert soc.present_benefit == pytest.approx(10_000 / 1.1 + 10_000 / 1.21)
    assert soc.present_cost == pytest.approx(25_000 + 5_000 / 1.1 + 5_000 / 1.21)
    assert soc.benefit_cost_ratio == pytest.approx(
        (10_000 / 1.1 + 10_000 / 1.21) / (25_000 + 5_000 / 1.1 + 5_000 / 1.21))
    assert soc.payback_year is None
    school = case.organisations["skola"]
    assert school.npv == pytest.approx(5_000 * (1 + 1 / 1.1 + 1 / 1.21))
    assert school.payback_year == 1
    assert school.benefit_cost_ratio is None and school.roi is None  # nothing spent
    # The total: the school's saving and social services' extra cost cancel out.
    benefit, cost = 10_000 / 1.1 + 10_000 / 1.21, 20_000.0
    assert case.npv == pytest.approx(benefit - cost)
    assert case.benefit_cost_ratio == pytest.approx(benefit / cost)
    assert case.roi == pytest.approx((benefit - cost) / cost)
    assert case.payback_year is None  # never within three years at 10 %
    assert case.investors == ["soc"] and case.beneficiaries == ["skola"]


def test_payback_comes_later_with_a_longer_horizon_and_sooner_without_discounting():
    # Total net: −20 000 then +10 000 a year. Undiscounted the sum is 0 in year 3.
    assert _invest(3, 0.0).payback_year == 3
    # At 10 % the discounted sum passes zero in year 4: −20 000 + 10 000 × (1/1.1 + 1/1.21 +
    # 1/1.331) = 4 868.5.
    five = _invest(5, 0.10)
    assert [round(y.cumulative_discounted_net) for y in five.total.years[:4]] == [
        -20_000, round(-20_000 + 10_000 / 1.1), round(-20_000 + 10_000 / 1.1 + 10_000 / 1.21),
        round(-20_000 + 10_000 / 1.1 + 10_000 / 1.21 + 10_000 / 1.331)]
    assert five.payback_year == 4


def test_a_payback_that_never_comes_is_none():
    never = replace(ECONOMICS, avoided=())
    case = _invest(10, 0.035, never)
    assert all(y.cumulative_net < 0 for y in case.total.years)
    assert case.payback_year is None
    assert payback_year([-1.0, 1.0, -0.5]) is None  # back below zero at the end
    assert payback_year([0.0, 0.0]) == 1


def test_a_negative_discount_rate_is_refused():
    with pytest.raises(ModelError) as error:
        _invest(3, -0.01)
    assert "negativ" in error.value.message("sv") and "negative" in error.value.message("en")
    with pytest.raises(ModelError):
        discount_factors(-0.5, 3)
    with pytest.raises(ModelError):
        _invest(0, 0.035)


def test_npv_is_the_sum_of_discounted_nets():
    led = ledger([100.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 60.0, 60.0], 0.05)
    assert led.npv == pytest.approx(-100 + 60 / 1.05 + 60 / 1.05**2)
    assert led.npv == pytest.approx(sum(y.discounted_net for y in led.years))
    assert led.years[-1].cumulative_discounted_net == pytest.approx(led.npv)


def test_a_group_is_the_mean_of_its_organisations():
    orgs = (*ORGS, Organisation("skola2", "Skola 2", "school"))
    tasks = (Task("a", "skola", "A", participants=(Participant("r", 10),)),
             Task("c", "skola2", "C", participants=(Participant("r", 10),)),
             Task("b", "soc", "B", participants=(Participant("r", 10),)))
    economics = Economics(OUTCOME, (Investment("Kurs", "skola", 1, 2, kronor=8_000.0),))
    base = Case("x", orgs, (ROLE,), (Step("s1", "S1", 1.0, tasks),))
    alt = replace(base, economics=economics)
    case = investment_case(compare(compute(base), compute(alt)), cases_per_year=1, years=3)
    assert [y.investment for y in case.groups["school"].years] == [4_000, 4_000, 0]
    assert [y.investment for y in case.total.years] == [4_000, 4_000, 0]
    assert case.group_members["school"] == ("skola", "skola2")


def test_investments_in_full_time_and_days_cost_the_roles_salary():
    case = _case(1, 1)
    post = Investment("Skolsocionom", "soc", 1, 5, role="r", fte=0.5)
    assert investment_kronor_per_year(post, case) == pytest.approx(99_000 * 12 * 0.5)
    # A day of a full-time week: 165 h × 12 / 52 / 5 at 600 kr an hour, for 4 people × 2 days.
    days = Investment("Utbildningsdagar", "soc", role="r", people=4, days=2)
    assert investment_kronor_per_year(days, case) == pytest.approx(
        4 * 2 * 165 * 12 / 52 / 5 * 600)


def test_prices_are_moved_to_the_price_year_by_the_index():
    prices = PriceList((Price("hvb", "HVB", "dygn", 1_000.0, 2022),), {2022: 100.0, 2024: 110.0})
    comparison = compare(compute(_case(100, 100)), compute(_case(100, 100, ECONOMICS)))
    # Without a price year the prices' latest counts: the price stays as it is.
    assert investment_case(comparison, cases_per_year=10, years=2,
                           prices=prices).avoided[0].unit_kronor == 1_000
    case = investment_case(comparison, cases_per_year=10, years=2, prices=prices,
                           price_year=2024)
    assert case.price_year == 2024
    assert case.avoided[0].unit_kronor == pytest.approx(1_100)
    assert case.total.years[1].avoided_cost == pytest.approx(10 * 0.1 * 10 * 1_100)


def test_inputs_the_arithmetic_cannot_use_are_refused():
    with pytest.raises(ModelError):  # no outcome condition
        investment_case(compare(compute(_case(1, 1)), compute(_case(1, 1))), cases_per_year=1)
    with pytest.raises(ModelError):  # no cases per year
        _invest(3, 0.035, cases=0)
    comparison = compare(compute(_case(1, 1)), compute(_case(1, 1, ECONOMICS)))
    with pytest.raises(ModelError) as error:  # an intervention not in the price list
        investment_case(comparison, cases_per_year=1, prices=PriceList(()))
    assert error.value.problems[0].place.key == "economics.avoided[0].intervention"


def test_an_organisation_or_role_the_investment_case_uses_is_not_removed():
    from samverkan.errors import CaseEditError
    from samverkan.model import edit

    economics = Economics(OUTCOME, (Investment("Tjänst", "skola", 1, 2, role="r", fte=1.0),))
    case = replace(_case(1, 1, economics), steps=())
    with pytest.raises(CaseEditError):
        edit.remove_role(case, "r")
    with pytest.raises(CaseEditError):
        edit.remove_organisation(case, "skola")
    assert [o.id for o in edit.remove_organisation(case, "soc").organisations] == ["skola"]


def test_a_post_covering_its_case_time_is_counted_once():
    post_role = Role("s", "Skolsocionom", 99_000.0)
    economics = Economics(OUTCOME, (Investment("Skolsocionom", "soc", 1, 2, role="s", fte=1.0,
                                               covers_case_time=True),))
    base = _case(100, 100)
    alt = _case(50, 150, economics)
    # The post's holder spends 30 minutes (300 kr) in each case at social services.
    soc_task = Task("p", "soc", "P", participants=(Participant("s", 30),))
    alt = replace(alt, roles=(ROLE, post_role),
                  steps=(replace(alt.steps[0], tasks=(*alt.steps[0].tasks, soc_task)),))
    comparison = compare(compute(base), compute(alt))
    assert comparison.by_organisation["soc"].cost == pytest.approx(800)
    case = investment_case(comparison, cases_per_year=10, years=3)
    soc = case.organisations["soc"]
    # Paid as the post in years 1–2, the 300 kr a case are not counted again; in year 3, with
    # no post paid, they are.
    assert [y.case_cost_change for y in soc.years] == pytest.approx([5_000, 5_000, 8_000])
    assert [y.investment for y in soc.years] == pytest.approx([99_000 * 12] * 2 + [0])
    assert [y.case_cost_change for y in case.total.years] == pytest.approx([0, 0, 3_000])
    assert case.change_per_case["soc"] == pytest.approx(800)


def test_a_changed_investment_case_is_in_the_history():
    from samverkan.model import case_changes

    before = _case(1, 1, ECONOMICS)
    after = replace(before, economics=replace(ECONOMICS, investments=()))
    [change] = case_changes(before, after)
    names_sv = ", ".join(f"investeringen ”{i.name}” borttagen" for i in ECONOMICS.investments)
    assert change.describe("sv") == f"Investeringskalkylen: {names_sv}"
    assert change.describe("en").startswith("The investment case: investment “")
    assert change.ref == ("economics", "")
    assert case_changes(before, before) == ()
