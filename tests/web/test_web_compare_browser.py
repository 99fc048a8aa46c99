"""Comparing a baseline with several ways of working in Chromium: chosen with checkboxes, the
address keeps the choice (it can be shared), a column per alternative in the order chosen, in
Swedish and English, accessible."""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from samverkan.formats.case_io import load_case
from samverkan.model import compare, compute
from samverkan.reports.labels import kronor
from samverkan.web.accounts.models import Organisation
from samverkan.web.cases import actions
from tests.web.conftest import EXAMPLES
from tests.web.test_web_browser import _axe_violations, _login, browser, editor, page
from tests.web.test_web_grid import _shot

__all__ = ["browser", "editor", "page"]  # fixtures shared with the other browser tests

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def test_a_baseline_against_two_alternatives(live_server: Any, page: Page,
                                             editor: User) -> None:
    organisation = Organisation.objects.get(memberships__user=editor)
    records = {name: actions.create_case(organisation=organisation, user=editor,
                                         case=load_case(EXAMPLES / f"{name}.yaml"))
               for name in ("lucas", "lucas-samverkan", "lucas-skolsocionom")}
    lucas, early, school = (records[n] for n in ("lucas", "lucas-samverkan",
                                                 "lucas-skolsocionom"))
    base = live_server.url
    _login(page, base)
    page.goto(f"{base}/jamforelse/")
    page.get_by_label("Utgångsläge").select_option(str(lucas.pk))
    for box in page.get_by_role("checkbox").all():
        box.uncheck()
    # The choices are the user's own words: the cases' names and organisations.
    page.get_by_label(f"{early.name} ({organisation.name})").check()
    page.get_by_label(f"{school.name} ({organisation.name})").check()
    page.get_by_label("Ärenden per år").fill("40")
    page.get_by_role("button", name="Jämför").click()
    query = parse_qs(urlparse(page.url).query)
    # The checkboxes are in the list's order (by name), and so are the address's alternatives.
    assert query["alternative"] == [str(r.pk) for r in sorted((early, school),
                                                              key=lambda r: r.name)]
    base_result = compute(lucas.to_case())
    by_pk = {str(r.pk): r for r in (early, school)}
    gains = {pk: compare(base_result, compute(by_pk[pk].to_case())).gain
             for pk in query["alternative"]}
    headers = page.locator("#compare-totals thead th").all_inner_texts()
    assert headers[2:] == [by_pk[pk].name for pk in query["alternative"]]
    for number, pk in enumerate(query["alternative"], start=1):
        expect(page.locator(f"#gain-{number}")).to_contain_text(kronor(gains[pk], "sv"))
    expect(page.locator("#annual-change")).to_be_visible()
    expect(page.get_by_role("img", name="Ändrad kostnad per steg för varje alternativ")
           ).to_be_visible()
    assert _axe_violations(page) == []
    _shot(page, "compare-several-sv")

    # The address alone gives the same page, alternatives swapped give swapped columns.
    swapped = (f"{base}/jamforelse/?baseline={lucas.pk}&alternative={query['alternative'][1]}"
               f"&alternative={query['alternative'][0]}&per_year=40")
    page.goto(swapped)
    headers = page.locator("#compare-totals thead th").all_inner_texts()
    assert headers[2:] == [by_pk[pk].name for pk in reversed(query["alternative"])]
    expect(page.locator("#gain-1")).to_contain_text(kronor(gains[query["alternative"][1]], "sv"))

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare ways of working")
    expect(page.locator("#gain-2")).to_contain_text(kronor(gains[query["alternative"][0]], "en"))
    expect(page.get_by_role("img", name="Change in cost per step for each alternative")
           ).to_be_visible()
    assert _axe_violations(page) == []
    _shot(page, "compare-several-en")

    # The report of the set opens with every alternative in it.
    page.get_by_role("button", name="Open as a web page").click()
    expect(page.locator("#alternatives")).to_be_visible()
    for record in (early, school):
        expect(page.locator("#alternatives ~ table").first).to_contain_text(record.name)
    page.wait_for_load_state("networkidle")


def test_no_alternative_chosen_is_said_plainly(live_server: Any, page: Page,
                                              editor: User) -> None:
    organisation = Organisation.objects.get(memberships__user=editor)
    lucas = actions.create_case(organisation=organisation, user=editor,
                                case=load_case(EXAMPLES / "lucas.yaml"))
    base = live_server.url
    _login(page, base)
    page.goto(f"{base}/jamforelse/?baseline={lucas.pk}")
    expect(page.locator(".error-summary")).to_contain_text("Välj minst ett alternativ.")
    page.locator(".error-summary a").first.click()
    expect(page.get_by_role("checkbox").first).to_be_focused()
    _shot(page, "compare-none-sv")
