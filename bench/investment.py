"""Investment-case speed: many alternatives' NPV bands against their comparisons' gain bands.

The investment case's Monte Carlo draws each alternative's case-cost change and the shares of
its avoided interventions, then prices the NPV of every draw without yearly arithmetic (it is
linear). The baseline is what a comparison page already draws: `simulate_comparison` for each
alternative with the same draws and seed. Both are measured in the same run, best of
`--repeat`; the ratio is the investment case's time (its deterministic ledgers and its bands)
over the comparisons'. Goal ≤ 1.5: the investment case should cost about what the comparisons
it builds on cost, however many alternatives there are.

    uv run python bench/investment.py [--alternatives 1,5,20] [--participants 300] \
        [--draws 2000] [--repeat 3]
"""

from __future__ import annotations

import argparse
from dataclasses import replace

import numpy as np
from simulate import build_case  # bench/simulate.py, beside this script
from timing import best  # bench/timing.py, beside this script

from samverkan.model import (
    AvoidedIntervention,
    Case,
    Economics,
    Investment,
    Outcome,
    Price,
    PriceList,
    ThreePoint,
    compare,
    compute,
    investment_case,
    simulate_comparison,
    simulate_investments,
)

PRICES = PriceList(tuple(Price(f"p{i}", f"Insats {i}", "dygn", 1_000.0 + 100 * i, 2024)
                         for i in range(10)))


def alternative(case: Case, index: int) -> Case:
    """The case with every tenth time shortened, a post, training and five avoided
    interventions: a way of working of its own."""
    rng = np.random.default_rng(100 + index)
    steps = []
    for step in case.steps:
        tasks = []
        for t, task in enumerate(step.tasks):
            if t % 10 == index % 10:
                people = tuple(replace(p, minutes=(p.minutes or 0) * 0.8,
                                       minutes_low=(p.minutes_low or 0) * 0.8)
                               for p in task.participants)
                task = replace(task, participants=people)
            tasks.append(task)
        steps.append(replace(step, tasks=tuple(tasks)))
    economics = Economics(
        Outcome("Minst lika bra"),
        investments=(Investment("Tjänst", "soc", 1, 10, role="r1", fte=1.0,
                                covers_case_time=True),
                     Investment("Utbildning", "sa", kronor=30_000.0)),
        avoided=tuple(AvoidedIntervention(
            f"p{int(rng.integers(0, 10))}", "soc",
            ThreePoint(0.0, float(rng.uniform(0.01, 0.05)), 0.1), units=30.0, years_after=1,
            for_years=2) for _ in range(5)),
    )
    return replace(case, name=f"Alternativ {index}", steps=tuple(steps), economics=economics)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--alternatives", default="1,5,20")
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--draws", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    baseline = build_case(args.participants)
    result = compute(baseline)
    print(f"{args.participants} participants, {args.draws} draws, best of {args.repeat}")
    print(f"{'alternatives':>12} {'comparisons s':>14} {'investment s':>13} {'ratio':>6}")
    for n in (int(x) for x in args.alternatives.split(",")):
        alternatives = [alternative(baseline, i) for i in range(n)]

        def comparisons(alternatives: list[Case] = alternatives) -> None:
            for alt in alternatives:
                simulate_comparison(baseline, alt, draws=args.draws, seed=0)

        def investments(alternatives: list[Case] = alternatives) -> None:
            cases = [investment_case(compare(result, compute(alt)), cases_per_year=40,
                                     years=10, prices=PRICES) for alt in alternatives]
            simulate_investments(baseline, alternatives, cases, draws=args.draws, seed=0)

        floor, _ = best(comparisons, args.repeat)
        took, _ = best(investments, args.repeat)
        print(f"{n:>12} {floor:>14.3f} {took:>13.3f} {took / floor:>6.2f}")


if __name__ == "__main__":
    main()
