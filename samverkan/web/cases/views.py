"""Pages for cases: list, create, import, the case as text, export, sharing, salary tables.

The pages that show a case's figures (results, timeline, comparison, reports) are in
`samverkan.web.cases.figure_views`.

Plain function views. Every object is fetched through `samverkan.web.accounts.access`, every
change goes through `samverkan.web.cases.actions`, and every figure comes from
`samverkan.model` (arranged for the page by `samverkan.web.cases.tables`).
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
)
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samverkan.errors import CaseEditError, CaseFileError
from samverkan.formats.case_bounds import (
    NUMBER_RANGES,
    id_problem,
)
from samverkan.formats.case_file import (
    dump_case_text,
    parse_case_text,
)
from samverkan.formats.excel_template import write_template
from samverkan.formats.limits import thousands
from samverkan.model import (
    Case,
)
from samverkan.web.accounts.access import (
    can_edit_case,
    editable_organisations,
    get_case_for_editor,
    get_case_for_owner_admin,
    get_case_for_user,
    get_organisation_for_editor,
    get_organisation_for_user,
    get_organisations_for_editor,
    get_salary_table_for_user,
    memberships_of,
    visible_cases,
)
from samverkan.web.accounts.models import Organisation
from samverkan.web.cases import actions
from samverkan.web.cases.editing import problems_of
from samverkan.web.cases.element_forms import NAME_LENGTH
from samverkan.web.cases.figure_views import case_context
from samverkan.web.cases.forms import (
    CaseTextForm,
    ImportCaseForm,
    NewCaseForm,
    SalaryTableForm,
    ShareForm,
)
from samverkan.web.cases.models import Access, CaseRecord, CaseShare
from samverkan.web.cases.uploads import read_uploaded_case
from samverkan.web.language import page_language
from samverkan.web.uploads import check_upload, request_folder
from samverkan.web.url_ids import MAX_ID

_lang = page_language
MAX_MONTHLY_COST = int(NUMBER_RANGES["monthly_cost"][0])
_problems = problems_of


def index(request: HttpRequest) -> HttpResponse:
    cases = visible_cases(request.user).order_by("name", "id")
    rows = [
        {"record": c, "editable": can_edit_case(request.user, c)} for c in cases
    ]
    return render(request, "cases/index.html", {
        "rows": rows,
        "memberships": memberships_of(request.user),
        "can_create": editable_organisations(request.user).exists(),
        "is_admin": memberships_of(request.user).filter(role="admin").exists(),
    })


def case_new(request: HttpRequest) -> HttpResponse:
    organisations = get_organisations_for_editor(request.user)
    form = NewCaseForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        # A new case starts empty: the editor adds its organisations, roles, steps and tasks.
        record = actions.create_case(
            organisation=form.cleaned_data["organisation"], user=request.user,
            case=Case(name=form.cleaned_data["name"].strip(), organisations=(), roles=(),
                      steps=(), description=form.cleaned_data["description"].strip()),
        )
        messages.success(request, _("The case was created."))
        return redirect("cases:edit", case_id=record.pk)
    return render(request, "cases/new.html", {"form": form})


def case_import(request: HttpRequest) -> HttpResponse:
    organisations = get_organisations_for_editor(request.user)
    form = ImportCaseForm(request.POST or None, request.FILES or None,
                          organisations=organisations)
    problems: list[dict[str, str]] = []
    if request.method == "POST" and check_upload(request, form):
        try:
            case = read_uploaded_case(form.cleaned_data["file"],
                                      folder=request_folder(request))
        except CaseFileError as error:
            problems = _problems(error)
        else:
            record = actions.create_case(
                organisation=form.cleaned_data["organisation"], user=request.user, case=case
            )
            messages.success(request, _("The case was imported."))
            return redirect("cases:results", case_id=record.pk)
    return render(request, "cases/import.html", {"form": form, "problems": problems})


def case_text(request: HttpRequest, case_id: int) -> HttpResponse:
    """The whole case as YAML: an expert's view; every part is also edited in forms."""
    record = get_case_for_editor(request.user, case_id)
    problems: list[dict[str, str]] = []
    conflict: CaseRecord | None = None
    if request.method == "POST":
        form = CaseTextForm(request.POST)
        if form.is_valid():
            try:
                case = parse_case_text(form.cleaned_data["text"], source=record.name)
                actions.save_case(record=record, user=request.user, case=case,
                                  base_version=form.cleaned_data["version"])
            except CaseFileError as error:
                problems = _problems(error)
            except actions.StaleVersion as stale:
                conflict = stale.current
            else:
                messages.success(request, _("The case was saved."))
                return redirect("cases:text", case_id=record.pk)
    else:
        form = CaseTextForm(initial={
            "text": dump_case_text(record.to_case(), "yaml"), "version": record.version,
        })
    context = case_context(request, record)
    context.update({
        "form": form, "problems": problems, "conflict": conflict,
        "conflict_text": dump_case_text(conflict.to_case(), "yaml") if conflict else "",
    })
    return render(request, "cases/text.html", context, status=409 if conflict else 200)


def case_export(request: HttpRequest, case_id: int, fmt: str) -> HttpResponse:
    record = get_case_for_user(request.user, case_id)
    case = record.to_case()
    stem = f"typfall-{record.pk}"
    if fmt == "xlsx":
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"{stem}.xlsx"
            write_template(path, case)
            body = path.read_bytes()
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt in ("yaml", "json"):
        body = dump_case_text(case, fmt).encode("utf-8")
        content_type = "application/yaml" if fmt == "yaml" else "application/json"
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


def case_sharing(request: HttpRequest, case_id: int) -> HttpResponse:
    record = get_case_for_owner_admin(request.user, case_id)
    form = ShareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = Organisation.objects.filter(
            name__iexact=form.cleaned_data["organisation"].strip(), closed=False
        ).exclude(pk=record.organisation_id).first()
        if organisation is None:
            form.add_error("organisation", _("There is no other organisation by that name."))
        else:
            actions.share_case(record=record, organisation=organisation,
                               access=Access(form.cleaned_data["access"]), user=request.user)
            messages.success(request, _("The case was shared."))
            return redirect("cases:sharing", case_id=record.pk)
    context = case_context(request, record)
    context.update({"form": form, "shares": CaseShare.objects.filter(case=record)
                    .select_related("organisation"),
                    "other_organisations": Organisation.objects.filter(closed=False)
                    .exclude(pk=record.organisation_id).values_list("name", flat=True)})
    return render(request, "cases/sharing.html", context)


def case_unshare(request: HttpRequest, case_id: int, organisation_id: int) -> HttpResponse:
    record = get_case_for_owner_admin(request.user, case_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    share = CaseShare.objects.filter(case=record, organisation_id=organisation_id).first()
    if share is None:
        raise Http404
    actions.unshare_case(record=record, organisation=share.organisation, user=request.user)
    messages.success(request, _("The case is no longer shared with %(org)s.")
                     % {"org": share.organisation.name})
    return redirect("cases:sharing", case_id=record.pk)


def _parse_salary_lines(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    roles: list[dict[str, Any]] = []
    errors: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(";")]
        if len(parts) != 3:
            errors.append(_("Row %(row)d: write id; name; monthly cost.") % {"row": number})
            continue
        if not parts[0] or not parts[1]:
            errors.append(_("Row %(row)d: write id; name; monthly cost.") % {"row": number})
            continue
        # The same bounds as a role in the case, so that a stored table can always be applied.
        problem = id_problem(parts[0])
        if problem is not None:
            errors.append(_("Row %(row)d: %(problem)s.")
                          % {"row": number, "problem": problem[0 if _lang() == "sv" else 1]})
            continue
        if len(parts[1]) > NAME_LENGTH:
            errors.append(_("Row %(row)d: the name is %(length)s characters long; at most "
                            "%(limit)s fit.") % {"row": number, "length": thousands(len(parts[1])),
                                                 "limit": thousands(NAME_LENGTH)})
            continue
        try:
            cost = float(parts[2].replace(" ", "").replace("\u202f", "").replace("\u00a0", "")
                         .replace(",", "."))
        except ValueError:
            cost = math.nan
        if not math.isfinite(cost):
            errors.append(_("Row %(row)d: the monthly cost is not a number.") % {"row": number})
            continue
        if cost < 0:
            errors.append(_("Row %(row)d: the monthly cost must be 0 or more.") % {"row": number})
            continue
        if cost > MAX_MONTHLY_COST:
            errors.append(_("Row %(row)d: the monthly cost can be at most %(limit)s kronor.")
                          % {"row": number, "limit": thousands(MAX_MONTHLY_COST)})
            continue
        roles.append({"id": parts[0], "name": parts[1], "monthly_cost": cost})
    if not roles and not errors:
        errors.append(_("Write at least one role."))
    return roles, errors


def salary_tables(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_id)
    may_edit = editable_organisations(request.user).filter(pk=organisation.pk).exists()
    form = SalaryTableForm(request.POST or None)
    line_errors: list[str] = []
    if request.method == "POST":
        get_organisation_for_editor(request.user, organisation_id)  # 403 for a viewer
        if form.is_valid():
            roles, line_errors = _parse_salary_lines(form.cleaned_data["text"])
            if not line_errors:
                actions.save_salary_table(organisation=organisation,
                                          name=form.cleaned_data["name"], roles=roles,
                                          user=request.user)
                messages.success(request, _("The salary table was saved."))
                return redirect("cases:salaries", organisation_id=organisation.pk)
            for error in line_errors:
                form.add_error("text", error)
    return render(request, "cases/salaries.html", {
        "organisation": organisation, "tables": organisation.salary_tables.all(),
        "form": form, "may_edit": may_edit,
    })


def apply_salary_table(request: HttpRequest, case_id: int) -> HttpResponse:
    # The case is fetched before the method is checked, so that a stranger learns nothing.
    record = get_case_for_editor(request.user, case_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        table_id = int(request.POST.get("table", ""))
        if not 0 < table_id <= MAX_ID:
            raise ValueError("not an id")
    except ValueError:
        messages.error(request, _("Choose a salary table."))
        return redirect("cases:edit", case_id=record.pk)
    table = get_salary_table_for_user(request.user, table_id)
    outcome: dict[str, Any] = {}

    def apply(case: Any) -> Any:
        changed, outcome["added"], outcome["updated"] = actions.case_with_salary_table(
            case, table)
        return changed

    try:
        actions.apply_edit(record=record, user=request.user, bases={}, edit=apply,
                           summary=f"lönetabell {table.name}")
    except (CaseFileError, CaseEditError) as error:
        messages.error(request, _("The salary table %(name)s could not be applied: %(problems)s")
                       % {"name": table.name,
                          "problems": "; ".join(p["text"] for p in _problems(error))})
    else:
        added = ", ".join(r.name for r in outcome["added"]) or "–"
        updated = ", ".join(r.name for r in outcome["updated"]) or "–"
        messages.success(request, _("The salary table %(name)s was applied. Roles added: "
                                    "%(added)s. Monthly costs changed: %(updated)s.")
                         % {"name": table.name, "added": added, "updated": updated})
    return redirect("cases:edit", case_id=record.pk)


@login_not_required
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "accessibility.html")
