"""An organisation's members: every member sees them; administrators invite people, change
roles and remove members. A new member chooses a password through a one-time link."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from samverkan.web.accounts import actions
from samverkan.web.accounts.access import get_organisation_for_user, is_organisation_admin
from samverkan.web.accounts.forms import InviteForm, RoleForm
from samverkan.web.accounts.invitations import (
    email_configured,
    link_days,
    password_link,
    send_invitation,
)
from samverkan.web.accounts.models import Membership, Organisation, Role
from samverkan.web.accounts.site import is_site_administrator


def _organisation(user: Any, organisation_id: int) -> tuple[Organisation, bool]:
    """The organisation and whether the user administers it.

    A site administrator administers every organisation (to invite a new one's first admin);
    anyone else must be a member to see it at all.
    """
    if is_site_administrator(user):
        organisation = Organisation.objects.filter(pk=organisation_id).first()
        if organisation is None:
            raise Http404
        return organisation, True
    organisation = get_organisation_for_user(user, organisation_id)
    return organisation, is_organisation_admin(user, organisation)


def _membership_for_admin(request: HttpRequest, organisation_id: int,
                          membership_id: int) -> Membership:
    """A membership an administrator changes: 404 outside, 403 for members who are not one."""
    organisation, admin = _organisation(request.user, organisation_id)
    if not admin:
        raise PermissionDenied
    membership = organisation.memberships.select_related("user", "organisation") \
        .filter(pk=membership_id).first()
    if membership is None:
        raise Http404
    return membership


def _page(request: HttpRequest, organisation: Organisation, admin: bool, form: InviteForm,
          **extra: Any) -> HttpResponse:
    memberships = list(organisation.memberships.select_related("user")
                       .order_by("user__username"))
    return render(request, "accounts/members.html", {
        "organisation": organisation, "admin": admin, "form": form,
        "roles": Role.choices, "link_days": link_days(), "memberships": memberships,
        "awaiting": {m.user.pk for m in memberships if awaits_password(m.user)},
        **extra,
    })


def members(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation, admin = _organisation(request.user, organisation_id)
    form = InviteForm(request.POST or None)
    if request.method != "POST":
        return _page(request, organisation, admin, form)
    if not admin:
        raise PermissionDenied
    if organisation.closed:
        form.add_error(None, _("The organisation is closed and takes no new members."))
    if form.is_valid():
        try:
            member, created = actions.invite_member(
                organisation=organisation, name=form.cleaned_data["name"],
                email=form.cleaned_data["email"], role=Role(form.cleaned_data["role"]),
                user=request.user)
        except actions.LastAdministratorError as error:
            form.add_error("role", str(error.message))
        except IntegrityError:
            # Another organisation made an account for the same address at the same moment.
            form.add_error("email", _("An account for this address was just made elsewhere. "
                                      "Send the form again to add it."))
        else:
            if not created:
                messages.success(request, _("%(user)s already had an account and is now a "
                                            "member.") % {"user": member.get_username()})
                return redirect("accounts:members", organisation_id=organisation.pk)
            return _invited(request, organisation, member)
    return _page(request, organisation, admin, form)


def _invited(request: HttpRequest, organisation: Organisation,
             member: AbstractBaseUser) -> HttpResponse:
    # Shown once, on this response only: the link is never stored or put in a message.
    link = password_link(request, member)
    sent = send_invitation(member=member, link=link, organisation_name=organisation.name,
                           invited_by=request.user.get_username())
    return _page(request, organisation, True, InviteForm(), invited=member, link=link,
                 sent=sent, email_configured=email_configured())


def new_link(request: HttpRequest, organisation_id: int, membership_id: int) -> HttpResponse:
    """A fresh link for a member who has not chosen a password yet (the old one expired)."""
    membership = _membership_for_admin(request, organisation_id, membership_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not awaits_password(membership.user):
        messages.error(request, _("%(user)s has already chosen a password.")
                       % {"user": membership.user.get_username()})
        return redirect("accounts:members", organisation_id=membership.organisation_id)
    if not _administers_every_organisation_of(request.user, membership.user):
        # Whoever sets the password holds the account, and with it the other organisations.
        messages.error(request, _("%(user)s is a member of another organisation too; only a "
                                  "site administrator can make a new link.")
                       % {"user": membership.user.get_username()})
        return redirect("accounts:members", organisation_id=membership.organisation_id)
    return _invited(request, membership.organisation, membership.user)


def awaits_password(member: Any) -> bool:
    """Invited and never logged in: the only accounts a new link may be made for."""
    return not member.has_usable_password() and member.last_login is None


def _administers_every_organisation_of(user: Any, member: Any) -> bool:
    if is_site_administrator(user):
        return True
    theirs = set(Membership.objects.filter(user=member).values_list("organisation_id",
                                                                     flat=True))
    mine = set(Membership.objects.filter(user_id=user.pk, role=Role.ADMIN)
               .values_list("organisation_id", flat=True))
    return theirs <= mine


def change_role(request: HttpRequest, organisation_id: int, membership_id: int) -> HttpResponse:
    membership = _membership_for_admin(request, organisation_id, membership_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles in the list."))
    else:
        try:
            actions.set_membership(organisation=membership.organisation,
                                   member=membership.user,
                                   role=Role(form.cleaned_data["role"]), user=request.user)
        except actions.LastAdministratorError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The role of %(user)s was changed.")
                             % {"user": membership.user.get_username()})
    return redirect("accounts:members", organisation_id=membership.organisation_id)


def remove_member(request: HttpRequest, organisation_id: int, membership_id: int) -> HttpResponse:
    membership = _membership_for_admin(request, organisation_id, membership_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        actions.remove_membership(membership=membership, user=request.user)
    except actions.LastAdministratorError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("%(user)s is no longer a member.")
                         % {"user": membership.user.get_username()})
    if membership.user_id == request.user.pk and not is_site_administrator(request.user):
        return redirect("cases:index")
    return redirect("accounts:members", organisation_id=membership.organisation_id)


@method_decorator(login_not_required, name="dispatch")
class SetPasswordView(auth_views.PasswordResetConfirmView):
    """Django's password-reset confirmation: the link works once and expires."""

    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, _("Your password is set. Log in with your user name "
                                         "%(user)s.") % {"user": self.user.get_username()})
        return super().form_valid(form)
