"""How sure is the investment case? P10–P90 of the net present value and the chance it is
positive, by Monte Carlo.

Two things are uncertain: the changed cost of each case (from the times estimated as low /
likely / high, drawn as the comparison's uncertainty draws them: `cost_change_samples`) and
the share of cases that avoid each later intervention (its low / likely / high, drawn with the
same distribution, PERT by default). The draws are shared: every alternative sees the same
draws of the baseline and of any task estimated as in the baseline, and an avoided
intervention estimated alike in two alternatives (same intervention, organisation and three
points) takes the same draw in both — so alternatives are ranked by their ways of working,
not by Monte Carlo noise. A post's case time taken out of the case cost change
(`covers_case_time`) is taken out at its most likely value.

The net present value is linear in both, so a draw needs no yearly arithmetic: with A the sum
of the discount factors and c the cases per year, an organisation's NPV in a draw is its
deterministic NPV − c × A × (drawn − likely change per case) + Σ coefficient × (drawn −
likely share), each avoided intervention's coefficient being the present value of its kronor
per unit of share. Groups are the mean of their organisations and the total the sum of the
groups, as everywhere.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from samverkan.model.case import Case
from samverkan.model.investment import (
    AvoidedLine,
    InvestmentCase,
    annuity_factor,
    avoided_years,
    discount_factors,
)
from samverkan.model.uncertainty import (
    Band,
    CostChangeSamples,
    Distribution,
    cost_change_samples,
    draw_three_point,
)

__all__ = ["InvestmentBands", "simulate_investments"]

Array = npt.NDArray[np.float64]


@dataclass(frozen=True)
class InvestmentBands:
    """P10, P50, P90 and mean of an alternative's net present value, in total, per group and
    per organisation; the chance the total NPV is above zero; and the present value of the
    avoided costs in total (whose mean the analytic mean checks)."""

    draws: int
    seed: int
    distribution: Distribution
    npv: Band
    probability_positive: float
    organisations: dict[str, Band]
    groups: dict[str, Band]
    present_avoided_cost: Band


def _coefficient(line: AvoidedLine, cases_per_year: float, factors: Sequence[float]) -> float:
    """The present value of an avoided intervention per unit of its share of cases."""
    cohorts = avoided_years(line.avoided, len(factors))
    return float(cases_per_year * line.avoided.units * line.unit_kronor
                 * sum(f * n for f, n in zip(factors, cohorts, strict=True)))


def _share_key(line: AvoidedLine) -> tuple[str, str, float, float, float]:
    s = line.avoided.cases_share
    return (line.avoided.intervention, line.avoided.org, s.low, s.likely, s.high)


def simulate_investments(
    baseline: Case,
    alternatives: Sequence[Case],
    cases: Sequence[InvestmentCase],
    *,
    draws: int,
    seed: int,
    distribution: Distribution = "pert",
) -> tuple[InvestmentBands, ...]:
    """The bands of each investment case (`cases[i]` is `alternatives[i]`'s), from shared draws."""
    changes: list[CostChangeSamples] = cost_change_samples(
        baseline, list(alternatives), draws=draws, seed=seed, distribution=distribution)
    keys = sorted({_share_key(line) for case in cases for line in case.avoided})
    column = {key: i for i, key in enumerate(keys)}
    shares = np.zeros((draws, len(keys)))
    for i, key in enumerate(keys):
        # Each estimate has a stream of its own, named by the estimate (the case costs use
        # `seed` and `[seed, 1]`): its draws are the same whichever alternatives are compared,
        # and adding an avoided intervention leaves every other draw as it was.
        rng = np.random.default_rng([seed, 2, zlib.crc32(repr(key).encode("utf-8"))])
        shares[:, i] = draw_three_point(rng, np.array([key[2]]), np.array([key[3]]),
                                        np.array([key[4]]), draws, distribution)[:, 0]
    return tuple(_bands(case, change, shares, column, draws=draws, seed=seed,
                        distribution=distribution)
                 for case, change in zip(cases, changes, strict=True))


def _bands(
    case: InvestmentCase, change: CostChangeSamples, shares: Array,
    column: dict[tuple[str, str, float, float, float], int], *, draws: int, seed: int,
    distribution: Distribution,
) -> InvestmentBands:
    factors = discount_factors(case.discount_rate, case.years)
    annuity = annuity_factor(case.discount_rate, case.years)
    n = case.cases_per_year
    # Per organisation: the drawn avoided costs' present value, and its deviation from likely.
    avoided = {o: np.zeros(draws) for o in case.organisations}
    avoided_shift = {o: np.zeros(draws) for o in case.organisations}
    for line in case.avoided:
        coefficient = _coefficient(line, n, factors)
        drawn = shares[:, column[_share_key(line)]]
        avoided[line.avoided.org] += coefficient * drawn
        avoided_shift[line.avoided.org] += coefficient * (drawn - line.avoided.cases_share.likely)

    def change_of(names: tuple[str, ...], samples: Array, name: str) -> Array:
        return samples[:, names.index(name)] if name in names else np.zeros(draws)

    org_npv: dict[str, Array] = {}
    for o, led in case.organisations.items():
        likely = case.change_per_case.get(o, 0.0)
        drawn = change_of(change.organisations, change.by_organisation, o)
        org_npv[o] = led.npv - n * annuity * (drawn - likely) + avoided_shift[o]
    group_npv: dict[str, Array] = {}
    group_avoided: dict[str, Array] = {}
    for g, led in case.groups.items():
        members = [m for m in case.group_members.get(g, ()) if m in avoided_shift]
        shift = (sum((avoided_shift[m] for m in members), np.zeros(draws)) / len(members)
                 if members else np.zeros(draws))
        group_avoided[g] = (sum((avoided[m] for m in members), np.zeros(draws)) / len(members)
                            if members else np.zeros(draws))
        likely = case.group_change_per_case.get(g, 0.0)
        drawn = change_of(change.groups, change.by_group, g)
        group_npv[g] = led.npv - n * annuity * (drawn - likely) + shift
    total = sum(group_npv.values(), np.zeros(draws))
    total_avoided = sum(group_avoided.values(), np.zeros(draws))
    return InvestmentBands(
        draws=draws, seed=seed, distribution=distribution,
        npv=Band.of(total),
        probability_positive=float(np.mean(total > 0)),
        organisations={o: Band.of(v) for o, v in org_npv.items()},
        groups={g: Band.of(v) for g, v in group_npv.items()},
        present_avoided_cost=Band.of(total_avoided),
    )
