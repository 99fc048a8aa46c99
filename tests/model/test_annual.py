"""Annual volumes: per-case figures times cases per year, full-time equivalents, and who pays
and who gains in a comparison."""

from __future__ import annotations

import pytest

from samverkan.errors import ModelError
from samverkan.model import annual, annual_comparison, compare, compute


def test_annual_figures_are_per_case_figures_times_cases(small):
    result = compute(small)
    year = annual(result, 40)
    assert year.total.cost == pytest.approx(40 * result.total.cost)
    assert year.organisations["soc"].minutes == pytest.approx(40 * result.organisations["soc"]
                                                              .figures.minutes)
    # 130 h a month × 12 × 60 minutes is one full-time equivalent.
    assert year.organisations["soc"].full_time_equivalents == pytest.approx(
        40 * result.organisations["soc"].figures.minutes / (130 * 12 * 60))


def test_a_comparison_per_year_names_who_pays_and_who_gains(small, small_alt):
    comparison = compare(compute(small), compute(small_alt))
    year = annual_comparison(comparison, 12)
    assert year.gain == pytest.approx(12 * comparison.gain)
    for org, change in year.organisations.items():
        assert change.cost == pytest.approx(12 * comparison.by_organisation[org].cost)
        assert (org in year.payers) == (change.cost > 0)
        assert (org in year.gainers) == (change.cost < 0)


def test_negative_volumes_are_refused(small):
    with pytest.raises(ModelError):
        annual(compute(small), -1)
