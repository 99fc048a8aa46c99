"""An organisation's members: every member sees them, administrators add, change and remove."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samverkan.web.accounts import actions
from samverkan.web.accounts.access import (
    get_organisation_for_admin,
    get_organisation_for_user,
    is_organisation_admin,
)
from samverkan.web.accounts.forms import MemberForm
from samverkan.web.accounts.models import Role


def members(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, organisation_id)
    admin = is_organisation_admin(request.user, organisation)
    form = MemberForm(request.POST or None)
    if request.method == "POST":
        get_organisation_for_admin(request.user, organisation_id)  # 403 for other members
        if form.is_valid():
            user = get_user_model().objects.filter(
                username=form.cleaned_data["username"]
            ).first()
            if user is None:
                form.add_error("username", _("There is no user by that name."))
            else:
                actions.set_membership(organisation=organisation, member=user,
                                       role=Role(form.cleaned_data["role"]), user=request.user)
                messages.success(request, _("The membership was saved."))
                return redirect("accounts:members", organisation_id=organisation.pk)
    return render(request, "accounts/members.html", {
        "organisation": organisation, "admin": admin, "form": form,
        "memberships": organisation.memberships.select_related("user")
        .order_by("user__username"),
    })


def remove_member(request: HttpRequest, organisation_id: int, membership_id: int) -> HttpResponse:
    organisation = get_organisation_for_admin(request.user, organisation_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    membership = organisation.memberships.filter(pk=membership_id).first()
    if membership is None:
        raise Http404
    if membership.user_id == request.user.pk:
        messages.error(request, _("You cannot remove yourself."))
    else:
        actions.remove_membership(membership=membership, user=request.user)
        messages.success(request, _("The member was removed."))
    return redirect("accounts:members", organisation_id=organisation.pk)
