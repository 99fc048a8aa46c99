"""Monte Carlo bands of the investment case: the mean of the avoided costs against its analytic
value, exact inputs giving a single point, and draws shared across alternatives."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

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
    cost_change_samples,
    investment_case,
    simulate,
    simulate_comparison,
    simulate_investments,
)

ROLE = Role("r", "R", 99_000.0)  # 10 kr a minute at 165 hours a month
ORGS = (Organisation("skola", "Skola", "school"), Organisation("soc", "Soc", "social_services"))
PRICES = PriceList((Price("hvb", "HVB", "dygn", 1_000.0, 2024),
                    Price("fh", "Familjehem", "dygn", 500.0, 2024)))
SHARE = ThreePoint(0.0, 0.05, 0.2)
ECONOMICS = Economics(
    Outcome("Minst lika bra"),
    investments=(Investment("Tjänst", "soc", 1, 3, kronor=50_000.0),),
    avoided=(AvoidedIntervention("hvb", "soc", SHARE, units=30.0, years_after=1, for_years=2),
             AvoidedIntervention("fh", "skola", ThreePoint(-0.1, 0.0, 0.1), units=10.0)),
)


def _case(school: Participant, soc: Participant, economics: Economics | None = None) -> Case:
    tasks = (Task("a", "skola", "A", participants=(school,)),
             Task("b", "soc", "B", participants=(soc,)))
    return Case("x", ORGS, (ROLE,), (Step("s1", "S1", 1.0, tasks),), economics=economics)


BASE = _case(Participant("r", 100.0, minutes_low=60.0, minutes_high=200.0),
             Participant("r", 100.0))
ALT = _case(Participant("r", 50.0, minutes_low=30.0, minutes_high=120.0),
            Participant("r", 150.0), ECONOMICS)


def _invest(alt: Case, years: int = 5, rate: float = 0.035):
    return investment_case(compare(compute(BASE), compute(alt)), cases_per_year=20,
                           years=years, discount_rate=rate, prices=PRICES)


def test_the_mean_of_the_avoided_costs_is_its_analytic_value():
    case = _invest(ALT)
    [bands] = simulate_investments(BASE, [ALT], [case], draws=200_000, seed=3)
    # PERT means: (0 + 4 × 0.05 + 0.2) / 6 and (−0.1 + 0 + 0.1) / 6 = 0.
    pert_mean = (0.0 + 4 * 0.05 + 0.2) / 6
    factors = [1 / 1.035 ** (t - 1) for t in range(1, 6)]
    # One cohort in year 2, two in years 3–5 (each lasts two years from a year after the case).
    cohorts = [0, 1, 2, 2, 2]
    present = sum(f * c for f, c in zip(factors, cohorts, strict=True))
    analytic = 20 * pert_mean * 30 * 1_000 * present
    assert bands.present_avoided_cost.mean == pytest.approx(analytic, rel=0.01)
    # The deterministic case uses the most likely share: the mean is above it here.
    likely = 20 * 0.05 * 30 * 1_000 * present
    assert case.organisations["soc"].total("avoided_cost") == pytest.approx(
        20 * 0.05 * 30 * 1_000 * sum(cohorts))
    assert bands.present_avoided_cost.mean > likely


def test_exact_inputs_give_the_deterministic_npv_in_every_percentile():
    exact_base = _case(Participant("r", 100.0), Participant("r", 100.0))
    economics = replace(ECONOMICS, avoided=(
        AvoidedIntervention("hvb", "soc", ThreePoint.exact(0.05), units=30.0),))
    exact_alt = _case(Participant("r", 50.0), Participant("r", 150.0), economics)
    case = investment_case(compare(compute(exact_base), compute(exact_alt)), cases_per_year=20,
                           years=5, prices=PRICES)
    [bands] = simulate_investments(exact_base, [exact_alt], [case], draws=50, seed=0)
    assert bands.npv.p10 == pytest.approx(case.npv) and bands.npv.p90 == pytest.approx(case.npv)
    assert bands.organisations["soc"].mean == pytest.approx(case.organisations["soc"].npv)
    assert bands.probability_positive == (1.0 if case.npv > 0 else 0.0)


def test_the_npv_band_moves_with_the_drawn_case_cost_change():
    case = _invest(ALT)
    [bands] = simulate_investments(BASE, [ALT], [case], draws=20_000, seed=1)
    gain = simulate_comparison(BASE, ALT, draws=20_000, seed=1)
    # A krona saved per case is worth cases × Σ discount factors in present value, so the
    # school's NPV band is its mean gain scaled (the school avoids nothing on average).
    annuity = sum(1 / 1.035 ** (t - 1) for t in range(1, 6))
    assert bands.organisations["skola"].mean == pytest.approx(
        -20 * annuity * gain.by_organisation["skola"].mean, rel=0.02)
    assert bands.npv.p10 < case.npv < bands.npv.p90
    assert 0.0 <= bands.probability_positive <= 1.0


def test_alternatives_share_the_draws():
    other = _case(Participant("r", 70.0, minutes_low=40.0, minutes_high=150.0),
                  Participant("r", 120.0), ECONOMICS)
    same, one, two, twin = cost_change_samples(BASE, [BASE, ALT, other, ALT], draws=1_000,
                                               seed=5)
    # An alternative's draws do not depend on which others are compared with it.
    alone = cost_change_samples(BASE, [ALT], draws=1_000, seed=5)[0]
    assert np.array_equal(alone.by_organisation, one.by_organisation)
    # The baseline is drawn as its own simulation draws it: against an exact alternative the
    # change is the alternative's fixed cost less the baseline's drawn cost, draw for draw.
    exact = _case(Participant("r", 50.0), Participant("r", 150.0))
    [change] = cost_change_samples(BASE, [exact], draws=1_000, seed=5)
    school_cost = simulate(BASE, draws=1_000, seed=5).organisations["skola"].cost
    drawn_base = 500.0 - change.by_organisation[:, 0]
    assert float(np.mean(drawn_base)) == pytest.approx(school_cost.mean)
    assert float(np.percentile(drawn_base, 10)) == pytest.approx(school_cost.p10)
    # The same avoided intervention estimated alike takes the same draw in both.
    cases = [_invest(ALT), _invest(other)]
    a, b = simulate_investments(BASE, [ALT, other], cases, draws=2_000, seed=2)
    assert a.present_avoided_cost.p10 == b.present_avoided_cost.p10


def test_an_alternatives_bands_do_not_depend_on_the_others_compared():
    other = _case(Participant("r", 70.0, minutes_low=40.0, minutes_high=150.0),
                  Participant("r", 120.0), replace(ECONOMICS, avoided=(
                      AvoidedIntervention("hvb", "soc", ThreePoint(0.0, 0.1, 0.3), 5.0),)))
    [alone] = simulate_investments(BASE, [ALT], [_invest(ALT)], draws=500, seed=4)
    _, together = simulate_investments(BASE, [other, ALT], [_invest(other), _invest(ALT)],
                                       draws=500, seed=4)
    assert alone == together
