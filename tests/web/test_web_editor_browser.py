"""The case editor in a real browser (Debian's Chromium): Sara built from nothing in forms.

A user of an organisation with no cases builds "Sara 14 år, hög skolfrånvaro" — one school,
social services, 3 steps, 4 roles, 7 tasks, one exchange occasion shared by two tasks —
without opening the YAML view, while a colleague in another browser edits another task at the
same moment. The results page's total must equal `samverkan cost --format json` of the
exported case. axe-core checks every editor page in Swedish and English.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from samverkan.formats.case_io import load_case
from samverkan.model import Case
from samverkan.model import edit as edits
from samverkan.reports.labels import kronor
from samverkan.web.accounts.models import Membership, Organisation, Role
from samverkan.web.cases import actions
from samverkan.web.cases.models import CaseRecord
from tests.web.conftest import EXAMPLES, PASSWORD
from tests.web.test_web_browser import _axe_violations, browser  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = [("Rektor", "82500"), ("Kurator", "49500"), ("Socialsekreterare", "52000"),
         ("Enhetschef", "65000")]
STEPS = [("Orosanmälan", "2"), ("Utredning", "16"), ("Avslut", "2")]
# step, organisation, task, category, exchange, occasions, [(role, minutes, people)]
TASKS = [
    ("Orosanmälan", "Skolan", "EHT-möte om frånvaron", "internal", "", "1",
     [("Rektor", "60", "1"), ("Kurator", "60", "1")]),
    ("Orosanmälan", "Skolan", "Orosanmälan skrivs", "documentation", "", "1",
     [("Kurator", "45", "1")]),
    ("Orosanmälan", "Socialtjänsten", "Förhandsbedömning", "documentation", "", "1",
     [("Socialsekreterare", "120", "1")]),
    ("Utredning", "Socialtjänsten", "Samtal med Sara", "direct_child", "", "3",
     [("Socialsekreterare", "60", "2")]),
    ("Utredning", "Skolan", "Nätverksmöte", "collaboration", "Nätverksmöte", "1",
     [("Kurator", "90", "1"), ("Rektor", "30", "1")]),
    ("Utredning", "Socialtjänsten", "Nätverksmöte", "collaboration", "Nätverksmöte", "1",
     [("Socialsekreterare", "90", "1")]),
    ("Avslut", "Socialtjänsten", "Beslut och avslut", "documentation", "", "1",
     [("Enhetschef", "30", "1")]),
]


@pytest.fixture
def mapper(db: None) -> User:
    organisation = Organisation.objects.create(name="Norrby kommun")
    user = User.objects.create_user(username="kartlaggare", password=PASSWORD)
    Membership.objects.create(user=user, organisation=organisation, role=Role.EDITOR)
    colleague = User.objects.create_user(username="kollega", password=PASSWORD)
    Membership.objects.create(user=colleague, organisation=organisation, role=Role.EDITOR)
    return user


class Loads:
    """Counts the pages the browser loads (navigations of the main frame)."""

    def __init__(self) -> None:
        self.count = 0

    def watch(self, page: Page) -> Page:
        page.on("load", lambda _page: self._add())
        return page

    def _add(self) -> None:
        self.count += 1


@pytest.fixture
def contexts(browser: Browser) -> Iterator[tuple[BrowserContext, BrowserContext]]:  # noqa: F811
    first, second = browser.new_context(locale="sv-SE"), browser.new_context(locale="sv-SE")
    yield first, second
    first.close()
    second.close()


def _login(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1, name="Typfall")).to_be_visible()


def _add_task_link(page: Page, step: str) -> Locator:
    # Chromium names the link "Lägg till en arbetsuppgift : Steg" (the hidden part is a box).
    return page.get_by_role("link", name=re.compile(rf"^Lägg till en arbetsuppgift\s*: {step}$"))


def _save(page: Page, button: str, *, last: bool) -> None:
    page.get_by_role("button", name=button if last else "Spara och lägg till en till").click()
    expect(page.locator(".message-success")).to_be_visible()


def _fill_task(page: Page, task: tuple[Any, ...]) -> None:
    step, org, name, category, exchange, occasions, people = task
    page.locator("input[name=name]").fill(name)
    page.locator("select[name=step]").select_option(label=step)
    page.locator("select[name=org]").select_option(label=org)
    page.locator("select[name=category]").select_option(category)
    page.locator("input[name=exchange]").fill(exchange)
    page.locator("input[name=occasions]").fill(occasions)
    for index in range(3):  # rows left from the task before are emptied
        page.locator(f"select[name=p-{index}-role]").select_option("")
        page.locator(f"input[name=p-{index}-minutes]").fill("")
    for index, (role, minutes, count) in enumerate(people):
        page.locator(f"select[name=p-{index}-role]").select_option(label=role)
        page.locator(f"input[name=p-{index}-minutes]").fill(minutes)
        page.locator(f"input[name=p-{index}-people]").fill(count)


def test_sara_is_built_from_nothing_in_forms_by_two_at_once(
        live_server: Any, contexts: tuple[BrowserContext, BrowserContext], mapper: User,
        tmp_path: Path) -> None:
    base = live_server.url
    loads = Loads()
    page = loads.watch(contexts[0].new_page())
    seen: list[str] = []
    page.on("load", lambda p: seen.append(p.url))
    _login(page, base, "kartlaggare")
    page.get_by_role("link", name="Nytt typfall").click()
    page.get_by_label("Typfallets namn").fill("Sara 14 år, hög skolfrånvaro")
    page.get_by_role("button", name="Skapa typfallet").click()
    expect(page.get_by_role("heading", level=1, name="Sara 14 år, hög skolfrånvaro")
           ).to_be_visible()
    # Each kind of element in one run of forms: "Spara och lägg till en till", then the last
    # one with the form's own button back to the editor.
    page.get_by_role("link", name="Lägg till en organisation").click()
    for index, (name, group) in enumerate((("Skolan", "school"),
                                           ("Socialtjänsten", "social_services"))):
        page.get_by_label("Organisationens namn").fill(name)
        page.locator("select[name=group]").select_option(group)
        _save(page, "Lägg till organisationen", last=index == 1)
    page.get_by_role("link", name="Lägg till en yrkesgrupp").click()
    for index, (name, cost) in enumerate(ROLES):
        page.get_by_label("Yrkesgruppens namn").fill(name)
        page.get_by_label("Månadskostnad i kronor").fill(cost)
        _save(page, "Lägg till yrkesgruppen", last=index == len(ROLES) - 1)
    page.get_by_role("link", name="Lägg till ett steg").click()
    for index, (name, weeks) in enumerate(STEPS):
        page.get_by_label("Stegets namn").fill(name)
        page.get_by_label("Veckor").fill(weeks)
        _save(page, "Lägg till steget", last=index == len(STEPS) - 1)
    # A mistake on the way: negative minutes are refused in the user's words, input kept.
    _add_task_link(page, "Orosanmälan").click()
    _fill_task(page, TASKS[0][:6] + ([("Rektor", "-60", "1")],))
    page.get_by_role("button", name="Lägg till arbetsuppgiften").click()
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.locator(".error-summary")).to_contain_text("Minuter kan inte vara negativa")
    expect(page.locator("input[name=name]")).to_have_value(TASKS[0][2])
    for index, task in enumerate(TASKS):
        _fill_task(page, task)  # the step is chosen in the form
        _save(page, "Lägg till arbetsuppgiften", last=index == len(TASKS) - 1)

    record = CaseRecord.objects.get(name="Sara 14 år, hög skolfrånvaro")
    case = record.to_case()
    assert (len(case.organisations), len(case.roles), len(case.steps), len(case.tasks)) == (
        2, 4, 3, 7)
    # The occasion was written by name; its id is made from the name.
    assert [(e.id, e.name) for e in case.named_exchanges] == [("natverksmote", "Nätverksmöte")]

    # Two colleagues open two different tasks and save at the same moment: both are kept.
    colleague = loads.watch(contexts[1].new_page())
    _login(colleague, base, "kollega")
    first, second = case.steps[0].tasks[0], case.steps[2].tasks[0]
    page.goto(f"{base}/typfall/{record.pk}/uppgift/{first.id}/redigera/")
    colleague.goto(f"{base}/typfall/{record.pk}/uppgift/{second.id}/redigera/")
    page.locator("input[name=p-0-minutes]").fill("75")
    colleague.locator("input[name=p-0-minutes]").fill("40")
    page.get_by_role("button", name="Spara arbetsuppgiften").click(no_wait_after=True)
    colleague.get_by_role("button", name="Spara arbetsuppgiften").click()
    expect(page.locator(".message-success")).to_be_visible()
    expect(colleague.locator(".message-success")).to_be_visible()
    saved = CaseRecord.objects.get(pk=record.pk).to_case()
    by_id = {t.id: t for t in saved.tasks}
    assert by_id[first.id].participants[0].minutes == 75
    assert by_id[second.id].participants[0].minutes == 40

    # The results page against the command line on the exported case.
    response = page.request.get(f"{base}/typfall/{record.pk}/export.yaml")
    exported = tmp_path / "sara.yaml"
    exported.write_bytes(response.body())
    cli = subprocess.run([sys.executable, "-m", "samverkan", "cost", str(exported),
                          "--format", "json"], capture_output=True, text=True, check=True)
    total = json.loads(cli.stdout)["total"]["cost"]
    page.goto(f"{base}/typfall/{record.pk}/")
    expect(page.locator("#total-cost")).to_have_text(kronor(total, "sv"))
    assert not any("/yaml/" in url for url in seen), "the YAML view was opened"
    print(f"\nSara built in forms with {loads.count} page loads (both browsers, "
          f"one refused entry included)")


def test_axe_on_every_editor_page_in_swedish_and_english(
        live_server: Any, contexts: tuple[BrowserContext, BrowserContext],
        mapper: User) -> None:
    base = live_server.url
    organisation = Organisation.objects.get()
    Membership.objects.filter(user=mapper).update(role=Role.ADMIN)
    lucas = actions.create_case(organisation=organisation, user=mapper,
                                case=load_case(EXAMPLES / "lucas.yaml"))
    archived = actions.create_case(organisation=organisation, user=mapper,
                                   case=load_case(EXAMPLES / "lucas-samverkan.yaml"))
    actions.set_archived(record=archived, user=mapper, archived=True)
    page = contexts[0].new_page()
    _login(page, base, "kartlaggare")
    case = f"/typfall/{lucas.pk}"
    urls = [f"{case}/redigera/", f"{case}/redigera/uppgifter/", f"{case}/ny-organisation/",
            f"{case}/organisation/skola_a/", f"{case}/ny-yrkesgrupp/",
            f"{case}/yrkesgrupp/rektor/", f"{case}/nytt-steg/", f"{case}/steg/s1/",
            f"{case}/steg/s1/ta-bort/", f"{case}/steg/s1/ny-uppgift/",
            f"{case}/uppgift/s1-a-eht/redigera/", f"{case}/uppgift/s1-a-eht/ta-bort/",
            f"{case}/historik/", f"{case}/kopiera/", f"{case}/ta-bort/", "/arkiv/",
            f"{case}/redigera/yaml/"]
    found: dict[str, Any] = {}
    for language in ("sv", "en"):
        if language == "en":
            page.get_by_role("button", name="English").click()
            expect(page.locator("html")).to_have_attribute("lang", "en")
        for url in urls:
            page.goto(base + url)
            if violations := _axe_violations(page):
                found[f"{url} ({language})"] = violations
        # A page with errors: the summary takes focus and the page stays accessible.
        page.goto(f"{base}{case}/nytt-steg/")
        page.locator("input[name=weeks]").fill("-1")
        page.locator("form button[type=submit]").last.click()
        expect(page.locator(".error-summary")).to_be_focused()
        if violations := _axe_violations(page):
            found[f"step with errors ({language})"] = violations
    # A refused save: both versions side by side, the summary focused.
    page.goto(f"{base}{case}/uppgift/s1-a-eht/redigera/")

    def theirs(current: Case) -> Case:
        task = next(t for t in current.tasks if t.id == "s1-a-eht")
        return edits.replace_task(current, task.id, replace(task, name="Kollegans ändring"))

    actions.apply_edit(record=lucas, user=mapper, bases={}, edit=theirs)
    page.locator("input[name=name]").fill("Min ändring")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator(".conflict")).to_be_focused()
    expect(page.locator("#conflict-yours .differs")).to_contain_text("Min ändring")
    if violations := _axe_violations(page):
        found["conflict (en)"] = violations
    assert found == {}
