"""The cost of the real flow in a real browser: a case chosen from the list prices the log's
paths, in Swedish and English, at a phone's width; axe finds nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, expect

from samverkan.followup.synth import synthetic_log
from samverkan.formats.case_io import load_case
from samverkan.web.cases import actions as case_actions
from samverkan.web.followup import actions
from tests.conftest import EXAMPLES
from tests.web.conftest import run_worker
from tests.web.test_web_browser import _axe_violations, _login, browser, editor  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "width"), [("sv", 1200), ("en", 390)])
def test_a_case_chosen_from_the_list_prices_the_paths(
        live_server: Any, browser: Browser, editor: User, language: str,  # noqa: F811
        width: int, tmp_path: Path) -> None:
    organisation = editor.memberships.get().organisation
    case_actions.create_case(organisation=organisation, user=editor,
                             case=load_case(EXAMPLES / "lucas.yaml"))
    record = actions.store_event_log(
        organisation=organisation, user=editor, name="Syntetisk", source="syntetisk.csv",
        log=synthetic_log(cases=900, units=3, seed=2, years=1.0))
    run_worker()
    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": 900})
    page = context.new_page()
    base = live_server.url
    _login(page, base)
    if language == "en":
        page.get_by_role("button", name="English").click()
    label, button, heading, whole, kronor = {
        "sv": ("Typfall som prissätter vägarna", "Prissätt vägarna",
               "Kostnaden för det verkliga flödet", "Hela kommunen",
               "Avslutad utan insats, ej förlängd: kronor"),
        "en": ("Case that prices the paths", "Price the paths", "The cost of the real flow",
               "Whole municipality", "Closed without an intervention, not extended: kronor"),
    }[language]
    page.goto(f"{base}/uppfoljning/{record.pk}/?period=year")
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    page.get_by_label(label).select_option(label="Lucas 10 år (Skola och socialtjänst)")
    page.get_by_role("button", name=button).click()
    table = page.locator("#flow-cost")
    expect(table).to_be_visible()
    expect(table.get_by_role("columnheader", name=whole)).to_be_visible()
    expect(table.get_by_role("rowheader", name=kronor)).to_be_visible()
    assert "case=" in page.url
    # Numbers are right-aligned, the table scrolls on its own on a phone.
    assert table.locator("td").first.evaluate("c => getComputedStyle(c).textAlign") == "right"
    assert _axe_violations(page) == []
    page.screenshot(path=str(tmp_path / f"flow-cost-{language}-{width}.png"), full_page=True)
    context.close()
