"""`samverkan report`: the report as HTML, PDF or an Excel workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from samverkan.cli import app, progress_bar
from samverkan.cli.case_commands import CaseArg, PerYearOpt
from samverkan.cli.simulate_commands import load_for_simulation, parse_assumed_range
from samverkan.errors import OptionError
from samverkan.reports.analysis import DRAWS, SEED, analyse
from samverkan.reports.files import REPORT_SUFFIXES, write_report
from samverkan.reports.report import Report

console = Console()


@app.command()
def report(
    case_file: CaseArg,
    output: Annotated[Path, typer.Option("--output", "-o",
                                         help="Fil / file: .html, .pdf eller/or .xlsx")],
    compare_with: Annotated[list[Path] | None, typer.Option(
        "--compare", help="Alternativt arbetssätt; kan ges flera gånger / alternative way of "
                          "working; may be given several times")] = None,
    cases_per_year: PerYearOpt = None,
    draws: Annotated[int, typer.Option(min=1, help="Antal dragningar / draws")] = DRAWS,
    seed: Annotated[int, typer.Option(help="Slumpfrö / random seed")] = SEED,
    assume_range: Annotated[str | None, typer.Option(
        "--assume-range",
        help="Antagen osäkerhet för tider utan intervall, LÅG,HÖG, t.ex. 0.75,1.5 / "
             "assumed range for single estimates")] = None,
) -> None:
    """Rapport för beslutsfattare / A report for decision makers (HTML, PDF, Excel)."""
    suffix = output.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise OptionError.unknown_file_type(output, REPORT_SUFFIXES)
    assumed = parse_assumed_range(assume_range)
    case = load_for_simulation(case_file, assumed)
    alternatives = [load_for_simulation(path, assumed) for path in compare_with or []]
    with progress_bar("Räknar / Computing") as advance:
        analysis = analyse(case, alternatives,
                           cases_per_year=cases_per_year, draws=draws, seed=seed,
                           assumed_range=assumed, progress=advance).computed()
        built = Report(analysis)
    with progress_bar("Skriver rapporten / Writing the report"):
        write_report(built, output)
    console.print(f"[green]OK[/green] {output}", soft_wrap=True)
