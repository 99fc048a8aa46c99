"""A case per year: annual time, cost and full-time equivalents, and who pays and who gains.

Full-time equivalents count productive time: a full-time post gives `hours_per_month` hours a
month (165 in the seed's method) times the productive share when the practical-capacity
convention is used, twelve months a year. A comparison per year says, for each organisation and
group, how much more or less it spends: an organisation that invests (spends more) so that
another spends less shows as exactly that.
"""

from __future__ import annotations

from dataclasses import dataclass

from samverkan.errors import ModelError
from samverkan.model.comparison import Comparison
from samverkan.model.costing import CaseResult, Figures

__all__ = ["AnnualFigures", "Annual", "AnnualChange", "AnnualComparison", "annual",
           "annual_comparison"]


@dataclass(frozen=True)
class AnnualFigures:
    minutes: float
    cost: float
    full_time_equivalents: float


@dataclass(frozen=True)
class Annual:
    cases_per_year: float
    organisations: dict[str, AnnualFigures]
    groups: dict[str, AnnualFigures]
    total: AnnualFigures


@dataclass(frozen=True)
class AnnualChange:
    """Alternative − baseline per year: positive cost means this part pays more."""

    minutes: float
    cost: float
    full_time_equivalents: float

    @property
    def pays(self) -> bool:
        return self.cost > 0


@dataclass(frozen=True)
class AnnualComparison:
    cases_per_year: float
    gain: float  # the collaboration gain per year: positive when the alternative costs less
    organisations: dict[str, AnnualChange]
    groups: dict[str, AnnualChange]

    @property
    def payers(self) -> list[str]:
        return [o for o, c in self.organisations.items() if c.cost > 0]

    @property
    def gainers(self) -> list[str]:
        return [o for o, c in self.organisations.items() if c.cost < 0]


def _minutes_per_fte(result: CaseResult) -> float:
    case = result.case
    return case.hours_per_month * case.conventions.productive_share * 12 * 60


def _scaled(figures: Figures, n: float, per_fte: float) -> AnnualFigures:
    return AnnualFigures(figures.minutes * n, figures.cost * n, figures.minutes * n / per_fte)


def annual(result: CaseResult, cases_per_year: float) -> Annual:
    """The figures of `cases_per_year` cases like this one."""
    if cases_per_year < 0:
        raise ModelError.single("antalet ärenden per år kan inte vara negativt",
                               "cases per year cannot be negative")
    per_fte = _minutes_per_fte(result)
    return Annual(
        cases_per_year,
        {o: _scaled(r.figures, cases_per_year, per_fte) for o, r in result.organisations.items()},
        {g: _scaled(r.figures, cases_per_year, per_fte) for g, r in result.groups.items()},
        _scaled(result.total, cases_per_year, per_fte),
    )


def annual_comparison(comparison: Comparison, cases_per_year: float) -> AnnualComparison:
    """Each organisation's and group's change per year, and the annual gain."""
    per_fte = _minutes_per_fte(comparison.baseline)

    def change(minutes: float, cost: float) -> AnnualChange:
        return AnnualChange(minutes * cases_per_year, cost * cases_per_year,
                            minutes * cases_per_year / per_fte)

    return AnnualComparison(
        cases_per_year,
        comparison.gain * cases_per_year,
        {o: change(d.minutes, d.cost) for o, d in comparison.by_organisation.items()},
        {g: change(d.minutes, d.cost) for g, d in comparison.by_group.items()},
    )
