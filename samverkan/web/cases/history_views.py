"""A case's history and its life: versions with what changed, restore, archive, delete, copy.

What changed is said in the domain's words (`samverkan.model.case_changes` between a version
and the one before it), never as the stored document.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samverkan.errors import SamverkanError
from samverkan.model import case_changes
from samverkan.web.accounts.access import (
    editable_organisations,
    get_case_for_editor,
    get_case_for_owner_admin,
    get_case_for_user,
)
from samverkan.web.accounts.models import Membership, Organisation, Role
from samverkan.web.cases import actions
from samverkan.web.cases.editing import lang
from samverkan.web.cases.element_forms import posted_int
from samverkan.web.cases.forms import DuplicateForm
from samverkan.web.cases.models import CaseRecord, CaseShare, CaseVersion
from samverkan.web.cases.structure_views import context_for

VERSIONS_PER_PAGE = 20


def _changes(version: CaseVersion, before: CaseVersion | None) -> list[str]:
    if before is None:
        return [_("The case was created.")]
    try:
        return [c.describe(lang()) for c in case_changes(before.to_case(), version.to_case())]
    except SamverkanError:  # a snapshot from an older format: say so rather than fail
        return [_("The changes of this version cannot be shown.")]


def case_history(request: HttpRequest, case_id: int) -> HttpResponse:
    """Every version, newest first: who, when and what changed; restore any of them."""
    record = get_case_for_user(request.user, case_id)
    page = Paginator(CaseVersion.objects.filter(case=record), VERSIONS_PER_PAGE).get_page(
        request.GET.get("sida"))
    versions = list(page.object_list)
    # The version before the oldest on this page, to say what that one changed.
    oldest = versions[-1].number if versions else 0
    earlier = CaseVersion.objects.filter(case=record, number__lt=oldest).first()
    rows = []
    for index, version in enumerate(versions):
        before = versions[index + 1] if index + 1 < len(versions) else earlier
        rows.append({"version": version, "changes": _changes(version, before),
                     "current": version.number == record.version})
    context = context_for(request, record, rows=rows, page=page)
    return render(request, "cases/history.html", context)


def restore_version(request: HttpRequest, case_id: int, number: int) -> HttpResponse:
    record = get_case_for_editor(request.user, case_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not CaseVersion.objects.filter(case=record, number=number).exists():
        raise Http404
    saved = actions.restore_version(record=record, user=request.user, number=number)
    messages.success(request, _("Version %(old)s was restored as version %(new)s.")
                     % {"old": number, "new": saved.version})
    return redirect("cases:history", case_id=record.pk)


def case_archive(request: HttpRequest, case_id: int) -> HttpResponse:
    record = get_case_for_owner_admin(request.user, case_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    archive = request.POST.get("archived") != "0"
    actions.set_archived(record=record, user=request.user, archived=archive)
    if archive:
        messages.success(request, _("%(name)s was archived. Administrators find it under "
                                    "Archived cases.") % {"name": record.name})
        return redirect("cases:index")
    messages.success(request, _("%(name)s is back among the cases.") % {"name": record.name})
    return redirect("cases:results", case_id=record.pk)


def archived_cases(request: HttpRequest) -> HttpResponse:
    admin_of = Membership.objects.filter(user_id=request.user.pk or -1, role=Role.ADMIN).values(
        "organisation_id")
    cases = CaseRecord.objects.filter(archived=True, organisation_id__in=admin_of
                                      ).select_related("organisation").order_by("name", "id")
    return render(request, "cases/archived.html", {"cases": cases})


def case_delete(request: HttpRequest, case_id: int) -> HttpResponse:
    """A confirmation, then the case and its versions are deleted; the audit trail stays."""
    record = get_case_for_owner_admin(request.user, case_id)
    if request.method == "POST":
        name = record.name
        actions.delete_case(record=record, user=request.user)
        messages.success(request, _("%(name)s was deleted.") % {"name": name})
        return redirect("cases:index")
    return render(request, "cases/case_delete.html", context_for(
        request, record, versions=CaseVersion.objects.filter(case=record).count()))


def _copy_targets(request: HttpRequest, record: CaseRecord) -> list[Organisation]:
    """The user's editable organisations that own or share the original."""
    sharing = set(CaseShare.objects.filter(case=record).values_list("organisation_id",
                                                                    flat=True))
    return [o for o in editable_organisations(request.user).order_by("name")
            if o.pk == record.organisation_id or o.pk in sharing]


def case_duplicate(request: HttpRequest, case_id: int) -> HttpResponse:
    """"Kopiera": asks which of the user's organisations receives the copy."""
    record = get_case_for_user(request.user, case_id)
    targets = _copy_targets(request, record)
    if not targets:
        raise PermissionDenied  # a reader who edits in none of the case's organisations
    form = DuplicateForm(request.POST or None, initial={
        "name": _("%(name)s (alternative)") % {"name": record.name},
        "organisation": targets[0].pk,
    })
    form.fields["organisation"].choices = [(o.pk, o.name) for o in targets]  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        wanted = posted_int(form.cleaned_data["organisation"])
        target = next((o for o in targets if o.pk == wanted), None)
        if target is None:
            form.add_error("organisation", _("Choose one of your organisations in the list."))
        else:
            copy = actions.duplicate_case(record=record, user=request.user,
                                          name=form.cleaned_data["name"], organisation=target)
            messages.success(request, _("The copy was made."))
            return redirect("cases:edit", case_id=copy.pk)
    context: dict[str, Any] = context_for(request, record, form=form)
    return render(request, "cases/duplicate.html", context)

