"""A log's protection in a real browser: upload, the progress region while the background
worker has not finished, the indicators in its place when it has — without reloading — in
Swedish and English, at a phone's width; axe finds nothing on either state."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, expect

from samverkan.web.followup.models import EventLogRecord
from tests.web.conftest import EVENTLOGS, run_worker
from tests.web.test_web_browser import _axe_violations, _login, browser, editor  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "width"), [("sv", 1200), ("en", 390)])
def test_the_progress_region_turns_into_the_indicators(
        live_server: Any, browser: Browser, editor: User, language: str,  # noqa: F811
        width: int, tmp_path: Path) -> None:
    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": 900})
    page = context.new_page()
    base = live_server.url
    _login(page, base)
    if language == "en":
        page.get_by_role("button", name="English").click()
    heading, waiting, whole, protected = {
        "sv": ("Skyddar små tal …", "Väntar på sin tur …", "Hela kommunen",
               "De små talen i hand.csv är skyddade"),
        "en": ("Protecting small counts…", "Waiting for its turn…", "Whole municipality",
               "The small counts of hand.csv are protected"),
    }[language]
    page.goto(f"{base}/uppfoljning/ny/")
    page.locator("input[type=file]").set_input_files(str(EVENTLOGS / "hand.csv"))
    page.locator("form button[type=submit]").last.click()
    # Stored, not protected yet: the progress region and nothing of the log.
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    status = page.get_by_role("status").filter(has_text=waiting)
    expect(status).to_be_visible()
    assert status.get_attribute("aria-live") == "polite"
    expect(page.get_by_text(whole)).to_have_count(0)
    assert page.locator("a[href*='indikatorer']").count() == 0
    assert _axe_violations(page) == [], "progress"
    page.screenshot(path=str(tmp_path / f"protection-progress-{language}-{width}.png"),
                    full_page=True)
    record = EventLogRecord.objects.get()
    assert record.state == "protecting"
    # The worker protects it; the page, still polling, shows the indicators by itself.
    run_worker()
    expect(page.get_by_text(protected)).to_be_visible(timeout=15_000)
    expect(page.locator("#indicators")).to_be_visible()
    expect(page.get_by_role("columnheader", name=whole)).to_be_visible()
    assert _axe_violations(page) == [], "ready"
    page.screenshot(path=str(tmp_path / f"protection-ready-{language}-{width}.png"),
                    full_page=True)
    context.close()


def test_the_list_shows_a_log_being_protected(live_server: Any, browser: Browser,  # noqa: F811
                                              editor: User, tmp_path: Path) -> None:  # noqa: F811
    from samverkan.formats.eventlog import read_event_log
    from samverkan.web.followup import actions

    organisation = editor.memberships.get().organisation
    actions.store_event_log(organisation=organisation, user=editor, name="Väster 2024",
                            source="hand.csv", log=read_event_log(EVENTLOGS / "hand.csv"))
    context = browser.new_context(locale="sv-SE", viewport={"width": 390, "height": 900})
    page = context.new_page()
    base = live_server.url
    _login(page, base)
    page.goto(f"{base}/uppfoljning/")
    row = page.get_by_role("row").filter(has_text="Väster 2024")
    expect(row.get_by_role("status")).to_have_text("Väntar på sin tur …")
    assert _axe_violations(page) == [], "list"
    page.screenshot(path=str(tmp_path / "protection-list-sv-390.png"), full_page=True)
    run_worker()
    expect(row.get_by_text("Visas")).to_be_visible(timeout=15_000)
    context.close()
