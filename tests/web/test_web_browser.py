"""The web application in a real browser (Debian's Chromium) against a live server.

Logs in, imports Lucas, opens the timeline, chooses a circle by mouse and by keyboard and
checks the figures against the model; axe-core checks every page for accessibility problems.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import axe_playwright_python
import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, Page, expect, sync_playwright

from samverkan.followup.synth import synthetic_log
from samverkan.formats.case_io import load_case
from samverkan.model import compare, compute
from samverkan.reports.labels import kronor, minutes_as_hours
from samverkan.web.accounts.models import Membership, Organisation, Role
from samverkan.web.cases import actions
from samverkan.web.cases.models import CaseRecord
from samverkan.web.followup import actions as followup_actions
from tests.web.conftest import EXAMPLES, PASSWORD, run_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
# The rules of WCAG 2.0 and 2.1, levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Playwright's synchronous API runs an event loop in this thread; Django's ORM would refuse to
# work under it, though the test's own queries are made between browser steps.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make setup installs it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def editor(db: None) -> User:
    organisation = Organisation.objects.create(name="Skola och socialtjänst")
    user = User.objects.create_user(username="redaktor", password=PASSWORD)
    Membership.objects.create(user=user, organisation=organisation, role=Role.EDITOR)
    return user


def _login(page: Page, base: str, username: str = "redaktor") -> None:
    page.goto(f"{base}/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1, name="Typfall")).to_be_visible()


def _axe_violations(page: Page) -> list[dict[str, Any]]:
    # Evaluated rather than added as a <script>: the page's CSP rightly refuses inline scripts.
    page.evaluate("source => { (0, eval)(source); }", AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    assert result["passes"], "axe ran no checks"
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]


def _import_lucas(page: Page, base: str) -> int:
    page.goto(f"{base}/typfall/importera/")
    page.get_by_label("Typfallsfil").set_input_files(str(EXAMPLES / "lucas.yaml"))
    page.get_by_role("button", name="Läs in").click()
    expect(page.get_by_role("heading", level=1, name="Lucas 10 år")).to_be_visible()
    return int(page.url.rstrip("/").split("/")[-1])


def _expect_task_figures(page: Page, record_id: int, task_id: str) -> None:
    result = compute(CaseRecord.objects.get(pk=record_id).to_case())
    figures = result.task(task_id).figures
    panel = page.locator("#task-detail")
    expect(panel.locator(f"[data-task='{task_id}']")).to_be_visible()
    expect(panel.locator(".task-cost")).to_have_text(kronor(figures.cost, "sv"))
    expect(panel.locator(".task-minutes")).to_have_text(minutes_as_hours(figures.minutes, "sv"))


def test_import_timeline_click_and_keyboard(live_server: Any, page: Page, editor: User) -> None:
    base = live_server.url
    _login(page, base)
    record_id = _import_lucas(page, base)
    page.get_by_role("navigation", name="Typfall").get_by_role("link", name="Tidslinje").click()
    expect(page.locator("svg.timeline")).to_be_visible()
    # By mouse: the circle opens its detail beside the timeline without leaving the page.
    page.locator("a.tl-task[data-task='s1-a-eht'] circle.tl-dot").click()
    _expect_task_figures(page, record_id, "s1-a-eht")
    assert page.url.endswith("/tidslinje/")
    # By keyboard: Tab reaches the circles, Enter opens the focused one, focus follows.
    page.locator("a.tl-task").first.focus()
    first = page.evaluate("document.activeElement.getAttribute('data-task')")
    page.keyboard.press("Tab")
    second = page.evaluate("document.activeElement.getAttribute('data-task')")
    assert second and second != first
    page.keyboard.press("Enter")
    _expect_task_figures(page, record_id, second)
    expect(page.locator("#task-detail-title")).to_be_focused()


def test_axe_finds_no_violations_on_any_page(live_server: Any, page: Page,
                                             editor: User) -> None:
    base = live_server.url
    organisation = Organisation.objects.get()
    lucas = actions.create_case(organisation=organisation, user=editor,
                                case=load_case(EXAMPLES / "lucas.yaml"))
    variant = actions.create_case(organisation=organisation, user=editor,
                                  case=load_case(EXAMPLES / "lucas-samverkan.yaml"))
    followup_log = followup_actions.store_event_log(
        organisation=organisation, user=editor, name="Syntetisk logg", source="synth.csv",
        log=synthetic_log(cases=3000, units=6, seed=5),
    )
    run_worker()  # its protection, as `samverkan worker` works it out
    page.goto(f"{base}/logga-in/")
    assert _axe_violations(page) == [], "login"
    # The check can fail: an image without a text alternative is found.
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert "image-alt" in {v["id"] for v in _axe_violations(page)}
    page.goto(f"{base}/tillganglighet/")
    assert _axe_violations(page) == [], "accessibility statement"
    _login(page, base)
    urls = [
        "/", "/typfall/nytt/", "/typfall/importera/",
        f"/typfall/{lucas.pk}/", f"/typfall/{lucas.pk}/?per_year=40",
        f"/typfall/{lucas.pk}/tidslinje/",
        f"/typfall/{lucas.pk}/uppgift/s1-a-eht/", f"/typfall/{lucas.pk}/redigera/",
        f"/typfall/{lucas.pk}/steg/s1/", f"/typfall/{lucas.pk}/kopiera/",
        f"/typfall/{lucas.pk}/uppgift/s1-a-eht/redigera/",
        f"/typfall/{lucas.pk}/delning/", "/jamforelse/",
        f"/jamforelse/?baseline={lucas.pk}&alternative={variant.pk}&per_year=40",
        f"/organisation/{organisation.pk}/lonetabeller/",
        f"/organisation/{organisation.pk}/medlemmar/", "/finns-inte/",
        "/uppfoljning/", "/uppfoljning/ny/", f"/uppfoljning/{followup_log.pk}/",
        f"/uppfoljning/{followup_log.pk}/?by=reporter&period=year",
        f"/uppfoljning/{followup_log.pk}/rapport.html",
        f"/typfall/{lucas.pk}/rapport.html?per_year=40",
        f"/jamforelse/rapport.html?baseline={lucas.pk}&alternative={variant.pk}",
        "/investering/",
        f"/investering/?baseline={lucas.pk}&alternatives={variant.pk}&per_year=40",
        f"/investering/rapport.html?baseline={lucas.pk}&alternatives={variant.pk}&per_year=40",
    ]
    found = {}
    for url in urls:
        page.goto(base + url)
        violations = _axe_violations(page)
        if violations:
            found[url] = violations
    # A page with errors: the error summary and the messages at each field.
    page.goto(f"{base}/typfall/importera/")
    page.get_by_role("button", name="Läs in").click()
    expect(page.locator(".error-summary")).to_be_focused()
    assert page.title().startswith("Fel: ")
    if violations := _axe_violations(page):
        found["import with errors"] = violations
    # The timeline with a task open, and the pages in English.
    page.goto(f"{base}/typfall/{lucas.pk}/tidslinje/")
    page.locator("a.tl-task circle.tl-dot").first.click()
    expect(page.locator("#task-detail dl")).to_be_visible()
    if violations := _axe_violations(page):
        found["timeline with detail"] = violations
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    for url in ("/", f"/typfall/{lucas.pk}/", f"/typfall/{lucas.pk}/tidslinje/"):
        page.goto(base + url)
        if violations := _axe_violations(page):
            found[f"{url} (en)"] = violations
    assert found == {}


def test_demo_walkthrough_in_swedish_then_english(live_server: Any, page: Page) -> None:
    from samverkan.web.demo import DEMO_USER, load_demo

    password = load_demo()
    base = live_server.url
    page.goto(f"{base}/")
    page.get_by_label("Användarnamn").fill(DEMO_USER)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    records = {r.name: r for r in CaseRecord.objects.all()}
    lucas = records["Lucas 10 år"]
    variant = records["Lucas 10 år – med tidig samverkan"]
    page.get_by_role("link", name="Lucas 10 år", exact=True).click()
    result = compute(lucas.to_case())
    expect(page.locator("#total-cost")).to_have_text(kronor(result.total.cost, "sv"))
    page.get_by_role("link", name="Jämför").first.click()
    page.get_by_label("Utgångsläge").select_option(str(lucas.pk))
    for box in page.get_by_role("checkbox").all():
        box.uncheck()
    page.get_by_label(f"{variant.name} ({variant.organisation.name})").check()
    page.get_by_role("button", name="Jämför").click()
    comparison = compare(result, compute(variant.to_case()))
    expect(page.locator("#gain")).to_contain_text(
        kronor(abs(comparison.gain), "sv").replace("−", "")
    )
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare ways of working")
    expect(page.locator("#gain")).to_contain_text(kronor(abs(comparison.gain), "en"))


def test_step_is_edited_inline(live_server: Any, page: Page, editor: User) -> None:
    organisation = Organisation.objects.get()
    record = actions.create_case(organisation=organisation, user=editor,
                                 case=load_case(EXAMPLES / "lucas.yaml"))
    base = live_server.url
    _login(page, base)
    page.goto(f"{base}/typfall/{record.pk}/redigera/")
    row = page.locator("#step-s1")
    row.get_by_role("link", name="Redigera steget").click()
    expect(page.locator("#step-s1").get_by_label("Namn")).to_be_focused()
    weeks = page.locator("#step-s1").get_by_label("Veckor")
    assert page.url.endswith("/redigera/")  # still the same page: the row became a form
    weeks.fill("5")
    page.locator("#step-s1").get_by_role("button", name="Spara steget").click()
    expect(page.locator("#step-s1 .saved")).to_have_text("Sparat")
    expect(page.locator("#step-s1 td").first).to_have_text("5 veckor")
    expect(page.locator("#step-s1").get_by_role("link", name="Redigera steget")).to_be_focused()
    record.refresh_from_db()
    assert record.version == 2 and record.to_case().steps[0].weeks == 5


def test_a_large_log_upload_shows_its_progress_then_the_answer(live_server: Any, page: Page,
                                                               editor: User,
                                                               tmp_path: Path) -> None:
    from samverkan.formats.eventlog import write_event_log

    base = live_server.url
    log = tmp_path / "stor-logg.csv"
    write_event_log(synthetic_log(cases=20_000, units=6, seed=2), log)
    _login(page, base)
    # A slow line, so that the upload takes a few seconds as it would over a real network.
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 20, "downloadThroughput": -1,
        "uploadThroughput": log.stat().st_size / 3,
    })
    page.goto(f"{base}/uppfoljning/ny/")
    page.get_by_label("Händelselogg").set_input_files(str(log))
    page.get_by_role("button", name="Kontrollera och spara").click()
    status = page.get_by_role("status")
    expect(page.locator("progress#upload-progress-bar")).to_be_visible()
    expect(status).to_contain_text("Laddar upp")
    expect(page.get_by_role("button", name="Kontrollera och spara")).to_be_disabled()
    # The server's answer replaces the page, and the address is the log's own.
    expect(page.get_by_role("heading", level=1, name="stor-logg.csv")).to_be_visible(
        timeout=60_000)
    expect(page.get_by_text("Händelseloggen är kontrollerad och sparad.")).to_be_visible()
    assert "/uppfoljning/" in page.url and not page.url.endswith("/ny/")
    # A log with problems: the form comes back with every problem, the summary focused.
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    page.goto(f"{base}/uppfoljning/ny/")
    bad = tmp_path / "fel.csv"
    bad.write_text("case_id,unit,event,timestamp\nc1,Norr,okänd,2024-13-01\n", encoding="utf-8")
    page.get_by_label("Händelselogg").set_input_files(str(bad))
    page.get_by_role("button", name="Kontrollera och spara").click()
    expect(page.locator(".error-summary")).to_be_focused()
    assert page.title().startswith("Fel: ")
    expect(page.get_by_text("okänd händelse 'okänd'", exact=False)).to_be_visible()
