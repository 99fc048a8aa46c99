"""A case per year: annual time, cost and full-time equivalents, and who pays and who gains.

Full-time equivalents count productive time: a full-time post gives `hours_per_month` hours a
month (165 in the seed's method) times the productive share when the practical-capacity
convention is used, twelve months a year (`Case.productive_hours_per_year`).

"Cases per year" has one meaning everywhere (`cases_per_year_of`): a number given by the user
counts, 0 meaning no annual figures; when none is given, the case's own number counts; a case
without one has no annual figures. A comparison per year says, for each organisation and
group, how much more or less it spends: an organisation that invests (spends more) so that
another spends less shows as exactly that.
"""

from __future__ import annotations

from dataclasses import dataclass

from samverkan.errors import ModelError
from samverkan.model.case import Case
from samverkan.model.comparison import Comparison
from samverkan.model.costing import CaseResult, Figures

__all__ = ["AnnualFigures", "Annual", "AnnualChange", "AnnualComparison", "annual",
           "annual_comparison", "cases_per_year_of"]


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
    hours_per_full_time_equivalent: float = 0.0


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
    # The case's change: the groups' changes added, so its cost is −gain.
    total: AnnualChange = AnnualChange(0.0, 0.0, 0.0)

    @property
    def payers(self) -> list[str]:
        return [o for o, c in self.organisations.items() if c.cost > 0]

    @property
    def gainers(self) -> list[str]:
        return [o for o, c in self.organisations.items() if c.cost < 0]


def cases_per_year_of(case: Case, given: float | None) -> float:
    """The number of cases a year the annual figures are for; 0 means no annual figures.

    `given` is the user's number (a page's field, an address, `--cases-per-year`): it counts
    when given, 0 included. When not given (None), the case's own `cases_per_year` counts, and
    a case without one has no annual figures.

    >>> from samverkan.model.case import Case
    >>> case = Case("Lucas", (), (), (), cases_per_year=40)
    >>> cases_per_year_of(case, None), cases_per_year_of(case, 0), cases_per_year_of(case, 12)
    (40, 0, 12)
    """
    number = given if given is not None else case.cases_per_year or 0
    if number < 0:
        raise ValueError("cases per year cannot be negative")
    # A whole number stays whole, so that pages and fields show 40 rather than 40.0.
    return int(number) if float(number).is_integer() else number


def _minutes_per_fte(result: CaseResult) -> float:
    return result.case.productive_hours_per_year * 60


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
        per_fte / 60,
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
        change(comparison.total.minutes, comparison.total.cost),
    )
