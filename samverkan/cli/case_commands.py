"""`samverkan validate|cost|compare|template|convert`: the resource-use model from the terminal."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from samverkan.cli import app
from samverkan.formats.case_bounds import CasesPerYearError, parse_cases_per_year
from samverkan.formats.case_io import load_case, save_case
from samverkan.formats.excel_template import write_template
from samverkan.formats.results_json import (
    annual_comparison_to_data,
    annual_to_data,
    comparison_to_data,
    result_to_data,
)
from samverkan.model import (
    AnnualChange,
    AnnualFigures,
    Case,
    Category,
    Comparison,
    Figures,
)
from samverkan.reports.analysis import Analysis, analyse
from samverkan.reports.labels import (
    category_label,
    group_label,
    kronor,
    not_counted_notes,
    number,
    percent,
)
from samverkan.reports.side_by_side import SideBySide, side_by_side

console = Console()


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


CaseArg = Annotated[Path, typer.Argument(help="Typfall / case file (.yaml, .json, .xlsx)")]
FormatOpt = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Utdata / output: table | json")
]
def _cases_per_year(text: str) -> float:
    """The option read as the pages read their field: 0 or empty for no annual figures; left
    out, the case file's own number counts (`samverkan.model.cases_per_year_of`)."""
    try:
        return parse_cases_per_year(text)
    except CasesPerYearError as error:
        problem = error.problems[0]
        raise typer.BadParameter(f"{problem.sv} / {problem.en}") from None


PerYearOpt = Annotated[float | None, typer.Option(
    "--cases-per-year", parser=_cases_per_year, metavar="ANTAL",
    help="Ärenden per år: tid, kostnad och årsarbetare per år (0: inga; utelämnat: typfallets "
         "eget antal) / cases per year (0: none; left out: the case file's own number)")]


def print_json(data: dict[str, Any]) -> None:
    # Plain print: Rich would wrap long lines and colour the text, which breaks `jq` and pipes.
    print(json.dumps(data, ensure_ascii=False, indent=2))


@app.command()
def validate(case_file: CaseArg) -> None:
    """Kontrollera ett typfall / Check a case file."""
    case = load_case(case_file)
    tasks = len(case.tasks)
    console.print(
        f"[green]OK[/green] {case.name}: {len(case.organisations)} organisationer, "
        f"{len(case.steps)} steg, {tasks} uppgifter / organisations, steps, tasks"
    )


@app.command()
def cost(case_file: CaseArg, output: FormatOpt = OutputFormat.table,
         cases_per_year: PerYearOpt = None) -> None:
    """Tid, kostnad och samverkansgrad för ett typfall / Time, cost and collaboration."""
    analysis = analyse(load_case(case_file), cases_per_year=cases_per_year)
    if output is OutputFormat.json:
        data = result_to_data(analysis.result)
        if analysis.annual is not None:
            data["annual"] = annual_to_data(analysis.annual)
        print_json(data)
        return
    _print_cost_tables(analysis)
    print_annual(analysis)


_APART = ("{group}, var för sig: som om varje ärende gick genom just den organisationen; "
          "summeras inte till totalen / {group_en}, each on its own: as if every case passed "
          "that organisation; not to be added to the total")


def _apart_title(group: str) -> str:
    return _APART.format(group=group_label(group), group_en=group_label(group, "en"))


def _annual_cells(f: AnnualFigures | AnnualChange) -> tuple[str, str, str]:
    return kronor(f.cost), number(f.minutes / 60), number(f.full_time_equivalents, decimals=2)


def print_annual(analysis: Analysis) -> None:
    """Time, cost and full-time equivalents per year for each group and in total, and each
    organisation of a group averaged over several apart; nothing without annual figures."""
    year = analysis.annual
    if year is None:
        return
    table = Table(title=f"Per år med {number(year.cases_per_year)} ärenden / per year",
                  title_justify="left")
    for title in ("", "Kostnad / cost", "Timmar / hours", "Årsarbetare / FTE"):
        table.add_column(title, justify="right" if title else "left")
    for group, f in year.groups.items():
        table.add_row(group_label(group), *_annual_cells(f))
    table.add_row("Totalt / total", *_annual_cells(year.total))
    console.print(table)
    names = analysis.organisation_names
    for group, members in analysis.realisations.items():
        apart = Table(title=_apart_title(group), title_justify="left")
        for title in ("", "Kostnad / cost", "Timmar / hours", "Årsarbetare / FTE"):
            apart.add_column(title, justify="right" if title else "left")
        for org_id in members:
            apart.add_row(names[org_id], *_annual_cells(year.organisations[org_id]))
        console.print(apart)


def _pays(change: AnnualChange) -> str:
    return ("betalar mer / pays more" if change.pays else
            "sparar / saves" if change.cost < 0 else "")


def print_annual_change(analysis: Analysis) -> None:
    """Who pays more and who saves per year, per group and in total, each organisation of a
    group averaged over several apart, and the gain per year."""
    compared = analysis.compared
    if compared is None or compared.annual is None:
        return
    change = compared.annual
    flows = Table(title="Vem betalar, vem vinner (per år) / who pays, who gains per year",
                  title_justify="left")
    for title in ("", "Ändrad kostnad / change", ""):
        flows.add_column(title, justify="right" if title else "left")
    for group, c in change.groups.items():
        flows.add_row(group_label(group), kronor(c.cost), _pays(c))
    flows.add_row("Totalt / total", kronor(change.total.cost), _pays(change.total))
    console.print(flows)
    names = compared.organisation_names
    for group, members in compared.realisations.items():
        apart = Table(title=_apart_title(group), title_justify="left")
        for title in ("", "Ändrad kostnad / change", ""):
            apart.add_column(title, justify="right" if title else "left")
        for org_id in members:
            c = change.organisations[org_id]
            apart.add_row(names[org_id], kronor(c.cost), _pays(c))
        console.print(apart)
    console.print(f"[bold]Samverkansvinst per år / gain per year: {kronor(change.gain)}[/bold]")


def organisation_name(case: Case, org_id: str) -> str:
    return next((o.name for o in case.organisations if o.id == org_id), org_id)


def _figure_cells(f: Figures) -> tuple[str, str, str, str]:
    """Hours, cost, collaboration hours and share: one row of the cost table."""
    return (number(f.minutes / 60, decimals=1), kronor(f.cost),
            number(f.collaboration_minutes / 60, decimals=1),
            percent(f.collaboration_share, decimals=1))


def _print_cost_tables(analysis: Analysis) -> None:
    result = analysis.result
    case = result.case
    table = Table(title=f"{case.name} — tid och kostnad / time and cost", title_justify="left")
    table.add_column("Organisation", no_wrap=True)
    for header in ("Timmar\nhours", "Kostnad\ncost", "Samverkan, tim\ncollaboration, h",
                   "Samverkansgrad\nshare"):
        table.add_column(header, justify="right")
    for org_id, org in result.organisations.items():
        table.add_row(organisation_name(case, org_id), *_figure_cells(org.figures))
    table.add_section()
    for group_id, group in result.groups.items():
        table.add_row(group_label(group_id), *_figure_cells(group.figures))
    hours, cost, collaboration, share = _figure_cells(result.total)
    table.add_row("[bold]Totalt / total[/bold]", hours, f"[bold]{cost}[/bold]", collaboration,
                  share)
    console.print(table)
    for sv, en in zip(not_counted_notes(result, "sv"), not_counted_notes(result, "en"),
                      strict=True):
        console.print(f"{sv} / {en}", markup=False, highlight=False)

    steps = Table(title="Kostnad per steg / cost per step", title_justify="left")
    steps.add_column("Steg\nstep")
    steps.add_column("Veckor\nweeks", justify="right")
    for org_id in result.organisations:
        steps.add_column(organisation_name(case, org_id), justify="right")
    steps.add_column("Totalt\ntotal", justify="right")
    for step in case.steps:
        steps.add_row(step.name, number(step.weeks),
                      *(kronor(o.by_step[step.id].cost) for o in result.organisations.values()),
                      kronor(result.total_by_step[step.id].cost))
    console.print(steps)

    categories = Table(title="Tidsanvändning per kategori, timmar / time use by category, hours",
                       title_justify="left")
    categories.add_column("Kategori / category")
    for org_id in result.organisations:
        categories.add_column(organisation_name(case, org_id), justify="right")
    for category in Category:
        categories.add_row(
            f"{category_label(category)} / {category_label(category, 'en')}",
            *(number(o.by_category[category] / 60, decimals=1)
              for o in result.organisations.values()))
    console.print(categories)

    views = Table(title="Barnets perspektiv / the child's view", title_justify="left")
    for header in ("Barnet möter / the child meets", "Möten / meetings",
                   "Yrkesroller / staff roles", "Timmar i möten / hours in meetings",
                   "Längsta tid utan möte, veckor / longest wait, weeks"):
        views.add_column(header, justify="left" if header.startswith("Barnet") else "right")
    for orgs, view in analysis.child_views.items():
        views.add_row(" + ".join(organisation_name(case, o) for o in orgs),
                      number(view.meeting_count),
                      number(view.adults_met), number(view.minutes_in_meetings / 60, decimals=1),
                      f"{number(view.longest_gap_weeks)} / {number(view.total_weeks)}")
    console.print(views)

    occasions = analysis.occasions
    console.print(f"Samverkanstillfällen / exchange occasions: {len(occasions)}"
                  + (f" ({', '.join(o.id for o in occasions)})" if occasions else ""))
    equivalents = Table(title="Totalen i andel av en årslön / the total as a share of a "
                        "year's salary", title_justify="left")
    equivalents.add_column("Yrkesgrupp / role")
    equivalents.add_column("Andel / share", justify="right")
    for role_id, role_share in analysis.salary_equivalents.items():
        equivalents.add_row(case.role(role_id).name, percent(role_share, decimals=1))
    console.print(equivalents)
    if not case.conventions.is_default:
        c = case.conventions
        console.print(f"[yellow]Kostnadskonventioner / cost conventions: påslag / overhead "
                      f"{percent(c.overhead_share)}, produktiv andel / productive share "
                      f"{percent(c.productive_share)}[/yellow]")


@app.command(name="compare")
def compare_command(
    baseline: Annotated[Path, typer.Argument(help="Nuvarande arbetssätt / baseline case")],
    alternatives: Annotated[list[Path], typer.Argument(
        help="Ett eller flera alternativa arbetssätt / one or more alternatives")],
    output: FormatOpt = OutputFormat.table,
    cases_per_year: PerYearOpt = None,
) -> None:
    """Jämför arbetssätt: samverkansvinsten för varje alternativ / Compare ways of working:
    the gain of each alternative."""
    analysis = analyse(load_case(baseline), [load_case(a) for a in alternatives],
                       cases_per_year=cases_per_year)
    if output is OutputFormat.json:
        print_json(comparisons_to_data(analysis))
        return
    if len(analysis.comparisons) == 1:
        compared = analysis.comparisons[0]
        _print_comparison(compared.comparison, compared.organisation_names)
        print_annual_change(analysis)
        return
    print_side_by_side(side_by_side(analysis))


def comparisons_to_data(analysis: Analysis) -> dict[str, Any]:
    """One alternative: its comparison (the shape `compare` has always had). Several: the
    baseline's name and currency and a list `alternatives` with that shape for each, in the
    order given."""
    items = []
    for compared in analysis.comparisons:
        data = comparison_to_data(compared.comparison)
        if compared.annual is not None:
            data["annual_comparison"] = annual_comparison_to_data(compared.annual)
        items.append(data)
    if len(items) == 1:
        return items[0]
    return {"baseline": analysis.case.name, "currency": analysis.case.currency,
            "alternatives": items}


def _side_table(title: str, sides: SideBySide, first: str = "") -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(first)
    for name in sides.alternatives:
        table.add_column(name, justify="right")
    return table


def print_side_by_side(sides: SideBySide) -> None:
    """Several alternatives against one baseline: a column per alternative."""
    for name, warnings in zip(sides.alternatives, sides.warnings, strict=True):
        for warning in warnings:
            console.print(f"[yellow]Varning, {name}: {warning.sv}\n"
                          f"Warning, {name}: {warning.en}[/yellow]", highlight=False)
    costs = Table(title=f"{sides.baseline} och {len(sides.alternatives)} alternativ: kostnad per "
                  f"ärende / and {len(sides.alternatives)} alternatives: cost per case",
                  title_justify="left")
    costs.add_column("")
    costs.add_column("Nuvarande / baseline", justify="right")
    for name in sides.alternatives:
        costs.add_column(name, justify="right")
    for row, previous in zip(sides.rows, (None, *sides.rows[:-1]), strict=True):
        if previous is not None and previous.kind == "organisation" != row.kind:
            costs.add_section()
        label = "Totalt / total" if row.kind == "total" else row.name
        costs.add_row(label, kronor(row.baseline.cost),
                      *(kronor(d.alternative.cost) for d in row.changes))
    total = next(r for r in sides.rows if r.kind == "total")
    costs.add_row("Samverkansgrad / collaboration share",
                  percent(total.baseline.collaboration_share, decimals=1),
                  *(percent(d.alternative.collaboration_share, decimals=1)
                    for d in total.changes))
    console.print(costs)

    change = _side_table("Ändring per ärende, alternativ − nuvarande / change per case, "
                         "alternative − baseline", sides)
    for row in sides.rows:
        label = "Totalt / total" if row.kind == "total" else row.name
        change.add_row(label, *(kronor(d.cost) for d in row.changes))
    change.add_row("[bold]Samverkansvinst / gain[/bold]",
                   *(f"[bold]{kronor(g)}[/bold]" for g in sides.gains))
    console.print(change)

    steps = _side_table("Ändring per steg och organisation / change per step and organisation",
                        sides, "Steg / step")
    for row in sides.step_rows:
        label = f"  {row.name}" if row.kind == "step_organisation" else f"[bold]{row.name}[/bold]"
        steps.add_row(label, *(kronor(d.cost) for d in row.changes))
    console.print(steps)

    roles = _side_table("Ändring per yrkesgrupp, timmar / change per role, hours", sides,
                        "Yrkesgrupp / role")
    for row in sides.role_rows:
        roles.add_row(row.name, *(number(d.minutes / 60, decimals=1) for d in row.changes))
    console.print(roles)

    if sides.annual_rows:
        year = _side_table(f"Ändrad kostnad per år med {number(sides.cases_per_year)} ärenden "
                           "/ change in cost per year", sides)
        for line in sides.annual_rows:
            if line.kind == "organisation":
                continue
            label = "Totalt / total" if line.kind == "total" else line.name
            year.add_row(label, *(kronor(c.cost) if c else "—" for c in line.changes))
        year.add_row("[bold]Samverkansvinst per år / gain per year[/bold]",
                     *(f"[bold]{kronor(g)}[/bold]" if g is not None else "—"
                       for g in sides.annual_gains))
        total_year = next(r for r in sides.annual_rows if r.kind == "total")
        year.add_row("Årsarbetare, ändring / full-time equivalents, change",
                     *(number(c.full_time_equivalents, decimals=2) if c else "—"
                       for c in total_year.changes))
        for line in sides.annual_rows:
            if line.kind != "organisation":
                continue
            year.add_row(f"{line.name} (var för sig / on its own)",
                         *(kronor(c.cost) if c else "—" for c in line.changes))
        console.print(year)
    for name, gain in zip(sides.alternatives, sides.gains, strict=True):
        verb, verb_en = ("sparar", "saves") if gain >= 0 else ("kostar", "costs")
        console.print(f"{name}: {verb} {kronor(abs(gain))} per ärende / {verb_en} "
                      f"{kronor(abs(gain), 'en')} per case", highlight=False)


def _print_comparison(comparison: Comparison, org_names: dict[str, str]) -> None:
    base, alt = comparison.baseline, comparison.alternative
    for warning in comparison.warnings:
        console.print(f"[yellow]Varning: {warning.sv}\nWarning: {warning.en}[/yellow]")
    table = Table(title=f"{base.case.name} → {alt.case.name}", title_justify="left")
    table.add_column("")
    for header in ("Nuvarande / baseline", "Alternativ / alternative", "Skillnad / change"):
        table.add_column(header, justify="right")
    for org_id, diff in comparison.by_organisation.items():
        table.add_row(org_names[org_id], kronor(diff.baseline.cost),
                      kronor(diff.alternative.cost), kronor(diff.cost))
    table.add_section()
    for group_id, diff in comparison.by_group.items():
        table.add_row(group_label(group_id), kronor(diff.baseline.cost),
                      kronor(diff.alternative.cost), kronor(diff.cost))
    t = comparison.total
    table.add_row("Totalt / total", kronor(t.baseline.cost), kronor(t.alternative.cost),
                  kronor(t.cost))
    table.add_row("Samverkansgrad / collaboration share",
                  percent(t.baseline.collaboration_share, decimals=1),
                  percent(t.alternative.collaboration_share, decimals=1), "")
    console.print(table)

    steps = Table(title="Skillnad per steg och organisation / change per step and organisation",
                  title_justify="left")
    steps.add_column("Steg / step")
    org_ids = list(comparison.by_organisation)
    for org_id in org_ids:
        steps.add_column(org_names[org_id], justify="right")
    names = {s.id: s.name for s in (*alt.case.steps, *base.case.steps)}
    for step_id, orgs in comparison.by_step.items():
        steps.add_row(names.get(step_id, step_id), *(kronor(orgs[o].cost) for o in org_ids))
    console.print(steps)

    roles = Table(title="Skillnad per yrkesgrupp / change per role", title_justify="left")
    roles.add_column("Yrkesgrupp / role")
    roles.add_column("Timmar / hours", justify="right")
    roles.add_column("Kostnad / cost", justify="right")
    role_names = {r.id: r.name for r in (*alt.case.roles, *base.case.roles)}
    for role_id, diff in comparison.by_role.items():
        if diff.minutes or diff.cost:
            roles.add_row(role_names.get(role_id, role_id), number(diff.minutes / 60, decimals=1),
                          kronor(diff.cost))
    console.print(roles)
    verb = "sparar" if comparison.gain >= 0 else "kostar"
    verb_en = "saves" if comparison.gain >= 0 else "costs"
    console.print(f"[bold]Samverkansvinst / collaboration gain: {kronor(comparison.gain)}[/bold]"
                  f" (det alternativa arbetssättet {verb} {kronor(abs(comparison.gain))} per "
                  f"ärende / the alternative {verb_en} {kronor(abs(comparison.gain), 'en')} "
                  "per case)")


@app.command()
def template(
    out: Annotated[Path, typer.Argument(help="Ny Excelmall / new Excel template (.xlsx)")],
) -> None:
    """Skriv en tom kartläggningsmall i Excel / Write a blank Excel mapping template."""
    if out.suffix.lower() != ".xlsx":
        raise typer.BadParameter("filen ska sluta på .xlsx / the file must end in .xlsx")
    write_template(out, None)
    console.print(f"Mallen är skriven / template written: {out}")


@app.command()
def convert(
    source: Annotated[Path, typer.Argument(help="Från / from (.yaml, .json, .xlsx)")],
    target: Annotated[Path, typer.Argument(help="Till / to (.yaml, .json, .xlsx)")],
) -> None:
    """Konvertera ett typfall mellan YAML, JSON och Excel / Convert a case file."""
    case = load_case(source)
    save_case(case, target)
    console.print(f"{source} → {target}")
    if case.economics is not None and target.suffix.lower() == ".xlsx":
        # The template has no place for it yet; said rather than dropped in silence.
        console.print("[yellow]Investeringskalkylen (economics) skrivs inte till Excelmallen; "
                      "behåll den i YAML- eller JSON-filen / the investment case (economics) "
                      "is not written to the Excel template; keep it in the YAML or JSON "
                      "file[/yellow]")

