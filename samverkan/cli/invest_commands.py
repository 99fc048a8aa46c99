"""`samverkan invest`: does a way of working pay, for whom, and when? The investment case of
one or more alternatives against the baseline, as tables or JSON, or written to a file as the
workbook of live formulas or the report (HTML, PDF)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from samverkan.cli import app, progress_bar
from samverkan.cli.case_commands import PerYearOpt, print_json
from samverkan.errors import OptionError
from samverkan.formats.case_io import load_case
from samverkan.formats.investment_options import (
    parse_discount_rate,
    parse_price_year,
    parse_years,
)
from samverkan.formats.price_list import default_price_list, read_price_list
from samverkan.model import DEFAULT_DISCOUNT_RATE, DEFAULT_YEARS, Band, Ledger, PriceList
from samverkan.reports.analysis import DRAWS, SEED, Analysis, InvestmentAnalysis, analyse
from samverkan.reports.files import write_investment
from samverkan.reports.investment_data import investment_to_data
from samverkan.reports.labels import group_label, kronor, number, percent

console = Console()


class Language(StrEnum):
    sv = "sv"
    en = "en"


class InvestFormat(StrEnum):
    """What `invest` writes: the workbook and the HTML and PDF report go to a file
    (`--output`)."""

    table = "table"
    json = "json"
    xlsx = "xlsx"
    html = "html"
    pdf = "pdf"


_FILE_FORMATS = (InvestFormat.xlsx, InvestFormat.html, InvestFormat.pdf)


@app.command()
def invest(
    baseline: Annotated[Path, typer.Argument(help="Nuvarande arbetssätt / baseline case")],
    alternatives: Annotated[list[Path], typer.Argument(
        help="Ett eller flera alternativa arbetssätt med economics / one or more alternatives "
             "with an economics section")],
    years: Annotated[int, typer.Option(
        "--years", parser=parse_years, metavar="ÅR",
        help=f"Antal år / horizon in years (1–50; {DEFAULT_YEARS})")] = DEFAULT_YEARS,
    discount: Annotated[float, typer.Option(
        "--discount", parser=parse_discount_rate, metavar="RÄNTA",
        help="Real diskonteringsränta, andel eller procent / real discount rate, share or "
             "percent (0.035 = 3,5 %)")] = DEFAULT_DISCOUNT_RATE,
    prices: Annotated[Path | None, typer.Option(
        "--prices", help="Prislista över insatser, .csv eller .xlsx (utelämnad: den "
                         "illustrativa exempellistan) / price list of interventions (left "
                         "out: the illustrative example)")] = None,
    price_year: Annotated[int | None, typer.Option(
        "--price-year", parser=parse_price_year, metavar="ÅR",
        help="Prisår som priserna räknas om till (utelämnat: prislistans senaste) / price year "
             "(left out: the price list's latest)")] = None,
    cases_per_year: PerYearOpt = None,
    output: Annotated[InvestFormat, typer.Option(
        "--format", "-f", help="Utdata / output: table | json | xlsx | html | pdf "
                               "(arbetsbok, rapport / workbook, report)")] = InvestFormat.table,
    file: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Fil för xlsx, html och pdf / file for xlsx, html and pdf")] = None,
    lang: Annotated[Language, typer.Option(
        help="Språk i arbetsbok och rapport / language of workbook and report: sv | en")
    ] = Language.sv,
    draws: Annotated[int, typer.Option(min=1, help="Antal dragningar / draws")] = DRAWS,
    seed: Annotated[int, typer.Option(help="Slumpfrö / random seed")] = SEED,
) -> None:
    """Investeringskalkyl: lönar sig arbetssättet, för vem och när? / The investment case:
    does the way of working pay, for whom, and when?"""
    if output in _FILE_FORMATS and file is None:
        raise OptionError.single(f"ange en fil med --output för {output.value}",
                                 f"give a file with --output for {output.value}")
    case = load_case(baseline)
    others = [load_case(path) for path in alternatives]
    price_list = read_price_list(prices) if prices is not None else default_price_list()
    analysis = analyse(case, others, cases_per_year=cases_per_year, draws=draws, seed=seed,
                       years=years, discount_rate=discount, prices=price_list,
                       price_year=price_year)
    if not analysis.cases_per_year:
        raise OptionError.single(
            "investeringskalkylen behöver ärenden per år: ange --cases-per-year ANTAL (eller "
            "cases_per_year i det nuvarande typfallet)",
            "the investment case needs cases per year: give --cases-per-year NUMBER (or "
            "cases_per_year in the baseline case file)")
    with progress_bar("Räknar / Computing"):
        investments = analysis.investments
    if output is InvestFormat.json:
        print_json(investment_to_data(analysis))
        return
    if output in _FILE_FORMATS:
        assert file is not None
        with progress_bar("Skriver / Writing"):
            write_investment(analysis, file, output.value, lang.value)
        console.print(f"[green]OK[/green] {file}", soft_wrap=True)
        return
    for investment in investments:
        _print_investment(analysis, investment)
    _print_assumptions(analysis, price_list)


def _ratio(value: float | None, lang: str = "sv") -> str:
    return "–" if value is None else number(value, lang, decimals=2)


def _payback(year: int | None) -> str:
    return "inte inom horisonten / not within the horizon" if year is None else str(year)


def _band(band: Band) -> str:
    return f"{kronor(band.p10)} – {kronor(band.p90)}"


def _year_table(title: str, led: Ledger) -> Table:
    # Without borders between columns, so that seven columns of kronor fit 80 characters.
    table = Table(title=f"{title} (kr)", title_justify="left", box=box.SIMPLE_HEAD,
                  pad_edge=False)
    table.add_column("År\nyear", justify="right", no_wrap=True)
    for header in ("Investering\ninvestment", "Ärenden\ncases", "Undvikt\navoided",
                   "Netto\nnet", "Ackumulerat\ncumulative", "Diskonterat\ndiscounted"):
        table.add_column(header, justify="right", no_wrap=True)
    for y in led.years:
        table.add_row(str(y.year), number(y.investment), number(y.case_cost_change),
                      number(y.avoided_cost), number(y.net), number(y.cumulative_net),
                      number(y.cumulative_discounted_net))
    table.caption = (
        "Ärenden: ändrad kostnad för årets ärenden (+ kostar mer); undvikt: senare insatser som "
        "inte behövs; netto = undvikt − investering − ärenden; diskonterat: ackumulerat "
        "diskonterat netto / cases: change in the year's cases' cost (+ costs more); avoided: "
        "later interventions not needed; net = avoided − investment − cases; discounted: "
        "cumulative discounted net")
    table.caption_justify = "left"
    return table


def _print_investment(analysis: Analysis, investment: InvestmentAnalysis) -> None:
    case, bands = investment.case, investment.bands
    names = analysis.organisation_names
    console.print()
    console.print(f"[bold]{case.alternative}[/bold] jämfört med / compared with "
                  f"[bold]{case.baseline}[/bold]", highlight=False)
    for warning in investment.comparison.comparison.warnings:
        console.print(f"[yellow]Varning: {warning.sv}\nWarning: {warning.en}[/yellow]")
    outcome = case.outcome
    console.print(
        f"Villkor för vinsten – antagande om utfallet för barnet / condition of the gain – "
        f"assumed outcome for the child: {outcome.assumption}"
        + (f" (källa / source: {outcome.source})" if outcome.source else ""),
        markup=False, highlight=False)

    summary = Table(title=f"Investeringskalkyl över {case.years} år / investment case over "
                          f"{case.years} years", title_justify="left")
    summary.add_column("")
    summary.add_column("Värde / value", justify="right")
    summary.add_row("Nettonuvärde / net present value (NPV)", kronor(case.npv))
    summary.add_row("NPV P10–P90", _band(bands.npv))
    summary.add_row("Chans att NPV > 0 / chance NPV > 0",
                    percent(bands.probability_positive))
    summary.add_row("Nyttokostnadskvot / benefit-cost ratio", _ratio(case.benefit_cost_ratio))
    summary.add_row("Avkastning / ROI",
                    "–" if case.roi is None else percent(case.roi, decimals=1))
    summary.add_row("Återbetalningsår / payback year", _payback(case.payback_year))
    summary.add_row("Nuvärde av nyttor / present benefits", kronor(case.total.present_benefit))
    summary.add_row("Nuvärde av kostnader / present costs", kronor(case.total.present_cost))
    console.print(summary)
    console.print(f"Villkor / condition: {outcome.assumption}", markup=False, highlight=False)

    console.print(_year_table("Totalt per år / total per year", case.total))
    for group, led in case.groups.items():
        members = case.group_members.get(group, ())
        note = (" (genomsnitt av / mean of " + ", ".join(names.get(m, m) for m in members) + ")"
                if len(members) > 1 else "")
        console.print(_year_table(
            f"{group_label(group)} / {group_label(group, 'en')} per år / per year{note}", led))

    flows = Table(title="Vem investerar, vem vinner: netto per år / who invests, who "
                        "benefits: net per year (kr)", title_justify="left")
    flows.add_column("År\nyear", justify="right", no_wrap=True)
    for org_id in case.organisations:
        flows.add_column(names.get(org_id, org_id), justify="right", no_wrap=True)
    flows.add_column("Totalt\ntotal", justify="right", no_wrap=True)
    for t, total in enumerate(case.total.years):
        flows.add_row(str(total.year),
                      *(number(led.years[t].net) for led in case.organisations.values()),
                      number(total.net))
    console.print(flows)

    parts = Table(title="Per organisation och grupp över hela horisonten / per organisation "
                        "and group over the horizon (kr)", title_justify="left",
                  box=box.SIMPLE_HEAD, pad_edge=False)
    parts.add_column("", min_width=12, max_width=16)
    for header in ("NPV", "P10", "P90", "Nytta/kostn.\nbenefit/cost", "Återbetalt\npayback"):
        parts.add_column(header, justify="right", no_wrap=True, min_width=9)
    for org_id, led in case.organisations.items():
        band = bands.organisations.get(org_id)
        parts.add_row(names.get(org_id, org_id), number(led.npv),
                      number(band.p10) if band else "", number(band.p90) if band else "",
                      _ratio(led.benefit_cost_ratio),
                      "–" if led.payback_year is None else str(led.payback_year))
    for group, led in case.groups.items():
        band = bands.groups.get(group)
        parts.add_row(group_label(group), number(led.npv),
                      number(band.p10) if band else "", number(band.p90) if band else "",
                      _ratio(led.benefit_cost_ratio),
                      "–" if led.payback_year is None else str(led.payback_year))
    console.print(parts)
    investors = ", ".join(names.get(o, o) for o in case.investors) or "–"
    beneficiaries = ", ".join(names.get(o, o) for o in case.beneficiaries) or "–"
    console.print(f"Investerar (negativt NPV) / invests (negative NPV): {investors}\n"
                  f"Vinner (positivt NPV) / benefits (positive NPV): {beneficiaries}",
                  markup=False, highlight=False)


def _print_assumptions(analysis: Analysis, prices: PriceList) -> None:
    investments = analysis.investments
    price_year = next((i.case.price_year for i in investments if i.case.price_year), None)
    rate_sv = percent(analysis.discount_rate, decimals=1)
    rate_en = percent(analysis.discount_rate, "en", decimals=1)
    lines = [
        f"Diskonteringsränta / discount rate: {rate_sv} real / {rate_en} real; år 1 "
        "diskonteras inte / year 1 is not discounted",
        f"Ärenden per år / cases per year: {number(analysis.cases_per_year)}; horisont / "
        f"horizon: {analysis.years} år / years",
        f"Osäkerhet / uncertainty: {analysis.draws} dragningar / draws, frö / seed "
        f"{analysis.seed}, {analysis.distribution}",
    ]
    if any(i.case.avoided for i in investments):
        lines.append(f"Prisår / price year: {price_year}; prislista / price list: {prices.name}"
                     + (" – ILLUSTRATIV, INTE EN KÄLLA / ILLUSTRATIVE, NOT A SOURCE"
                        if prices.illustrative else ""))
        lines.append(f"Prisindex / price index: {prices.index_name}"
                     + (" – illustrativt / illustrative" if prices.index_illustrative else ""))
    for line in lines:
        console.print(line, markup=False, highlight=False)
