"""Fetching objects for a user: one helper per kind, 404 for anyone who may not see it.

A case is visible to members of the organisation that owns it and of every organisation it is
shared with; editable by editors and administrators of the owner, and of organisations it is
shared with for editing. Someone who may not see an object cannot learn that it exists.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from samverkan.web.accounts.models import EDITING_ROLES, Membership, Organisation, Role
from samverkan.web.cases.models import Access, CaseRecord, SalaryTable

User = AbstractBaseUser | AnonymousUser


def memberships_of(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user_id=user.pk).select_related("organisation")


def visible_cases(user: User) -> QuerySet[CaseRecord]:
    ids = CaseRecord.objects.filter(
        Q(organisation__memberships__user_id=user.pk)
        | Q(shares__organisation__memberships__user_id=user.pk)
    ).values("id")
    # Archived cases are hidden everywhere; their owners' administrators reach them through
    # the archive page.
    return CaseRecord.objects.filter(id__in=ids, archived=False).select_related("organisation")


def can_edit_case(user: User, record: CaseRecord) -> bool:
    editing = Membership.objects.filter(user_id=user.pk, role__in=EDITING_ROLES)
    if editing.filter(organisation_id=record.organisation_id).exists():
        return True
    return editing.filter(
        organisation__shared_cases__case=record, organisation__shared_cases__access=Access.EDIT
    ).exists()


def get_case_for_user(user: User, case_id: int) -> CaseRecord:
    try:
        return visible_cases(user).get(id=case_id)
    except CaseRecord.DoesNotExist:
        raise Http404 from None


def get_case_for_editor(user: User, case_id: int) -> CaseRecord:
    """The case if the user may change it; 404 if they cannot see it, 403 if only read it."""
    record = get_case_for_user(user, case_id)
    if not can_edit_case(user, record):
        raise PermissionDenied
    return record


def is_owner_admin(user: User, record: CaseRecord) -> bool:
    """Only administrators of the owning organisation decide who else sees a case."""
    return Membership.objects.filter(
        user_id=user.pk, organisation_id=record.organisation_id, role=Role.ADMIN
    ).exists()


def get_organisation_for_user(user: User, organisation_id: int) -> Organisation:
    try:
        return Organisation.objects.get(id=organisation_id, memberships__user_id=user.pk)
    except Organisation.DoesNotExist:
        raise Http404 from None


def is_organisation_admin(user: User, organisation: Organisation) -> bool:
    return Membership.objects.filter(
        user_id=user.pk, organisation=organisation, role=Role.ADMIN
    ).exists()


def editable_organisations(user: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        memberships__user_id=user.pk, memberships__role__in=EDITING_ROLES
    )


def get_salary_table_for_user(user: User, table_id: int) -> SalaryTable:
    try:
        return SalaryTable.objects.select_related("organisation").get(
            id=table_id, organisation__memberships__user_id=user.pk
        )
    except SalaryTable.DoesNotExist:
        raise Http404 from None
