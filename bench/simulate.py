"""Monte Carlo speed: 100 000 draws of a case with 300 participants, against a numpy floor.

The floor is the same sampling and the same sums written by hand with numpy in one go (PERT
draws, minutes × people × kronor per minute summed per organisation, groups as means, the total
and its percentiles) — what the computation costs with nothing around it. Both are measured in
the same run, best of `--repeat`; the ratio is samverkan's time over the floor's. Goal ≤ 1.5.

    uv run python bench/simulate.py [--draws 100000] [--participants 300] [--repeat 3]
"""

from __future__ import annotations

import argparse
from typing import Any

import numpy as np
from timing import best  # bench/timing.py, beside this script

from samverkan.model import Case, Organisation, Participant, Role, Step, Task, simulate


def build_case(participants: int, seed: int = 1) -> Case:
    """Three schools and social services, tasks of three participants with three-point times."""
    rng = np.random.default_rng(seed)
    organisations = (
        Organisation("sa", "Skola A", "school"), Organisation("sb", "Skola B", "school"),
        Organisation("sc", "Skola C", "school"),
        Organisation("soc", "Socialtjänsten", "social_services"),
    )
    roles = tuple(Role(f"r{i}", f"Roll {i}", float(40_000 + 5_000 * i)) for i in range(6))
    tasks = []
    for t in range(participants // 3):
        people = []
        for _ in range(3):
            likely = float(rng.integers(20, 240))
            people.append(Participant(f"r{rng.integers(0, 6)}", likely,
                                      minutes_low=likely * 0.6, minutes_high=likely * 2.0))
        tasks.append(Task(f"t{t}", organisations[t % 4].id, f"Uppgift {t}",
                          exchange=f"x{t // 8}" if t % 5 == 0 else None,
                          participants=tuple(people)))
    steps = tuple(Step(f"s{i}", f"Steg {i}", 2.0, tuple(tasks[i::5])) for i in range(5))
    return Case("Benchmark", organisations, roles, steps)


def floor(case: Case, draws: int, seed: int) -> dict[str, Any]:
    """The same computation by hand: arrays straight from the case, one matrix product."""
    rows, orgs = [], [o.id for o in case.organisations]
    cost = {r.id: r.monthly_cost / case.hours_per_month / 60 for r in case.roles}
    for step in case.steps:
        for task in step.tasks:
            for p in task.participants:
                rows.append((p.minutes_low, p.minutes, p.minutes_high, p.people,
                             cost[p.role], 1.0 if task.exchange else 0.0, orgs.index(task.org)))
    a, m, b, people, kr, collab, org = (np.array(c, dtype=float) for c in zip(*rows,
                                                                            strict=True))
    rng = np.random.default_rng(seed)
    alpha = 1 + 4 * (m - a) / (b - a)
    beta = 1 + 4 * (b - m) / (b - a)
    member = np.zeros((len(a), len(orgs)))
    member[np.arange(len(a)), org.astype(int)] = 1.0
    minutes = (a + rng.beta(alpha, beta, size=(draws, len(a))) * (b - a)) * people
    org_minutes = minutes @ member
    org_cost = (minutes * kr) @ member
    org_collab = (minutes * collab) @ member
    weights = np.array([[1 / 3, 0], [1 / 3, 0], [1 / 3, 0], [0, 1]])
    total_cost = (org_cost @ weights).sum(axis=1)
    total_minutes = (org_minutes @ weights).sum(axis=1)
    share = (org_collab @ weights).sum(axis=1) / total_minutes
    out = {}
    for name, values in [("cost", total_cost), ("minutes", total_minutes), ("share", share)]:
        out[name] = np.percentile(values, [10, 50, 90])
    for column in (org_cost, org_minutes, org_collab / org_minutes):
        np.percentile(column, [10, 50, 90], axis=0)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=100_000)
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    case = build_case(args.participants)
    ours_time, ours = best(lambda: simulate(case, draws=args.draws, seed=1), args.repeat)
    floor_time, theirs = best(lambda: floor(case, args.draws, 1), args.repeat)
    # Same law, different chunking of the random stream: the medians agree closely, not exactly.
    assert abs(ours.total.cost.p50 / theirs["cost"][1] - 1) < 0.01
    print(f"{args.draws:,} draws × {args.participants} participants")
    print(f"  samverkan {ours_time:6.2f} s   numpy floor {floor_time:6.2f} s   "
          f"ratio {ours_time / floor_time:4.2f}   (goal ≤ 1.5)")


if __name__ == "__main__":
    main()
