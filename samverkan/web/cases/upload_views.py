"""Excel both ways: the blank mapping template, and a filled one uploaded onto a case.

Uploading shows what the file would change (tasks added, removed and changed; minutes and kronor
per organisation before → after) and writes nothing until the user confirms; see
`samverkan.web.cases.reimport` for how the confirmation keeps colleagues' edits.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samverkan.errors import CaseFileError, IdentityNumberInTextError
from samverkan.formats.excel_template import write_template
from samverkan.model import Case, ChangeKind, case_changes, element_name
from samverkan.reports.labels import kronor, number
from samverkan.web.accounts.access import can_edit_case, get_case_for_editor, is_owner_admin
from samverkan.web.cases import reimport
from samverkan.web.cases.models import CaseRecord
from samverkan.web.cases.upload_forms import ConfirmUploadForm, UploadOntoCaseForm
from samverkan.web.cases.uploads import read_uploaded_case
from samverkan.web.language import page_language
from samverkan.web.uploads import check_upload, request_folder

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def blank_template(request: HttpRequest) -> HttpResponse:
    """The empty mapping template, with its instructions and drop-down lists."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kartlaggningsmall.xlsx"
        write_template(path)
        body = path.read_bytes()
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="kartlaggningsmall.xlsx"'
    return response


def _case_context(request: HttpRequest, record: CaseRecord) -> dict[str, Any]:
    return {"record": record, "editable": can_edit_case(request.user, record),
            "owner_admin": is_owner_admin(request.user, record)}


_TASK_KINDS = {
    ChangeKind.TASK_ADDED: "added", ChangeKind.TASK_REMOVED: "removed",
    ChangeKind.TASK_CHANGED: "changed", ChangeKind.PARTICIPANT_ADDED: "changed",
    ChangeKind.PARTICIPANT_REMOVED: "changed", ChangeKind.PARTICIPANT_CHANGED: "changed",
}


def _preview(before: Case, after: Case, lang: str) -> dict[str, Any]:
    """What the upload changes, grouped as the page shows it; every figure from the model."""
    groups: dict[str, list[str]] = {"added": [], "removed": [], "changed": [], "other": []}
    totals = []
    for change in case_changes(before, after):
        if change.kind == ChangeKind.ORGANISATION_TOTAL:
            totals.append({
                "name": change.subject_sv if lang == "sv" else change.subject_en,
                "minutes_before": number(change.minutes_before or 0.0, lang),
                "minutes_after": number(change.minutes_after or 0.0, lang),
                "minutes_delta": _signed(number(change.minutes_delta, lang), change.minutes_delta),
                "cost_before": kronor(change.cost_before or 0.0, lang),
                "cost_after": kronor(change.cost_after or 0.0, lang),
                "cost_delta": _signed(kronor(change.cost_delta, lang), change.cost_delta),
            })
        else:
            groups[_TASK_KINDS.get(change.kind, "other")].append(change.describe(lang))
    return {"tasks_added": groups["added"], "tasks_removed": groups["removed"],
            "tasks_changed": groups["changed"], "other_changes": groups["other"],
            "totals": totals, "has_changes": any(groups.values()) or bool(totals)}


def _signed(text: str, value: float) -> str:
    return f"+{text}" if value > 0 else text


def case_upload(request: HttpRequest, case_id: int) -> HttpResponse:
    """Choose a filled template for this case; a readable one leads to its preview."""
    record = get_case_for_editor(request.user, case_id)
    form = UploadOntoCaseForm(request.POST or None, request.FILES or None)
    problems: list[dict[str, str]] = []
    if request.method == "POST" and check_upload(request, form):
        upload = form.cleaned_data["file"]
        try:
            case = read_uploaded_case(upload, folder=request_folder(request))
        except CaseFileError as error:
            lang = page_language()
            problems = [{"place": p.place.describe(lang), "text": p.sv if lang == "sv" else p.en}
                        for p in error.problems]
        else:
            reimport.keep_pending(request.session, record=record, file_name=upload.name,
                                  base=record.to_case(), upload=case)
            # A page of its own, so that reloading it or switching language keeps the preview.
            return redirect("cases:upload_preview", case_id=record.pk)
    context = _case_context(request, record)
    context.update({"form": form, "problems": problems, "stage": "choose"})
    return render(request, "cases/upload.html", context)


def case_upload_preview(request: HttpRequest, case_id: int) -> HttpResponse:
    """What the uploaded file changes; nothing is written here."""
    record = get_case_for_editor(request.user, case_id)
    pending = reimport.pending_upload(request.session, record=record)
    if pending is None:
        messages.error(request, _("That preview is no longer available. Upload the file again."))
        return redirect("cases:upload", case_id=record.pk)
    return _render_preview(request, record, pending)


def _render_preview(request: HttpRequest, record: CaseRecord, pending: reimport.PendingUpload,
                    *, conflict: reimport.UploadConflict | None = None) -> HttpResponse:
    lang = page_language()
    context = _case_context(request, record)
    context.update(_preview(pending.base, pending.upload, lang))
    context.update({
        "stage": "preview", "file_name": pending.file_name,
        "confirm_form": ConfirmUploadForm(initial={"token": pending.token}),
        "conflict": [element_name(conflict.current, e, lang) for e in conflict.elements]
        if conflict else [],
    })
    return render(request, "cases/upload.html", context, status=409 if conflict else 200)


def case_upload_confirm(request: HttpRequest, case_id: int) -> HttpResponse:
    """Apply a previewed upload, or preview it again against the case as it is now."""
    record = get_case_for_editor(request.user, case_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ConfirmUploadForm(request.POST)
    pending = reimport.pending_upload(request.session, record=record,
                                      token=form.data.get("token", ""))
    if pending is None:
        messages.error(request, _("That preview is no longer available. Upload the file again."))
        return redirect("cases:upload", case_id=record.pk)
    if request.POST.get("action") == "refresh":
        pending = reimport.keep_pending(request.session, record=record,
                                        file_name=pending.file_name, base=record.to_case(),
                                        upload=pending.upload)
        return _render_preview(request, record, pending)
    try:
        reimport.apply_upload(record=record, user=request.user, base=pending.base,
                              upload=pending.upload, file_name=pending.file_name)
    except reimport.UploadConflict as conflict:
        return _render_preview(request, record, pending, conflict=conflict)
    except (CaseFileError, IdentityNumberInTextError) as error:
        lang = page_language()
        for p in error.problems:
            messages.error(request, p.sv if lang == "sv" else p.en)
        return _render_preview(request, record, pending)
    reimport.forget_pending(request.session, record=record)
    if pending.file_name:
        messages.success(request, _("The changes from %(file)s were saved.")
                         % {"file": pending.file_name})
    else:
        messages.success(request, _("The changes from the uploaded file were saved."))
    return redirect("cases:results", case_id=record.pk)
