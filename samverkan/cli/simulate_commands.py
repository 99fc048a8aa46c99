"""`samverkan simulate`: uncertainty ranges, the tornado, annual volumes and who pays."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from samverkan.cli import app, progress_bar
from samverkan.cli.case_commands import (
    CaseArg,
    FormatOpt,
    OutputFormat,
    PerYearOpt,
    organisation_name,
    print_annual,
    print_annual_change,
    print_json,
)
from samverkan.errors import OptionError
from samverkan.formats.case_io import load_case
from samverkan.formats.results_json import (
    annual_comparison_to_data,
    annual_to_data,
    gain_simulation_to_data,
    simulation_to_data,
    tornado_to_data,
)
from samverkan.model import Band, Case, Distribution, with_assumed_ranges
from samverkan.reports.analysis import DRAWS, SEED, analyse
from samverkan.reports.labels import group_label, kronor, number, percent

console = Console()


class DistributionOpt(StrEnum):
    pert = "pert"
    triangular = "triangular"


def parse_assumed_range(text: str | None) -> tuple[float, float] | None:
    if not text:
        return None
    try:
        low, high = (float(x) for x in text.split(","))
        if not 0 <= low <= 1 <= high:
            raise ValueError
    except ValueError:
        raise OptionError.single(
            f"--assume-range: '{text}' ska vara två tal LÅG,HÖG med 0 ≤ LÅG ≤ 1 ≤ HÖG, "
            "till exempel 0.75,1.5",
            f"--assume-range: '{text}' must be two numbers LOW,HIGH with 0 ≤ LOW ≤ 1 ≤ HIGH, "
            "for example 0.75,1.5",
        ) from None
    return low, high


def load_for_simulation(path: Path, assumed: tuple[float, float] | None) -> Case:
    case = load_case(path)
    if assumed:
        case = with_assumed_ranges(case, low=assumed[0], high=assumed[1])
    return case


def _band_text(band: Band, money: bool) -> list[str]:
    show = kronor if money else (lambda v: number(v / 60, decimals=1))
    return [show(band.p10), show(band.p50), show(band.p90), show(band.mean)]


@app.command(name="simulate")
def simulate_command(
    case_file: CaseArg,
    compare_with: Annotated[list[Path] | None, typer.Option(
        "--compare", help="Alternativt arbetssätt; kan ges flera gånger / alternative way of "
                          "working; may be given several times")] = None,
    draws: Annotated[int, typer.Option(min=1, help="Antal dragningar / draws")] = DRAWS,
    seed: Annotated[int, typer.Option(help="Slumpfrö / random seed")] = SEED,
    distribution: Annotated[DistributionOpt, typer.Option(
        help="pert | triangular")] = DistributionOpt.pert,
    assume_range: Annotated[str | None, typer.Option(
        "--assume-range",
        help="Antagen osäkerhet för tider utan intervall, LÅG,HÖG som andel av tiden, t.ex. "
             "0.75,1.5 / assumed range for single estimates")] = None,
    cases_per_year: PerYearOpt = None,
    output: FormatOpt = OutputFormat.table,
) -> None:
    """Osäkerhetsintervall, tornado och årsvolymer / Uncertainty ranges, tornado, annual."""
    assumed = parse_assumed_range(assume_range)
    case = load_for_simulation(case_file, assumed)
    alternatives = [load_for_simulation(path, assumed) for path in compare_with or []]
    kind: Distribution = distribution.value
    with progress_bar("Simulerar / Simulating") as advance:
        analysis = analyse(case, alternatives, cases_per_year=cases_per_year, draws=draws,
                           seed=seed, distribution=kind, assumed_range=assumed,
                           progress=advance)
        simulation = analysis.simulation
    if alternatives:
        with progress_bar("Simulerar jämförelsen / Simulating the comparison"):
            compared = analysis.comparisons[0]
    # One alternative keeps the output it has always had; several are listed one by one.
    several = len(alternatives) > 1
    gain = compared.gain if alternatives and not several else None
    bars = analysis.tornado
    if output is OutputFormat.json:
        data: dict[str, Any] = {
            "case": case.name,
            "assumed_range": list(assumed) if assumed else None,
            "simulation": simulation_to_data(simulation),
            "tornado": tornado_to_data(list(bars)),
        }
        if gain is not None:
            data["gain"] = gain_simulation_to_data(gain)
        if analysis.annual is not None:
            data["annual"] = annual_to_data(analysis.annual)
            if alternatives and not several and compared.annual is not None:
                data["annual_comparison"] = annual_comparison_to_data(compared.annual)
        if several:
            data["gains"] = [
                {"alternative": c.alternative.case.name, **gain_simulation_to_data(c.gain),
                 **({"annual_comparison": annual_comparison_to_data(c.annual)}
                    if c.annual is not None else {})}
                for c in analysis.comparisons
            ]
        print_json(data)
        return

    if not console.is_terminal:
        console.width = max(console.width, 130)  # a pipe or file has no width of its own
    table = Table(title=f"{case.name}: osäkerhet i kostnad och tid ({draws} dragningar, {kind})"
                        f" / uncertainty", title_justify="left")
    for title in ("", "Kostnad P10", "P50", "P90", "Medel / mean",
                  "Timmar P10 / hours", "P50", "P90", "Medel / mean"):
        table.add_column(title, justify="right" if title else "left")
    for org_id, bands in simulation.organisations.items():
        table.add_row(organisation_name(case, org_id), *_band_text(bands.cost, True),
                      *_band_text(bands.minutes, False))
    for group, bands in simulation.groups.items():
        table.add_row(group_label(group), *_band_text(bands.cost, True),
                      *_band_text(bands.minutes, False))
    table.add_row("Totalt / total", *_band_text(simulation.total.cost, True),
                  *_band_text(simulation.total.minutes, False))
    console.print(table)
    if not simulation.uncertain:
        console.print("Typfallet har inga intervall: alla percentiler är lika. Använd "
                      "--assume-range 0.75,1.5 för att se hur mycket resultatet rör sig / "
                      "the case has no ranges; every percentile is the same.", style="yellow")
    elif assumed:
        console.print(f"Antaget intervall för tider utan intervall: {assumed[0]}–{assumed[1]} "
                      f"gånger den troligaste tiden / assumed range.", style="yellow")

    ranked = Table(title="Vad påverkar totalkostnaden mest? / what moves the total most",
                   title_justify="left")
    for title in ("Uppgift eller yrkesgrupp / item", "Låg / low", "Hög / high", "Spann / swing"):
        ranked.add_column(title, justify="right" if "/" in title and title[0] != "U" else "left")
    kinds = {"task": "uppgift", "role_minutes": "tid", "role_cost": "lön ±10 %"}
    for bar in bars[:10]:
        ranked.add_row(f"{bar.label} ({kinds[bar.kind]})", kronor(bar.low_total),
                       kronor(bar.high_total), kronor(bar.swing))
    console.print(ranked)

    if gain is not None:
        console.print(
            f"[bold]Samverkansvinst per ärende / gain per case:[/bold] P10 {kronor(gain.gain.p10)}"
            f", P50 {kronor(gain.gain.p50)}, P90 {kronor(gain.gain.p90)}; sannolikheten att det "
            f"alternativa arbetssättet kostar mindre / probability the alternative costs less: "
            f"{percent(gain.probability_alternative_cheaper)}")
    if several:
        for c in analysis.comparisons:
            band = c.gain.gain
            console.print(
                f"[bold]Samverkansvinst per ärende / gain per case, {c.alternative.case.name}:"
                f"[/bold] P10 {kronor(band.p10)}, P50 {kronor(band.p50)}, P90 {kronor(band.p90)}"
                f"; sannolikheten att det kostar mindre / probability it costs less: "
                f"{percent(c.gain.probability_alternative_cheaper)}"
                + (f"; per år / per year {kronor(c.annual.gain)}" if c.annual else ""))
    print_annual(analysis)
    if not several:
        print_annual_change(analysis)
