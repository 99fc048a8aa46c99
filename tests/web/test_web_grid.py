"""The mapping grid in a real browser, by keyboard only, with axe in Swedish and English.

Expected figures are worked out here from the case with the same changes made by hand, never
read from the page: a social worker costs 52 000 kr a month over 165 hours.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db.utils import OperationalError
from playwright.sync_api import Page, expect

from samverkan.formats.case_io import load_case
from samverkan.formats.excel_template import write_template
from samverkan.model import Case, Participant, compute
from samverkan.reports.labels import kronor, minutes_as_hours
from samverkan.web.accounts.models import Organisation
from samverkan.web.cases import actions
from samverkan.web.cases.models import CaseRecord
from tests.web.conftest import EXAMPLES
from tests.web.test_web_browser import _axe_violations, _login, browser, editor, page

__all__ = ["browser", "editor", "page"]  # fixtures shared with the other browser tests

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SHOTS = Path(os.environ.get("SAMVERKAN_SCREENSHOTS", "")) if os.environ.get(
    "SAMVERKAN_SCREENSHOTS") else None


def _shot(page: Page, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _lucas_for(user: User) -> CaseRecord:
    organisation = Organisation.objects.get(memberships__user=user)
    return actions.create_case(organisation=organisation, user=user,
                               case=load_case(EXAMPLES / "lucas.yaml"))


def _with_minutes(case: Case, task_id: str, index: int, **changes: Any) -> Case:
    def task_of(t: Any) -> Any:
        if t.id != task_id:
            return t
        parts = list(t.participants)
        parts[index] = replace(parts[index], **changes)
        return replace(t, participants=tuple(parts))
    return replace(case, steps=tuple(replace(s, tasks=tuple(task_of(t) for t in s.tasks))
                                     for s in case.steps))


def _step_total_text(case: Case, step_id: str, step_name: str) -> str:
    figures = compute(case).total_by_step[step_id]
    return f"{step_name}: {minutes_as_hours(figures.minutes, 'sv')}, {kronor(figures.cost, 'sv')}"


def _stored(record: CaseRecord, ready: Callable[[Case], bool], seconds: float = 10.0) -> Case:
    """The stored case once `ready` holds: saves from the page land while the test reads."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            case = CaseRecord.objects.get(pk=record.pk).to_case()
        except OperationalError:  # the server is writing to the same in-memory database
            case = None
        if case is not None and ready(case):
            return case
        if time.monotonic() > deadline:
            raise AssertionError("the page's save did not reach the database")
        time.sleep(0.1)


def _focused(page: Page) -> tuple[str | None, str | None]:
    return tuple(page.evaluate(  # type: ignore[return-value]
        "() => [document.activeElement.getAttribute('name'),"
        " document.activeElement.closest('tr') && document.activeElement.closest('tr').id]"))


def test_the_grid_by_keyboard(live_server: Any, page: Page, editor: User) -> None:
    record = _lucas_for(editor)
    base = live_server.url
    _login(page, base)
    page.goto(f"{base}/typfall/{record.pk}/kartlaggning/s4/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kartläggning av Utredningsprocessen")
    assert _axe_violations(page) == []
    _shot(page, "grid-sv-desktop")
    case = record.to_case()
    row = page.locator("#row-s4-soc-barnsamtal\\:0")

    # While typing, the totals follow, worked out by the server; nothing is saved yet.
    minutes = row.get_by_label("Minuter per person och tillfälle (Samtal med Lucas, "
                               "Socialsekreterare)")
    minutes.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("120")
    typed = _with_minutes(case, "s4-soc-barnsamtal", 0, minutes=120)
    total = page.locator("#grid-step-total")
    expect(total).to_contain_text(_step_total_text(typed, "s4", "Utredningsprocessen"))
    expect(total).to_contain_text("Med raden du skriver")
    assert CaseRecord.objects.get(pk=record.pk).version == record.version

    # Enter: the same field on the next row; leaving the field saved the row.
    page.keyboard.press("Enter")
    assert _focused(page) == ("minutes", "row-s4-soc-farmor:0")
    expect(row.locator(".grid-status")).to_contain_text("Sparat")
    stored = _stored(record, lambda c: c == typed)
    expect(total).to_contain_text(_step_total_text(typed, "s4", "Utredningsprocessen"))

    # Enter on the last row adds a row; fill it in by keyboard as a new task.
    last = page.locator("#grid-body tr[data-row]").last
    last.locator("[name=minutes]").focus()
    page.keyboard.press("Enter")
    new = page.locator("#grid-body tr[data-row]").last
    assert _focused(page) == ("minutes", "row-new-1")
    for _ in range(7):
        page.keyboard.press("Shift+Tab")
    assert _focused(page)[0] == "name"
    page.keyboard.type("Hembesök")
    page.keyboard.press("Tab")  # organisation: Skola A, Skola B, Socialtjänsten
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    for _ in range(4):  # category, child present, exchange occasion, occasions
        page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    page.keyboard.press("Tab")  # who is involved: Välj, then the roles in the case's order
    roles = [r.id for r in case.roles]
    for _ in range(roles.index("socialsekreterare") + 1):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.type("60")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    page.keyboard.press("Tab")
    expect(new.locator(".grid-status")).to_contain_text("Sparat")

    # The row saved twice (people changed last); wait for the second save to land.
    stored = _stored(record, lambda c: any(
        t.name == "Hembesök" and t.participants[0].people == 2 for t in c.tasks))
    home = next(t for t in stored.steps[3].tasks if t.name == "Hembesök")
    assert (home.org, home.occasions) == ("soc", 2)
    assert home.participants == (Participant("socialsekreterare", minutes=60, people=2),)
    # Two social workers on two occasions of an hour: 240 minutes at 52 000 / 9 900 kr.
    assert compute(stored).task(home.id).figures.cost == pytest.approx(240 * 52000 / 9900)
    expect(total).to_contain_text(_step_total_text(stored, "s4", "Utredningsprocessen"))
    soc = page.locator("#grid-total-orgs tr", has_text="Socialtjänsten")
    expect(soc).to_contain_text(kronor(compute(stored).organisations["soc"].by_step["s4"].cost,
                                       "sv"))
    # Another person joins the new task from a row of its own: the task's fields switch off.
    page.get_by_role("button", name="Lägg till en rad").focus()
    page.keyboard.press("Enter")
    joining = page.locator("#grid-body tr[data-row]").last
    assert _focused(page)[0] == "task"
    page.keyboard.press("End")  # the new task is the step's last, last in the list
    expect(joining.locator("[name=name]")).to_be_disabled()
    page.keyboard.press("Tab")  # straight to who is involved
    assert _focused(page)[0] == "role"
    for _ in range(roles.index("sektionschef") + 1):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.type("15")
    page.keyboard.press("Tab")
    expect(joining.locator(".grid-status")).to_contain_text("Sparat")
    stored = _stored(record, lambda c: len(next(
        t for t in c.tasks if t.id == home.id).participants) == 2)
    home = next(t for t in stored.tasks if t.id == home.id)
    assert home.participants[1] == Participant("sektionschef", minutes=15)
    expect(total).to_contain_text(_step_total_text(stored, "s4", "Utredningsprocessen"))
    _shot(page, "grid-sv-after")
    assert _axe_violations(page) == []

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Mapping of Utredningsprocessen")
    assert _axe_violations(page) == []
    _shot(page, "grid-en-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    _shot(page, "grid-en-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.wait_for_load_state("networkidle")  # no request of the page's outlives the test


def test_uploading_a_filled_template_in_the_browser(live_server: Any, page: Page, editor: User,
                                                     tmp_path: Path) -> None:
    record = _lucas_for(editor)
    changed = _with_minutes(record.to_case(), "s4-soc-barnsamtal", 0, minutes=120)
    path = tmp_path / "lucas.xlsx"
    write_template(path, changed)
    base = live_server.url
    _login(page, base)
    page.goto(f"{base}/typfall/{record.pk}/")
    page.get_by_role("navigation", name="Typfall").get_by_role("link",
                                                               name="Ladda upp Excel").click()
    assert _axe_violations(page) == []
    page.get_by_label("Ifylld kartläggningsmall").set_input_files(str(path))
    page.get_by_role("button", name="Visa vad den ändrar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Vad lucas.xlsx ändrar i typfallet")
    expect(page.locator("#tasks-changed")).to_contain_text("90 → 120 min")
    assert CaseRecord.objects.get(pk=record.pk).version == record.version
    _shot(page, "upload-preview-sv-desktop")
    assert _axe_violations(page) == []
    page.get_by_role("button", name="English").click()
    assert _axe_violations(page) == []
    page.get_by_role("button", name="Save these changes").click()
    expect(page.get_by_role("heading", level=1, name="Lucas 10 år")).to_be_visible()
    assert CaseRecord.objects.get(pk=record.pk).to_case() == changed
    page.wait_for_load_state("networkidle")
