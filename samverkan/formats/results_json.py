"""Results as plain JSON-ready data: the stable keys of `samverkan cost --format json`.

The keys of DESIGN.md are a contract that outside tools read; more keys may be added, none
removed or renamed. Costs are unrounded kronor; rounding is for display only.
"""

from __future__ import annotations

from typing import Any

from samverkan.model import (
    Annual,
    AnnualChange,
    AnnualComparison,
    AnnualFigures,
    Band,
    CaseResult,
    Comparison,
    Difference,
    FigureBands,
    Figures,
    GainSimulation,
    Simulation,
    TornadoBar,
    child_views,
    exchange_occasions,
    salary_equivalents,
)

__all__ = [
    "result_to_data",
    "comparison_to_data",
    "figures_to_data",
    "band_to_data",
    "simulation_to_data",
    "gain_simulation_to_data",
    "tornado_to_data",
    "annual_to_data",
    "annual_comparison_to_data",
]


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
                       "organisations": list(group.organisations),
                       # Members with no tasks yet, which the group's mean leaves out.
                       "organisations_without_tasks": list(group.left_out)}
            for group_id, group in result.groups.items()
        },
        "total": figures_to_data(result.total),
        "exchange_occasions": list(case.exchange_occasions),
        "exchanges": [
            {"id": x.id, "name": x.name, "steps": list(x.steps), "tasks": list(x.tasks),
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


def band_to_data(band: Band) -> dict[str, float]:
    return {"p10": band.p10, "p50": band.p50, "p90": band.p90, "mean": band.mean}


def _bands_to_data(bands: FigureBands) -> dict[str, dict[str, float]]:
    return {"minutes": band_to_data(bands.minutes), "cost": band_to_data(bands.cost),
            "collaboration_share": band_to_data(bands.collaboration_share)}


def simulation_to_data(simulation: Simulation) -> dict[str, Any]:
    """Percentile bands of every organisation, group and the total."""
    return {
        "draws": simulation.draws,
        "seed": simulation.seed,
        "distribution": simulation.distribution,
        "uncertain": simulation.uncertain,
        "organisations": {o: _bands_to_data(b) for o, b in simulation.organisations.items()},
        "groups": {g: _bands_to_data(b) for g, b in simulation.groups.items()},
        "total": _bands_to_data(simulation.total),
    }


def gain_simulation_to_data(gain: GainSimulation) -> dict[str, Any]:
    return {
        "draws": gain.draws,
        "seed": gain.seed,
        "distribution": gain.distribution,
        "gain": band_to_data(gain.gain),
        "probability_alternative_cheaper": gain.probability_alternative_cheaper,
        "cost_change_by_organisation": {o: band_to_data(b)
                                        for o, b in gain.by_organisation.items()},
        "cost_change_by_group": {g: band_to_data(b) for g, b in gain.by_group.items()},
        # The baseline's cost in the same draws: the same for every alternative of one run.
        "baseline_cost": band_to_data(gain.baseline_cost),
    }


def tornado_to_data(bars: list[TornadoBar]) -> list[dict[str, Any]]:
    return [{"kind": b.kind, "id": b.id, "label": b.label, "low_total": b.low_total,
             "high_total": b.high_total, "swing": b.swing} for b in bars]


def _annual_figures(f: AnnualFigures | AnnualChange) -> dict[str, float]:
    return {"minutes": f.minutes, "cost": f.cost,
            "full_time_equivalents": f.full_time_equivalents}


def annual_to_data(year: Annual) -> dict[str, Any]:
    return {
        "cases_per_year": year.cases_per_year,
        "organisations": {o: _annual_figures(f) for o, f in year.organisations.items()},
        "groups": {g: _annual_figures(f) for g, f in year.groups.items()},
        "total": _annual_figures(year.total),
    }


def annual_comparison_to_data(year: AnnualComparison) -> dict[str, Any]:
    return {
        "cases_per_year": year.cases_per_year,
        "gain": year.gain,
        "organisations": {o: _annual_figures(c) for o, c in year.organisations.items()},
        "groups": {g: _annual_figures(c) for g, c in year.groups.items()},
        "pays_more": year.payers,
        "spends_less": year.gainers,
    }
