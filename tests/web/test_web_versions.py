"""Saves as versions: edits of different elements are all kept, the same element conflicts.

Runs on SQLite and (marked `postgres` by the conftest) on PostgreSQL.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.contrib.auth.models import User

from samverkan.errors import CaseEditError
from samverkan.model import Case
from samverkan.model import edit as edits
from samverkan.web.audit.models import AuditEvent, Kind
from samverkan.web.cases import actions
from samverkan.web.cases.models import CaseRecord, CaseVersion
from tests.web.conftest import _user

pytestmark = pytest.mark.django_db


def minutes_edit(task_id: str, minutes: float):  # type: ignore[no-untyped-def]
    def apply(case: Case) -> Case:
        task = next(t for t in case.tasks if t.id == task_id)
        first = replace(task.participants[0], minutes=minutes, minutes_low=None,
                        minutes_high=None, fte=None, weeks=None)
        return edits.replace_participant(case, task_id, 0, first)
    return apply


def first_minutes(record: CaseRecord, task_id: str) -> float | None:
    case = CaseRecord.objects.get(pk=record.pk).to_case()
    return next(t for t in case.tasks if t.id == task_id).participants[0].minutes


def test_saves_on_different_tasks_from_the_same_base_are_both_kept(
        lucas_record: CaseRecord, owner: User) -> None:
    base = lucas_record.to_case()
    a, b = base.tasks[0].id, base.tasks[1].id
    colleague = _user("kollega", lucas_record.organisation, "editor")
    actions.apply_edit(record=lucas_record, user=owner,
                       bases={("task", a): edits.fingerprint(base, ("task", a))},
                       edit=minutes_edit(a, 11))
    actions.apply_edit(record=lucas_record, user=colleague,
                       bases={("task", b): edits.fingerprint(base, ("task", b))},
                       edit=minutes_edit(b, 22))
    assert (first_minutes(lucas_record, a), first_minutes(lucas_record, b)) == (11, 22)
    versions = CaseVersion.objects.filter(case=lucas_record)
    assert [v.number for v in versions] == [3, 2, 1]
    assert versions[0].username == "kollega" and versions[0].elements == [["task", b]]


def test_a_second_save_on_the_same_task_is_refused_and_nothing_is_lost(
        lucas_record: CaseRecord, owner: User) -> None:
    base = lucas_record.to_case()
    task = base.tasks[0].id
    ref = ("task", task)
    colleague = _user("kollega", lucas_record.organisation, "editor")
    actions.apply_edit(record=lucas_record, user=colleague,
                       bases={ref: edits.fingerprint(base, ref)}, edit=minutes_edit(task, 11))
    with pytest.raises(actions.ElementConflict) as conflict:
        actions.apply_edit(record=lucas_record, user=owner,
                           bases={ref: edits.fingerprint(base, ref)},
                           edit=minutes_edit(task, 99))
    assert conflict.value.ref == ref
    assert conflict.value.last_change is not None
    assert conflict.value.last_change.username == "kollega"
    assert conflict.value.value.participants[0].minutes == 11  # type: ignore[attr-defined]
    assert first_minutes(lucas_record, task) == 11
    assert CaseRecord.objects.get(pk=lucas_record.pk).version == 2


def test_an_impossible_edit_writes_nothing(lucas_record: CaseRecord, owner: User) -> None:
    events = AuditEvent.objects.count()
    with pytest.raises(CaseEditError):
        actions.apply_edit(record=lucas_record, user=owner, bases={},
                           edit=lambda case: edits.remove_role(case, case.roles[0].id))
    assert CaseRecord.objects.get(pk=lucas_record.pk).version == 1
    assert AuditEvent.objects.count() == events


def test_restoring_a_version_is_a_new_version(lucas_record: CaseRecord, owner: User) -> None:
    task = lucas_record.to_case().tasks[0].id
    before = first_minutes(lucas_record, task)
    actions.apply_edit(record=lucas_record, user=owner, bases={},
                       edit=minutes_edit(task, 1))
    restored = actions.restore_version(record=lucas_record, user=owner, number=1)
    assert restored.version == 3
    assert first_minutes(lucas_record, task) == before
    assert CaseVersion.objects.get(case=lucas_record, number=3).elements == [["task", task]]


def test_archive_and_delete_keep_the_audit_trail(lucas_record: CaseRecord, owner: User) -> None:
    actions.set_archived(record=lucas_record, user=owner, archived=True)
    assert CaseRecord.objects.get(pk=lucas_record.pk).archived
    actions.delete_case(record=lucas_record, user=owner)
    assert not CaseRecord.objects.filter(pk=lucas_record.pk).exists()
    trail = AuditEvent.objects.filter(kind=Kind.CASE, object_id=str(lucas_record.pk))
    assert [e.action for e in trail] == ["delete", "change", "create"]


def test_a_salary_table_adds_the_roles_the_case_lacks(lucas_record: CaseRecord,
                                                      owner: User) -> None:
    table = actions.save_salary_table(
        organisation=lucas_record.organisation, name="2026", user=owner,
        roles=[{"id": "rektor", "name": "Rektor", "monthly_cost": 90_000},
               {"id": "logoped", "name": "Logoped", "monthly_cost": 51_000}])
    outcome = {}

    def apply(case: Case) -> Case:
        changed, outcome["added"], outcome["updated"] = actions.case_with_salary_table(
            case, table)
        return changed

    actions.apply_edit(record=lucas_record, user=owner, bases={}, edit=apply)
    case = CaseRecord.objects.get(pk=lucas_record.pk).to_case()
    assert case.role("rektor").monthly_cost == 90_000
    assert case.role("logoped").monthly_cost == 51_000
    assert [r.name for r in outcome["added"]] == ["Logoped"]
