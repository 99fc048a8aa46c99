"""One analysis of a case, and of its comparison with other ways of working: every figure a user
sees, computed once.

The command line (`cost`, `compare`, `simulate`, `report`), the web pages and the HTML, PDF and
Excel reports all read their figures from the `Analysis` that `analyse` returns, so a page and its
report agree to the krona: the same draws and seed for the uncertainty, the same reading of
"cases per year", the same step totals. `analyse` calls the model (`samverkan.model`) and
chooses nothing but the defaults; it reads no file and knows nothing of pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from samverkan.model import (
    DEFAULT_DISCOUNT_RATE,
    DEFAULT_YEARS,
    Annual,
    AnnualComparison,
    Case,
    CaseResult,
    ChildView,
    Comparison,
    Distribution,
    ExchangeOccasion,
    GainSimulation,
    InvestmentBands,
    InvestmentCase,
    PriceList,
    Simulation,
    TornadoBar,
    annual,
    annual_comparison,
    cases_per_year_of,
    child_views,
    compare,
    compute,
    exchange_occasions,
    investment_case,
    salary_equivalents,
    simulate,
    simulate_comparison,
    simulate_investments,
    tornado,
)

__all__ = ["DRAWS", "SEED", "Analysis", "ComparisonAnalysis", "InvestmentAnalysis", "analyse"]

# One draw count and one seed for every page, report and command, so that the same case gets
# the same uncertainty bands everywhere. With 2 000 draws the Monte Carlo error of P10 and P90
# is about 0.04 standard deviations of the total (well under a percent of it), and the results
# page of a 1 000-task case stays near a second: drawing is most of its time (bench/case_size.py),
# and 5 000 draws made it two and a half times slower. `--draws` asks for more.
DRAWS = 2_000
SEED = 0

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ComparisonAnalysis:
    """The case against one alternative way of working: per case, its uncertainty, per year."""

    alternative: CaseResult
    comparison: Comparison
    gain: GainSimulation
    annual: AnnualComparison | None

    @property
    def organisation_names(self) -> dict[str, str]:
        """Every organisation of either case by id; one in both takes the baseline's name."""
        cases = (self.alternative.case, self.comparison.baseline.case)
        return {o.id: o.name for case in cases for o in case.organisations}

    @property
    def realisations(self) -> dict[str, tuple[str, ...]]:
        """Groups averaged over more than one organisation in either case, with their members
        (see `Analysis.realisations`)."""
        comparison = self.comparison
        out: dict[str, tuple[str, ...]] = {}
        for result in (comparison.baseline, comparison.alternative):
            for g, r in result.groups.items():
                if len(r.counted) > 1:
                    out[g] = tuple(dict.fromkeys([*out.get(g, ()), *r.counted]))
        return out

    @property
    def uncertain(self) -> bool:
        """Whether the gain has a range at all: a band of one point says nothing."""
        return self.gain.gain.p10 != self.gain.gain.p90


@dataclass(frozen=True)
class InvestmentAnalysis:
    """One alternative's investment case (`samverkan.model.investment`) and how sure it is."""

    case: InvestmentCase
    bands: InvestmentBands
    comparison: ComparisonAnalysis

    @property
    def uncertain(self) -> bool:
        """Whether the NPV has a range at all: a band of one point says nothing."""
        return self.bands.npv.p10 != self.bands.npv.p90


@dataclass(frozen=True)
class Analysis:
    """Every figure shown of a case (and its comparisons), as the model computes them.

    Each part is computed the first time it is read and kept: a page that shows no uncertainty
    (the timeline) draws nothing, and a page and its report, built from the same inputs, show
    the same figures.
    """

    case: Case
    alternative_cases: tuple[Case, ...]
    # Cases per year the annual figures are for; 0 means none are shown (`cases_per_year_of`).
    cases_per_year: float
    draws: int
    seed: int
    distribution: Distribution
    assumed_range: tuple[float, float] | None = None
    progress: Progress | None = field(default=None, compare=False, repr=False)
    # The investment case's horizon, real discount rate, price list and price year (None:
    # the price list's latest); read only when `investments` is.
    years: int = DEFAULT_YEARS
    discount_rate: float = DEFAULT_DISCOUNT_RATE
    prices: PriceList | None = None
    price_year: int | None = None

    @cached_property
    def result(self) -> CaseResult:
        return compute(self.case)

    @cached_property
    def simulation(self) -> Simulation:
        return simulate(self.case, draws=self.draws, seed=self.seed,
                        distribution=self.distribution, progress=self.progress)

    @cached_property
    def tornado(self) -> tuple[TornadoBar, ...]:
        return tuple(tornado(self.case, result=self.result))

    @cached_property
    def child_views(self) -> dict[tuple[str, ...], ChildView]:
        return child_views(self.case)

    @cached_property
    def occasions(self) -> tuple[ExchangeOccasion, ...]:
        return exchange_occasions(self.result)

    @cached_property
    def salary_equivalents(self) -> dict[str, float]:
        return salary_equivalents(self.case, self.result.total.cost)

    @cached_property
    def annual(self) -> Annual | None:
        return annual(self.result, self.cases_per_year) if self.cases_per_year else None

    @cached_property
    def comparisons(self) -> tuple[ComparisonAnalysis, ...]:
        out = []
        for other in self.alternative_cases:
            alternative = compute(other)
            comparison = compare(self.result, alternative)
            out.append(ComparisonAnalysis(
                alternative=alternative,
                comparison=comparison,
                gain=simulate_comparison(self.case, other, draws=self.draws, seed=self.seed,
                                         distribution=self.distribution),
                annual=(annual_comparison(comparison, self.cases_per_year)
                        if self.cases_per_year else None),
            ))
        return tuple(out)

    @cached_property
    def investments(self) -> tuple[InvestmentAnalysis, ...]:
        """Each alternative's investment case against the case, in the alternatives' order.

        Raises `ModelError` when an alternative states no outcome condition (`economics`),
        when there are no cases per year, or when a price is missing: the investment case is
        asked for only by those who show it, so other pages are never stopped by it.
        """
        comparisons = self.comparisons
        cases = tuple(
            investment_case(c.comparison, cases_per_year=self.cases_per_year, years=self.years,
                            discount_rate=self.discount_rate, prices=self.prices,
                            price_year=self.price_year)
            for c in comparisons)
        bands = simulate_investments(self.case, self.alternative_cases, cases, draws=self.draws,
                                     seed=self.seed, distribution=self.distribution)
        return tuple(InvestmentAnalysis(case, band, comparison)
                     for case, band, comparison in zip(cases, bands, comparisons, strict=True))

    def computed(self) -> Analysis:
        """The same analysis with every part computed now: for a report, whose figures are
        all shown, so that the work happens under a progress bar rather than while writing."""
        _ = (self.result, self.simulation, self.tornado, self.child_views, self.occasions,
             self.salary_equivalents, self.annual, self.comparisons)
        return self

    @property
    def compared(self) -> ComparisonAnalysis | None:
        """The first (usually the only) comparison, or None."""
        return self.comparisons[0] if self.alternative_cases else None

    @property
    def uncertain(self) -> bool:
        """Whether some time has a range, so that the bands say something."""
        return self.simulation.uncertain

    @property
    def organisation_names(self) -> dict[str, str]:
        """Every organisation of the case and its alternatives; the case's name comes first."""
        names = {o.id: o.name for c in reversed(self.alternative_cases) for o in c.organisations}
        return names | {o.id: o.name for o in self.case.organisations}

    @property
    def realisations(self) -> dict[str, tuple[str, ...]]:
        """Groups whose figures are the mean of more than one organisation, with those members.

        Each member is one realisation of the group ("the school"): its own rows assume every
        case passes that organisation, so they are shown apart from the totals, never summed.
        """
        return {g: r.counted for g, r in self.result.groups.items() if len(r.counted) > 1}


def analyse(
    case: Case,
    alternatives: Sequence[Case] = (),
    *,
    cases_per_year: float | None = None,
    draws: int = DRAWS,
    seed: int = SEED,
    distribution: Distribution = "pert",
    assumed_range: tuple[float, float] | None = None,
    progress: Progress | None = None,
    years: int = DEFAULT_YEARS,
    discount_rate: float = DEFAULT_DISCOUNT_RATE,
    prices: PriceList | None = None,
    price_year: int | None = None,
) -> Analysis:
    """Every figure of `case`, and of its comparison with each of `alternatives`.

    `cases_per_year` as given by the user: None when not given (the case's own number counts),
    0 for no annual figures (see `samverkan.model.cases_per_year_of`). The cases carry any
    assumed ranges already (`with_assumed_ranges`); `assumed_range` only records them.
    `progress` is told how the simulation of the case advances. `years`, `discount_rate`,
    `prices` and `price_year` are the investment case's (`Analysis.investments`).
    """
    return Analysis(
        case=case,
        alternative_cases=tuple(alternatives),
        cases_per_year=cases_per_year_of(case, cases_per_year),
        draws=draws,
        seed=seed,
        distribution=distribution,
        assumed_range=assumed_range,
        progress=progress,
        years=years,
        discount_rate=discount_rate,
        prices=prices,
        price_year=price_year,
    )
