"""Storing, protecting and removing event logs: the only writes the follow-up pages make.

A log is stored by its upload in one quick step — read, checked, identity numbers refused —
as *being protected*, together with a background task (`tasks.protect_log`) that works out its
small-count protection and marks it ready, or refused with the reason and its events deleted
when it cannot be protected within `settings.PROTECTION_SECONDS`. Nothing of a log is shown
until it is ready.
"""

from __future__ import annotations

import gzip
import logging
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from samverkan.errors import ProtectionTooSlowError
from samverkan.followup.protection import progress_data, protect, protected_views
from samverkan.followup.suppression import Audit, SuppressedTable, View
from samverkan.formats.eventlog import EventLog, write_event_log
from samverkan.formats.identity_numbers import refuse_identity_numbers
from samverkan.web.accounts.access import User, account
from samverkan.web.accounts.models import Organisation
from samverkan.web.audit.models import Action, Kind
from samverkan.web.audit.record import record_event
from samverkan.web.followup.models import EventLogRecord, ProtectionState
from samverkan.web.uploads import private_folder

logger = logging.getLogger(__name__)

# The progress kept while a task works is written at most this often: a page polls every few
# seconds, and a write per round of a fast audit would only load the database.
PROGRESS_EVERY_SECONDS = 0.5

# What a refusal for any other reason than time says: the cause is in no message, as it could
# quote the data.
_FAILED = {
    "sv": "Skyddet av små tal kunde inte räknas fram för den här loggen. Händelserna har tagits "
          "bort; läs in loggen igen, och hör av dig till den som sköter Samverkan om det "
          "händer igen.",
    "en": "The protection of small counts could not be worked out for this log. Its events "
          "have been deleted; import the log again, and tell whoever runs Samverkan if it "
          "happens again.",
}


@transaction.atomic
def store_event_log(*, organisation: Organisation, user: User | None, name: str,
                    source: str, log: EventLog) -> EventLogRecord:
    """Keep a checked log for its organisation, to be protected in the background; its name
    and file name are checked too, as they are shown and kept in the audit trail for good."""
    from samverkan.web.followup.tasks import protect_log

    refuse_identity_numbers({"namn / name": name, "fil / file": source})
    with private_folder() as folder:
        path = Path(folder) / "log.csv"
        write_event_log(log, path)
        data = gzip.compress(path.read_bytes(), mtime=0)
    first, last = log.span()
    record = EventLogRecord.objects.create(
        organisation=organisation, name=name or source, source=source, events_csv_gz=data,
        events=log.count(), cases=log.count("cases"), units=log.count("units"),
        first_day=first, last_day=last, uploaded_by=account(user),
        state=ProtectionState.PROTECTING, protection=None,
    )
    record_event(organisation=organisation, user=user, action=Action.CREATE,
                 kind=Kind.EVENT_LOG, object_id=record.pk, label=record.name,
                 after=_described(record))
    # In the same transaction: the log is never kept without the task that protects it.
    protect_log.enqueue(record.pk)
    return record


def protection_of(record: EventLogRecord) -> dict[View, SuppressedTable] | None:
    """Every view of a ready log as it may be shown, from the protection kept with it; None
    while it is not ready. A log whose kept protection an older version made (or none) is
    sent back to be protected again, and shows nothing until then."""
    if record.state != ProtectionState.READY:
        return None
    views = protected_views(record.to_log(), record.protection)
    if views is None:
        reprotect(record)
    return views


def reprotect(record: EventLogRecord) -> None:
    from samverkan.web.followup.tasks import protect_log

    with transaction.atomic():
        if EventLogRecord.objects.filter(pk=record.pk, state=ProtectionState.READY).update(
                state=ProtectionState.PROTECTING, progress=None, protection_started=None):
            protect_log.enqueue(record.pk)
    record.state = ProtectionState.PROTECTING


def resume_protection() -> int:
    """Queue again every log still being protected, e.g. after a worker was stopped in the
    middle of one; the task does nothing for a log that is protected meanwhile. Returns how
    many were queued."""
    from samverkan.web.followup.tasks import protect_log

    waiting = set(EventLogRecord.objects.filter(state=ProtectionState.PROTECTING)
                  .values_list("pk", flat=True))
    if settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
        from django_tasks_db.models import DBTaskResult

        # Those whose task still waits in the queue need no other.
        queued = DBTaskResult.objects.filter(status="READY", task_path=protect_log.module_path)
        waiting -= {args["args"][0] for args in queued.values_list("args_kwargs", flat=True)
                    if args.get("args")}
    for pk in sorted(waiting):
        protect_log.enqueue(pk)
    return len(waiting)


class _Gone(Exception):
    """The log was deleted (or protected elsewhere) while its protection was worked out."""


def work_out_protection(log_id: int) -> str:
    """The background task's work: protect one stored log and mark it ready, or refused.
    Returns the state it ends in ("gone" for a log no longer waiting)."""
    waiting = EventLogRecord.objects.filter(pk=log_id, state=ProtectionState.PROTECTING)
    record = waiting.first()
    if record is None:
        return "gone"
    waiting.update(protection_started=timezone.now(), progress=progress_data(Audit()))
    last_write = time.monotonic()

    def report(audit: Audit) -> None:
        nonlocal last_write
        if time.monotonic() - last_write < PROGRESS_EVERY_SECONDS:
            return
        last_write = time.monotonic()
        if not waiting.update(progress=progress_data(audit)):
            raise _Gone

    audit = Audit()

    def tracked(found: Audit) -> None:
        nonlocal audit
        audit = found
        report(found)

    try:
        protection = protect(record.to_log(), seconds=settings.PROTECTION_SECONDS,
                             progress=tracked)
    except _Gone:
        return "gone"
    except ProtectionTooSlowError:
        return _refuse(record, _too_slow(settings.PROTECTION_SECONDS), audit)
    except Exception:  # noqa: BLE001 - whatever failed, the log must not stay half-done
        # Only the log's number: an error's text could quote the data.
        logger.error("The protection of event log %s failed", log_id)
        return _refuse(record, _FAILED, audit)
    with transaction.atomic():
        if not waiting.update(state=ProtectionState.READY, protection=protection,
                              progress=progress_data(audit)):
            return "gone"
        record_event(organisation=record.organisation, user=None, action=Action.CHANGE,
                     kind=Kind.EVENT_LOG, object_id=record.pk, label=record.name,
                     before={"protection": ProtectionState.PROTECTING.value},
                     after={"protection": ProtectionState.READY.value,
                            "seconds": round(audit.seconds, 1)})
    return ProtectionState.READY.value


def _too_slow(seconds: float) -> dict[str, str]:
    if seconds >= 120:
        sv, en = f"{seconds / 60:.0f} minuter", f"{seconds / 60:.0f} minutes"
    else:
        sv, en = f"{seconds:.0f} sekunder", f"{seconds:.0f} seconds"
    return {
        "sv": f"Skyddet av små tal hann inte räknas fram på {sv}: loggen har för många "
              "enheter, skolor eller anmälartyper med få ärenden var. Slå ihop små enheter i "
              "loggen, eller dela upp den i kortare tidsperioder, och ladda upp den igen.",
        "en": f"The protection of small counts could not be worked out in {en}: the log has "
              "too many units, schools or reporter types with few cases each. Merge small "
              "units in the log, or split it into shorter spans of time, and upload it again.",
    }


def _refuse(record: EventLogRecord, reason: dict[str, str], audit: Audit) -> str:
    """Mark a log refused with its reason and delete its events: nothing of it can be shown;
    its entry stays, so that its uploader learns why, until they remove it."""
    with transaction.atomic():
        if not EventLogRecord.objects.filter(
                pk=record.pk, state=ProtectionState.PROTECTING).update(
                state=ProtectionState.REFUSED, refusal=reason, events_csv_gz=b"",
                protection=None, progress=progress_data(audit)):
            return "gone"
        record_event(organisation=record.organisation, user=None, action=Action.CHANGE,
                     kind=Kind.EVENT_LOG, object_id=record.pk, label=record.name,
                     before={"protection": ProtectionState.PROTECTING.value},
                     after={"protection": ProtectionState.REFUSED.value,
                            "events": "deleted / borttagna", "reason": reason["en"]})
    return ProtectionState.REFUSED.value


@transaction.atomic
def delete_event_log(*, record: EventLogRecord, user: User | None) -> None:
    record_event(organisation=record.organisation, user=user, action=Action.DELETE,
                 kind=Kind.EVENT_LOG, object_id=record.pk, label=record.name,
                 before=_described(record))
    record.delete()


def _described(record: EventLogRecord) -> dict[str, Any]:
    # The trail describes a log; it never holds its rows.
    # No count of events: it adds up every case's reports, decisions, meetings and feedback and
    # would give hidden counts back (see the follow-up page).
    return {"name": record.name, "source": record.source,
            "cases": record.cases, "units": record.units,
            "first_day": record.first_day.isoformat(), "last_day": record.last_day.isoformat()}
