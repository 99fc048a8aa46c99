"""Authorization: every URL pattern, walked with no user (login), an outsider (404) and members
without the role it needs (403) — one rule, `samverkan.web.accounts.access`."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from samverkan.model import AvoidedIntervention, Investment, ThreePoint, edit
from samverkan.web.accounts.models import Membership, Organisation, Role
from samverkan.web.cases import actions
from samverkan.web.cases.models import Access, CaseRecord, SalaryTable
from samverkan.web.followup.models import EventLogRecord
from tests.web.conftest import client_for, stored_log

pytestmark = pytest.mark.django_db

# Pages anyone may open: logging in, choosing a language, the accessibility statement, files.
PUBLIC = {"login", "set_language", "accessibility", "health", "set_password", None,
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
    # An investment case with one line of each kind, so that its lines' pages are walked too.
    actions.apply_edit(record=lucas_record, user=owner, bases={}, edit=lambda c: (
        edit.add_avoided(edit.add_investment(
            edit.set_outcome(c, assumption="Minst lika bra", source=""),
            Investment("Utbildning", "soc", kronor=1000.0)),
            AvoidedIntervention("hvb", "soc", ThreePoint.exact(0.01), 1.0))))
    return {"case_id": lucas_record.pk, "task_id": "s1-a-eht", "step_id": "s1",
            "org_id": "skola_a", "role_id": "rektor", "number": 1,
            "exchange_id": "anmalningsmote", "index": 0,
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
        if name in {"cases:index", "cases:compare", "cases:invest", "cases:new", "cases:import",
                    "logout", "followup:index", "followup:upload", "cases:archived",
                    "cases:template", "password_change", "sso_no_membership",
                    "two_step", "two_step_verify"}:
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
    invest = client.get(reverse("cases:invest"), {"baseline": objects["case_id"],
                                                  "alternatives": objects["case_id"]})
    assert invest.status_code == 200 and "Lucas" not in invest.content.decode()
    report = client.get(reverse("cases:invest_report", args=["html"]),
                        {"baseline": objects["case_id"], "alternatives": objects["case_id"]})
    assert report.status_code == 404
    assert "hand.csv" not in client.get(reverse("followup:index")).content.decode()
    assert EventLogRecord.objects.filter(pk=objects["log_id"]).exists()
    # An organisation the outsider only administers cannot create in another's name.
    assert client.post(reverse("cases:new"), {"organisation": objects["organisation_id"],
                                              "name": "x"}).status_code == 200
    assert not CaseRecord.objects.filter(name="x").exists()


def test_an_alternative_the_user_may_not_see_is_refused_among_several(
        objects: dict[str, Any], outsider: User, social: Organisation) -> None:
    """Several alternatives: one case of another organisation among the outsider's own is
    refused as a whole, on the page and for every report, and nothing of it is shown."""
    from samverkan.formats.case_io import load_case
    from tests.web.conftest import EXAMPLES

    own = [actions.create_case(organisation=social, user=outsider,
                               case=load_case(EXAMPLES / name))
           for name in ("lucas-samverkan.yaml", "lucas-skolsocionom.yaml")]
    client = client_for(outsider)
    query = {"baseline": own[0].pk, "alternative": [own[1].pk, objects["case_id"]]}
    page = client.get(reverse("cases:compare"), query)
    assert page.status_code == 200 and "(Skolan)" not in page.content.decode()
    assert "Välj ett av alternativen i listan" in page.content.decode()
    for fmt in ("html", "pdf", "xlsx"):
        report = client.get(reverse("cases:compare_report", args=[fmt]), query)
        assert report.status_code == 404, fmt
    # Their own two are compared.
    mine = {"baseline": own[0].pk, "alternative": [own[1].pk, own[0].pk]}
    assert client.get(reverse("cases:compare"), mine).status_code == 200
    assert client.get(reverse("cases:compare_report", args=["html"]), mine).status_code == 200
    # More alternatives than the page draws are refused, not computed.
    many = {"baseline": own[0].pk, "alternative": [own[1].pk] * 7}
    assert "Välj högst 6 alternativ" in client.get(reverse("cases:compare"), many).content.decode()
    assert client.get(reverse("cases:compare_report", args=["html"]), many).status_code == 404


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
    assert client.get(reverse("cases:sharing", args=[lucas_record.pk])).status_code == 403


def test_sharing_gives_read_then_edit(lucas_record: CaseRecord, owner: User, outsider: User,
                                      social: Organisation) -> None:
    assert client_for(owner).get(reverse("cases:sharing", args=[lucas_record.pk])).status_code \
        == 403  # an editor, not an administrator
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
    outsider.email = "utom@example.se"
    outsider.save()
    invite = {"name": "Utom Stående", "email": "utom@example.se", "role": Role.VIEWER}
    assert client_for(viewer).post(url, invite).status_code == 403
    Membership.objects.filter(user=owner).update(role=Role.ADMIN)
    admin = client_for(owner)
    # An existing account (found by its e-mail address) becomes a member at once.
    assert admin.post(url, {**invite, "role": Role.EDITOR}).status_code == 302
    assert Membership.objects.get(user=outsider, organisation=school).role == Role.EDITOR
    page = admin.post(url, {"name": "Ingen", "email": "inte en adress",
                            "role": Role.EDITOR}).content.decode()
    assert "Fel: " in page
    viewer_membership = Membership.objects.get(user=viewer)
    admin.post(reverse("accounts:remove_member", args=[school.pk, viewer_membership.pk]))
    assert client_for(viewer).get(url).status_code == 404


# Everything a form in the application may post, so that a refused request is refused for
# who sent it and not for a missing field.
_PAYLOAD = {"table": "", "version": 1, "name": "x", "weeks": 1, "text": "x", "access": "edit",
            "organisation": "", "username": "lasare", "role": "admin", "per_year": "4",
            "baseline": "", "alternative": ""}


# The site's own pages (organisations) are there only for a site administrator: every other
# account, an organisation's administrator too, gets 404, as for a page that does not exist.
SITE = {"accounts:organisations", "accounts:organisation_change"}


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
        if name in SITE:
            assert client.post(url, payload).status_code == 404, name
            continue
        statuses[name] = client.post(url, payload).status_code
    assert backup_text(with_password_hashes=True) == before, "a refused request changed data"
    return statuses


# Posting to these reads or lays out, changes nothing, and is open to every member.
READ_ONLY = {"logout", "cases:index", "cases:compare", "cases:invest", "cases:invest_report",
             "cases:results", "cases:timeline",
             "cases:task", "cases:export", "cases:report", "cases:compare_report",
             "followup:index", "followup:log", "followup:download", "followup:report",
             "followup:progress", "followup:cost",
             "cases:history", "cases:archived", "cases:template"}
# Each user's own account, not the organisation's data (tests/web/test_web_passwords.py).
OWN_ACCOUNT = {"password_change", "sso_no_membership", "two_step", "two_step_verify"}


def test_viewer_can_change_nothing_anywhere(objects: dict[str, Any], viewer: User) -> None:
    statuses = _everything_posted(objects, client_for(viewer), READ_ONLY | OWN_ACCOUNT)
    assert statuses and all(s == 403 for s in statuses.values()), statuses


# Pages that an editor may use to change cases, logs and salary tables.
EDITING = {"cases:new", "cases:import", "cases:edit", "cases:step", "cases:task_edit",
           "cases:task_add", "cases:duplicate", "cases:apply_salaries", "cases:salaries",
           "followup:upload", "followup:delete", "cases:case_fields", "cases:text",
           "cases:organisation_add", "cases:organisation", "cases:organisation_move",
           "cases:organisation_remove", "cases:role_add", "cases:role", "cases:role_remove",
           "cases:step_add", "cases:step_move", "cases:step_delete", "cases:task_copy",
           "cases:task_delete", "cases:restore", "cases:upload", "cases:upload_preview",
           "cases:upload_confirm", "cases:grid_first", "cases:grid", "cases:grid_row",
           "cases:grid_totals", "cases:exchange", "cases:price_lists", "cases:economics",
           "cases:investment_add", "cases:investment", "cases:investment_remove",
           "cases:avoided_add", "cases:avoided", "cases:avoided_remove"}


def test_editor_cannot_administer(objects: dict[str, Any], owner: User) -> None:
    statuses = _everything_posted(objects, client_for(owner), READ_ONLY | OWN_ACCOUNT | EDITING)
    # What is left: members, sharing and the audit trail — administration.
    assert {"accounts:members", "cases:sharing", "audit:log", "cases:archive",
            "cases:delete"} <= set(statuses)
    assert all(s == 403 for s in statuses.values()), statuses
    for name in ("accounts:members", "cases:sharing", "audit:log"):
        url = dict(_urls(objects))[name]
        assert client_for(owner).get(url).status_code in (200, 403)
    assert client_for(owner).get(dict(_urls(objects))["audit:log"]).status_code == 403


# Pages every member may open (GET) though posting to them needs a role: the salary tables,
# price lists and the members of one's organisation are read by all members.
READ_BY_MEMBERS = {"cases:salaries", "cases:price_lists", "accounts:members"}


def _needed(name: str) -> tuple[str, str]:
    """The role a GET and a POST to the page need: read, edit or admin."""
    if name in READ_ONLY | OWN_ACCOUNT:
        return "read", "read"
    post = "edit" if name in EDITING else "admin"
    return ("read" if name in READ_BY_MEMBERS else post), post


def _refused_by_role(objects: dict[str, Any], client: Client, has: set[str]
                     ) -> tuple[dict[str, tuple[int, int]], dict[str, tuple[int, int]]]:
    """Each page's answers (GET, POST) where the user lacks the role, and where they hold it."""
    lacking, holding = {}, {}
    payload = {**_PAYLOAD, "table": objects["table"].pk,
               "organisation": objects["organisation_id"]}
    for name, url in _urls(objects):
        if name == "logout":
            continue
        if name in SITE:
            assert (client.get(url).status_code, client.post(url, payload).status_code) == (
                404, 404), name
            continue
        get_need, post_need = _needed(name)
        answers = (client.get(url).status_code, client.post(url, payload).status_code)
        if get_need not in has or post_need not in has:
            lacking[name] = answers
        else:
            holding[name] = answers
    return lacking, holding


@pytest.mark.parametrize("role", [Role.VIEWER, Role.EDITOR])
def test_member_without_the_role_gets_403_on_every_page_that_needs_it(
        objects: dict[str, Any], school: Organisation, role: Role) -> None:
    """Every URL, GET and POST: 403 exactly where the member's role falls short, never 404."""
    member = User.objects.create_user(username="medlem", password="x")
    Membership.objects.create(user=member, organisation=school, role=role)
    has = {"read", "edit"} if role == Role.EDITOR else {"read"}
    from samverkan.web.backup import backup_text

    # What an editor may do is done on the walk; a viewer's walk must change nothing.
    client = client_for(member)
    before = backup_text(with_password_hashes=True)
    lacking, holding = _refused_by_role(objects, client, has)
    assert lacking, "the walk found no page that needs more than this role"
    for name, (get, post) in lacking.items():
        get_need, post_need = _needed(name)
        assert get == (403 if get_need not in has else get), (name, get)
        assert post == 403, (name, post)
    # ... and a member with the role is never refused for it.
    assert not {n: a for n, a in holding.items() if 403 in a}
    if role == Role.VIEWER:
        assert backup_text(with_password_hashes=True) == before


def test_outsider_gets_404_and_member_403_for_the_same_object(
        objects: dict[str, Any], viewer: User, outsider: User) -> None:
    """The two answers side by side on a page of each kind: case, organisation, log, table."""
    pages = {
        "cases:edit": reverse("cases:edit", args=[objects["case_id"]]),
        "cases:sharing": reverse("cases:sharing", args=[objects["case_id"]]),
        "cases:salaries": reverse("cases:salaries", args=[objects["organisation_id"]]),
        "accounts:members": reverse("accounts:members", args=[objects["organisation_id"]]),
        "audit:log": reverse("audit:log", args=[objects["organisation_id"]]),
        "followup:delete": reverse("followup:delete", args=[objects["log_id"]]),
    }
    for name, url in pages.items():
        assert client_for(outsider).post(url, _PAYLOAD).status_code == 404, name
        assert client_for(viewer).post(url, _PAYLOAD).status_code == 403, name


def test_the_403_page_says_what_to_do_in_swedish_and_english(objects: dict[str, Any],
                                                              viewer: User) -> None:
    from django.conf import settings

    client = client_for(viewer)
    url = reverse("audit:log", args=[objects["organisation_id"]])
    page = client.get(url)
    assert page.status_code == 403
    assert "Din roll i organisationen tillåter inte detta" in page.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(url)
    assert "Your role in this organisation does not allow this" in page.content.decode()


def test_member_pages_refuse_members_without_the_role_and_hide_from_outsiders(
        objects: dict[str, Any], viewer: User, outsider: User) -> None:
    membership = objects["membership_id"]
    organisation = objects["organisation_id"]
    changes = [reverse(name, args=[organisation, membership])
               for name in ("accounts:change_role", "accounts:remove_member",
                            "accounts:new_link")]
    for url in changes:
        assert client_for(viewer).post(url, {"role": "admin"}).status_code == 403, url
        assert client_for(outsider).post(url, {"role": "admin"}).status_code == 404, url
    # The site's pages are not there for anyone but a site administrator.
    for url in (reverse("accounts:organisations"),
                reverse("accounts:organisation_change", args=[organisation])):
        for user in (viewer, outsider):
            assert client_for(user).post(url, {"close": "1"}).status_code == 404, url
    assert Membership.objects.get(pk=membership).role == Role.EDITOR
    assert not Organisation.objects.filter(closed=True).exists()
