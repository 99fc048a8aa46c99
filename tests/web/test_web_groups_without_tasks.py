"""Pages and the report say when an organisation without tasks is left out of its group's mean."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from samverkan.model import Case, Organisation, Participant, Role, Step, Task
from samverkan.reports.analysis import analyse
from samverkan.reports.labels import kronor
from samverkan.reports.report import Report, render_html
from samverkan.web.accounts.models import Organisation as Owner
from samverkan.web.cases import actions
from samverkan.web.cases.models import CaseRecord
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db

SV = "Skola B har inga arbetsuppgifter ännu och räknas inte i medelvärdet."
EN = "Skola B has no tasks yet and is not counted in the average."

# One minute of the Kurator costs 9 900 / 165 / 60 = 1 krona.
CASE = Case(
    "Sara", organisations=(Organisation("a", "Skola A", "school"),
                           Organisation("b", "Skola B", "school"),
                           Organisation("soc", "Socialtjänsten", "social_services")),
    roles=(Role("kurator", "Kurator", 9_900.0),),
    steps=(Step("s1", "Orosanmälan", 1, (
        Task("a1", "a", "Samtal", participants=(Participant("kurator", minutes=600),)),
        Task("soc1", "soc", "Samtal", participants=(Participant("kurator", minutes=300),)),
    )),),
)


@pytest.mark.parametrize("page", ["results", "edit"])
def test_the_pages_say_who_is_left_out(owner: User, school: Owner, page: str) -> None:
    record = actions.create_case(organisation=school, user=owner, case=CASE)
    client = client_for(owner)
    html = client.get(reverse(f"cases:{page}", args=[record.pk])).content.decode()
    assert SV in html
    if page == "results":
        # Skola B has no tasks, so the schools' mean is Skola A's 600 minutes alone; the total
        # adds social services' 300 minutes, at 9 900 kr / 165 h / 60 = 1 krona a minute.
        total = (600 + 300) * 9_900 / 165 / 60
        assert f'id="total-cost">{kronor(total)}<' in html
    client.cookies["django_language"] = "en"
    english = client.get(reverse(f"cases:{page}", args=[record.pk])).content.decode()
    assert EN in english


def test_nothing_is_said_when_every_organisation_has_tasks(
        owner: User, lucas_record: CaseRecord) -> None:
    url = reverse("cases:results", args=[lucas_record.pk])
    html = client_for(owner).get(url).content.decode()
    assert "not-counted" not in html


def test_the_report_says_it_too() -> None:
    html = render_html(Report(analyse(CASE, draws=100)))
    assert SV in html
