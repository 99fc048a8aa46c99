"""Investment-case outputs' speed: the workbook of live formulas and the HTML report, against
the comparison report's own workbook and HTML for the same baseline, measured in the same run.

The analysis (draws, ledgers, bands) is computed before the clock starts, so only the writing is
timed. Both grow with alternatives × organisations × years (a row per year of every
organisation, group and total; in the workbook also a column per year of each input row); the
ratio is the investment case's time over the comparison report's, best of `--repeat`.

Measured on the shared two-core machine (300 participants, four organisations): the workbook
0.2 s for one alternative over 10 years (ratio 0.6), 1.7 s for five (3.0) and 4.4 s for five
over 50 years (8.4, about 40 000 cells at openpyxl's 0.1 ms each); the HTML under 0.3 s in every
case (ratio ≤ 1.5). `--pdf` adds the PDF, where WeasyPrint's layout of table rows (some 17 ms a
row) dominates: 4.5 s for one alternative over 10 years (0.7), 13 s over 50 years, 20 s for five
over 10 years and 52 s for five over 50. The page therefore offers a PDF for at most 50
alternative-years (`samverkan.web.cases.invest_views.PDF_ALTERNATIVE_YEARS`); the HTML and the
workbook have no such limit.

    uv run python bench/investment_outputs.py [--alternatives 1,5] [--years 10,50] \
        [--participants 300] [--repeat 3] [--pdf]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from investment import PRICES, alternative  # bench/investment.py, beside this script
from simulate import build_case  # bench/simulate.py, beside this script
from timing import best  # bench/timing.py, beside this script

from samverkan.reports.analysis import analyse
from samverkan.reports.files import write_investment, write_report
from samverkan.reports.report import Report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--alternatives", default="1,5")
    parser.add_argument("--years", default="10,50")
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--draws", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pdf", action="store_true")
    args = parser.parse_args()
    baseline = build_case(args.participants)
    formats = ["xlsx", "html", *(["pdf"] if args.pdf else [])]
    print(f"{args.participants} participants, best of {args.repeat}")
    print(f"{'format':>6} {'alternatives':>12} {'years':>5} {'comparison s':>13} "
          f"{'investment s':>13} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for n in (int(x) for x in args.alternatives.split(",")):
            alternatives = [alternative(baseline, i) for i in range(n)]
            report = Report(analyse(baseline, alternatives[:1], cases_per_year=40,
                                    draws=args.draws).computed())
            for years in (int(x) for x in args.years.split(",")):
                analysis = analyse(baseline, alternatives, cases_per_year=40, years=years,
                                   draws=args.draws, prices=PRICES)
                _ = analysis.investments  # drawn before the clock starts
                for fmt in formats:
                    floor, _ = best(lambda fmt=fmt, report=report: write_report(
                        report, out / f"r.{fmt}"), args.repeat)
                    took, _ = best(lambda fmt=fmt, analysis=analysis: write_investment(
                        analysis, out / f"i.{fmt}", fmt), args.repeat)
                    print(f"{fmt:>6} {n:>12} {years:>5} {floor:>13.3f} {took:>13.3f} "
                          f"{took / floor:>6.2f}")


if __name__ == "__main__":
    main()
