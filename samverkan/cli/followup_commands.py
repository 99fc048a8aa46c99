"""`samverkan followup …`: event-log import, indicators, comparison across units and the
cost of the real flow."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from samverkan.cli import app, progress_bar
from samverkan.errors import OptionError, SamverkanError
from samverkan.followup.cost import flow_cost
from samverkan.followup.family import compare_log, suppressed_views
from samverkan.followup.indicators import TOTAL, By, Period
from samverkan.followup.protection import progress_data
from samverkan.followup.suppression import Audit
from samverkan.followup.synth import synthetic_log
from samverkan.formats.case_io import load_case
from samverkan.formats.eventlog import EventLog, read_event_log, write_event_log
from samverkan.formats.flow_mapping import check_against, default_mapping_for, load_mapping
from samverkan.reports.files import write_followup
from samverkan.reports.flow_cost_tables import COST_LEGEND, cost_rows, cost_to_data
from samverkan.reports.followup_tables import (
    LEGEND,
    comparison_rows,
    comparison_to_data,
    group_name,
)
from samverkan.reports.labels import number

followup_app = typer.Typer(
    help="Uppföljning från händelseloggar / Follow-up from event logs.", no_args_is_help=True
)
app.add_typer(followup_app, name="followup")

console = Console()


class IndicatorFormat(StrEnum):
    table = "table"
    json = "json"
    xlsx = "xlsx"
    html = "html"
    pdf = "pdf"


_FILE_FORMATS = (IndicatorFormat.xlsx, IndicatorFormat.html, IndicatorFormat.pdf)

LogArg = Annotated[Path, typer.Argument(help="Händelselogg / event log (.csv, .xlsx, .xes)")]


def _read(path: Path) -> EventLog:
    with progress_bar("Läser och kontrollerar loggen / Reading and checking the log") as advance:
        return read_event_log(path, progress=advance)


def _summary(log: EventLog) -> str:
    first, last = log.span()
    return (
        f"{number(log.count())} händelser, {number(log.count('cases'))} ärenden, "
        f"{log.count('units')} enheter, {first}–{last} / events, cases, units"
    )


@followup_app.command()
def synth(
    output: Annotated[Path, typer.Option("--output", "-o", help="Fil / file (.csv, .xlsx, .xes)")],
    cases: Annotated[int, typer.Option(min=1, help="Antal ärenden / number of cases")] = 20_000,
    units: Annotated[int, typer.Option(min=1, help="Antal enheter / number of units")] = 8,
    seed: Annotated[int, typer.Option(help="Slumpfrö / random seed")] = 0,
    start: Annotated[str, typer.Option(help="Första dag / first day (YYYY-MM-DD)")] = "2024-01-01",
    years: Annotated[float, typer.Option(min=0.1, help="År / years")] = 2.0,
) -> None:
    """Skapa en syntetisk logg / Make a synthetic log."""
    first = _date(start, "--start")
    with progress_bar("Skapar loggen / Making the log"):
        log = synthetic_log(cases=cases, units=units, seed=seed, start=first, years=years)
        write_event_log(log, output)
    console.print(f"[green]OK[/green] {output}: {_summary(log)}", soft_wrap=True)


@followup_app.command()
def validate(log_file: LogArg) -> None:
    """Kontrollera en händelselogg / Check an event log."""
    log = _read(log_file)
    console.print(f"[green]OK[/green] {log_file.name}: {_summary(log)}", soft_wrap=True)


@followup_app.command()
def convert(
    source: LogArg,
    target: Annotated[Path, typer.Argument(help="Ny fil / new file (.csv, .xlsx, .xes)")],
) -> None:
    """Konvertera mellan CSV, Excel och XES / Convert between CSV, Excel and XES."""
    log = _read(source)
    with progress_bar("Skriver / Writing"):
        write_event_log(log, target)
    console.print(f"[green]OK[/green] {source.name} → {target}: {_summary(log)}", soft_wrap=True)


def _date(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise OptionError.single(
            f"{option}: '{text}' är inget datum; skriv ÅÅÅÅ-MM-DD",
            f"{option}: '{text}' is not a date; write YYYY-MM-DD",
        ) from None


def _protecting(advance: Callable[..., None]) -> Callable[[Audit], None]:
    """The protection's rounds on a progress bar: what the web page shows while its worker
    protects a log."""

    def protecting(audit: Audit) -> None:
        done = progress_data(audit)
        advance(done["rounds"], None,
                f"omgång {done['rounds']} klar, {done['open']} dolda tal kvar / "
                f"round {done['rounds']} done, {done['open']} hidden counts left")

    return protecting


@followup_app.command()
def indicators(
    log_file: LogArg,
    by: Annotated[
        By, typer.Option(help="Per enhet eller anmälartyp / by unit or reporter")
    ] = By.unit,
    period: Annotated[Period, typer.Option(help="month | quarter | year")] = Period.quarter,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Loggens sista dag / the log's last day (YYYY-MM-DD)"),
    ] = None,
    output_format: Annotated[
        IndicatorFormat, typer.Option(
            "--format", "-f", help="table | json | xlsx | html | pdf (rapport / report)")
    ] = IndicatorFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Fil / file")] = None,
    lang: Annotated[str, typer.Option(help="sv | en")] = "sv",
) -> None:
    """Indikatorer per enhet och period, med små tal dolda / Indicators, small counts hidden."""
    if output_format in _FILE_FORMATS and output is None:
        raise SamverkanError.single(
            f"ange en fil med --output för {output_format.value}",
            f"give a file with --output for {output_format.value}",
        )
    day = _date(as_of, "--as-of") if as_of else None
    log = _read(log_file)
    with progress_bar("Skyddar små tal / Protecting small counts") as advance:
        # Hidden as every view of the log together requires, so no two outputs combine.
        comparison = compare_log(log, by=by, period=period, as_of=day,
                                 progress=_protecting(advance))
    if output_format is IndicatorFormat.json:
        _put_json(comparison_to_data(comparison), output)
        return
    if output_format in _FILE_FORMATS:
        assert output is not None
        with progress_bar("Skriver / Writing"):
            write_followup(comparison, log_file.name, output, output_format.value, lang)
        console.print(f"[green]OK[/green] {output}", soft_wrap=True)
        return
    table = comparison.table.source
    if not console.is_terminal:
        # A file or a pipe has no width of its own; give the table room for every unit.
        console.width = max(console.width, 60 + 11 * (len(table.groups) + 3))
    for name in table.periods:
        grid = Table(title=f"{name} — {log_file.name}", title_justify="left")
        grid.add_column("Indikator" if lang == "sv" else "Indicator", min_width=24)
        for group in (*table.groups, TOTAL):
            grid.add_column(group_name(group, by.value, lang), justify="right", no_wrap=True)
        grid.add_column("Spridning" if lang == "sv" else "Spread", justify="right", no_wrap=True)
        grid.add_column("CV", justify="right", no_wrap=True)
        rows = comparison_rows(comparison, name, lang)
        for index, row in enumerate(rows):
            last_of_section = index + 1 < len(rows) and (
                rows[index + 1].indicator.section != row.indicator.section
            )
            grid.add_row(row.label, *row.cells, row.spread, row.cv, end_section=last_of_section)
        console.print(grid)
    as_of_text = f"Loggen till och med {table.as_of} / log up to {table.as_of}. "
    console.print(as_of_text + LEGEND[lang], style="dim")


class CostFormat(StrEnum):
    table = "table"
    json = "json"


@followup_app.command()
def cost(
    log_file: LogArg,
    case_file: Annotated[Path, typer.Option(
        "--case", help="Typfallet som prissätter vägarna / the case that prices the paths")],
    mapping_file: Annotated[Path | None, typer.Option(
        "--mapping", help="Koppling från loggens vägar till typfallets steg / mapping from the "
        "log's paths to the case's steps (standard: Lucas-formade / default: Lucas-shaped)")
    ] = None,
    period: Annotated[Period, typer.Option(help="month | quarter | year")] = Period.quarter,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Loggens sista dag / the log's last day (YYYY-MM-DD)"),
    ] = None,
    output_format: Annotated[
        CostFormat, typer.Option("--format", "-f", help="table | json")
    ] = CostFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Fil / file")] = None,
    lang: Annotated[str, typer.Option(help="sv | en")] = "sv",
) -> None:
    """Kostnaden för det verkliga flödet per enhet, period och väg / The cost of the real flow
    per unit, period and path."""
    day = _date(as_of, "--as-of") if as_of else None
    case = load_case(case_file)
    if mapping_file is None:
        mapping = default_mapping_for(case)
    else:
        mapping = load_mapping(mapping_file)
        check_against(mapping, case, source=str(mapping_file))
    log = _read(log_file)
    with progress_bar("Skyddar små tal / Protecting small counts") as advance:
        # The whole family's protection: the costs show only what its counts allow.
        views = suppressed_views(log, as_of=day, progress=_protecting(advance))
    found = flow_cost(log, case, mapping, period=period, views=views)
    if output_format is CostFormat.json:
        _put_json(cost_to_data(found), output)
        return
    if not console.is_terminal:
        console.width = max(console.width, 60 + 13 * (len(found.groups) + 1))
    for name in found.periods:
        grid = Table(title=f"{name} — {log_file.name} — {case.name}", title_justify="left")
        grid.add_column("Väg" if lang == "sv" else "Path", min_width=30)
        for group in (*found.groups, TOTAL):
            grid.add_column(group_name(group, "unit", lang), justify="right", no_wrap=True)
        rows = cost_rows(found, name, lang)
        for index, row in enumerate(rows):
            grid.add_row(row.label, *row.cells,
                         end_section=index + 1 < len(rows) and rows[index + 1].path != row.path)
        console.print(grid)
    as_of_text = f"Loggen till och med {found.as_of} / log up to {found.as_of}. "
    console.print(as_of_text + COST_LEGEND[lang] + " " + LEGEND[lang], style="dim")


def _put_json(data: dict[str, Any], output: Path | None) -> None:
    """JSON to the file asked for, or to standard output."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
