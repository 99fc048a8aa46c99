"""The audit trail: every change writes who, when, what, before and after; admins read it;
nobody changes it."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from samverkan.web.accounts import actions as account_actions
from samverkan.web.accounts.models import Membership, Organisation, Role
from samverkan.web.audit.models import AuditEvent, ImmutableEvent
from samverkan.web.cases import actions
from samverkan.web.cases.models import Access, CaseRecord
from samverkan.web.followup import actions as followup_actions
from tests.web.conftest import PASSWORD, client_for, stored_log

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(school: Organisation) -> User:
    user = User.objects.create_user(username="admin", password=PASSWORD)
    Membership.objects.create(user=user, organisation=school, role=Role.ADMIN)
    return user


def _only(**filters: object) -> AuditEvent:
    return AuditEvent.objects.get(**filters)


def test_case_changes_are_recorded_with_before_and_after(lucas_record: CaseRecord,
                                                         owner: User):
    created = _only(kind="case", action="create")
    assert created.username == "agare" and created.after["version"] == 1
    assert created.before is None
    case = lucas_record.to_case()
    actions.save_case(record=lucas_record, user=owner, base_version=1,
                      case=replace(case, name="Lucas 11 år"))
    changed = _only(kind="case", action="change")
    assert (changed.before["name"], changed.after["name"]) == ("Lucas 10 år", "Lucas 11 år")
    assert changed.changed_keys() == ["data", "name", "version"]


def test_shares_salary_tables_memberships_and_logs_are_recorded(
    lucas_record: CaseRecord, school: Organisation, social: Organisation, owner: User,
    viewer: User,
):
    actions.share_case(record=lucas_record, organisation=social, access=Access.READ, user=owner)
    actions.share_case(record=lucas_record, organisation=social, access=Access.EDIT, user=owner)
    actions.unshare_case(record=lucas_record, organisation=social, user=owner)
    shares = list(AuditEvent.objects.filter(kind="share").order_by("id"))
    assert [(e.action, e.before, e.after) for e in shares] == [
        ("create", None, {"access": "read"}),
        ("change", {"access": "read"}, {"access": "edit"}),
        ("delete", {"access": "edit"}, None),
    ]
    actions.save_salary_table(organisation=school, name="2026", user=owner,
                              roles=[{"id": "rektor", "name": "Rektor", "monthly_cost": 81000}])
    assert _only(kind="salary_table").after["roles"][0]["monthly_cost"] == 81000
    membership = account_actions.set_membership(organisation=school, member=viewer,
                                                role=Role.EDITOR, user=owner)
    assert _only(kind="membership", action="change").before == {"role": "viewer"}
    account_actions.remove_membership(membership=membership, user=owner)
    assert _only(kind="membership", action="delete").label == "lasare"
    log = stored_log(school, owner)
    followup_actions.delete_event_log(record=log, user=owner)
    stored, protected, deleted = AuditEvent.objects.filter(kind="event_log").order_by("id")
    assert stored.after["cases"] == 9 and deleted.before["cases"] == 9
    # Nor its number of events, which adds up hidden counts.
    assert "events" not in stored.after and "events" not in deleted.before
    # Its protection, worked out in the background, is the system's doing, not the user's.
    assert (protected.action, protected.user, protected.after["protection"]) == (
        "change", None, "ready")
    # The trail describes a log; it never holds its rows or pseudonyms.
    assert "a1" not in str(stored.after)


def test_events_outlive_what_they_describe_and_cannot_be_changed(school: Organisation,
                                                                 owner: User):
    log = stored_log(school, owner)
    followup_actions.delete_event_log(record=log, user=owner)
    event = AuditEvent.objects.filter(kind="event_log").first()
    assert event is not None
    event.label = "ändrad"
    with pytest.raises(ImmutableEvent):
        event.save()
    with pytest.raises(ImmutableEvent):
        event.delete()
    assert AuditEvent.objects.filter(kind="event_log").count() == 3  # stored, protected, deleted


def test_administrators_read_the_trail_and_no_one_else(lucas_record: CaseRecord,
                                                       school: Organisation, admin: User,
                                                       owner: User, viewer: User,
                                                       outsider: User):
    url = reverse("audit:log", args=[school.pk])
    page = client_for(admin).get(url)
    assert page.status_code == 200 and "Lucas 10 år" in page.content.decode()
    for user in (owner, viewer):  # members without the role
        assert client_for(user).get(url).status_code == 403
    assert client_for(outsider).get(url).status_code == 404
    # Posting to the page changes nothing.
    before = AuditEvent.objects.count()
    client_for(admin).post(url, {"label": "x"})
    assert AuditEvent.objects.count() == before


def test_changes_through_the_pages_name_the_user(lucas_record: CaseRecord, owner: User,
                                                 social: Organisation, admin: User):
    client_for(admin).post(reverse("cases:sharing", args=[lucas_record.pk]),
                           {"organisation": social.name, "access": "read"})
    event = _only(kind="share")
    assert event.username == "admin" and event.user == admin
