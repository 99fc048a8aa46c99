"""Taking identity numbers out of what a database already holds.

Before every stored text was checked, a name such as `Barn 121212-1212 Väster` could be kept in
a log's name and file name, a case, a salary table, an organisation's name and, through them,
in the audit trail. `redact_stored_identity_numbers` cuts every such number out of those
texts (and out of every string and key inside the stored documents), leaving the rest as it
was written. It runs once, as a migration; from then on nothing holding a number is written.

A stored event log whose rows hold a number in a form the guard did not know then (`121212 1212`,
full-width digits, …) cannot be mended: the number may be a case's only key. Such a log is
removed, with an audit event saying so (`remove_logs_holding_identity_numbers`); its
organisation uploads it again once the numbers are replaced by pseudonyms.

The audit trail is otherwise never changed: this is the one exception, made with a queryset
update because an event's own `save` refuses every change. What the trail loses is only the
number, which it should never have held.
"""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path
from typing import Any

from samverkan.errors import IdentityNumberError
from samverkan.formats.eventlog import read_event_log
from samverkan.formats.identity_numbers import redacted

__all__ = ["redact_stored_identity_numbers", "remove_logs_holding_identity_numbers",
           "redacted_data"]

# (app, model, text fields, document fields): every field a person's words can reach.
_FIELDS: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("accounts", "Organisation", ("name",), ()),
    ("cases", "CaseRecord", ("name",), ("data",)),
    ("cases", "SalaryTable", ("name",), ("roles",)),
    ("followup", "EventLogRecord", ("name", "source"), ()),
    ("audit", "AuditEvent", ("label",), ("before", "after")),
)


def redacted_data(data: Any) -> Any:
    """A JSON document with the numbers cut out of every string and key, the rest unchanged.

    The same text is cut the same way wherever it stands, so that an id and every reference
    to it still agree.
    """
    if isinstance(data, dict):
        return {redacted(k) if isinstance(k, str) else k: redacted_data(v)
                for k, v in data.items()}
    if isinstance(data, list):
        return [redacted_data(item) for item in data]
    if isinstance(data, str):
        return redacted(data)
    return data


def redact_stored_identity_numbers(apps: Any) -> int:
    """Cut every identity number out of the stored texts; return how many rows changed."""
    changed = 0
    for app, name, texts, documents in _FIELDS:
        model = apps.get_model(app, name)
        for row in model.objects.only("pk", *texts, *documents).iterator():
            updates: dict[str, Any] = {}
            for field in texts:
                value = getattr(row, field)
                if isinstance(value, str) and redacted(value) != value:
                    updates[field] = redacted(value)
            for field in documents:
                value = getattr(row, field)
                cleaned = redacted_data(value)
                if cleaned != value:
                    updates[field] = cleaned
            if updates:
                model.objects.filter(pk=row.pk).update(**updates)
                changed += 1
    return changed


def remove_logs_holding_identity_numbers(apps: Any) -> int:
    """Delete every stored log that the identity-number guard now refuses, each with an
    audit event; return how many were removed."""
    logs = apps.get_model("followup", "EventLogRecord")
    events = apps.get_model("audit", "AuditEvent")
    removed = 0
    for record in logs.objects.iterator():
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "log.csv"
            path.write_bytes(gzip.decompress(bytes(record.events_csv_gz)))
            try:
                read_event_log(path).close()
            except IdentityNumberError:
                pass
            except Exception:  # any other problem is not this function's to mend
                continue
            else:
                continue
        events.objects.create(
            organisation_id=record.organisation_id, user=None, username="",
            action="delete", kind="event_log", object_id=str(record.pk),
            label=redacted(record.name)[:300],
            before={"name": redacted(record.name), "source": redacted(record.source),
                    "events": record.events, "cases": record.cases, "units": record.units,
                    "reason": "personnummer eller samordningsnummer i loggen / "
                              "identity numbers in the log"},
        )
        record.delete()
        removed += 1
    return removed
