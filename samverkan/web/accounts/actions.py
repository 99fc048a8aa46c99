"""Changes to organisations and memberships: atomic, and written to the audit trail.

An organisation always keeps at least one administrator: the rule is checked here, under a lock
on the organisation's row, so two administrators demoting or removing each other at the same
moment cannot leave it with none (the second waits for the first and is then refused).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from samverkan.web.accounts.access import Account, User
from samverkan.web.accounts.models import Membership, Organisation, Role
from samverkan.web.audit.models import Action, Kind
from samverkan.web.audit.record import record_event


class LastAdministratorError(Exception):
    """The change would leave an organisation without an administrator."""

    message = _("An organisation must keep at least one administrator. Make another member "
                "an administrator first.")


def _locked(organisation: Organisation) -> Organisation:
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def _refuse_losing_last_admin(organisation: Organisation, before: Membership | None,
                              role: Role | None) -> None:
    """Refuse when `before`, an administrator, is about to become `role` (None: removed)."""
    if before is None or before.role != Role.ADMIN or role == Role.ADMIN:
        return
    others = organisation.memberships.filter(role=Role.ADMIN).exclude(pk=before.pk)
    if not others.exists():
        raise LastAdministratorError


@transaction.atomic
def set_membership(*, organisation: Organisation, member: Account, role: Role,
                   user: User | None) -> Membership:
    organisation = _locked(organisation)
    before = Membership.objects.filter(user=member, organisation=organisation).first()
    _refuse_losing_last_admin(organisation, before, Role(role))
    membership, created = Membership.objects.update_or_create(
        user=member, organisation=organisation, defaults={"role": role})
    record_event(organisation=organisation, user=user,
                 action=Action.CREATE if created else Action.CHANGE, kind=Kind.MEMBERSHIP,
                 object_id=membership.pk, label=member.get_username(),
                 before=None if before is None else {"role": before.role},
                 after={"role": str(role)})
    return membership


@transaction.atomic
def remove_membership(*, membership: Membership, user: User | None) -> None:
    organisation = _locked(membership.organisation)
    # Read again under the lock: the role may have changed since the page was shown.
    current = Membership.objects.filter(pk=membership.pk).select_related("user").first()
    if current is None:
        return
    _refuse_losing_last_admin(organisation, current, None)
    record_event(organisation=organisation, user=user, action=Action.DELETE,
                 kind=Kind.MEMBERSHIP, object_id=current.pk,
                 label=current.user.get_username(), before={"role": current.role})
    current.delete()


@transaction.atomic
def invite_member(*, organisation: Organisation, name: str, email: str, role: Role,
                  user: User | None) -> tuple[Account, bool]:
    """Make (or find) the account for `email` and give it a membership.

    Returns the account and whether it is new; a new account has no usable password until the
    person follows the link made by `invitations.password_link`.
    """
    organisation = _locked(organisation)
    accounts = get_user_model()
    email = accounts.objects.normalize_email(email).strip()
    member = accounts.objects.filter(email__iexact=email).first() \
        or accounts.objects.filter(username__iexact=email).first()
    created = member is None
    if member is None:
        member = accounts.objects.create_user(username=email, email=email, first_name=name)
        member.set_unusable_password()
        member.save(update_fields=["password"])
    before = Membership.objects.filter(user=member, organisation=organisation).first()
    _refuse_losing_last_admin(organisation, before, Role(role))
    membership, _created = Membership.objects.update_or_create(
        user=member, organisation=organisation, defaults={"role": role})
    record_event(organisation=organisation, user=user,
                 action=Action.CREATE if before is None else Action.CHANGE,
                 kind=Kind.MEMBERSHIP, object_id=membership.pk, label=member.get_username(),
                 before=None if before is None else {"role": before.role},
                 after={"role": str(role), "name": name, "email": email,
                        "invited": created})
    return member, created


@transaction.atomic
def create_organisation(*, name: str, user: User | None) -> Organisation:
    organisation = Organisation.objects.create(name=name)
    record_event(organisation=organisation, user=user, action=Action.CREATE,
                 kind=Kind.ORGANISATION, object_id=organisation.pk, label=name,
                 after={"name": name, "closed": False})
    return organisation


@transaction.atomic
def change_organisation(*, organisation: Organisation, name: str, closed: bool,
                        user: User | None) -> Organisation:
    """Rename, close or reopen an organisation."""
    organisation = _locked(organisation)
    before = {"name": organisation.name, "closed": organisation.closed}
    after = {"name": name, "closed": closed}
    if before == after:
        return organisation
    organisation.name, organisation.closed = name, closed
    organisation.save(update_fields=["name", "closed"])
    record_event(organisation=organisation, user=user, action=Action.CHANGE,
                 kind=Kind.ORGANISATION, object_id=organisation.pk, label=name,
                 before=before, after=after)
    return organisation
