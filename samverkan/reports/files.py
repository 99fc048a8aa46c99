"""Writing a report to a file in the format asked for: one place for the command line and the
web application."""

from __future__ import annotations

from pathlib import Path

from samverkan.followup.comparison import UnitComparison
from samverkan.reports.analysis import Analysis
from samverkan.reports.followup_report import render_followup_html, write_followup_pdf
from samverkan.reports.followup_xlsx import write_comparison_xlsx
from samverkan.reports.investment_report import render_investment_html, write_investment_pdf
from samverkan.reports.investment_xlsx import write_investment_xlsx
from samverkan.reports.report import Report, render_html, write_pdf
from samverkan.reports.report_xlsx import write_report_xlsx

__all__ = ["REPORT_SUFFIXES", "write_report", "write_followup", "write_investment"]

REPORT_SUFFIXES = (".html", ".pdf", ".xlsx")


def write_report(report: Report, path: Path) -> None:
    """A case's or a comparison's report as .html, .pdf or .xlsx."""
    suffix = path.suffix.lower()
    if suffix == ".html":
        path.write_text(render_html(report), encoding="utf-8")
    elif suffix == ".pdf":
        write_pdf(report, path)
    elif suffix == ".xlsx":
        write_report_xlsx(report, path)
    else:
        raise ValueError(f"no report is written as {suffix}")


def write_followup(comparison: UnitComparison, source: str, path: Path, fmt: str,
                   lang: str = "sv") -> None:
    """The follow-up as a report ("html", "pdf") or as the indicator workbook ("xlsx"); the
    format is named, because the command line takes it from an option, not the file name."""
    if fmt == "html":
        path.write_text(render_followup_html(comparison, source, lang), encoding="utf-8")
    elif fmt == "pdf":
        write_followup_pdf(comparison, source, path, lang)
    elif fmt == "xlsx":
        write_comparison_xlsx(comparison, path, lang)
    else:
        raise ValueError(f"no follow-up is written as {fmt}")


def write_investment(analysis: Analysis, path: Path, fmt: str, lang: str = "sv") -> None:
    """The investment case of `analysis` as a report ("html", "pdf") or as the workbook of live
    formulas ("xlsx")."""
    if fmt == "html":
        path.write_text(render_investment_html(analysis, lang), encoding="utf-8")
    elif fmt == "pdf":
        write_investment_pdf(analysis, path, lang)
    elif fmt == "xlsx":
        write_investment_xlsx(analysis, path, lang)
    else:
        raise ValueError(f"no investment case is written as {fmt}")
