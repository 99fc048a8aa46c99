"""The investment case edited in a real browser (Debian's Chromium) at a phone's width.

In Swedish: the outcome condition stated, a post that does the role's case tasks refused
until its share is written (the error summary focused, the message at the field) and then
added, an avoided intervention chosen from the illustrative price list, the model's kronor a
year on the page, the change in the history. In English: the line's page. axe-core checks each
page with and without errors.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from samverkan.formats.case_io import load_case
from samverkan.reports.labels import kronor
from samverkan.web.accounts.models import Organisation
from samverkan.web.cases import actions
from samverkan.web.cases.models import CaseRecord
from tests.web.conftest import EXAMPLES
from tests.web.test_web_browser import (  # noqa: F401  (fixtures)
    _axe_violations,
    _login,
    browser,
    editor,
    page,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SAMVERKAN_SCREENSHOTS")


def _shot(tab: Page, name: str) -> None:
    if SHOTS:
        tab.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


@pytest.fixture
def lucas(editor: User) -> CaseRecord:  # noqa: F811  (the fixture imported above)
    return actions.create_case(organisation=Organisation.objects.get(), user=editor,
                               case=load_case(EXAMPLES / "lucas.yaml"))


def test_the_investment_case_is_edited_at_390_px_in_swedish_and_english(
        live_server: Any, page: Page, lucas: CaseRecord) -> None:  # noqa: F811
    page.set_viewport_size({"width": 390, "height": 844})
    found: dict[str, Any] = {}

    def axe(name: str) -> None:
        _shot(page, name)
        if violations := _axe_violations(page):
            found[name] = violations
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, name

    _login(page, live_server.url)
    page.goto(f"{live_server.url}/typfall/{lucas.pk}/redigera/")
    page.get_by_role("link", name="Redigera investeringskalkylen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Investeringskalkyl")
    axe("kalkyl-tom-sv")
    page.get_by_label("Vad som antas om utfallet för barnet").fill(
        "Barnet har det minst lika bra: utredningen blir inte sämre av att börja tidigare.")
    page.get_by_role("button", name="Spara utfallsvillkoret").click()
    expect(page.locator(".message-success")).to_be_visible()

    page.get_by_role("link", name="Lägg till en investering").click()
    page.get_by_label("Vad som investeras i").fill("Socialsekreterare på skolan")
    page.get_by_label("Organisation som betalar").select_option(label="Socialtjänsten")
    page.get_by_label("Hur kostnaden anges").select_option("fte")
    page.get_by_label("Yrkesgrupp", exact=True).select_option(label="Socialsekreterare")
    page.get_by_label("Till år").fill("3")
    page.get_by_label("Tjänsten gör yrkesgruppens egna uppgifter i ärendena").check()
    page.get_by_role("button", name="Lägg till investeringen").click()
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.locator(".error-summary")).to_contain_text("Skriv andelen av heltid.")
    expect(page.locator("#id_fte_percent-error")).to_contain_text("Skriv andelen av heltid.")
    axe("investering-fel-sv")
    page.get_by_label("Andel av heltid (%)").fill("50")
    page.get_by_role("button", name="Lägg till investeringen").click()
    expect(page.locator(".message-success")).to_be_visible()
    # Half a post of a social worker at 52 000 kr a month (Lucas has no overheads).
    expect(page.locator("#investments-table")).to_contain_text(kronor(52_000 * 12 * 0.5, "sv"))

    page.get_by_role("link", name="Lägg till en undviken insats").click()
    page.get_by_label("Insats", exact=True).select_option(index=0)
    page.get_by_label("Organisation som skulle ha betalat för den").select_option(
        label="Socialtjänsten")
    for label, value in (("låg", "1"), ("troligast", "2"), ("hög", "5")):
        page.get_by_label(f"Andel ärenden som slipper den, {label} (%)").fill(value)
    page.get_by_label("Enheter per år och ärende").fill("30")
    axe("undviken-sv")
    page.get_by_role("button", name="Lägg till den undvikna insatsen").click()
    expect(page.locator("#avoided-table")).to_contain_text("2,0 %")
    axe("kalkyl-sv")

    page.goto(f"{live_server.url}/typfall/{lucas.pk}/historik/")
    expect(page.locator("main")).to_contain_text(
        "Investeringskalkylen: en undviken insats för Socialtjänsten tillagd")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto(f"{live_server.url}/typfall/{lucas.pk}/investeringskalkyl/investering/0/")
    expect(page.get_by_label("The post does the role's own tasks in the cases")).to_be_checked()
    page.get_by_label("To year").fill("1")
    page.get_by_label("From year").fill("2")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#id_to_year-error")).to_contain_text(
        "The last year cannot come before the first.")
    axe("investering-fel-en")
    page.goto(f"{live_server.url}/typfall/{lucas.pk}/investeringskalkyl/")
    axe("kalkyl-en")
    assert found == {}
