"""Organisations and people administered in the web: site administrators, invitations with a
one-time link, roles, the last administrator, and every change in the audit trail."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes
from email.header import decode_header, make_header
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.db import IntegrityError, close_old_connections
from django.test import Client
from django.urls import reverse

from samverkan.web.accounts import actions
from samverkan.web.accounts.models import Membership, Organisation, Role
from samverkan.web.audit.models import Action, AuditEvent, Kind
from samverkan.web.cases.models import Access, CaseRecord
from tests.web.conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Blåbärssoppa-i-Vasaloppet-77"
PNR = "19121212-1212"  # Skatteverket's test number: a valid personal identity number


@pytest.fixture
def site_admin(db: None) -> User:
    return User.objects.create_user(username="platsadmin", password=PASSWORD,
                                    is_superuser=True)


@pytest.fixture
def admin(school: Organisation, owner: User) -> User:
    Membership.objects.filter(user=owner, organisation=school).update(role=Role.ADMIN)
    return owner


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _link(page: str) -> str:
    found = re.search(r'id="invitation-link"[^>]*value="([^"]+)"', page)
    assert found, "no invitation link on the page"
    return found.group(1)


def _invite(client: Client, organisation: Organisation, email: str = "ny@kommun.se",
            role: str = Role.EDITOR) -> str:
    response = client.post(reverse("accounts:members", args=[organisation.pk]),
                           {"name": "Nina Ny", "email": email, "role": role})
    assert response.status_code == 200
    return _link(response.content.decode())


def _set_password(link: str, password: str = NEW_PASSWORD) -> Client:
    """Follow the link as the invited person would: a fresh browser, no login."""
    client = Client()
    first = client.get(link)
    assert first.status_code == 302  # Django moves the token out of the address
    form = client.get(first["Location"])
    assert "Välj ett lösenord" in form.content.decode()
    done = client.post(first["Location"], {"new_password1": password,
                                           "new_password2": password})
    assert done.status_code == 302 and done["Location"] == reverse("login")
    return client


# ------------------------------------------------------------------ site administrators

def test_site_administrator_creates_renames_closes_and_reopens(site_admin: User) -> None:
    client = client_for(site_admin)
    url = reverse("accounts:organisations")
    assert client.post(url, {"new-name": "Barn- och utbildning"}).status_code == 302
    organisation = Organisation.objects.get(name="Barn- och utbildning")
    change = reverse("accounts:organisation_change", args=[organisation.pk])
    key = f"org{organisation.pk}-name"
    assert client.post(change, {key: "Barn och utbildning"}).status_code == 302
    assert client.post(change, {"close": "1"}).status_code == 302
    organisation.refresh_from_db()
    assert (organisation.name, organisation.closed) == ("Barn och utbildning", True)
    client.post(change, {"reopen": "1"})
    organisation.refresh_from_db()
    assert not organisation.closed
    events = list(AuditEvent.objects.filter(kind=Kind.ORGANISATION).order_by("at", "id"))
    assert [(e.action, e.username) for e in events] == [
        (Action.CREATE, "platsadmin"), (Action.CHANGE, "platsadmin"),
        (Action.CHANGE, "platsadmin"), (Action.CHANGE, "platsadmin")]
    assert events[1].before == {"name": "Barn- och utbildning", "closed": False}
    assert events[1].after == {"name": "Barn och utbildning", "closed": False}
    assert events[2].after == {"name": "Barn och utbildning", "closed": True}
    assert "Barn och utbildning" in client.get(url).content.decode()


def test_organisation_names_are_checked(site_admin: User, school: Organisation) -> None:
    client = client_for(site_admin)
    url = reverse("accounts:organisations")
    taken = client.post(url, {"new-name": "skolan"}).content.decode()
    assert "Det finns redan en organisation som heter skolan" in taken
    refused = client.post(url, {"new-name": f"Enhet {PNR}"}).content.decode()
    assert PNR not in refused and "personnummer" in refused.lower()
    rename = client.post(reverse("accounts:organisation_change", args=[school.pk]),
                         {f"org{school.pk}-name": ""})
    assert rename.status_code == 200 and "Fel: " in rename.content.decode()
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Skolan"]
    assert not AuditEvent.objects.filter(kind=Kind.ORGANISATION).exists()


def test_organisation_pages_are_for_site_administrators_only(
        admin: User, school: Organisation) -> None:
    client = client_for(admin)  # administers an organisation, not the site
    assert client.get(reverse("accounts:organisations")).status_code == 404
    change = reverse("accounts:organisation_change", args=[school.pk])
    assert client.post(change, {"close": "1"}).status_code == 404
    school.refresh_from_db()
    assert not school.closed


def test_site_administrator_invites_the_first_administrator(site_admin: User) -> None:
    client = client_for(site_admin)
    client.post(reverse("accounts:organisations"), {"new-name": "Elevhälsan"})
    organisation = Organisation.objects.get(name="Elevhälsan")
    _set_password(_invite(client, organisation, "chef@kommun.se", Role.ADMIN))
    member = User.objects.get(username="chef@kommun.se")
    assert Membership.objects.get(user=member).role == Role.ADMIN
    assert not Membership.objects.filter(user=site_admin).exists()


# ------------------------------------------------------------------ invitations

def test_invitation_makes_an_account_whose_link_sets_the_password(
        admin: User, school: Organisation) -> None:
    link = _invite(client_for(admin), school)
    member = User.objects.get(username="ny@kommun.se")
    assert (member.email, member.first_name) == ("ny@kommun.se", "Nina Ny")
    assert not member.has_usable_password()
    assert Membership.objects.get(user=member, organisation=school).role == Role.EDITOR
    event = AuditEvent.objects.get(kind=Kind.MEMBERSHIP, label="ny@kommun.se")
    assert (event.action, event.username) == (Action.CREATE, "agare")
    assert event.after == {"role": "editor", "name": "Nina Ny", "email": "ny@kommun.se",
                           "invited": True}
    assert not mail.outbox  # no e-mail server configured
    _set_password(link)
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    # Through the login page, as the person will (the login protection needs the request).
    signed_in = Client().post(reverse("login"), {"username": "ny@kommun.se",
                                                 "password": NEW_PASSWORD})
    assert signed_in.status_code == 302


def test_used_link_is_refused(admin: User, school: Organisation) -> None:
    link = _invite(client_for(admin), school)
    _set_password(link)
    again = Client().get(link, follow=True).content.decode()
    assert "Länken fungerar inte" in again
    assert User.objects.get(username="ny@kommun.se").check_password(NEW_PASSWORD)


def test_expired_link_is_refused(admin: User, school: Organisation,
                                 monkeypatch: pytest.MonkeyPatch, settings: object) -> None:
    link = _invite(client_for(admin), school)
    later = default_token_generator._now() + timedelta(days=3, minutes=1)
    monkeypatch.setattr(default_token_generator, "_now", lambda: later)
    page = Client().get(link, follow=True).content.decode()
    assert "Länken fungerar inte" in page and "new_password1" not in page


def test_a_weak_password_is_refused_on_the_link_page(admin: User, school: Organisation) -> None:
    link = _invite(client_for(admin), school)
    client = Client()
    form_url = client.get(link)["Location"]
    page = client.post(form_url, {"new_password1": "abc", "new_password2": "abc"})
    assert page.status_code == 200 and "Fel: " in page.content.decode()
    assert not User.objects.get(username="ny@kommun.se").has_usable_password()


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, list[Envelope]]]:
    """A real SMTP server on loopback: its port, and what it has been sent."""
    received: list[Envelope] = []

    class Collect:
        async def handle_DATA(self, server: object, session: object,  # noqa: N802
                              envelope: Envelope) -> str:
            received.append(envelope)
            return "250 OK"

    port = _closed_port()
    controller = Controller(Collect(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, received
    finally:
        controller.stop()


def test_invitation_is_emailed_when_a_server_is_configured(
        admin: User, school: Organisation, settings: Any,
        smtp_server: tuple[int, list[Envelope]]) -> None:
    port, received = smtp_server
    # The settings the environment variables fill in, and Django's own SMTP backend.
    settings.SENDS_EMAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.DEFAULT_FROM_EMAIL = "samverkan@kommun.se"
    response = client_for(admin).post(reverse("accounts:members", args=[school.pk]),
                                      {"name": "Nina Ny", "email": "ny@kommun.se",
                                       "role": Role.EDITOR})
    page = response.content.decode()
    link = _link(page)
    assert "Den har också skickats med e-post" in page
    assert len(received) == 1
    envelope = received[0]
    assert envelope.mail_from == "samverkan@kommun.se"
    assert envelope.rcpt_tos == ["ny@kommun.se"]
    message = message_from_bytes(envelope.original_content or b"")
    assert "Skolan" in str(make_header(decode_header(message["Subject"])))
    body = message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")
    assert link in body and "ny@kommun.se" in body


def test_a_failing_mail_server_leaves_the_link_to_copy(
        admin: User, school: Organisation, settings: Any) -> None:
    settings.SENDS_EMAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _closed_port()
    settings.EMAIL_USE_TLS = False
    response = client_for(admin).post(reverse("accounts:members", args=[school.pk]),
                                      {"name": "Nina Ny", "email": "ny@kommun.se",
                                       "role": Role.EDITOR})
    page = response.content.decode()
    assert _link(page) and "kunde inte skickas" in page
    assert Membership.objects.filter(user__username="ny@kommun.se").exists()


def test_a_new_link_replaces_an_expired_one(admin: User, school: Organisation) -> None:
    client = client_for(admin)
    _invite(client, school)
    membership = Membership.objects.get(user__username="ny@kommun.se")
    response = client.post(reverse("accounts:new_link", args=[school.pk, membership.pk]))
    _set_password(_link(response.content.decode()))
    # Once the password is chosen, no further link is made.
    after = client.post(reverse("accounts:new_link", args=[school.pk, membership.pk]),
                        follow=True).content.decode()
    assert 'id="invitation-link"' not in after


@pytest.mark.parametrize("field", ["name", "email"])
def test_identity_numbers_are_refused_in_names_and_addresses(
        admin: User, school: Organisation, field: str) -> None:
    data = {"name": "Nina Ny", "email": "ny@kommun.se", "role": Role.VIEWER}
    data[field] = f"{PNR}@kommun.se" if field == "email" else f"Nina {PNR}"
    page = client_for(admin).post(reverse("accounts:members", args=[school.pk]), data)
    assert page.status_code == 200
    assert PNR not in page.content.decode() and PNR.replace("-", "") not in \
        page.content.decode()
    assert not User.objects.filter(email__contains="kommun").exists()


def test_a_closed_organisation_takes_no_invitations(admin: User, school: Organisation) -> None:
    Organisation.objects.filter(pk=school.pk).update(closed=True)
    page = client_for(admin).post(reverse("accounts:members", args=[school.pk]),
                                  {"name": "Nina Ny", "email": "ny@kommun.se",
                                   "role": Role.VIEWER})
    assert "stängd" in page.content.decode()
    assert not User.objects.filter(username="ny@kommun.se").exists()


# ------------------------------------------------------------------ roles and the last admin

def test_admin_changes_a_role_and_removes_a_member(admin: User, viewer: User,
                                                   school: Organisation) -> None:
    client = client_for(admin)
    membership = Membership.objects.get(user=viewer)
    client.post(reverse("accounts:change_role", args=[school.pk, membership.pk]),
                {"role": Role.EDITOR})
    membership.refresh_from_db()
    assert membership.role == Role.EDITOR
    change = AuditEvent.objects.get(kind=Kind.MEMBERSHIP, action=Action.CHANGE)
    assert (change.before, change.after) == ({"role": "viewer"}, {"role": "editor"})
    client.post(reverse("accounts:remove_member", args=[school.pk, membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.get(kind=Kind.MEMBERSHIP, action=Action.DELETE).before == \
        {"role": "editor"}


def test_last_admin_can_neither_be_demoted_nor_leave(admin: User, viewer: User,
                                                     school: Organisation) -> None:
    client = client_for(admin)
    own = Membership.objects.get(user=admin)
    demoted = client.post(reverse("accounts:change_role", args=[school.pk, own.pk]),
                          {"role": Role.VIEWER}, follow=True).content.decode()
    assert "minst en administratör" in demoted
    left = client.post(reverse("accounts:remove_member", args=[school.pk, own.pk]),
                       follow=True).content.decode()
    assert "minst en administratör" in left
    own.refresh_from_db()
    assert own.role == Role.ADMIN
    assert not AuditEvent.objects.filter(kind=Kind.MEMBERSHIP).exists()
    # With a second administrator, the first may step down.
    second = Membership.objects.get(user=viewer)
    client.post(reverse("accounts:change_role", args=[school.pk, second.pk]),
                {"role": Role.ADMIN})
    client.post(reverse("accounts:change_role", args=[school.pk, own.pk]),
                {"role": Role.VIEWER})
    own.refresh_from_db()
    assert own.role == Role.VIEWER


def test_last_admin_rule_holds_in_the_action_layer(admin: User, school: Organisation) -> None:
    own = Membership.objects.get(user=admin)
    with pytest.raises(actions.LastAdministratorError):
        actions.set_membership(organisation=school, member=admin, role=Role.EDITOR, user=admin)
    with pytest.raises(actions.LastAdministratorError):
        actions.remove_membership(membership=own, user=admin)
    assert Membership.objects.get(pk=own.pk).role == Role.ADMIN


# Row locks are PostgreSQL's; SQLite runs one writer at a time anyway.
@pytest.mark.postgres
@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_admins_stepping_down_at_once_leave_one(admin: User, viewer: User,
                                                    school: Organisation) -> None:
    Membership.objects.filter(user=viewer).update(role=Role.ADMIN)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def step_down(user: User) -> None:
        try:
            barrier.wait()
            actions.set_membership(organisation=school, member=user, role=Role.VIEWER,
                                   user=user)
            outcomes.append("ok")
        except actions.LastAdministratorError:
            outcomes.append("refused")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=step_down, args=(u,)) for u in (admin, viewer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert Membership.objects.filter(organisation=school, role=Role.ADMIN).count() == 1


# ------------------------------------------------------------------ sharing

def test_sharing_offers_the_other_open_organisations(admin: User, lucas_record: CaseRecord,
                                                     social: Organisation) -> None:
    Organisation.objects.create(name="Nedlagd enhet", closed=True)
    url = reverse("cases:sharing", args=[lucas_record.pk])
    page = client_for(admin).get(url).content.decode()
    options = re.findall(r'<option value="([^"]+)"></option>', page)
    assert options == ["Socialtjänsten"]
    assert 'list="organisation-names"' in page
    closed = client_for(admin).post(url, {"organisation": "Nedlagd enhet",
                                          "access": Access.READ})
    assert closed.status_code == 200
    client_for(admin).post(url, {"organisation": "socialtjänsten", "access": Access.READ})
    assert lucas_record.shares.get().organisation == social


def test_no_link_for_an_account_another_organisation_shares(
        admin: User, school: Organisation, social: Organisation, outsider: User) -> None:
    # Social services invite Nina; the school adds her too, and may not make her a password link:
    # whoever sets it would hold her social-services membership as well.
    _invite(client_for(outsider), social, "nina@kommun.se", Role.VIEWER)
    school_admin = client_for(admin)
    school_admin.post(reverse("accounts:members", args=[school.pk]),
                      {"name": "Nina", "email": "nina@kommun.se", "role": Role.VIEWER})
    membership = Membership.objects.get(user__username="nina@kommun.se", organisation=school)
    page = school_admin.post(reverse("accounts:new_link", args=[school.pk, membership.pk]),
                             follow=True).content.decode()
    assert 'id="invitation-link"' not in page and "en annan organisation" in page


def test_an_account_made_elsewhere_at_the_same_moment_is_a_form_error(
        admin: User, school: Organisation, monkeypatch: pytest.MonkeyPatch) -> None:
    def clash(**_: object) -> None:
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(actions, "invite_member", clash)
    response = client_for(admin).post(reverse("accounts:members", args=[school.pk]),
                                      {"name": "Nina Ny", "email": "ny@kommun.se",
                                       "role": Role.VIEWER})
    page = response.content.decode()
    assert response.status_code == 200 and "Skicka formuläret igen" in page
    assert "duplicate key" not in page
