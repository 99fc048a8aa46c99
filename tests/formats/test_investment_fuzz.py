"""Fuzzed investment-case inputs: an economics section or a price list ends in what the
arithmetic can use, or in the importer's own error — never a traceback, never a ModelError
the file could have prevented."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan.errors import CaseFileError, PriceListError
from samverkan.formats.case_file import case_from_data, case_to_data
from samverkan.formats.case_io import load_case
from samverkan.formats.price_list import default_price_list, read_price_list
from samverkan.model import PriceList, compare, compute, investment_case
from tests.formats.test_importers_fuzz import _paths, values

CASES = Path(__file__).parent.parent / "fixtures" / "cases"
BASELINE = compute(load_case(CASES / "small.yaml"))
ECONOMICS = case_to_data(load_case(CASES / "small-invest.yaml"))["economics"]
PRICES = default_price_list()


@st.composite
def mutated_sections(draw: st.DrawFn) -> Any:
    section = copy.deepcopy(ECONOMICS)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(section) if p]
        path = draw(st.sampled_from(paths))
        parent = section
        for part in path[:-1]:
            parent = parent[part]
        if draw(st.booleans()):
            parent[path[-1]] = draw(values)
        else:
            del parent[path[-1]]
        if not section:
            break
    return section


@settings(max_examples=200, deadline=None)
@given(mutated_sections())
def test_a_mutated_economics_section_is_read_or_refused_with_places(section: Any) -> None:
    document = case_to_data(load_case(CASES / "small-invest.yaml"))
    document["economics"] = section
    try:
        case = case_from_data(document, source="fuzz.yaml")
    except CaseFileError as error:
        assert all(p.sv and p.en and p.place.key for p in error.problems)
        return
    # A section that was accepted can be computed, unless an intervention is unknown to the
    # price list (said by the arithmetic, at its key).
    if case.economics is not None and all(PRICES.price(a.intervention)
                                          for a in case.economics.avoided):
        investment_case(compare(BASELINE, compute(case)), cases_per_year=3, years=4,
                        prices=PRICES)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.one_of(st.text(max_size=10), st.sampled_from(
    ["Id", "Insats", "Enhet", "Kronor", "Prisår", "Källa", "2024", "1 000,5", "-3", "#"])),
    max_size=7), max_size=6), st.sampled_from([";", ",", "\t"]))
def test_arbitrary_price_lists_are_read_or_refused_with_places(rows: list[list[str]],
                                                               separator: str) -> None:
    text = "\n".join(separator.join(row) for row in rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "priser.csv"
        path.write_text(text, encoding="utf-8")
        try:
            prices = read_price_list(path)
        except PriceListError as error:
            assert all(p.sv and p.en and p.place.file == "priser.csv" for p in error.problems)
            return
    assert isinstance(prices, PriceList) and prices.prices
    for price in prices.prices:
        assert prices.kronor_in(price, prices.latest_year or price.price_year) >= 0
