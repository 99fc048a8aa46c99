"""Every kronor and percent figure a user sees of Lucas, and of its comparison with the early
collaboration variant, is a figure of one `Analysis`: on the results and comparison pages, in
the HTML report, in the PDF's text and in the workbook.

The expected figures are the analysis's own, formatted with the product's kronor and percent
formatting; the shown figures are read back out of each document. Each shown figure must be one
of the analysis's (nothing recomputed on the way), and the headline figures of the analysis must
be shown in every document (nothing dropped or replaced).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from openpyxl import load_workbook

from samverkan.model import Band, Figures
from samverkan.reports.analysis import Analysis, analyse
from samverkan.reports.labels import kronor, percent
from samverkan.web.cases.models import CaseRecord
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db

PER_YEAR = 40

# Swedish kronor as the product writes them: "−167 333 kr" with a narrow no-break space. A
# number written with an ordinary space ("≈ 144 000 kr" in the case's own description) is the
# author's text, not a figure of the product.
_KRONOR = re.compile(r"(?<![\d,])(?<!\d )−?\d{1,3}(?:\u202f\d{3})* kr")
# "lön ±10 %" names what a tornado bar moves (a step of the method), not a figure.
_PERCENT = re.compile(r"(?<![\d,±])−?\d+(?:,\d)?\u00a0%")


def _bands(band: Band) -> list[float]:
    return [band.p10, band.p50, band.p90, band.mean]


def _costs(analysis: Analysis) -> list[float]:
    """Every kronor figure the analysis holds."""
    result = analysis.result
    values = [result.total.cost]
    for org in result.organisations.values():
        values += [org.figures.cost, *(f.cost for f in org.by_step.values())]
    for group in result.groups.values():
        values += [group.figures.cost, *(f.cost for f in group.by_step.values())]
    values += [f.cost for f in result.total_by_step.values()]
    values += [t.figures.cost for t in result.tasks]
    values += [c for e in analysis.occasions for c in e.cost_by_organisation.values()]
    for bar in analysis.tornado:
        values += [bar.low_total, bar.high_total, bar.swing]
    simulation = analysis.simulation
    for bands in [*simulation.organisations.values(), *simulation.groups.values(),
                  simulation.total]:
        values += _bands(bands.cost)
    if analysis.annual is not None:
        year = analysis.annual
        values += [f.cost for f in (*year.organisations.values(), *year.groups.values(),
                                    year.total)]
    for compared in analysis.comparisons:
        comparison = compared.comparison
        values.append(compared.alternative.total.cost)
        differences = [*comparison.by_organisation.values(), *comparison.by_group.values(),
                       *comparison.by_role.values(), comparison.total,
                       *(d for by_org in comparison.by_step.values() for d in by_org.values())]
        for d in differences:
            values += [d.baseline.cost, d.alternative.cost, d.cost]
        values.append(comparison.gain)
        # Each step's change for the whole case, as several alternatives are shown side by side.
        base_steps = comparison.baseline.total_by_step
        alt_steps = comparison.alternative.total_by_step
        for step in dict.fromkeys([*base_steps, *alt_steps]):
            before = base_steps[step].cost if step in base_steps else 0.0
            after = alt_steps[step].cost if step in alt_steps else 0.0
            values += [before, after, after - before]
        gain = compared.gain
        for band in [gain.gain, *gain.by_organisation.values(), *gain.by_group.values()]:
            values += _bands(band)
        if compared.annual is not None:
            year_change = compared.annual
            values += [year_change.gain, year_change.total.cost,
                       *(c.cost for c in year_change.organisations.values()),
                       *(c.cost for c in year_change.groups.values())]
    # A figure may be said as its size ("costs 2 817 kr more" for a change of −2 817 kr).
    return values + [abs(v) for v in values]


def _shares(analysis: Analysis) -> list[float]:
    """Every share the analysis holds."""
    result = analysis.result
    figures: list[Figures] = [result.total, *(o.figures for o in result.organisations.values()),
                              *(g.figures for g in result.groups.values())]
    shares = [f.collaboration_share for f in figures]
    shares += list(analysis.salary_equivalents.values())
    for compared in analysis.comparisons:
        comparison = compared.comparison
        for d in [comparison.total, *comparison.by_organisation.values(),
                  *comparison.by_group.values()]:
            shares += [d.baseline.collaboration_share, d.alternative.collaboration_share]
        shares.append(compared.gain.probability_alternative_cheaper)
    conventions = analysis.case.conventions
    return shares + [conventions.overhead_share, conventions.productive_share]


def _formatted_kronor(analysis: Analysis) -> set[str]:
    return {kronor(v, "sv") for v in _costs(analysis)}


def _formatted_percent(analysis: Analysis) -> set[str]:
    return {percent(s, "sv", decimals) for s in _shares(analysis) for decimals in (0, 1)}


def _headlines(analysis: Analysis) -> set[str]:
    """Figures every document of the analysis shows."""
    result = analysis.result
    shown = {result.total.cost, *(g.figures.cost for g in result.groups.values())}
    # A comparison's documents give the change per year, the case's its cost per year.
    if analysis.annual is not None and not analysis.comparisons:
        shown.add(analysis.annual.total.cost)
    for compared in analysis.comparisons:
        shown.add(compared.comparison.gain)
        if compared.annual is not None:
            shown.add(compared.annual.gain)
    return {kronor(v, "sv") for v in shown}


def _check(text: str, analysis: Analysis, where: str) -> None:
    found_kronor = set(_KRONOR.findall(text))
    assert found_kronor, where
    strangers = found_kronor - _formatted_kronor(analysis)
    assert not strangers, f"{where}: kronor that are no figure of the analysis: {strangers}"
    found_percent = set(_PERCENT.findall(text))
    assert found_percent, where
    strangers = found_percent - _formatted_percent(analysis)
    assert not strangers, f"{where}: percentages that are no figure of the analysis: {strangers}"
    missing = _headlines(analysis) - found_kronor
    assert not missing, f"{where}: figures of the analysis not shown: {missing}"


def _page_text(html: str) -> str:
    """What a reader sees: the text and the charts' labels, without markup or the hidden
    values of form fields."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", "\u00a0")


def _pdf_text(pdf: bytes, folder: Path, *descriptions: str) -> str:
    """The PDF's text as the page's: pdftotext gives the narrow no-break space of thousands as
    an ordinary space, and table cells on lines of their own. The case's description (the
    author's text, with figures of its own) is taken out."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed")
    path = folder / "report.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    for description in descriptions:
        # Between two words: a line break, or a page break with the page's footer; a word
        # broken at its hyphen at the end of a line comes back without it.
        words = r"\s+(?:Sida \d+ av \d+\s+)?".join(
            re.escape(word).replace(r"\-", r"-?\s*") for word in description.split())
        text, found = re.subn(words, " ", text)
        assert found, "the description is in the PDF"
    # Thousands within a number on one line; a space after a digit elsewhere stays a space.
    text = re.sub(r"(?<=\d) (?=\d{3}(?:\D|$))", "\u202f", text)
    return re.sub(r"(?<=\d) %", "\u00a0%", text)


def _workbook_costs(xlsx: bytes) -> list[float]:
    """The figures of the workbook's result sheets (the input sheets hold inputs)."""
    book = load_workbook(BytesIO(xlsx))
    columns = {"Organisationer": [3], "Steg": None, "Uppgifter": [4], "Osäkerhet": [1, 2, 3, 4],
               "Jämförelse": [1, 2, 3, 4], "Per år": [2], "Arbetssätt": None}
    values: list[float] = []
    for sheet, wanted in columns.items():
        if sheet not in book.sheetnames:
            continue
        for row in book[sheet].iter_rows(min_row=2, values_only=True):
            if row and isinstance(row[0], str) and row[0].startswith("Chans"):
                continue  # a probability, not kronor
            if row and isinstance(row[0], str) and row[0].startswith("Tornado"):
                wanted = [1, 2, 3]  # the tornado's low, high and swing below the bands
                continue
            for index, value in enumerate(row):
                if index and (wanted is None or index in wanted) and isinstance(value,
                                                                                 int | float):
                    values.append(float(value))
    return values


def _check_workbook(xlsx: bytes, analysis: Analysis, where: str) -> None:
    expected = [round(v, 6) for v in _costs(analysis)]
    shown = _workbook_costs(xlsx)
    assert shown, where
    strangers = [v for v in shown if round(v, 6) not in expected
                 and not any(v == pytest.approx(e, rel=1e-9, abs=1e-6) for e in expected)]
    assert not strangers, f"{where}: figures that are no figure of the analysis: {strangers}"
    headline = [analysis.result.total.cost, *(c.comparison.gain for c in analysis.comparisons)]
    for value in headline:
        assert any(v == pytest.approx(value, rel=1e-12) for v in shown), (where, value)


def _documents(client, page_url: str, report_url: str, query: dict[str, object],
               folder: Path, *descriptions: str) -> dict[str, str | bytes]:
    page = client.get(page_url, query)
    assert page.status_code == 200
    html = client.get(report_url + "html", query)
    pdf = client.get(report_url + "pdf", query)
    xlsx = client.get(report_url + "xlsx", query)
    return {"page": _page_text(page.content.decode()),
            "report": _page_text(html.content.decode()),
            "pdf": _pdf_text(pdf.content, folder, *descriptions), "xlsx": xlsx.content}


def test_the_results_page_and_its_reports_show_the_figures_of_one_analysis(
        lucas_record: CaseRecord, viewer: User, tmp_path: Path) -> None:
    analysis = analyse(lucas_record.to_case(), cases_per_year=PER_YEAR)
    report_url = reverse("cases:report", args=[lucas_record.pk, "x"])[:-1]
    shown = _documents(client_for(viewer), reverse("cases:results", args=[lucas_record.pk]),
                       report_url, {"per_year": PER_YEAR}, tmp_path, analysis.case.description)
    for where in ("page", "report", "pdf"):
        _check(str(shown[where]), analysis, where)
    _check_workbook(bytes(shown["xlsx"]), analysis, "workbook")


def test_the_comparison_page_and_its_reports_show_the_figures_of_one_analysis(
        lucas_record: CaseRecord, variant_record: CaseRecord, owner: User,
        tmp_path: Path) -> None:
    analysis = analyse(lucas_record.to_case(), [variant_record.to_case()],
                       cases_per_year=PER_YEAR)
    query = {"baseline": lucas_record.pk, "alternative": variant_record.pk,
             "per_year": PER_YEAR}
    report_url = reverse("cases:compare_report", args=["x"])[:-1]
    shown = _documents(client_for(owner), reverse("cases:compare"), report_url, query,
                       tmp_path, analysis.case.description)
    for where in ("page", "report", "pdf"):
        _check(str(shown[where]), analysis, where)
    _check_workbook(bytes(shown["xlsx"]), analysis, "workbook")


def test_three_ways_of_working_on_the_page_and_in_its_reports_are_figures_of_one_analysis(
        lucas_record: CaseRecord, variant_record: CaseRecord, school, owner: User,
        tmp_path: Path) -> None:
    """Lucas against two alternatives at once, side by side: every figure on the page, in the
    HTML and PDF report and in the workbook is one of the analysis of all three cases."""
    from samverkan.formats.case_io import load_case
    from samverkan.web.cases import actions
    from tests.web.conftest import EXAMPLES

    third = actions.create_case(organisation=school, user=owner,
                                case=load_case(EXAMPLES / "lucas-skolsocionom.yaml"))
    analysis = analyse(lucas_record.to_case(), [third.to_case(), variant_record.to_case()],
                       cases_per_year=PER_YEAR)
    query = {"baseline": lucas_record.pk, "alternative": [third.pk, variant_record.pk],
             "per_year": PER_YEAR}
    report_url = reverse("cases:compare_report", args=["x"])[:-1]
    shown = _documents(client_for(owner), reverse("cases:compare"), report_url, query,
                       tmp_path, *(c.description for c in (analysis.case,
                                                           *analysis.alternative_cases)))
    for where in ("page", "report", "pdf"):
        _check(str(shown[where]), analysis, where)
        # Both gains are shown, per case and per year.
        for compared in analysis.comparisons:
            assert kronor(compared.comparison.gain) in str(shown[where]), where
    _check_workbook(bytes(shown["xlsx"]), analysis, "workbook")
    page = str(shown["page"])
    # The columns are in the order chosen, not the order of the list.
    header = page.split("Utgångsläge")[-1]
    assert header.index(third.name) < header.index(variant_record.name)


def test_with_ranges_the_page_and_its_reports_give_the_same_bands(
        school, owner: User, tmp_path: Path) -> None:
    """Lucas with an assumed range for every time: the bands are drawn, and the page, the
    report and the workbook draw them alike (one draw count, one seed)."""
    from samverkan.formats.case_io import load_case
    from samverkan.model import with_assumed_ranges
    from samverkan.web.cases import actions
    from tests.web.conftest import EXAMPLES

    case = with_assumed_ranges(load_case(EXAMPLES / "lucas.yaml"))
    record = actions.create_case(organisation=school, user=owner, case=case)
    analysis = analyse(record.to_case(), cases_per_year=PER_YEAR)
    assert analysis.uncertain
    report_url = reverse("cases:report", args=[record.pk, "x"])[:-1]
    shown = _documents(client_for(owner), reverse("cases:results", args=[record.pk]),
                       report_url, {"per_year": PER_YEAR}, tmp_path, case.description)
    band = analysis.simulation.total.cost
    for where in ("page", "report", "pdf"):
        _check(str(shown[where]), analysis, where)
        assert kronor(band.p10) in str(shown[where]) and kronor(band.p90) in str(shown[where])
    _check_workbook(bytes(shown["xlsx"]), analysis, "workbook")
    bands = load_workbook(BytesIO(bytes(shown["xlsx"])))["Osäkerhet"]
    total = next(row for row in bands.iter_rows(values_only=True) if row[0] == "Totalt")
    assert total[1:5] == pytest.approx((band.p10, band.p50, band.p90, band.mean), rel=1e-12)


def test_a_figure_the_analysis_does_not_hold_is_caught(lucas_record: CaseRecord) -> None:
    """The check itself can fail: the sum of both schools per step, as the step chart once
    labelled it, is no figure of the analysis."""
    analysis = analyse(lucas_record.to_case())
    step = analysis.case.steps[0].id
    both = sum(o.by_step[step].cost for o in analysis.result.organisations.values())
    with pytest.raises(AssertionError, match="no figure of the analysis"):
        _check(f"{kronor(analysis.result.total.cost)} {kronor(both)}", analysis, "chart")
