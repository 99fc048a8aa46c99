"""Storing and removing event logs: the only writes the follow-up pages make."""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

from django.db import transaction

from samverkan.followup.protection import protect, protected_views
from samverkan.followup.suppression import SuppressedTable, View
from samverkan.formats.eventlog import EventLog, write_event_log
from samverkan.formats.identity_numbers import refuse_identity_numbers
from samverkan.web.accounts.access import User, account
from samverkan.web.accounts.models import Organisation
from samverkan.web.audit.models import Action, Kind
from samverkan.web.audit.record import record_event
from samverkan.web.followup.models import EventLogRecord


@transaction.atomic
def store_event_log(*, organisation: Organisation, user: User | None, name: str,
                    source: str, log: EventLog) -> EventLogRecord:
    """Keep a checked log for its organisation; its name and file name are checked too, as
    they are shown and kept in the audit trail for good."""
    refuse_identity_numbers({"namn / name": name, "fil / file": source})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "log.csv"
        write_event_log(log, path)
        data = gzip.compress(path.read_bytes(), mtime=0)
    first, last = log.span()
    record = EventLogRecord.objects.create(
        organisation=organisation, name=name or source, source=source, events_csv_gz=data,
        events=log.count(), cases=log.count("cases"), units=log.count("units"),
        first_day=first, last_day=last, uploaded_by=account(user), protection=protect(log),
    )
    record_event(organisation=organisation, user=user, action=Action.CREATE,
                 kind=Kind.EVENT_LOG, object_id=record.pk, label=record.name,
                 after=_described(record))
    return record


def protection_of(record: EventLogRecord) -> dict[View, SuppressedTable]:
    """Every view of a stored log as it may be shown, from the protection kept with it; a log
    kept without one (or with one an older version made) gets it worked out now, once."""
    log = record.to_log()
    views = protected_views(log, record.protection)
    if views is None:
        record.protection = protect(log)
        record.save(update_fields=["protection"])
        views = protected_views(log, record.protection)
        assert views is not None  # just made for this very log
    return views


@transaction.atomic
def delete_event_log(*, record: EventLogRecord, user: User | None) -> None:
    record_event(organisation=record.organisation, user=user, action=Action.DELETE,
                 kind=Kind.EVENT_LOG, object_id=record.pk, label=record.name,
                 before=_described(record))
    record.delete()


def _described(record: EventLogRecord) -> dict[str, object]:
    # The trail describes a log; it never holds its rows.
    return {"name": record.name, "source": record.source, "events": record.events,
            "cases": record.cases, "units": record.units,
            "first_day": record.first_day.isoformat(), "last_day": record.last_day.isoformat()}
