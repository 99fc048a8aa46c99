"""The report a politician can read: one HTML document, and the same as PDF.

A `Report` is an `Analysis` (`samverkan.reports.analysis`) with a date: nothing is computed
here beyond choosing what to say. `render_html` lays it out with Jinja2: self-contained (inline
CSS and SVG, no script, no outside address), headings in order, tables with captions and scoped
headers, so it can be read on screen, printed, and read aloud. `write_pdf` prints the same HTML
with WeasyPrint, refusing every network fetch.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from samverkan.model import (
    Annual,
    AnnualComparison,
    Case,
    CaseResult,
    ChildView,
    Comparison,
    GainSimulation,
    Simulation,
    TornadoBar,
)
from samverkan.reports.analysis import Analysis, ComparisonAnalysis
from samverkan.reports.charts import (
    alternatives_chart,
    comparison_chart,
    step_cost_chart,
    tornado_chart,
)
from samverkan.reports.labels import (
    category_label,
    group_label,
    kronor,
    not_counted_notes,
    number,
    percent,
)
from samverkan.reports.side_by_side import side_by_side
from samverkan.reports.timeline import timeline_svg

__all__ = [
    "Report", "environment", "render_html", "write_pdf", "html_to_pdf",
    "NetworkFetchRefused", "refuse_fetch",
]

_TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Report:
    """An analysis as a dated report: every figure is the analysis's own."""

    analysis: Analysis
    created: dt.date = field(default_factory=dt.date.today)

    # The report's words for the analysis's parts, read by the template and the workbook.
    @property
    def case(self) -> Case:
        return self.analysis.case

    @property
    def result(self) -> CaseResult:
        return self.analysis.result

    @property
    def simulation(self) -> Simulation:
        return self.analysis.simulation

    @property
    def tornado(self) -> tuple[TornadoBar, ...]:
        return self.analysis.tornado

    @property
    def child_views(self) -> dict[tuple[str, ...], ChildView]:
        return self.analysis.child_views

    @property
    def assumed_range(self) -> tuple[float, float] | None:
        return self.analysis.assumed_range

    @property
    def cases_per_year(self) -> float:
        return self.analysis.cases_per_year

    @property
    def annual(self) -> Annual | None:
        return self.analysis.annual

    @property
    def several(self) -> bool:
        """Several alternatives: shown side by side rather than one comparison at length."""
        return len(self.analysis.comparisons) > 1

    @property
    def _one(self) -> ComparisonAnalysis | None:
        return None if self.several else self.analysis.compared

    # The one alternative and its comparison; None when there is none or there are several.
    @property
    def alternative(self) -> CaseResult | None:
        compared = self._one
        return compared.alternative if compared else None

    @property
    def comparison(self) -> Comparison | None:
        compared = self._one
        return compared.comparison if compared else None

    @property
    def gain(self) -> GainSimulation | None:
        compared = self._one
        return compared.gain if compared else None

    @property
    def annual_comparison(self) -> AnnualComparison | None:
        compared = self._one
        return compared.annual if compared else None


def environment() -> jinja2.Environment:
    """The reports' Jinja2 environment: their templates, autoescaped, with Swedish filters."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # The report is Swedish: the filters take the number of decimals, never the language.
    env.filters["kronor"] = lambda value: kronor(value, "sv")
    env.filters["percent"] = lambda share, decimals=0: percent(share, "sv", decimals)
    env.filters["number"] = lambda value, decimals=0: number(value, "sv", decimals)
    env.filters["hours"] = lambda minutes, decimals=0: number(minutes / 60, "sv", decimals)
    env.filters["group"] = group_label
    env.filters["category"] = category_label
    return env


def _realisations(groups: dict[str, tuple[str, ...]],
                  names: dict[str, str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Groups averaged over several organisations, with each member's id and name."""
    return [(group_label(g), [(o, names[o]) for o in members]) for g, members in groups.items()]


def _context(report: Report) -> dict[str, Any]:
    names = report.analysis.organisation_names
    role_names = {role.id: role.name for role in report.case.roles}
    realisations = [
        {"organisations": [names[o] for o in orgs], "view": view,
         "roles": [role_names.get(r, r) for r in view.roles_met]}
        for orgs, view in report.child_views.items()
    ]
    sides = side_by_side(report.analysis) if report.several else None
    return {
        "r": report,
        "sides": sides,
        "alternatives_chart": alternatives_chart(sides) if sides else "",
        "case": report.case,
        "result": report.result,
        "names": names,
        "cost_chart": step_cost_chart(report.result),
        "not_counted": not_counted_notes(report.result),
        "comparison_chart": comparison_chart(report.comparison) if report.comparison else "",
        "timeline": timeline_svg(report.result, element_id="report-timeline"),
        "realisations": realisations,
        "tornado_top": report.tornado[:8],
        "tornado_chart": (tornado_chart(list(report.tornado[:8]), report.result.total.cost)
                          if report.tornado else ""),
        "conventions": report.case.conventions,
        "group_names": {g: group_label(g) for g in report.result.groups},
        "annual_realisations": _realisations(report.analysis.realisations, names),
        "change_realisations": (_realisations(report.analysis.compared.realisations, names)
                                if report.analysis.compared and not report.several else []),
        "steps": {s.id: s.name for s in report.case.steps}
        | ({s.id: s.name for s in report.alternative.case.steps} if report.alternative else {}),
    }


def render_html(report: Report) -> str:
    """The report as one self-contained HTML document in Swedish."""
    return environment().get_template("report.html.j2").render(_context(report))


class NetworkFetchRefused(Exception):
    """WeasyPrint asked for something outside the document; the report never needs that."""


def write_pdf(report: Report, path: Path) -> None:
    """The same HTML printed to PDF (A4, page numbers), with every outside fetch refused."""
    html_to_pdf(render_html(report), path)


def html_to_pdf(html: str, path: Path) -> None:
    """A self-contained HTML document printed to PDF; anything it would fetch is refused."""
    # Imported here: WeasyPrint loads Pango, which only the PDF needs.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    class NoNetwork(URLFetcher):  # type: ignore[misc]
        """Serves inline data: URIs only; anything else is refused, never fetched."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            return refuse_fetch(url)

    # Tagged PDF/UA: headings, tables and reading order reach screen readers, as public
    # documents must (WCAG via the Swedish accessibility law), and the language is declared.
    HTML(string=html, url_fetcher=NoNetwork()).write_pdf(path, pdf_variant="pdf/ua-1")


def refuse_fetch(url: str) -> Any:
    """Everything the report shows is inline; a fetch means something outside crept in."""
    raise NetworkFetchRefused(url)
