"""Results as plain JSON-ready data: the stable keys of `samverkan cost --format json`.

The keys of DESIGN.md are a contract that outside tools read; more keys may be added, none
removed or renamed. Costs are unrounded kronor; rounding is for display only.
"""

from __future__ import annotations

from typing import Any

from samverkan.model import (
    CaseResult,
    Comparison,
    Difference,
    Figures,
    child_views,
    exchange_occasions,
    salary_equivalents,
)

__all__ = ["result_to_data", "comparison_to_data", "figures_to_data"]


def figures_to_data(figures: Figures) -> dict[str, float]:
    """Minutes, cost, collaboration minutes and share of one set of figures."""
    return {
        "minutes": figures.minutes,
        "cost": figures.cost,
        "collaboration_minutes": figures.collaboration_minutes,
        "collaboration_share": figures.collaboration_share,
    }


def result_to_data(result: CaseResult) -> dict[str, Any]:
    """Every figure of a computed case under DESIGN.md's keys, plus views built on them."""
    case = result.case
    data: dict[str, Any] = {
        "case": case.name,
        "currency": case.currency,
        "hours_per_month": case.hours_per_month,
        "organisations": {
            org_id: {
                **figures_to_data(org.figures),
                "group": org.group,
                "name": case.organisation(org_id).name,
                "by_category": {str(c): m for c, m in org.by_category.items()},
                "by_role": {r: {"minutes": f.minutes, "cost": f.cost}
                            for r, f in org.by_role.items()},
            }
            for org_id, org in result.organisations.items()
        },
        "groups": {
            group_id: {**figures_to_data(group.figures),
                       "organisations": list(group.organisations)}
            for group_id, group in result.groups.items()
        },
        "total": figures_to_data(result.total),
        "exchange_occasions": list(case.exchange_occasions),
        "exchanges": [
            {"id": x.id, "steps": list(x.steps), "tasks": list(x.tasks),
             "minutes_by_organisation": x.minutes_by_organisation,
             "cost_by_organisation": x.cost_by_organisation}
            for x in exchange_occasions(result)
        ],
        "steps": [
            {
                "id": step.id,
                "weeks": step.weeks,
                "organisations": {
                    org_id: {"minutes": org.by_step[step.id].minutes,
                             "cost": org.by_step[step.id].cost}
                    for org_id, org in result.organisations.items()
                },
                "total": {"minutes": result.total_by_step[step.id].minutes,
                          "cost": result.total_by_step[step.id].cost},
            }
            for step in case.steps
        ],
        "tasks": [
            {"id": t.task_id, "org": t.org, "step": t.step, "minutes": t.figures.minutes,
             "cost": t.figures.cost}
            for t in result.tasks
        ],
        "salary_equivalents": salary_equivalents(case, result.total.cost),
        "child_views": [
            {
                "organisations": list(orgs),
                "meetings": view.meeting_count,
                "roles_met": list(view.roles_met),
                "organisations_met": list(view.organisations_met),
                "adults_met": view.adults_met,
                "minutes_in_meetings": view.minutes_in_meetings,
                "longest_gap_weeks": view.longest_gap_weeks,
                "total_weeks": view.total_weeks,
            }
            for orgs, view in child_views(case).items()
        ],
    }
    if not case.conventions.is_default:
        data["cost_conventions"] = {
            "overhead_share": case.conventions.overhead_share,
            "productive_share": case.conventions.productive_share,
        }
    return data


def _difference_to_data(diff: Difference) -> dict[str, float]:
    return {
        "baseline_cost": diff.baseline.cost,
        "alternative_cost": diff.alternative.cost,
        "cost": diff.cost,
        "baseline_minutes": diff.baseline.minutes,
        "alternative_minutes": diff.alternative.minutes,
        "minutes": diff.minutes,
        "collaboration_minutes": diff.collaboration_minutes,
    }


def comparison_to_data(comparison: Comparison) -> dict[str, Any]:
    """A comparison: differences (alternative − baseline) and the gain (baseline − alternative)."""
    return {
        "baseline": comparison.baseline.case.name,
        "alternative": comparison.alternative.case.name,
        "currency": comparison.baseline.case.currency,
        "gain": comparison.gain,
        "same_process": comparison.same_process,
        "total": {
            **_difference_to_data(comparison.total),
            "baseline_collaboration_share": comparison.total.baseline.collaboration_share,
            "alternative_collaboration_share": comparison.total.alternative.collaboration_share,
        },
        "groups": {g: _difference_to_data(d) for g, d in comparison.by_group.items()},
        "organisations": {o: _difference_to_data(d)
                          for o, d in comparison.by_organisation.items()},
        "steps": [
            {"id": step_id,
             "organisations": {o: _difference_to_data(d) for o, d in orgs.items()}}
            for step_id, orgs in comparison.by_step.items()
        ],
        "roles": {r: _difference_to_data(d) for r, d in comparison.by_role.items()},
        "warnings": [{"code": w.code, "sv": w.sv, "en": w.en} for w in comparison.warnings],
    }
