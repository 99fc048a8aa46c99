"""Arranging computed results into rows for the pages; every figure is the model's own.

No sums or ratios here: the rows only pick figures out of an `Analysis` (and the `CaseResult`
and `Comparison` it holds) and name the organisations, steps, roles and categories they belong
to.
"""

from __future__ import annotations

from typing import Any

from samverkan.model import (
    Annual,
    AnnualComparison,
    CaseResult,
    Category,
    Comparison,
    Task,
)
from samverkan.reports.analysis import Analysis, ComparisonAnalysis
from samverkan.reports.labels import group_label
from samverkan.reports.side_by_side import side_by_side
from samverkan.reports.timeline import lane_styles


def _realisation_rows(members: dict[str, tuple[str, ...]], figures: dict[str, Any],
                      names: dict[str, str], lang: str, key: str = "figures"
                      ) -> list[dict[str, Any]]:
    """Per group averaged over several organisations, each member's own figures: shown apart,
    because each assumes every case passes that organisation."""
    return [
        {"group": group_label(g, lang),
         "rows": [{"name": names[o], key: figures[o]} for o in orgs if o in figures]}
        for g, orgs in members.items()
    ]


def annual_tables(analysis: Analysis, lang: str) -> dict[str, Any]:
    """Figures per year: the groups and the total, and each school on its own, apart."""
    year: Annual | None = analysis.annual
    if year is None:
        return {"annual": None, "annual_rows": [], "annual_realisations": []}
    return {
        "annual": year,
        "annual_rows": [{"name": group_label(g, lang), "figures": f}
                        for g, f in year.groups.items()],
        "annual_realisations": _realisation_rows(
            analysis.realisations, year.organisations, analysis.organisation_names, lang),
    }


def uncertainty_tables(analysis: Analysis, lang: str) -> dict[str, Any]:
    """Cost bands per organisation and group, and the tornado's bars, when the times vary."""
    simulation = analysis.simulation
    names = analysis.organisation_names
    return {
        "uncertainty": simulation if simulation.uncertain else None,
        "uncertainty_rows": [
            *({"name": names[o], "band": b.cost} for o, b in simulation.organisations.items()),
            *({"name": group_label(g, lang), "band": b.cost, "group": True}
              for g, b in simulation.groups.items()),
        ],
        "draws": analysis.draws,
        "tornado": analysis.tornado[:6],
    }


def results_tables(analysis: Analysis, lang: str) -> dict[str, Any]:
    result = analysis.result
    case = result.case
    orgs = [
        {"name": o.name, "group": group_label(o.group, lang),
         "figures": result.organisations[o.id].figures}
        for o in case.organisations
    ]
    groups: list[dict[str, Any]] = [
        {"name": group_label(g.group, lang), "figures": g.figures,
         "members": ", ".join(case.organisation(o).name for o in g.organisations),
         "left_out": [case.organisation(o).name for o in g.left_out]}
        for g in result.groups.values()
    ]
    names = {o.id: o.name for o in case.organisations}
    step_names = {s.id: s.name for s in case.steps}
    occasions = [
        {"id": e.id, "name": e.name,
         "steps": ", ".join(step_names[s] for s in e.steps),
         "organisations": [
             {"name": names[o], "minutes": e.minutes_by_organisation[o],
              "cost": e.cost_by_organisation[o]} for o in e.organisations
         ]}
        for e in analysis.occasions
    ]
    categories = [
        {"category": str(c), "cells": [
            result.organisations[o.id].by_category.get(c, 0.0) for o in case.organisations
        ]}
        for c in Category
    ]
    steps = [
        {"name": s.name, "weeks": s.weeks, "cells": [
            result.organisations[o.id].by_step.get(s.id) for o in case.organisations
        ], "total": result.total_by_step.get(s.id)}
        for s in case.steps
    ]
    children = []
    for members, view in analysis.child_views.items():
        children.append({
            "organisations": ", ".join(names[o] for o in members),
            "meetings": view.meeting_count,
            "adults": view.adults_met,
            "minutes": view.minutes_in_meetings,
            "longest_gap": view.longest_gap_weeks,
            "weeks": view.total_weeks,
        })
    equivalents = [
        {"role": case.role(role_id).name, "share": share}
        for role_id, share in analysis.salary_equivalents.items()
    ]
    return {
        "case": case, "result": result, "org_rows": orgs, "group_rows": groups,
        "not_counted": [name for g in groups for name in g["left_out"]],
        "occasions": occasions, "category_rows": categories, "step_rows": steps,
        "child_rows": children, "equivalents": equivalents,
        "organisations": case.organisations,
        **uncertainty_tables(analysis, lang),
        **annual_tables(analysis, lang),
    }


def _organisation_names(comparison: Comparison) -> dict[str, str]:
    # An organisation in both cases takes the baseline's name.
    cases = (comparison.alternative.case, comparison.baseline.case)
    return {o.id: o.name for case in cases for o in case.organisations}


def gain_tables(compared: ComparisonAnalysis, lang: str) -> dict[str, Any]:
    """The simulated gain and each organisation's and group's change in cost, as bands; none
    when no time has a range."""
    if not compared.uncertain:
        return {}
    gain, comparison = compared.gain, compared.comparison
    names = _organisation_names(comparison)
    return {
        "gain": gain,
        "gain_rows": [
            *({"name": names[o], "band": b} for o, b in gain.by_organisation.items()),
            *({"name": group_label(g, lang), "band": b, "group": True}
              for g, b in gain.by_group.items()),
        ],
    }


def annual_comparison_tables(compared: ComparisonAnalysis, lang: str) -> dict[str, Any]:
    """The change per year for each group and in total (who pays and who gains), and each
    school's own change apart from them; nothing when there are no annual figures."""
    year: AnnualComparison | None = compared.annual
    if year is None:
        return {}
    names = _organisation_names(compared.comparison)
    return {
        "annual_comparison": year,
        "annual_group_rows": [{"name": group_label(g, lang), "change": c}
                              for g, c in year.groups.items()],
        "annual_realisations": _realisation_rows(
            compared.realisations, year.organisations, names, lang, key="change"),
    }


def timeline_table(result: CaseResult, lang: str) -> dict[str, Any]:
    """The timeline's data as rows per step and organisation, for the table view."""
    case = result.case
    styles = lane_styles(result)
    rows = []
    for step in case.steps:
        # A step's tasks lane by lane, in one pass over the step.
        lanes: dict[str, list[Task]] = {}
        for task in step.tasks:
            lanes.setdefault(task.org, []).append(task)
        for org in case.organisations:
            for task in lanes.get(org.id, []):
                figures = result.task(task.id).figures
                rows.append({
                    "step": step, "org": org, "task": task, "figures": figures,
                    "exchange": case.exchange_name(task.exchange) if task.exchange else "",
                    "letter": styles[org.id].letter,
                })
    legend = [
        {"name": o.name, "letter": styles[o.id].letter, "fill": styles[o.id].fill}
        for o in case.organisations
    ]
    return {"case": case, "task_rows": rows, "legend": legend}


def task_detail(result: CaseResult, task_id: str, lang: str) -> dict[str, Any] | None:
    """The staff of one task with their summed time, and the task's time and cost."""
    case = result.case
    task = next((t for t in case.tasks if t.id == task_id), None)
    if task is None:
        return None
    task_result = result.task(task_id)
    step = next(s for s in case.steps if s.id == task_result.step)
    return {
        "task": task, "step": step, "org": case.organisation(task.org),
        "figures": task_result.figures,
        "staff": [
            {"role": case.role(role_id).name, "figures": figures}
            for role_id, figures in task_result.by_role.items()
        ],
        "category": str(task.category),
        "exchange": case.exchange_name(task.exchange) if task.exchange else "",
    }


def comparison_tables(comparison: Comparison, lang: str) -> dict[str, Any]:
    base_case = comparison.baseline.case
    alt_case = comparison.alternative.case
    names = _organisation_names(comparison)
    step_names = {s.id: s.name for s in (*alt_case.steps, *base_case.steps)}
    org_ids = list(dict.fromkeys(
        [o.id for o in base_case.organisations] + [o.id for o in alt_case.organisations]
    ))
    step_rows = [
        {"name": step_names[step_id], "cells": [by_org.get(o) for o in org_ids]}
        for step_id, by_org in comparison.by_step.items()
    ]
    return {
        "comparison": comparison,
        "org_columns": [names[o] for o in org_ids],
        "step_rows": step_rows,
        "org_rows": [
            {"name": names[o], "difference": d} for o, d in comparison.by_organisation.items()
        ],
        "group_rows": [
            {"name": group_label(g, lang), "difference": d}
            for g, d in comparison.by_group.items()
        ],
        "warnings": [w.sv if lang == "sv" else w.en for w in comparison.warnings],
        "not_counted": list(dict.fromkeys(
            o.name for c in (base_case, alt_case) for o in c.left_out_of_means)),
    }


def side_by_side_tables(analysis: Analysis, lang: str) -> dict[str, Any]:
    """Several alternatives against one baseline, a column each in the order chosen: the rows
    of `samverkan.reports.side_by_side`, with the annual rows split into the groups and total,
    and each organisation of a group averaged over several apart."""
    sides = side_by_side(analysis, lang)
    return {
        "sides": sides,
        "columns": list(zip(sides.alternatives, sides.compared, strict=True)),
        "annual_rows": [r for r in sides.annual_rows if r.kind != "organisation"],
        "annual_total": next((r for r in sides.annual_rows if r.kind == "total"), None),
        "annual_apart": [r for r in sides.annual_rows if r.kind == "organisation"],
        "warnings": [(name, [w.sv if lang == "sv" else w.en for w in warnings])
                     for name, warnings in zip(sides.alternatives, sides.warnings, strict=True)],
        "draws": analysis.draws,
        "not_counted": list(dict.fromkeys(
            o.name for c in (analysis.case, *analysis.alternative_cases)
            for o in c.left_out_of_means)),
    }
