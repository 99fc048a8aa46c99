"""Signing in, in Chromium: through the loopback OpenID Connect provider to the page that says
to ask for membership, a lockout, and a refused password change, each in Swedish and English,
at 390 px too, with axe finding nothing. Screenshots land in the test's folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from playwright.sync_api import Browser, Page, expect

from tests.web.conftest import PASSWORD
from tests.web.test_web_browser import _axe_violations, browser  # noqa: F401  (fixture)
from tests.web.test_web_sso import KARI, provider, sso_settings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sso_live(live_server: object, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = str(live_server.url)  # type: ignore[attr-defined]
    with provider(tmp_path_factory.mktemp("op"), f"{base}/sso/klar/") as issuer, \
            sso_settings(issuer):
        yield base


def _page(browser: Browser, language: str, width: int) -> Page:  # noqa: F811
    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": 900})
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language,
                          "url": "http://localhost"}])
    return context.new_page()


def _clean(page: Page, shots: Path, name: str) -> None:
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    assert _axe_violations(page) == [], name


@pytest.mark.parametrize(("language", "width", "button", "heading", "words"), [
    ("sv", 1280, "Logga in via din organisation", "Du är inloggad", "ingen organisation"),
    ("en", 390, "Sign in through your organisation", "You are signed in", "no organisation"),
])
def test_a_new_person_signs_in_through_the_provider_and_is_told_to_ask(
        browser: Browser, sso_live: str, tmp_path: Path, language: str,  # noqa: F811
        width: int, button: str, heading: str, words: str):
    page = _page(browser, language, width)
    page.goto(f"{sso_live}/logga-in/")
    _clean(page, tmp_path, f"login-{language}-{width}")
    page.get_by_role("link", name=button).click()
    # The provider's own page, on loopback.
    page.locator("input[name=username]").fill(KARI["username"])
    page.locator("input[name=password]").fill(KARI["password"])
    page.get_by_role("button").click()
    expect(page.get_by_role("heading", level=1, name=heading)).to_be_visible()
    assert words in page.content()
    _clean(page, tmp_path, f"no-membership-{language}-{width}")
    assert User.objects.filter(email=KARI["email"]).exists()


@pytest.mark.parametrize(("language", "width", "locked", "short"), [
    ("sv", 390, "För många misslyckade försök", "minst 12 tecken"),
    ("en", 1280, "Too many failed attempts", "at least 12 characters"),
])
def test_a_lockout_and_a_refused_password_are_said_plainly(
        browser: Browser, live_server: object, owner: User, tmp_path: Path,  # noqa: F811
        language: str, width: int, locked: str, short: str):
    base = str(live_server.url)  # type: ignore[attr-defined]
    page = _page(browser, language, width)
    page.goto(f"{base}/logga-in/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.locator("#id_username").fill(owner.username)
        page.locator("#id_password").fill("fel-lösenord")
        page.locator("form button.button").click()
    expect(page.get_by_role("alert")).to_contain_text(locked)
    _clean(page, tmp_path, f"locked-{language}-{width}")

    # A colleague at the same address is not locked out, and changes their password.
    User.objects.create_user("kollega", password=PASSWORD)
    other = _page(browser, language, width)
    other.goto(f"{base}/logga-in/")
    other.locator("#id_username").fill("kollega")
    other.locator("#id_password").fill(PASSWORD)
    other.locator("form button.button").click()
    assert "/logga-in/" not in other.url
    other.goto(f"{base}/losenord/")
    other.locator("#id_old_password").fill(PASSWORD)
    other.locator("#id_new_password1").fill("Sommar2024")
    other.locator("#id_new_password2").fill("Sommar2024")
    other.locator("main form button.button").click()
    expect(other.get_by_role("alert")).to_contain_text(short)
    _clean(other, tmp_path, f"password-{language}-{width}")
