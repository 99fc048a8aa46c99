"""Pages that show a case's figures: results, timeline, a task's detail, the comparison of two
ways of working, and their reports (HTML, PDF, Excel).

Every figure comes from one `Analysis` (`samverkan.reports.analysis.analyse`), built from the
same inputs for a page and for its report, so the two agree to the krona; the rows are arranged
by `samverkan.web.cases.tables`.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse

from samverkan.formats.case_bounds import CasesPerYearError, parse_cases_per_year
from samverkan.model import Task
from samverkan.reports import charts
from samverkan.reports.analysis import Analysis, analyse
from samverkan.reports.files import write_report
from samverkan.reports.report import Report
from samverkan.reports.timeline import timeline_svg
from samverkan.web.accounts.access import (
    can_edit_case,
    get_case_for_user,
    is_owner_admin,
    visible_cases,
)
from samverkan.web.cases import tables
from samverkan.web.cases.forms import CompareForm, PerYearForm
from samverkan.web.cases.models import CaseRecord
from samverkan.web.language import page_language
from samverkan.web.report_responses import CONTENT_TYPES, document_response, report_style


def case_context(request: HttpRequest, record: CaseRecord) -> dict[str, Any]:
    """What every page of one case shows around its content: the case and what the user may do."""
    return {
        "record": record,
        "editable": can_edit_case(request.user, record),
        "owner_admin": is_owner_admin(request.user, record),
    }


def _given_per_year(request: HttpRequest, form: PerYearForm | CompareForm) -> float | None:
    """Cases per year from a page's field: None when the address has none (the case's own
    number counts), 0 for empty or 0 and for a value the form refuses (it says why)."""
    if "per_year" not in request.GET:
        return None
    return form.cleaned_data.get("per_year", 0.0) if form.is_valid() else 0.0


def case_results(request: HttpRequest, case_id: int) -> HttpResponse:
    record = get_case_for_user(request.user, case_id)
    case = record.to_case()
    # Unbound without the field, so that it shows the case's own number the figures use.
    form = PerYearForm(request.GET if "per_year" in request.GET else None,
                       initial={"per_year": case.cases_per_year})
    analysis = analyse(case, cases_per_year=_given_per_year(request, form))
    lang = page_language()
    context = case_context(request, record)
    context.update(tables.results_tables(analysis, lang))
    context["chart"] = charts.step_cost_chart(analysis.result, lang=lang)
    if context["tornado"]:
        context["tornado_chart"] = charts.tornado_chart(
            list(context["tornado"]), analysis.result.total.cost, lang=lang)
    context.update({
        "record_case": case,
        "form": form,  # the page's one form: its errors head the page
        "per_year": analysis.cases_per_year,
        "report_hidden": [],
    })
    return render(request, "cases/results.html", context)


def _task_link(record: CaseRecord) -> Any:
    def attrs(task: Task) -> dict[str, str]:
        url = reverse("cases:task", kwargs={"case_id": record.pk, "task_id": task.id})
        return {"href": url, "data-detail": url}
    return attrs


def case_timeline(request: HttpRequest, case_id: int) -> HttpResponse:
    record = get_case_for_user(request.user, case_id)
    result = analyse(record.to_case()).result
    lang = page_language()
    context = case_context(request, record)
    context["svg"] = timeline_svg(result, lang=lang, task_link=_task_link(record))
    context["record_case"] = result.case
    context.update(tables.timeline_table(result, lang))
    return render(request, "cases/timeline.html", context)


def task_detail(request: HttpRequest, case_id: int, task_id: str) -> HttpResponse:
    record = get_case_for_user(request.user, case_id)
    result = analyse(record.to_case()).result
    detail = tables.task_detail(result, task_id, page_language())
    if detail is None:
        raise Http404
    context = case_context(request, record)
    context["task"] = detail
    if request.headers.get("HX-Request"):
        return render(request, "cases/_task_detail.html", context)
    return render(request, "cases/task.html", context)


def comparison(request: HttpRequest) -> HttpResponse:
    cases = list(visible_cases(request.user).order_by("name", "id"))
    choices = [(str(c.pk), f"{c.name} ({c.organisation.name})") for c in cases]
    context: dict[str, Any] = {}
    if "baseline" in request.GET:
        form = CompareForm(request.GET, choices=choices)
        if form.is_valid():
            base = get_case_for_user(request.user, int(form.cleaned_data["baseline"]))
            alt = get_case_for_user(request.user, int(form.cleaned_data["alternative"]))
            analysis = analyse(base.to_case(), [alt.to_case()],
                               cases_per_year=_given_per_year(request, form))
            compared = analysis.comparisons[0]
            result = compared.comparison
            lang = page_language()
            context.update(tables.comparison_tables(result, lang))
            context.update(tables.gain_tables(compared, lang))
            context.update(tables.annual_comparison_tables(compared, lang))
            context.update({
                "baseline": base, "alternative": alt,
                "report_hidden": [("baseline", base.pk), ("alternative", alt.pk)],
                "chart": charts.comparison_chart(result, lang=lang),
                "conventions": [(record.name, r.case.conventions) for record, r in
                                ((base, result.baseline), (alt, result.alternative))],
                "per_year": analysis.cases_per_year,
                # The investment case needs the alternative's economics section.
                "alternative_economics": analysis.alternative_cases[0].economics is not None,
            })
    else:
        initial = {}
        if len(cases) >= 2:
            initial = {"baseline": str(cases[0].pk), "alternative": str(cases[1].pk)}
        form = CompareForm(initial=initial, choices=choices)
    context["form"] = form
    context["has_cases"] = bool(cases)
    return render(request, "cases/compare.html", context)


def _per_year(request: HttpRequest) -> float | None:
    """Cases per year from a report's address: None when not given (the case's own number
    counts); 0 or empty for no annual figures; anything unusable raises `CasesPerYearError`."""
    if "per_year" not in request.GET:
        return None
    return parse_cases_per_year(request.GET["per_year"])


def _refused(error: CasesPerYearError) -> HttpResponse:
    """A report address with a value that cannot be used: what is wrong, in plain words."""
    return HttpResponseBadRequest(error.message(page_language()),
                                  content_type="text/plain; charset=utf-8")


def _report_response(analysis: Analysis, fmt: str, stem: str) -> HttpResponse:
    report = Report(analysis)
    return document_response(fmt, stem, lambda path: write_report(report, path))


@report_style
def case_report(request: HttpRequest, case_id: int, fmt: str) -> HttpResponse:
    """The report of one case as HTML, PDF or Excel."""
    record = get_case_for_user(request.user, case_id)
    if fmt not in CONTENT_TYPES:
        raise Http404
    try:
        per_year = _per_year(request)
    except CasesPerYearError as error:
        return _refused(error)
    analysis = analyse(record.to_case(), cases_per_year=per_year)
    return _report_response(analysis, fmt, f"rapport-{record.pk}")


@report_style
def comparison_report(request: HttpRequest, fmt: str) -> HttpResponse:
    """The report of a comparison of two cases the user may see."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    try:
        base_id, alt_id = int(request.GET["baseline"]), int(request.GET["alternative"])
    except (KeyError, ValueError):
        raise Http404 from None
    base = get_case_for_user(request.user, base_id)
    alt = get_case_for_user(request.user, alt_id)
    try:
        per_year = _per_year(request)
    except CasesPerYearError as error:
        return _refused(error)
    analysis = analyse(base.to_case(), [alt.to_case()], cases_per_year=per_year)
    return _report_response(analysis, fmt, f"jamforelse-{base.pk}-{alt.pk}")
