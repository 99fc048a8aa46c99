"""At 390 px wide (a phone) the pages keep the page's width: wide tables scroll in their own
labelled, focusable box, and charts shrink to the screen. Checked in Swedish and English."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page

from samverkan.formats.case_io import load_case
from samverkan.web.accounts.models import Organisation
from samverkan.web.cases import actions
from tests.web.conftest import EXAMPLES
from tests.web.test_web_browser import _axe_violations, _login, browser, editor, page
from tests.web.test_web_grid import _shot

__all__ = ["browser", "editor", "page"]  # fixtures shared with the other browser tests

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PHONE = 390


def _overflowing(page: Page) -> list[str]:
    """Elements that stick out of the page to the right, outside any scrolling box."""
    return page.evaluate("""width => {
      const out = [];
      for (const el of document.querySelectorAll('body *')) {
        const box = el.getBoundingClientRect();
        if (box.right <= width + 0.5 || box.width === 0) continue;
        if (el.closest('.visually-hidden')) continue;
        let inside = false;
        for (let p = el.parentElement; p; p = p.parentElement) {
          const style = getComputedStyle(p);
          if (['auto', 'scroll', 'hidden'].includes(style.overflowX) && p !== document.body
              && p !== document.documentElement) { inside = true; break; }
        }
        if (!inside) out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                              + (el.className && el.className.baseVal === undefined
                                 ? '.' + String(el.className).split(' ')[0] : ''));
      }
      return out.slice(0, 10).concat(
        [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().width > width)
          .slice(0, 6).map(e => e.tagName + '#' + e.id + '.' + e.className + ':'
                           + Math.round(e.getBoundingClientRect().width)));
    }""", PHONE)


def test_pages_keep_the_phones_width(live_server: Any, page: Page, editor: User) -> None:
    organisation = Organisation.objects.get(memberships__user=editor)
    lucas = actions.create_case(organisation=organisation, user=editor,
                                case=load_case(EXAMPLES / "lucas.yaml"))
    variant = actions.create_case(organisation=organisation, user=editor,
                                  case=load_case(EXAMPLES / "lucas-samverkan.yaml"))
    third = actions.create_case(organisation=organisation, user=editor,
                                case=load_case(EXAMPLES / "lucas-skolsocionom.yaml"))
    base = live_server.url
    _login(page, base)
    pages = {
        "compare-several": f"/jamforelse/?baseline={lucas.pk}&alternative={variant.pk}"
                           f"&alternative={third.pk}&per_year=40",
        "index": "/",
        "results": f"/typfall/{lucas.pk}/?per_year=40",
        "compare": f"/jamforelse/?baseline={lucas.pk}&alternative={variant.pk}&per_year=40",
        "timeline": f"/typfall/{lucas.pk}/tidslinje/",
        "edit": f"/typfall/{lucas.pk}/redigera/",
        "grid": f"/typfall/{lucas.pk}/kartlaggning/s1/",
        "upload": f"/typfall/{lucas.pk}/ladda-upp/",
        "task": f"/typfall/{lucas.pk}/uppgift/s2-soc-anmalningsmote/redigera/",
    }
    page.set_viewport_size({"width": PHONE, "height": 844})
    for language in ("sv", "en"):
        if language == "en":
            page.get_by_role("button", name="English").click()
        for name, path in pages.items():
            page.goto(base + path)
            _shot(page, f"{name}-{language}-{PHONE}")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE, (name, language, width, _overflowing(page))
            # Every box that scrolls sideways is reachable by keyboard and has a name.
            boxes = page.evaluate("""() => [...document.querySelectorAll('.table-scroll')]
              .filter(b => b.scrollWidth > b.clientWidth)
              .map(b => [b.getAttribute('tabindex'), b.getAttribute('role'),
                         b.getAttribute('aria-labelledby') || b.getAttribute('aria-label')])""")
            assert all(b[0] == "0" and b[1] == "region" and b[2] for b in boxes), (name, boxes)
            assert _axe_violations(page) == [], (name, language)
    page.wait_for_load_state("networkidle")  # no request of the page's outlives the test
