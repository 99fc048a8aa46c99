"""A baseline and any number of alternative ways of working side by side: the rows the command
line, the pages, the HTML/PDF report and the workbook show, with one column per alternative.

Nothing is computed here: every cell is a figure of the `Analysis` (a `Difference` of one of its
comparisons, a band of its simulated gain, an `AnnualChange`), picked out and put in the order the
alternatives were given, with the organisations, groups, steps and roles named.
"""

from __future__ import annotations

from dataclasses import dataclass

from samverkan.model import AnnualChange, Band, ComparisonWarning, Difference, Figures
from samverkan.reports.analysis import Analysis, ComparisonAnalysis
from samverkan.reports.labels import group_label

__all__ = ["MAX_ALTERNATIVES", "Row", "AnnualRow", "SideBySide", "side_by_side",
           "distinct_names"]

# The most alternatives a page compares at once: each is simulated (2 000 draws each,
# bench/alternatives.py), and a handful keeps the page quick and its table readable on a phone.
MAX_ALTERNATIVES = 6


@dataclass(frozen=True)
class Row:
    """One organisation, group, step or role: the baseline's figures and, per alternative, the
    change (alternative − baseline); `bands`: the change's P10–P90 per alternative, if drawn."""

    key: str
    kind: str  # organisation | group | total | step | step_organisation | role
    name: str
    baseline: Figures
    changes: tuple[Difference, ...]
    bands: tuple[Band | None, ...] = ()


@dataclass(frozen=True)
class AnnualRow:
    key: str
    kind: str  # organisation | group | total
    name: str
    changes: tuple[AnnualChange | None, ...]


@dataclass(frozen=True)
class SideBySide:
    baseline: str
    # The alternatives' names as the columns are headed: distinct, in the order given.
    alternatives: tuple[str, ...]
    compared: tuple[ComparisonAnalysis, ...]
    rows: tuple[Row, ...]  # organisations, then groups, then the total
    step_rows: tuple[Row, ...]  # each step's total, followed by its organisations
    role_rows: tuple[Row, ...]  # roles whose time changes in some alternative
    annual_rows: tuple[AnnualRow, ...]  # groups, the total; then realisations apart
    cases_per_year: float

    @property
    def warnings(self) -> tuple[tuple[ComparisonWarning, ...], ...]:
        """The same-process warnings of each alternative."""
        return tuple(c.comparison.warnings for c in self.compared)

    @property
    def gains(self) -> tuple[float, ...]:
        return tuple(c.comparison.gain for c in self.compared)

    @property
    def gain_bands(self) -> tuple[Band | None, ...]:
        """Each gain's P10–P90 band, or None when no time has a range."""
        return tuple(c.gain.gain if c.uncertain else None for c in self.compared)

    @property
    def probabilities(self) -> tuple[float | None, ...]:
        """Per alternative, the chance it costs less than the baseline (None without ranges)."""
        return tuple(c.gain.probability_alternative_cheaper if c.uncertain else None
                     for c in self.compared)

    @property
    def annual_gains(self) -> tuple[float | None, ...]:
        return tuple(c.annual.gain if c.annual else None for c in self.compared)

    @property
    def uncertain(self) -> bool:
        return any(c.uncertain for c in self.compared)


def distinct_names(names: list[str]) -> tuple[str, ...]:
    """Column headings: each name once; a name given again gets its place in parentheses."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return tuple(out)


def _ordered(keys: list[list[str]]) -> list[str]:
    return list(dict.fromkeys(k for ks in keys for k in ks))


def side_by_side(analysis: Analysis, lang: str = "sv") -> SideBySide:
    """The analysis's comparisons as rows with a column per alternative."""
    compared = analysis.comparisons
    comparisons = [c.comparison for c in compared]
    names = analysis.organisation_names
    orgs = _ordered([list(c.by_organisation) for c in comparisons])
    groups = _ordered([list(c.by_group) for c in comparisons])
    empty = Difference(Figures(), Figures())

    def row(key: str, kind: str, name: str, diffs: list[Difference],
            bands: list[Band | None]) -> Row:
        baseline = next((d.baseline for d in diffs if d is not empty), Figures())
        return Row(key, kind, name, baseline, tuple(diffs), tuple(bands))

    def band(c: ComparisonAnalysis, of: dict[str, Band], key: str) -> Band | None:
        return of.get(key) if c.uncertain else None

    rows = [
        row(o, "organisation", names[o],
            [c.comparison.by_organisation.get(o, empty) for c in compared],
            [band(c, c.gain.by_organisation, o) for c in compared])
        for o in orgs
    ] + [
        row(g, "group", group_label(g, lang),
            [c.comparison.by_group.get(g, empty) for c in compared],
            [band(c, c.gain.by_group, g) for c in compared])
        for g in groups
    ] + [
        Row("total", "total", "Totalt" if lang == "sv" else "Total",
            analysis.result.total, tuple(c.total for c in comparisons),
            tuple(None for _ in compared)),
    ]

    step_names = {s.id: s.name for c in reversed(comparisons)
                  for s in (*c.alternative.case.steps, *c.baseline.case.steps)}
    step_rows: list[Row] = []
    for step in _ordered([list(c.by_step) for c in comparisons]):
        totals = [Difference(c.baseline.total_by_step.get(step, Figures()),
                             c.alternative.total_by_step.get(step, Figures()))
                  for c in comparisons]
        step_rows.append(Row(step, "step", step_names.get(step, step), totals[0].baseline,
                             tuple(totals)))
        for o in orgs:
            diffs = [c.by_step.get(step, {}).get(o, empty) for c in comparisons]
            step_rows.append(row(o, "step_organisation", names[o], diffs, []))

    role_names = {r.id: r.name for c in reversed(comparisons)
                  for r in (*c.alternative.case.roles, *c.baseline.case.roles)}
    role_rows = []
    for role in _ordered([list(c.by_role) for c in comparisons]):
        diffs = [c.by_role.get(role, empty) for c in comparisons]
        if any(d.minutes or d.cost for d in diffs):
            role_rows.append(row(role, "role", role_names.get(role, role), diffs, []))

    annual_rows: list[AnnualRow] = []
    if analysis.cases_per_year and compared:
        years = [c.annual for c in compared]
        annual_rows += [
            AnnualRow(g, "group", group_label(g, lang),
                      tuple(y.groups.get(g) if y else None for y in years))
            for g in groups
        ]
        annual_rows.append(AnnualRow("total", "total", "Totalt" if lang == "sv" else "Total",
                                     tuple(y.total if y else None for y in years)))
        apart = _ordered([[o for members in c.realisations.values() for o in members]
                          for c in compared])
        annual_rows += [
            AnnualRow(o, "organisation", names[o],
                      tuple(y.organisations.get(o) if y else None for y in years))
            for o in apart
        ]

    return SideBySide(
        baseline=analysis.case.name,
        alternatives=distinct_names([c.alternative.case.name for c in compared]),
        compared=compared,
        rows=tuple(rows),
        step_rows=tuple(step_rows),
        role_rows=tuple(role_rows),
        annual_rows=tuple(annual_rows),
        cases_per_year=analysis.cases_per_year,
    )
