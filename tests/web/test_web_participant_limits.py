"""The task form's participant limits, said with their unit, and one message per field."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from samverkan.web.cases.models import CaseRecord
from tests.web.conftest import client_for
from tests.web.test_web_editor import task_post

pytestmark = pytest.mark.django_db


def _messages_at(html: str, field: str) -> list[str]:
    """The messages in the table cell of the participant field `field`."""
    cell = re.search(rf'<td>((?:(?!<td>).)*?name="{field}")', html, re.S)
    assert cell, field
    return [re.sub(r"<[^>]+>", "", m) for m in
            re.findall(r'<p class="error-message">(.*?)</p>', cell.group(1), re.S)]


@pytest.mark.parametrize(("values", "field", "message"), [
    ({"p-0-fte": "0.5", "p-0-weeks": "1e308"}, "p-0-weeks", "Veckor kan vara högst 520."),
    ({"p-0-minutes": "2000000"}, "p-0-minutes", "Minuter kan vara högst 1 000 000."),
    ({"p-0-minutes": "5", "p-0-people": "10001"}, "p-0-people",
     "Antal personer kan vara högst 10 000."),
])
def test_a_participant_value_above_its_limit_gets_one_message_with_its_unit(
        owner: User, lucas_record: CaseRecord, values: dict[str, str], field: str,
        message: str) -> None:
    post = task_post(name="Ok", step="s1", org="skola_a", occasions="1",
                     **{"p-0-role": "rektor", **values})
    response = client_for(owner).post(reverse("cases:task_add", args=[lucas_record.pk, "s1"]),
                                      post)
    html = response.content.decode()
    assert response.status_code == 200
    shown = _messages_at(html, field)
    assert len(shown) == 1 and message in shown[0], shown
    assert CaseRecord.objects.get(pk=lucas_record.pk).version == lucas_record.version


def test_a_too_long_name_is_said_in_the_products_words(owner: User,
                                                       lucas_record: CaseRecord) -> None:
    post = task_post(name="n" * 201, step="s1", org="skola_a", occasions="1",
                     **{"p-0-role": "rektor", "p-0-minutes": "5"})
    response = client_for(owner).post(reverse("cases:task_add", args=[lucas_record.pk, "s1"]),
                                      post)
    html = response.content.decode()
    assert "Texten kan vara högst 200 tecken lång; den har 201." in html
    assert "Säkerställ" not in html
