"""Identity numbers through the web: an upload, a name typed into any form, a case edited as
text. Each is refused with a message at its field; the page does not show the number (the
field comes back with it taken out), nothing is stored, the audit trail holds nothing of it,
and no log line carries it."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverkan.errors import IdentityNumberInTextError
from samverkan.formats.case_file import dump_case_text
from samverkan.formats.identity_numbers import holds_identity_number
from samverkan.web.accounts.models import Organisation
from samverkan.web.audit.models import Action, AuditEvent, Kind
from samverkan.web.audit.record import record_event
from samverkan.web.cases.models import CaseRecord, SalaryTable
from samverkan.web.followup.models import EventLogRecord
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db

CLASSIC = "19121212-1212"  # Skatteverket's test number
LOG = b"case_id,unit,event,timestamp\nc1,Norr,report_received,2024-01-01\n"


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    caplog.set_level(logging.DEBUG)
    yield caplog
    assert not holds_identity_number(caplog.text), "a log line holds an identity number"
    assert "1212" not in caplog.text


def _stored_text() -> str:
    """Every text the database keeps that a person could have typed, and the whole trail."""
    parts: list[Any] = []
    parts += list(EventLogRecord.objects.values_list("name", "source"))
    parts += list(CaseRecord.objects.values_list("name", "data"))
    parts += list(SalaryTable.objects.values_list("name", "roles"))
    parts += list(Organisation.objects.values_list("name", flat=True))
    parts += list(AuditEvent.objects.values_list("label", "before", "after"))
    return repr(parts)


def _assert_refused(response: Any, *, before: str) -> str:
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fel: " in html and "personnummer" in html.lower()
    assert not holds_identity_number(html) and "1212" not in html
    assert _stored_text() == before
    assert not holds_identity_number(_stored_text())
    return html


def _upload(client: Any, organisation: Organisation, file_name: str, content: bytes,
            name: str = "") -> Any:
    return client.post(reverse("followup:upload"), {
        "organisation": organisation.pk, "name": name,
        "file": SimpleUploadedFile(file_name, content),
    })


def test_an_upload_named_with_a_number_is_refused(
    school: Organisation, owner: User, logs: pytest.LogCaptureFixture
):
    before = _stored_text()
    html = _assert_refused(_upload(client_for(owner), school, f"Lucas {CLASSIC}.csv", LOG),
                           before=before)
    assert "Filnamnet" in html
    assert not EventLogRecord.objects.exists()
    assert not AuditEvent.objects.filter(kind=Kind.EVENT_LOG).exists()


@pytest.mark.parametrize("name", ["Barn 121212-1212 Väster", "Barn 121212\u00a01212 Väster",
                                  "Barn 1212\u00ad12\u20131212 Väster"])
def test_a_log_name_with_a_number_is_refused_and_given_back_without_it(
    school: Organisation, owner: User, logs: pytest.LogCaptureFixture, name: str
):
    before = _stored_text()
    html = _assert_refused(_upload(client_for(owner), school, "logg.csv", LOG, name=name),
                           before=before)
    assert 'value="Barn […] Väster"' in html
    assert not EventLogRecord.objects.exists()


@pytest.mark.parametrize(("file_name", "content"), [
    ("header.csv", f"case_id,unit,event,timestamp,{CLASSIC}\nc1,Norr,report_received,"
                   "2024-01-01,x\n".encode()),
    ("row.csv", f"case_id,unit,event,timestamp,row\nc1,Norr,report_received,2024-01-01,"
                f"{CLASSIC}\n".encode()),
    ("row.xes", ('<log xmlns="http://www.xes-standard.org/"><trace>'
                 '<string key="concept:name" value="c1"/><event>'
                 '<string key="concept:name" value="report_received"/>'
                 f'<string key="unit" value="Norr"/><string key="" value="{CLASSIC}"/>'
                 '<string key="row" value="x"/>'
                 '<date key="time:timestamp" value="2024-01-01T00:00:00"/></event></trace></log>'
                 ).encode()),
])
def test_a_log_holding_a_number_anywhere_is_refused_never_a_server_error(
    school: Organisation, owner: User, logs: pytest.LogCaptureFixture, file_name: str,
    content: bytes,
):
    before = _stored_text()
    _assert_refused(_upload(client_for(owner), school, file_name, content), before=before)
    assert not EventLogRecord.objects.exists()


def test_a_column_named_row_is_an_unknown_column_not_a_server_error(
    school: Organisation, owner: User, logs: pytest.LogCaptureFixture
):
    content = b"case_id,unit,event,timestamp,ROW\nc1,Norr,report_received,2024-01-01,x\n"
    response = _upload(client_for(owner), school, "row.csv", content)
    html = response.content.decode()
    assert response.status_code == 200 and "kolumn 5" in html
    assert "INT64" not in html and "Conversion" not in html
    assert not EventLogRecord.objects.exists()


def test_a_new_case_named_with_a_number_is_refused(
    school: Organisation, owner: User, logs: pytest.LogCaptureFixture
):
    before = _stored_text()
    html = _assert_refused(client_for(owner).post(reverse("cases:new"), {
        "organisation": school.pk, "name": f"Lucas {CLASSIC}"}), before=before)
    assert 'value="Lucas […]"' in html
    assert not CaseRecord.objects.exists()


def test_an_imported_case_holding_a_number_is_refused(
    school: Organisation, owner: User, lucas_record: CaseRecord,
    logs: pytest.LogCaptureFixture
):
    text = dump_case_text(lucas_record.to_case(), "yaml").replace(
        "Lucas 10 år", "Lucas 121212 1212", 1)
    before = _stored_text()
    _assert_refused(client_for(owner).post(reverse("cases:import"), {
        "organisation": school.pk, "file": SimpleUploadedFile("lucas.yaml", text.encode())}),
        before=before)
    # And an upload whose file name holds one, whatever its content.
    good = dump_case_text(lucas_record.to_case(), "yaml").encode()
    _assert_refused(client_for(owner).post(reverse("cases:import"), {
        "organisation": school.pk, "file": SimpleUploadedFile(f"{CLASSIC}.yaml", good)}),
        before=before)


def test_a_case_edited_as_text_keeps_everything_but_the_number(
    owner: User, lucas_record: CaseRecord, logs: pytest.LogCaptureFixture
):
    text = dump_case_text(lucas_record.to_case(), "yaml").replace(
        "Lucas 10 år", f"Lucas {CLASSIC} år", 1)
    before = _stored_text()
    html = _assert_refused(client_for(owner).post(
        reverse("cases:text", args=[lucas_record.pk]), {"text": text, "version": 1}),
        before=before)
    assert "Lucas […] år" in html
    lucas_record.refresh_from_db()
    assert lucas_record.version == 1


def test_step_task_copy_and_salary_names_are_refused(
    school: Organisation, owner: User, lucas_record: CaseRecord,
    logs: pytest.LogCaptureFixture
):
    from tests.web.test_web_cases import _task_post

    client = client_for(owner)
    before = _stored_text()
    _assert_refused(client.post(reverse("cases:step", args=[lucas_record.pk, "s1"]), {
        "name": f"Steg {CLASSIC}", "weeks": "4", "version": 1}), before=before)
    _assert_refused(client.post(
        reverse("cases:task_edit", args=[lucas_record.pk, "s1-a-franvaro"]),
        _task_post(lucas_record, "s1-a-franvaro", name="Samtal med 121212-1212")),
        before=before)
    _assert_refused(client.post(reverse("cases:duplicate", args=[lucas_record.pk]), {
        "name": "Kopia 121212 1212"}), before=before)
    _assert_refused(client.post(reverse("cases:salaries", args=[school.pk]), {
        "name": f"Löner {CLASSIC}", "text": "rektor; Rektor; 80000"}), before=before)
    _assert_refused(client.post(reverse("cases:salaries", args=[school.pk]), {
        "name": "Löner 2026", "text": "rektor; Rektor 121212-1212; 80000"}), before=before)
    lucas_record.refresh_from_db()
    assert lucas_record.version == 1 and CaseRecord.objects.count() == 1


def test_the_audit_trail_refuses_an_event_holding_a_number(school: Organisation, owner: User):
    with pytest.raises(IdentityNumberInTextError):
        record_event(organisation=school, user=owner, action=Action.CREATE,
                     kind=Kind.EVENT_LOG, object_id=1, label=f"Logg {CLASSIC}")
    with pytest.raises(IdentityNumberInTextError):
        record_event(organisation=school, user=owner, action=Action.CREATE,
                     kind=Kind.CASE, object_id=1, label="Lucas",
                     after={"data": {"steps": [{"name": "121212 1212"}]}})
    assert not AuditEvent.objects.exists()
