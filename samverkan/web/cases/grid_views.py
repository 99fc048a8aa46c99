"""The mapping grid of one step: figure 3.1 as a table that saves row by row (HTMX).

Saving a row is one edit of one task (`actions.apply_edit`), checked against the task's
fingerprint from when the page (or the row's last save) showed it; rows of other tasks, saved by
anyone, never conflict. The
totals under the grid come from `samverkan.model.compute`, for the saved case or, while someone
types, for the case with their row applied but not saved.
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samverkan.errors import CaseEditError, CaseFileError
from samverkan.formats.case_file import case_from_data, case_to_data
from samverkan.model import Case, Category, compute
from samverkan.reports.labels import category_label
from samverkan.web.accounts.access import can_edit_case, get_case_for_editor, is_owner_admin
from samverkan.web.cases import actions
from samverkan.web.cases.grid_rows import (
    RowInvalid,
    row_edit,
    step_fingerprints,
    step_rows,
)
from samverkan.web.cases.models import CaseRecord
from samverkan.web.language import page_language


def _step(case: Case, step_id: str) -> Any:
    step = next((s for s in case.steps if s.id == step_id), None)
    if step is None:
        raise Http404
    return step


def _totals(case: Case, step_id: str) -> dict[str, Any]:
    """Hours and kronor of the step per task, per organisation and in all, from the model."""
    result = compute(case)
    step = _step(case, step_id)
    names = {o.id: o.name for o in case.organisations}
    return {
        "total_tasks": [{"name": t.name, "org": names[t.org],
                         "figures": result.task(t.id).figures} for t in step.tasks],
        "total_orgs": [{"name": o.name, "figures": result.organisations[o.id].by_step[step.id]}
                       for o in case.organisations],
        "total_step": result.total_by_step[step.id],
        "step": step,
    }


def _choices(case: Case, step_id: str) -> dict[str, Any]:
    lang = page_language()
    return {
        "organisations": [(o.id, o.name) for o in case.organisations],
        "roles": [(r.id, r.name) for r in case.roles],
        "categories": [(c.value, category_label(c, lang)) for c in Category],
        "exchanges": [e.name for e in case.named_exchanges],
        "step_tasks": [(t.id, f"{t.name} ({case.organisation(t.org).name})")
                       for t in _step(case, step_id).tasks],
    }


def first_grid(request: HttpRequest, case_id: int) -> HttpResponse:
    """The grid of the case's first step (a case without steps has none to map yet)."""
    record = get_case_for_editor(request.user, case_id)
    steps = record.to_case().steps
    if not steps:
        return redirect("cases:edit", case_id=record.pk)
    return redirect("cases:grid", case_id=record.pk, step_id=steps[0].id)


def step_grid(request: HttpRequest, case_id: int, step_id: str) -> HttpResponse:
    record = get_case_for_editor(request.user, case_id)
    case = record.to_case()
    step = _step(case, step_id)
    context: dict[str, Any] = {
        "record": record, "editable": can_edit_case(request.user, record),
        "owner_admin": is_owner_admin(request.user, record), "case": case, "step": step,
        "steps": case.steps, "rows": step_rows(case, step_id, page_language()),
        "fingerprints": step_fingerprints(case, step_id),
    }
    context.update(_choices(case, step_id))
    context.update(_totals(case, step_id))
    return render(request, "cases/grid.html", context)


def _row_status(request: HttpRequest, record: CaseRecord, case: Case, step_id: str,
                context: dict[str, Any], status: int = 200) -> HttpResponse:
    context.update({"record": record, "step": _step(case, step_id),
                    "fingerprints": step_fingerprints(case, step_id), "oob": True})
    context.update(_totals(case, step_id))
    context.update(_choices(case, step_id))  # new rows offer the tasks as they are now
    return render(request, "cases/_grid_status.html", context, status=status)


def grid_row(request: HttpRequest, case_id: int, step_id: str) -> HttpResponse:
    """Save one row; answer with its status, the tasks' fingerprints and the totals."""
    record = get_case_for_editor(request.user, case_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    case = record.to_case()
    _step(case, step_id)
    post = request.POST
    row = post.get("row", "")
    context: dict[str, Any] = {"row": row, "task_id": post.get("task_id", ""),
                               "index": post.get("index", "")}
    try:
        wanted = row_edit(case, step_id, post)
        saved = actions.apply_edit(record=record, user=request.user, bases=wanted.bases,
                                   edit=wanted.edit, summary=wanted.summary)
    except RowInvalid as invalid:
        if row.startswith("new") and not context["task_id"] and all(
                e.missing for e in invalid.errors):
            # A new row being filled in: nothing to save yet, and nothing wrong either.
            context["incomplete"] = True
            return _row_status(request, record, case, step_id, context)
        context["errors"] = invalid.errors
        return _row_status(request, record, case, step_id, context, status=422)
    except CaseEditError as refused:
        lang = page_language()
        context["refused"] = [p.sv if lang == "sv" else p.en for p in refused.problems]
        return _row_status(request, record, case, step_id, context, status=422)
    except CaseFileError:
        context["refused"] = [_("The change would leave the case incomplete, so it was not "
                                "saved.")]
        return _row_status(request, record, case, step_id, context, status=422)
    except actions.ElementConflict as changed:
        task_id = context["task_id"] or post.get("task", "")
        step_now = next((s for s in changed.current.steps
                         if any(t.id == task_id for t in s.tasks)), None)
        context["conflict"] = [r for r in step_rows(changed.current, step_now.id, page_language())
                               if r.task.id == task_id] if step_now else []
        context["conflict_gone"] = step_now is None
        return _row_status(request, record, changed.current, step_id, context, status=409)
    new_case = saved.to_case()
    task_id = wanted.task_id
    step = _step(new_case, step_id)
    if task_id is None:  # the row made a new task: it is the step's last
        task_id = step.tasks[-1].id
        index = 0
    else:
        task = next(t for t in new_case.tasks if t.id == task_id)
        index = int(context["index"]) if str(context["index"]).isdigit() \
            else len(task.participants) - 1
    context.update({"task_id": task_id, "index": index, "saved": True,
                    "saved_name": wanted.summary})
    return _row_status(request, saved, new_case, step_id, context)


def grid_totals(request: HttpRequest, case_id: int, step_id: str) -> HttpResponse:
    """The totals with one row as typed so far, saved or not: nothing is written."""
    record = get_case_for_editor(request.user, case_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    case = record.to_case()
    _step(case, step_id)
    preview = case
    # Half-typed, the row changes nothing yet: the totals stay those of the saved case.
    # The row is checked as a save checks it, so a refused text is never shown in the totals.
    with contextlib.suppress(RowInvalid, CaseEditError, CaseFileError, StopIteration, IndexError):
        preview = row_edit(case, step_id, request.POST).edit(case)
        case_from_data(case_to_data(preview))  # the case's own checks, as saving runs them
    context: dict[str, Any] = {"record": record, "preview": preview is not case}
    context.update(_totals(preview, step_id))
    return render(request, "cases/_grid_totals.html", context)
