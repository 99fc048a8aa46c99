"""Follow-up pages: upload with every problem named and nothing kept, indicator tables with
small counts hidden, downloads, and a log seen by its own organisation only."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from samverkan.followup.indicators import compute_indicators
from samverkan.followup.synth import synthetic_log
from samverkan.formats.eventlog import write_event_log
from samverkan.web.accounts.models import Organisation
from samverkan.web.followup.models import EventLogRecord
from tests.web.conftest import EVENTLOGS, client_for, run_worker, stored_log

pytestmark = pytest.mark.django_db


def _upload(client, organisation: Organisation, name: str, content: bytes):
    return client.post(reverse("followup:upload"), {
        "organisation": organisation.pk, "name": "",
        "file": SimpleUploadedFile(name, content),
    })


def test_an_uploaded_log_is_checked_saved_and_shown(school: Organisation, owner: User):
    client = client_for(owner)
    response = _upload(client, school, "hand.csv", (EVENTLOGS / "hand.csv").read_bytes())
    record = EventLogRecord.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{record.pk}/")
    assert (record.events, record.cases, record.units) == (35, 9, 2)
    # Shown only once the background worker has protected it.
    html = client.get(reverse("followup:log", args=[record.pk])).content.decode()
    assert "Skyddar små tal" in html and "Hela kommunen" not in html
    run_worker()
    page = client.get(reverse("followup:log", args=[record.pk]), {"period": "year"})
    html = page.content.decode()
    assert "Förhandsbedömning inom 14 dagar" in html and "Hela kommunen" in html
    # Norr's six reports in 2024 are shown; its three school reports only as "<5".
    assert ">6<" in html and "&lt;5" in html


def test_a_log_with_problems_lists_them_and_keeps_nothing(school: Organisation, owner: User):
    response = _upload(client_for(owner), school, "errors.csv",
                       (EVENTLOGS / "errors.csv").read_bytes())
    html = response.content.decode()
    assert response.status_code == 200
    assert "rad 2, kolumn event" in html and "okänd händelse" in html
    assert "Ingenting har sparats" in html
    assert not EventLogRecord.objects.exists()


def test_a_log_with_an_identity_number_is_refused_without_showing_it(
    school: Organisation, owner: User
):
    content = b"case_id,unit,event,timestamp\n201701012393,Norr,report_received,2024-01-01\n"
    response = _upload(client_for(owner), school, "log.csv", content)
    html = response.content.decode()
    assert "personnummer" in html and "201701012393" not in html
    assert not EventLogRecord.objects.exists()


def test_downloads_hold_only_suppressed_figures(school: Organisation, owner: User):
    record = stored_log(school, owner)
    client = client_for(owner)
    data = json.loads(client.get(
        reverse("followup:download", args=[record.pk, "json"]), {"period": "year"}
    ).content)
    cells = [c for p in data["periods"] for i in p["indicators"]
             for c in [*i["groups"].values(), i["total"]]]
    assert any(c["status"] == "small" for c in cells)
    assert all("value" not in c for c in cells if c["status"] != "value")
    workbook = client.get(reverse("followup:download", args=[record.pk, "xlsx"]))
    sheet = load_workbook(BytesIO(workbook.content)).worksheets[0]
    assert sheet["A1"].value == "Period"
    assert client.get(reverse("followup:download", args=[record.pk, "csv"])).status_code == 404


def test_a_synthetic_log_shows_charts_and_the_spread(school: Organisation, owner: User,
                                                     tmp_path: Path):
    path = tmp_path / "synth.csv"
    write_event_log(synthetic_log(cases=4000, units=5, seed=3), path)
    response = _upload(client_for(owner), school, "synth.csv", path.read_bytes())
    record = EventLogRecord.objects.get()
    assert response.status_code == 302
    run_worker()
    html = client_for(owner).get(reverse("followup:log", args=[record.pk])).content.decode()
    assert html.count("<svg") == 6 and 'role="img"' in html  # across units, over time
    assert "Spridning" in html
    # The last period still has open cases within their limits, and the page says so.
    periods = compute_indicators(record.to_log()).periods
    assert f"Några ärenden från {periods[-1]} är ännu inom sin tidsgräns" in html
    settled = client_for(owner).get(reverse("followup:log", args=[record.pk]),
                                    {"show": periods[0]}).content.decode()
    assert "är ännu inom sin tidsgräns" not in settled


def test_viewers_read_but_may_not_upload_or_delete(school: Organisation, owner: User,
                                                   viewer: User):
    record = stored_log(school, owner)
    client = client_for(viewer)
    assert client.get(reverse("followup:log", args=[record.pk])).status_code == 200
    assert client.get(reverse("followup:upload")).status_code == 403
    assert client.post(reverse("followup:delete", args=[record.pk])).status_code == 403
    assert EventLogRecord.objects.filter(pk=record.pk).exists()
    client_for(owner).post(reverse("followup:delete", args=[record.pk]))
    assert not EventLogRecord.objects.exists()


def test_the_report_for_decision_makers_as_a_page_and_pdf(school: Organisation, owner: User,
                                                         viewer: User):
    record = stored_log(school, owner)
    client = client_for(viewer)
    log_page = client.get(reverse("followup:log", args=[record.pk]), {"period": "year"})
    report_url = reverse("followup:report", args=[record.pk, "html"])
    assert f'href="{report_url}?period=year"' in log_page.content.decode()
    page = client.get(report_url, {"period": "year"})
    text = page.content.decode()
    assert page.status_code == 200 and "Uppföljning av orosanmälningar" in text
    assert "Indikatorer per enhet och hela kommunen, 2024" in text and "&lt;5" in text
    assert "<script" not in text and "style-src 'self' 'unsafe-inline'" in (
        page["Content-Security-Policy"])
    pdf = client.get(reverse("followup:report", args=[record.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF") and "attachment" in pdf["Content-Disposition"]
    assert client.get(reverse("followup:report", args=[record.pk, "doc"])).status_code == 404


def test_another_organisation_sees_nothing(school: Organisation, owner: User, outsider: User):
    record = stored_log(school, owner)
    client = client_for(outsider)
    assert client.get(reverse("followup:log", args=[record.pk])).status_code == 404
    assert client.get(reverse("followup:download", args=[record.pk, "json"])).status_code == 404
    for fmt in ("html", "pdf"):
        assert client.get(reverse("followup:report", args=[record.pk, fmt])).status_code == 404
    assert "hand.csv" not in client.get(reverse("followup:index")).content.decode()


def _year_cells(client, record: EventLogRecord) -> dict[tuple[str, str], dict]:
    data = json.loads(client.get(
        reverse("followup:download", args=[record.pk, "json"]), {"period": "year"}
    ).content)
    return {(i["id"], group): cell for p in data["periods"] for i in p["indicators"]
            for group, cell in i["groups"].items()}


def test_pages_and_downloads_are_built_from_the_protection_kept_with_the_log(
    school: Organisation, owner: User
):
    record = stored_log(school, owner)
    # Worked out when the log was stored, not when it is first viewed.
    assert record.protection is not None
    assert EventLogRecord.objects.get(pk=record.pk).protection == record.protection
    # One more figure hidden in what is kept — Norr's six reports in 2024 — is hidden on the
    # page and in every download: they are built from the kept result, not worked out again.
    kept = record.protection
    kept["views"]["unit/year"].append(["2024", "reports_received", "Norr", "secondary"])
    EventLogRecord.objects.filter(pk=record.pk).update(protection=kept)
    client = client_for(owner)
    cell = _year_cells(client, record)[("reports_received", "Norr")]
    assert cell["status"] == "secondary" and "value" not in cell


def test_a_log_kept_by_an_older_version_is_protected_again_before_it_is_shown(
    school: Organisation, owner: User
):
    record = stored_log(school, owner)
    expected = record.protection
    EventLogRecord.objects.filter(pk=record.pk).update(protection={"version": 1})
    client = client_for(owner)
    # Nothing is shown from a protection this version did not make: it is worked out again.
    response = client.get(reverse("followup:download", args=[record.pk, "json"]))
    assert response.status_code == 302
    assert "Skyddar små tal" in client.get(response["Location"]).content.decode()
    run_worker()
    cell = _year_cells(client, record)[("reports_received", "Norr")]
    assert cell["status"] == "value" and cell["value"] == 6
    assert EventLogRecord.objects.get(pk=record.pk).protection == expected


def test_a_log_that_cannot_be_protected_in_time_is_refused_its_events_deleted(
        school: Organisation, owner: User, settings):
    from samverkan.web.audit.models import AuditEvent

    # No time at all: the audit's first round is already too late.
    settings.PROTECTION_SECONDS = 1e-9
    client = client_for(owner)
    response = _upload(client, school, "hand.csv", (EVENTLOGS / "hand.csv").read_bytes())
    record = EventLogRecord.objects.get()
    assert response.status_code == 302
    run_worker()
    record.refresh_from_db()
    assert record.state == "refused" and bytes(record.events_csv_gz) == b""
    assert record.protection is None
    page = client.get(reverse("followup:log", args=[record.pk])).content.decode()
    assert "Händelseloggen avvisades" in page and "hann inte räknas fram på 0 sekunder" in page
    assert "Hela kommunen" not in page and "Norr" not in page
    for fmt in ("json", "xlsx"):
        assert client.get(reverse("followup:download", args=[record.pk, fmt])).status_code == 302
    english = client_for(owner)
    english.cookies["django_language"] = "en"
    page = english.get(reverse("followup:log", args=[record.pk]),
                       HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "could not be worked out in 0 seconds" in page
    # The trail says it was refused; the uploader removes the entry.
    trail = AuditEvent.objects.filter(object_id=str(record.pk)).order_by("id")
    assert [e.action for e in trail] == ["create", "change"]
    assert trail[1].after["protection"] == "refused" and trail[1].user is None
    response = client.post(reverse("followup:delete", args=[record.pk]))
    assert response.status_code == 302 and not EventLogRecord.objects.exists()
