"""The report a politician can read: one HTML document, and the same as PDF.

`build_report` gathers every figure from `samverkan.model` — nothing is computed here beyond
choosing what to say — and `render_html` lays it out with Jinja2: self-contained (inline CSS and
SVG, no script, no outside address), headings in order, tables with captions and scoped headers,
so it can be read on screen, printed, and read aloud. `write_pdf` prints the same HTML with
WeasyPrint, refusing every network fetch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
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
    annual,
    annual_comparison,
    child_views,
    compare,
    compute,
    simulate,
    simulate_comparison,
    tornado,
)
from samverkan.reports.charts import comparison_chart, step_cost_chart, tornado_chart
from samverkan.reports.labels import (
    category_label,
    group_label,
    kronor,
    not_counted_notes,
    number,
    percent,
)
from samverkan.reports.timeline import timeline_svg

__all__ = [
    "Report", "build_report", "environment", "render_html", "write_pdf", "html_to_pdf",
    "NetworkFetchRefused", "refuse_fetch",
]

Progress = Callable[[int, int], None]

_TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Report:
    case: Case
    result: CaseResult
    simulation: Simulation
    tornado: list[TornadoBar]
    child_views: dict[tuple[str, ...], ChildView]
    assumed_range: tuple[float, float] | None = None
    alternative: CaseResult | None = None
    comparison: Comparison | None = None
    gain: GainSimulation | None = None
    cases_per_year: float | None = None
    annual: Annual | None = None
    annual_comparison: AnnualComparison | None = None
    created: dt.date = field(default_factory=dt.date.today)


def build_report(
    case: Case,
    *,
    alternative: Case | None = None,
    cases_per_year: float | None = None,
    draws: int = 10_000,
    seed: int = 0,
    assumed_range: tuple[float, float] | None = None,
    progress: Progress | None = None,
) -> Report:
    """Every figure the report shows. `case` and `alternative` carry any assumed ranges."""
    result = compute(case)
    per_year = cases_per_year if cases_per_year is not None else case.cases_per_year
    alt_result = compute(alternative) if alternative is not None else None
    comparison = compare(result, alt_result) if alt_result is not None else None
    return Report(
        case=case,
        result=result,
        simulation=simulate(case, draws=draws, seed=seed, progress=progress),
        tornado=tornado(case),
        child_views=child_views(case),
        assumed_range=assumed_range,
        alternative=alt_result,
        comparison=comparison,
        gain=(simulate_comparison(case, alternative, draws=draws, seed=seed)
              if alternative is not None else None),
        cases_per_year=per_year,
        annual=annual(result, per_year) if per_year else None,
        annual_comparison=(annual_comparison(comparison, per_year)
                           if per_year and comparison is not None else None),
    )


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


def _org_names(*results: CaseResult | None) -> dict[str, str]:
    names: dict[str, str] = {}
    for result in results:
        if result is not None:
            names.update({o.id: o.name for o in result.case.organisations})
    return names


def _context(report: Report) -> dict[str, Any]:
    names = _org_names(report.result, report.alternative)
    role_names = {role.id: role.name for role in report.case.roles}
    realisations = [
        {"organisations": [names[o] for o in orgs], "view": view,
         "roles": [role_names.get(r, r) for r in view.roles_met]}
        for orgs, view in report.child_views.items()
    ]
    return {
        "r": report,
        "case": report.case,
        "result": report.result,
        "names": names,
        "cost_chart": step_cost_chart(report.result),
        "not_counted": not_counted_notes(report.result),
        "comparison_chart": comparison_chart(report.comparison) if report.comparison else "",
        "timeline": timeline_svg(report.result, element_id="report-timeline"),
        "realisations": realisations,
        "tornado_top": report.tornado[:8],
        "tornado_chart": (tornado_chart(report.tornado[:8], report.result.total.cost)
                          if report.tornado else ""),
        "conventions": report.case.conventions,
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
