"""The web's ways in refuse what would break a page or the database, before anything is written:
a task or step id with `/` (its page address could not be made), a name with a NUL byte or over
300 characters (PostgreSQL's DataError), absurd weeks (the timeline's ValueError). Every test
here runs on PostgreSQL too (see conftest)."""

from __future__ import annotations

import pytest
import yaml
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverkan.formats.case_file import case_to_data
from samverkan.formats.case_io import load_case
from samverkan.web.accounts.models import Organisation
from samverkan.web.cases.models import CaseRecord
from tests.web.conftest import EXAMPLES, client_for

pytestmark = pytest.mark.django_db


def _lucas_with(change) -> bytes:
    data = case_to_data(load_case(EXAMPLES / "lucas.yaml"))
    change(data)
    return yaml.safe_dump(data, allow_unicode=True).encode()


@pytest.mark.parametrize(("change", "said"), [
    (lambda d: d["steps"][0]["tasks"][0].__setitem__("id", "s1/a"), "may not contain /"),
    (lambda d: d["steps"][0].__setitem__("id", "s1/2"), "may not contain /"),
    (lambda d: d.__setitem__("name", "Lucas\x00"), "control characters"),
    (lambda d: d.__setitem__("name", "L" * 301), "the limit is 300"),
    (lambda d: d["steps"][0].__setitem__("weeks", 1e308), "between 0 and 520 weeks"),
])
def test_an_import_that_would_break_a_page_or_the_database_is_refused_and_nothing_is_kept(
        owner: User, school: Organisation, change, said):
    client = client_for(owner)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("cases:import"), {
        "organisation": school.pk,
        "file": SimpleUploadedFile("lucas.yaml", _lucas_with(change))})
    text = response.content.decode()
    assert response.status_code == 200
    assert said in text
    assert not CaseRecord.objects.exists()


def test_the_case_as_text_refuses_a_task_id_with_a_slash_and_keeps_the_case_editable(
        lucas_record: CaseRecord, owner: User):
    client = client_for(owner)
    url = reverse("cases:text", args=[lucas_record.pk])
    text = yaml.safe_dump(case_to_data(lucas_record.to_case()), allow_unicode=True)
    first = lucas_record.to_case().tasks[0].id
    response = client.post(url, {"text": text.replace(f"id: {first}\n", "id: a/b\n", 1),
                                 "version": lucas_record.version})
    assert response.status_code == 200
    assert "får inte innehålla /" in response.content.decode()
    lucas_record.refresh_from_db()
    assert lucas_record.to_case().tasks[0].id == first
    # The editor and every task's page can still be reached.
    assert client.get(reverse("cases:edit", args=[lucas_record.pk])).status_code == 200
    for task in lucas_record.to_case().tasks:
        assert client.get(reverse("cases:task", args=[lucas_record.pk, task.id])).status_code == 200
