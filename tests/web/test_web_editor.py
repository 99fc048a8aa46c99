"""The case editor's forms: a case built from nothing, messages in the user's words, conflicts,
history, archive and delete."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from samverkan.model import compute, minute_cost
from samverkan.model.edit import fingerprint
from samverkan.web.accounts.models import Membership, Organisation, Role
from samverkan.web.audit.models import AuditEvent
from samverkan.web.cases import actions
from samverkan.web.cases.models import Access, CaseRecord, CaseVersion
from tests.web.conftest import _user, client_for

pytestmark = pytest.mark.django_db


def task_post(**values: Any) -> dict[str, Any]:
    post = {"name": "", "step": "", "org": "", "category": "internal", "exchange": "",
            "occasions": "1", "base": "", "p-TOTAL_FORMS": 3, "p-INITIAL_FORMS": 0,
            "p-MIN_NUM_FORMS": 0, "p-MAX_NUM_FORMS": 1000}
    post.update(values)
    return post


def url(name: str, record: CaseRecord, *args: Any) -> str:
    return reverse(f"cases:{name}", args=[record.pk, *args])


def test_a_case_is_built_from_nothing_in_forms(owner: User, school: Organisation) -> None:
    client = client_for(owner)
    response = client.post(reverse("cases:new"), {"organisation": school.pk, "name": "Sara",
                                                  "description": ""})
    record = CaseRecord.objects.get(name="Sara")
    assert response.status_code == 302 and record.to_case().steps == ()
    assert client.post(url("organisation_add", record),
                       {"name": "Skolan", "group": "school"}).status_code == 302
    assert client.post(url("organisation_add", record),
                       {"name": "Socialtjänsten", "group": "social_services"}).status_code == 302
    assert client.post(url("role_add", record),
                       {"name": "Kurator", "monthly_cost": "49 500".replace(" ", "")}
                       ).status_code == 302
    assert client.post(url("step_add", record), {"name": "Utredning", "weeks": "16"}
                       ).status_code == 302
    case = CaseRecord.objects.get(pk=record.pk).to_case()
    step, org, role = case.steps[0].id, case.organisations[0].id, case.roles[0].id
    assert "/" not in step + org + role
    response = client.post(url("task_add", record, step), task_post(
        name="Samtal med Sara", step=step, org=org, occasions="4",
        **{"p-0-role": role, "p-0-minutes": "60", "p-0-people": "1"}))
    assert response.status_code == 302
    record.refresh_from_db()
    result = compute(record.to_case())
    # 4 occasions × 60 minutes of a Kurator at 49 500 kr a month.
    assert result.total.cost == pytest.approx(4 * 60 * 49_500 / 165 / 60)
    assert minute_cost(record.to_case().roles[0], record.to_case()) == pytest.approx(5.0)
    editor = client.get(url("edit", record)).content.decode()
    assert "Samtal med Sara" in editor and "Skolan" in editor and "16 veckor" in editor
    assert CaseVersion.objects.filter(case=record).count() == 6


def test_a_blank_task_form_creates_nothing(owner: User, lucas_record: CaseRecord) -> None:
    page = client_for(owner).get(url("task_add", lucas_record, "s1"))
    assert page.status_code == 200
    lucas_record.refresh_from_db()
    assert lucas_record.version == 1 and not any(
        t.name == "Ny arbetsuppgift" for t in lucas_record.to_case().tasks)


def test_messages_are_in_the_users_words_next_to_the_field_and_on_top(
        owner: User, lucas_record: CaseRecord) -> None:
    post = task_post(name="X", step="s1", org="skola_a",
                     **{"p-0-role": "rektor", "p-0-minutes": "-5"})
    page = client_for(owner).post(url("task_add", lucas_record, "s1"), post).content.decode()
    summary = page.split('class="error-summary"')[1].split("</div>")[0]
    assert "Minuter kan inte vara negativa" in summary and 'href="#id_p-0-minutes"' in summary
    table = page.split('class="table participants"')[1]
    assert "Minuter kan inte vara negativa" in table
    assert 'value="X"' in page  # input kept
    for key_path in ("steps[", "participants[", "skola_a<"):
        assert key_path not in page
    lucas_record.refresh_from_db()
    assert lucas_record.version == 1


@pytest.mark.parametrize("name", ["a\x00b", "x" * 201])
def test_hostile_names_get_a_message_not_an_error(owner: User, lucas_record: CaseRecord,
                                                   name: str) -> None:
    response = client_for(owner).post(url("role_add", lucas_record),
                                      {"name": name, "monthly_cost": "1"})
    assert response.status_code == 200 and "Fel: " in response.content.decode()
    lucas_record.refresh_from_db()
    assert lucas_record.version == 1


def test_hostile_numbers_in_posts_get_a_message(owner: User, lucas_record: CaseRecord) -> None:
    client = client_for(owner)
    response = client.post(url("apply_salaries", lucas_record), {"table": "x'; drop"})
    assert response.status_code == 302
    assert "Välj en lönetabell" in client.get(response["Location"]).content.decode()
    response = client.post(url("case_fields", lucas_record), {
        "name": "Lucas", "hours_per_month": "mycket", "overhead_percent": "0",
        "productive_percent": "100", "base": "\x00"})
    assert response.status_code == 200 and "Skriv ett tal" in response.content.decode()
    assert client.post(url("restore", lucas_record, 999)).status_code == 404


def test_same_task_twice_is_refused_with_both_versions(owner: User,
                                                       lucas_record: CaseRecord) -> None:
    colleague = _user("kollega", lucas_record.organisation, Role.EDITOR)
    case = lucas_record.to_case()
    task = case.steps[0].tasks[0]
    base = fingerprint(case, ("task", task.id))
    post = task_post(name=task.name, step="s1", org=task.org,
                     category=task.category.value, exchange=task.exchange or "",
                     occasions=str(task.occasions), base=base,
                     **{"p-0-role": task.participants[0].role, "p-0-minutes": "7"})
    assert client_for(colleague).post(url("task_edit", lucas_record, task.id),
                                      {**post, "name": "Kollegans namn"}).status_code == 302
    refused = client_for(owner).post(url("task_edit", lucas_record, task.id),
                                     {**post, "name": "Mitt namn"})
    page = refused.content.decode()
    assert refused.status_code == 409
    theirs = page.split('id="conflict-theirs"')[1].split("</ul>")[0]
    yours = page.split('id="conflict-yours"')[1].split("</ul>")[0]
    assert "Kollegans namn" in theirs and "Mitt namn" in yours and "kollega" in page
    assert 'value="Mitt namn"' in page  # the user's input is kept
    lucas_record.refresh_from_db()
    assert next(t for t in lucas_record.to_case().tasks if t.id == task.id).name == (
        "Kollegans namn")
    # Having seen both, the user saves again on purpose: the page carried the new base.
    new_base = page.split('name="base" value="')[1].split('"')[0]
    assert new_base == fingerprint(lucas_record.to_case(), ("task", task.id))
    again = client_for(owner).post(url("task_edit", lucas_record, task.id),
                                   {**post, "name": "Mitt namn", "base": new_base})
    assert again.status_code == 302
    lucas_record.refresh_from_db()
    assert next(t for t in lucas_record.to_case().tasks if t.id == task.id).name == "Mitt namn"


def test_deleting_a_step_says_what_goes_with_it(owner: User,
                                                lucas_record: CaseRecord) -> None:
    client = client_for(owner)
    step = lucas_record.to_case().steps[0]
    page = client.get(url("step_delete", lucas_record, step.id)).content.decode()
    going = page.split('id="going"')[1].split("</ul>")[0]
    assert all(t.name in going for t in step.tasks)
    post = {"base": fingerprint(lucas_record.to_case(), ("step", step.id)),
            "task": [t.id for t in step.tasks][:-1]}  # one task less than there is
    assert client.post(url("step_delete", lucas_record, step.id), post).status_code == 200
    post["task"] = [t.id for t in step.tasks]
    assert client.post(url("step_delete", lucas_record, step.id), post).status_code == 302
    lucas_record.refresh_from_db()
    assert step.id not in {s.id for s in lucas_record.to_case().steps}


def test_used_organisations_and_roles_are_not_removed(owner: User,
                                                      lucas_record: CaseRecord) -> None:
    client = client_for(owner)
    case = lucas_record.to_case()
    page = client.get(url("organisation", lucas_record, "soc")).content.decode()
    assert "Ta bort organisationen" not in page and "arbetsuppgifter hör till" in page
    response = client.post(url("organisation_remove", lucas_record, "soc"),
                           {"base": fingerprint(case, ("organisation", "soc"))}, follow=True)
    assert "kan inte tas bort" in response.content.decode()
    lucas_record.refresh_from_db()
    assert lucas_record.version == 1


def test_history_shows_domain_words_and_restores(owner: User, lucas_record: CaseRecord) -> None:
    client = client_for(owner)
    role = lucas_record.to_case().roles[0]
    client.post(url("role", lucas_record, role.id), {
        "name": role.name, "monthly_cost": "100000",
        "base": fingerprint(lucas_record.to_case(), ("role", role.id))})
    page = client.get(url("history", lucas_record)).content.decode()
    assert role.name in page and "monthly_cost" not in page and '"roles"' not in page
    assert client.post(url("restore", lucas_record, 1)).status_code == 302
    lucas_record.refresh_from_db()
    assert lucas_record.version == 3
    assert lucas_record.to_case().role(role.id).monthly_cost == role.monthly_cost


def test_archive_and_delete_are_for_the_owners_administrators(
        owner: User, lucas_record: CaseRecord, school: Organisation) -> None:
    editor = client_for(owner)
    assert editor.post(url("archive", lucas_record)).status_code == 403
    assert editor.post(url("delete", lucas_record)).status_code == 403
    admin_user = _user("chef", school, Role.ADMIN)
    admin = client_for(admin_user)
    assert admin.post(url("archive", lucas_record), {"archived": "1"}).status_code == 302
    assert lucas_record.name not in editor.get(reverse("cases:index")).content.decode()
    assert editor.get(url("results", lucas_record)).status_code == 404
    assert lucas_record.name in admin.get(reverse("cases:archived")).content.decode()
    assert lucas_record.name not in editor.get(reverse("cases:archived")).content.decode()
    admin.post(url("archive", lucas_record), {"archived": "0"})
    assert editor.get(url("results", lucas_record)).status_code == 200
    assert admin.post(url("delete", lucas_record)).status_code == 302
    assert not CaseRecord.objects.filter(pk=lucas_record.pk).exists()
    assert AuditEvent.objects.filter(object_id=str(lucas_record.pk), action="delete").exists()


def test_copy_goes_only_to_an_organisation_that_owns_or_shares_it(
        owner: User, lucas_record: CaseRecord, social: Organisation) -> None:
    other = Organisation.objects.create(name="Annan kommun")
    Membership.objects.create(user=owner, organisation=other, role=Role.EDITOR)
    Membership.objects.create(user=owner, organisation=social, role=Role.EDITOR)
    actions.share_case(record=lucas_record, organisation=social, access=Access.READ,
                       user=owner)
    client = client_for(owner)
    page = client.get(url("duplicate", lucas_record)).content.decode()
    assert "Socialtjänsten" in page and "Skolan" in page and "Annan kommun" not in page
    response = client.post(url("duplicate", lucas_record),
                           {"name": "Kopia", "organisation": other.pk})
    assert response.status_code == 200 and not CaseRecord.objects.filter(name="Kopia").exists()
    client.post(url("duplicate", lucas_record), {"name": "Kopia", "organisation": social.pk})
    assert CaseRecord.objects.get(name="Kopia").organisation == social


def test_week_and_weeks(owner: User, lucas_record: CaseRecord) -> None:
    client: Client = client_for(owner)
    client.post(url("step_add", lucas_record), {"name": "Kort", "weeks": "1"})
    page = client.get(url("edit", lucas_record)).content.decode()
    assert "1 vecka<" in page and "1 veckor" not in page
