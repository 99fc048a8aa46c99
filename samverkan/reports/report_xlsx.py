"""The report as an Excel workbook for an economist to audit: the inputs and every table.

Costs in the participant sheet are Excel formulas over the role sheet (minutes × people × the
role's kronor per minute), next to the model's own figure, so the arithmetic can be followed
and checked cell by cell; the summary sheets hold the model's figures with a formula column that
recomputes each one from the participant sheet.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from samverkan.formats.excel_cells import Formula, append_row
from samverkan.model import minute_cost, participant_minutes
from samverkan.reports.labels import group_label, not_counted_notes
from samverkan.reports.report import Report
from samverkan.reports.side_by_side import side_by_side

__all__ = ["write_report_xlsx"]

_KR = '# ##0" kr"'
_APART = ("{group}, var för sig (som om varje ärende gick genom just den organisationen; "
          "summeras inte till totalen)")
_SHARE = "0.0%"
_CASES_PER_YEAR_ROW = 8  # on the sheet "Om": the per-year formulas multiply by it


def _alternatives_sheet(workbook: Workbook, report: Report, baseline_cells: dict[tuple[str, str],
                        str], cases_cell: str) -> None:
    """Every alternative side by side: the baseline's cost as a formula over the sheets above,
    each alternative's cost (the model's figure), and the change, gain and figures per year as
    formulas an economist can follow and change."""
    sides = side_by_side(report.analysis)
    per_year = bool(sides.cases_per_year)
    header = ["", "Nu"]
    for name in sides.alternatives:
        header += [f"{name}: kostnad", f"{name}: ändring"]
        header += [f"{name}: ändring per år"] if per_year else []
    sheet = _sheet(workbook, "Arbetssätt", header)
    width = 3 if per_year else 2
    row = 2
    total_row = 0
    share_row = 0

    def add(label: str, baseline: str | None, alternatives: list[float], yearly: bool) -> None:
        nonlocal row
        cells: list[object] = [label, Formula(f"={baseline}") if baseline else 0.0]
        for i, cost in enumerate(alternatives):
            cost_col = get_column_letter(3 + i * width)
            cells += [cost, Formula(f"={cost_col}{row}-B{row}")]
            if per_year:
                change_col = get_column_letter(4 + i * width)
                cells.append(Formula(f"={change_col}{row}*{cases_cell}") if yearly else None)
        append_row(sheet, cells)
        row += 1

    for r in sides.rows:
        if r.kind == "total":
            total_row = row
        add(r.name, baseline_cells.get((r.kind, r.key)), [d.alternative.cost for d in r.changes],
            r.kind != "organisation")
    gain: list[object] = ["Samverkansvinst (nu − alternativ)", None]
    for i in range(len(sides.alternatives)):
        cost_col = get_column_letter(3 + i * width)
        gain += [None, Formula(f"=B{total_row}-{cost_col}{total_row}")]
        if per_year:
            gain.append(Formula(f"={get_column_letter(4 + i * width)}{row}*{cases_cell}"))
    append_row(sheet, gain)
    row += 1
    # The model's own gain beside the formula's, as the other sheets put them side by side.
    model_gain: list[object] = ["Samverkansvinst, modellens siffra", None]
    for value, yearly in zip(sides.gains, sides.annual_gains, strict=True):
        model_gain += [None, value, *([yearly] if per_year else [])]
    append_row(sheet, model_gain)
    row += 1
    if sides.uncertain:
        for label, values in (
            ("Samverkansvinst P10", [b.p10 if b else None for b in sides.gain_bands]),
            ("Samverkansvinst P90", [b.p90 if b else None for b in sides.gain_bands]),
        ):
            append_row(sheet, [label, None, *[c for v in values
                                             for c in (None, v, *([None] * (width - 2)))]])
            row += 1
        append_row(sheet, ["Chans att alternativet kostar mindre", None,
                           *[c for v in sides.probabilities
                             for c in (None, v, *([None] * (width - 2)))]])
        share_row = row
        row += 1
    for i, warnings in enumerate(sides.warnings):
        for warning in warnings:
            append_row(sheet, [f"Varning, {sides.alternatives[i]}: {warning.sv}"])
            row += 1
    append_row(sheet, [])
    append_row(sheet, ["Per steg (alla organisationer)"])
    row += 2
    for r in sides.step_rows:
        if r.kind == "step":
            add(r.name, baseline_cells.get(("step", r.key)),
                [d.alternative.cost for d in r.changes], False)
    _format(sheet, {get_column_letter(c): _KR for c in range(2, len(header) + 1)})
    if share_row:
        for cell in sheet[share_row][1:]:
            cell.number_format = _SHARE


def _sheet(workbook: Workbook, title: str, header: list[str]) -> Worksheet:
    sheet: Worksheet = workbook.create_sheet(title)
    append_row(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    for index in range(1, len(header) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 18
    sheet.column_dimensions["A"].width = 34
    return sheet


def _format(sheet: Worksheet, columns: dict[str, str]) -> None:
    for letter, number_format in columns.items():
        for cell in sheet[letter][1:]:
            cell.number_format = number_format


def write_report_xlsx(report: Report, path: Path) -> None:
    """Inputs, participants with formulas, and the computed tables of the report."""
    case, result = report.case, report.result
    names = {o.id: o.name for o in case.organisations}
    workbook = Workbook()
    about = workbook.active
    assert about is not None
    about.title = "Om"
    about.column_dimensions["A"].width = 32
    about.column_dimensions["B"].width = 90
    for about_row in [
        ("Typfall", case.name),
        ("Jämfört med", "; ".join(c.alternative.case.name
                                  for c in report.analysis.comparisons)),
        ("Timmar per månad", case.hours_per_month),
        ("Overhead, andel", case.conventions.overhead_share),
        ("Produktiv andel", case.conventions.productive_share),
        ("Antaget intervall", "" if not report.assumed_range else
         f"{report.assumed_range[0]}–{report.assumed_range[1]} × troligaste tid"),
        ("Dragningar / frö", f"{report.simulation.draws} / {report.simulation.seed}"),
        ("Ärenden per år", report.cases_per_year or ""),  # row _CASES_PER_YEAR_ROW
        ("Metod", "Kostnad per minut = månadskostnad inkl. PO ÷ (timmar per månad × produktiv "
                  "andel) ÷ 60 × (1 + overhead). Grupper = medelvärdet av organisationerna; "
                  "totalt = summan av gruppernas medelvärden."),
        ("Om typfallet", case.description),
    ]:
        append_row(about, list(about_row))

    roles = _sheet(workbook, "Yrkesgrupper", ["Yrkesgrupp", "Id", "Månadskostnad inkl. PO",
                                              "Kronor per minut (formel)", "Kronor per minut"])
    hours = case.hours_per_month * case.conventions.productive_share
    overhead = 1 + case.conventions.overhead_share
    role_row: dict[str, int] = {}
    for index, role in enumerate(case.roles, start=2):
        role_row[role.id] = index
        append_row(roles, [role.name, role.id, role.monthly_cost,
                      Formula(f"=C{index}/({hours})/60*{overhead}"), minute_cost(role, case)])
    _format(roles, {"C": _KR, "D": "0.000", "E": "0.000"})

    people = _sheet(workbook, "Deltagare", [
        "Uppgift", "Steg", "Organisation", "Yrkesgrupp", "Minuter per person och tillfälle", "Låg",
        "Hög", "Personer", "Andel av heltid", "Veckor", "Minuter", "Kostnad (formel)", "Kostnad",
        "Samverkan", "Tillfällen"])
    row = 2
    for step in case.steps:
        for task in step.tasks:
            for p in task.participants:
                minutes = participant_minutes(p, case.hours_per_month, task.occasions)
                # The formula chain runs on formulas only, so that Excel recomputes every
                # krona from the monthly costs; the model's figure stands beside each one.
                rate_cell = f"Yrkesgrupper!D{role_row[p.role]}"
                append_row(people, [
                    f"{task.name} ({task.id})", step.name, names[task.org], p.role,
                    p.minutes, p.minutes_low, p.minutes_high, p.people, p.fte, p.weeks,
                    minutes, Formula(f"=K{row}*{rate_cell}"), minutes * minute_cost(
                        case.role(p.role), case),
                    "ja" if task.is_collaboration else "", task.occasions,
                ])
                row += 1
    _format(people, {"L": _KR, "M": _KR, "K": "0.0"})

    orgs = _sheet(workbook, "Organisationer", [
        "Organisation", "Grupp", "Minuter", "Kostnad", "Kostnad (formel)",
        "Samverkansminuter", "Samverkansgrad"])
    org_rows: dict[str, int] = {}
    last = max(row - 1, 2)  # the participant sheet's last row
    for index, (org_id, org) in enumerate(result.organisations.items(), start=2):
        org_rows[org_id] = index
        # EXACT, not SUMIF: SUMIF reads a criterion such as "=2+3" or "A*" as an operator or a
        # pattern, so an organisation named so would sum the wrong rows.
        append_row(orgs, [names[org_id], group_label(org.group), org.figures.minutes,
                          org.figures.cost, Formula(
                              f"=SUMPRODUCT(EXACT(Deltagare!C2:C{last},A{index})"
                              f"*Deltagare!L2:L{last})"),
                          org.figures.collaboration_minutes, org.figures.collaboration_share])
    group_cells = []
    group_rows: dict[str, int] = {}
    for index, (group, gr) in enumerate(result.groups.items(), start=len(org_rows) + 2):
        # The mean is over the members with tasks, as the model takes it.
        member_cells = ",".join(f"E{org_rows[o]}" for o in gr.counted)
        group_cells.append(f"E{index}")
        group_rows[group] = index
        append_row(orgs, [group_label(group), "(medelvärde)", gr.figures.minutes, gr.figures.cost,
                     Formula(f"=AVERAGE({member_cells})"), gr.figures.collaboration_minutes,
                     gr.figures.collaboration_share])
    total_row = len(org_rows) + len(group_rows) + 2
    append_row(orgs, ["Totalt", "(summa av grupperna)", result.total.minutes, result.total.cost,
                 Formula(f"=SUM({','.join(group_cells)})"), result.total.collaboration_minutes,
                 result.total.collaboration_share])
    for note in not_counted_notes(result):
        append_row(orgs, [note])
    _format(orgs, {"D": _KR, "E": _KR, "G": _SHARE})

    steps = _sheet(workbook, "Steg", ["Steg", *[names[o] for o in result.organisations],
                                      "Totalt"])
    step_rows = {step.id: index for index, step in enumerate(case.steps, start=2)}
    for step in case.steps:
        append_row(steps, [step.name, *[o.by_step[step.id].cost for o in
                                   result.organisations.values()],
                      result.total_by_step[step.id].cost])
    _format(steps, {get_column_letter(i): _KR for i in range(2, len(result.organisations) + 3)})

    tasks = _sheet(workbook, "Uppgifter", ["Uppgift", "Steg", "Organisation", "Minuter",
                                           "Kostnad", "Samverkanstillfälle"])
    task_by_id = {t.id: t for t in case.tasks}
    step_names = {s.id: s.name for s in case.steps}
    for t in result.tasks:
        task = task_by_id[t.task_id]
        append_row(tasks, [task.name, step_names[t.step], names[t.org], t.figures.minutes,
                      t.figures.cost, case.exchange_name(task.exchange) if task.exchange else ""])
    _format(tasks, {"E": _KR})

    bands = _sheet(workbook, "Osäkerhet", ["", "Kostnad P10", "P50", "P90", "Medel"])
    for org_id, b in report.simulation.organisations.items():
        append_row(bands, [names[org_id], b.cost.p10, b.cost.p50, b.cost.p90, b.cost.mean])
    for group, b in report.simulation.groups.items():
        append_row(bands, [group_label(group), b.cost.p10, b.cost.p50, b.cost.p90, b.cost.mean])
    band = report.simulation.total.cost
    append_row(bands, ["Totalt", band.p10, band.p50, band.p90, band.mean])
    append_row(bands, [])
    append_row(bands, ["Tornado: ändras för sig", "Totalt, lågt", "Totalt, högt", "Skillnad"])
    for bar in report.tornado:
        append_row(bands, [f"{bar.label} ({bar.kind})", bar.low_total, bar.high_total, bar.swing])
    _format(bands, {c: _KR for c in "BCDE"})

    if report.analysis.comparisons:
        _alternatives_sheet(workbook, report, {
            **{("organisation", o): f"Organisationer!E{r}" for o, r in org_rows.items()},
            **{("group", g): f"Organisationer!E{r}" for g, r in group_rows.items()},
            ("total", "total"): f"Organisationer!E{total_row}",
            **{("step", s): f"Steg!{get_column_letter(len(result.organisations) + 2)}{r}"
               for s, r in step_rows.items()},
        }, f"Om!B{_CASES_PER_YEAR_ROW}")

    if report.comparison is not None and len(report.analysis.comparisons) == 1:
        comparison = report.comparison
        all_names = names | ({o.id: o.name for o in report.alternative.case.organisations}
                             if report.alternative else {})
        diff = _sheet(workbook, "Jämförelse", ["", "Nu", "Nytt arbetssätt", "Ändring",
                                               "Ändring per år"])
        yearly = report.annual_comparison
        # Per year only for the groups and the gain: an organisation's own figure per year
        # assumes every case passes it, so those stand apart below, never beside the sums.
        for org_id, d in comparison.by_organisation.items():
            append_row(diff, [all_names.get(org_id, org_id), d.baseline.cost, d.alternative.cost,
                              d.cost, None])
        for group, d in comparison.by_group.items():
            append_row(diff, [group_label(group), d.baseline.cost, d.alternative.cost, d.cost,
                              yearly.groups[group].cost if yearly else None])
        append_row(diff, ["Samverkansvinst", comparison.total.baseline.cost,
                          comparison.total.alternative.cost, comparison.gain,
                          yearly.gain if yearly else None])
        compared = report.analysis.compared
        if yearly is not None and compared is not None:
            for group, members in compared.realisations.items():
                append_row(diff, [])
                append_row(diff, [_APART.format(group=group_label(group))])
                for org_id in members:
                    append_row(diff, [all_names.get(org_id, org_id), None, None, None,
                                      yearly.organisations[org_id].cost])
        _format(diff, {c: _KR for c in "BCDE"})

    if report.annual is not None:
        year = _sheet(workbook, "Per år", ["", "Minuter", "Kostnad", "Årsarbetare"])
        for group, f in report.annual.groups.items():
            append_row(year, [group_label(group), f.minutes, f.cost, f.full_time_equivalents])
        append_row(year, ["Totalt (summa av grupperna)", report.annual.total.minutes,
                          report.annual.total.cost, report.annual.total.full_time_equivalents])
        for group, members in report.analysis.realisations.items():
            append_row(year, [])
            append_row(year, [_APART.format(group=group_label(group))])
            for org_id in members:
                f = report.annual.organisations[org_id]
                append_row(year, [names[org_id], f.minutes, f.cost, f.full_time_equivalents])
        _format(year, {"C": _KR, "D": "0.00"})
    workbook.save(path)
