"""A forged drop-down value is refused without being repeated on the page."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from samverkan.web.cases.models import CaseRecord
from tests.web.conftest import client_for
from tests.web.test_web_editor import task_post

pytestmark = pytest.mark.django_db

NUMBER = "19121212-1212"


@pytest.mark.parametrize("value", [NUMBER, "x" * 1000])
def test_a_forged_choice_is_not_echoed(owner: User, lucas_record: CaseRecord,
                                       value: str) -> None:
    client = client_for(owner)
    response = client.post(reverse("cases:organisation_add", args=[lucas_record.pk]),
                           {"name": "Ok", "group": value})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Välj ett av alternativen i listan." in html
    assert value not in html
    post = task_post(name="Ok", step=value, org=value, category=value, occasions="1",
                     **{"p-0-role": value, "p-0-minutes": "5", "p-0-people": "1"})
    response = client.post(reverse("cases:task_add", args=[lucas_record.pk, "s1"]), post)
    html = response.content.decode()
    assert html.count("Välj ett av alternativen i listan.") >= 4
    assert value not in html
    assert CaseRecord.objects.get(pk=lucas_record.pk).version == lucas_record.version
