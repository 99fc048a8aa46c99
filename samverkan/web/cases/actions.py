"""Every change to cases, shares and salary tables: checked, atomic, and written to the audit.

Service functions with keyword-only arguments; views and commands call these and nothing else
writes. A case is stored only after `samverkan.formats.case_file` has accepted it.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from samverkan.formats.case_file import case_from_data, case_to_data
from samverkan.formats.identity_numbers import refuse_identity_numbers
from samverkan.model import Case
from samverkan.web.accounts.models import Organisation
from samverkan.web.audit.models import Action, Kind
from samverkan.web.audit.record import record_event
from samverkan.web.cases.models import Access, CaseRecord, CaseShare, SalaryTable


class StaleVersion(Exception):
    """The case changed since the user opened it; their save is refused, not merged."""

    def __init__(self, current: CaseRecord) -> None:
        super().__init__(f"case {current.pk} is at version {current.version}")
        self.current = current


def _checked_data(case: Case) -> dict[str, Any]:
    data = case_to_data(case)
    case_from_data(data)  # the stored document must read back; raises CaseFileError if not
    return data


@transaction.atomic
def create_case(*, organisation: Organisation, user: AbstractBaseUser | None,
                case: Case) -> CaseRecord:
    record = CaseRecord.objects.create(
        organisation=organisation, name=case.name, data=_checked_data(case), updated_by=user
    )
    record_event(organisation=organisation, user=user, action=Action.CREATE, kind=Kind.CASE,
                 object_id=record.pk, label=record.name, after=_audited(record))
    return record


@transaction.atomic
def save_case(*, record: CaseRecord, user: AbstractBaseUser, case: Case, base_version: int,
              action: str = "edit") -> CaseRecord:
    """Store a new version of the case, unless someone else saved since `base_version`."""
    current = CaseRecord.objects.select_for_update().get(pk=record.pk)
    if current.version != base_version:
        raise StaleVersion(current)
    before = _audited(current)
    current.data = _checked_data(case)
    current.name = case.name
    current.version += 1
    current.updated_by = user
    current.save()
    record_event(organisation=current.organisation, user=user, action=Action.CHANGE,
                 kind=Kind.CASE, object_id=current.pk, label=current.name, before=before,
                 after=_audited(current))
    return current


@transaction.atomic
def duplicate_case(*, record: CaseRecord, user: AbstractBaseUser, name: str,
                   organisation: Organisation) -> CaseRecord:
    """A copy to change into an alternative way of working; the original stays as it was."""
    refuse_identity_numbers({"namn / name": name})
    data = dict(record.data)
    data["name"] = name
    case_from_data(data)
    copy = CaseRecord.objects.create(
        organisation=organisation, name=name, data=data, updated_by=user
    )
    record_event(organisation=organisation, user=user, action=Action.CREATE, kind=Kind.CASE,
                 object_id=copy.pk, label=f"{copy.name} (kopia av {record.name})",
                 after=_audited(copy))
    return copy


@transaction.atomic
def share_case(*, record: CaseRecord, organisation: Organisation, access: Access,
               user: AbstractBaseUser) -> CaseShare:
    before = CaseShare.objects.filter(case=record, organisation=organisation).first()
    share, created = CaseShare.objects.update_or_create(
        case=record, organisation=organisation, defaults={"access": access}
    )
    record_event(organisation=record.organisation, user=user,
                 action=Action.CREATE if created else Action.CHANGE, kind=Kind.SHARE,
                 object_id=f"{record.pk}:{organisation.pk}",
                 label=f"{record.name} → {organisation.name}",
                 before=None if before is None else {"access": before.access},
                 after={"access": str(access)})
    return share


@transaction.atomic
def unshare_case(*, record: CaseRecord, organisation: Organisation,
                 user: AbstractBaseUser) -> None:
    share = CaseShare.objects.filter(case=record, organisation=organisation).first()
    if share is None:
        return
    share.delete()
    record_event(organisation=record.organisation, user=user, action=Action.DELETE,
                 kind=Kind.SHARE, object_id=f"{record.pk}:{organisation.pk}",
                 label=f"{record.name} → {organisation.name}",
                 before={"access": share.access})


@transaction.atomic
def save_salary_table(*, organisation: Organisation, name: str, roles: list[dict[str, Any]],
                      user: AbstractBaseUser | None = None) -> SalaryTable:
    refuse_identity_numbers({"namn / name": name, "yrkesgrupper / roles": roles})
    before = SalaryTable.objects.filter(organisation=organisation, name=name).first()
    table, created = SalaryTable.objects.update_or_create(
        organisation=organisation, name=name, defaults={"roles": roles}
    )
    record_event(organisation=organisation, user=user,
                 action=Action.CREATE if created else Action.CHANGE, kind=Kind.SALARY_TABLE,
                 object_id=table.pk, label=name,
                 before=None if before is None else {"roles": before.roles},
                 after={"roles": roles})
    return table


def _audited(record: CaseRecord) -> dict[str, Any]:
    """What the trail keeps of a case: its name, version and the whole case document."""
    return {"name": record.name, "version": record.version, "data": record.data}


def case_with_salary_table(case_data: dict[str, Any], table: SalaryTable) -> Case:
    """The case with the monthly cost of every role the table names replaced by the table's."""
    costs = table.role_costs()
    data = dict(case_data)
    data["roles"] = [
        {**role, "monthly_cost": costs[role["id"]]["monthly_cost"]} if role["id"] in costs
        else role
        for role in case_data["roles"]
    ]
    return case_from_data(data)
