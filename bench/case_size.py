"""Case size: the results page and the report for cases of 100, 1 000 and 5 000 tasks.

Times the functions the results page calls (compute, the page's tables, the cost chart, the
page's simulation, the tornado and its chart, annual figures) and those `samverkan report`
calls (the analysis, then the HTML and the Excel workbook), each on cases of growing size; both
with the one draw count and seed of `samverkan.reports.analysis`.
The baseline is plain `compute` on the same case in the same run: it is linear by construction,
so the page's time per task at 5 000 tasks over its time per task at 100, divided by the same
ratio for `compute`, says whether the page grows faster than the case. Goal: that ratio near 1
(a quadratic step shows as a ratio near 50), and a 1 000-task case in about a second.

    uv run python bench/case_size.py [--sizes 100 1000 5000] [--repeat 3] [--pdf]

Cases are built in memory: the case-file reader refuses more than 2 000 tasks, so the largest
size measures what the computations would do if that limit were raised.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from timing import best  # bench/timing.py, beside this script

from samverkan.model import (
    Case,
    Category,
    Organisation,
    Participant,
    Role,
    Step,
    Task,
    compute,
)
from samverkan.reports import charts
from samverkan.reports.analysis import analyse
from samverkan.reports.report import Report, render_html
from samverkan.reports.report_xlsx import write_report_xlsx
from samverkan.web.cases import tables

TASKS_PER_STEP = 10


def build_case(tasks: int, seed: int = 1) -> Case:
    """Three schools and social services; tasks of three people with three-point times, every
    fifth an exchange occasion, every fourth with the child present; ten tasks a step."""
    rng = np.random.default_rng(seed)
    organisations = (
        Organisation("sa", "Skola A", "school"), Organisation("sb", "Skola B", "school"),
        Organisation("sc", "Skola C", "school"),
        Organisation("soc", "Socialtjänsten", "social_services"),
    )
    roles = tuple(Role(f"r{i}", f"Roll {i}", float(40_000 + 5_000 * i)) for i in range(8))
    made = []
    for t in range(tasks):
        people = []
        for _ in range(3):
            likely = float(rng.integers(20, 240))
            people.append(Participant(f"r{rng.integers(0, 8)}", likely,
                                      minutes_low=likely * 0.6, minutes_high=likely * 2.0))
        exchange = f"x{t // 8}" if t % 5 == 0 else None
        made.append(Task(f"t{t}", organisations[t % 4].id, f"Uppgift {t}",
                         category=Category.COLLABORATION if exchange else Category.INTERNAL,
                         child_present=t % 4 == 1, exchange=exchange,
                         participants=tuple(people)))
    steps = tuple(
        Step(f"s{i}", f"Steg {i}", 2.0, tuple(made[i * TASKS_PER_STEP:(i + 1) * TASKS_PER_STEP]))
        for i in range((tasks + TASKS_PER_STEP - 1) // TASKS_PER_STEP)
    )
    return Case("Benchmark", organisations, roles, steps, cases_per_year=40)


def results_page(case: Case) -> Any:
    """What `samverkan.web.cases.figure_views.case_results` computes, without the template:
    the analysis with the product's one draw count and seed."""
    analysis = analyse(case)
    context = tables.results_tables(analysis, "sv")
    context["chart"] = charts.step_cost_chart(analysis.result, lang="sv")
    context["tornado_chart"] = charts.tornado_chart(
        list(context["tornado"]), analysis.result.total.cost, lang="sv")
    return context


def report(case: Case, folder: Path, pdf: bool) -> None:
    """What `samverkan report` does for .html and .xlsx (and .pdf when asked)."""
    built = Report(analyse(case).computed())
    (folder / "r.html").write_text(render_html(built), encoding="utf-8")
    write_report_xlsx(built, folder / "r.xlsx")
    if pdf:
        from samverkan.reports.report import write_pdf
        write_pdf(built, folder / "r.pdf")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 5_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pdf", action="store_true", help="also write the PDF report")
    args = parser.parse_args()
    rows: dict[str, dict[int, float]] = {"compute": {}, "results page": {}, "report": {}}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size in args.sizes:
            case = build_case(size)
            jobs: dict[str, Callable[[], Any]] = {
                "compute": lambda case=case: compute(case),
                "results page": lambda case=case: results_page(case),
                "report": lambda case=case: report(case, folder, args.pdf),
            }
            for name, job in jobs.items():
                rows[name][size] = best(job, args.repeat)[0]
    small, large = min(args.sizes), max(args.sizes)
    print(f"{'':14}" + "".join(f"{size:>10,} tasks" for size in args.sizes)
          + f"   per task {large:,} / {small:,}   against compute")
    baseline = (rows["compute"][large] / large) / (rows["compute"][small] / small)
    for name, times in rows.items():
        growth = (times[large] / large) / (times[small] / small)
        print(f"{name:14}" + "".join(f"{times[size]:14.3f} s" for size in args.sizes)
              + f"   {growth:18.2f}   {growth / baseline:14.2f}")
    print("Goal: per-task growth against compute near 1 (quadratic ≈ "
          f"{large / small:.0f}); a 1 000-task case in about a second.")


if __name__ == "__main__":
    main()
