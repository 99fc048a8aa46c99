"""Excel both ways: the blank template, a filled one uploaded onto a case with its preview.

Kronor are worked out here from the social worker's monthly cost (52 000 kr, 165 hours), not
read from the product: 52 000 / 165 / 60 kr a minute.
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from samverkan.formats.excel_template import MAPPING_SHEET, read_template, write_template
from samverkan.model import Case, Participant, Task
from samverkan.reports.labels import kronor
from samverkan.web.cases import actions
from samverkan.web.cases.models import CaseRecord
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db

PER_MINUTE = 52000 / 165 / 60  # socialsekreterare


def _edit_task(case: Case, task_id: str, **changes: object) -> Case:
    return replace(case, steps=tuple(
        replace(s, tasks=tuple(replace(t, **changes) if t.id == task_id else t  # type: ignore[arg-type]
                               for t in s.tasks))
        for s in case.steps))


def _without_task(case: Case, task_id: str) -> Case:
    return replace(case, steps=tuple(
        replace(s, tasks=tuple(t for t in s.tasks if t.id != task_id)) for s in case.steps))


def _with_task(case: Case, step_id: str, task: Task) -> Case:
    return replace(case, steps=tuple(
        replace(s, tasks=(*s.tasks, task)) if s.id == step_id else s for s in case.steps))


HOME_VISIT = Task("s4-soc-hembesok", "soc", "Hembesök", occasions=2,
                  participants=(Participant("socialsekreterare", minutes=60, people=2),))


def _filled_template(client: Client, record: CaseRecord, tmp_path: Path) -> Path:
    """The case downloaded as a filled template, changed as a person would in Excel."""
    response = client.get(reverse("cases:export", args=[record.pk, "xlsx"]))
    path = tmp_path / "lucas.xlsx"
    path.write_bytes(response.content)
    case = read_template(path)
    assert case == record.to_case()
    case = _edit_task(case, "s4-soc-barnsamtal",
                      participants=(Participant("socialsekreterare", minutes=120),))
    case = _with_task(_without_task(case, "s4-soc-farmor"), "s4", HOME_VISIT)
    write_template(path, case)
    return path


def _upload(client: Client, record: CaseRecord, path: Path):  # type: ignore[no-untyped-def]
    """Upload the file; a readable one leads to its preview, a page of its own."""
    return client.post(reverse("cases:upload", args=[record.pk]), {
        "file": SimpleUploadedFile(path.name, path.read_bytes())}, follow=True)


def _token(html: str) -> str:
    marker = 'name="token" value="'
    return html[html.index(marker) + len(marker):].split('"', 1)[0]


def test_the_blank_template_is_linked_from_import_and_new_case(owner: User) -> None:
    client = client_for(owner)
    for page in ("cases:import", "cases:new"):
        html = client.get(reverse(page)).content.decode()
        assert f'href="{reverse("cases:template")}"' in html
    response = client.get(reverse("cases:template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    headers = [c.value for c in book[MAPPING_SHEET][1]]
    assert "Vad görs? / What is done?" in headers


def test_preview_lists_the_changes_and_writes_nothing_until_confirmed(
        owner: User, lucas_record: CaseRecord, tmp_path: Path) -> None:
    client = client_for(owner)
    path = _filled_template(client, lucas_record, tmp_path)
    before = CaseRecord.objects.get(pk=lucas_record.pk)
    response = _upload(client, lucas_record, path)
    html = response.content.decode()
    assert response.status_code == 200
    after_preview = CaseRecord.objects.get(pk=lucas_record.pk)
    assert (after_preview.version, after_preview.data) == (before.version, before.data)

    added = 2 * 2 * 60  # two social workers, two occasions of an hour
    assert (f"Uppgiften Hembesök (Socialtjänsten, Utredningsprocessen) lades till "
            f"({added} min, {kronor(added * PER_MINUTE)})") in html
    assert (f"Uppgiften Referentsamtal med farmor (Socialtjänsten, Utredningsprocessen) togs "
            f"bort (90 min, {kronor(90 * PER_MINUTE)})") in html
    assert ("Socialsekreterare i Samtal med Lucas (Socialtjänsten, Utredningsprocessen): "
            f"90 → 120 min, +{kronor(30 * PER_MINUTE)}") in html
    # Per organisation: only social services moves, by 30 − 90 + 240 minutes.
    totals = html[html.index('id="upload-totals"'):html.index("</table>", html.index(
        'id="upload-totals"'))]
    assert "Socialtjänsten" in totals and "Skola A" not in totals
    assert f"+{kronor(180 * PER_MINUTE)}" in totals and "+180" in totals

    response = client.post(reverse("cases:upload_confirm", args=[lucas_record.pk]),
                           {"token": _token(html), "action": "apply"})
    assert response.status_code == 302
    stored = CaseRecord.objects.get(pk=lucas_record.pk)
    assert stored.version == before.version + 1
    assert stored.to_case() == read_template(path)


def test_a_colleagues_edit_to_another_task_since_the_preview_is_kept(
        owner: User, lucas_record: CaseRecord, tmp_path: Path) -> None:
    client = client_for(owner)
    path = _filled_template(client, lucas_record, tmp_path)
    html = _upload(client, lucas_record, path).content.decode()
    current = lucas_record.to_case()
    actions.save_case(record=lucas_record, user=owner, base_version=lucas_record.version,
                      case=_edit_task(current, "s2-soc-dok", name="Dokumentation"))
    response = client.post(reverse("cases:upload_confirm", args=[lucas_record.pk]),
                           {"token": _token(html), "action": "apply"})
    assert response.status_code == 302
    tasks = {t.id: t for t in CaseRecord.objects.get(pk=lucas_record.pk).to_case().tasks}
    assert tasks["s2-soc-dok"].name == "Dokumentation"
    assert tasks["s4-soc-barnsamtal"].participants[0].minutes == 120
    assert "s4-soc-hembesok" in tasks and "s4-soc-farmor" not in tasks


def test_a_colleagues_edit_to_the_same_task_since_the_preview_is_refused(
        owner: User, lucas_record: CaseRecord, tmp_path: Path) -> None:
    client = client_for(owner)
    path = _filled_template(client, lucas_record, tmp_path)
    html = _upload(client, lucas_record, path).content.decode()
    colleague = _edit_task(lucas_record.to_case(), "s4-soc-barnsamtal",
                           participants=(Participant("socialsekreterare", minutes=75),))
    saved = actions.save_case(record=lucas_record, user=owner,
                              base_version=lucas_record.version, case=colleague)
    response = client.post(reverse("cases:upload_confirm", args=[lucas_record.pk]),
                           {"token": _token(html), "action": "apply"})
    text = response.content.decode()
    assert response.status_code == 409
    assert 'id="upload-conflict"' in text
    assert "Samtal med Lucas (Socialtjänsten, Utredningsprocessen)" in text
    stored = CaseRecord.objects.get(pk=lucas_record.pk)
    assert (stored.version, stored.to_case()) == (saved.version, colleague)

    # Seen again against the case as it is now, the file's 120 minutes replace the 75.
    response = client.post(reverse("cases:upload_confirm", args=[lucas_record.pk]),
                           {"token": _token(text), "action": "refresh"})
    again = response.content.decode()
    assert response.status_code == 200
    assert f"75 → 120 min, +{kronor(45 * PER_MINUTE)}" in again
    response = client.post(reverse("cases:upload_confirm", args=[lucas_record.pk]),
                           {"token": _token(again), "action": "apply"})
    assert response.status_code == 302
    assert CaseRecord.objects.get(pk=lucas_record.pk).to_case() == read_template(path)


def test_a_bad_file_lists_its_problems_and_a_viewer_cannot_upload(
        owner: User, viewer: User, lucas_record: CaseRecord, tmp_path: Path) -> None:
    client = client_for(owner)
    path = _filled_template(client, lucas_record, tmp_path)
    book = openpyxl.load_workbook(path)
    book[MAPPING_SHEET]["L2"] = -10
    book.save(path)
    response = _upload(client, lucas_record, path)
    html = response.content.decode()
    assert response.status_code == 200 and 'id="upload-problems"' in html
    assert "får inte vara negativ" in html or "negativ" in html
    assert CaseRecord.objects.get(pk=lucas_record.pk).version == lucas_record.version
    assert client_for(viewer).get(reverse("cases:upload", args=[lucas_record.pk])
                                  ).status_code == 403


def test_a_file_that_changes_nothing_says_so_and_offers_no_save(
        owner: User, lucas_record: CaseRecord) -> None:
    client = client_for(owner)
    exported = client.get(reverse("cases:export", args=[lucas_record.pk, "xlsx"])).content
    response = client.post(reverse("cases:upload", args=[lucas_record.pk]), {
        "file": SimpleUploadedFile("lucas.xlsx", exported)}, follow=True)
    html = response.content.decode()
    assert 'id="no-changes"' in html and 'value="apply"' not in html
    assert CaseRecord.objects.get(pk=lucas_record.pk).version == lucas_record.version
