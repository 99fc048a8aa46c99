"""A forged number of participant rows in the task form is refused quickly and in words."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from samverkan.web.cases.models import CaseRecord
from samverkan.web.cases.task_forms import MAX_PARTICIPANT_ROWS
from tests.web.conftest import client_for
from tests.web.test_web_editor import task_post

pytestmark = pytest.mark.django_db


def test_a_forged_row_count_is_refused(owner: User, lucas_record: CaseRecord) -> None:
    post = task_post(name="Ok", step="s1", org="skola_a", occasions="1",
                     **{"p-TOTAL_FORMS": "100000", "p-0-role": "rektor", "p-0-minutes": "5",
                        "p-0-people": "1"})
    response = client_for(owner).post(reverse("cases:task_add", args=[lucas_record.pk, "s1"]),
                                      post)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"En arbetsuppgift kan ha högst {MAX_PARTICIPANT_ROWS} rader med deltagare." in html
    assert html.count('name="p-') < 20 * (MAX_PARTICIPANT_ROWS + 3)  # not 100 000 rows back
    assert CaseRecord.objects.get(pk=lucas_record.pk).version == lucas_record.version


def test_a_task_with_many_rows_within_the_cap_is_saved(owner: User,
                                                       lucas_record: CaseRecord) -> None:
    rows = {f"p-{i}-{k}": v for i in range(MAX_PARTICIPANT_ROWS)
            for k, v in (("role", "rektor"), ("minutes", "1"), ("people", "1"))}
    post = task_post(name="Många", step="s1", org="skola_a", occasions="1",
                     **{"p-TOTAL_FORMS": str(MAX_PARTICIPANT_ROWS), **rows})
    response = client_for(owner).post(reverse("cases:task_add", args=[lucas_record.pk, "s1"]),
                                      post)
    assert response.status_code == 302
    task = next(t for t in CaseRecord.objects.get(pk=lucas_record.pk).to_case().tasks
                if t.name == "Många")
    assert len(task.participants) == MAX_PARTICIPANT_ROWS
