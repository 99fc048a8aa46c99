"""The investment case's options as a person types them, on the command line or a page: the
discount rate, the horizon in years and the price year.

One reading for every way in, as `parse_cases_per_year` is for cases per year, so that the
command line and the pages accept and refuse the same things with the same words.
"""

from __future__ import annotations

import math

from samverkan.errors import OptionError, Place
from samverkan.model import MAX_YEARS

__all__ = ["InvestmentOptionError", "parse_discount_rate", "parse_price_year", "parse_years"]


class InvestmentOptionError(OptionError):
    """A discount rate, horizon or price year that cannot be used."""

    title_sv = "Investeringskalkylens val kan inte användas"
    title_en = "An option of the investment case cannot be used"


def _cleaned(text: str) -> str:
    return text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")


def parse_discount_rate(text: str | float, *, place: Place | None = None) -> float:
    """A real discount rate as a share (0.035) or a percentage with its sign (3,5 %).

    Refuses text that is not a number, a negative rate (it would make a later krona worth
    more than today's) and rates above 100 %.

    >>> parse_discount_rate("3,5 %"), parse_discount_rate("0.035"), parse_discount_rate(0)
    (0.035, 0.035, 0.0)
    """
    sv = ("ange diskonteringsräntan som andel (0,035) eller procent (3,5 %), från 0 till 100 %; "
          "en negativ ränta går inte att använda")
    en = ("give the discount rate as a share (0.035) or a percentage (3.5%), from 0 to 100%; "
          "a negative rate cannot be used")
    if isinstance(text, str):
        cleaned = _cleaned(text).replace(",", ".")
        scale = 1.0
        if cleaned.endswith("%"):
            cleaned, scale = cleaned[:-1], 0.01
        try:
            value = float(cleaned) * scale
        except ValueError:
            raise InvestmentOptionError.single(sv, en, place) from None
        value = round(value, 12)  # 3.5 × 0.01 is 0.035, not 0.035000000000000003
    else:
        value = float(text)
    if not math.isfinite(value) or not 0 <= value <= 1:
        raise InvestmentOptionError.single(sv, en, place)
    return value


def parse_years(text: str | int, *, place: Place | None = None) -> int:
    """The horizon: a whole number of years from 1 to MAX_YEARS."""
    try:
        value = int(_cleaned(text)) if isinstance(text, str) else int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_YEARS:
        raise InvestmentOptionError.single(
            f"ange antalet år som ett heltal från 1 till {MAX_YEARS}",
            f"give the number of years as a whole number from 1 to {MAX_YEARS}", place)
    return value


def parse_price_year(text: str | int | None, *, place: Place | None = None) -> int | None:
    """The year all prices are moved to; empty means the price list's latest."""
    if text is None or (isinstance(text, str) and not _cleaned(text)):
        return None
    try:
        value = int(_cleaned(text)) if isinstance(text, str) else int(text)
    except ValueError:
        value = 0
    if not 1900 <= value <= 2100:
        raise InvestmentOptionError.single("ange prisåret som ett år från 1900 till 2100",
                                           "give the price year as a year from 1900 to 2100",
                                           place)
    return value
