"""Changes to memberships: atomic, and written to the audit trail."""

from __future__ import annotations

from django.db import transaction

from samverkan.web.accounts.access import Account, User
from samverkan.web.accounts.models import Membership, Organisation, Role
from samverkan.web.audit.models import Action, Kind
from samverkan.web.audit.record import record_event


@transaction.atomic
def set_membership(*, organisation: Organisation, member: Account, role: Role,
                   user: User | None) -> Membership:
    before = Membership.objects.filter(user=member, organisation=organisation).first()
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
    record_event(organisation=membership.organisation, user=user, action=Action.DELETE,
                 kind=Kind.MEMBERSHIP, object_id=membership.pk,
                 label=membership.user.get_username(), before={"role": membership.role})
    membership.delete()
