"""Every change to cases, shares and salary tables: checked, atomic, and written to the audit.

Service functions with keyword-only arguments; views and commands call these and nothing else
writes. A case is stored only after `samverkan.formats.case_file` has accepted it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction

from samverkan.formats.case_file import case_from_data, case_to_data
from samverkan.formats.identity_numbers import refuse_identity_numbers
from samverkan.formats.price_list_data import price_list_to_data
from samverkan.model import Case, PriceList, Role, uploaded_elements
from samverkan.model.edit import ElementRef, element_value, fingerprint, upsert_roles
from samverkan.web.accounts.access import Account, User, account
from samverkan.web.accounts.models import Organisation
from samverkan.web.audit.models import Action, Kind
from samverkan.web.audit.record import record_event
from samverkan.web.cases.models import (
    Access,
    CaseRecord,
    CaseShare,
    CaseVersion,
    PriceListRecord,
    SalaryTable,
)


class StaleVersion(Exception):
    """The case changed since the user opened it; their save is refused, not merged."""

    def __init__(self, current: CaseRecord) -> None:
        super().__init__(f"case {current.pk} is at version {current.version}")
        self.current = current


@dataclass(frozen=True)
class LastChange:
    """Who saved the version that last changed an element, and when."""

    username: str
    at: datetime
    number: int


class ElementConflict(Exception):
    """Someone else changed the element since the user opened it: their save is refused.

    Carries the element as it is now (None if it was removed), the whole current case (to
    name things) and who changed it last.
    """

    def __init__(self, *, ref: ElementRef, current: Case, value: object | None,
                 last_change: LastChange | None, record: CaseRecord) -> None:
        super().__init__(f"{ref[0]} {ref[1]!r} of case {record.pk} changed")
        self.ref = ref
        self.current = current
        self.value = value
        self.last_change = last_change
        self.record = record


def _checked_data(case: Case) -> dict[str, Any]:
    data = case_to_data(case)
    case_from_data(data)  # the stored document must read back; raises CaseFileError if not
    return data


def _user(user: User | None) -> Account | None:
    return account(user)


def _store_version(record: CaseRecord, user: User | None,
                   elements: list[ElementRef], summary: str) -> CaseVersion:
    who = _user(user)
    return CaseVersion.objects.create(
        case=record, number=record.version, data=record.data, user=who,
        username=who.get_username() if who is not None else "",
        elements=[list(e) for e in elements], summary=summary[:300],
    )


def last_change(record: CaseRecord, ref: ElementRef) -> LastChange | None:
    """The latest version that changed the element (by the elements each version lists)."""
    wanted = list(ref)
    rows = CaseVersion.objects.filter(case=record).values_list("elements", "username", "at",
                                                               "number")
    for elements, username, at, number in rows.iterator():  # newest first
        if wanted in elements:
            return LastChange(username, at, number)
    return None


@transaction.atomic
def create_case(*, organisation: Organisation, user: User | None,
                case: Case) -> CaseRecord:
    record = CaseRecord.objects.create(
        organisation=organisation, name=case.name, data=_checked_data(case),
        updated_by=_user(user),
    )
    _store_version(record, user, list(uploaded_elements(Case(case.name, (), (), ()), case)),
                   "")
    record_event(organisation=organisation, user=user, action=Action.CREATE, kind=Kind.CASE,
                 object_id=record.pk, label=record.name, after=_audited(record))
    return record


@transaction.atomic
def save_case(*, record: CaseRecord, user: User, case: Case, base_version: int,
              action: str = "edit") -> CaseRecord:
    """Store a new version of the case, unless someone else saved since `base_version`."""
    current = CaseRecord.objects.select_for_update().get(pk=record.pk)
    if current.version != base_version:
        raise StaleVersion(current)
    # A plain edit of the whole document needs no summary: the history says what changed.
    return _store(current, user, case, "" if action == "edit" else action)


def _store(current: CaseRecord, user: User | None, case: Case,
           summary: str) -> CaseRecord:
    """Write `case` as the next version of the locked `current` record, with its audit event."""
    before_case = current.to_case()
    before = _audited(current)
    current.data = _checked_data(case)
    current.name = case.name
    current.version += 1
    current.updated_by = _user(user)
    current.save()
    elements = list(uploaded_elements(before_case, case))
    if before_case.economics != case.economics:
        # Named so that a conflict on the investment case can say who changed it last.
        elements.append(("economics", ""))
    _store_version(current, user, elements, summary)
    record_event(organisation=current.organisation, user=user, action=Action.CHANGE,
                 kind=Kind.CASE, object_id=current.pk,
                 label=f"{current.name}: {summary}" if summary else current.name,
                 before=before, after=_audited(current))
    return current


@transaction.atomic
def apply_edit(*, record: CaseRecord, user: User,
               bases: Mapping[ElementRef, str], edit: Callable[[Case], Case],
               summary: str = "") -> CaseRecord:
    """Apply `edit` to the latest version of the case, unless an element it rests on changed.

    `bases` gives, for each element the user saw before editing, its `fingerprint` then. Edits
    of other elements saved since are kept: only a change to one of these elements refuses
    the save (`ElementConflict`). The edit may raise `CaseEditError`; the result is checked
    by the case-file reader (`CaseFileError`) before it is stored as a new version.
    """
    current = CaseRecord.objects.select_for_update().get(pk=record.pk)
    case = current.to_case()
    for ref, base in bases.items():
        if fingerprint(case, ref) != base:
            raise ElementConflict(ref=ref, current=case, value=element_value(case, ref),
                                  last_change=last_change(current, ref), record=current)
    changed = edit(case)
    if changed == case:
        # Nothing changes (a form saved as it was, the first step moved up): no new version,
        # so the history lists only real changes.
        return current
    return _store(current, user, changed, summary)


@transaction.atomic
def restore_version(*, record: CaseRecord, user: User, number: int) -> CaseRecord:
    """Store an earlier version's state as the newest version; nothing in between is lost."""
    current = CaseRecord.objects.select_for_update().get(pk=record.pk)
    old = CaseVersion.objects.get(case=current, number=number)
    return _store(current, user, old.to_case(), f"återställd version {number}")


@transaction.atomic
def set_archived(*, record: CaseRecord, user: User, archived: bool) -> CaseRecord:
    """Hide the case from lists (archive) or show it again; its history stays."""
    current = CaseRecord.objects.select_for_update().get(pk=record.pk)
    if current.archived == archived:
        return current
    current.archived = archived
    current.save(update_fields=["archived", "updated"])
    record_event(organisation=current.organisation, user=user, action=Action.CHANGE,
                 kind=Kind.CASE, object_id=current.pk, label=current.name,
                 before={"archived": not archived}, after={"archived": archived})
    return current


@transaction.atomic
def delete_case(*, record: CaseRecord, user: User) -> None:
    """Delete the case and its versions; the audit trail keeps its last state."""
    current = CaseRecord.objects.select_for_update().get(pk=record.pk)
    record_event(organisation=current.organisation, user=user, action=Action.DELETE,
                 kind=Kind.CASE, object_id=current.pk, label=current.name,
                 before=_audited(current))
    current.delete()


@transaction.atomic
def duplicate_case(*, record: CaseRecord, user: User, name: str,
                   organisation: Organisation) -> CaseRecord:
    """A copy to change into an alternative way of working; the original stays as it was."""
    refuse_identity_numbers({"namn / name": name})
    data = dict(record.data)
    data["name"] = name
    case_from_data(data)
    copy = CaseRecord.objects.create(
        organisation=organisation, name=name, data=data, updated_by=_user(user)
    )
    _store_version(copy, user, [], f"kopia av {record.name}")
    record_event(organisation=organisation, user=user, action=Action.CREATE, kind=Kind.CASE,
                 object_id=copy.pk, label=f"{copy.name} (kopia av {record.name})",
                 after=_audited(copy))
    return copy


@transaction.atomic
def share_case(*, record: CaseRecord, organisation: Organisation, access: Access,
               user: User) -> CaseShare:
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
                 user: User) -> None:
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
                      user: User | None = None) -> SalaryTable:
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


def save_price_list(*, organisation: Organisation, name: str, prices: PriceList,
                    user: User | None = None) -> PriceListRecord:
    """An organisation's own price list, kept under its name (a new upload replaces it), in the
    organisation's audit trail as salary tables are."""
    data = price_list_to_data(prices)
    refuse_identity_numbers({"namn / name": name, "prislista / price list": data})
    before = PriceListRecord.objects.filter(organisation=organisation, name=name).first()
    record, created = PriceListRecord.objects.update_or_create(
        organisation=organisation, name=name, defaults={"data": data})
    record_event(organisation=organisation, user=user,
                 action=Action.CREATE if created else Action.CHANGE, kind=Kind.PRICE_LIST,
                 object_id=record.pk, label=name,
                 before=None if before is None else {"data": before.data}, after={"data": data})
    return record


def _audited(record: CaseRecord) -> dict[str, Any]:
    """What the trail keeps of a case: its name, version and the whole case document."""
    return {"name": record.name, "version": record.version, "data": record.data}


def table_roles(table: SalaryTable) -> tuple[Role, ...]:
    return tuple(Role(str(r.get("id", "")), str(r["name"]), float(r["monthly_cost"]))
                 for r in table.roles)


def case_with_salary_table(case: Case, table: SalaryTable) -> tuple[Case, tuple[Role, ...],
                                                                     tuple[Role, ...]]:
    """The case with the table's roles: those it lacks added, the others' costs updated.

    Returns the case, the roles added and the roles whose monthly cost changed.
    """
    return upsert_roles(case, table_roles(table))
