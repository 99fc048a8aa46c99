"""A price list as plain JSON-ready data and back: how the web application keeps an
organisation's own price list once `read_price_list` has accepted its file.

Only lists the importer accepted are stored, so reading back checks the shape, not the content.
"""

from __future__ import annotations

from typing import Any

from samverkan.model import Price, PriceList

__all__ = ["price_list_from_data", "price_list_to_data"]


def price_list_to_data(prices: PriceList) -> dict[str, Any]:
    return {
        "name": prices.name,
        "illustrative": prices.illustrative,
        "index_name": prices.index_name,
        "index_illustrative": prices.index_illustrative,
        # JSON keys are text: the index is kept as pairs so that its years stay numbers.
        "index": [[year, value] for year, value in sorted(prices.index.items())],
        "prices": [{"id": p.id, "name": p.name, "unit": p.unit, "kronor": p.kronor,
                    "price_year": p.price_year, "source": p.source} for p in prices.prices],
    }


def price_list_from_data(data: dict[str, Any]) -> PriceList:
    return PriceList(
        prices=tuple(Price(str(p["id"]), str(p["name"]), str(p["unit"]), float(p["kronor"]),
                           int(p["price_year"]), str(p.get("source", "")))
                     for p in data["prices"]),
        index={int(year): float(value) for year, value in data.get("index", [])},
        name=str(data.get("name", "")),
        illustrative=bool(data.get("illustrative", False)),
        index_name=str(data.get("index_name", "")),
        index_illustrative=bool(data.get("index_illustrative", False)),
    )
