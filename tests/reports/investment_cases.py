"""Two alternatives with an investment case against the small test case, for the tests of the
investment case's workbook, report and page: one that pays back within the horizon, one whose
large post never does; prices of two years so that the index is used."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from samverkan.formats.case_io import load_case
from samverkan.model import (
    Economics,
    Investment,
    InvestmentCase,
    Outcome,
    Price,
    PriceList,
    compare,
    compute,
    investment_case,
)
from samverkan.reports.analysis import Analysis, analyse
from tests.conftest import CASES

# Two price years, so that the index is used: hvb's 2023 price is moved to 2024.
PRICES = PriceList((Price("hvb", "HVB-placering", "dygn", 1_000.0, 2023, "Test"),
                    Price("sarskilt-stod", "Stödinsats", "timme", 800.0, 2024, "Test")),
                   index={2023: 100.0, 2024: 104.0}, name="Testpriser", illustrative=True)
YEARS, RATE, CASES_PER_YEAR = 6, 0.035, 12.0


def cases() -> tuple[Any, Any, Any]:
    base = load_case(CASES / "small.yaml")
    invest = load_case(CASES / "small-invest.yaml")
    # A second alternative whose large post never pays back within the horizon.
    never = replace(load_case(CASES / "small-alt.yaml"), name="Dyr tjänst", economics=Economics(
        Outcome("Oförändrat för barnet", "Test"),
        investments=(Investment("Stor tjänst", "soc", 1, YEARS, kronor=2_000_000.0),)))
    return base, invest, never


def analysis(rate: float = RATE) -> Analysis:
    base, invest, never = cases()
    return analyse(base, [invest, never], cases_per_year=CASES_PER_YEAR, draws=50,
                   years=YEARS, discount_rate=rate, prices=PRICES)


def expected_cases(rate: float = RATE) -> list[InvestmentCase]:
    """The model's investment cases computed here, not read from the analysis."""
    base, *alternatives = cases()
    return [investment_case(compare(compute(base), compute(alt)), cases_per_year=CASES_PER_YEAR,
                            years=YEARS, discount_rate=rate, prices=PRICES)
            for alt in alternatives]


