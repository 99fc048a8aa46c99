"""The investment case: does a way of working pay, for whom, and when? (issue 16, part 2)

For an alternative way of working compared with the baseline, over a horizon of N years (year 1
being the first year of the new way of working), each organisation's yearly

- **investment**: what it pays to work this way (`Economics.investments`);
- **case cost change**: the changed cost of each case (alternative − baseline, the existing
  comparison) × cases per year; positive when it spends more. A post paid as an investment
  whose holder does tasks in the cases (`covers_case_time`) has that time taken out here, so
  the post is counted once;
- **avoided cost**: later interventions no longer needed (`Economics.avoided`) at the price
  list's prices moved to one price year; negative when more are needed;
- **net** = avoided cost − investment − case cost change, and its running sum.

A group's flows are the mean of its organisations' (two schools are two realisations of "the
school", as everywhere in the model) and the total is the sum of the groups', so that the
investment case adds up exactly like the per-case figures it builds on.

Discounting follows the public-sector guides (HM Treasury's Green Book, and the New Economy
model built on it): flows are in real terms at one price year, year 1 is the present (discount
factor 1) and year t is discounted by (1 + r)^(t − 1). The default rate is 3.5 % real; a
negative rate is refused. The net present value is numpy-financial's `npv`, whose convention
is exactly this one (its first value is not discounted; note that a spreadsheet's NPV function
discounts its first value, so a workbook adds year 1 outside it).

Benefits and costs for the ratios: in each year, a saving (a case cost that falls, an avoided
intervention) is a benefit and anything spent (an investment, a case cost that rises, more
interventions) is a cost. The benefit-cost ratio is their present values' ratio; the return on
investment is NPV ÷ present cost (the ratio less one). Both are None when nothing is spent.
The payback year is the first year from which the *discounted* cumulative net stays at or
above zero to the horizon; None when that never happens within it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy_financial as npf

from samverkan.errors import ModelError, Place, Problem
from samverkan.model.case import MONTHS_PER_YEAR, Case, full_time_hours_per_week
from samverkan.model.comparison import Comparison
from samverkan.model.economics import (
    AvoidedIntervention,
    Economics,
    Investment,
    Outcome,
    PriceList,
)

__all__ = [
    "DEFAULT_DISCOUNT_RATE",
    "DEFAULT_YEARS",
    "MAX_YEARS",
    "AvoidedLine",
    "InvestmentCase",
    "InvestmentLine",
    "Ledger",
    "YearFlows",
    "annuity_factor",
    "avoided_years",
    "discount_factors",
    "investment_case",
    "investment_kronor_per_year",
    "ledger",
    "payback_year",
]

# 3.5 % real: the Green Book's rate, which Swedish municipal cost-benefit guides also use.
DEFAULT_DISCOUNT_RATE = 0.035
# Ten years reach the later interventions an early way of working is meant to avoid.
DEFAULT_YEARS = 10
# Fifty years is far beyond any horizon a municipality plans for, and keeps every array small.
MAX_YEARS = 50
# A discount rate of 100 % a year halves next year's krona; anything above is a typo.
MAX_DISCOUNT_RATE = 1.0
WORKING_DAYS_PER_WEEK = 5.0


@dataclass(frozen=True)
class YearFlows:
    """One year of an organisation's, a group's or the total's flows, in kronor of the price
    year. `net` = avoided cost − investment − case cost change; `benefit` − `cost` = `net`."""

    year: int
    investment: float
    case_cost_change: float
    avoided_cost: float
    discount_factor: float
    cumulative_net: float
    cumulative_discounted_net: float

    @property
    def net(self) -> float:
        return self.avoided_cost - self.investment - self.case_cost_change

    @property
    def discounted_net(self) -> float:
        return self.net * self.discount_factor

    @property
    def benefit(self) -> float:
        """Savings this year: a case cost that falls, interventions avoided."""
        return max(-self.case_cost_change, 0.0) + max(self.avoided_cost, 0.0)

    @property
    def cost(self) -> float:
        """Spending this year: investments, a case cost that rises, more interventions."""
        return self.investment + max(self.case_cost_change, 0.0) + max(-self.avoided_cost, 0.0)


@dataclass(frozen=True)
class Ledger:
    """The years of one organisation, group or the total, and what they add up to."""

    years: tuple[YearFlows, ...]
    npv: float
    present_benefit: float
    present_cost: float
    payback_year: int | None

    @property
    def benefit_cost_ratio(self) -> float | None:
        return self.present_benefit / self.present_cost if self.present_cost else None

    @property
    def roi(self) -> float | None:
        """Return on investment: NPV ÷ present cost."""
        return self.npv / self.present_cost if self.present_cost else None

    @property
    def invests(self) -> bool:
        """Whether this part pays more than it gets back, in present value."""
        return self.npv < 0

    def total(self, figure: str) -> float:
        """A yearly figure summed over the horizon, undiscounted (e.g. 'investment')."""
        return float(sum(getattr(y, figure) for y in self.years))


@dataclass(frozen=True)
class InvestmentLine:
    """An investment as the arithmetic used it: its kronor in each of its years."""

    investment: Investment
    kronor_per_year: float


@dataclass(frozen=True)
class AvoidedLine:
    """An avoided intervention as the arithmetic used it: its price moved to the price year,
    and the kronor avoided in each year of the horizon at the most likely share."""

    avoided: AvoidedIntervention
    name: str
    unit: str
    unit_kronor: float  # in the price year
    price_kronor: float  # as the price list gives it
    price_year: int  # the price's own year
    source: str
    kronor_by_year: tuple[float, ...]


@dataclass(frozen=True)
class InvestmentCase:
    """One alternative's investment case against the baseline."""

    baseline: str  # the baseline case's name
    alternative: str  # the alternative case's name
    outcome: Outcome
    years: int
    discount_rate: float
    price_year: int | None  # None when no price is used
    prices_illustrative: bool
    cases_per_year: float
    organisations: dict[str, Ledger]
    groups: dict[str, Ledger]
    total: Ledger
    investments: tuple[InvestmentLine, ...]
    avoided: tuple[AvoidedLine, ...]
    # The organisations each group's flows are the mean of (the alternative's, as its figures).
    group_members: dict[str, tuple[str, ...]]
    # The comparison's change in each case's cost (alternative − baseline), per organisation
    # and group, before any post's case time is taken out: what the uncertainty draws.
    change_per_case: dict[str, float] = field(default_factory=dict)
    group_change_per_case: dict[str, float] = field(default_factory=dict)

    @property
    def npv(self) -> float:
        return self.total.npv

    @property
    def benefit_cost_ratio(self) -> float | None:
        return self.total.benefit_cost_ratio

    @property
    def roi(self) -> float | None:
        return self.total.roi

    @property
    def payback_year(self) -> int | None:
        return self.total.payback_year

    @property
    def investors(self) -> list[str]:
        """Organisations that pay more than they get back over the horizon (present value)."""
        return [o for o, led in self.organisations.items() if led.npv < 0]

    @property
    def beneficiaries(self) -> list[str]:
        """Organisations that get back more than they pay over the horizon (present value)."""
        return [o for o, led in self.organisations.items() if led.npv > 0]


def _check_rate(discount_rate: float) -> None:
    if not math.isfinite(discount_rate) or discount_rate < 0:
        raise ModelError.single(
            "diskonteringsräntan kan inte vara negativ; ange till exempel 0,035 för 3,5 %",
            "the discount rate cannot be negative; give for example 0.035 for 3.5 %")
    if discount_rate > MAX_DISCOUNT_RATE:
        raise ModelError.single(
            "diskonteringsräntan ska vara en andel mellan 0 och 1 (0,035 är 3,5 %)",
            "the discount rate must be a share from 0 to 1 (0.035 is 3.5 %)")


def _check_years(years: int) -> None:
    if not 1 <= years <= MAX_YEARS:
        raise ModelError.single(f"antalet år ska vara mellan 1 och {MAX_YEARS}",
                               f"the number of years must be from 1 to {MAX_YEARS}")


def discount_factors(discount_rate: float, years: int) -> tuple[float, ...]:
    """1 / (1 + r)^(t − 1) for t = 1 … years: year 1 is the present.

    >>> [round(f, 4) for f in discount_factors(0.1, 3)]
    [1.0, 0.9091, 0.8264]
    """
    _check_rate(discount_rate)
    _check_years(years)
    return tuple(1.0 / (1.0 + discount_rate) ** (t - 1) for t in range(1, years + 1))


def payback_year(cumulative: Sequence[float]) -> int | None:
    """The first year (from 1) from which `cumulative` stays at or above zero; else None.

    >>> payback_year([-100.0, -20.0, 30.0, 80.0])
    3
    >>> payback_year([-100.0, 10.0, -5.0]) is None
    True
    """
    year: int | None = None
    for t, value in enumerate(cumulative, start=1):
        if value < 0:
            year = None
        elif year is None:
            year = t
    return year


def ledger(
    investment: Sequence[float],
    case_cost_change: Sequence[float],
    avoided_cost: Sequence[float],
    discount_rate: float,
) -> Ledger:
    """The years and their sums from three yearly series of equal length (year 1 first)."""
    years = len(investment)
    if not len(case_cost_change) == len(avoided_cost) == years:
        raise ValueError("the yearly series must have the same length")
    factors = discount_factors(discount_rate, years)
    rows: list[YearFlows] = []
    cumulative = cumulative_discounted = 0.0
    for t in range(years):
        net = avoided_cost[t] - investment[t] - case_cost_change[t]
        cumulative += net
        cumulative_discounted += net * factors[t]
        rows.append(YearFlows(t + 1, investment[t], case_cost_change[t], avoided_cost[t],
                              factors[t], cumulative, cumulative_discounted))
    nets = [r.net for r in rows]
    return Ledger(
        years=tuple(rows),
        npv=float(npf.npv(discount_rate, nets)),
        present_benefit=float(npf.npv(discount_rate, [r.benefit for r in rows])),
        present_cost=float(npf.npv(discount_rate, [r.cost for r in rows])),
        payback_year=payback_year([r.cumulative_discounted_net for r in rows]),
    )


def investment_kronor_per_year(investment: Investment, case: Case) -> float:
    """The kronor of an investment in each of its years.

    A share of full time costs the role's monthly cost × 12 × the share; a day costs the hours
    of a working day (a full-time week of the case's hours per month, over five days) at the
    role's hourly cost. The case's overheads, when it uses them, are added as to any minute of
    work; the productive share is not, since a post or a day is paid whole.
    """
    if investment.kronor is not None:
        return investment.kronor
    role = case.role(investment.role or "")
    overhead = 1.0 + case.conventions.overhead_share
    if investment.fte is not None:
        return role.monthly_cost * MONTHS_PER_YEAR * investment.fte * investment.people * overhead
    hours_per_day = full_time_hours_per_week(case.hours_per_month) / WORKING_DAYS_PER_WEEK
    hourly = role.monthly_cost / case.hours_per_month
    return (investment.days or 0.0) * hours_per_day * hourly * investment.people * overhead


def avoided_years(avoided: AvoidedIntervention, years: int) -> tuple[float, ...]:
    """How many years' cohorts of cases count in each year of the horizon (year 1 first).

    Cases handled in year c avoid the intervention in years c + years_after … c + years_after
    + for_years − 1; each year of the horizon brings a new cohort from year 1.
    """
    out = []
    for t in range(1, years + 1):
        cohorts = sum(1 for c in range(1, t + 1)
                      if c + avoided.years_after <= t < c + avoided.years_after + avoided.for_years)
        out.append(float(cohorts))
    return tuple(out)


def _missing_prices(economics: Economics, prices: PriceList | None) -> list[Problem]:
    problems = []
    for index, item in enumerate(economics.avoided):
        if prices is None or prices.price(item.intervention) is None:
            where = Place(key=f"economics.avoided[{index}].intervention")
            problems.append(Problem(
                where,
                f"insatsen '{item.intervention}' finns inte i prislistan",
                f"the intervention '{item.intervention}' is not in the price list"))
    return problems


def _group_flows(
    per_org: Mapping[str, Sequence[float]], members: Iterable[str], years: int
) -> list[float]:
    members = list(members)
    if not members:
        return [0.0] * years
    return [sum(per_org[o][t] for o in members) / len(members) for t in range(years)]


def _covered_case_time(
    comparison: Comparison, economics: Economics, cases_per_year: float, years: int,
    org_ids: Sequence[str],
) -> dict[str, list[float]]:
    """Per organisation and year, the kronor of case time that a post paid as an investment
    already covers (`Investment.covers_case_time`): the post's role's change in each case's
    cost, times cases per year, in the post's years. Taking it out of the case cost change
    counts the post once, as the investment, rather than twice."""
    covered = {o: [0.0] * years for o in org_ids}
    for item in economics.investments:
        if not item.covers_case_time or item.role is None:
            continue
        alt = comparison.alternative.organisations.get(item.org)
        base = comparison.baseline.organisations.get(item.org)
        per_case = ((alt.by_role[item.role].cost if alt and item.role in alt.by_role else 0.0)
                    - (base.by_role[item.role].cost if base and item.role in base.by_role
                       else 0.0))
        for t in item.years:
            if 1 <= t <= years:
                covered[item.org][t - 1] += per_case * cases_per_year
    return covered


def investment_case(
    comparison: Comparison,
    *,
    cases_per_year: float,
    years: int = DEFAULT_YEARS,
    discount_rate: float = DEFAULT_DISCOUNT_RATE,
    prices: PriceList | None = None,
    price_year: int | None = None,
) -> InvestmentCase:
    """The investment case of `comparison`'s alternative, from its `economics` section.

    `cases_per_year` cases are handled the new way every year of the horizon (from year 1).
    Prices are moved to `price_year` (default: the price list's latest year); the case's
    salaries and kronor are taken to be in that year. Raises ModelError when the alternative
    states no outcome condition, when there are no cases per year, or when an avoided
    intervention is not in the price list.
    """
    _check_rate(discount_rate)
    _check_years(years)
    alternative = comparison.alternative.case
    economics = alternative.economics
    if economics is None:
        raise ModelError.single(
            f"'{alternative.name}' anger inga ekonomiska antaganden (economics) med ett "
            "antagande om utfallet för barnet",
            f"'{alternative.name}' states no economics section with an assumption about the "
            "outcome for the child")
    if not cases_per_year or cases_per_year < 0:
        raise ModelError.single(
            "investeringskalkylen behöver ett antal ärenden per år större än 0",
            "the investment case needs a number of cases per year above 0")
    problems = _missing_prices(economics, prices)
    if problems:
        raise ModelError(problems)
    used_prices = prices if economics.avoided else None
    target_year = (price_year if price_year is not None else
                   used_prices.latest_year if used_prices is not None else None)
    if used_prices is not None and target_year is not None:
        needed = {target_year} | {used_prices.price(a.intervention).price_year  # type: ignore[union-attr]
                                  for a in economics.avoided}
        unknown = sorted(y for y in needed if len(needed) > 1 and y not in used_prices.index)
        if unknown:
            listed = ", ".join(str(y) for y in unknown)
            raise ModelError.single(
                f"prisindexet saknar år {listed}, som behövs för att räkna om priserna",
                f"the price index has no value for {listed}, needed to move the prices")

    org_ids = [o.id for o in alternative.organisations]
    for o in comparison.by_organisation:
        if o not in org_ids:
            org_ids.append(o)
    zeros = [0.0] * years
    invested: dict[str, list[float]] = {o: list(zeros) for o in org_ids}
    lines: list[InvestmentLine] = []
    for item in economics.investments:
        kronor = investment_kronor_per_year(item, alternative)
        lines.append(InvestmentLine(item, kronor))
        for t in item.years:
            if 1 <= t <= years:
                invested[item.org][t - 1] += kronor

    avoided: dict[str, list[float]] = {o: list(zeros) for o in org_ids}
    avoided_lines: list[AvoidedLine] = []
    for entry in economics.avoided:
        assert used_prices is not None and target_year is not None  # checked above
        price = used_prices.price(entry.intervention)
        assert price is not None
        unit_kronor = used_prices.kronor_in(price, target_year)
        per_cohort = cases_per_year * entry.cases_share.likely * entry.units * unit_kronor
        by_year = tuple(per_cohort * n for n in avoided_years(entry, years))
        avoided_lines.append(AvoidedLine(entry, price.name, price.unit, unit_kronor,
                                         price.kronor, price.price_year, price.source, by_year))
        for t in range(years):
            avoided[entry.org][t] += by_year[t]

    change = {o: [comparison.by_organisation[o].cost * cases_per_year] * years
              if o in comparison.by_organisation else list(zeros) for o in org_ids}
    covered = _covered_case_time(comparison, economics, cases_per_year, years, org_ids)
    change = {o: [c - k for c, k in zip(change[o], covered[o], strict=True)] for o in org_ids}
    organisations = {o: ledger(invested[o], change[o], avoided[o], discount_rate)
                     for o in org_ids}

    groups: dict[str, Ledger] = {}
    members: dict[str, tuple[str, ...]] = {}
    group_ids = list(dict.fromkeys([*alternative.groups, *comparison.by_group]))
    for g in group_ids:
        counted = tuple(o.id for o in alternative.counted_in(g))
        members[g] = counted
        group_change = comparison.by_group[g].cost * cases_per_year if (
            g in comparison.by_group) else 0.0
        group_covered = _group_flows(covered, counted, years)
        groups[g] = ledger(_group_flows(invested, counted, years),
                           [group_change - k for k in group_covered],
                           _group_flows(avoided, counted, years), discount_rate)
    total = ledger(
        [sum(groups[g].years[t].investment for g in groups) for t in range(years)],
        [sum(groups[g].years[t].case_cost_change for g in groups) for t in range(years)],
        [sum(groups[g].years[t].avoided_cost for g in groups) for t in range(years)],
        discount_rate,
    )
    return InvestmentCase(
        baseline=comparison.baseline.case.name,
        alternative=alternative.name,
        outcome=economics.outcome,
        years=years,
        discount_rate=discount_rate,
        price_year=target_year,
        prices_illustrative=bool(used_prices is not None and used_prices.illustrative),
        cases_per_year=cases_per_year,
        organisations=organisations,
        groups=groups,
        total=total,
        investments=tuple(lines),
        avoided=tuple(avoided_lines),
        group_members=members,
        change_per_case={o: d.cost for o, d in comparison.by_organisation.items()},
        group_change_per_case={g: d.cost for g, d in comparison.by_group.items()},
    )


def annuity_factor(discount_rate: float, years: int) -> float:
    """The present value of 1 krona in each year of the horizon: Σ discount factors."""
    return float(np.sum(discount_factors(discount_rate, years)))
