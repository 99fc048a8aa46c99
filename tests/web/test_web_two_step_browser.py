"""Two-step verification in Chromium: turning it on from the page linked in the header, then
logging in with the password and a code, in Swedish and English, at 390 px too, with axe
finding nothing. Screenshots land in the test's folder."""

from __future__ import annotations

from base64 import b32decode
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django_otp.oath import totp
from playwright.sync_api import Browser, expect

from tests.web.conftest import PASSWORD
from tests.web.test_web_browser import browser  # noqa: F401  (fixture)
from tests.web.test_web_signin_browser import _clean, _page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "width", "link", "turn_on", "enter_code", "wrong"), [
    ("sv", 390, "Tvåstegsverifiering", "Slå på tvåstegsverifiering", "Ange kod", "Koden är fel"),
    ("en", 390, "Two-step verification", "Turn on two-step verification", "Enter code",
     "The code is wrong"),
])
def test_turning_it_on_and_logging_in_with_a_code(
        browser: Browser, live_server: object, owner: User, tmp_path: Path,  # noqa: F811
        language: str, width: int, link: str, turn_on: str, enter_code: str, wrong: str):
    base = str(live_server.url)  # type: ignore[attr-defined]
    page = _page(browser, language, width)
    page.goto(f"{base}/logga-in/")
    page.locator("#id_username").fill(owner.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button.button").click()
    page.get_by_role("link", name=link).click()
    expect(page.get_by_role("heading", level=1, name=link)).to_be_visible()
    expect(page.locator(".two-step-qr svg")).to_be_visible()
    _clean(page, tmp_path, f"turn-on-{language}-{width}")
    key = b32decode(page.locator(".two-step-secret").inner_text().replace(" ", ""))

    page.locator("#id_code").fill(f"{totp(key, step=30, t0=0, digits=6):06d}")
    page.get_by_role("button", name=turn_on).click()
    expect(page.locator(".messages, [role=status]").first).to_be_visible()
    _clean(page, tmp_path, f"on-{language}-{width}")

    page.locator(".logout-form button").click()
    page.locator("#id_username").fill(owner.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button.button").click()
    expect(page.get_by_role("heading", level=1, name=enter_code)).to_be_visible()
    _clean(page, tmp_path, f"code-{language}-{width}")
    # Another page waits for the code too.
    page.goto(f"{base}/losenord/")
    expect(page.get_by_role("heading", level=1, name=enter_code)).to_be_visible()
    right = f"{totp(key, step=30, t0=0, digits=6, drift=1):06d}"
    page.locator("#id_code").fill(f"{(int(right) + 1) % 1_000_000:06d}")
    page.locator("form button.button").click()
    expect(page.get_by_role("alert")).to_contain_text(wrong)
    _clean(page, tmp_path, f"wrong-{language}-{width}")
    page.wait_for_timeout(1100)  # django-otp's throttle: one second after one wrong code
    page.locator("#id_code").fill(right)
    page.locator("form button.button").click()
    # Back where the user was going.
    expect(page).to_have_url(f"{base}/losenord/")
    page.screenshot(path=str(tmp_path / f"after-{language}-{width}.png"), full_page=True)
