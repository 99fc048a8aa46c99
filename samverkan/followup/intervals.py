"""What a reader can work out about hidden counts: their feasible intervals, by linear programming.

Given the counts that are shown, bounds on the hidden ones (a "<5" is 1–4) and linear relations
between them, the smallest and largest value each hidden count can take is two linear programs
(HiGHS, through scipy). Counts are treated as real numbers — the linear relaxation — which is
what statistical offices' audits of suppressed tables use; whole-number reasoning can narrow an
interval only inside the bounds the relaxation gives.

Only hidden counts are unknowns: shown ones are constants moved to the right-hand side, which
keeps the programs as small as the number of hidden cells rather than the size of the tables,
and the hidden counts fall apart into independent groups solved one by one.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

__all__ = [
    "LinearTerm",
    "Constraint",
    "Requirement",
    "connected_groups",
    "feasible_intervals",
    "unmet_requirements",
]

LinearTerm = tuple[Hashable, float]


@dataclass(frozen=True)
class Constraint:
    """Σ coefficient × unknown = `rhs` (`equal`) or ≤ `rhs`, over unknowns only."""

    terms: tuple[LinearTerm, ...]
    rhs: float
    equal: bool


def connected_groups(unknowns: Iterable[Hashable],
                     constraints: Sequence[Constraint]) -> list[list[Hashable]]:
    """Unknowns that share a constraint, directly or through others, as separate groups."""
    parent: dict[Hashable, Hashable] = {u: u for u in unknowns}

    def find(u: Hashable) -> Hashable:
        while parent[u] != u:
            parent[u] = parent[parent[u]]
            u = parent[u]
        return u

    for constraint in constraints:
        keys = [k for k, _ in constraint.terms]
        for other in keys[1:]:
            a, b = find(keys[0]), find(other)
            if a != b:
                parent[a] = b
    groups: dict[Hashable, list[Hashable]] = {}
    for u in parent:
        groups.setdefault(find(u), []).append(u)
    return list(groups.values())


def feasible_intervals(
    unknowns: Sequence[Hashable],
    bounds: Mapping[Hashable, tuple[float, float | None]],
    constraints: Sequence[Constraint],
    asked: Iterable[Hashable],
) -> dict[Hashable, tuple[float, float]]:
    """The smallest and largest value of each asked unknown over every solution (∞ if none)."""
    index = {u: i for i, u in enumerate(unknowns)}
    eq_rows: list[int] = []
    eq_cols: list[int] = []
    eq_data: list[float] = []
    eq_rhs: list[float] = []
    ub_rows: list[int] = []
    ub_cols: list[int] = []
    ub_data: list[float] = []
    ub_rhs: list[float] = []
    for constraint in constraints:
        rows, cols, data, rhs = ((eq_rows, eq_cols, eq_data, eq_rhs) if constraint.equal
                                 else (ub_rows, ub_cols, ub_data, ub_rhs))
        row = len(rhs)
        for key, coefficient in constraint.terms:
            rows.append(row)
            cols.append(index[key])
            data.append(coefficient)
        rhs.append(constraint.rhs)
    n = len(unknowns)
    a_eq = csr_matrix((eq_data, (eq_rows, eq_cols)), shape=(len(eq_rhs), n)) if eq_rhs else None
    a_ub = csr_matrix((ub_data, (ub_rows, ub_cols)), shape=(len(ub_rhs), n)) if ub_rhs else None
    box = [bounds[u] for u in unknowns]
    found: dict[Hashable, tuple[float, float]] = {}
    for key in asked:
        ends = []
        for sign in (1.0, -1.0):
            objective = np.zeros(n)
            objective[index[key]] = sign
            result = linprog(objective, A_ub=a_ub, b_ub=ub_rhs or None, A_eq=a_eq,
                             b_eq=eq_rhs or None, bounds=box, method="highs")
            if result.status == 3:  # unbounded
                ends.append(sign * -np.inf)
            elif result.status != 0:
                raise ArithmeticError(f"the audit's linear program failed: {result.message}")
            else:
                ends.append(sign * float(result.fun))
        found[key] = (ends[0], ends[1])
    return found


@dataclass(frozen=True)
class Requirement:
    """An unknown must be able to reach `low` or below and `high` or above, or (when `low` is
    None) take values at least `spread` apart."""

    low: float | None
    high: float | None
    spread: float = 0.0


class _Program:
    """One set of constraints, solved for many objectives."""

    def __init__(self, unknowns: Sequence[Hashable],
                 bounds: Mapping[Hashable, tuple[float, float | None]],
                 constraints: Sequence[Constraint], extra: int = 0) -> None:
        self.index = {u: i for i, u in enumerate(unknowns)}
        self.size = len(unknowns) + extra
        self.eq: list[tuple[dict[int, float], float]] = []
        self.ub: list[tuple[dict[int, float], float]] = []
        for constraint in constraints:
            row = {self.index[k]: c for k, c in constraint.terms}
            (self.eq if constraint.equal else self.ub).append((row, constraint.rhs))
        self.box: list[tuple[float, float | None]] = [bounds[u] for u in unknowns]
        self.box += [(0.0, None)] * extra

    def solve(self, objective: np.ndarray, ub: list[tuple[dict[int, float], float]] | None = None,
              box: list[tuple[float, float | None]] | None = None) -> np.ndarray | None:
        """The best solution, or None when the objective is unbounded."""
        rows = self.ub + (ub or [])

        def matrix(found: list[tuple[dict[int, float], float]]) -> csr_matrix | None:
            if not found:
                return None
            r = [i for i, (row, _) in enumerate(found) for _ in row]
            c = [j for row, _ in found for j in row]
            d = [v for row, _ in found for v in row.values()]
            return csr_matrix((d, (r, c)), shape=(len(found), self.size))

        result = linprog(objective, A_ub=matrix(rows), b_ub=[b for _, b in rows] or None,
                         A_eq=matrix(self.eq), b_eq=[b for _, b in self.eq] or None,
                         bounds=box or self.box, method="highs")
        if result.status == 3:
            return None
        if result.status != 0:
            raise ArithmeticError(f"the audit's linear program failed: {result.message}")
        return np.asarray(result.x)


def unmet_requirements(
    unknowns: Sequence[Hashable],
    bounds: Mapping[Hashable, tuple[float, float | None]],
    constraints: Sequence[Constraint],
    required: Mapping[Hashable, Requirement],
    *,
    confirm: bool = True,
) -> tuple[list[Hashable], int]:
    """The unknowns whose feasible interval fails their requirement, and the programs solved.

    Two programs settle most unknowns at once: one pushes every unknown that must reach `high`
    as far up as it goes (capped at `high`, so that one cannot crowd out another), one pushes
    every unknown that must reach `low` down; only those not settled by them get programs of
    their own — or, with `confirm=False`, count as unmet without one.
    """
    n = len(unknowns)
    index = {u: i for i, u in enumerate(unknowns)}
    program = _Program(unknowns, bounds, constraints, extra=len(required))
    asked = list(required)
    programs = 0
    low_ok: set[Hashable] = set()
    high_ok: set[Hashable] = set()
    seen: dict[Hashable, list[float]] = {k: [] for k in asked}
    pending = list(asked)
    # Pushing all together can trade one unknown against another; those not settled are pushed
    # again on their own, a few times, before anything is called unmet.
    for _ in range(4):
        for direction in (1.0, -1.0):
            # One auxiliary per asked unknown: y ≤ x and y ≤ high when pushing up (maximise Σ y),
            # y ≥ x and y ≥ low when pushing down (minimise Σ y).
            rows: list[tuple[dict[int, float], float]] = []
            box = list(program.box)
            objective = np.zeros(program.size)
            for j, key in enumerate(pending):
                y = n + j
                x = index[key]
                need = required[key]
                if direction > 0:
                    rows.append(({y: 1.0, x: -1.0}, 0.0))
                    cap = need.high if need.high is not None else (bounds[key][0] + need.spread)
                    box[y] = (0.0, cap)
                    objective[y] = -1.0
                else:
                    rows.append(({x: 1.0, y: -1.0}, 0.0))
                    floor = need.low if need.low is not None else 0.0
                    box[y] = (floor, None)
                    objective[y] = 1.0
            solution = program.solve(objective, rows, box)
            programs += 1
            assert solution is not None  # the auxiliaries are bounded in the direction pushed
            for key in pending:
                value = float(solution[index[key]])
                seen[key].append(value)
                need = required[key]
                if direction > 0 and need.high is not None and value >= need.high - 1e-6:
                    high_ok.add(key)
                if direction < 0 and need.low is not None and value <= need.low + 1e-6:
                    low_ok.add(key)
        still = [k for k in pending if not _settled(k, required[k], seen[k], low_ok, high_ok)]
        if len(still) == len(pending) or not still:
            break
        pending = still
    if not confirm:
        # Whatever the two programs did not settle counts as unmet: the caller hides more,
        # which can only widen intervals, and asks again.
        return [k for k in asked if not _settled(k, required[k], seen[k], low_ok, high_ok)], \
            programs
    unmet: list[Hashable] = []
    for key in asked:
        need = required[key]
        if _settled(key, need, seen[key], low_ok, high_ok):
            continue
        interval = feasible_intervals(unknowns, bounds, constraints, [key])[key]
        programs += 2
        if need.low is None:
            if interval[1] - interval[0] < need.spread - 1e-6:
                unmet.append(key)
        elif interval[0] > need.low + 1e-6 or (need.high is not None
                                                and interval[1] < need.high - 1e-6):
            unmet.append(key)
    return unmet, programs


def _settled(key: Hashable, need: Requirement, seen: list[float], low_ok: set[Hashable],
             high_ok: set[Hashable]) -> bool:
    if need.low is None:
        return max(seen) - min(seen) >= need.spread - 1e-6
    return key in low_ok and (need.high is None or key in high_ok)
