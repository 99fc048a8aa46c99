"""The mapping grid's row saves: each row against its own task only, conflicts shown with both
versions and the input kept, problems said in the user's words, nothing written when wrong."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from samverkan.model import Case, Participant
from samverkan.web.cases import actions
from samverkan.web.cases.models import CaseRecord
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


def _fingerprints(client: Client, record: CaseRecord, step: str) -> dict[str, str]:
    html = client.get(reverse("cases:grid", args=[record.pk, step])).content.decode()
    return dict(re.findall(r'name="(fp-[^"]+)" value="([^"]+)"', html))


def _row(task: str, index: int, **values: Any) -> dict[str, Any]:
    return {"row": f"{task}:{index}", "task_id": task, "index": str(index),
            "role": "socialsekreterare", "minutes": "90", "people": "1", "low": "", "high": "",
            **values}


def _post(client: Client, record: CaseRecord, step: str, data: dict[str, Any]) -> Any:
    return client.post(reverse("cases:grid_row", args=[record.pk, step]), data)


def _set_minutes(case: Case, task_id: str, minutes: float) -> Case:
    return replace(case, steps=tuple(replace(s, tasks=tuple(
        replace(t, participants=(replace(t.participants[0], minutes=minutes),
                                 *t.participants[1:])) if t.id == task_id else t
        for t in s.tasks)) for s in case.steps))


def test_rows_of_different_tasks_saved_from_pages_opened_together(
        owner: User, lucas_record: CaseRecord) -> None:
    first, second = client_for(owner), client_for(owner)
    fps_first = _fingerprints(first, lucas_record, "s4")
    fps_second = _fingerprints(second, lucas_record, "s4")
    assert _post(first, lucas_record, "s4",
                 {**fps_first, **_row("s4-soc-barnsamtal", 0, minutes="120")}).status_code == 200
    response = _post(second, lucas_record, "s4",
                     {**fps_second, **_row("s4-soc-farmor", 0, minutes="45,5")})
    assert response.status_code == 200 and "Sparat" in response.content.decode()
    tasks = {t.id: t for t in CaseRecord.objects.get(pk=lucas_record.pk).to_case().tasks}
    assert tasks["s4-soc-barnsamtal"].participants[0].minutes == 120
    assert tasks["s4-soc-farmor"].participants[0].minutes == 45.5


def test_a_row_of_a_task_someone_saved_since_is_refused_with_their_version(
        owner: User, lucas_record: CaseRecord) -> None:
    client = client_for(owner)
    fps = _fingerprints(client, lucas_record, "s4")
    theirs = actions.apply_edit(record=lucas_record, user=owner, bases={},
                                edit=lambda c: _set_minutes(c, "s4-soc-barnsamtal", 75))
    response = _post(client, lucas_record, "s4",
                     {**fps, **_row("s4-soc-barnsamtal", 0, minutes="120")})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Någon annan sparade den här arbetsuppgiften" in html
    assert "Socialsekreterare: 75 min per person och tillfälle, antal personer 1" in html
    stored = CaseRecord.objects.get(pk=lucas_record.pk)
    assert stored.version == theirs.version
    # The answer carries the task's fingerprint now: saving again puts the row's 120 over 75.
    fps = dict(re.findall(r'name="(fp-[^"]+)" value="([^"]+)"', html))
    assert _post(client, lucas_record, "s4", {**fps, **_row("s4-soc-barnsamtal", 0,
                                                            minutes="120")}).status_code == 200
    tasks = {t.id: t for t in CaseRecord.objects.get(pk=lucas_record.pk).to_case().tasks}
    assert tasks["s4-soc-barnsamtal"].participants[0].minutes == 120


@pytest.mark.parametrize(("values", "message"), [
    ({"minutes": "-5"}, "Minuter kan inte vara negativa."),
    ({"minutes": "två"}, "Minuter måste vara ett tal, till exempel 45 eller 7,5."),
    ({"minutes": ""}, "Ange minuter."),
    ({"low": "100", "high": "150"}, "Lägsta minuter får vara högst lika många som minuterna"),
    ({"low": "60"}, "Ange både lägsta och högsta minuter, eller ingen av dem."),
])
def test_problems_in_a_row_are_said_in_words_and_nothing_is_written(
        owner: User, lucas_record: CaseRecord, values: dict[str, str], message: str) -> None:
    client = client_for(owner)
    fps = _fingerprints(client, lucas_record, "s4")
    response = _post(client, lucas_record, "s4", {**fps, **_row("s4-soc-barnsamtal", 0,
                                                                **values)})
    html = response.content.decode()
    assert response.status_code == 422 and message in html
    assert "steps[" not in html and "Traceback" not in html
    assert CaseRecord.objects.get(pk=lucas_record.pk).version == lucas_record.version


def test_a_new_row_adds_a_task_and_another_person_joins_it(
        owner: User, lucas_record: CaseRecord) -> None:
    client = client_for(owner)
    fps = _fingerprints(client, lucas_record, "s1")
    new = {"row": "new-1", "task_id": "", "index": "", "task": "", "task_fields": "1",
           "name": "Hembesök", "org": "soc", "category": "guardian", "exchange": "",
           "occasions": "2", "role": "socialsekreterare", "minutes": "60", "people": "2",
           "low": "", "high": ""}
    # Half filled in: nothing saved, and no error either.
    response = _post(client, lucas_record, "s1", {**fps, **new, "minutes": ""})
    assert response.status_code == 200 and "Inte sparad än" in response.content.decode()
    assert CaseRecord.objects.get(pk=lucas_record.pk).version == lucas_record.version
    response = _post(client, lucas_record, "s1", {**fps, **new})
    html = response.content.decode()
    assert response.status_code == 200
    task_id = re.search(r'name="task_id" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    case = CaseRecord.objects.get(pk=lucas_record.pk).to_case()
    task = next(t for t in case.tasks if t.id == task_id)
    assert (task.name, task.org, task.occasions) == ("Hembesök", "soc", 2)
    # Another person joins it from a new row that names the task in its list.
    fps = dict(re.findall(r'name="(fp-[^"]+)" value="([^"]+)"', html))
    joined = {"row": "new-2", "task_id": "", "index": "", "task": task_id, "task_fields": "1",
              "name": "", "role": "sektionschef", "minutes": "15", "people": "1", "low": "",
              "high": ""}
    assert _post(client, lucas_record, "s1", {**fps, **joined}).status_code == 200
    task = next(t for t in CaseRecord.objects.get(pk=lucas_record.pk).to_case().tasks
                if t.id == task_id)
    assert task.name == "Hembesök"
    assert task.participants == (Participant("socialsekreterare", minutes=60, people=2),
                                 Participant("sektionschef", minutes=15))


def test_the_grid_is_for_editors(viewer: User, lucas_record: CaseRecord) -> None:
    client = client_for(viewer)
    assert client.get(reverse("cases:grid", args=[lucas_record.pk, "s1"])).status_code == 403
    assert client.post(reverse("cases:grid_row", args=[lucas_record.pk, "s1"]),
                       _row("s1-soc-mottagning", 0)).status_code == 403
