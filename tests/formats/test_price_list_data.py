"""A price list as data and back: every price, the index (years stay numbers) and the marks of
an illustrative list or index come back as they were."""

from __future__ import annotations

import json

from samverkan.formats.price_list import default_price_list
from samverkan.formats.price_list_data import price_list_from_data, price_list_to_data
from samverkan.model import Price, PriceList


def test_the_shipped_list_comes_back_unchanged_through_json() -> None:
    prices = default_price_list()
    assert prices.illustrative and prices.index_illustrative and len(prices.index) > 1
    again = price_list_from_data(json.loads(json.dumps(price_list_to_data(prices))))
    assert again == prices


def test_a_list_without_an_index_or_marks_comes_back_too() -> None:
    prices = PriceList((Price("hvb", "HVB", "dygn", 5_200.5, 2024, ""),), name="Egen")
    assert price_list_from_data(price_list_to_data(prices)) == prices
