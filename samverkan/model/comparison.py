"""Comparing two ways of working on the same case: the collaboration gain (seed 000, 5.2).

An alternative-cost comparison only holds for the *same process*: the same steps, done with a
different way of working. The comparison therefore warns when the steps, organisations or
cost bases of the two cases differ, rather than silently comparing unlike things.
"""

from __future__ import annotations

from dataclasses import dataclass

from samverkan.model.costing import CaseResult, Figures

__all__ = ["Difference", "ComparisonWarning", "Comparison", "compare", "role_figures"]


@dataclass(frozen=True)
class Difference:
    """The same figure for the baseline and the alternative; change = alternative − baseline."""

    baseline: Figures
    alternative: Figures

    @property
    def minutes(self) -> float:
        return self.alternative.minutes - self.baseline.minutes

    @property
    def cost(self) -> float:
        return self.alternative.cost - self.baseline.cost

    @property
    def collaboration_minutes(self) -> float:
        return self.alternative.collaboration_minutes - self.baseline.collaboration_minutes


@dataclass(frozen=True)
class ComparisonWarning:
    code: str
    sv: str
    en: str


@dataclass(frozen=True)
class Comparison:
    baseline: CaseResult
    alternative: CaseResult
    total: Difference
    by_group: dict[str, Difference]
    by_organisation: dict[str, Difference]
    by_step: dict[str, dict[str, Difference]]
    by_role: dict[str, Difference]
    warnings: tuple[ComparisonWarning, ...]

    @property
    def gain(self) -> float:
        """The collaboration gain in kronor: positive when the alternative costs less."""
        return -self.total.cost

    @property
    def same_process(self) -> bool:
        return not any(w.code == "steps" for w in self.warnings)


def role_figures(result: CaseResult) -> dict[str, Figures]:
    """Figures per role, combined like the total: group means, summed over groups."""
    roles: dict[str, Figures] = {}
    for group in result.groups.values():
        members = [result.organisations[o] for o in group.counted]
        for role_id in dict.fromkeys(r for m in members for r in m.by_role):
            mean = Figures.mean(m.by_role.get(role_id, Figures()) for m in members)
            roles[role_id] = roles.get(role_id, Figures()) + mean
    return roles


def _differences(base: dict[str, Figures], alt: dict[str, Figures]) -> dict[str, Difference]:
    keys = dict.fromkeys([*base, *alt])
    return {k: Difference(base.get(k, Figures()), alt.get(k, Figures())) for k in keys}


def _warnings(baseline: CaseResult, alternative: CaseResult) -> list[ComparisonWarning]:
    b, a = baseline.case, alternative.case
    warnings: list[ComparisonWarning] = []
    b_steps = [(s.id, s.name) for s in b.steps]
    a_steps = [(s.id, s.name) for s in a.steps]
    if b_steps != a_steps:
        warnings.append(ComparisonWarning(
            "steps",
            "Fallen har inte samma steg. En samverkansvinst gäller bara när samma process jämförs.",
            "The cases do not have the same steps. A collaboration gain only holds when the same "
            "process is compared.",
        ))
    elif [s.weeks for s in b.steps] != [s.weeks for s in a.steps]:
        warnings.append(ComparisonWarning(
            "weeks",
            "Stegen har olika längd i veckor i de två fallen.",
            "The steps last a different number of weeks in the two cases.",
        ))
    if [(o.id, o.group) for o in b.organisations] != [(o.id, o.group) for o in a.organisations]:
        warnings.append(ComparisonWarning(
            "organisations",
            "Fallen har inte samma organisationer.",
            "The cases do not have the same organisations.",
        ))
    b_roles = {r.id: r.monthly_cost for r in b.roles}
    changed = sorted(r.id for r in a.roles if r.id in b_roles and b_roles[r.id] != r.monthly_cost)
    if changed or b.hours_per_month != a.hours_per_month or b.conventions != a.conventions:
        names = ", ".join(changed) or "—"
        warnings.append(ComparisonWarning(
            "cost_basis",
            f"Fallen räknar med olika kostnadsunderlag (månadskostnad för: {names}, timmar per "
            "månad eller påslag); skillnaden beror då inte bara på arbetssättet.",
            f"The cases use different cost bases (monthly cost of: {names}, hours per month or "
            "overheads); the difference then does not come from the way of working alone.",
        ))
    return warnings


def compare(baseline: CaseResult, alternative: CaseResult) -> Comparison:
    """Differences per group, organisation, step × organisation and role, and the gain."""
    step_ids = list(dict.fromkeys([*baseline.total_by_step, *alternative.total_by_step]))
    org_ids = list(dict.fromkeys([*baseline.organisations, *alternative.organisations]))
    by_step: dict[str, dict[str, Difference]] = {}
    for step_id in step_ids:
        by_step[step_id] = {
            org_id: Difference(
                _org_step(baseline, org_id, step_id), _org_step(alternative, org_id, step_id)
            )
            for org_id in org_ids
        }
    return Comparison(
        baseline=baseline,
        alternative=alternative,
        total=Difference(baseline.total, alternative.total),
        by_group=_differences(
            {g: r.figures for g, r in baseline.groups.items()},
            {g: r.figures for g, r in alternative.groups.items()},
        ),
        by_organisation=_differences(
            {o: r.figures for o, r in baseline.organisations.items()},
            {o: r.figures for o, r in alternative.organisations.items()},
        ),
        by_step=by_step,
        by_role=_differences(role_figures(baseline), role_figures(alternative)),
        warnings=tuple(_warnings(baseline, alternative)),
    )


def _org_step(result: CaseResult, org_id: str, step_id: str) -> Figures:
    org = result.organisations.get(org_id)
    return org.by_step.get(step_id, Figures()) if org else Figures()
