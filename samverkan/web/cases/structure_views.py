"""Pages that edit a case's structure in forms: its own fields, organisations, roles, steps.

Every save is one edit of one element (`samverkan.model.edit`) applied to the latest version
through `editing.try_edit`; a form carries the fingerprint of the element it shows, so only a
colleague's change to that same element refuses it (409, both versions side by side, the
user's input kept).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from samverkan.errors import CaseEditError, Place, Problem
from samverkan.model import Case, compute
from samverkan.model import edit as edits
from samverkan.model.edit import CASE_FIELDS, ElementRef, fingerprint
from samverkan.web.accounts.access import (
    can_edit_case,
    get_case_for_editor,
    is_owner_admin,
)
from samverkan.web.cases.editing import Outcome, group_name, try_edit, weeks_text
from samverkan.web.cases.element_forms import (
    CaseFieldsForm,
    ConfirmForm,
    ExchangeForm,
    OrganisationForm,
    RoleForm,
    StepElementForm,
    plain,
)
from samverkan.web.cases.models import CaseRecord, SalaryTable


def context_for(request: HttpRequest, record: CaseRecord, **extra: Any) -> dict[str, Any]:
    return {"record": record, "editable": can_edit_case(request.user, record),
            "owner_admin": is_owner_admin(request.user, record), **extra}


def form_page(request: HttpRequest, template: str, record: CaseRecord,
              outcome: Outcome | None, **extra: Any) -> HttpResponse:
    context = context_for(request, record, **extra)
    if outcome is not None:
        context.update({"problems": outcome.problems, "conflict": outcome.conflict})
    return render(request, template, context, status=outcome.status if outcome else 200)


def case_editor(request: HttpRequest, case_id: int) -> HttpResponse:
    """The editor's start: the case's fields, organisations, roles, steps and tasks by name."""
    record = get_case_for_editor(request.user, case_id)
    case = record.to_case()
    costs = {t.task_id: t.figures.cost for t in compute(case).tasks}
    org_names = {o.id: o.name for o in case.organisations}
    steps = [{
        "step": step, "weeks": weeks_text(step.weeks),
        "tasks": [{"task": t, "org": org_names.get(t.org, t.org),
                   "exchange": case.exchange_name(t.exchange) if t.exchange else "",
                   "cost": costs.get(t.id, 0.0)}
                  for t in step.tasks],
    } for step in case.steps]
    used_orgs = {t.org for t in case.tasks}
    used_roles = {p.role for t in case.tasks for p in t.participants}
    return render(request, "cases/edit.html", context_for(
        request, record, case=case, steps=steps,
        organisations=[{"org": o, "group": group_name(o.group), "used": o.id in used_orgs}
                       for o in case.organisations],
        roles=[{"role": r, "used": r.id in used_roles} for r in case.roles],
        not_counted=[o.name for o in case.left_out_of_means],
        exchanges=[{"exchange": e, "tasks": sum(1 for t in case.tasks if t.exchange == e.id)}
                   for e in case.named_exchanges],
        salary_tables=SalaryTable.objects.filter(
            organisation__memberships__user_id=request.user.pk or -1).select_related(
                "organisation"),
    ))


def _after_adding(request: HttpRequest, record: CaseRecord, again: str) -> HttpResponse:
    """Back to the editor, or a blank form for the next one ("Save and add another")."""
    if "another" in request.POST:
        return redirect(f"cases:{again}", case_id=record.pk)
    return redirect("cases:edit", case_id=record.pk)


def _form_outcome(request: HttpRequest, record: CaseRecord, form: Any, ref: ElementRef | None,
                  edit: Callable[[dict[str, Any]], Callable[[Case], Case]],
                  summary: str) -> Outcome | None:
    """Validate a posted form and apply its edit; None while the form itself has errors."""
    if not form.is_valid():
        return None
    bases = {ref: form.cleaned_data["base"]} if ref is not None else {}
    return try_edit(record=record, user=request.user, bases=bases,
                    edit=edit(form.cleaned_data), summary=summary)


def case_fields(request: HttpRequest, case_id: int) -> HttpResponse:
    record = get_case_for_editor(request.user, case_id)
    case = record.to_case()
    outcome = None
    if request.method == "POST":
        form = CaseFieldsForm(request.POST)
        outcome = _form_outcome(request, record, form, CASE_FIELDS, lambda v: lambda c: (
            edits.set_case_fields(
                c, name=v["name"], description=v["description"],
                hours_per_month=v["hours_per_month"], cases_per_year=v["cases_per_year"],
                overhead_share=v["overhead_percent"] / 100,
                productive_share=v["productive_percent"] / 100)), "typfallets uppgifter")
        if outcome is not None and outcome.record is not None:
            messages.success(request, _("The case's details were saved."))
            return redirect("cases:edit", case_id=record.pk)
    else:
        form = CaseFieldsForm(initial={
            "name": case.name, "description": case.description,
            "hours_per_month": plain(case.hours_per_month),
            "cases_per_year": plain(case.cases_per_year),
            "overhead_percent": plain(round(case.conventions.overhead_share * 100, 6)),
            "productive_percent": plain(round(case.conventions.productive_share * 100, 6)),
            "base": fingerprint(case, CASE_FIELDS)})
    return form_page(request, "cases/case_fields.html", record, outcome, form=form)


# ---------------------------------------------------------------- organisations


def organisation_add(request: HttpRequest, case_id: int) -> HttpResponse:
    record = get_case_for_editor(request.user, case_id)
    outcome = None
    form = OrganisationForm(request.POST or None)
    if request.method == "POST":
        outcome = _form_outcome(request, record, form, None, lambda v: lambda c: (
            edits.add_organisation(c, name=v["name"], group=v["group"])), "ny organisation")
        if outcome is not None and outcome.record is not None:
            messages.success(request, _("The organisation %(name)s was added.")
                             % {"name": form.cleaned_data["name"]})
            return _after_adding(request, record, "organisation_add")
    return form_page(request, "cases/organisation.html", record, outcome, form=form, adding=True)


def _organisation_or_404(case: Case, org_id: str) -> Any:
    org = next((o for o in case.organisations if o.id == org_id), None)
    if org is None:
        raise Http404
    return org


def organisation_edit(request: HttpRequest, case_id: int, org_id: str) -> HttpResponse:
    record = get_case_for_editor(request.user, case_id)
    case = record.to_case()
    org = _organisation_or_404(case, org_id)
    ref: ElementRef = ("organisation", org_id)
    outcome = None
    if request.method == "POST":
        form = OrganisationForm(request.POST)
        outcome = _form_outcome(request, record, form, ref, lambda v: lambda c: (
            edits.set_organisation_group(edits.rename_organisation(c, org_id, v["name"]),
                                         org_id, v["group"])), "organisation")
        if outcome is not None and outcome.record is not None:
            messages.success(request, _("The organisation was saved."))
            return redirect("cases:edit", case_id=record.pk)
    else:
        form = OrganisationForm(initial={"name": org.name, "group": org.group,
                                         "base": fingerprint(case, ref)})
    return form_page(request, "cases/organisation.html", record, outcome, form=form, org=org,
                     used=len(edits.tasks_using_organisation(case, org_id)),
                     remove=ConfirmForm(initial={"base": fingerprint(case, ref)}))


def organisation_remove(request: HttpRequest, case_id: int, org_id: str) -> HttpResponse:
    return _remove(request, case_id, "organisation", org_id, edits.remove_organisation,
                   _("The organisation was removed."))


def _remove(request: HttpRequest, case_id: int, kind: str, key: str,
            remove: Callable[[Case, str], Case], done: str) -> HttpResponse:
    record = get_case_for_editor(request.user, case_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ConfirmForm(request.POST)
    base = form.cleaned_data["base"] if form.is_valid() else ""
    outcome = try_edit(record=record, user=request.user, bases={(kind, key): base},
                       edit=lambda c: remove(c, key), summary=f"borttagen {kind}")
    say_removal(request, outcome, done)
    return redirect("cases:edit", case_id=record.pk)


def say_removal(request: HttpRequest, outcome: Outcome, done: str) -> None:
    """What became of a removal, said on the page the user goes back to."""
    if outcome.record is not None:
        messages.success(request, done)
        return
    for problem in outcome.problems:
        messages.error(request, problem["text"])
    if outcome.conflict:
        messages.error(request, _("Someone else changed it since you opened the page; "
                                  "nothing was removed. Look at it again."))


def _move(request: HttpRequest, case_id: int, key: str,
          move: Callable[[Case, str, int], Case], items: Callable[[Case], tuple[Any, ...]]
          ) -> HttpResponse:
    record = get_case_for_editor(request.user, case_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):  # only a forged post sends anything else
        return redirect("cases:edit", case_id=record.pk)
    step = -1 if direction == "up" else 1

    def moved(case: Case) -> Case:
        ids = [item.id for item in items(case)]
        if key not in ids:
            raise CaseEditError([Problem(Place(), "Det finns inte längre i typfallet.",
                                         "It is no longer in the case.")])
        return move(case, key, max(0, ids.index(key) + step))

    outcome = try_edit(record=record, user=request.user, bases={}, edit=moved,
                       summary="ordning")
    for problem in outcome.problems:
        messages.error(request, problem["text"])
    return redirect("cases:edit", case_id=record.pk)


def organisation_move(request: HttpRequest, case_id: int, org_id: str) -> HttpResponse:
    return _move(request, case_id, org_id, edits.move_organisation,
                 lambda c: c.organisations)


# ---------------------------------------------------------------- roles


def role_add(request: HttpRequest, case_id: int) -> HttpResponse:
    record = get_case_for_editor(request.user, case_id)
    outcome = None
    form = RoleForm(request.POST or None)
    if request.method == "POST":
        outcome = _form_outcome(request, record, form, None, lambda v: lambda c: (
            edits.add_role(c, name=v["name"], monthly_cost=v["monthly_cost"])), "ny yrkesgrupp")
        if outcome is not None and outcome.record is not None:
            messages.success(request, _("The role %(name)s was added.")
                             % {"name": form.cleaned_data["name"]})
            return _after_adding(request, record, "role_add")
    return form_page(request, "cases/role.html", record, outcome, form=form, adding=True)


def role_edit(request: HttpRequest, case_id: int, role_id: str) -> HttpResponse:
    record = get_case_for_editor(request.user, case_id)
    case = record.to_case()
    role = next((r for r in case.roles if r.id == role_id), None)
    if role is None:
        raise Http404
    ref: ElementRef = ("role", role_id)
    outcome = None
    if request.method == "POST":
        form = RoleForm(request.POST)
        outcome = _form_outcome(request, record, form, ref, lambda v: lambda c: (
            edits.set_role_cost(edits.rename_role(c, role_id, v["name"]), role_id,
                                v["monthly_cost"])), "yrkesgrupp")
        if outcome is not None and outcome.record is not None:
            messages.success(request, _("The role was saved."))
            return redirect("cases:edit", case_id=record.pk)
    else:
        form = RoleForm(initial={"name": role.name, "monthly_cost": plain(role.monthly_cost),
                                 "base": fingerprint(case, ref)})
    return form_page(request, "cases/role.html", record, outcome, form=form, role=role,
                     used=len(edits.tasks_using_role(case, role_id)),
                     remove=ConfirmForm(initial={"base": fingerprint(case, ref)}))


def role_remove(request: HttpRequest, case_id: int, role_id: str) -> HttpResponse:
    return _remove(request, case_id, "role", role_id, edits.remove_role,
                   _("The role was removed."))


# ---------------------------------------------------------------- exchange occasions


def exchange_edit(request: HttpRequest, case_id: int, exchange_id: str) -> HttpResponse:
    """An exchange occasion's name; its tasks are edited on their own pages."""
    record = get_case_for_editor(request.user, case_id)
    case = record.to_case()
    exchange = next((e for e in case.named_exchanges if e.id == exchange_id), None)
    if exchange is None:
        raise Http404
    ref: ElementRef = ("exchange", exchange_id)
    outcome = None
    if request.method == "POST":
        form = ExchangeForm(request.POST)
        outcome = _form_outcome(request, record, form, ref, lambda v: lambda c: (
            edits.rename_exchange(c, exchange_id, v["name"])), "informationsutbyte")
        if outcome is not None and outcome.record is not None:
            messages.success(request, _("The exchange occasion was saved."))
            return redirect(f"{reverse('cases:edit', args=[record.pk])}#exchanges")
    else:
        form = ExchangeForm(initial={"name": exchange.name, "base": fingerprint(case, ref)})
    tasks = [t for t in case.tasks if t.exchange == exchange_id]
    org_names = {o.id: o.name for o in case.organisations}
    return form_page(request, "cases/exchange.html", record, outcome, form=form, exchange=exchange,
                     tasks=[{"task": t, "org": org_names.get(t.org, t.org)} for t in tasks])


# ---------------------------------------------------------------- steps


def step_add(request: HttpRequest, case_id: int) -> HttpResponse:
    record = get_case_for_editor(request.user, case_id)
    outcome = None
    form = StepElementForm(request.POST or None)
    if request.method == "POST":
        outcome = _form_outcome(request, record, form, None, lambda v: lambda c: (
            edits.add_step(c, name=v["name"], weeks=v["weeks"])), "nytt steg")
        if outcome is not None and outcome.record is not None:
            messages.success(request, _("The step %(name)s was added.")
                             % {"name": form.cleaned_data["name"]})
            return _after_adding(request, record, "step_add")
    return form_page(request, "cases/step.html", record, outcome, form=form, adding=True)


def _step_or_404(case: Case, step_id: str) -> Any:
    step = next((s for s in case.steps if s.id == step_id), None)
    if step is None:
        raise Http404
    return step


def step_edit(request: HttpRequest, case_id: int, step_id: str) -> HttpResponse:
    """One step's name and weeks, inline on the edit page (HTMX) or as a page of its own."""
    record = get_case_for_editor(request.user, case_id)
    case = record.to_case()
    step = _step_or_404(case, step_id)
    ref: ElementRef = ("step", step_id)
    outcome = None
    inline = bool(request.headers.get("HX-Request"))
    if request.method == "POST":
        form = StepElementForm(request.POST)
        outcome = _form_outcome(request, record, form, ref, lambda v: lambda c: (
            edits.set_step_weeks(edits.rename_step(c, step_id, v["name"]), step_id,
                                 v["weeks"])), "steg")
        if outcome is not None and outcome.record is not None:
            if inline:
                saved = outcome.record.to_case()
                return render(request, "cases/_step_row.html", {
                    "record": outcome.record, "saved": True,
                    "item": {"step": _step_or_404(saved, step_id),
                             "weeks": weeks_text(_step_or_404(saved, step_id).weeks),
                             "tasks": _step_or_404(saved, step_id).tasks},
                })
            messages.success(request, _("The step was saved."))
            return redirect("cases:edit", case_id=record.pk)
    else:
        form = StepElementForm(initial={"name": step.name, "weeks": plain(step.weeks),
                                        "base": fingerprint(case, ref)})
    if inline:
        # HTMX swaps only successful answers: the row's form says what went wrong in place.
        return render(request, "cases/_step_form.html", context_for(
            request, record, form=form, step=step,
            problems=outcome.problems if outcome else [],
            conflict=outcome.conflict if outcome else None))
    return form_page(request, "cases/step.html", record, outcome, form=form, step=step)


def step_move(request: HttpRequest, case_id: int, step_id: str) -> HttpResponse:
    return _move(request, case_id, step_id, edits.move_step, lambda c: c.steps)


def step_delete(request: HttpRequest, case_id: int, step_id: str) -> HttpResponse:
    """A confirmation that names the tasks that go with the step, then the deletion."""
    record = get_case_for_editor(request.user, case_id)
    case = record.to_case()
    step = _step_or_404(case, step_id)
    ref: ElementRef = ("step", step_id)
    outcome = None
    if request.method == "POST":
        form = ConfirmForm(request.POST)
        shown = set(request.POST.getlist("task"))

        def delete(c: Case) -> Case:
            # The tasks the user was shown are the ones that go: a task a colleague added
            # since would go unseen.
            if {t.id for t in edits.tasks_going_with_step(c, step_id)} != shown:
                raise CaseEditError([Problem(
                    Place(), "Steget har fått andra arbetsuppgifter sedan sidan visades. "
                             "Se efter vad som tas bort och bekräfta igen.",
                    "The step's tasks changed since the page was shown. Look at what goes "
                    "and confirm again.")])
            return edits.delete_step(c, step_id)

        bases = {ref: form.cleaned_data["base"]} if form.is_valid() else {ref: ""}
        outcome = try_edit(record=record, user=request.user, bases=bases, edit=delete,
                           summary="borttaget steg")
        if outcome.record is not None:
            messages.success(request, _("The step %(name)s and its tasks were deleted.")
                             % {"name": step.name})
            return redirect("cases:edit", case_id=record.pk)
        case = CaseRecord.objects.get(pk=record.pk).to_case()
        step = next((s for s in case.steps if s.id == step_id), step)
    org_names = {o.id: o.name for o in case.organisations}
    return form_page(request, "cases/step_delete.html", record, outcome, step=step,
                     tasks=[{"task": t, "org": org_names.get(t.org, t.org)} for t in step.tasks],
                     form=ConfirmForm(initial={"base": fingerprint(case, ref)}))
