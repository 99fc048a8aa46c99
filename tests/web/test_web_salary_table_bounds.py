"""A salary table holds only what a role of a case may hold, so a stored table can always be
applied; its lines are refused with the line number and the reason."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.urls import reverse

from samverkan.web.accounts.models import Organisation
from samverkan.web.cases import actions
from samverkan.web.cases.models import CaseRecord, SalaryTable
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("text", "message"), [
    ("x1; A\x01B; 50000", "osynligt tecken (U+0001)"),
    ("x2; Stor; 1e308", "Rad 1: månadskostnaden kan vara högst 10 000 000 kronor."),
    ("ok; Ok; 1000\nx3; Inf; inf", "Rad 2: månadskostnaden är inte ett tal."),
    ("x4; NaN; nan", "Rad 1: månadskostnaden är inte ett tal."),
    ("x5; " + "L" * 400 + "; 40000", "Rad 1: namnet är 400 tecken långt; högst 200 får plats."),
    ("a/b; Rektor; 40000", "Rad 1: ett id får inte innehålla /"),
    ("; Rektor; 40000", "Rad 1: skriv id; namn; månadskostnad."),
])
def test_a_line_beyond_a_roles_bounds_is_refused(owner: User, school: Organisation,
                                                 text: str, message: str) -> None:
    client = client_for(owner)
    response = client.post(reverse("cases:salaries", args=[school.pk]),
                           {"name": "T", "text": text})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in re.sub(r"\s+", " ", html)
    assert not SalaryTable.objects.exists()


def test_the_highest_cost_is_accepted(owner: User, school: Organisation) -> None:
    response = client_for(owner).post(reverse("cases:salaries", args=[school.pk]),
                                      {"name": "T", "text": "rektor; Rektor; 10 000 000"})
    assert response.status_code == 302
    assert SalaryTable.objects.get().roles[0]["monthly_cost"] == 10_000_000


def test_a_table_that_cannot_be_applied_is_named(owner: User, school: Organisation,
                                                 lucas_record: CaseRecord) -> None:
    # Stored before the bounds existed: a cost beyond a role's range.
    table = actions.save_salary_table(organisation=school, name="Gammal 2025",
                                      roles=[{"id": "x2", "name": "Stor",
                                              "monthly_cost": 1e308}])
    client = client_for(owner)
    response = client.post(reverse("cases:apply_salaries", args=[lucas_record.pk]),
                           {"table": table.pk})
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(m.startswith("Lönetabellen Gammal 2025 kunde inte användas:") for m in shown)
    assert CaseRecord.objects.get(pk=lucas_record.pk).version == lucas_record.version


def test_a_huge_table_number_is_asked_for_again(owner: User, lucas_record: CaseRecord) -> None:
    response = client_for(owner).post(reverse("cases:apply_salaries", args=[lucas_record.pk]),
                                      {"table": "99999999999999999999"})
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Välj en lönetabell."]
