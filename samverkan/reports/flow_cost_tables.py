"""The cost of the real flow as rows of text and as plain data: one shape for the terminal, the
web page and JSON, so that every output shows and hides the same cost figures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from samverkan.followup.cost import ALL_PATHS, PATH_INDICATORS, CostCell, FlowCost
from samverkan.followup.indicators import INDICATORS, TOTAL, Kind
from samverkan.model.flow import PATHS
from samverkan.reports.followup_tables import shown_text
from samverkan.reports.labels import number

__all__ = ["COST_LEGEND", "MEASURES", "CostRow", "path_label", "cost_rows", "cost_to_data"]

_INDICATOR = {i.id: i for i in INDICATORS}
_ALL_LABEL: Final = {"sv": "Alla vägar", "en": "All paths"}

# What each row of a path gives, in order.
MEASURES: Final = (
    ("cases", "Ärenden", "Cases"),
    ("hours", "Timmar", "Hours"),
    ("kronor", "Kronor", "Kronor"),
    ("fte", "Heltidstjänster", "Full-time equivalents"),
)

COST_LEGEND: Final = {
    "sv": "Kostnaden visas bara där antalet ärenden bakom den visas; annars '..'. Pågående "
    "utredningar räknas med typfallets veckor. Heltidstjänster: timmarna delade med en "
    "heltidstjänsts arbetstid under perioden.",
    "en": "A cost is shown only where the count of cases behind it is shown; otherwise '..'. "
    "Investigations still open count the case's mapped weeks. Full-time equivalents: the hours "
    "over one full-time post's working time in the period.",
}


def path_label(path: str, lang: str = "sv") -> str:
    if path == ALL_PATHS:
        return _ALL_LABEL[lang]
    return _INDICATOR[PATH_INDICATORS[path]].label(lang)


def _measure_text(cell: CostCell, measure: str, lang: str) -> str:
    if measure == "cases":
        return shown_text(cell.cases, Kind.COUNT, lang)
    value = {"hours": cell.hours, "kronor": cell.kronor, "fte": cell.fte}[measure]
    if value is None:
        return ".."
    return number(value, lang, 2 if measure == "fte" else 0)


@dataclass(frozen=True)
class CostRow:
    path: str
    measure: str
    label: str
    cells: tuple[str, ...]  # the units in order, then the whole municipality


def cost_rows(cost: FlowCost, period: str, lang: str = "sv") -> list[CostRow]:
    """Every path and the sum of the paths, each with its cases, hours, kronor and full-time
    equivalents, for one period."""
    rows = []
    for path in (*PATHS, ALL_PATHS):
        for measure, sv, en in MEASURES:
            cells = tuple(_measure_text(cost.cell(period, path, g), measure, lang)
                          for g in (*cost.groups, TOTAL))
            rows.append(CostRow(path, measure, f"{path_label(path, lang)}: "
                                f"{(sv if lang == 'sv' else en).lower()}", cells))
    return rows


def _cell_data(cell: CostCell) -> dict[str, Any]:
    cases: dict[str, Any] = {"status": cell.cases.status.value}
    if cell.cases.visible:
        cases["value"] = cell.cases.value
    data: dict[str, Any] = {"cases": cases, "status": "value" if cell.visible else "hidden"}
    if cell.visible:
        data.update(hours=cell.hours, kronor=cell.kronor, fte=cell.fte)
    return data


def cost_to_data(cost: FlowCost) -> dict[str, Any]:
    """Plain data for JSON: only what may be shown; a hidden cost carries its status alone."""
    return {
        "format": "samverkan/followup-cost@1",
        "case": cost.case.name,
        "mapping": cost.mapping.name,
        "currency": cost.case.currency,
        "period": cost.period.value,
        "as_of": cost.as_of.isoformat(),
        "groups": list(cost.groups),
        "mapped_weeks": cost.mapped_weeks,
        "per_case": {path: {"hours": cost.per_case(path).minutes / 60.0,
                            "kronor": cost.per_case(path).cost} for path in PATHS},
        "periods": [
            {"period": period, "paths": [
                {"id": "all" if path == ALL_PATHS else path,
                 "label_sv": path_label(path, "sv"), "label_en": path_label(path, "en"),
                 "groups": {g: _cell_data(cost.cell(period, path, g)) for g in cost.groups},
                 "total": _cell_data(cost.cell(period, path, TOTAL))}
                for path in (*PATHS, ALL_PATHS)]}
            for period in cost.periods
        ],
    }
