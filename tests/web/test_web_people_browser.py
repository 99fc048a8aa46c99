"""Inviting a colleague in a real browser: the site administrator creates the organisation, its
administrator invites, the link sets a password, the new member logs in and sees the case that
was shared with them. axe-core checks every page on the way, in Swedish and English, and on a
phone's width."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from samverkan.formats.case_io import load_case
from samverkan.web.accounts.models import Membership, Organisation, Role
from samverkan.web.cases import actions
from tests.web.conftest import EXAMPLES, PASSWORD
from tests.web.test_web_browser import _axe_violations, browser, page  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Blåbärssoppa-i-Vasaloppet-77"
# Screenshots for a person to look at, when asked for.
SHOTS = os.environ.get("SAMVERKAN_SCREENSHOTS")


def _shot(tab: Page, name: str) -> None:
    if SHOTS:
        tab.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def _login(tab: Page, base: str, username: str, password: str = PASSWORD) -> None:
    tab.goto(f"{base}/logga-in/")
    tab.get_by_label("Användarnamn").fill(username)
    tab.get_by_label("Lösenord").fill(password)
    tab.get_by_role("button", name="Logga in").click()
    expect(tab.get_by_role("heading", level=1, name="Typfall")).to_be_visible()


def _logout(tab: Page) -> None:
    tab.get_by_role("button", name="Logga ut").click()


def test_invited_colleague_sets_a_password_and_sees_the_shared_case(
        live_server: Any, page: Page) -> None:  # noqa: F811
    base = live_server.url
    school = Organisation.objects.create(name="Skola A")
    rektor = User.objects.create_user(username="rektor", password=PASSWORD)
    Membership.objects.create(user=rektor, organisation=school, role=Role.ADMIN)
    actions.create_case(organisation=school, user=rektor,
                        case=load_case(EXAMPLES / "lucas.yaml"))
    User.objects.create_user(username="plats", password=PASSWORD, is_superuser=True)

    # The site administrator creates the social services and invites its administrator.
    _login(page, base, "plats")
    page.get_by_role("link", name="Organisationer").click()
    page.get_by_label("Organisationens namn").fill("Socialtjänsten")
    page.get_by_role("button", name="Skapa").click()
    expect(page.get_by_role("status")).to_contain_text("Socialtjänsten är skapad")
    assert _axe_violations(page) == []
    _shot(page, "organisations-sv")
    page.get_by_role("link", name="Socialtjänsten").click()
    page.get_by_label("Namn", exact=True).fill("Sara Sekreterare")
    page.get_by_label("E-postadress").fill("sara@kommun.se")
    page.get_by_label("Roll", exact=True).select_option(label="Administratör")
    page.get_by_role("button", name="Bjud in").click()
    link = page.get_by_label("Länk för att välja lösenord").input_value()
    assert link.startswith(base + "/valj-losenord/")
    assert _axe_violations(page) == []
    _shot(page, "invited-sv")
    _logout(page)

    # The school's administrator shares the case, picking the organisation from the list.
    _login(page, base, "rektor")
    page.get_by_role("link", name="Lucas 10 år").first.click()
    page.get_by_role("link", name="Delning").click()
    field = page.get_by_label("Organisationens namn")
    assert field.get_attribute("list") == "organisation-names"
    options = page.locator("#organisation-names option")
    expect(options).to_have_count(1)
    assert options.first.get_attribute("value") == "Socialtjänsten"
    field.fill("Socialtjänsten")
    page.get_by_role("button", name="Dela", exact=True).click()
    expect(page.get_by_role("status")).to_be_visible()
    assert _axe_violations(page) == []
    _logout(page)

    # The invited person follows the link, chooses a password and logs in.
    page.goto(link)
    expect(page.get_by_role("heading", level=1, name="Välj ett lösenord")).to_be_visible()
    assert _axe_violations(page) == []
    _shot(page, "set-password-sv")
    page.get_by_label("Nytt lösenord", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Bekräfta nytt lösenord").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Spara lösenordet").click()
    expect(page.get_by_role("status")).to_contain_text("Ditt lösenord är sparat")
    _login(page, base, "sara@kommun.se", NEW_PASSWORD)
    expect(page.get_by_role("link", name="Lucas 10 år").first).to_be_visible()

    # The link has done its work: a second visit is refused.
    _logout(page)
    page.goto(link)
    expect(page.get_by_role("heading", name="Länken fungerar inte")).to_be_visible()


def test_member_pages_in_english_and_on_a_phone(live_server: Any, page: Page) -> None:  # noqa: F811
    base = live_server.url
    school = Organisation.objects.create(name="Skola A")
    rektor = User.objects.create_user(username="rektor", password=PASSWORD, is_superuser=True)
    Membership.objects.create(user=rektor, organisation=school, role=Role.ADMIN)
    _login(page, base, "rektor")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/organisation/{school.pk}/medlemmar/")
    # The last administrator is refused, and told why.
    page.get_by_label("Roll: rektor").select_option(label="Läsare")
    page.get_by_role("button", name="Ändra roll").click()
    expect(page.get_by_role("status")).to_contain_text("minst en administratör")
    _shot(page, "members-390-sv")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert _axe_violations(page) == []
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Members")
    page.get_by_label("Name", exact=True).fill("Nina New")
    page.get_by_label("E-mail address").fill("nina@kommun.se")
    page.get_by_role("button", name="Invite", exact=True).click()
    expect(page.get_by_label("Link to choose a password")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert _axe_violations(page) == []
    _shot(page, "invited-390-en")
    page.goto(f"{base}/organisationer/")
    assert _axe_violations(page) == []
    _shot(page, "organisations-390-en")
