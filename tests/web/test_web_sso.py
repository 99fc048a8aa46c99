"""Single sign-on against a real OpenID Connect provider (django-oidc-provider in its own
process on loopback): a new person is created by e-mail and told to ask for membership, a known
e-mail signs in to the existing account, a forged answer signs nobody in, and a provider that
does not answer is said on the login page."""

from __future__ import annotations

import html
import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client, override_settings
from django.urls import reverse

from samverkan.web.accounts import sso

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "samverkan-test"
CLIENT_SECRET = "hemligt-for-testet-0123456789"
KARI = {"username": "kari", "email": "kari.nord@kommun.example", "password": "Kari-lösen-2026!"}
ANNA = {"username": "anna.idp", "email": "anna@skola.example", "password": "Anna-lösen-2026!"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def provider(folder: Path, redirect_uri: str) -> Iterator[str]:
    """Start the loopback provider with one client (redirecting to `redirect_uri`) and two
    people; yield its issuer."""
    port = _free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.web.oidc_op.settings",
           "OP_SITE_URL": f"http://127.0.0.1:{port}", "OP_DATABASE": str(folder / "op.sqlite3"),
           "PYTHONPATH": str(ROOT)}
    env.pop("DATABASE_URL", None)
    config = {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
              "redirect_uri": redirect_uri, "people": [KARI, ANNA]}
    subprocess.run([sys.executable, str(ROOT / "tests/web/oidc_op/prepare.py"),
                    json.dumps(config)], env=env, check=True, cwd=ROOT, timeout=120)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "tests.web.oidc_op.wsgi", "-b", f"127.0.0.1:{port}",
         "-w", "1", "--log-level", "warning"], env=env, cwd=ROOT)
    url = f"http://127.0.0.1:{port}/openid"
    try:
        # Generous: the machine may be busy; a slow start is not a failure of sign-in.
        deadline = time.monotonic() + 90
        while True:
            try:
                if requests.get(url + "/.well-known/openid-configuration", timeout=10).ok:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.fail("the test provider did not start")
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture(scope="module")
def issuer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with provider(tmp_path_factory.mktemp("op"), "http://testserver/sso/klar/") as url:
        yield url


@contextmanager
def sso_settings(issuer: str) -> Iterator[None]:
    sso._discovery.cache_clear()
    with override_settings(
            OIDC_ISSUER=issuer, OIDC_RP_CLIENT_ID=CLIENT_ID, OIDC_RP_CLIENT_SECRET=CLIENT_SECRET,
            AUTHENTICATION_BACKENDS=[*settings.AUTHENTICATION_BACKENDS,
                                     "samverkan.web.accounts.sso.SSOBackend"]):
        yield
    sso._discovery.cache_clear()


@pytest.fixture
def with_sso(issuer: str) -> Iterator[str]:
    with sso_settings(issuer):
        yield issuer


def _through_provider(client: Client, person: dict[str, str]) -> str:
    """Press the button, sign in at the provider as a browser would; the callback address."""
    start = client.get(reverse("oidc_authentication_init"))
    assert start.status_code == 302
    browser = requests.Session()
    url = start["Location"]
    for _ in range(10):
        answer = browser.get(url, allow_redirects=False, timeout=10)
        if answer.status_code == 200 and "csrfmiddlewaretoken" in answer.text:
            next_page = re.search(r'name="next" value="([^"]*)"', answer.text)
            answer = browser.post(url, {
                "csrfmiddlewaretoken": browser.cookies["csrftoken"],
                "username": person["username"], "password": person["password"],
                "next": html.unescape(next_page.group(1)) if next_page else ""},
                allow_redirects=False, timeout=10)
        assert answer.status_code == 302, answer.text[:500]
        url = requests.compat.urljoin(url, answer.headers["Location"])
        if url.startswith("http://testserver/"):
            return url.removeprefix("http://testserver")
    pytest.fail("the provider never sent the browser back")


def test_a_new_person_is_created_by_email_and_told_to_ask_for_membership(with_sso: str):
    client = Client()
    done = client.get(_through_provider(client, KARI))
    assert done.status_code == 302 and done["Location"] == reverse("sso_no_membership")
    user = User.objects.get(email=KARI["email"])
    assert user.username == KARI["email"] and not user.has_usable_password()
    assert not user.memberships.exists()
    page = client.get(done["Location"]).content.decode()
    assert "ingen organisation" in page and "administratör" in page
    # Signed in, but sees no organisation's cases.
    assert "Lucas" not in client.get(reverse("cases:index")).content.decode()
    # The second time, the same account: matched, not created again.
    again = Client()
    assert again.get(_through_provider(again, KARI)).status_code == 302
    assert User.objects.filter(email=KARI["email"]).count() == 1


def test_a_known_email_signs_in_to_the_existing_account(with_sso: str, owner: User):
    owner.email = ANNA["email"].upper()
    owner.save()
    client = Client()
    done = client.get(_through_provider(client, ANNA))
    assert done.status_code == 302 and done["Location"] == reverse("cases:index")
    assert client.session["_auth_user_id"] == str(owner.pk)
    assert not User.objects.filter(username=ANNA["email"]).exists()


def test_a_forged_answer_signs_nobody_in(with_sso: str):
    client = Client()
    client.get(reverse("oidc_authentication_init"))
    response = client.get(reverse("oidc_authentication_callback"),
                          {"code": "gissad", "state": "okand"})
    assert response.status_code in (302, 400)
    assert "_auth_user_id" not in client.session
    assert not User.objects.exists()


def test_the_login_page_offers_sso_only_when_configured(with_sso: str):
    page = Client().get(reverse("login")).content.decode()
    assert "Logga in via din organisation" in page
    with override_settings(OIDC_ISSUER=""):
        page = Client().get(reverse("login")).content.decode()
        assert "Logga in via din organisation" not in page
        assert Client().get(reverse("oidc_authentication_init")).status_code == 404


def test_a_provider_that_does_not_answer_is_said_on_the_login_page(with_sso: str):
    sso._discovery.cache_clear()
    with override_settings(OIDC_ISSUER=f"http://127.0.0.1:{_free_port()}/openid"):
        client = Client()
        response = client.get(reverse("oidc_authentication_init"), follow=True)
    text = response.content.decode()
    assert response.status_code == 200 and "svarar inte" in text and "Traceback" not in text
