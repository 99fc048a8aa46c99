"""Signing in with a password: five failures for one user name from one address lock out that
combination only, parallel guesses get no more password checks than that, and behind the
configured proxy the client's own forwarded address is counted, never one forged by others."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from samverkan.web.accounts.signin import client_address
from samverkan.web.audit.models import Action, AuditEvent, Kind
from tests.web.conftest import PASSWORD

LIMIT = settings.AXES_FAILURE_LIMIT
PROXY = "10.0.0.7"


def _attempt(client: Client, username: str, password: str, **extra: str) -> Any:
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


@pytest.mark.django_db
def test_five_failures_lock_out_that_name_from_that_address_only(owner: User, viewer: User):
    client = Client()
    for _ in range(LIMIT - 1):
        assert _attempt(client, owner.username, "fel").status_code == 200
    # The fifth failure locks: said on the login page, in Swedish first.
    fifth = _attempt(client, owner.username, "fel")
    assert fifth.status_code == 429
    assert "För många misslyckade försök" in fifth.content.decode()
    refused = _attempt(client, owner.username, PASSWORD)
    assert refused.status_code == 429 and "_auth_user_id" not in client.session
    # Someone else from the same address, and the same user from another address, get in.
    assert _attempt(Client(), viewer.username, PASSWORD).status_code == 302
    assert _attempt(Client(), owner.username, PASSWORD,
                    REMOTE_ADDR="192.0.2.44").status_code == 302


@pytest.mark.django_db
def test_a_lockout_is_in_the_members_trail_once_without_the_address(owner: User):
    client = Client(REMOTE_ADDR="192.0.2.77")
    for _ in range(LIMIT + 3):
        _attempt(client, owner.username, "fel")
    _attempt(client, "ingen-sadan-person", "fel")
    events = list(AuditEvent.objects.filter(kind=Kind.SIGN_IN))
    assert [(e.action, e.label, e.organisation_id, e.user_id) for e in events] == [
        (Action.LOCK, owner.username, owner.memberships.get().organisation_id, None)]
    assert "192.0.2.77" not in str(events[0].after)


@pytest.mark.django_db
def test_an_identity_number_typed_as_user_name_is_counted_but_never_kept():
    client = Client()
    for _ in range(LIMIT):
        last = _attempt(client, "19121212-1212", "fel")
    assert last.status_code == 429
    kept = list(AccessAttempt.objects.values_list("username", "post_data", "get_data"))
    assert kept and not any("1212" in str(field) for row in kept for field in row), kept
    assert "19121212" not in last.content.decode()


@pytest.mark.django_db
def test_the_lockout_is_said_in_english_too(owner: User):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for _ in range(LIMIT):
        response = _attempt(client, owner.username, "wrong")
    assert response.status_code == 429
    text = response.content.decode()
    assert "Too many failed attempts. Wait 15 minutes" in text and "Traceback" not in text


@pytest.mark.django_db
def test_a_successful_login_clears_the_count(owner: User):
    client = Client()
    for _ in range(LIMIT - 1):
        _attempt(client, owner.username, "fel")
    assert _attempt(client, owner.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(LIMIT - 1):
        _attempt(client, owner.username, "fel")
    assert _attempt(client, owner.username, PASSWORD).status_code == 302


# Threads need a database that other connections can wait on: the in-memory SQLite of the tests
# answers "locked" instead (a server's SQLite file takes every login one at a time).
@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_thirty_parallel_guesses_check_at_most_the_limit_of_passwords(
        owner: User, monkeypatch: pytest.MonkeyPatch):
    checked = 0
    lock = threading.Lock()
    original = AbstractBaseUser.check_password

    def counted(user: AbstractBaseUser, raw: str) -> bool:
        nonlocal checked
        with lock:
            checked += 1
        # A slow hash widens the window in which parallel attempts could slip past the count.
        time.sleep(0.05)
        return original(user, raw)

    monkeypatch.setattr(AbstractBaseUser, "check_password", counted)
    start = threading.Barrier(30)

    def guess(n: int) -> int:
        client = Client()
        start.wait()
        try:
            return int(_attempt(client, owner.username, f"gissning-{n}").status_code)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=30) as pool:
        statuses = list(pool.map(guess, range(30)))
    assert checked == LIMIT
    assert statuses.count(200) == LIMIT - 1
    assert statuses.count(429) == 30 - (LIMIT - 1)


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=[PROXY])
def test_behind_the_proxy_two_clients_do_not_lock_each_other_out(owner: User):
    guesser = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5")
    for _ in range(LIMIT):
        _attempt(guesser, owner.username, "fel")
    assert _attempt(guesser, owner.username, PASSWORD).status_code == 429
    colleague = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert _attempt(colleague, owner.username, PASSWORD).status_code == 302


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=[PROXY])
def test_a_forwarded_address_from_anyone_but_the_proxy_is_ignored(owner: User):
    for n in range(LIMIT):
        # A new forged address for every guess would mean a new count every time.
        forged = Client(REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR=f"198.51.100.{n + 1}")
        _attempt(forged, owner.username, "fel")
    again = Client(REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR="198.51.100.200")
    assert _attempt(again, owner.username, PASSWORD).status_code == 429


class _Request:
    def __init__(self, remote: str, forwarded: str | None = None) -> None:
        self.META = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded


@override_settings(TRUSTED_PROXIES=[PROXY, "10.1.0.0/16"])
@pytest.mark.parametrize(("remote", "forwarded", "expected"), [
    ("192.0.2.9", "198.51.100.1", "192.0.2.9"),             # not from the proxy: header ignored
    (PROXY, "198.51.100.1", "198.51.100.1"),                # the proxy says who connected
    (PROXY, "6.6.6.6, 198.51.100.1", "198.51.100.1"),       # the client's own prefix is not
    (PROXY, "198.51.100.1, 10.1.2.3", "198.51.100.1"),      # a second trusted proxy is skipped
    (PROXY, "", PROXY),                                     # nothing forwarded
    (PROXY, "nonsense", PROXY),                             # unreadable: the proxy itself
])
def test_the_counted_address(remote: str, forwarded: str, expected: str):
    assert client_address(_Request(remote, forwarded)) == expected  # type: ignore[arg-type]
