"""Several alternatives: the analysis of a baseline against K ways of working at once, against K
separate one-alternative analyses measured in the same run.

Each alternative is the benchmark case of bench/simulate.py with a different share of its tasks
made 20 % shorter (so it shares the rest of its estimates with the baseline). The side-by-side
analysis draws the baseline once per alternative, as one comparison does, so its time should
grow linearly: the ratio is the time of K at once over K × the time of one. Goal ≤ 1.2. The
time of the page's largest set (MAX_ALTERNATIVES at the pages' 2 000 draws) is printed too.

    uv run python bench/alternatives.py [--draws 2000] [--participants 300] [--repeat 3]
"""

from __future__ import annotations

import argparse
from dataclasses import replace

from simulate import build_case  # bench/simulate.py, beside this script
from timing import best  # bench/timing.py, beside this script

from samverkan.model import Case
from samverkan.reports.analysis import analyse
from samverkan.reports.side_by_side import MAX_ALTERNATIVES, side_by_side


def alternative(case: Case, every: int) -> Case:
    """The case with every `every`-th task's times made 20 % shorter."""
    steps = []
    for step in case.steps:
        tasks = tuple(
            replace(task, participants=tuple(
                replace(p, minutes=p.minutes * 0.8, minutes_low=(p.minutes_low or 0) * 0.8,
                        minutes_high=(p.minutes_high or 0) * 0.8)
                for p in task.participants))
            if i % every == 0 else task
            for i, task in enumerate(step.tasks))
        steps.append(replace(step, tasks=tasks))
    return replace(case, name=f"Alternativ {every}", steps=tuple(steps))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=2_000)
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    case = build_case(args.participants)
    alternatives = [alternative(case, every) for every in range(2, 2 + MAX_ALTERNATIVES)]

    def together(k: int) -> object:
        return side_by_side(analyse(case, alternatives[:k], draws=args.draws))

    def one(k: int) -> object:
        return side_by_side(analyse(case, [alternatives[k]], draws=args.draws))

    single, _ = best(lambda: [one(k) for k in range(1)], args.repeat)
    print(f"{args.draws:,} draws × {args.participants} participants")
    for k in (2, MAX_ALTERNATIVES):
        at_once, _ = best(lambda k=k: together(k), args.repeat)
        apart, _ = best(lambda k=k: [one(i) for i in range(k)], args.repeat)
        print(f"  {k} alternatives: side by side {at_once:6.2f} s   {k} apart {apart:6.2f} s   "
              f"ratio {at_once / apart:4.2f}   (goal ≤ 1.2)   "
              f"one alternative {single:5.2f} s")


if __name__ == "__main__":
    main()
