"""The investment case in the one analysis: computed only when read, from the same comparison
and draws as the rest, and its JSON built from it."""

from __future__ import annotations

import pytest

from samverkan.errors import ModelError
from samverkan.formats.case_io import load_case
from samverkan.formats.investment_options import (
    InvestmentOptionError,
    parse_discount_rate,
    parse_price_year,
    parse_years,
)
from samverkan.formats.price_list import default_price_list
from samverkan.model import compare, compute, investment_case
from samverkan.reports.analysis import analyse
from samverkan.reports.investment_data import investment_to_data
from tests.conftest import CASES


def test_the_analysis_holds_each_alternatives_investment_case(small):
    alternative = load_case(CASES / "small-invest.yaml")
    prices = default_price_list()
    analysis = analyse(small, [alternative, alternative], cases_per_year=12, years=4,
                       discount_rate=0.05, prices=prices, draws=300)
    first, second = analysis.investments
    expected = investment_case(compare(compute(small), compute(alternative)), cases_per_year=12,
                               years=4, discount_rate=0.05, prices=prices)
    assert first.case == expected
    # The same alternative twice is drawn the same twice.
    assert first.bands == second.bands
    assert first.comparison is analysis.comparisons[0]
    data = investment_to_data(analysis)
    assert data["alternatives"][0]["npv"] == pytest.approx(expected.npv)
    assert data["discount_rate"] == 0.05 and data["years"] == 4


def test_pages_without_the_investment_case_are_not_stopped_by_it(small):
    alternative = load_case(CASES / "small-alt.yaml")  # no economics section
    analysis = analyse(small, [alternative], cases_per_year=0)
    assert analysis.comparisons and analysis.computed() is analysis
    with pytest.raises(ModelError):
        _ = analysis.investments


def test_the_options_are_read_as_people_type_them():
    assert parse_discount_rate("3,5 %") == 0.035 and parse_discount_rate("0") == 0.0
    assert parse_discount_rate("  0.02 ") == 0.02 and parse_discount_rate("100%") == 1.0
    for bad in ("-1%", "-0.01", "tio", "inf", "150%", "nan"):
        with pytest.raises(InvestmentOptionError):
            parse_discount_rate(bad)
    assert parse_years("10") == 10 and parse_price_year("") is None
    assert parse_price_year(" 2024 ") == 2024
    for bad_years in ("0", "51", "fem", "2.5"):
        with pytest.raises(InvestmentOptionError):
            parse_years(bad_years)
