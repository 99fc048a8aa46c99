"""Cases through the web: import, errors, editing with optimistic locking, results, comparison."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from samverkan.errors import Place
from samverkan.formats.case_file import dump_case_text, parse_case_text
from samverkan.formats.case_io import load_case
from samverkan.formats.excel_template import read_template, write_template
from samverkan.model import compare, compute, exchange_occasions
from samverkan.model.edit import fingerprint
from samverkan.reports.labels import kronor, minutes_as_hours, percent
from samverkan.web.accounts.models import Organisation
from samverkan.web.audit.models import AuditEvent
from samverkan.web.cases.models import CaseRecord
from tests.web.conftest import EXAMPLES, FIXTURES, client_for

pytestmark = pytest.mark.django_db


def _upload(path: Path, name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def test_import_yaml_stores_the_case_data(owner: User, school: Organisation) -> None:
    response = client_for(owner).post(reverse("cases:import"), {
        "organisation": school.pk, "file": _upload(EXAMPLES / "lucas.yaml"),
    })
    record = CaseRecord.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:results", args=[record.pk])
    assert record.to_case() == load_case(EXAMPLES / "lucas.yaml")
    assert record.organisation == school and record.version == 1


def test_import_json_and_excel(owner: User, school: Organisation, tmp_path: Path) -> None:
    case = load_case(EXAMPLES / "lucas.yaml")
    json_file = SimpleUploadedFile("lucas.json", dump_case_text(case, "json").encode())
    write_template(tmp_path / "lucas.xlsx", case)
    client = client_for(owner)
    client.post(reverse("cases:import"), {"organisation": school.pk, "file": json_file})
    client.post(reverse("cases:import"), {"organisation": school.pk,
                                          "file": _upload(tmp_path / "lucas.xlsx")})
    records = list(CaseRecord.objects.order_by("id"))
    assert len(records) == 2
    assert records[0].to_case() == case
    assert records[1].to_case() == read_template(tmp_path / "lucas.xlsx")


def test_import_errors_are_listed_and_nothing_is_saved(owner: User, school: Organisation) -> None:
    response = client_for(owner).post(reverse("cases:import"), {
        "organisation": school.pk, "file": _upload(FIXTURES / "bad-case.yaml"),
    })
    page = response.content.decode()
    assert response.status_code == 200
    assert CaseRecord.objects.count() == 0
    assert page.count("<tr><td>") >= 3  # every problem, each in its own row
    assert "finns_inte" in page and "okand" in page
    assert "<title>Fel: " in page
    assert "data-focus" in page


def test_excel_errors_name_sheet_row_and_column(owner: User, school: Organisation,
                                               tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    write_template(path, load_case(EXAMPLES / "lucas.yaml"))
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[-1]
    sheet.cell(row=3, column=1).value = "inget-steg"
    book.save(path)
    with pytest.raises(Exception) as expected:  # what the importer itself says
        read_template(path)
    place = expected.value.problems[0].place  # type: ignore[attr-defined]
    response = client_for(owner).post(reverse("cases:import"), {
        "organisation": school.pk, "file": _upload(path),
    })
    page = response.content.decode()
    assert CaseRecord.objects.count() == 0
    shown = Place(file="bad.xlsx", sheet=place.sheet, row=place.row, column=place.column)
    assert escape(shown.describe("sv")) in page
    assert str(tmp_path) not in page


def test_wrong_file_kind_is_refused(owner: User, school: Organisation) -> None:
    response = client_for(owner).post(reverse("cases:import"), {
        "organisation": school.pk, "file": SimpleUploadedFile("case.txt", b"x"),
    })
    assert "Fel: " in response.content.decode()
    assert CaseRecord.objects.count() == 0


def test_results_show_the_model_figures(owner: User, lucas_record: CaseRecord) -> None:
    result = compute(lucas_record.to_case())
    page = client_for(owner).get(reverse("cases:results", args=[lucas_record.pk])).content.decode()
    assert kronor(result.total.cost, "sv") in page
    for org in result.organisations.values():
        assert kronor(org.figures.cost, "sv") in page
        assert percent(org.figures.collaboration_share, "sv") in page
    for group in result.groups.values():
        assert kronor(group.figures.cost, "sv") in page
    assert percent(result.total.collaboration_share, "sv") in page
    assert len(exchange_occasions(result)) == 3
    assert "3 informationsutbyten" in page


def test_results_in_english_after_switching(owner: User, lucas_record: CaseRecord) -> None:
    client = client_for(owner)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    result = compute(lucas_record.to_case())
    page = client.get(reverse("cases:results", args=[lucas_record.pk])).content.decode()
    assert '<html lang="en">' in page
    assert "Time and cost per organisation" in page
    assert kronor(result.total.cost, "en") in page
    client.post(reverse("set_language"), {"language": "sv", "next": "/"})
    page = client.get(reverse("cases:results", args=[lucas_record.pk])).content.decode()
    assert '<html lang="sv">' in page and "Tid och kostnad per organisation" in page


def test_task_detail_figures(owner: User, lucas_record: CaseRecord) -> None:
    result = compute(lucas_record.to_case())
    task = result.task("s1-a-eht")
    url = reverse("cases:task", args=[lucas_record.pk, "s1-a-eht"])
    partial = client_for(owner).get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial
    assert kronor(task.figures.cost, "sv") in partial
    assert minutes_as_hours(task.figures.minutes, "sv") in partial
    for role_id in task.by_role:
        assert lucas_record.to_case().role(role_id).name in partial
    full = client_for(owner).get(url).content.decode()
    assert "<html" in full and kronor(task.figures.cost, "sv") in full
    missing = reverse("cases:task", args=[lucas_record.pk, "finns-inte"])
    assert client_for(owner).get(missing).status_code == 404


def test_timeline_has_a_circle_and_a_row_per_task(owner: User, lucas_record: CaseRecord) -> None:
    case = lucas_record.to_case()
    page = client_for(owner).get(reverse("cases:timeline", args=[lucas_record.pk])).content.decode()
    assert page.count('class="tl-dot"') == len(case.tasks)
    table = page.split('id="timeline-table"')[1]
    assert table.count("<tr>") == len(case.tasks) + 1


def test_edit_saves_a_new_version(owner: User, lucas_record: CaseRecord) -> None:
    text = dump_case_text(lucas_record.to_case(), "yaml").replace("Lucas 10 år", "Lucas 11 år", 1)
    response = client_for(owner).post(reverse("cases:text", args=[lucas_record.pk]),
                                      {"text": text, "version": 1})
    assert response.status_code == 302
    lucas_record.refresh_from_db()
    assert lucas_record.version == 2 and lucas_record.name == "Lucas 11 år"
    assert lucas_record.to_case() == parse_case_text(text)
    event = AuditEvent.objects.filter(object_id=str(lucas_record.pk), action="change").get()
    assert (event.before["version"], event.after["version"]) == (1, 2)
    page = client_for(owner).get(reverse("cases:history", args=[lucas_record.pk])).content.decode()
    history = page.split('id="versions"')[1].split("</table>")[0]
    assert "agare" in history and "namn ”Lucas 10 år” → ”Lucas 11 år”" in history


def test_edit_with_errors_saves_nothing(owner: User, lucas_record: CaseRecord) -> None:
    text = (FIXTURES / "bad-case.yaml").read_text(encoding="utf-8")
    response = client_for(owner).post(reverse("cases:text", args=[lucas_record.pk]),
                                      {"text": text, "version": 1})
    page = response.content.decode()
    assert "Fel: " in page and "finns_inte" in page
    assert "Trasigt typfall" in page  # the user's input is kept
    lucas_record.refresh_from_db()
    assert lucas_record.version == 1 and lucas_record.name == "Lucas 10 år"


def test_concurrent_edit_is_refused_and_both_changes_survive(
    owner: User, lucas_record: CaseRecord, school: Organisation
) -> None:
    original = dump_case_text(lucas_record.to_case(), "yaml")
    first = original.replace("Lucas 10 år", "Ändrad av den första", 1)
    second = original.replace("Lucas 10 år", "Ändrad av den andra", 1)
    client = client_for(owner)
    assert client.post(reverse("cases:text", args=[lucas_record.pk]),
                       {"text": first, "version": 1}).status_code == 302
    response = client.post(reverse("cases:text", args=[lucas_record.pk]),
                           {"text": second, "version": 1})
    page = response.content.decode()
    assert response.status_code == 409
    lucas_record.refresh_from_db()
    assert lucas_record.name == "Ändrad av den första" and lucas_record.version == 2
    assert "Ändrad av den andra" in page  # the refused edit, shown back to re-apply
    assert 'id="current-version"' in page and "Ändrad av den första" in page
    assert 'name="version" value="1"' in page


def test_step_edit_inline_and_stale(owner: User, lucas_record: CaseRecord) -> None:
    url = reverse("cases:step", args=[lucas_record.pk, "s1"])
    client = client_for(owner)
    form = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in form and 'name="weeks"' in form
    base = fingerprint(lucas_record.to_case(), ("step", "s1"))
    row = client.post(url, {"name": "Orosanmälan", "weeks": "5", "base": base},
                      HTTP_HX_REQUEST="true")
    assert row.status_code == 200 and 'id="step-s1"' in row.content.decode()
    assert "5 veckor" in row.content.decode()
    lucas_record.refresh_from_db()
    assert lucas_record.version == 2
    assert lucas_record.to_case().steps[0].weeks == 5
    stale = client.post(url, {"name": "X", "weeks": "1", "base": base})
    assert stale.status_code == 409
    assert "Orosanmälan" in stale.content.decode().split('id="conflict-theirs"')[1]
    lucas_record.refresh_from_db()
    assert lucas_record.to_case().steps[0].name == "Orosanmälan"
    new_base = fingerprint(lucas_record.to_case(), ("step", "s1"))
    bad = client.post(url, {"name": "X", "weeks": "-1", "base": new_base}).content.decode()
    assert "Fel: " in bad and "Veckor kan inte vara negativa" in bad
    one = client.post(url, {"name": "X", "weeks": "1", "base": new_base},
                      HTTP_HX_REQUEST="true").content.decode()
    assert "1 vecka<" in one

def test_duplicate_and_compare(owner: User, lucas_record: CaseRecord,
                               variant_record: CaseRecord) -> None:
    client = client_for(owner)
    response = client.post(reverse("cases:duplicate", args=[lucas_record.pk]),
                           {"name": "Lucas, kopia", "organisation": lucas_record.organisation_id})
    copy = CaseRecord.objects.get(name="Lucas, kopia")
    assert response.status_code == 302 and copy.data["steps"] == lucas_record.data["steps"]
    comparison = compare(compute(lucas_record.to_case()), compute(variant_record.to_case()))
    page = client.get(reverse("cases:compare"), {
        "baseline": lucas_record.pk, "alternative": variant_record.pk,
    }).content.decode()
    assert "Samverkansvinst" in page or "Alternativet kostar mer" in page
    shown = comparison.gain if comparison.gain >= 0 else comparison.total.cost
    assert kronor(shown, "sv") in page
    for by_org in comparison.by_step.values():
        for difference in by_org.values():
            assert kronor(difference.cost, "sv") in page


def test_exports_read_back(owner: User, lucas_record: CaseRecord, tmp_path: Path) -> None:
    client = client_for(owner)
    yaml_text = client.get(reverse("cases:export", args=[lucas_record.pk, "yaml"])).content
    assert parse_case_text(yaml_text.decode()) == lucas_record.to_case()
    xlsx = client.get(reverse("cases:export", args=[lucas_record.pk, "xlsx"])).content
    (tmp_path / "x.xlsx").write_bytes(xlsx)
    assert read_template(tmp_path / "x.xlsx") == lucas_record.to_case()
    assert client.get(reverse("cases:export", args=[lucas_record.pk, "pdf"])).status_code == 404
    assert io.BytesIO(xlsx).read(2) == b"PK"


def test_salary_table_applies_to_a_case(owner: User, lucas_record: CaseRecord,
                                        school: Organisation) -> None:
    client = client_for(owner)
    bad = client.post(reverse("cases:salaries", args=[school.pk]),
                      {"name": "2027", "text": "rektor; Rektor; mycket"})
    assert "Rad 1" in bad.content.decode()
    client.post(reverse("cases:salaries", args=[school.pk]),
                {"name": "2027", "text": "rektor; Rektor; 90 000\nokand; Okänd; 1"})
    table = school.salary_tables.get()
    response = client.post(reverse("cases:apply_salaries", args=[lucas_record.pk]),
                           {"table": table.pk, "version": 1})
    assert response.status_code == 302
    lucas_record.refresh_from_db()
    case = lucas_record.to_case()
    assert case.role("rektor").monthly_cost == 90000
    assert lucas_record.version == 2
    # The role the case lacked is added, and the page says which roles were added and changed.
    assert {r.id for r in case.roles} == {r.id for r in load_case(EXAMPLES / "lucas.yaml").roles
                                          } | {"okand"}
    page = client.get(reverse("cases:edit", args=[lucas_record.pk])).content.decode()
    assert "Okänd" in page and "Rektor" in page


def test_new_case_starts_valid(owner: User, school: Organisation) -> None:
    response = client_for(owner).post(reverse("cases:new"),
                                      {"organisation": school.pk, "name": "Mitt fall"})
    record = CaseRecord.objects.get(name="Mitt fall")
    assert response.status_code == 302
    assert record.to_case().name == "Mitt fall"


def test_unknown_page_is_the_custom_404(owner: User) -> None:
    response = client_for(owner).get("/finns/inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_swedish_whatever_the_browser_says(owner: User) -> None:
    page = client_for(owner).get(reverse("cases:index"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="sv">' in page.content.decode()


def _task_post(record: CaseRecord, task_id: str, **changes: object) -> dict[str, object]:
    task = next(t for t in record.to_case().tasks if t.id == task_id)
    post: dict[str, object] = {
        "name": task.name, "org": task.org, "category": task.category.value,
        "exchange": task.exchange or "", "occasions": task.occasions,
        "base": fingerprint(record.to_case(), ("task", task_id)),
        "step": next(st.id for st in record.to_case().steps if task in st.tasks),
        "p-TOTAL_FORMS": len(task.participants) + 1, "p-INITIAL_FORMS": len(task.participants),
        "p-MIN_NUM_FORMS": 0, "p-MAX_NUM_FORMS": 1000,
    }
    for i, p in enumerate(task.participants):
        post.update({f"p-{i}-role": p.role, f"p-{i}-minutes": p.minutes or "",
                     f"p-{i}-people": p.people, f"p-{i}-fte": p.fte or "",
                     f"p-{i}-weeks": p.weeks or ""})
    post.update(changes)
    return post


def test_task_editor_changes_participants(owner: User, lucas_record: CaseRecord) -> None:
    url = reverse("cases:task_edit", args=[lucas_record.pk, "s1-a-franvaro"])
    client = client_for(owner)
    assert 'name="p-0-minutes"' in client.get(url).content.decode()
    post = _task_post(lucas_record, "s1-a-franvaro", **{
        "p-0-minutes": "300", "p-2-role": "rektor", "p-2-minutes": "30",
    })
    assert client.post(url, post).status_code == 302
    lucas_record.refresh_from_db()
    task = next(t for t in lucas_record.to_case().tasks if t.id == "s1-a-franvaro")
    assert task.participants[0].minutes == 300
    assert task.participants[-1].role == "rektor" and task.participants[-1].minutes == 30
    assert lucas_record.version == 2


def test_task_editor_errors_and_stale_saves(owner: User, lucas_record: CaseRecord) -> None:
    url = reverse("cases:task_edit", args=[lucas_record.pk, "s1-a-franvaro"])
    client = client_for(owner)
    bad = client.post(url, _task_post(lucas_record, "s1-a-franvaro", **{"p-0-minutes": "-5"}))
    page = bad.content.decode()
    assert "Fel: " in page and "Minuter kan inte vara negativa" in page
    assert "participants[0]" not in page
    lucas_record.refresh_from_db()
    assert lucas_record.version == 1
    old = _task_post(lucas_record, "s1-a-franvaro", name="Först")
    assert client.post(url, old).status_code == 302
    stale = client.post(url, {**old, "name": "Sen"})
    assert stale.status_code == 409 and "Sen" in stale.content.decode()
    lucas_record.refresh_from_db()
    assert any(t.name == "Först" for t in lucas_record.to_case().tasks)


def test_add_and_remove_a_task(owner: User, lucas_record: CaseRecord) -> None:
    client = client_for(owner)
    before = len(lucas_record.to_case().tasks)
    url = reverse("cases:task_add", args=[lucas_record.pk, "s2"])
    assert 'name="p-0-role"' in client.get(url).content.decode()
    lucas_record.refresh_from_db()
    assert lucas_record.version == 1  # the blank form creates nothing
    post = {"name": "Hembesök", "step": "s2", "org": "soc", "category": "guardian",
            "exchange": "", "occasions": "2", "p-TOTAL_FORMS": 2, "p-INITIAL_FORMS": 0,
            "p-MIN_NUM_FORMS": 0, "p-MAX_NUM_FORMS": 1000, "p-0-role": "socialsekreterare",
            "p-0-minutes": "90", "p-0-people": "2"}
    assert client.post(url, post).status_code == 302
    lucas_record.refresh_from_db()
    case = lucas_record.to_case()
    assert len(case.tasks) == before + 1
    added = case.steps[1].tasks[-1]
    assert (added.name, added.occasions, added.participants[0].people) == ("Hembesök", 2, 2)
    delete = reverse("cases:task_delete", args=[lucas_record.pk, added.id])
    assert "Hembesök" in client.get(delete).content.decode()
    base = fingerprint(case, ("task", added.id))
    assert client.post(delete, {"base": base}).status_code == 302
    lucas_record.refresh_from_db()
    assert len(lucas_record.to_case().tasks) == before

def test_a_failure_shows_the_error_page_without_a_traceback(
    owner: User, lucas_record: CaseRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(case: object) -> None:
        raise RuntimeError("internal detail")

    monkeypatch.setattr("samverkan.reports.analysis.compute", broken)
    client = client_for(owner)
    client.raise_request_exception = False
    response = client.get(reverse("cases:results", args=[lucas_record.pk]))
    page = response.content.decode()
    assert response.status_code == 500
    assert "Tekniskt fel" in page and "Technical error" in page
    assert "internal detail" not in page and "Traceback" not in page
