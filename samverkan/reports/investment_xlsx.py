"""The investment case as an Excel workbook an economist can change and audit.

The inputs stand on their own sheets — the discount rate, horizon, cases per year and price
year; the price index; the prices used; and per alternative the changed cost of each case, the
investments and the interventions avoided — and every yearly row, the net present value, the
benefit-cost ratio, the return on investment and the payback year are live formulas over them,
with the model's own figure beside each one, as in the report's workbook
(`samverkan.reports.report_xlsx`). Change a price, a share or the rate and every figure follows.

Year 1 is not discounted (the model's convention, `samverkan.model.investment`); a
spreadsheet's NPV discounts its first value, so the workbook adds year 1 outside it. Shortening
the horizon on the input sheet sets the later years' flows to zero; a longer horizon needs a
new workbook (its rows are the years it was made for). Organisation ids are matched with EXACT,
never SUMIF, so that no name or id is read as a pattern.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from samverkan.formats.excel_cells import Formula, append_row
from samverkan.model import Comparison, InvestmentCase, InvestmentLine, PriceList
from samverkan.reports.analysis import Analysis
from samverkan.reports.labels import group_label

__all__ = ["write_investment_xlsx", "LEDGER_COLUMNS", "MODEL_COLUMNS", "SUMMARY_ROWS"]

_KR = '# ##0" kr"'

# The yearly figures' columns (A is the year) and the model's figures beside them: the test
# and anyone reading the workbook find each pair by these.
LEDGER_COLUMNS = {"investment": "B", "case_cost_change": "C", "avoided_cost": "D", "net": "E",
                  "cumulative_net": "F", "discount_factor": "G", "discounted_net": "H",
                  "cumulative_discounted_net": "I", "benefit": "J", "cost": "K"}
MODEL_COLUMNS = {"investment": "M", "case_cost_change": "N", "avoided_cost": "O", "net": "P",
                 "cumulative_net": "Q", "cumulative_discounted_net": "R"}
# The sums under each ledger, in this order: (label key, the Ledger's attribute).
SUMMARY_ROWS = (("npv", "npv"), ("present_benefit", "present_benefit"),
                ("present_cost", "present_cost"), ("bcr", "benefit_cost_ratio"),
                ("roi", "roi"), ("payback", "payback_year"))

_TEXT: dict[str, dict[str, str]] = {
    "sv": {
        "about": "Om", "inputs": "Antaganden", "index": "Prisindex", "prices": "Priser",
        "summary": "Sammanfattning", "alt": "Alt",
        "question": "Lönar sig det nya arbetssättet, för vem och när?",
        "baseline": "Nuvarande arbetssätt", "alternative": "Nytt arbetssätt",
        "compared": "{alternative}, jämfört med {baseline}",
        "outcome": "Antagande om utfallet för barnet", "outcome_source": "Källa för antagandet",
        "rate": "Diskonteringsränta (real, andel)", "years": "Horisont, år",
        "cases": "Ärenden per år", "price_year": "Prisår",
        "input": "Antagande", "value": "Värde", "note": "Förklaring",
        "rate_note": "År 1 diskonteras inte; år t med (1 + r)^(t − 1).",
        "years_note": "En kortare horisont sätter senare års flöden till noll; en längre "
                      "kräver en ny arbetsbok.",
        "cases_note": "Ärenden som hanteras på det nya sättet varje år från år 1.",
        "price_year_note": "Alla priser flyttas till detta år med prisindexet.",
        "year": "År", "index_value": "Index",
        "price_id": "Id", "price_name": "Insats", "unit": "Enhet", "kronor": "Kronor",
        "own_year": "Prisår", "in_year": "Kronor i prisåret (formel)",
        "in_year_model": "Kronor i prisåret (modellen)", "source": "Källa",
        "illustrative": "ILLUSTRATIV PRISLISTA – INTE EN KÄLLA. Byt mot kommunens egna priser "
                        "eller SKR:s Insatskostnader innan siffrorna används.",
        "index_illustrative": "ILLUSTRATIVT PRISINDEX – INTE EN OFFICIELL SERIE.",
        "per_case": "Ändrad kostnad per ärende (nytt − nuvarande)", "id": "Id",
        "kronor_per_case": "Kronor per ärende",
        "investments": "Investeringar", "investment": "Investering", "org": "Organisation",
        "from": "Från år", "to": "Till år", "per_year": "Kronor per år", "how": "Hur",
        "avoided": "Senare insatser som undviks", "intervention": "Insats",
        "share_low": "Andel låg", "share_likely": "Andel troligast", "share_high": "Andel hög",
        "units": "Enheter per ärende och år", "after": "År efter ärendet", "for": "Antal år",
        "unit_kronor": "Kronor per enhet (formel)", "kronor_year": "Kronor år {year}",
        "organisation": "organisation", "group": "grupp", "total": "totalt",
        "total_label": "Totalt (summa av grupperna)",
        "case_cost_change": "Ändrad ärendekostnad", "avoided_cost": "Undvikt kostnad",
        "net": "Netto", "cumulative_net": "Kumulativt netto",
        "discount_factor": "Diskonteringsfaktor", "discounted_net": "Diskonterat netto",
        "cumulative_discounted_net": "Kumulativt diskonterat netto", "benefit": "Nytta",
        "cost": "Kostnad", "stays": "Ligger kvar ≥ 0 härifrån",
        "model": "{label} (modellen)",
        "npv": "Nettonuvärde", "present_benefit": "Nuvärde av nyttan",
        "present_cost": "Nuvärde av kostnaden", "bcr": "Nytta-kostnadskvot",
        "roi": "Avkastning (ROI)", "payback": "Återbetalningsår",
        "formula": "Formel", "model_value": "Modellen",
        "never": "ingen", "none": "–",
        "p10": "Nettonuvärde P10", "p90": "Nettonuvärde P90",
        "positive": "Chans till positivt nettonuvärde",
        "method": "Metod",
        "method_text": "Netto = undvikt kostnad − investering − ändrad ärendekostnad. Grupper "
                       "= medelvärdet av sina organisationer; totalt = summan av grupperna. "
                       "Återbetalningsår = första året från vilket det kumulativa diskonterade "
                       "nettot ligger kvar på noll eller mer till horisonten. P10–P90 och "
                       "chansen är modellens (Monte Carlo) och räknas inte om här.",
    },
    "en": {
        "about": "About", "inputs": "Inputs", "index": "Price index", "prices": "Prices",
        "summary": "Summary", "alt": "Alt",
        "question": "Does the new way of working pay, for whom and when?",
        "baseline": "Current way of working", "alternative": "New way of working",
        "compared": "{alternative}, compared with {baseline}",
        "outcome": "Assumption about the outcome for the child",
        "outcome_source": "Source of the assumption",
        "rate": "Discount rate (real, share)", "years": "Horizon, years",
        "cases": "Cases per year", "price_year": "Price year",
        "input": "Input", "value": "Value", "note": "Note",
        "rate_note": "Year 1 is not discounted; year t by (1 + r)^(t − 1).",
        "years_note": "A shorter horizon sets later years' flows to zero; a longer one needs "
                      "a new workbook.",
        "cases_note": "Cases handled the new way every year from year 1.",
        "price_year_note": "Every price is moved to this year by the price index.",
        "year": "Year", "index_value": "Index",
        "price_id": "Id", "price_name": "Intervention", "unit": "Unit", "kronor": "Kronor",
        "own_year": "Price year", "in_year": "Kronor in the price year (formula)",
        "in_year_model": "Kronor in the price year (model)", "source": "Source",
        "illustrative": "ILLUSTRATIVE PRICE LIST – NOT A SOURCE. Replace with the "
                        "municipality's own prices or SKR's Insatskostnader before use.",
        "index_illustrative": "ILLUSTRATIVE PRICE INDEX – NOT AN OFFICIAL SERIES.",
        "per_case": "Changed cost of each case (new − current)", "id": "Id",
        "kronor_per_case": "Kronor per case",
        "investments": "Investments", "investment": "Investment", "org": "Organisation",
        "from": "From year", "to": "To year", "per_year": "Kronor a year", "how": "How",
        "avoided": "Later interventions avoided", "intervention": "Intervention",
        "share_low": "Share low", "share_likely": "Share most likely", "share_high": "Share high",
        "units": "Units per case and year", "after": "Years after the case",
        "for": "Number of years", "unit_kronor": "Kronor per unit (formula)",
        "kronor_year": "Kronor year {year}",
        "organisation": "organisation", "group": "group", "total": "total",
        "total_label": "Total (sum of the groups)",
        "case_cost_change": "Case cost change", "avoided_cost": "Avoided cost",
        "net": "Net", "cumulative_net": "Cumulative net",
        "discount_factor": "Discount factor", "discounted_net": "Discounted net",
        "cumulative_discounted_net": "Cumulative discounted net", "benefit": "Benefit",
        "cost": "Cost", "stays": "Stays ≥ 0 from here",
        "model": "{label} (model)",
        "npv": "Net present value", "present_benefit": "Present benefit",
        "present_cost": "Present cost", "bcr": "Benefit-cost ratio",
        "roi": "Return on investment (ROI)", "payback": "Payback year",
        "formula": "Formula", "model_value": "Model",
        "never": "none", "none": "–",
        "p10": "Net present value P10", "p90": "Net present value P90",
        "positive": "Chance of a positive net present value",
        "method": "Method",
        "method_text": "Net = avoided cost − investment − case cost change. Groups = the mean "
                       "of their organisations; total = the sum of the groups. Payback year = "
                       "the first year from which the cumulative discounted net stays at zero "
                       "or above to the horizon. P10–P90 and the chance are the model's (Monte "
                       "Carlo) and are not recomputed here.",
    },
}

# Cells of the input sheet the formulas refer to.
_RATE, _YEARS, _CASES, _PRICE_YEAR = "$B$2", "$B$3", "$B$4", "$B$5"


def _sheet(workbook: Workbook, title: str) -> Worksheet:
    sheet: Worksheet = workbook.create_sheet(title)
    sheet.column_dimensions["A"].width = 34
    for index in range(2, 40):
        sheet.column_dimensions[get_column_letter(index)].width = 16
    return sheet


def _bold_row(sheet: Worksheet, values: Sequence[Any]) -> None:
    append_row(sheet, values)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def _kronor_format(sheet: Worksheet, row: int, columns: Sequence[int]) -> None:
    for column in columns:
        sheet.cell(row=row, column=column).number_format = _KR


def _how(line: InvestmentLine, roles: dict[str, str], lang: str) -> str:
    """How an investment's kronor come about, in words: the model computed them."""
    item = line.investment
    if item.kronor is not None:
        return ""
    role = roles.get(item.role or "", item.role or "")
    if item.fte is not None:
        return (f"{item.people:g} × {item.fte:g} heltid {role}" if lang == "sv" else
                f"{item.people:g} × {item.fte:g} full time {role}")
    return (f"{item.people:g} × {item.days:g} dagar {role}" if lang == "sv" else
            f"{item.people:g} × {item.days:g} days {role}")


def _model(value: float | int | None, text: dict[str, str]) -> float | int | str:
    return text["none"] if value is None else value


class _Writer:
    def __init__(self, analysis: Analysis, lang: str) -> None:
        self.analysis = analysis
        self.lang = lang
        self.t = _TEXT[lang]
        self.names = analysis.organisation_names
        # Role names as the alternatives call them (an investment names its role by id).
        self.roles = {r.id: r.name for c in (analysis.case, *analysis.alternative_cases)
                      for r in c.roles}
        self.workbook = Workbook()
        self.inputs_sheet = self.t["inputs"]
        self.prices_sheet = self.t["prices"]
        self.index_sheet = self.t["index"]

    def ref(self, sheet: str, cell: str) -> str:
        return f"'{sheet}'!{cell}"

    def write(self, path: Path) -> None:
        analysis, t = self.analysis, self.t
        investments = analysis.investments
        about = self.workbook.active
        assert about is not None
        about.title = t["about"]
        about.column_dimensions["A"].width = 36
        about.column_dimensions["B"].width = 100
        _bold_row(about, [t["question"]])
        append_row(about, [t["baseline"], analysis.case.name])
        for number, item in enumerate(investments, start=1):
            append_row(about, [f"{t['alt']} {number}", item.case.alternative])
            append_row(about, [t["outcome"], item.case.outcome.assumption])
            append_row(about, [t["outcome_source"], item.case.outcome.source])
        prices = analysis.prices
        if prices is not None and prices.illustrative:
            append_row(about, [t["prices"], t["illustrative"]])
        if prices is not None and prices.index_illustrative:
            append_row(about, [t["index"], t["index_illustrative"]])
        append_row(about, [t["method"], t["method_text"]])

        price_year = next((i.case.price_year for i in investments
                           if i.case.price_year is not None), None)
        inputs = _sheet(self.workbook, self.inputs_sheet)
        inputs.column_dimensions["C"].width = 70
        _bold_row(inputs, [t["input"], t["value"], t["note"]])
        append_row(inputs, [t["rate"], analysis.discount_rate, t["rate_note"]])
        append_row(inputs, [t["years"], analysis.years, t["years_note"]])
        append_row(inputs, [t["cases"], analysis.cases_per_year, t["cases_note"]])
        append_row(inputs, [t["price_year"], price_year, t["price_year_note"]])
        inputs["B2"].number_format = "0.0%"

        index = _sheet(self.workbook, self.index_sheet)
        _bold_row(index, [t["year"], t["index_value"]])
        for year, value in sorted((prices.index if prices is not None else {}).items()):
            append_row(index, [year, value])
        self.index_last = max(index.max_row, 2)
        self.write_prices(investments, prices)
        summary = _sheet(self.workbook, t["summary"])
        _bold_row(summary, [t["alternative"], t["npv"], t["bcr"], t["roi"], t["payback"],
                            t["p10"], t["p90"], t["positive"], t["outcome"]])
        for number, item in enumerate(investments, start=1):
            title = f"{t['alt']} {number}"
            cells = self.write_alternative(title, item.case, item.comparison.comparison)
            bands = item.bands
            append_row(summary, [item.case.alternative, *[Formula(f"={self.ref(title, c)}")
                                                          for c in cells],
                                 bands.npv.p10, bands.npv.p90, bands.probability_positive,
                                 item.case.outcome.assumption])
            row = summary.max_row
            _kronor_format(summary, row, (2, 6, 7))
            summary.cell(row=row, column=4).number_format = "0%"
            summary.cell(row=row, column=8).number_format = "0%"
        summary.column_dimensions["I"].width = 60
        self.workbook.save(path)

    def write_prices(self, investments: Sequence[Any], prices: PriceList | None) -> None:
        t = self.t
        sheet = _sheet(self.workbook, self.prices_sheet)
        _bold_row(sheet, [t["price_id"], t["price_name"], t["unit"], t["kronor"], t["own_year"],
                          t["in_year"], t["in_year_model"], t["source"]])
        years = f"{self.ref(self.index_sheet, '$A$2')}:$A${self.index_last}"
        values = f"{self.ref(self.index_sheet, '$B$2')}:$B${self.index_last}"
        target = self.ref(self.inputs_sheet, _PRICE_YEAR)
        seen: set[str] = set()
        for item in investments:
            for line in item.case.avoided:
                if line.avoided.intervention in seen:
                    continue
                seen.add(line.avoided.intervention)
                r = sheet.max_row + 1
                # The index is looked up by year with SUMPRODUCT, as the model's own division
                # index[price year] / index[the price's year]; the same year needs no index.
                moved = (f"=IF(E{r}={target},D{r},D{r}*SUMPRODUCT(({years}={target})*{values})"
                         f"/SUMPRODUCT(({years}=E{r})*{values}))")
                append_row(sheet, [line.avoided.intervention, line.name, line.unit,
                                   line.price_kronor, line.price_year, Formula(moved),
                                   line.unit_kronor, line.source])
                _kronor_format(sheet, r, (4, 6, 7))
        if prices is not None and prices.illustrative:
            append_row(sheet, [])
            append_row(sheet, [t["illustrative"]])
        self.prices_last = max(len(seen) + 1, 2)

    def write_alternative(self, title: str, case: InvestmentCase,
                          comparison: Comparison) -> list[str]:
        """One alternative's inputs and ledgers; returns the total's summary cells."""
        t, names = self.t, self.names
        sheet = _sheet(self.workbook, title)
        rate = self.ref(self.inputs_sheet, _RATE)
        horizon = self.ref(self.inputs_sheet, _YEARS)
        cases = self.ref(self.inputs_sheet, _CASES)
        years = case.years
        _bold_row(sheet, [t["compared"].format(alternative=case.alternative,
                                               baseline=case.baseline)])
        append_row(sheet, [t["outcome"], case.outcome.assumption])
        append_row(sheet, [t["outcome_source"], case.outcome.source])
        append_row(sheet, [])

        # The changed cost of each case, per organisation and group: the comparison's.
        _bold_row(sheet, [t["per_case"], t["id"], t["kronor_per_case"]])
        per_case: dict[str, str] = {}
        for org_id in case.organisations:
            change = comparison.by_organisation.get(org_id)
            append_row(sheet, [names.get(org_id, org_id), org_id,
                               change.cost if change else 0.0])
            per_case[org_id] = f"$C${sheet.max_row}"
            _kronor_format(sheet, sheet.max_row, (3,))
        for group in case.groups:
            change = comparison.by_group.get(group)
            append_row(sheet, [group_label(group, self.lang), group,
                               change.cost if change else 0.0])
            per_case["group:" + group] = f"$C${sheet.max_row}"
            _kronor_format(sheet, sheet.max_row, (3,))
        append_row(sheet, [])

        # Investments: one row each, its kronor in every year of the horizon.
        year_columns = list(range(9, 9 + years))  # I onwards
        _bold_row(sheet, [t["investments"], t["org"], t["id"], t["from"], t["to"],
                          t["per_year"], t["how"], t["source"], *range(1, years + 1)])
        header = sheet.max_row
        first_investment = header + 1
        for line in case.investments:
            r = sheet.max_row + 1
            item = line.investment
            row: list[Any] = [item.name, names.get(item.org, item.org), item.org, item.from_year,
                              item.to_year, line.kronor_per_year, _how(line, self.roles, self.lang),
                              item.source]
            for column in year_columns:
                y = f"{get_column_letter(column)}${header}"
                row.append(Formula(f"=IF(AND({y}>=$D{r},{y}<=$E{r},{y}<={horizon}),$F{r},0)"))
            append_row(sheet, row)
            _kronor_format(sheet, r, (6, *year_columns))
        investment_rows = (first_investment, sheet.max_row)
        append_row(sheet, [])

        # Avoided interventions: one row each, its kronor in every year of the horizon.
        avoided_columns = list(range(14, 14 + years))  # N onwards
        _bold_row(sheet, [t["avoided"], t["intervention"], t["org"], t["id"], t["share_low"],
                          t["share_likely"], t["share_high"], t["units"], t["after"], t["for"],
                          t["unit_kronor"], t["source"], "", *range(1, years + 1)])
        header = sheet.max_row
        first_avoided = header + 1
        price_ids = f"{self.ref(self.prices_sheet, '$A$2')}:$A${self.prices_last}"
        price_values = f"{self.ref(self.prices_sheet, '$F$2')}:$F${self.prices_last}"
        for avoided_line in case.avoided:
            r = sheet.max_row + 1
            entry = avoided_line.avoided
            share = entry.cases_share
            unit_price = Formula(f"=SUMPRODUCT(EXACT({price_ids},$B{r})*{price_values})")
            row = [avoided_line.name, entry.intervention, names.get(entry.org, entry.org),
                   entry.org, share.low, share.likely, share.high, entry.units,
                   entry.years_after, entry.for_years, unit_price, entry.source, ""]
            for column in avoided_columns:
                y = f"{get_column_letter(column)}${header}"
                # Cohorts counting in year y: cases of years c with c + after ≤ y < c + after
                # + for, c from 1 to y (`samverkan.model.investment.avoided_years`).
                cohorts = f"MAX(0,{y}-$I{r}-MAX(1,{y}-$I{r}-$J{r}+1)+1)"
                row.append(Formula(f"=IF({y}>{horizon},0,{cases}*$F{r}*$H{r}*$K{r}*{cohorts})"))
            append_row(sheet, row)
            _kronor_format(sheet, r, (11, *avoided_columns))
        avoided_rows = (first_avoided, sheet.max_row)
        append_row(sheet, [])

        def summed(rows: tuple[int, int], columns: list[int], org_cell: str, t_index: int,
                   id_column: str) -> str:
            if rows[1] < rows[0]:
                return "0"
            column = get_column_letter(columns[t_index])
            return (f"SUMPRODUCT(EXACT(${id_column}${rows[0]}:${id_column}${rows[1]},{org_cell})"
                    f"*{column}${rows[0]}:{column}${rows[1]})")

        flow_rows: dict[str, int] = {}  # each ledger's first year row

        def ledger(label: str, key: str, kind: str, flows: Any, model: Any) -> None:
            _bold_row(sheet, [label, key, t[kind]])
            key = f"{kind}:{key}"  # an organisation and a group may share an id
            title_row = sheet.max_row
            _bold_row(sheet, [t["year"], t["investment"], t["case_cost_change"],
                              t["avoided_cost"], t["net"], t["cumulative_net"],
                              t["discount_factor"], t["discounted_net"],
                              t["cumulative_discounted_net"], t["benefit"], t["cost"],
                              t["stays"],
                              *[t["model"].format(label=t[k]) for k in MODEL_COLUMNS]])
            first = title_row + 2
            last = first + years - 1
            flow_rows[key] = first
            for index, year in enumerate(model.years):
                r = first + index
                investment, change, avoided = flows(r, index, f"$B${title_row}")
                previous_f = f"F{r - 1}+" if index else ""
                previous_i = f"I{r - 1}+" if index else ""
                stays = (f"=IF(I{r}>=0,1,0)" if r == last else
                         f"=IF(AND(I{r}>=0,L{r + 1}=1),1,0)")
                append_row(sheet, [
                    year.year, Formula(f"={investment}"), Formula(f"={change}"),
                    Formula(f"={avoided}"), Formula(f"=D{r}-B{r}-C{r}"),
                    Formula(f"={previous_f}E{r}"), Formula(f"=1/(1+{rate})^(A{r}-1)"),
                    Formula(f"=E{r}*G{r}"), Formula(f"={previous_i}H{r}"),
                    Formula(f"=MAX(-C{r},0)+MAX(D{r},0)"),
                    Formula(f"=B{r}+MAX(C{r},0)+MAX(-D{r},0)"), Formula(stays),
                    *[getattr(year, k) for k in MODEL_COLUMNS],
                ])
                _kronor_format(sheet, r, (2, 3, 4, 5, 6, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18))
                sheet.cell(row=r, column=7).number_format = "0.0000"
            rest = f"E{first + 1}:E{last}"
            npv = f"=E{first}+NPV({rate},{rest})" if years > 1 else f"=E{first}"
            formulas = {
                "npv": npv,
                "present_benefit": f"=SUMPRODUCT(J{first}:J{last},G{first}:G{last})",
                "present_cost": f"=SUMPRODUCT(K{first}:K{last},G{first}:G{last})",
            }
            _bold_row(sheet, ["", t["formula"], t["model_value"]])
            top = sheet.max_row + 1
            npv_row, benefit_row, cost_row = top, top + 1, top + 2
            formulas["bcr"] = f'=IF(B{cost_row}=0,"{t["none"]}",B{benefit_row}/B{cost_row})'
            formulas["roi"] = f'=IF(B{cost_row}=0,"{t["none"]}",B{npv_row}/B{cost_row})'
            formulas["payback"] = (f'=IFERROR(INDEX(A{first}:A{last},MATCH(1,L{first}:L{last},0))'
                                   f',"{t["never"]}")')
            for name, attribute in SUMMARY_ROWS:
                append_row(sheet, [t[name], Formula(formulas[name]),
                                   _model(getattr(model, attribute), t)])
                r = sheet.max_row
                if name in ("npv", "present_benefit", "present_cost"):
                    _kronor_format(sheet, r, (2, 3))
                elif name == "roi":
                    for column in (2, 3):
                        sheet.cell(row=r, column=column).number_format = "0%"
                elif name == "bcr":
                    for column in (2, 3):
                        sheet.cell(row=r, column=column).number_format = "0.00"
            self.total_cells = [f"B{npv_row}", f"B{npv_row + 3}", f"B{npv_row + 4}",
                                f"B{npv_row + 5}"]
            append_row(sheet, [])

        def org_flows(org_id: str) -> Any:
            def flows(r: int, index: int, org_cell: str) -> tuple[str, str, str]:
                return (summed(investment_rows, year_columns, org_cell, index, "C"),
                        f"IF(A{r}>{horizon},0,{per_case[org_id]}*{cases})",
                        summed(avoided_rows, avoided_columns, org_cell, index, "D"))
            return flows

        for org_id, led in case.organisations.items():
            ledger(names.get(org_id, org_id), org_id, "organisation", org_flows(org_id), led)

        def group_flows(group: str) -> Any:
            members = case.group_members.get(group, ())

            def mean(column: str, r_index: int) -> str:
                if not members:
                    return "0"
                cells = ",".join(f"{column}{flow_rows['organisation:' + o] + r_index}"
                                 for o in members)
                return f"AVERAGE({cells})"

            def flows(r: int, index: int, _cell: str) -> tuple[str, str, str]:
                return (mean("B", index),
                        f"IF(A{r}>{horizon},0,{per_case['group:' + group]}*{cases})",
                        mean("D", index))
            return flows

        for group, led in case.groups.items():
            ledger(group_label(group, self.lang), group, "group", group_flows(group), led)

        def total_flows(r: int, index: int, _cell: str) -> tuple[str, ...]:
            def summed_groups(column: str) -> str:
                cells = ",".join(f"{column}{flow_rows['group:' + g] + index}"
                                 for g in case.groups)
                return f"SUM({cells})" if cells else "0"
            return summed_groups("B"), summed_groups("C"), summed_groups("D")

        ledger(t["total_label"], "", "total", total_flows, case.total)
        sheet.freeze_panes = "B1"
        return self.total_cells


def write_investment_xlsx(analysis: Analysis, path: Path, lang: str = "sv") -> None:
    """The investment case of every alternative of `analysis` as a workbook of live formulas."""
    _Writer(analysis, lang).write(path)
