"""Every change to cases, shares and salary tables: checked, atomic, and written to the audit.

Service functions with keyword-only arguments; views and commands call these and nothing else
writes. A case is stored only after `samverkan.formats.case_file` has accepted it.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from samverkan.formats.case_file import case_from_data, case_to_data
from samverkan.model import Case
from samverkan.web.accounts.models import Organisation
from samverkan.web.cases.models import Access, CaseEvent, CaseRecord, CaseShare, SalaryTable


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
    CaseEvent.objects.create(case=record, user=user, action="create", version=record.version)
    return record


@transaction.atomic
def save_case(*, record: CaseRecord, user: AbstractBaseUser, case: Case, base_version: int,
              action: str = "edit") -> CaseRecord:
    """Store a new version of the case, unless someone else saved since `base_version`."""
    current = CaseRecord.objects.select_for_update().get(pk=record.pk)
    if current.version != base_version:
        raise StaleVersion(current)
    current.data = _checked_data(case)
    current.name = case.name
    current.version += 1
    current.updated_by = user
    current.save()
    CaseEvent.objects.create(case=current, user=user, action=action, version=current.version)
    return current


@transaction.atomic
def duplicate_case(*, record: CaseRecord, user: AbstractBaseUser, name: str,
                   organisation: Organisation) -> CaseRecord:
    """A copy to change into an alternative way of working; the original stays as it was."""
    data = dict(record.data)
    data["name"] = name
    case_from_data(data)
    copy = CaseRecord.objects.create(
        organisation=organisation, name=name, data=data, updated_by=user
    )
    CaseEvent.objects.create(case=copy, user=user, action=f"duplicate:{record.pk}", version=1)
    return copy


@transaction.atomic
def share_case(*, record: CaseRecord, organisation: Organisation, access: Access,
               user: AbstractBaseUser) -> CaseShare:
    share, _ = CaseShare.objects.update_or_create(
        case=record, organisation=organisation, defaults={"access": access}
    )
    CaseEvent.objects.create(case=record, user=user, action=f"share:{organisation.pk}:{access}",
                             version=record.version)
    return share


@transaction.atomic
def unshare_case(*, record: CaseRecord, organisation: Organisation,
                 user: AbstractBaseUser) -> None:
    CaseShare.objects.filter(case=record, organisation=organisation).delete()
    CaseEvent.objects.create(case=record, user=user, action=f"unshare:{organisation.pk}",
                             version=record.version)


@transaction.atomic
def save_salary_table(*, organisation: Organisation, name: str,
                      roles: list[dict[str, Any]]) -> SalaryTable:
    table, _ = SalaryTable.objects.update_or_create(
        organisation=organisation, name=name, defaults={"roles": roles}
    )
    return table


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
