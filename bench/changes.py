"""What a save costs beyond the arithmetic: the history's and the upload preview's work.

Every version in the history and every upload preview is said in words by `case_changes`
(two `compute`s and a walk over every element); applying an upload is `replay` and its check
`stale_elements`. The baseline is one `compute` of the same case, measured in the same run: the
ratios say how many computations of the case each costs. Goals: `case_changes` ≤ 3, `replay`
with its check ≤ 1. Lucas is scaled by copying its steps `--scale` times (new ids), and the
"after" version changes every tenth task's first participant and removes every twentieth task.

    uv run python bench/changes.py [--scale 10] [--repeat 5]
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from timing import best  # bench/timing.py, beside this script

from samverkan.formats.case_io import load_case
from samverkan.model import Case, case_changes, compute, replay, stale_elements

LUCAS = Path(__file__).parents[1] / "samverkan" / "examples" / "lucas.yaml"


def scaled(case: Case, scale: int) -> Case:
    steps = tuple(
        replace(step, id=f"{step.id}-{n}", tasks=tuple(
            replace(task, id=f"{task.id}-{n}",
                    exchange=f"{task.exchange}-{n}" if task.exchange else None)
            for task in step.tasks))
        for n in range(scale) for step in case.steps)
    return replace(case, steps=steps)


def edited(case: Case) -> Case:
    tasks = list(case.tasks)
    changed = {t.id for t in tasks[::10]}
    removed = {t.id for t in tasks[5::20]}

    def task_of(task):  # type: ignore[no-untyped-def]
        if task.id not in changed:
            return task
        first = task.participants[0]
        if first.minutes is None:
            return task
        return replace(task, participants=(replace(first, minutes=first.minutes + 15),
                                           *task.participants[1:]))

    return replace(case, steps=tuple(
        replace(s, tasks=tuple(task_of(t) for t in s.tasks if t.id not in removed))
        for s in case.steps))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    before = scaled(load_case(LUCAS), args.scale)
    after = edited(before)
    tasks = len(before.tasks)
    baseline, _ = best(lambda: compute(before), args.repeat)
    changes_time, changes = best(lambda: case_changes(before, after), args.repeat)
    replay_time, merged = best(
        lambda: (stale_elements(before, before, after), replay(before, before, after)),
        args.repeat)
    assert merged[1] == after and merged[0] == ()
    print(f"{tasks} tasks, {len(changes)} changes listed")
    print(f"compute (baseline)     {baseline * 1000:8.1f} ms")
    for label, seconds in (("case_changes", changes_time), ("replay + stale check", replay_time)):
        print(f"{label:<22} {seconds * 1000:8.1f} ms   ratio {seconds / baseline:5.2f}")


if __name__ == "__main__":
    main()
