"""Monte Carlo ranges: exact cases are exact, known distributions give their known means, and
a seed reproduces a run."""

from __future__ import annotations

import math

import pytest

from samverkan.errors import ModelError
from samverkan.model import (
    Case,
    Organisation,
    Participant,
    Role,
    Step,
    Task,
    compare,
    compute,
    simulate,
    simulate_comparison,
    with_assumed_ranges,
)


def _one(low: float, likely: float, high: float) -> Case:
    # 9 900 kr a month over 165 hours is one krona a minute.
    return Case("x", (Organisation("s", "S", "school"),), (Role("r", "R", 9900.0),),
                (Step("s1", "S1", 1.0, (Task("t", "s", "T", participants=(
                    Participant("r", likely, minutes_low=low, minutes_high=high),)),)),))


def test_an_exact_case_gives_its_deterministic_figures_in_every_percentile(small, lucas):
    for case in (small, lucas):
        result, simulation = compute(case), simulate(case, draws=500, seed=3)
        assert not simulation.uncertain
        for band, expected in [
            (simulation.total.cost, result.total.cost),
            (simulation.total.minutes, result.total.minutes),
            (simulation.total.collaboration_share, result.total.collaboration_share),
            *[(simulation.organisations[o].cost, r.figures.cost)
              for o, r in result.organisations.items()],
            *[(simulation.groups[g].minutes, r.figures.minutes)
              for g, r in result.groups.items()],
        ]:
            for value in (band.p10, band.p50, band.p90, band.mean):
                assert value == pytest.approx(expected, rel=1e-12)


def test_a_triangular_estimate_has_the_analytic_mean_and_median():
    low, mode, high = 30.0, 60.0, 150.0
    draws = 40_000
    band = simulate(_one(low, mode, high), draws=draws, seed=11,
                    distribution="triangular").total.cost
    mean = (low + mode + high) / 3
    sd = math.sqrt((low**2 + mode**2 + high**2 - low * mode - low * high - mode * high) / 18)
    assert abs(band.mean - mean) < 4 * sd / math.sqrt(draws)
    # The median of a triangular distribution with the mode below the middle.
    median = high - math.sqrt((high - low) * (high - mode) / 2)
    assert band.p50 == pytest.approx(median, rel=0.01)
    assert low < band.p10 < band.p50 < band.p90 < high


def test_a_pert_estimate_has_the_pert_mean():
    band = simulate(_one(30.0, 60.0, 150.0), draws=40_000, seed=5).total.minutes
    assert band.mean == pytest.approx((30 + 4 * 60 + 150) / 6, rel=0.01)


def test_the_same_seed_gives_the_same_result_and_another_seed_another():
    case = _one(10.0, 20.0, 90.0)
    first, again = simulate(case, draws=3000, seed=7), simulate(case, draws=3000, seed=7)
    other = simulate(case, draws=3000, seed=8)
    assert first == again
    assert first.total.cost != other.total.cost


def test_chunks_do_not_change_the_figures(monkeypatch):
    import samverkan.model.uncertainty as uncertainty

    case = _one(10.0, 20.0, 90.0)
    whole = simulate(case, draws=5000, seed=2)
    monkeypatch.setattr(uncertainty, "CHUNK", 5000)
    assert simulate(case, draws=5000, seed=2) == whole


def test_groups_are_the_mean_of_their_organisations_in_every_draw(small):
    ranged = with_assumed_ranges(small, low=0.5, high=2.0)
    simulation = simulate(ranged, draws=4000, seed=1)
    assert simulation.uncertain
    school = simulation.groups["school"].cost.mean
    mean_of_schools = (simulation.organisations["sa"].cost.mean
                       + simulation.organisations["sb"].cost.mean) / 2
    assert school == pytest.approx(mean_of_schools)
    assert simulation.total.cost.mean == pytest.approx(
        school + simulation.groups["social_services"].cost.mean)


def test_assumed_ranges_keep_the_likely_figures(small):
    ranged = with_assumed_ranges(small, low=0.75, high=1.5)
    assert compute(ranged).total.cost == pytest.approx(compute(small).total.cost)
    with pytest.raises(ModelError):
        with_assumed_ranges(small, low=1.2, high=1.5)


def test_an_exact_comparison_gives_its_gain_for_certain(lucas):
    from samverkan.formats.case_io import load_case
    from tests.conftest import EXAMPLES

    variant = load_case(EXAMPLES / "lucas-samverkan.yaml")
    gain = simulate_comparison(lucas, variant, draws=200, seed=1)
    assert gain.gain.p10 == pytest.approx(compare(compute(lucas), compute(variant)).gain)
    assert gain.probability_alternative_cheaper == 1.0


def test_shared_tasks_take_the_same_draw_in_both_cases(small):
    ranged = with_assumed_ranges(small, low=0.5, high=3.0)
    # Comparing a case with itself: every draw is shared, so the gain is exactly zero.
    same = simulate_comparison(ranged, ranged, draws=2000, seed=4)
    assert (same.gain.p10, same.gain.p90) == (0.0, 0.0)
    assert same.probability_alternative_cheaper == 0.0


def test_alternatives_share_the_baselines_draws(lucas, lucas_samverkan):
    from samverkan.formats.case_io import load_case
    from tests.conftest import EXAMPLES

    skolsocionom = load_case(EXAMPLES / "lucas-skolsocionom.yaml")
    base = with_assumed_ranges(lucas)
    alternatives = [with_assumed_ranges(c) for c in (lucas_samverkan, skolsocionom, lucas)]
    # More draws than one chunk, so that the streams are followed across chunks too.
    draws = 25_000
    own = simulate(base, draws=draws, seed=7).total.cost
    for alternative in alternatives:
        gain = simulate_comparison(base, alternative, draws=draws, seed=7)
        # The baseline's drawn totals are the case's own simulation, whichever alternative.
        assert gain.baseline_cost == own
        assert gain.baseline_cost.p10 < gain.baseline_cost.p90
    # The baseline against itself: same draws, no gain.
    itself = simulate_comparison(base, alternatives[-1], draws=draws, seed=7)
    assert (itself.gain.p10, itself.gain.p90) == (0.0, 0.0)
