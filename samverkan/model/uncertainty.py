"""Uncertainty ranges by Monte Carlo: how sure are the time and cost of a case?

A participant whose minutes are a three-point estimate (low, most likely, high) is drawn from a
PERT distribution (a beta distribution with weight 4 on the most likely value, the usual choice
for expert estimates) or, on request, a triangular one; exact participants and shares of full
time stay fixed. Each draw is costed exactly as `compute` costs a case — organisations summed,
groups as the mean of their organisations, the total as the sum of the group means — so an exact
case gives the deterministic figures in every percentile.

All draws are made at once with numpy, in chunks so that memory stays bounded; a seed makes a
run reproducible (`seed=` is keyword-only, as in `random` and `statistics`).

>>> from samverkan.model import Case, Organisation, Participant, Role, Step, Task
>>> case = Case("x", (Organisation("s", "S", "school"),), (Role("r", "R", 99000.0),),
...             (Step("s1", "S1", 1.0, (Task("t", "s", "T", participants=(
...                 Participant("r", 60.0, minutes_low=30.0, minutes_high=120.0),)),)),))
>>> band = simulate(case, draws=20_000, seed=1).total.minutes
>>> round(band.mean)  # PERT mean = (30 + 4 × 60 + 120) / 6 = 65
65
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
import numpy.typing as npt

from samverkan.errors import ModelError
from samverkan.model.case import Case
from samverkan.model.costing import minute_cost, participant_minutes

__all__ = [
    "Distribution",
    "Band",
    "FigureBands",
    "Simulation",
    "GainSimulation",
    "CostChangeSamples",
    "cost_change_samples",
    "draw_three_point",
    "simulate",
    "simulate_comparison",
    "with_assumed_ranges",
]

Distribution = Literal["pert", "triangular"]
Progress = Callable[[int, int], None]
Array = npt.NDArray[np.float64]

CHUNK = 20_000  # draws per chunk: 20 000 × 300 participants × 8 bytes ≈ 48 MB at most


@dataclass(frozen=True)
class Band:
    """The 10th, 50th and 90th percentiles and the mean of a simulated figure."""

    p10: float
    p50: float
    p90: float
    mean: float

    @staticmethod
    def of(samples: Array) -> Band:
        p10, p50, p90 = np.percentile(samples, [10, 50, 90])
        return Band(float(p10), float(p50), float(p90), float(np.mean(samples)))


@dataclass(frozen=True)
class FigureBands:
    minutes: Band
    cost: Band
    collaboration_share: Band


@dataclass(frozen=True)
class Simulation:
    draws: int
    seed: int
    distribution: Distribution
    uncertain: bool  # False when the case has no three-point estimate: every band is a point
    organisations: dict[str, FigureBands]
    groups: dict[str, FigureBands]
    total: FigureBands


@dataclass(frozen=True)
class GainSimulation:
    """The collaboration gain (baseline cost − alternative cost) as a distribution."""

    draws: int
    seed: int
    distribution: Distribution
    gain: Band
    probability_alternative_cheaper: float
    by_organisation: dict[str, Band]  # cost change, alternative − baseline
    by_group: dict[str, Band]
    # The baseline's total cost per case in these draws: the same for every alternative compared
    # with the same baseline and seed, and the same as `simulate(baseline).total.cost`.
    baseline_cost: Band


@dataclass(frozen=True)
class _Layout:
    """A case flattened into arrays: what is fixed per organisation, and what is drawn."""

    organisations: tuple[str, ...]
    groups: tuple[str, ...]
    group_weights: Array  # organisations × groups: 1 / members where the organisation belongs
    fixed_minutes: Array  # per organisation
    fixed_cost: Array
    fixed_collaboration: Array
    keys: tuple[tuple[str, int, float, float, float], ...]  # one per drawn participant
    low: Array
    likely: Array
    high: Array
    people: Array
    cost_per_minute: Array
    collaboration: Array  # 1.0 where the task is an exchange occasion
    organisation_index: npt.NDArray[np.int64]


def _layout(case: Case) -> _Layout:
    organisations = tuple(o.id for o in case.organisations)
    org_index = {org: i for i, org in enumerate(organisations)}
    groups = case.groups
    weights = np.zeros((len(organisations), len(groups)))
    for g, group in enumerate(groups):
        members = [org_index[o.id] for o in case.counted_in(group)]
        weights[members, g] = 1.0 / len(members)
    cost = {role.id: minute_cost(role, case) for role in case.roles}
    fixed = np.zeros((3, len(organisations)))
    keys, rows = [], []
    for step in case.steps:
        for task in step.tasks:
            collaboration = 1.0 if task.is_collaboration else 0.0
            o = org_index[task.org]
            for index, p in enumerate(task.participants):
                if p.is_uncertain and not p.is_fte:
                    low, likely = p.minutes_low or 0.0, p.minutes or 0.0
                    high = p.minutes_high if p.minutes_high is not None else likely
                    keys.append((task.id, index, low, likely, high))
                    # Drawn minutes are per occasion, like the likely time.
                    rows.append((low, likely, high, p.people * task.occasions, cost[p.role],
                                 collaboration, o))
                else:
                    minutes = participant_minutes(p, case.hours_per_month, task.occasions)
                    fixed[:, o] += (minutes, minutes * cost[p.role], minutes * collaboration)
    table = np.array(rows, dtype=float).reshape(-1, 7)
    return _Layout(
        organisations, groups, weights, fixed[0], fixed[1], fixed[2], tuple(keys),
        table[:, 0], table[:, 1], table[:, 2], table[:, 3], table[:, 4], table[:, 5],
        table[:, 6].astype(np.int64),
    )


def _draw(
    rng: np.random.Generator, low: Array, likely: Array, high: Array, size: int,
    distribution: Distribution,
) -> Array:
    """`size` draws of each three-point estimate, as a size × n matrix of minutes."""
    spread = high - low
    point = spread <= 0
    safe = np.where(point, 1.0, spread)
    if distribution == "pert":
        alpha = 1.0 + 4.0 * (likely - low) / safe
        beta = 1.0 + 4.0 * (high - likely) / safe
        fraction = rng.beta(alpha, beta, size=(size, len(low)))
    else:
        # The triangular inverse CDF, so that every column uses the same uniforms' law.
        u = rng.random((size, len(low)))
        mode = np.where(point, 0.5, (likely - low) / safe)
        fraction = np.where(u < mode, np.sqrt(u * mode), 1.0 - np.sqrt((1.0 - u) * (1.0 - mode)))
    return np.where(point, low, low + fraction * spread)


@dataclass(frozen=True)
class _Samples:
    minutes: Array  # draws × organisations
    cost: Array
    collaboration: Array


def _samples(layout: _Layout, drawn: Array) -> _Samples:
    """Per-organisation figures for each row of drawn minutes (draws × drawn participants)."""
    n_orgs = len(layout.organisations)
    member = np.zeros((len(layout.low), n_orgs))
    member[np.arange(len(layout.low)), layout.organisation_index] = 1.0
    minutes = drawn * layout.people
    return _Samples(
        minutes @ member + layout.fixed_minutes,
        (minutes * layout.cost_per_minute) @ member + layout.fixed_cost,
        (minutes * layout.collaboration) @ member + layout.fixed_collaboration,
    )


def _bands(minutes: Array, cost: Array, collaboration: Array) -> FigureBands:
    share = np.divide(collaboration, minutes, out=np.zeros_like(minutes), where=minutes > 0)
    return FigureBands(Band.of(minutes), Band.of(cost), Band.of(share))


def _chunks(draws: int) -> list[int]:
    return [min(CHUNK, draws - start) for start in range(0, draws, CHUNK)]


def simulate(
    case: Case,
    *,
    draws: int = 10_000,
    seed: int = 0,
    distribution: Distribution = "pert",
    progress: Progress | None = None,
) -> Simulation:
    """P10, P50, P90 and mean of minutes, cost and collaboration share for every organisation,
    group and the total."""
    if draws < 1:
        raise ModelError.single("antalet dragningar ska vara minst 1",
                               "draws must be at least 1")
    layout = _layout(case)
    rng = np.random.default_rng(seed)
    parts: list[_Samples] = []
    done = 0
    for size in _chunks(draws):
        parts.append(_samples(layout, _draw(rng, layout.low, layout.likely, layout.high, size,
                                            distribution)))
        done += size
        if progress is not None:
            progress(done, draws)
    minutes = np.concatenate([p.minutes for p in parts])
    cost = np.concatenate([p.cost for p in parts])
    collaboration = np.concatenate([p.collaboration for p in parts])
    organisations = {
        org: _bands(minutes[:, i], cost[:, i], collaboration[:, i])
        for i, org in enumerate(layout.organisations)
    }
    w = layout.group_weights
    g_minutes, g_cost, g_collab = minutes @ w, cost @ w, collaboration @ w
    groups = {
        group: _bands(g_minutes[:, g], g_cost[:, g], g_collab[:, g])
        for g, group in enumerate(layout.groups)
    }
    total = _bands(g_minutes.sum(axis=1), g_cost.sum(axis=1), g_collab.sum(axis=1))
    return Simulation(draws, seed, distribution, bool(len(layout.low)), organisations, groups,
                      total)


def simulate_comparison(
    baseline: Case,
    alternative: Case,
    *,
    draws: int = 10_000,
    seed: int = 0,
    distribution: Distribution = "pert",
    progress: Progress | None = None,
) -> GainSimulation:
    """The gain per case as a distribution, and each organisation's and group's cost change.

    A task estimated the same way in both cases (same task id, participant and three points) is
    the same uncertain quantity, so it takes the same draw in both: the gain then reflects the
    difference between the ways of working, not noise between two independent runs.

    The baseline is drawn exactly as `simulate(baseline)` draws it, whatever the alternative:
    several alternatives compared with one baseline and seed share the baseline's draws, so their
    gains (and the order of the alternatives) differ by the ways of working, not by Monte Carlo
    noise. Only the estimates the baseline does not have are drawn from a second stream.
    """
    if draws < 1:
        raise ModelError.single("antalet dragningar ska vara minst 1",
                               "draws must be at least 1")
    base, alt = _layout(baseline), _layout(alternative)
    known = set(base.keys)
    extra = sorted(k for k in set(alt.keys) if k not in known)
    column = {key: i for i, key in enumerate([*base.keys, *extra])}
    extra_low = np.array([k[2] for k in extra], dtype=float)
    extra_likely = np.array([k[3] for k in extra], dtype=float)
    extra_high = np.array([k[4] for k in extra], dtype=float)
    alt_cols = np.array([column[k] for k in alt.keys], dtype=np.int64)
    organisations = sorted(set(base.organisations) | set(alt.organisations))
    groups = sorted(set(base.groups) | set(alt.groups))
    rng = np.random.default_rng(seed)
    extra_rng = np.random.default_rng([seed, 1])
    gains, org_changes, group_changes, base_totals = [], [], [], []
    done = 0
    for size in _chunks(draws):
        drawn = np.concatenate([
            _draw(rng, base.low, base.likely, base.high, size, distribution),
            _draw(extra_rng, extra_low, extra_likely, extra_high, size, distribution),
        ], axis=1)
        b = _samples(base, drawn[:, :len(base.keys)])
        a = _samples(alt, drawn[:, alt_cols])
        b_groups, a_groups = b.cost @ base.group_weights, a.cost @ alt.group_weights
        base_totals.append(b_groups.sum(axis=1))
        gains.append(b_groups.sum(axis=1) - a_groups.sum(axis=1))
        org_changes.append(np.stack([
            _column(a.cost, alt.organisations, o) - _column(b.cost, base.organisations, o)
            for o in organisations
        ], axis=1))
        group_changes.append(np.stack([
            _column(a_groups, alt.groups, g) - _column(b_groups, base.groups, g)
            for g in groups
        ], axis=1))
        done += size
        if progress is not None:
            progress(done, draws)
    gain = np.concatenate(gains)
    by_org = np.concatenate(org_changes)
    by_group = np.concatenate(group_changes)
    return GainSimulation(
        draws, seed, distribution, Band.of(gain), float(np.mean(gain > 0)),
        {o: Band.of(by_org[:, i]) for i, o in enumerate(organisations)},
        {g: Band.of(by_group[:, i]) for i, g in enumerate(groups)},
        Band.of(np.concatenate(base_totals)),
    )


def _column(values: Array, names: tuple[str, ...], name: str) -> Array:
    """One organisation's or group's column; zero where a case does not have it."""
    if name in names:
        return values[:, names.index(name)]
    return np.zeros(values.shape[0])


@dataclass(frozen=True)
class CostChangeSamples:
    """Each draw's cost change per case (alternative − baseline) per organisation and group."""

    organisations: tuple[str, ...]
    by_organisation: Array  # draws × organisations
    groups: tuple[str, ...]
    by_group: Array  # draws × groups


def cost_change_samples(
    baseline: Case,
    alternatives: tuple[Case, ...] | list[Case],
    *,
    draws: int = 10_000,
    seed: int = 0,
    distribution: Distribution = "pert",
) -> list[CostChangeSamples]:
    """The drawn cost changes of several alternatives against one baseline.

    The baseline is drawn exactly as `simulate(baseline)` draws it, once for all the
    alternatives; a task an alternative estimates as the baseline does takes the baseline's
    draw, and only the alternative's own estimates come from a second stream of its own. So
    every alternative sees the same baseline, an alternative's draws do not depend on which
    others are compared with it, and the alternatives differ by their ways of working, not by
    noise between runs.
    """
    if draws < 1:
        raise ModelError.single("antalet dragningar ska vara minst 1",
                               "draws must be at least 1")
    base = _layout(baseline)
    alts = [_layout(a) for a in alternatives]
    known = set(base.keys)
    extras = [sorted(k for k in set(a.keys) if k not in known) for a in alts]
    alt_cols = []
    for alt, extra in zip(alts, extras, strict=True):
        column = {key: i for i, key in enumerate([*base.keys, *extra])}
        alt_cols.append(np.array([column[k] for k in alt.keys], dtype=np.int64))
    bounds = [tuple(np.array([k[i] for k in extra], dtype=float) for i in (2, 3, 4))
              for extra in extras]
    names = [(tuple(sorted(set(base.organisations) | set(a.organisations))),
              tuple(sorted(set(base.groups) | set(a.groups)))) for a in alts]
    rng = np.random.default_rng(seed)
    extra_rngs = [np.random.default_rng([seed, 1]) for _ in alts]
    org_parts: list[list[Array]] = [[] for _ in alts]
    group_parts: list[list[Array]] = [[] for _ in alts]
    for size in _chunks(draws):
        base_drawn = _draw(rng, base.low, base.likely, base.high, size, distribution)
        b = _samples(base, base_drawn)
        b_groups = b.cost @ base.group_weights
        for i, alt in enumerate(alts):
            low, likely, high = bounds[i]
            drawn = np.concatenate(
                [base_drawn, _draw(extra_rngs[i], low, likely, high, size, distribution)],
                axis=1)
            a = _samples(alt, drawn[:, alt_cols[i]])
            a_groups = a.cost @ alt.group_weights
            organisations, groups = names[i]
            org_parts[i].append(_columns(size, [
                _column(a.cost, alt.organisations, o) - _column(b.cost, base.organisations, o)
                for o in organisations]))
            group_parts[i].append(_columns(size, [
                _column(a_groups, alt.groups, g) - _column(b_groups, base.groups, g)
                for g in groups]))
    return [CostChangeSamples(names[i][0], np.concatenate(org_parts[i]), names[i][1],
                              np.concatenate(group_parts[i])) for i in range(len(alts))]


def _columns(size: int, columns: list[Array]) -> Array:
    return np.stack(columns, axis=1) if columns else np.zeros((size, 0))


def draw_three_point(
    rng: np.random.Generator, low: Array, likely: Array, high: Array, size: int,
    distribution: Distribution = "pert",
) -> Array:
    """`size` draws of each three-point estimate (size × n), PERT or triangular, the way
    every uncertain time is drawn."""
    return _draw(rng, low, likely, high, size, distribution)


def with_assumed_ranges(case: Case, *, low: float = 0.75, high: float = 1.5) -> Case:
    """The case with every exact minute estimate given a range: `low` and `high` times it.

    For a case mapped with single estimates, this shows how much the result moves if each time
    is that much shorter or longer. The factors are an assumption and every output says so;
    three-point estimates already in the case are kept as they are.
    """
    if not 0 <= low <= 1 <= high:
        raise ModelError.single("ett antaget intervall behöver 0 ≤ låg ≤ 1 ≤ hög",
                               "an assumed range needs 0 ≤ low ≤ 1 ≤ high")
    steps = []
    for step in case.steps:
        tasks = []
        for task in step.tasks:
            participants = tuple(
                p if p.is_uncertain or p.is_fte or not p.minutes else replace(
                    p, minutes_low=p.minutes * low, minutes_high=p.minutes * high)
                for p in task.participants
            )
            tasks.append(replace(task, participants=participants))
        steps.append(replace(step, tasks=tuple(tasks)))
    return replace(case, steps=tuple(steps))
