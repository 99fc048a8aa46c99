"""Pages that show a case's figures: results, timeline, a task's detail, the comparison of two
ways of working, and their reports (HTML, PDF, Excel).

Every figure comes from one `Analysis` (`samverkan.reports.analysis.analyse`), built from the
same inputs for a page and for its report, so the two agree to the krona; the rows are arranged
by `samverkan.web.cases.tables`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse

from samverkan.formats.case_bounds import CasesPerYearError, parse_cases_per_year
from samverkan.model import Task
from samverkan.reports import charts
from samverkan.reports.analysis import Analysis, analyse
from samverkan.reports.files import write_report
from samverkan.reports.report import Report
from samverkan.reports.side_by_side import MAX_ALTERNATIVES
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
            context.update(_compared(request, form))
    else:
        initial: dict[str, Any] = {}
        if len(cases) >= 2:
            initial = {"baseline": str(cases[0].pk), "alternative": [str(cases[1].pk)]}
        form = CompareForm(initial=initial, choices=choices)
    context["form"] = form
    context["has_cases"] = bool(cases)
    return render(request, "cases/compare.html", context)


def _compared(request: HttpRequest, form: CompareForm) -> dict[str, Any]:
    """The figures of the baseline against the alternatives chosen: one alternative at length,
    several side by side."""
    base = get_case_for_user(request.user, int(form.cleaned_data["baseline"]))
    alts = [get_case_for_user(request.user, int(pk)) for pk in form.cleaned_data["alternative"]]
    analysis = analyse(base.to_case(), [a.to_case() for a in alts],
                       cases_per_year=_given_per_year(request, form))
    report_hidden = [("baseline", base.pk), *(("alternative", a.pk) for a in alts)]
    # The investment case needs an economics section: offered for the alternatives with one.
    invest_query = urlencode([("baseline", base.pk), *(
        ("alternatives", a.pk) for a, case in zip(alts, analysis.alternative_cases, strict=True)
        if case.economics is not None),
        *([("per_year", f"{analysis.cases_per_year:g}")] if analysis.cases_per_year else [])])
    invest = {"invest_query": invest_query} if "alternatives" in invest_query else {}
    if len(alts) > 1:
        return _several(analysis, base, alts, report_hidden) | invest
    alt = alts[0]
    compared = analysis.comparisons[0]
    result = compared.comparison
    lang = page_language()
    return {
        **tables.comparison_tables(result, lang),
        **tables.gain_tables(compared, lang),
        **tables.annual_comparison_tables(compared, lang),
        "baseline": base, "alternative": alt,
        "report_hidden": report_hidden,
        "chart": charts.comparison_chart(result, lang=lang),
        "conventions": [(record.name, r.case.conventions) for record, r in
                        ((base, result.baseline), (alt, result.alternative))],
        "per_year": analysis.cases_per_year,
    } | invest


def _several(analysis: Analysis, base: CaseRecord, alts: list[CaseRecord],
             report_hidden: list[tuple[str, int]]) -> dict[str, Any]:
    """The page's figures for several alternatives: a column each, in the order chosen."""
    lang = page_language()
    sides = tables.side_by_side_tables(analysis, lang)
    return {
        **sides,
        "baseline": base, "alternatives": alts,
        "report_hidden": report_hidden,
        "chart": charts.alternatives_chart(sides["sides"], lang=lang),
        "conventions": [(base.name, analysis.case.conventions),
                        *((a.name, c.alternative.case.conventions)
                          for a, c in zip(alts, analysis.comparisons, strict=True))],
        "per_year": analysis.cases_per_year,
    }


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
        base_id = int(request.GET["baseline"])
        alt_ids = [int(value) for value in request.GET.getlist("alternative")]
    except (KeyError, ValueError):
        raise Http404 from None
    if not 1 <= len(alt_ids) <= MAX_ALTERNATIVES:
        raise Http404
    base = get_case_for_user(request.user, base_id)
    alts = [get_case_for_user(request.user, alt_id) for alt_id in alt_ids]
    try:
        per_year = _per_year(request)
    except CasesPerYearError as error:
        return _refused(error)
    analysis = analyse(base.to_case(), [a.to_case() for a in alts], cases_per_year=per_year)
    stem = "-".join(str(pk) for pk in (base.pk, *(a.pk for a in alts)))
    return _report_response(analysis, fmt, f"jamforelse-{stem}")
