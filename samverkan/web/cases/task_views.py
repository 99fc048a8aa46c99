"""Pages that add, edit, move, copy and delete one task of a case.

Adding shows a blank form and creates nothing until it is saved. Editing carries the task's
fingerprint: a colleague's save of another task never refuses it, a save of the same task does
(409, both versions side by side, the user's input kept).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from samverkan.model import Case, Step, Task
from samverkan.model import edit as edits
from samverkan.model.edit import ElementRef, fingerprint
from samverkan.web.accounts.access import get_case_for_editor
from samverkan.web.cases.editing import Outcome, lang, try_edit
from samverkan.web.cases.element_forms import ConfirmForm
from samverkan.web.cases.models import CaseRecord
from samverkan.web.cases.structure_views import context_for
from samverkan.web.cases.task_forms import (
    ParticipantFormSet,
    TaskForm,
    participant_initial,
    task_from_forms,
    task_initial,
)


def _choices(case: Case) -> dict[str, Any]:
    return {"steps": [(s.id, s.name) for s in case.steps],
            "organisations": [(o.id, o.name) for o in case.organisations],
            "lang": lang()}


def _roles(case: Case) -> dict[str, Any]:
    return {"roles": [(r.id, r.name) for r in case.roles]}


def _place(case: Case, task_id: str) -> tuple[Step, Task]:
    for step in case.steps:
        for task in step.tasks:
            if task.id == task_id:
                return step, task
    raise Http404


def _back(record: CaseRecord, step_id: str) -> HttpResponse:
    return redirect(f"{reverse('cases:edit', args=[record.pk])}#tasks-{step_id}")


def _render(request: HttpRequest, record: CaseRecord, case: Case, outcome: Outcome | None,
            **extra: Any) -> HttpResponse:
    context = context_for(request, record,
                          exchanges=[e.name for e in case.named_exchanges], **extra)
    if outcome is not None:
        context.update({"problems": outcome.problems, "conflict": outcome.conflict})
    return render(request, "cases/task_edit.html", context,
                  status=outcome.status if outcome else 200)


def task_add(request: HttpRequest, case_id: int, step_id: str) -> HttpResponse:
    """A blank task form for a step; the task exists only once the form is saved."""
    record = get_case_for_editor(request.user, case_id)
    case = record.to_case()
    step = next((s for s in case.steps if s.id == step_id), None)
    if step is None:
        raise Http404
    outcome = None
    if request.method == "POST":
        form = TaskForm(request.POST, **_choices(case))
        formset = ParticipantFormSet(request.POST, prefix="p", form_kwargs=_roles(case))
        if form.is_valid() and formset.is_valid():
            task = task_from_forms(form, formset)
            target = form.cleaned_data["step"]

            def create(c: Case) -> Case:
                # The form gives the occasion by name; the edit finds or makes its id.
                c, named = edits.task_with_named_exchange(c, task)
                return edits.add_task(c, target, named)

            outcome = try_edit(record=record, user=request.user, bases={}, edit=create,
                               summary="ny arbetsuppgift")
            if outcome.record is not None:
                messages.success(request, _("The task %(name)s was added.") % {
                    "name": task.name})
                if "another" in request.POST:  # "Save and add another" in the same step
                    return redirect("cases:task_add", case_id=record.pk, step_id=target)
                return _back(record, target)
    else:
        initial: dict[str, Any] = {"step": step_id, "occasions": 1, "category": "internal"}
        if case.organisations:
            initial["org"] = case.organisations[0].id
        form = TaskForm(initial=initial, **_choices(case))
        formset = ParticipantFormSet(prefix="p", form_kwargs=_roles(case),
                                     initial=[{"people": 1}])
    return _render(request, record, case, outcome, form=form, formset=formset, step=step,
                   adding=True)


def task_edit(request: HttpRequest, case_id: int, task_id: str) -> HttpResponse:
    """One task with its participants and its step (to move it)."""
    record = get_case_for_editor(request.user, case_id)
    case = record.to_case()
    step, task = _place(case, task_id)
    ref: ElementRef = ("task", task_id)
    outcome = None
    if request.method == "POST":
        form = TaskForm(request.POST, **_choices(case))
        formset = ParticipantFormSet(request.POST, prefix="p", form_kwargs=_roles(case))
        if form.is_valid() and formset.is_valid():
            changed = task_from_forms(form, formset, task_id=task_id)
            target = form.cleaned_data["step"]

            def apply(c: Case) -> Case:
                c, named = edits.task_with_named_exchange(c, changed)
                return edits.move_task(edits.replace_task(c, task_id, named), task_id, target)

            outcome = try_edit(record=record, user=request.user,
                               bases={ref: form.cleaned_data["base"]}, edit=apply,
                               summary="arbetsuppgift")
            if outcome.record is not None:
                messages.success(request, _("The task was saved."))
                return _back(record, target)
    else:
        form = TaskForm(initial={**task_initial(case, task, step.id),
                                 "base": fingerprint(case, ref)}, **_choices(case))
        formset = ParticipantFormSet(prefix="p", form_kwargs=_roles(case),
                                     initial=[participant_initial(p) for p in task.participants])
    return _render(request, record, case, outcome, form=form, formset=formset, step=step,
                   task=task)


def task_copy(request: HttpRequest, case_id: int, task_id: str) -> HttpResponse:
    record = get_case_for_editor(request.user, case_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    step, task = _place(record.to_case(), task_id)
    outcome = try_edit(record=record, user=request.user, bases={},
                       edit=lambda c: edits.copy_task(c, task_id, name=_(
                           "%(name)s (copy)") % {"name": task.name}),
                       summary="kopierad arbetsuppgift")
    if outcome.record is not None:
        messages.success(request, _("A copy of %(name)s was added to the step.")
                         % {"name": task.name})
    for problem in outcome.problems:
        messages.error(request, problem["text"])
    return _back(record, step.id)


def task_delete(request: HttpRequest, case_id: int, task_id: str) -> HttpResponse:
    """A confirmation, then the task is deleted (refused if someone changed it since)."""
    record = get_case_for_editor(request.user, case_id)
    case = record.to_case()
    step, task = _place(case, task_id)
    ref: ElementRef = ("task", task_id)
    outcome = None
    if request.method == "POST":
        form = ConfirmForm(request.POST)
        base = form.cleaned_data["base"] if form.is_valid() else ""
        outcome = try_edit(record=record, user=request.user, bases={ref: base},
                           edit=lambda c: edits.delete_task(c, task_id),
                           summary="borttagen arbetsuppgift")
        if outcome.record is not None:
            messages.success(request, _("The task %(name)s was deleted.") % {"name": task.name})
            return _back(record, step.id)
    context = context_for(request, record, step=step, task=task,
                          org=next((o.name for o in case.organisations if o.id == task.org),
                                   task.org),
                          form=ConfirmForm(initial={"base": fingerprint(case, ref)}))
    if outcome is not None:
        context.update({"problems": outcome.problems, "conflict": outcome.conflict})
    return render(request, "cases/task_delete.html", context,
                  status=outcome.status if outcome else 200)
