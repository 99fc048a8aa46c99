"""Two-step verification: turned on with a first code, asked for after the password, wrong
codes refused and throttled, every other page waits for the code, turned off with a code, and
both changes in each of the user's organisations' audit trails.

Codes are computed here from the device's secret with RFC 6238 (django-otp's `totp`)."""

from __future__ import annotations

import re
from base64 import b32decode
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from samverkan.web.accounts.models import Organisation
from samverkan.web.audit.models import AuditEvent, Kind
from tests.web.conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db


def _code(key: bytes, steps_ahead: int = 0) -> str:
    # A later time step than the one last used: a code is taken only once (RFC 6238, 5.2).
    return f"{totp(key, step=30, t0=0, digits=6, drift=steps_ahead):06d}"


def _turn_on(client: Client) -> bytes:
    page = client.get(reverse("two_step")).content.decode()
    assert "<svg" in page
    secret = re.search(r'class="two-step-secret">([A-Z2-7 ]+)<', page)
    assert secret is not None
    key = b32decode(secret.group(1).replace(" ", ""))
    response = client.post(reverse("two_step"), {"code": _code(key)})
    assert response.status_code == 302
    return key


def _wait_out_the_throttle(user: User) -> None:
    TOTPDevice.objects.filter(user=user).update(
        throttling_failure_timestamp=timezone.now() - timedelta(minutes=1))


def _log_in(user: User) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_turning_on_needs_a_right_first_code(owner: User, school: Organisation):
    client = client_for(owner)
    page = client.get(reverse("two_step")).content.decode()
    assert "Tvåstegsverifiering" in page and "otpauth" not in page  # the QR code, not the URL
    response = client.post(reverse("two_step"), {"code": "000000"})
    assert response.status_code == 200 and "fel eller har gått ut" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=owner, confirmed=True).exists()
    _wait_out_the_throttle(owner)
    # The secret shown is the one confirmed.
    key = _turn_on(client)
    device = TOTPDevice.objects.get(user=owner)
    assert device.confirmed and device.bin_key == key
    event = AuditEvent.objects.get(organisation=school, kind=Kind.SIGN_IN)
    assert event.after == {"two_step_verification": True} and event.user == owner


def test_login_then_asks_for_the_code_and_every_page_waits(owner: User):
    key = _turn_on(client_for(owner))
    client = _log_in(owner)
    for url in (reverse("cases:index"), reverse("password_change"), reverse("two_step")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("two_step_verify"))
    page = client.get(reverse("two_step_verify")).content.decode()
    assert "Ange kod" in page
    response = client.post(reverse("two_step_verify"),
                           {"code": _code(key, 1), "next": reverse("password_change")})
    assert response.status_code == 302 and response["Location"] == reverse("password_change")
    assert client.get(reverse("cases:index")).status_code == 200


def test_a_wrong_code_is_refused_and_throttled(owner: User):
    key = _turn_on(client_for(owner))
    client = _log_in(owner)
    client.cookies["django_language"] = "en"
    right = _code(key, 1)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client.post(reverse("two_step_verify"), {"code": wrong})
    assert response.status_code == 200 and "wrong or has expired" in response.content.decode()
    # Straight after a wrong code even the right one is not checked: django-otp's throttle.
    response = client.post(reverse("two_step_verify"), {"code": right})
    assert response.status_code == 429 and "Too many wrong codes" in response.content.decode()
    assert client.get(reverse("cases:index")).status_code == 302
    for text in ("12345", "abcdef", ""):
        response = client.post(reverse("two_step_verify"), {"code": text})
        assert response.status_code == 200 and "6" in response.content.decode()
    # Once the wait is over the right code is taken.
    _wait_out_the_throttle(owner)
    response = client.post(reverse("two_step_verify"), {"code": right})
    assert response.status_code == 302
    assert client.get(reverse("cases:index")).status_code == 200


def test_the_code_page_sends_nobody_elsewhere(owner: User):
    key = _turn_on(client_for(owner))
    client = _log_in(owner)
    response = client.post(reverse("two_step_verify"),
                           {"code": _code(key, 1), "next": "https://example.org/"})
    assert response["Location"] == reverse("cases:index")


def test_turning_off_needs_a_current_code(owner: User, school: Organisation):
    client = client_for(owner)
    key = _turn_on(client)
    response = client.post(reverse("two_step"), {"code": "000000" if _code(key, 1) != "000000"
                                                  else "111111"})
    assert response.status_code == 200
    assert TOTPDevice.objects.filter(user=owner, confirmed=True).exists()
    _wait_out_the_throttle(owner)
    response = client.post(reverse("two_step"), {"code": _code(key, 1)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=owner).exists()
    events = AuditEvent.objects.filter(organisation=school, kind=Kind.SIGN_IN).order_by("id")
    assert [e.after for e in events] == [{"two_step_verification": True},
                                         {"two_step_verification": False}]
    # The password alone signs in again.
    assert _log_in(owner).get(reverse("cases:index")).status_code == 200


def test_without_two_step_the_password_is_enough_and_the_page_is_linked(owner: User):
    client = _log_in(owner)
    page = client.get(reverse("cases:index"))
    assert page.status_code == 200
    assert f'href="{reverse("two_step")}"' in page.content.decode()


def test_an_account_that_lost_its_phone_is_reset_from_the_terminal(
        owner: User, school: Organisation, monkeypatch: pytest.MonkeyPatch):
    from typer.testing import CliRunner

    from samverkan.cli import app

    monkeypatch.setattr("samverkan.cli.web_commands.setup_django", lambda **_: None)
    _turn_on(client_for(owner))
    result = CliRunner().invoke(app, ["admin", "reset-two-step", owner.username])
    assert result.exit_code == 0, result.output
    assert not TOTPDevice.objects.filter(user=owner).exists()
    # The password alone opens the pages again.
    client = _log_in(owner)
    assert client.get(reverse("cases:index")).status_code == 200
    # The trail says it was turned off, by nobody in the web.
    last = AuditEvent.objects.filter(kind=Kind.SIGN_IN, organisation=school).latest("id")
    assert last.user is None and last.after == {"two_step_verification": False}
    again = CliRunner().invoke(app, ["admin", "reset-two-step", owner.username])
    assert again.exit_code == 0 and "none to turn off" in again.output
