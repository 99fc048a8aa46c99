"""Authorization: every URL pattern, walked with an outsider (404) and with no user (login)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from samverkan.web.accounts.models import Membership, Organisation, Role
from samverkan.web.cases import actions
from samverkan.web.cases.models import Access, CaseRecord, SalaryTable
from samverkan.web.followup.models import EventLogRecord
from tests.web.conftest import client_for, stored_log

pytestmark = pytest.mark.django_db

# Pages anyone may open: logging in, choosing a language, the accessibility statement, files.
PUBLIC = {"login", "set_language", "accessibility", "health", None,
          # Single sign-on: off (404) without a provider, tested in test_web_sso.py.
          "oidc_authentication_init", "oidc_authentication_callback"}


def _patterns(resolver: URLResolver, namespace: str = "") -> list[tuple[str, URLPattern]]:
    found: list[tuple[str, URLPattern]] = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found.extend(_patterns(entry, inner))
        else:
            found.append((namespace, entry))
    return found


def _kwargs(pattern: URLPattern, objects: dict[str, Any]) -> dict[str, Any]:
    return {name: objects[name] for name in pattern.pattern.regex.groupindex}


def _urls(objects: dict[str, Any]) -> list[tuple[str, str]]:
    urls = []
    for namespace, pattern in _patterns(get_resolver()):
        if pattern.name in PUBLIC:
            continue
        name = f"{namespace}{pattern.name}"
        urls.append((name, reverse(name, kwargs=_kwargs(pattern, objects))))
    return urls


@pytest.fixture
def objects(lucas_record: CaseRecord, school: Organisation, owner: User) -> dict[str, Any]:
    table = actions.save_salary_table(organisation=school, name="2026",
                                      roles=[{"id": "rektor", "name": "Rektor",
                                              "monthly_cost": 81000}])
    return {"case_id": lucas_record.pk, "task_id": "s1-a-eht", "step_id": "s1",
            "org_id": "skola_a", "role_id": "rektor", "number": 1,
            "exchange_id": "anmalningsmote",
            "fmt": "yaml", "organisation_id": school.pk, "table": table,
            "membership_id": Membership.objects.get(user=owner).pk,
            "log_id": stored_log(school, owner).pk}


def test_every_url_pattern_is_known_to_this_test(objects: dict[str, Any]) -> None:
    names = {name for name, _ in _urls(objects)}
    assert "cases:results" in names and "cases:timeline" in names and "cases:compare" in names
    assert len(names) >= 14


def test_outsider_gets_404_everywhere(objects: dict[str, Any], outsider: User) -> None:
    client = client_for(outsider)
    for name, url in _urls(objects):
        if name in {"cases:index", "cases:compare", "cases:new", "cases:import", "logout",
                    "followup:index", "followup:upload", "cases:archived",
                    "cases:template", "password_change", "sso_no_membership"}:
            continue  # pages of the outsider's own, checked below
        get = client.get(url)
        post = client.post(url, {"table": objects["table"].pk, "version": 1, "name": "x",
                                 "weeks": 1, "text": "x"})
        assert get.status_code == 404, (name, url, get.status_code)
        assert post.status_code in (404, 405), (name, url, post.status_code)


def test_outsider_own_pages_show_nothing_of_others(objects: dict[str, Any],
                                                   outsider: User) -> None:
    client = client_for(outsider)
    index = client.get(reverse("cases:index"))
    assert index.status_code == 200
    assert "Lucas" not in index.content.decode()
    compare = client.get(reverse("cases:compare"),
                         {"baseline": objects["case_id"], "alternative": objects["case_id"]})
    assert "Lucas" not in compare.content.decode()
    assert "hand.csv" not in client.get(reverse("followup:index")).content.decode()
    assert EventLogRecord.objects.filter(pk=objects["log_id"]).exists()
    # An organisation the outsider only administers cannot create in another's name.
    assert client.post(reverse("cases:new"), {"organisation": objects["organisation_id"],
                                              "name": "x"}).status_code == 200
    assert not CaseRecord.objects.filter(name="x").exists()


def test_anonymous_user_is_sent_to_login(objects: dict[str, Any]) -> None:
    client = Client()
    login = reverse("login")
    for name, url in _urls(objects):
        response = client.get(url)
        assert response.status_code == 302, (name, url)
        assert response["Location"].startswith(login), (name, url)


def test_public_pages_need_no_login() -> None:
    client = Client()
    assert client.get(reverse("login")).status_code == 200
    assert client.get(reverse("accessibility")).status_code == 200
    health = client.get(reverse("health"))
    assert health.status_code == 200 and health.content == b"ok"


def test_viewer_reads_but_may_not_edit(lucas_record: CaseRecord, viewer: User) -> None:
    client = client_for(viewer)
    assert client.get(reverse("cases:results", args=[lucas_record.pk])).status_code == 200
    assert client.get(reverse("cases:edit", args=[lucas_record.pk])).status_code == 403
    assert client.get(reverse("cases:sharing", args=[lucas_record.pk])).status_code == 404


def test_sharing_gives_read_then_edit(lucas_record: CaseRecord, owner: User, outsider: User,
                                      social: Organisation) -> None:
    assert client_for(owner).get(reverse("cases:sharing", args=[lucas_record.pk])).status_code \
        == 404  # an editor, not an administrator
    Membership.objects.filter(user=owner).update(role=Role.ADMIN)
    results = reverse("cases:results", args=[lucas_record.pk])
    edit = reverse("cases:edit", args=[lucas_record.pk])
    guest = client_for(outsider)
    assert guest.get(results).status_code == 404
    response = client_for(owner).post(reverse("cases:sharing", args=[lucas_record.pk]),
                                      {"organisation": social.name, "access": Access.READ})
    assert response.status_code == 302
    assert guest.get(results).status_code == 200
    assert guest.get(edit).status_code == 403
    client_for(owner).post(reverse("cases:sharing", args=[lucas_record.pk]),
                           {"organisation": social.name, "access": Access.EDIT})
    assert guest.get(edit).status_code == 200
    client_for(owner).post(reverse("cases:unshare", args=[lucas_record.pk, social.pk]))
    assert guest.get(results).status_code == 404


def test_salary_table_of_another_organisation_cannot_be_applied(
    lucas_record: CaseRecord, owner: User, social: Organisation
) -> None:
    foreign = SalaryTable.objects.create(organisation=social, name="x",
                                         roles=[{"id": "rektor", "name": "R",
                                                 "monthly_cost": 1}])
    response = client_for(owner).post(reverse("cases:apply_salaries", args=[lucas_record.pk]),
                                      {"table": foreign.pk, "version": lucas_record.version})
    assert response.status_code == 404
    lucas_record.refresh_from_db()
    assert lucas_record.version == 1


def test_members_are_managed_by_administrators_only(school: Organisation, owner: User,
                                                    viewer: User, outsider: User) -> None:
    url = reverse("accounts:members", args=[school.pk])
    assert client_for(viewer).get(url).status_code == 200
    assert client_for(viewer).post(url, {"username": "utomstaende",
                                         "role": Role.VIEWER}).status_code == 403
    Membership.objects.filter(user=owner).update(role=Role.ADMIN)
    admin = client_for(owner)
    assert admin.post(url, {"username": "utomstaende", "role": Role.EDITOR}).status_code == 302
    assert Membership.objects.get(user=outsider, organisation=school).role == Role.EDITOR
    page = admin.post(url, {"username": "ingen", "role": Role.EDITOR}).content.decode()
    assert "Fel: " in page
    viewer_membership = Membership.objects.get(user=viewer)
    admin.post(reverse("accounts:remove_member", args=[school.pk, viewer_membership.pk]))
    assert client_for(viewer).get(url).status_code == 404


# Everything a form in the application may post, so that a refused request is refused for
# who sent it and not for a missing field.
_PAYLOAD = {"table": "", "version": 1, "name": "x", "weeks": 1, "text": "x", "access": "edit",
            "organisation": "", "username": "lasare", "role": "admin", "per_year": "4",
            "baseline": "", "alternative": ""}


def _everything_posted(objects: dict[str, Any], client: Client,
                       skip: set[str]) -> dict[str, int]:
    from samverkan.web.backup import backup_text

    before = backup_text(with_password_hashes=True)
    payload = {**_PAYLOAD, "table": objects["table"].pk,
               "organisation": objects["organisation_id"],
               "baseline": objects["case_id"], "alternative": objects["case_id"]}
    statuses = {}
    for name, url in _urls(objects):
        if name in skip:
            continue
        statuses[name] = client.post(url, payload).status_code
    assert backup_text(with_password_hashes=True) == before, "a refused request changed data"
    return statuses


# Posting to these reads or lays out, changes nothing, and is open to every member.
READ_ONLY = {"logout", "cases:index", "cases:compare", "cases:results", "cases:timeline",
             "cases:task", "cases:export", "cases:report", "cases:compare_report",
             "followup:index", "followup:log", "followup:download", "followup:report",
             "cases:history", "cases:archived", "cases:template"}
# Each user's own account, not the organisation's data (tests/web/test_web_passwords.py).
OWN_ACCOUNT = {"password_change", "sso_no_membership"}


def test_viewer_can_change_nothing_anywhere(objects: dict[str, Any], viewer: User) -> None:
    statuses = _everything_posted(objects, client_for(viewer), READ_ONLY | OWN_ACCOUNT)
    assert statuses and all(s in (403, 404, 405) for s in statuses.values()), statuses


# Pages that an editor may use to change cases, logs and salary tables.
EDITING = {"cases:new", "cases:import", "cases:edit", "cases:step", "cases:task_edit",
           "cases:task_add", "cases:duplicate", "cases:apply_salaries", "cases:salaries",
           "followup:upload", "followup:delete", "cases:case_fields", "cases:text",
           "cases:organisation_add", "cases:organisation", "cases:organisation_move",
           "cases:organisation_remove", "cases:role_add", "cases:role", "cases:role_remove",
           "cases:step_add", "cases:step_move", "cases:step_delete", "cases:task_copy",
           "cases:task_delete", "cases:restore", "cases:upload", "cases:upload_preview",
           "cases:upload_confirm", "cases:grid_first", "cases:grid", "cases:grid_row",
           "cases:grid_totals", "cases:exchange"}


def test_editor_cannot_administer(objects: dict[str, Any], owner: User) -> None:
    statuses = _everything_posted(objects, client_for(owner), READ_ONLY | OWN_ACCOUNT | EDITING)
    # What is left: members, sharing and the audit trail — administration.
    assert {"accounts:members", "cases:sharing", "audit:log", "cases:archive",
            "cases:delete"} <= set(statuses)
    assert all(s in (403, 404, 405) for s in statuses.values()), statuses
    for name in ("accounts:members", "cases:sharing", "audit:log"):
        url = dict(_urls(objects))[name]
        assert client_for(owner).get(url).status_code in (200, 403, 404)
    assert client_for(owner).get(dict(_urls(objects))["audit:log"]).status_code == 404
