"""Who may see and change what: one rule for every kind of object.

An object belongs to an organisation (a case also to the organisations it is shared with).
Someone who is not a member of any of them gets 404 — they cannot learn that it exists. A member
without the role the request needs gets 403. Every kind has a read fetch and its write variants
side by side (`get_case_for_user` and `get_case_for_editor`), so that a page picks one of them
and the rule lives here only.

Roles: every member reads; editors and administrators change cases, salary tables and logs
(and a case shared for editing); administrators of an organisation manage its members, read its
audit trail, and share, archive and delete its cases.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.auth.models import User as Account
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from samverkan.web.accounts.models import EDITING_ROLES, Membership, Organisation, Role
from samverkan.web.cases.models import Access, CaseRecord, PriceListRecord, SalaryTable
from samverkan.web.followup.models import EventLogRecord

__all__ = [
    "Account",
    "User",
    "account",
    "can_change_log",
    "can_edit_case",
    "editable_organisations",
    "get_case_for_editor",
    "get_case_for_owner_admin",
    "get_case_for_user",
    "get_log_for_editor",
    "get_log_for_user",
    "get_organisation_for_admin",
    "get_organisation_for_editor",
    "get_organisation_for_user",
    "get_organisations_for_editor",
    "get_salary_table_for_user",
    "is_organisation_admin",
    "is_owner_admin",
    "memberships_of",
    "visible_cases",
    "visible_logs",
]

User = AbstractBaseUser | AnonymousUser
Kept = TypeVar("Kept", bound=Model)


def account(user: User | None) -> Account | None:
    """The stored account behind a request's user; None for no one (a command, the demo)."""
    return user if isinstance(user, Account) and user.pk else None


def _id(user: User) -> int:
    # An anonymous user (who never reaches a page past the login) is no one's member.
    return int(user.pk) if user.pk is not None else -1


def _checked(found: Kept | None, member: bool, allowed: Callable[[], bool]) -> Kept:
    """The one rule: 404 for outsiders, 403 for members without the role, else the object."""
    if found is None or not member:
        raise Http404
    if not allowed():
        raise PermissionDenied
    return found


def memberships_of(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user_id=_id(user)).select_related("organisation")


def _roles_in(user: User, organisation_ids: Q) -> set[str]:
    return set(Membership.objects.filter(organisation_ids, user_id=_id(user))
               .values_list("role", flat=True))


# ------------------------------------------------------------------ organisations


def is_organisation_admin(user: User, organisation: Organisation) -> bool:
    return Role.ADMIN in _roles_in(user, Q(organisation=organisation))


def editable_organisations(user: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        memberships__user_id=_id(user), memberships__role__in=EDITING_ROLES
    )


def _get_organisation(user: User, organisation_id: int, roles: tuple[str, ...]
                      ) -> Organisation:
    found = Organisation.objects.filter(id=organisation_id).first()
    held = _roles_in(user, Q(organisation_id=organisation_id)) if found else set()
    return _checked(found, bool(held), lambda: bool(held & set(roles)))


def get_organisation_for_user(user: User, organisation_id: int) -> Organisation:
    return _get_organisation(user, organisation_id, tuple(Role.values))


def get_organisation_for_editor(user: User, organisation_id: int) -> Organisation:
    return _get_organisation(user, organisation_id, EDITING_ROLES)


def get_organisation_for_admin(user: User, organisation_id: int) -> Organisation:
    return _get_organisation(user, organisation_id, (Role.ADMIN,))


def get_organisations_for_editor(user: User) -> QuerySet[Organisation]:
    """The organisations a new case or log may go to; 403 for a member who edits nowhere."""
    organisations = editable_organisations(user)
    if not organisations.exists():
        raise PermissionDenied if memberships_of(user).exists() else Http404
    return organisations


# ------------------------------------------------------------------ cases


def visible_cases(user: User) -> QuerySet[CaseRecord]:
    ids = CaseRecord.objects.filter(
        Q(organisation__memberships__user_id=_id(user))
        | Q(shares__organisation__memberships__user_id=_id(user))
    ).values("id")
    # Archived cases are hidden everywhere; their owners' administrators reach them through
    # the archive page.
    return CaseRecord.objects.filter(id__in=ids, archived=False).select_related("organisation")


def can_edit_case(user: User, record: CaseRecord) -> bool:
    editing = Membership.objects.filter(user_id=_id(user), role__in=EDITING_ROLES)
    if editing.filter(organisation_id=record.organisation_id).exists():
        return True
    return editing.filter(
        organisation__shared_cases__case=record, organisation__shared_cases__access=Access.EDIT
    ).exists()


def is_owner_admin(user: User, record: CaseRecord) -> bool:
    """Only administrators of the owning organisation decide who else sees a case."""
    return Role.ADMIN in _roles_in(user, Q(organisation_id=record.organisation_id))


def _is_case_member(user: User, record: CaseRecord) -> bool:
    return bool(_roles_in(user, Q(organisation_id=record.organisation_id)
                          | Q(organisation__shared_cases__case=record)))


def _get_case(user: User, case_id: int, allowed: Callable[[User, CaseRecord], bool], *,
              archived_too: bool = False) -> CaseRecord:
    cases = CaseRecord.objects.select_related("organisation")
    found = (cases if archived_too else cases.filter(archived=False)).filter(id=case_id).first()
    member = found is not None and _is_case_member(user, found)
    return _checked(found, member, lambda: found is not None and allowed(user, found))


def get_case_for_user(user: User, case_id: int) -> CaseRecord:
    return _get_case(user, case_id, lambda _user, _record: True)


def get_case_for_editor(user: User, case_id: int) -> CaseRecord:
    return _get_case(user, case_id, can_edit_case)


def get_case_for_owner_admin(user: User, case_id: int) -> CaseRecord:
    """For sharing, archiving and deleting: archived cases too, since they are restored here."""
    return _get_case(user, case_id, is_owner_admin, archived_too=True)


# ------------------------------------------------------------------ salary tables


def get_salary_table_for_user(user: User, table_id: int) -> SalaryTable:
    found = SalaryTable.objects.select_related("organisation").filter(id=table_id).first()
    member = found is not None and bool(_roles_in(user, Q(organisation_id=found.organisation_id)))
    return _checked(found, member, lambda: True)


def price_lists_for_user(user: User) -> QuerySet[PriceListRecord]:
    """The price lists of the organisations the user is a member of, for the investment case."""
    return PriceListRecord.objects.filter(
        organisation__memberships__user_id=_id(user)).select_related("organisation").distinct()


def get_price_list_for_user(user: User, price_list_id: int) -> PriceListRecord:
    found = PriceListRecord.objects.select_related("organisation").filter(
        id=price_list_id).first()
    member = found is not None and bool(_roles_in(user, Q(organisation_id=found.organisation_id)))
    return _checked(found, member, lambda: True)


# ------------------------------------------------------------------ event logs


def visible_logs(user: User) -> QuerySet[EventLogRecord]:
    return EventLogRecord.objects.filter(organisation__memberships__user_id=_id(user)).defer(
        "events_csv_gz"
    )


def can_change_log(user: User, record: EventLogRecord) -> bool:
    return bool(_roles_in(user, Q(organisation_id=record.organisation_id)) & set(EDITING_ROLES))


def _get_log(user: User, log_id: int, allowed: Callable[[User, EventLogRecord], bool]
             ) -> EventLogRecord:
    found = EventLogRecord.objects.select_related("organisation").filter(id=log_id).first()
    member = found is not None and bool(_roles_in(user, Q(organisation_id=found.organisation_id)))
    return _checked(found, member, lambda: found is not None and allowed(user, found))


def get_log_for_user(user: User, log_id: int) -> EventLogRecord:
    return _get_log(user, log_id, lambda _user, _record: True)


def get_log_for_editor(user: User, log_id: int) -> EventLogRecord:
    return _get_log(user, log_id, can_change_log)
