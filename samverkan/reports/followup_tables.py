"""The unit comparison as rows of text and as plain data: one shape for terminal, web, Excel
and JSON, so that every output hides the same cells the same way.

Symbols follow Swedish official statistics: ".." for a figure that is hidden (too few cases, or
hidden so that another cannot be worked out), "–" where there is nothing to compute from, and
"<5" for a count of one to four.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from samverkan.followup.comparison import Spread, UnitComparison
from samverkan.followup.indicators import TOTAL, Indicator, Kind
from samverkan.followup.suppression import Shown, Status
from samverkan.formats.eventlog_schema import REPORTER_LABELS
from samverkan.reports.labels import number, percent

__all__ = [
    "LEGEND",
    "TOTAL_LABEL",
    "ComparisonRow",
    "group_name",
    "shown_text",
    "spread_text",
    "comparison_rows",
    "comparison_to_data",
]

TOTAL_LABEL = {"sv": "Hela kommunen", "en": "Whole municipality"}

LEGEND = {
    "sv": "<5 = färre än fem ärenden. .. = dold: för få ärenden, eller dold så att en annan "
    "dold uppgift inte kan räknas fram. – = inget att räkna på. Spridning: lägsta–högsta "
    "och variationskoefficient (CV) bland de enheter som visas.",
    "en": "<5 = fewer than five cases. .. = hidden: too few cases, or hidden so that another "
    "hidden figure cannot be worked out. – = nothing to compute from. Spread: lowest–highest "
    "and coefficient of variation (CV) among the units shown.",
}

_SYMBOL = {Status.SMALL: "<5", Status.HIDDEN: "..", Status.SECONDARY: "..", Status.EMPTY: "–"}


def group_name(group: str, by: str, lang: str = "sv") -> str:
    if group == TOTAL:
        return TOTAL_LABEL[lang]
    if by == "reporter" and group in REPORTER_LABELS:
        sv, en = REPORTER_LABELS[group]
        return sv if lang == "sv" else en
    return group


def _value_text(value: float, kind: Kind, lang: str) -> str:
    if kind is Kind.SHARE:
        return percent(value, lang)
    if kind is Kind.DAYS:
        return number(value, lang, 0 if value == int(value) else 1)
    return number(value, lang)


def shown_text(shown: Shown, kind: Kind, lang: str = "sv") -> str:
    """A figure as it is printed: its value, or the symbol of why it is not shown."""
    if shown.status is Status.VALUE and shown.value is not None:
        return _value_text(shown.value, kind, lang)
    return _SYMBOL.get(shown.status, "–")


def spread_text(found: Spread, kind: Kind, lang: str = "sv") -> str:
    """The lowest to the highest unit, as printed: "48 %–84 %"."""
    return f"{_value_text(found.minimum, kind, lang)}–{_value_text(found.maximum, kind, lang)}"


def _spread_texts(found: Spread | None, kind: Kind, lang: str) -> tuple[str, str]:
    if found is None:
        return "", ""
    cv = "" if found.cv is None else number(found.cv, lang, 2)
    return spread_text(found, kind, lang), cv


@dataclass(frozen=True)
class ComparisonRow:
    indicator: Indicator
    label: str
    cells: tuple[str, ...]  # one per group, then the whole municipality
    spread: str
    cv: str


def comparison_rows(
    comparison: UnitComparison, period: str, lang: str = "sv"
) -> list[ComparisonRow]:
    """One row per indicator for one period, in the table's order."""
    table = comparison.table.source
    rows = []
    for indicator in table.indicators:
        cells = tuple(
            shown_text(comparison.table.cell(period, indicator.id, g), indicator.kind, lang)
            for g in (*table.groups, TOTAL)
        )
        span, cv = _spread_texts(comparison.spread(period, indicator.id), indicator.kind, lang)
        rows.append(ComparisonRow(indicator, indicator.label(lang), cells, span, cv))
    return rows


def _shown_data(shown: Shown) -> dict[str, Any]:
    data: dict[str, Any] = {"status": shown.status.value}
    if shown.visible:
        data["value"] = shown.value
        data["n"] = shown.base
    return data


def comparison_to_data(comparison: UnitComparison) -> dict[str, Any]:
    """Plain data for JSON: only what may be shown; hidden cells carry their status alone."""
    table = comparison.table.source
    periods = []
    for period in table.periods:
        indicators = []
        for indicator in table.indicators:
            found = comparison.spread(period, indicator.id)
            indicators.append({
                "id": indicator.id,
                "kind": indicator.kind.value,
                "label_sv": indicator.sv,
                "label_en": indicator.en,
                "groups": {
                    g: _shown_data(comparison.table.cell(period, indicator.id, g))
                    for g in table.groups
                },
                "total": _shown_data(comparison.table.cell(period, indicator.id, TOTAL)),
                "spread": None if found is None else {
                    "min": found.minimum, "max": found.maximum, "cv": found.cv,
                    "units": found.units,
                },
            })
        periods.append({"period": period, "indicators": indicators})
    return {
        "format": "samverkan/followup-indicators@1",
        "by": table.by.value,
        "period": table.period.value,
        "as_of": table.as_of.isoformat(),
        "threshold": comparison.table.threshold,
        "groups": list(table.groups),
        "periods": periods,
    }
