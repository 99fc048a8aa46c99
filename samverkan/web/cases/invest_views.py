"""The investment case on the web: does a way of working pay, for whom, and when?

A page per set of alternatives, chosen as on the comparison page from the cases the user may
see, with every choice in the address so that it can be shared; and its report as HTML, PDF or
the workbook of live formulas. The figures are `Analysis.investments`, the same as the command
line's (`samverkan invest`), and the page shows them through the report's own context
(`samverkan.reports.investment_report.investment_context`): the page holds no arithmetic.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from samverkan.errors import SamverkanError
from samverkan.formats.price_list import default_price_list
from samverkan.reports.analysis import Analysis, analyse
from samverkan.reports.files import write_investment
from samverkan.reports.investment_report import investment_context
from samverkan.web.accounts.access import (
    editable_organisations,
    get_case_for_user,
    get_price_list_for_user,
    price_lists_for_user,
    visible_cases,
)
from samverkan.web.cases.invest_forms import InvestForm
from samverkan.web.cases.models import CaseRecord
from samverkan.web.language import page_language
from samverkan.web.report_responses import CONTENT_TYPES, document_response, report_style

__all__ = ["investment", "investment_report", "PDF_ALTERNATIVE_YEARS"]

# WeasyPrint lays out each year's row of every organisation's table: about 20 s for 5
# alternatives over 10 years or 2 over 25 (bench/investment_outputs.py), while a request may
# take 30 s. Beyond this many alternative-years the PDF is refused with a way round.
PDF_ALTERNATIVE_YEARS = 50


def _form(request: HttpRequest, bound: bool) -> InvestForm:
    cases = list(visible_cases(request.user).order_by("name", "id"))
    choices = [(str(c.pk), f"{c.name} ({c.organisation.name})") for c in cases]
    # Only an alternative that states its economics (and so its outcome condition) has an
    # investment case; the others are left out of the list rather than refused later.
    with_economics = [(str(c.pk), f"{c.name} ({c.organisation.name})") for c in cases
                      if isinstance(c.data, dict) and c.data.get("economics")]
    initial: dict[str, Any] = {}
    if not bound and cases:
        # A link from a case's page names the baseline only: the form starts from it.
        asked = request.GET.get("baseline", "")
        initial["baseline"] = asked if asked in dict(choices) else str(cases[0].pk)
    price_choices = [(str(p.pk), f"{p.name} ({p.organisation.name})")
                     for p in price_lists_for_user(request.user)]
    return InvestForm(request.GET if bound else None, initial=initial, choices=choices,
                      alternative_choices=with_economics, price_choices=price_choices)


def _analysis(request: HttpRequest, form: InvestForm) -> tuple[Analysis, list[CaseRecord]]:
    """The analysis of a valid form's cases, each fetched as the user may see it."""
    data = form.cleaned_data
    base = get_case_for_user(request.user, int(data["baseline"]))
    others = [get_case_for_user(request.user, int(pk)) for pk in data["alternatives"]]
    per_year = data.get("per_year") if request.GET.get("per_year", "").strip() else None
    prices = (get_price_list_for_user(request.user, int(data["prices"])).to_price_list()
              if data.get("prices") else default_price_list())
    analysis = analyse(base.to_case(), [o.to_case() for o in others], cases_per_year=per_year,
                       years=data["years"], discount_rate=data["discount"], prices=prices)
    return analysis, [base, *others]


def _no_cases_per_year() -> str:
    return _("The investment case needs cases per year: give a number above 0, or state "
             "cases per year in the baseline case.")


@require_safe
def investment(request: HttpRequest) -> HttpResponse:
    # The form's own submission always carries the horizon, a link from the comparison the
    # alternative; a link naming only the baseline opens the form with it chosen, no errors.
    bound = "years" in request.GET or "alternatives" in request.GET
    form = _form(request, bound)
    choices = form.fields["baseline"].choices  # type: ignore[attr-defined]
    context: dict[str, Any] = {"form": form, "has_cases": bool(choices),
                               "price_list_links": editable_organisations(request.user)}
    if bound and form.is_valid():
        analysis, records = _analysis(request, form)
        if not analysis.cases_per_year:
            form.add_error("per_year", _no_cases_per_year())
        else:
            lang = page_language()
            try:
                context["invest"] = investment_context(analysis, lang)
            except SamverkanError as error:
                context["problems"] = [{"place": "", "text":
                                        p.en if lang == "en" else p.sv} for p in error.problems]
            else:
                context["records"] = records
                context["report_query"] = request.GET.urlencode()
                context["pdf_allowed"] = (len(records) - 1) * analysis.years <= (
                    PDF_ALTERNATIVE_YEARS)
                context["pdf_budget"] = PDF_ALTERNATIVE_YEARS
    return render(request, "cases/invest.html", context)


@require_safe
@report_style
def investment_report(request: HttpRequest, fmt: str) -> HttpResponse:
    """The investment case of the page's choices as HTML, PDF or the workbook; a case the user
    may not see is not found, as everywhere (`samverkan.web.accounts.access`)."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    try:
        ids = [int(request.GET["baseline"]), *map(int, request.GET.getlist("alternatives"))]
    except (KeyError, ValueError):
        raise Http404 from None
    for case_id in ids:
        get_case_for_user(request.user, case_id)
    if request.GET.get("prices", "").strip():
        try:
            get_price_list_for_user(request.user, int(request.GET["prices"]))
        except ValueError:
            raise Http404 from None
    form = _form(request, True)
    lang = page_language()
    if not form.is_valid():
        lines = [f"{form.fields[name].label}: {' '.join(str(e) for e in errors)}"
                 for name, errors in form.errors.items() if name in form.fields]
        return HttpResponseBadRequest("\n".join(lines) or _("The choices cannot be used."),
                                      content_type="text/plain; charset=utf-8")
    if fmt == "pdf" and (len(form.cleaned_data["alternatives"]) * form.cleaned_data["years"]
                         > PDF_ALTERNATIVE_YEARS):
        return HttpResponseBadRequest(
            _("The PDF of this many alternatives and years takes too long to make here: "
              "choose fewer alternatives or years, or open the report as a web page and print "
              "it, or download the workbook."), content_type="text/plain; charset=utf-8")
    analysis, records = _analysis(request, form)
    if not analysis.cases_per_year:
        return HttpResponseBadRequest(_no_cases_per_year(),
                                      content_type="text/plain; charset=utf-8")
    try:
        analysis.investments  # noqa: B018 (computed now, so that a refusal is a 400)
    except SamverkanError as error:
        return HttpResponseBadRequest(error.message(lang),
                                      content_type="text/plain; charset=utf-8")
    stem = "investering-" + "-".join(str(r.pk) for r in records)
    return document_response(fmt, stem,
                             lambda path: write_investment(analysis, path, fmt, lang))
