"""The background task that protects a stored log: what it records while it works, what it does
when the log goes away or the work fails, and how a stopped worker's logs are taken up again."""

from __future__ import annotations

import logging

import pytest
from django.contrib.auth.models import User
from django_tasks_db.models import DBTaskResult

from samverkan.followup.family import all_views
from samverkan.followup.suppression import Audit, suppress_family
from samverkan.web.accounts.models import Organisation
from samverkan.web.followup import actions
from samverkan.web.followup.models import EventLogRecord
from tests.web.conftest import run_worker, stored_log

pytestmark = pytest.mark.django_db


def test_the_progress_kept_is_the_audit_of_the_protection(
        school: Organisation, owner: User, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(actions, "PROGRESS_EVERY_SECONDS", 0.0)
    seen: list[dict[str, object]] = []
    # Every write of the progress, as a page polling at that moment would read it.
    original = actions.progress_data

    def recorded(audit: Audit) -> dict[str, object]:
        data = original(audit)
        seen.append(data)
        return data

    monkeypatch.setattr(actions, "progress_data", recorded)
    record = stored_log(school, owner, protected=False)
    assert record.state == "protecting" and record.progress is None
    run_worker()
    record.refresh_from_db()
    # The same rounds and programs as the audit of the same log worked out here.
    audit = Audit()
    suppress_family(all_views(record.to_log()), audit=audit, seconds=None)
    assert record.state == "ready" and record.protection_started is not None
    assert record.progress["rounds"] == audit.rounds and record.progress["open"] == 0
    assert record.progress["programs"] == audit.programs
    rounds = [d["rounds"] for d in seen]
    assert rounds == sorted(rounds) and rounds[0] == 0 and rounds[-1] == audit.rounds


def test_a_log_deleted_before_its_turn_is_left_alone(school: Organisation, owner: User):
    record = stored_log(school, owner, protected=False)
    actions.delete_event_log(record=record, user=owner)
    run_worker()
    result = DBTaskResult.objects.get()
    assert result.status == "SUCCESSFUL" and result.return_value == "gone"


def test_a_failure_refuses_the_log_without_its_words_reaching_the_log_or_page(
        school: Organisation, owner: User, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture):
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("191212-1212 i cell B7")

    monkeypatch.setattr(actions, "protect", broken)
    record = stored_log(school, owner, protected=False)
    with caplog.at_level(logging.INFO):
        run_worker()
    record.refresh_from_db()
    assert record.state == "refused" and bytes(record.events_csv_gz) == b""
    assert "kunde inte räknas fram" in record.refusal["sv"]
    assert "could not be worked out" in record.refusal["en"]
    assert "1212" not in caplog.text and "B7" not in str(record.refusal)
    # The task ends as done, so no traceback is kept in the task's own table either.
    assert DBTaskResult.objects.get().traceback == ""


def test_logs_left_protecting_are_taken_up_again_once(school: Organisation, owner: User):
    waiting = stored_log(school, owner, protected=False)
    stopped = stored_log(school, owner, name="hand.csv", protected=False)
    # A worker stopped in the middle: its task was taken and never finished.
    DBTaskResult.objects.filter(args_kwargs__args=[stopped.pk]).update(status="RUNNING")
    assert actions.resume_protection() == 1  # the other still waits in the queue
    assert actions.resume_protection() == 0
    run_worker()
    assert {r.state for r in EventLogRecord.objects.all()} == {"ready"}
    assert waiting.pk != stopped.pk


def test_a_log_no_worker_takes_says_who_can_help(school: Organisation, owner: User):
    import datetime as dt

    from django.urls import reverse
    from django.utils import timezone

    from tests.web.conftest import client_for

    record = stored_log(school, owner, protected=False)
    client = client_for(owner)
    page = client.get(reverse("followup:log", args=[record.pk])).content.decode()
    assert "Väntar på sin tur" in page and "ingen bakgrundsprocess" not in page
    EventLogRecord.objects.filter(pk=record.pk).update(
        uploaded=timezone.now() - dt.timedelta(minutes=2))
    page = client.get(reverse("followup:progress", args=[record.pk])).content.decode()
    assert "ingen bakgrundsprocess har tagit den" in page and "samverkan worker" in page
