"""The name of a file uploaded onto a case: refused with an identity number, cleaned and
shortened before it is shown, kept in the session or written into the history and audit trail."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from samverkan.web.audit.models import AuditEvent
from samverkan.web.cases.models import CaseRecord, CaseVersion
from samverkan.web.cases.reimport import keep_pending
from samverkan.web.file_names import MAX_SHOWN_FILE_NAME, shown_file_name
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db

NUMBER = "19121212-1212"  # a valid number: date 1912-12-12, Luhn check digit 2


def _changed_yaml(client: Client, record: CaseRecord) -> bytes:
    text = client.get(reverse("cases:export", args=[record.pk, "yaml"])).content.decode()
    assert "minutes: 60" in text
    return text.replace("minutes: 60", "minutes: 64", 1).encode()


def _upload(client: Client, record: CaseRecord, name: str, body: bytes):  # type: ignore[no-untyped-def]
    return client.post(reverse("cases:upload", args=[record.pk]),
                       {"file": SimpleUploadedFile(name, body, "application/x-yaml")}, follow=True)


def _token(html: str) -> str:
    marker = 'name="token" value="'
    return html[html.index(marker) + len(marker):].split('"', 1)[0]


def _audit_text(event: AuditEvent) -> str:
    return f"{event.label} {event.before} {event.after}"


def _sessions_text() -> str:
    return " ".join(str(s.get_decoded()) for s in Session.objects.all())


@pytest.mark.parametrize("name", [f"Lucas {NUMBER}.yaml", "Lucas 121212\u00a01212.yaml"])
def test_a_file_name_with_an_identity_number_is_refused_and_nothing_kept(
        owner: User, lucas_record: CaseRecord, name: str) -> None:
    client = client_for(owner)
    response = _upload(client, lucas_record, name, _changed_yaml(client, lucas_record))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Filnamnet innehåller ett personnummer" in html
    assert 'name="token"' not in html  # no preview
    assert NUMBER not in html and "121212\u00a01212" not in html
    assert "case_uploads" not in _sessions_text()
    assert CaseRecord.objects.get(pk=lucas_record.pk).version == lucas_record.version


def test_a_pending_upload_kept_with_a_numbered_name_confirms_without_it(
        owner: User, lucas_record: CaseRecord) -> None:
    """A preview kept before names were refused: confirm saves and shows no number."""
    client = client_for(owner)
    body = _changed_yaml(client, lucas_record)
    html = _upload(client, lucas_record, "lucas.yaml", body).content.decode()
    session = client.session
    kept = session["case_uploads"][str(lucas_record.pk)]
    kept["file"] = f"Lucas {NUMBER}.yaml"
    session.save()
    preview = client.get(reverse("cases:upload_preview", args=[lucas_record.pk]))
    assert NUMBER not in preview.content.decode()
    response = client.post(reverse("cases:upload_confirm", args=[lucas_record.pk]),
                           {"token": _token(html), "action": "apply"}, follow=True)
    assert response.status_code == 200
    assert NUMBER not in response.content.decode()
    assert "Ändringarna från den uppladdade filen sparades." in response.content.decode()
    stored = CaseRecord.objects.get(pk=lucas_record.pk)
    assert stored.version == lucas_record.version + 1
    summaries = [v.summary for v in CaseVersion.objects.all()]
    summaries += [_audit_text(e) for e in AuditEvent.objects.all()]
    assert not any("1212" in s for s in summaries)


def test_names_in_the_history_and_audit_trail_are_cleaned_and_shortened(
        owner: User, lucas_record: CaseRecord) -> None:
    client = client_for(owner)
    body = _changed_yaml(client, lucas_record)
    long_name = "a" * 300 + ".yaml"
    html = _upload(client, lucas_record, "Plan\u202e\u0007 2026.yaml", body).content.decode()
    assert "Plan 2026.yaml" in html
    client.post(reverse("cases:upload_confirm", args=[lucas_record.pk]),
                {"token": _token(html), "action": "apply"})
    html = _upload(client, lucas_record, long_name,
                   _changed_yaml(client, lucas_record).replace(b"minutes: 64", b"minutes: 66", 1)
                   ).content.decode()
    client.post(reverse("cases:upload_confirm", args=[lucas_record.pk]),
                {"token": _token(html), "action": "apply"})
    versions = list(CaseVersion.objects.filter(case=lucas_record).order_by("number"))
    assert versions[-2].summary == "uppladdad fil Plan 2026.yaml"
    latest = versions[-1].summary
    assert latest == "uppladdad fil " + "a" * (MAX_SHOWN_FILE_NAME - 1) + "…"
    audits = [_audit_text(e) for e in AuditEvent.objects.all()]
    assert any("uppladdad fil Plan 2026.yaml" in s for s in audits)
    assert all("\u202e" not in s and "\u0007" not in s and "a" * 100 not in s for s in audits)


def test_shown_file_name() -> None:
    assert shown_file_name(f"Barn {NUMBER}.xlsx") == ""
    assert shown_file_name("  två\tord\u200b .yaml ") == "två ord .yaml"
    assert shown_file_name("<img src=x>.yaml") == "<img src=x>.yaml"  # escaped where shown
    assert len(shown_file_name("b" * 500)) == MAX_SHOWN_FILE_NAME


def test_keep_pending_keeps_only_the_cleaned_name(lucas_record: CaseRecord) -> None:
    from django.contrib.sessions.backends.db import SessionStore
    session = SessionStore()
    case = lucas_record.to_case()
    pending = keep_pending(session, record=lucas_record, file_name=f"x {NUMBER}\u0001.yaml",
                           base=case, upload=case)
    assert pending.file_name == ""
    assert NUMBER not in str(session["case_uploads"])
