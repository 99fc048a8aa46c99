"""The investment case page in Chromium: chosen from the form, its figures the model's, a wrong
horizon said plainly in the error summary, axe finding nothing, in Swedish and English and on a
390 px phone."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from samverkan.formats.case_io import load_case
from samverkan.formats.price_list import default_price_list
from samverkan.model import compare, compute, investment_case
from samverkan.reports.labels import kronor
from samverkan.web.accounts.models import Membership, Organisation, Role
from samverkan.web.cases import actions
from tests.web.conftest import EXAMPLES, PASSWORD
from tests.web.test_web_browser import _axe_violations, browser, page  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PRICES = ("Id;Insats;Enhet;Kronor;Prisår;Källa\n"
          + "".join(f"{i};{i};st;1000;2024;Egna\n" for i in (
              "hvb", "familjehem-konsulent", "stodfamilj", "oppenvard-intensiv",
              "elevhalsa-extra", "sarskilt-stod", "utredning-ny")))
# Screenshots for a person to look at, when asked for.
SHOTS = os.environ.get("SAMVERKAN_SCREENSHOTS")


def _shot(tab: Page, name: str) -> None:
    if SHOTS:
        tab.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


@pytest.fixture
def economist(db: None) -> User:
    organisation = Organisation.objects.create(name="Kommunen")
    user = User.objects.create_user(username="ekonom", password=PASSWORD)
    Membership.objects.create(user=user, organisation=organisation, role=Role.VIEWER)
    for name in ("lucas.yaml", "lucas-samverkan.yaml", "lucas-skolsocionom.yaml"):
        actions.create_case(organisation=organisation, user=user,
                            case=load_case(EXAMPLES / name))
    return user


def _login(tab: Page, base: str) -> None:
    tab.goto(f"{base}/logga-in/")
    tab.get_by_label("Användarnamn").fill("ekonom")
    tab.get_by_label("Lösenord").fill(PASSWORD)
    tab.get_by_role("button", name="Logga in").click()
    expect(tab.get_by_role("heading", level=1, name="Typfall")).to_be_visible()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_investment_case_is_chosen_read_and_refused_plainly(
        live_server: Any, page: Page, economist: User, width: int) -> None:  # noqa: F811
    page.set_viewport_size({"width": width, "height": 900})
    base = live_server.url
    _login(page, base)
    page.get_by_role("link", name="Investeringskalkyl").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lönar det sig – för vem och när?")
    baseline = page.get_by_label("Nuvarande arbetssätt (jämförs med)")
    baseline.select_option(label="Lucas 10 år (Kommunen)")
    for box in page.get_by_role("checkbox").all():
        box.check()
    page.get_by_label("År", exact=True).fill("0")
    page.get_by_label("Ärenden per år").fill("40")
    page.get_by_role("button", name="Visa investeringskalkylen").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("ange antalet år som ett heltal från 1 till 50")
    assert _axe_violations(page) == [], "with errors"
    _shot(page, f"invest-errors-sv-{width}")
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("År", exact=True)).to_be_focused()
    page.get_by_label("År", exact=True).fill("10")
    page.get_by_role("button", name="Visa investeringskalkylen").click()
    expect(page.locator("#invest-summary-table")).to_be_visible()
    # The figures are the model's, worked out here for the same choices.
    lucas = compute(load_case(EXAMPLES / "lucas.yaml"))
    for name in ("lucas-samverkan.yaml", "lucas-skolsocionom.yaml"):
        alternative = load_case(EXAMPLES / name)
        case = investment_case(compare(lucas, compute(alternative)), cases_per_year=40,
                               prices=default_price_list())
        row = page.locator("#invest-summary-table tr.figures").filter(has_text=alternative.name)
        expect(row.locator("td").first).to_have_text(kronor(case.npv))
    expect(page.locator("svg[role=img]")).to_have_count(2)
    # Nothing wider than the phone but the boxes that scroll on their own.
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= width, overflow
    assert _axe_violations(page) == [], "figures"
    _shot(page, f"invest-sv-{width}")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Does it pay – for whom, and when?")
    expect(page.locator("#invest-lead")).to_contain_text("discounted at a real rate of 3.5%")
    assert _axe_violations(page) == [], "figures in English"
    _shot(page, f"invest-en-{width}")


@pytest.mark.parametrize(("language", "width"), [("sv", 1280), ("en", 390)])
def test_an_editor_uploads_a_price_list_and_the_investment_case_uses_it(
        live_server: Any, page: Page, economist: User, tmp_path: Path,  # noqa: F811
        language: str, width: int) -> None:
    Membership.objects.filter(user=economist).update(role=Role.EDITOR)
    page.set_viewport_size({"width": width, "height": 900})
    base = live_server.url
    _login(page, base)
    if language == "en":
        page.get_by_role("button", name="English").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
    sv = language == "sv"
    page.get_by_role("link", name="Prislistor" if sv else "Price lists").click()
    broken = tmp_path / "priser.csv"
    broken.write_text("Id;Insats;Enhet;Kronor;Prisår\nhvb;HVB;dygn;mycket;2024\n",
                      encoding="utf-8")
    page.get_by_label("Prislistans namn" if sv else "Name of the price list").fill("Egna")
    page.get_by_label("Fil med prislistan" if sv else "Price list file").set_input_files(
        str(broken))
    page.get_by_role("button", name="Ladda upp" if sv else "Upload").click()
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.locator(".error-summary")).to_contain_text("priser.csv")
    assert _axe_violations(page) == [], "refused price list"
    _shot(page, f"price-list-errors-{language}-{width}")
    good = tmp_path / "egna.csv"
    good.write_text(PRICES, encoding="utf-8")
    page.get_by_label("Prislistans namn" if sv else "Name of the price list").fill("Egna")
    page.get_by_label("Fil med prislistan" if sv else "Price list file").set_input_files(
        str(good))
    page.get_by_role("button", name="Ladda upp" if sv else "Upload").click()
    expect(page.locator("caption").filter(has_text="Egna")).to_be_visible()
    assert _axe_violations(page) == [], "price lists"
    _shot(page, f"price-lists-{language}-{width}")
    page.get_by_role("link", name="Investeringskalkyl" if sv else "Investment case").click()
    page.get_by_role("checkbox").first.check()
    page.get_by_label("Ärenden per år" if sv else "Cases per year").fill("40")
    page.get_by_label("Prislista" if sv else "Price list", exact=True).select_option(
        label="Egna (Kommunen)")
    page.get_by_role("button", name="Visa investeringskalkylen" if sv else
                     "Show the investment case").click()
    expect(page.locator("#invest-prices")).to_contain_text("Egna")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert _axe_violations(page) == [], "investment case with own prices"
