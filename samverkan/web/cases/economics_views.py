"""The investment case's part of the case editor: the outcome condition, investments and
later interventions avoided, each line added, changed or removed on a page of its own.

Every save is one edit of `samverkan.model.edit` on the section as a whole, the element
("economics", ""): lines are named by their place in the list, so a colleague's change to the
section since the page was shown refuses the save (409, both versions side by side) rather than
changing another line than the one the user saw. Kronor a year come from the model.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from samverkan.formats.price_list import default_price_list
from samverkan.model import Case, Investment, PriceList
from samverkan.model import edit as edits
from samverkan.model.edit import ECONOMICS, fingerprint
from samverkan.model.investment import investment_kronor_per_year
from samverkan.reports.labels import number, percent
from samverkan.web.accounts.access import get_case_for_editor
from samverkan.web.cases.economics_forms import (
    AvoidedForm,
    InvestmentForm,
    OutcomeForm,
    avoided_initial,
    investment_initial,
)
from samverkan.web.cases.editing import Outcome, lang, try_edit
from samverkan.web.cases.element_forms import ConfirmForm
from samverkan.web.cases.models import CaseRecord
from samverkan.web.cases.structure_views import form_page, say_removal


@lru_cache(maxsize=1)
def price_list() -> PriceList:
    """The shipped illustrative price list: read once, it does not change while serving."""
    return default_price_list()


def _back(record: CaseRecord, part: str = "") -> HttpResponse:
    return redirect(reverse("cases:economics", args=[record.pk]) + (f"#{part}" if part else ""))


def _save(request: HttpRequest, record: CaseRecord, base: str,
          edit: Callable[[Case], Case], summary: str) -> Outcome:
    return try_edit(record=record, user=request.user, bases={ECONOMICS: base}, edit=edit,
                    summary=summary)


def _names(items: Any) -> list[tuple[str, str]]:
    return [(item.id, item.name) for item in items]


def amount_text(case: Case, item: Investment) -> str:
    """An investment's amount in words: a post, days of people, or kronor."""
    here = lang()
    role = next((r.name for r in case.roles if r.id == item.role), "")
    if item.fte is not None:
        text = _("%(share)s of full time as %(role)s") % {
            "share": percent(item.fte, here), "role": role}
    elif item.days is not None:
        text = _("%(days)s days of %(role)s") % {"days": number(item.days, here, 1),
                                                 "role": role}
    else:
        return _("Kronor")
    if item.people != 1:
        text += " × " + number(item.people, here, 1)
    return text


def years_text(first: int, last: int) -> str:
    if first == last:
        return _("year %(n)s") % {"n": first}
    return _("years %(a)s–%(b)s") % {"a": first, "b": last}


def economics(request: HttpRequest, case_id: int) -> HttpResponse:
    """The section at a glance, and its outcome condition's form."""
    record = get_case_for_editor(request.user, case_id)
    case = record.to_case()
    outcome = None
    if request.method == "POST":
        form = OutcomeForm(request.POST)
        if form.is_valid():
            v = form.cleaned_data
            outcome = _save(request, record, v["base"], lambda c: edits.set_outcome(
                c, assumption=v["assumption"], source=v["source"]), "utfallsvillkor")
            if outcome.record is not None:
                messages.success(request, _("The outcome condition was saved."))
                return _back(record)
    else:
        present = case.economics
        form = OutcomeForm(initial={
            "assumption": present.outcome.assumption if present else "",
            "source": present.outcome.source if present else "",
            "base": fingerprint(case, ECONOMICS)})
    return form_page(request, "cases/economics.html", record, outcome, form=form, case=case,
                     **_lines(case))


def _lines(case: Case) -> dict[str, Any]:
    present = case.economics
    if present is None:
        return {"investments": [], "avoided": [], "started": False}
    orgs = {o.id: o.name for o in case.organisations}
    prices = price_list()
    here = lang()
    return {
        "started": True,
        "investments": [{
            "index": n, "item": i, "org": orgs.get(i.org, i.org),
            "amount": amount_text(case, i), "years": years_text(i.from_year, i.to_year),
            "kronor": investment_kronor_per_year(i, case)}
            for n, i in enumerate(present.investments)],
        "avoided": [{
            "index": n, "item": a, "org": orgs.get(a.org, a.org),
            "name": _price_name(prices, a.intervention),
            "unit": _price_unit(prices, a.intervention),
            "share": " – ".join(percent(s, here, 1) for s in (
                a.cases_share.low, a.cases_share.likely, a.cases_share.high)),
            "years": years_text(1 + a.years_after, a.years_after + a.for_years)}
            for n, a in enumerate(present.avoided)],
    }


def _price_name(prices: PriceList, intervention: str) -> str:
    price = prices.price(intervention)
    return price.name if price is not None else intervention


def _price_unit(prices: PriceList, intervention: str) -> str:
    price = prices.price(intervention)
    return price.unit if price is not None else ""


def _line_or_404(items: tuple[Any, ...], index: int) -> Any:
    if index >= len(items):
        raise Http404
    return items[index]


# ---------------------------------------------------------------- investments


def _investment_form(case: Case, data: Any = None, **kwargs: Any) -> InvestmentForm:
    return InvestmentForm(data, organisations=lambda: _names(case.organisations),
                          roles=lambda: _names(case.roles), **kwargs)


def investment(request: HttpRequest, case_id: int, index: int | None = None) -> HttpResponse:
    """A new investment (no index) or the one at its place in the list."""
    record = get_case_for_editor(request.user, case_id)
    case = record.to_case()
    if case.economics is None:
        return _back(record)
    item = _line_or_404(case.economics.investments, index) if index is not None else None
    outcome = None
    if request.method == "POST":
        form = _investment_form(case, request.POST)
        if form.is_valid():
            new = form.investment()
            edit: Callable[[Case], Case] = (
                (lambda c: edits.add_investment(c, new)) if index is None
                else (lambda c: edits.replace_investment(c, index, new)))
            outcome = _save(request, record, form.cleaned_data["base"], edit, "investering")
            if outcome.record is not None:
                messages.success(request, _("The investment %(name)s was saved.")
                                 % {"name": new.name})
                return _back(record, "investments")
    else:
        initial = investment_initial(item) if item is not None else {"from_year": 1,
                                                                     "to_year": 1}
        form = _investment_form(case, initial={**initial,
                                               "base": fingerprint(case, ECONOMICS)})
    return form_page(request, "cases/investment.html", record, outcome, form=form, item=item,
                     index=index,
                     remove=ConfirmForm(initial={"base": fingerprint(case, ECONOMICS)}))


def _remove(request: HttpRequest, case_id: int, remove: Callable[[Case], Case],
            done: str, part: str) -> HttpResponse:
    record = get_case_for_editor(request.user, case_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ConfirmForm(request.POST)
    base = form.cleaned_data["base"] if form.is_valid() else ""
    say_removal(request, _save(request, record, base, remove,
                               "borttagen rad i investeringskalkylen"), done)
    return _back(record, part)


def investment_remove(request: HttpRequest, case_id: int, index: int) -> HttpResponse:
    return _remove(request, case_id, lambda c: edits.remove_investment(c, index),
                   _("The investment was removed."), "investments")


# ---------------------------------------------------------------- avoided interventions


def _avoided_form(case: Case, data: Any = None, **kwargs: Any) -> AvoidedForm:
    prices = price_list()
    listed = [(p.id, f"{p.name} ({p.unit})") for p in prices.prices]
    # A line whose intervention is not in the list (a case file from elsewhere) keeps it.
    used = [(a.intervention, a.intervention) for a in
            (case.economics.avoided if case.economics else ())
            if prices.price(a.intervention) is None]
    return AvoidedForm(data, interventions=lambda: [*listed, *dict(used).items()],
                       organisations=lambda: _names(case.organisations), **kwargs)


def avoided(request: HttpRequest, case_id: int, index: int | None = None) -> HttpResponse:
    """A new avoided intervention (no index) or the one at its place in the list."""
    record = get_case_for_editor(request.user, case_id)
    case = record.to_case()
    if case.economics is None:
        return _back(record)
    item = _line_or_404(case.economics.avoided, index) if index is not None else None
    outcome = None
    if request.method == "POST":
        form = _avoided_form(case, request.POST)
        if form.is_valid():
            new = form.avoided()
            # An intervention the case already names stays allowed though the list lacks it.
            prices = (None if any(a.intervention == new.intervention
                                  for a in case.economics.avoided) else price_list())
            edit: Callable[[Case], Case] = (
                (lambda c: edits.add_avoided(c, new, prices)) if index is None
                else (lambda c: edits.replace_avoided(c, index, new, prices)))
            outcome = _save(request, record, form.cleaned_data["base"], edit,
                            "undviken insats")
            if outcome.record is not None:
                messages.success(request, _("The avoided intervention was saved."))
                return _back(record, "avoided")
    else:
        initial: dict[str, Any] = (avoided_initial(item) if item is not None else
                                   {"years_after": 0, "for_years": 1})
        form = _avoided_form(case, initial={**initial, "base": fingerprint(case, ECONOMICS)})
    return form_page(request, "cases/avoided.html", record, outcome, form=form, item=item,
                     index=index, illustrative=price_list().illustrative,
                     remove=ConfirmForm(initial={"base": fingerprint(case, ECONOMICS)}))


def avoided_remove(request: HttpRequest, case_id: int, index: int) -> HttpResponse:
    return _remove(request, case_id, lambda c: edits.remove_avoided(c, index),
                   _("The avoided intervention was removed."), "avoided")

