"""The cost of the real flow's speed: pricing every case of a log against counting them.

Baseline, measured in the same run on the same log: the indicator table of one view
(`compute_indicators`, the same per-case table and one pass of aggregation), which every page
already pays. The cost adds the per-unit, month and path sums of cases and real weeks (DuckDB)
and the model's price of each path; the protection it reads is the one kept with the log, not
worked out here (see bench/suppression.py). Goal: the cost within 3× the indicator table, so
that a page that shows both takes at most a few times what it took before.

    uv run python bench/flow_cost.py [--cases 20000 200000] [--units 8] [--repeat 3]
"""

from __future__ import annotations

import argparse

from timing import best  # bench/timing.py, beside this script

from samverkan.followup.cost import flow_cost
from samverkan.followup.indicators import By, Period, compute_indicators
from samverkan.followup.suppression import SuppressedTable, View, primary_cells
from samverkan.followup.synth import synthetic_log
from samverkan.formats.case_io import load_case
from samverkan.formats.flow_mapping import DEFAULT_MAPPING, default_mapping_for
from samverkan.model import Case
from samverkan.model.flow import PATHS, FlowMapping


def _measure(cases: int, units: int, repeat: int, case: Case, mapping: FlowMapping
             ) -> tuple[float, float]:
    log = synthetic_log(cases=cases, units=units, seed=0)
    as_of = log.span()[1]
    # The primary suppression alone stands in for the kept protection: which figures are
    # shown does not change the work, only which sums are printed.
    views: dict[View, SuppressedTable] = {}
    for length in Period:
        table = compute_indicators(log, by=By.unit, period=length, as_of=as_of)
        views[(By.unit, length)] = SuppressedTable(table, primary_cells(table), 5)
    baseline, _ = best(lambda: compute_indicators(log, by=By.unit, period=Period.quarter,
                                                  as_of=as_of), repeat)
    took, found = best(lambda: flow_cost(log, case, mapping, period=Period.quarter,
                                         views=views), repeat)
    assert found.periods and set(PATHS) <= {p for _, p, _ in found.cells}
    log.close()
    return baseline, took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, nargs="+", default=[20_000, 200_000])
    parser.add_argument("--units", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    case = load_case(DEFAULT_MAPPING.parent / "lucas.yaml")
    mapping = default_mapping_for(case)
    print(f"{'cases':>8} {'indicators s':>13} {'cost s':>8} {'ratio':>6}")
    for cases in args.cases:
        baseline, took = _measure(cases, args.units, args.repeat, case, mapping)
        print(f"{cases:>8} {baseline:>13.3f} {took:>8.3f} {took / baseline:>6.2f}")


if __name__ == "__main__":
    main()
